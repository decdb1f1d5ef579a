//! `spacescore draft TABLE [-o OUT.toml]`: a rubric file drafted from an official's table
//! (`spacescore-draft`), and per item what was recognised and what needs review, Chinese
//! first, English after.

use std::io::Write;
use std::path::Path;

use spacescore_core::check::{check_source, Library};
use spacescore_core::{Lang, Text};
use spacescore_draft::{draft, pick, table, Draft, Facts, Format, Table};

use crate::input;
use crate::messages as m;
use crate::output::{shown, Inputs, Target};
use crate::CliError;

/// What `draft` is asked to do.
pub(crate) struct Options {
    /// The table: a file, or `-` for tab-separated text on standard input.
    pub(crate) table: String,
    /// Where the rubric file goes (standard output when none).
    pub(crate) out: Option<String>,
    /// Which table of a `.docx` file, from 1 (the first with a rubric table's header
    /// when none).
    pub(crate) which: Option<usize>,
    /// Which sheet of an `.xlsx` file.
    pub(crate) sheet: Option<String>,
    /// The document's facts.
    pub(crate) facts: Facts,
}

/// Drafts the rubric file and writes it, with the report.
pub(crate) fn run(
    opts: Options,
    stdin: &mut dyn std::io::Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), CliError> {
    let from_stdin = opts.table == "-";
    let name = if from_stdin {
        "标准输入 / standard input".to_string()
    } else {
        shown(Path::new(&opts.table))
    };
    // The rubric file, decided first: never over a file that is there already (a revised rubric).
    let inputs = Inputs::default().add(
        m::ROLE_TABLE,
        std::iter::once(&opts.table).filter(|_| !from_stdin),
    );
    let target = Target::of(opts.out.as_deref(), &inputs)?;
    if let Target::Replace {
        keep: Some(_),
        file,
    } = &target
    {
        return Err(CliError::Usage(m::DRAFT_EXISTS.fill(&[&shown(file)])));
    }

    let limit = table::MAX_FILE_BYTES as u64;
    let bytes = if from_stdin {
        input::up_to(stdin, limit)
    } else {
        std::fs::File::open(&opts.table).and_then(|mut f| input::up_to(&mut f, limit))
    }
    .map_err(|e| CliError::Unreadable(m::CANNOT_READ_FILE.fill(&[&name, &e])))?;
    let refused =
        |t: Text| CliError::Unreadable(Text::by(|l| m::FILE_COLON.get(l, &[&name, &t.get(l)])));
    if bytes.len() as u64 > limit {
        return Err(refused(m::DRAFT_TOO_BIG.fill(&[&(limit >> 20)])));
    }
    let format = Format::of(&opts.table, &bytes).map_err(|e| refused(e.text()))?;
    if opts.sheet.is_some() && format != Format::Xlsx {
        return Err(CliError::Usage(m::SHEET_FOR_XLSX.fill(&[])));
    }
    if opts.which.is_some() && format != Format::Docx {
        return Err(CliError::Usage(m::TABLE_FOR_DOCX.fill(&[])));
    }
    let tables = match format {
        Format::Xlsx => Table::from_xlsx(&bytes, opts.sheet.as_deref()).map(|t| vec![t]),
        _ => spacescore_draft::read(&opts.table, &bytes),
    }
    .map_err(|e| refused(e.text()))?;
    let count = tables.len();
    let (at, table) = match opts.which {
        Some(n) => match tables
            .into_iter()
            .nth(n.saturating_sub(1))
            .filter(|_| n >= 1)
        {
            Some(t) => (n - 1, t),
            None => return Err(CliError::Usage(m::TABLES_COUNT.fill(&[&name, &count]))),
        },
        None => pick(tables).map_err(|e| refused(e.text()))?,
    };
    let library = Library::shared().map_err(|p| CliError::Unreadable(Text::by(|l| p.text(l))))?;
    let mut drafted = draft(&table, &opts.facts, &library).map_err(|e| refused(e.text()))?;
    if let (false, Some(to)) = (drafted.problems.is_empty(), &opts.out) {
        // The checker's messages name the file the draft is written to.
        if let Err(p) = check_source(&shown(Path::new(to)), &drafted.toml, &library) {
            drafted.problems = p.list().to_vec();
        }
    }

    let report_to: &mut dyn Write = if target.is_stdout() { err } else { out };
    report(report_to, &name, format, count, at, &drafted)?;
    match target.open(false)? {
        None => out.write_all(drafted.toml.as_bytes())?,
        Some(mut file) => {
            file.write_all(drafted.toml.as_bytes())?;
            file.commit()?;
            let to = shown(Path::new(opts.out.as_deref().unwrap_or_default()));
            writeln!(report_to, "已写入 {to} / written to {to}")?;
        }
    }
    Ok(())
}

/// Both languages of a text, each on its line, indented.
fn both(w: &mut dyn Write, indent: &str, t: &Text) -> std::io::Result<()> {
    writeln!(w, "{indent}{}", t.zh)?;
    writeln!(w, "{indent}{}", t.en)
}

fn report(
    w: &mut dyn Write,
    name: &str,
    format: Format,
    count: usize,
    at: usize,
    d: &Draft,
) -> Result<(), CliError> {
    let (zh, en) = match format {
        Format::Tsv => ("制表符分隔的文字", "tab-separated text"),
        Format::Csv => ("CSV 文件", "a CSV file"),
        Format::Docx => ("Word 文件", "a Word file"),
        Format::Xlsx => ("Excel 文件", "an Excel file"),
    };
    let which = if count > 1 {
        format!("，第 {} 个表格（共 {count} 个）", at + 1)
    } else {
        String::new()
    };
    let which_en = if count > 1 {
        format!(", table {} of {count}", at + 1)
    } else {
        String::new()
    };
    writeln!(
        w,
        "读取 {name}（{zh}{which}）\nread {name} ({en}{which_en})"
    )?;
    writeln!(w, "\n各列 / columns:")?;
    for c in &d.columns {
        let header = c.header.replace('\n', "");
        let role = c.role.text();
        writeln!(w, "  {header} → {} / {}", role.zh, role.en)?;
    }
    for item in &d.items {
        let number = item
            .number
            .as_deref()
            .map(|n| format!(" {n}"))
            .unwrap_or_default();
        writeln!(
            w,
            "\n指标{number}（第 {} 行，{}）{} / item{number} (row {}, {})",
            item.row, item.id, item.name, item.row, item.id
        )?;
        for r in &item.recognised {
            writeln!(w, "  “{}” → {}", r.words, r.read_as.zh)?;
            writeln!(w, "     {}", r.read_as.en)?;
        }
        if item.self_assessed {
            writeln!(w, "  按申报单位自评起草 / drafted as self-assessed")?;
        }
        for r in &item.review {
            writeln!(w, "  待核对：{}", r.zh)?;
            writeln!(w, "  needs review: {}", r.en)?;
        }
    }
    let rules = d.items.iter().filter(|i| !i.self_assessed).count();
    let review = d.items.iter().filter(|i| !i.review.is_empty()).count();
    writeln!(
        w,
        "\n共 {} 个指标：{rules} 个识别出计分规则，{} 个按自评起草；{review} 个待核对。\n{} items: {rules} with a rule recognised, {} self-assessed; {review} to review.",
        d.items.len(),
        d.items.len() - rules,
        d.items.len(),
        d.items.len() - rules
    )?;
    for n in &d.notes {
        both(w, "", n)?;
    }
    if d.problems.is_empty() {
        writeln!(
            w,
            "草稿通过检查（spacescore check）。\nthe draft passes the checker (spacescore check)."
        )?;
    } else {
        writeln!(
            w,
            "草稿有 {} 个问题须据文件修改（检查器的提示）：\nthe draft has {} problem(s) to fix from the document (the checker's messages):",
            d.problems.len(),
            d.problems.len()
        )?;
        for p in &d.problems {
            writeln!(w, "  {}", p.text(Lang::Zh))?;
            writeln!(w, "  {}", p.text(Lang::En))?;
        }
    }
    Ok(())
}
