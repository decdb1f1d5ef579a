//! `spacescore batch`: one space per CSV row, one result row each.

use std::io::Write;

use spacescore_core::{fmt_dec, score, Inputs, Rubric, Value};

use crate::CliError;

/// A CSV writing error as an output error.
pub(crate) fn csv_out(e: csv::Error) -> CliError {
    CliError::Output(std::io::Error::other(e))
}

/// Scores every row of `text` (CSV, header = field ids) and writes one result row each.
/// Columns that are not fields of the rubric (a space's name, say) are copied through.
pub fn batch(
    r: &Rubric,
    text: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
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
