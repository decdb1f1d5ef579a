//! The `spacescore` command, as a library so the tests can run it in-process.
//!
//! ```text
//! spacescore list [--rubric FILE]          one rubric id per line, a tab, its Chinese name
//! spacescore describe [--rubric FILE] ID   the rubric as JSON
//! spacescore score [--rubric FILE] ID [INPUT|-]
//!                                          score one space from a JSON object of field id → value
//! spacescore advise [--rubric FILE] ID [INPUT|-]
//!                                          what would raise that space's score, as JSON
//! spacescore batch [--rubric FILE] ID FILE [-o OUT] [--sheet NAME] [--allow-unknown]
//!                                          score one space per row of a CSV or .xlsx file
//!                                          (header = field ids); CSV out, or .xlsx for OUT.xlsx
//! spacescore template [--rubric FILE] ID [--xlsx] [-o FILE]
//!                                          a CSV header row for `batch`, or an .xlsx template
//! spacescore check FILE...                 check rubric files and list every problem
//! spacescore draft TABLE [-o OUT.toml]     draft a rubric file from a document's table
//!                                          (.tsv/.txt pasted text, .csv, .docx or .xlsx)
//! spacescore compile FILE -o DIR           write a rubric file's rubrics in compiled form
//! spacescore publish SITE FILE...          put rubrics on a copy of the site (dist/)
//! ```
//!
//! `--rubric FILE` (a rubric file, or a compiled rubric) adds that file's rubrics to the
//! built-in ones; where the file defines one rubric, its id may be left out.
//!
//! Exit codes: 0 when the command ran (field errors are reported in the output, not by the
//! exit code); 1 when an input or rubric file cannot be read or has problems; 2 for a usage
//! error or an unknown rubric.

#![forbid(unsafe_code)]

mod batch;
mod checking;
mod drafting;
mod input;
pub mod messages;
mod output;
pub mod publish;
mod rubrics;

use std::fmt;
use std::io::{Read, Write};
use std::path::Path;

use clap::{Parser, Subcommand};
use spacescore_core::text::quote_short;
use spacescore_core::{advise, describe, json_inputs, score, Inputs, Lang, ScoreOutput, Text};
use spacescore_sheets::template;

use crate::messages as m;
use crate::output::{shown, Target};
/// The fields a batch file can fill, in the template's order (from `spacescore-sheets`).
pub use spacescore_sheets::template_fields;

/// Why the command could not run.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong; the message says how to use it.
    Usage(Text),
    /// The rubric id is unknown.
    UnknownRubric(String),
    /// The input cannot be read at all (missing file, not JSON, not CSV), or a rubric file
    /// has problems (listed).
    Unreadable(Text),
    /// Writing the output failed.
    Output(std::io::Error),
}

impl CliError {
    /// The message in both languages.
    pub fn text(&self) -> Text {
        match self {
            CliError::Usage(t) | CliError::Unreadable(t) => t.clone(),
            CliError::UnknownRubric(id) => m::UNKNOWN_RUBRIC.fill(&[&quote_short(id)]),
            CliError::Output(e) => m::CANNOT_WRITE.fill(&[e]),
        }
    }
}

/// In English; [`CliError::text`] has both languages.
impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Unreadable(_) | CliError::Output(_) => 1,
            CliError::Usage(_) | CliError::UnknownRubric(_) => 2,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}

/// Exact, explained scores for maker-space and incubator evaluation rubrics.
#[derive(Debug, Parser)]
#[command(
    name = "spacescore",
    version,
    about = "Exact, explained scores for maker-space and incubator evaluation rubrics",
    after_help = "A RUBRIC FILE is a rubric written as data (see docs/authoring.md) or its compiled \
form; with --rubric FILE its rubrics are scored exactly like the built-in ones, and where the \
file defines one rubric its ID may be left out.\n\nExit codes: 0 ran; 1 a file cannot be read \
or has problems; 2 usage error or unknown rubric."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages, headers and words: zh (Chinese) or en (English, with ids
    /// for programs); without it, the locale's (LC_ALL, LC_MESSAGES, LANG starting with zh:
    /// Chinese)
    #[arg(long, global = true, value_parser = ["en", "zh"])]
    lang: Option<String>,
}

/// The language the command speaks: `--lang zh|en` among `args` (before or after the
/// command), else the locale's: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and
/// not empty, Chinese when it starts with `zh`. `env` reads a variable.
pub fn lang_of(args: &[String], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut given = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            given = it.next().cloned();
        } else if let Some(v) = a.strip_prefix("--lang=") {
            given = Some(v.to_string());
        }
    }
    match given.as_deref() {
        Some("zh") => return Lang::Zh,
        Some("en") => return Lang::En,
        _ => {}
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| env(v))
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.starts_with("zh") => Lang::Zh,
        _ => Lang::En,
    }
}

/// The language of the process: [`lang_of`] its arguments and environment.
fn lang_here(args: &[String]) -> Lang {
    lang_of(args, |v| std::env::var(v).ok())
}

/// The rubric files to load besides the built-in rubrics.
#[derive(Debug, clap::Args)]
struct RubricFiles {
    /// A rubric file (TOML) or compiled rubric to load; may be given more than once
    #[arg(long = "rubric", value_name = "FILE")]
    files: Vec<String>,
}

/// What `draft` reads and the document's facts it is given.
#[derive(Debug, clap::Args)]
struct DraftArgs {
    /// The table: .tsv/.txt (pasted text), .csv, .docx or .xlsx; - reads standard input
    #[arg(value_name = "TABLE")]
    table: String,
    /// Write the rubric file to OUT (a new file); standard output without it
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    out: Option<String>,
    /// The table of a .docx file to read, from 1 (default: the first rubric table)
    #[arg(long = "table", value_name = "N")]
    which: Option<usize>,
    /// The sheet of an .xlsx file to read (default: the first)
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// The document's title (default: the table's title row, if any)
    #[arg(long)]
    title: Option<String>,
    /// Who issued the document (发文单位)
    #[arg(long)]
    issuer: Option<String>,
    /// The document's year
    #[arg(long)]
    year: Option<String>,
    /// The region, in Chinese
    #[arg(long)]
    region: Option<String>,
    /// The region, in English
    #[arg(long)]
    region_en: Option<String>,
    /// The type of space, in Chinese (where the weight columns do not name one)
    #[arg(long)]
    space_type: Option<String>,
    /// The type of space, in English
    #[arg(long)]
    space_type_en: Option<String>,
    /// The rubric id, region/type (numbered -1, -2… for several weight columns)
    #[arg(long)]
    id: Option<String>,
    /// The rubric's version
    #[arg(long)]
    version: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One rubric id per line, a tab, and its Chinese name
    List {
        #[command(flatten)]
        rubrics: RubricFiles,
    },
    /// The rubric as JSON: its document, groups, items, inputs and readings
    Describe {
        #[command(flatten)]
        rubrics: RubricFiles,
        /// The rubric id (may be left out with a --rubric file of one rubric)
        #[arg(value_name = "ID")]
        args: Vec<String>,
    },
    /// Score one space: a JSON object of field id → value (or a file exported from the page);
    /// with --xlsx or --docx, the applicant's filing (the filled 自评表) instead of JSON
    Score {
        #[command(flatten)]
        rubrics: RubricFiles,
        /// [ID] [INPUT|-]: the rubric id, then the input file (- or nothing reads stdin)
        #[arg(value_name = "ID INPUT")]
        args: Vec<String>,
        /// Write the filing as an .xlsx workbook: the district template's row (what batch
        /// reads) and the filled 自评表 (needs -o FILE.xlsx)
        #[arg(long, conflicts_with = "docx")]
        xlsx: bool,
        /// Write the filled 自评表 as a Word document (needs -o FILE.docx)
        #[arg(long)]
        docx: bool,
        /// The applicant (申报单位) the filing names
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Write to FILE instead of standard output
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<String>,
    },
    /// What would raise one space's score: for every item the smallest change to one input
    /// and its gain, ranked; the headroom per group; the points missing to the next grade
    Advise {
        #[command(flatten)]
        rubrics: RubricFiles,
        /// [ID] [INPUT|-]: the rubric id, then the input file (- or nothing reads stdin)
        #[arg(value_name = "ID INPUT")]
        args: Vec<String>,
    },
    /// Score one space per row of a CSV or .xlsx file (header = field ids)
    #[command(
        after_help = "The CSV may be UTF-8 (with or without BOM), GB18030 or UTF-16 \
(Excel's \"Unicode text\"), separated by commas, semicolons, tabs or full-width commas (，); \
each file's are found by reading it. A column that is not a field stops the batch (with the \
closest field id) unless --allow-unknown; `name` is always copied through. Row problems and \
a summary line go to standard error."
    )]
    Batch {
        #[command(flatten)]
        rubrics: RubricFiles,
        /// [ID] FILE...: the rubric id, then the CSV or .xlsx file; or several files (the
        /// applicants' .xlsx filings, the page's JSON exports), read into one table whose
        /// rows name their file
        #[arg(value_name = "ID FILE")]
        args: Vec<String>,
        /// Write the results to OUT: an .xlsx workbook (sheets results, items, errors) when
        /// OUT ends in .xlsx, else CSV; standard output (CSV) without it
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: Option<String>,
        /// The sheet of an .xlsx file to read (default: the first)
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Copy columns that are not fields of the rubric into the output instead of
        /// refusing the file
        #[arg(long)]
        allow_unknown: bool,
    },
    /// A file to fill in for batch: a CSV header row, or with --xlsx a workbook with
    /// bilingual headers, units and each field's allowed values
    Template {
        #[command(flatten)]
        rubrics: RubricFiles,
        /// The rubric id (may be left out with a --rubric file of one rubric)
        #[arg(value_name = "ID")]
        args: Vec<String>,
        /// Write an .xlsx workbook (needs -o FILE.xlsx)
        #[arg(long)]
        xlsx: bool,
        /// Write to FILE instead of standard output
        #[arg(short = 'o', long = "out", value_name = "FILE")]
        out: Option<String>,
    },
    /// Check rubric files and print every problem with its file, line and place
    Check {
        /// The rubric files
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },
    /// Draft a rubric file from a document's table: the rules recognised in its words, every
    /// cell quoted, and per item what was read and what needs review
    #[command(
        after_help = "TABLE is text copied from Word, WPS or Excel (tab-separated, first the header \
row; .tsv, .txt, or - for standard input), a .csv, a .docx (its first table with a rubric table's \
header, or --table N) or an .xlsx file (its first sheet, or --sheet NAME). Without -o the rubric \
file goes to standard output and the report to standard error. A draft never writes over a file \
that exists. Exit codes: 0 the draft is written (its problems, if any, are listed to fix); 1 the \
table cannot be read or has no header row; 2 usage.\n\n从 Word、WPS 或 Excel 复制的表格文字（制表符分隔，\
第一行为表头）、.csv、.docx 或 .xlsx 文件；不写 -o 时评价表文件输出到标准输出，报告输出到标准错误；草稿不会覆盖已有的文件。"
    )]
    Draft {
        #[command(flatten)]
        args: Box<DraftArgs>,
    },
    /// Write a rubric file's rubrics in compiled form (what the page fetches), one file each
    Compile {
        /// The rubric file
        #[arg(value_name = "FILE")]
        file: String,
        /// The folder to write into: DIR/<region>/<type>.bin
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: String,
    },
    /// Put the rubrics of rubric files on a copy of the site: SITE/rubrics/<id>.bin and the
    /// index the page lists them from
    Publish {
        /// The site's folder (a copy of dist/)
        #[arg(value_name = "SITE")]
        site: String,
        /// The rubric files
        #[arg(value_name = "FILE", required = true)]
        files: Vec<String>,
    },
}

/// Runs the command with `args` (without the program name). Messages about individual
/// rows of a batch, and notes about loaded files, go to `err`.
///
/// # Errors
/// A [`CliError`] when the command cannot run; its [`CliError::exit_code`] is the exit code.
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    run_with(args, stdin, out, err, false)
}

/// [`run`], with a progress bar for a long batch on the process's standard error when
/// `progress` (the process's standard error is a terminal).
///
/// # Errors
/// As [`run`].
pub fn run_with(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
) -> Result<(), CliError> {
    let cli = match Cli::try_parse_from(
        std::iter::once("spacescore".to_string()).chain(args.iter().cloned()),
    ) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    write!(out, "{}", e.render())?;
                    Ok(())
                }
                // clap quotes the arguments it did not expect: escape what is invisible.
                _ => {
                    let shown = escape_lines(e.render().to_string().trim_end());
                    Err(CliError::Usage(Text::new(shown.clone(), shown)))
                }
            };
        }
    };
    let lang = lang_here(args);
    match cli.command {
        Command::List { rubrics } => {
            let loaded = rubrics::load(&rubrics.files, err)?;
            for r in loaded.catalog.rubrics() {
                writeln!(out, "{}\t{}", r.id(), r.name().zh)?;
            }
            Ok(())
        }
        Command::Describe { rubrics, args } => {
            let loaded = rubrics::load(&rubrics.files, err)?;
            let (r, rest) = loaded.pick(&args)?;
            no_more(rest, "describe")?;
            write_json(out, &describe(r))
        }
        Command::Score {
            rubrics,
            args,
            xlsx,
            docx,
            name,
            out: to,
        } => {
            let loaded = rubrics::load(&rubrics.files, err)?;
            let (r, rest) = loaded.pick(&args)?;
            let ext = if xlsx { ".xlsx" } else { ".docx" };
            if (xlsx || docx) && to.as_deref().is_none_or(|o| o == "-") {
                let option = format!("--{}", ext.trim_start_matches('.'));
                return Err(CliError::Usage(m::FILING_NEEDS_OUT.fill(&[&option, &ext])));
            }
            let doc = input_document(stdin, rest, "score")?;
            if xlsx || docx {
                // `--name`, else the applicant the exported work names.
                let applicant = name
                    .or_else(|| doc.saved.as_ref().and_then(|h| h.applicant.clone()))
                    .unwrap_or_default();
                let report = score(r, &doc.inputs);
                let filing = spacescore_filing::Filing {
                    rubric: r,
                    inputs: &doc.inputs,
                    report: &report,
                    applicant: &applicant,
                };
                let inputs = output::Inputs::default()
                    .add(m::ROLE_INPUT, rest)
                    .add(m::ROLE_RUBRIC, &rubrics.files);
                let target = Target::of(to.as_deref(), &inputs)?;
                let bytes = if xlsx {
                    spacescore_filing::xlsx(&filing, lang)
                } else {
                    spacescore_filing::docx(&filing, lang)
                }
                .map_err(|e| CliError::Output(std::io::Error::other(e.to_string())))?;
                // A workbook or document is written whole, so it needs no seeking output.
                if let Some(mut file) = target.open(false)? {
                    file.write_all(&bytes)?;
                    file.commit()?;
                }
                return Ok(());
            }
            let output = ScoreOutput::of(score(r, &doc.inputs), &doc, r);
            for (zh, en) in output.notes.iter().zip(&output.notes_en) {
                let note = match lang {
                    Lang::Zh => zh,
                    Lang::En => en,
                };
                writeln!(err, "{}", m::NOTE.get(lang, &[note]))?;
            }
            write_json(out, &output)
        }
        Command::Advise { rubrics, args } => {
            let loaded = rubrics::load(&rubrics.files, err)?;
            let (r, rest) = loaded.pick(&args)?;
            let doc = input_document(stdin, rest, "advise")?;
            write_json(out, &advise(r, &doc.inputs))
        }
        Command::Batch {
            rubrics,
            args,
            out: to,
            sheet,
            allow_unknown,
        } => {
            let loaded = rubrics::load(&rubrics.files, err)?;
            let (r, rest) = loaded.pick(&args)?;
            if rest.is_empty() {
                return Err(CliError::Usage(m::NEEDS_BATCH_FILE.fill(&[])));
            }
            let files = rest.to_vec();
            let inputs = output::Inputs::default()
                .add(m::ROLE_INPUT, &files)
                .add(m::ROLE_RUBRIC, &rubrics.files);
            let opts = batch::Options {
                out: Target::of(to.as_deref(), &inputs)?,
                xlsx: to.as_deref().is_some_and(|o| {
                    o != "-"
                        && Path::new(o)
                            .extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
                }),
                files,
                sheet,
                allow_unknown,
                lang,
                progress,
            };
            batch::batch(r, &opts, out, err)
        }
        Command::Template {
            rubrics,
            args,
            xlsx,
            out: to,
        } => {
            let loaded = rubrics::load(&rubrics.files, err)?;
            let (r, rest) = loaded.pick(&args)?;
            no_more(rest, "template")?;
            let inputs = output::Inputs::default().add(m::ROLE_RUBRIC, &rubrics.files);
            let target = Target::of(to.as_deref(), &inputs)?;
            if xlsx && target.is_stdout() {
                return Err(CliError::Usage(m::TEMPLATE_XLSX_NEEDS_OUT.fill(&[])));
            }
            match target.open(xlsx)? {
                None => Ok(template::csv(r, lang, out)?),
                Some(mut file) => {
                    if xlsx {
                        template::xlsx(r, &mut file)?;
                    } else {
                        template::csv(r, lang, &mut file)?;
                    }
                    file.commit()
                }
            }
        }
        Command::Check { files } => checking::check(&files, lang, out, err),
        Command::Draft { args } => {
            let a = *args;
            let facts = spacescore_draft::Facts {
                title: a.title,
                issuer: a.issuer,
                year: a.year,
                region: a.region,
                region_en: a.region_en,
                space_type: a.space_type,
                space_type_en: a.space_type_en,
                id: a.id,
                version: a.version,
            };
            let opts = drafting::Options {
                table: a.table,
                out: a.out,
                which: a.which,
                sheet: a.sheet,
                facts,
            };
            drafting::run(opts, stdin, out, err)
        }
        Command::Compile { file, out: dir } => checking::compile(&file, &dir, out),
        Command::Publish { site, files } => publish::run(&site, &files, out, err),
    }
}

/// The inputs of `score` and `advise`: the document at the path in `rest`, or standard
/// input when there is none or it is `-`.
fn input_document(
    stdin: &mut dyn Read,
    rest: &[String],
    command: &str,
) -> Result<json_inputs::InputDocument, CliError> {
    let (bytes, from) = match rest {
        [] => (read_input(stdin)?, None),
        [path] if path == "-" => (read_input(stdin)?, None),
        [path] => {
            let cannot = |e: std::io::Error| {
                CliError::Unreadable(m::CANNOT_READ_FILE.fill(&[&shown(Path::new(path)), &e]))
            };
            let mut file = std::fs::File::open(path).map_err(cannot)?;
            let limit = u64::try_from(json_inputs::MAX_BYTES).unwrap_or(u64::MAX);
            (input::up_to(&mut file, limit).map_err(cannot)?, Some(path))
        }
        _ => return Err(extra(rest, command)),
    };
    json_inputs::read(&bytes).map_err(|e| match from {
        Some(path) => CliError::Unreadable(Text::by(|l| {
            m::FILE_COLON.get(l, &[&shown(Path::new(path)), &read_error(&e, l)])
        })),
        None => CliError::Unreadable(Text::by(|l| read_error(&e, l))),
    })
}

/// The core reader's message about an input document, in `l`.
fn read_error(e: &json_inputs::ReadError, l: Lang) -> String {
    match l {
        Lang::Zh => e.message_zh(),
        Lang::En => e.to_string(),
    }
}

/// A usage error for arguments past what a command takes, with the command's usage, as
/// clap words its own.
fn extra(rest: &[String], command: &str) -> CliError {
    use clap::CommandFactory;
    let shown: Vec<String> = rest
        .iter()
        .map(|a| format!("'{}'", quote_short(a)))
        .collect();
    let mut cli = Cli::command();
    let usage = cli
        .find_subcommand_mut(command)
        .map(|c| {
            let mut c = c.clone().bin_name(format!("spacescore {command}"));
            c.render_usage().to_string()
        })
        .unwrap_or_default();
    CliError::Usage(Text::new(
        m::UNEXPECTED_ARGS.get(Lang::Zh, &[&shown.join(" "), &usage, &command]),
        format!(
            "error: unexpected argument{} {} found\n\n{usage}\n\nFor more information, try 'spacescore {command} --help'.",
            if rest.len() > 1 { "s" } else { "" },
            shown.join(" ")
        ),
    ))
}

/// Text with every invisible or control character but the line breaks escaped, as
/// [`quote_short`] escapes them.
fn escape_lines(text: &str) -> String {
    text.split('\n')
        .map(spacescore_core::text::quote_path)
        .collect::<Vec<_>>()
        .join("\n")
}

fn no_more(rest: &[String], command: &str) -> Result<(), CliError> {
    if rest.is_empty() {
        Ok(())
    } else {
        Err(extra(rest, command))
    }
}

fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
    writeln!(out)?;
    Ok(())
}

/// Reads an input document from standard input, at most one byte more than the reader
/// accepts, so a huge stream is refused without being read whole.
fn read_input(r: &mut dyn Read) -> Result<Vec<u8>, CliError> {
    let limit = u64::try_from(json_inputs::MAX_BYTES).unwrap_or(u64::MAX);
    input::up_to(r, limit).map_err(|e| CliError::Unreadable(m::CANNOT_READ_STDIN.fill(&[&e])))
}

/// Reads a JSON document of field id → value (or a file exported from the page, whose
/// figures are under `values`) with the core's one reader ([`spacescore_core::json_inputs`]), so
/// the CLI, the JS API and saved work follow the same rules.
///
/// # Errors
/// [`CliError::Unreadable`] when the document cannot be read at all, saying why.
pub fn json_inputs(bytes: &[u8]) -> Result<Inputs, CliError> {
    json_inputs::read(bytes)
        .map(|doc| doc.inputs)
        .map_err(|e| CliError::Unreadable(Text::by(|l| read_error(&e, l))))
}

/// The `spacescore` process: runs the command line's arguments, prints an error on standard
/// error and exits with its code.
pub fn main() {
    // A file name in another encoding (中文.csv saved as GBK) is not valid UTF-8: say so
    // and stop, rather than guessing at it.
    let mut args = Vec::new();
    for (i, a) in std::env::args_os().skip(1).enumerate() {
        match a.into_string() {
            Ok(s) => args.push(s),
            Err(raw) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    m::NOT_UTF8_ARG.get(
                        lang_here(&args),
                        &[
                            &(i + 1),
                            &spacescore_core::text::quote_path(&raw.to_string_lossy())
                        ]
                    )
                );
                std::process::exit(2);
            }
        }
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let progress = std::io::IsTerminal::is_terminal(&stderr);
    let result = run_with(
        &args,
        &mut stdin.lock(),
        &mut stdout.lock(),
        &mut stderr.lock(),
        progress,
    );
    if let Err(e) = result {
        let lang = lang_here(&args);
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            m::ERROR_PREFIX.get(lang, &[&e.text().get(lang)])
        );
        std::process::exit(e.exit_code());
    }
}
