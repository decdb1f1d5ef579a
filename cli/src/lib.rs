//! The `spacescore` command, as a library so the tests can run it in-process.
//!
//! ```text
//! spacescore list                       one rubric id per line, a tab, its Chinese name
//! spacescore describe ID                the rubric as JSON
//! spacescore score ID [FILE|-]          score one space from a JSON object of field id → value
//! spacescore batch ID FILE.csv          score one space per CSV row (header = field ids)
//! spacescore template ID                a CSV header row for `batch`
//! ```
//!
//! Exit codes: 0 when the command ran (field errors are reported in the output, not by the
//! exit code); 1 when the input file cannot be read at all; 2 for a usage error or an
//! unknown rubric.

#![forbid(unsafe_code)]

use std::fmt;
use std::io::{Read, Write};

use spacescore_core::{describe, fmt_dec, score, Catalog, Inputs, Report, Rubric, Value};

/// Why the command could not run.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong; the message says how to use it.
    Usage(String),
    /// The rubric id is unknown.
    UnknownRubric(String),
    /// The input cannot be read at all (missing file, not JSON, not CSV).
    Unreadable(String),
    /// Writing the output failed.
    Output(std::io::Error),
    /// The built-in rubric data is broken (a bug: the test suite rules it out).
    Catalog(spacescore_core::Error),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) => write!(f, "{m}\n\n{USAGE}"),
            CliError::UnknownRubric(id) => {
                write!(
                    f,
                    "no rubric has the id `{id}`; `spacescore list` shows them"
                )
            }
            CliError::Unreadable(m) => write!(f, "{m}"),
            CliError::Output(e) => write!(f, "cannot write the output: {e}"),
            CliError::Catalog(e) => write!(f, "{e}"),
        }
    }
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Unreadable(_) | CliError::Output(_) | CliError::Catalog(_) => 1,
            CliError::Usage(_) | CliError::UnknownRubric(_) => 2,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}

/// How to call the command.
pub const USAGE: &str = "usage:
  spacescore list
  spacescore describe ID
  spacescore score ID [FILE|-]      (a JSON object of field id → value; - or nothing reads stdin)
  spacescore batch ID FILE.csv      (one space per row; header row = field ids)
  spacescore template ID            (prints a CSV header row for batch)";

/// Runs the command with `args` (without the program name). Messages about individual
/// rows of a batch go to `err`.
///
/// # Errors
/// A [`CliError`] when the command cannot run; its [`CliError::exit_code`] is the exit code.
pub fn run(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let catalog = Catalog::builtin().map_err(CliError::Catalog)?;
    let arg = |i: usize| args.get(i).map(String::as_str);
    let rubric = |i: usize| -> Result<&Rubric, CliError> {
        let id = arg(i).ok_or_else(|| CliError::Usage("a rubric id is needed".into()))?;
        catalog
            .rubric(id)
            .map_err(|_| CliError::UnknownRubric(id.to_string()))
    };
    match arg(0) {
        Some("list") => {
            for r in catalog.rubrics() {
                writeln!(out, "{}\t{}", r.id(), r.name().zh)?;
            }
            Ok(())
        }
        Some("describe") => {
            let r = rubric(1)?;
            write_json(out, &describe(r))
        }
        Some("score") => {
            let r = rubric(1)?;
            let text = match arg(2) {
                None | Some("-") => read_all(stdin, "standard input")?,
                Some(path) => read_file(path)?,
            };
            let inputs = json_inputs(&text)?;
            write_json(out, &ScoreOutput::new(score(r, &inputs)))
        }
        Some("batch") => {
            let r = rubric(1)?;
            let path = arg(2).ok_or_else(|| CliError::Usage("batch needs a CSV file".into()))?;
            let bytes = std::fs::read(path)
                .map_err(|e| CliError::Unreadable(format!("cannot read {path}: {e}")))?;
            batch(r, &decode(&bytes), out, err)
        }
        Some("template") => {
            let r = rubric(1)?;
            let mut w = csv::Writer::from_writer(out);
            let mut header = vec!["name".to_string()];
            header.extend(template_fields(r));
            w.write_record(&header).map_err(csv_out)?;
            w.flush()?;
            Ok(())
        }
        Some("help" | "--help" | "-h") => {
            writeln!(out, "{USAGE}")?;
            Ok(())
        }
        Some(other) => Err(CliError::Usage(format!("unknown command `{other}`"))),
        None => Err(CliError::Usage("a command is needed".into())),
    }
}

/// The report as `score` prints it: the core's report plus `complete`.
#[derive(serde::Serialize)]
struct ScoreOutput {
    #[serde(flatten)]
    report: Report,
    complete: bool,
}

impl ScoreOutput {
    fn new(report: Report) -> Self {
        let complete = report.complete();
        ScoreOutput { report, complete }
    }
}

fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(|e| CliError::Output(std::io::Error::other(e)))?;
    writeln!(out)?;
    Ok(())
}

fn read_all(r: &mut dyn Read, what: &str) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|e| CliError::Unreadable(format!("cannot read {what}: {e}")))?;
    Ok(decode(&bytes))
}

fn read_file(path: &str) -> Result<String, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Unreadable(format!("cannot read {path}: {e}")))?;
    Ok(decode(&bytes))
}

/// UTF-8 (with or without a byte-order mark), else GB18030, as Excel on Chinese Windows writes.
fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Reads a JSON object of field id → value (or a file exported from the page, whose figures
/// are under `values`). Numbers keep their exact text; `null` means
/// not given; anything else that is not text, yes/no or a list of choices becomes text that
/// the core then reports as an error against its field.
///
/// # Errors
/// [`CliError::Unreadable`] when the text is not a JSON object.
pub fn json_inputs(text: &str) -> Result<Inputs, CliError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| CliError::Unreadable(format!("the input is not valid JSON: {e}")))?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(CliError::Unreadable(
            "the input must be a JSON object of field id → value".into(),
        ));
    };
    // A file exported from the page (or saved by it) holds the figures under `values`.
    if map.get("format").and_then(|f| f.as_str()) == Some(spacescore_core::saved::FORMAT) {
        match map.remove("values") {
            Some(serde_json::Value::Object(values)) => map = values,
            _ => {
                return Err(CliError::Unreadable(
                    "the exported file has no `values` object".into(),
                ))
            }
        }
    }
    let mut inputs = Inputs::new();
    for (k, v) in map {
        let value = match v {
            serde_json::Value::Null => continue,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Text(n.to_string()),
            serde_json::Value::String(s) => Value::Text(s),
            serde_json::Value::Array(items) => Value::List(
                items
                    .into_iter()
                    .map(|i| match i {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            other @ serde_json::Value::Object(_) => Value::Text(other.to_string()),
        };
        inputs.insert(k, value);
    }
    Ok(inputs)
}

/// The fields a batch CSV for `r` can fill: what the score needs, then the aids.
pub fn template_fields(r: &Rubric) -> Vec<String> {
    let mut fields: Vec<String> = r
        .required_fields()
        .into_iter()
        .map(str::to_string)
        .collect();
    for item in r.items() {
        for a in item.aids() {
            if !fields.contains(a) {
                fields.push(a.clone());
            }
        }
    }
    fields
}

fn csv_out(e: csv::Error) -> CliError {
    CliError::Output(std::io::Error::other(e))
}

/// Scores every row of `text` (CSV, header = field ids) and writes one result row each.
/// Columns that are not fields of the rubric (a space's name, say) are copied through.
fn batch(r: &Rubric, text: &str, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), CliError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| CliError::Unreadable(format!("the CSV header cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if header.iter().all(|h| h.is_empty()) {
        return Err(CliError::Unreadable(
            "the CSV file has no header row".into(),
        ));
    }
    let passthrough: Vec<usize> = (0..header.len())
        .filter(|i| header.get(*i).is_some_and(|h| r.field(h).is_none()))
        .collect();
    let scored = r.method() != spacescore_core::Method::Form;

    let mut w = csv::Writer::from_writer(out);
    let mut head: Vec<String> = vec!["row".into()];
    head.extend(passthrough.iter().filter_map(|i| header.get(*i).cloned()));
    head.extend(r.items().iter().map(|i| i.id().to_string()));
    if scored {
        head.extend(
            ["base", "bonus", "total", "grade", "vetoed", "veto_reasons"].map(String::from),
        );
    }
    head.extend(["missing", "errors", "warnings", "problem"].map(String::from));
    w.write_record(&head).map_err(csv_out)?;

    let mut bad_rows = 0;
    for record in reader.records() {
        let (line, result) = match record {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| p.line());
                if rec.len() != header.len() {
                    (
                        line,
                        Err(format!(
                            "has {} cells but the header has {}",
                            rec.len(),
                            header.len()
                        )),
                    )
                } else {
                    (line, Ok(rec))
                }
            }
            Err(e) => (e.position().map_or(0, |p| p.line()), Err(e.to_string())),
        };
        let mut row = vec![line.to_string()];
        match result {
            Err(problem) => {
                bad_rows += 1;
                writeln!(err, "row {line}: {problem}; not scored")?;
                row.extend(std::iter::repeat_n(String::new(), head.len() - 2));
                row.push(problem);
            }
            Ok(rec) => {
                let cell = |i: usize| rec.get(i).unwrap_or_default().to_string();
                row.extend(passthrough.iter().map(|i| cell(*i)));
                let inputs: Inputs = header
                    .iter()
                    .enumerate()
                    .filter(|(i, h)| r.field(h).is_some() && !cell(*i).trim().is_empty())
                    .map(|(i, h)| (h.clone(), Value::Text(cell(i))))
                    .collect();
                let report = score(r, &inputs);
                let dec = |d: Option<rust_decimal::Decimal>| d.map(fmt_dec).unwrap_or_default();
                row.extend(report.items.iter().map(|i| dec(i.score)));
                if scored {
                    row.push(dec(report.base));
                    row.push(dec(report.bonus));
                    row.push(dec(report.total));
                    row.push(report.grade.clone().unwrap_or_default());
                    row.push(report.vetoed.to_string());
                    row.push(report.veto_reasons.join("；"));
                }
                row.push(report.missing.len().to_string());
                row.push(
                    report
                        .errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.message))
                        .collect::<Vec<_>>()
                        .join("；"),
                );
                row.push(
                    report
                        .warnings
                        .iter()
                        .map(|x| x.message.clone())
                        .collect::<Vec<_>>()
                        .join("；"),
                );
                row.push(String::new());
            }
        }
        w.write_record(&row).map_err(csv_out)?;
    }
    w.flush()?;
    if bad_rows > 0 {
        writeln!(
            err,
            "{bad_rows} row(s) could not be read; the others are scored"
        )?;
    }
    Ok(())
}
