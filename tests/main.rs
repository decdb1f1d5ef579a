//! The workspace's integration tests, compiled as one binary. One module per area.

/// The advisor: every suggestion checked against `score` over random inputs (its gain, and
/// that no smaller change raises the item), hand-worked advice per rubric from
/// `tests/advice/*.toml`, and `spacescore advise`.
mod advice;
/// `spacescore batch` and `template --xlsx` against hostile spreadsheets: every case is
/// scored exactly as the engine scores it, or refused with its row and column.
mod batch;
/// The rubric checker: the built-in rubrics pass every invariant, and altered copies that
/// break one are refused with a message naming the place.
mod checker;
/// The `spacescore` command, run in-process.
mod cli;
/// Consistency warnings: every rule warns as soon as the figures it compares are filled in.
mod consistency;
/// Drafting rubric files from the documents' tables: every table of `tests/draft/` against
/// the hand-written rubric of its name (structure, and rules scored over a sweep), the same
/// table as `.docx`, `.xlsx` and CSV, every kind's worked example and phrases, hostile
/// tables.
mod drafting;
/// Worked examples from `tests/examples/*.toml`, computed by hand from the source documents.
mod examples;
/// What the `spacescore` process does to files, run as a process: output never destroys a
/// file (devices, FIFOs and links stay what they are, an input is never an output, a failure
/// changes nothing), and reading stops at its limit.
#[cfg(unix)]
mod files;
/// Fuzzing the rubric file reader and the compiled-form decoder with mutated real rubrics.
mod fuzz;
/// Hostile input through every door (the CLI and the JS API's Rust side), one table.
mod hostile;
/// Reading what people type: numbers, yes/no, checklists, and the messages for bad input.
mod inputs;
/// Every kind of term against its own worked example, through every part of the engine.
mod kinds;
/// Notes written for the applicant: what a rubric's page shows speaks of that document only,
/// in plain words, with no nested brackets in a label; worked examples cite documents by name.
mod notes;
/// Officials' tools: headers people write (Chinese names, units, periods, the template's
/// three-line header) and every message of the CLI in both languages from one source.
mod officials;
/// Properties over random inputs: no panics, scores within bounds, totals add up, monotonicity.
mod properties;
/// Nothing dropped or scored in silence: saved work of another rubric, figures beside `values`.
mod reliability;
/// Plain-text breakdowns of whole reports, snapshotted.
mod snapshots;
/// The generated sentences (explanations, suggestions) over random figures: no seams.
mod wording;
