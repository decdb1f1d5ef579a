//! Drafting rubric files from the documents' tables (`spacescore-draft`).
//!
//! Every table in `tests/draft/` (tab-separated, as an official copies it from Word, WPS or
//! Excel: the visible columns, merged cells blank) is drafted and compared with the
//! hand-written rubric of the same name in `rubrics/`, column of weights by column: the
//! structure (groups, items, maxima, bonus), and for each row with a written rule whether
//! the drafted item scores like the hand-written one over a sweep of figures
//! (`compare.rs`). The measured table is printed. A `.docx` and an `.xlsx` built here from
//! one of the tables, with merged cells, draft to the same file. Each kind's worked example
//! and phrases draft to a term of that kind. Hostile input is refused with a message.

mod compare;

use std::path::PathBuf;

use rust_decimal::Decimal;
use spacescore_core::check::Library;
use spacescore_core::kinds::KINDS;
use spacescore_draft::{draft, pick, Draft, Error, Facts, Table};

/// Every `.tsv` of `tests/draft/`, by name.
fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = spacescore_tests::workspace_root()
        .join("tests")
        .join("draft");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .map(|p| {
            let stem = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (stem, p)
        })
        .collect();
    out.sort();
    out
}

fn library() -> Library {
    Library::shared().expect("the shared dictionary")
}

fn drafted(path: &PathBuf) -> Draft {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let table = Table::from_tsv(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    draft(&table, &Facts::default(), &library())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One line of the measured table.
struct Measured {
    document: String,
    items: usize,
    structure: &'static str,
    with_rule: usize,
    exact: usize,
    flagged: usize,
}

#[test]
fn every_seed_table_drafts_its_structure_and_its_rules() {
    let library = library();
    let fixtures = fixtures();
    assert!(
        !fixtures.is_empty(),
        "tests/draft holds the seed documents' tables"
    );
    let mut lines: Vec<Measured> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut misses: Vec<String> = Vec::new();
    for (name, path) in &fixtures {
        let d = drafted(path);
        let mine = compare::parse(&d.toml);
        // Every cell read is quoted verbatim (lines joined, as rubric files quote cells).
        let table =
            Table::from_tsv(&std::fs::read_to_string(path).expect("the table")).expect("a table");
        let header = spacescore_draft::columns::header(&table).expect("a header");
        for (r, row) in table.rows().iter().enumerate().skip(header.rows.end) {
            for c in &header.columns {
                let read = !matches!(
                    c.role,
                    spacescore_draft::columns::Role::Unknown
                        | spacescore_draft::columns::Role::Score
                        | spacescore_draft::columns::Role::Max { .. }
                );
                let cell =
                    spacescore_draft::layout::joined(row.get(c.index).map_or("", String::as_str));
                let plain = !cell.contains(['"', '\\']);
                if read && plain && !cell.is_empty() && !d.toml.contains(&cell) {
                    failures.push(format!(
                        "{name}: row {}, column {}: “{cell}” is not quoted in the draft",
                        r + 1,
                        c.header
                    ));
                }
            }
        }
        let hand = spacescore_tests::workspace_root()
            .join("rubrics")
            .join(format!("{name}.toml"));
        let Ok(hand_text) = std::fs::read_to_string(&hand) else {
            // A table with no hand-written rubric is drafted and checked, not compared.
            lines.push(Measured {
                document: name.clone(),
                items: d.items.len(),
                structure: "n/a",
                with_rule: 0,
                exact: 0,
                flagged: d.items.iter().filter(|i| !i.review.is_empty()).count(),
            });
            continue;
        };
        let written = compare::parse(&hand_text);
        let theirs = compare::rubric_ids(&written);
        let ours = compare::rubric_ids(&mine);
        if theirs.len() != ours.len() {
            failures.push(format!(
                "{name}: {} rubric(s) drafted, {} written",
                ours.len(),
                theirs.len()
            ));
            continue;
        }
        for (h_id, d_id) in theirs.iter().zip(&ours) {
            let label = if theirs.len() > 1 {
                format!("{name} ({h_id})")
            } else {
                name.clone()
            };
            let hs = compare::structure(&written, h_id);
            let ds = compare::structure(&mine, d_id);
            let structure = if hs == ds {
                "exact"
            } else if hs.items == ds.items {
                // The items are exact; where the groups are not, the table's own group
                // points do not add up, and the draft must say so with the checker's words.
                let said = ds.groups.iter().enumerate().all(|(g, (max, _, items))| {
                    let sum: Decimal = items.iter().sum();
                    sum == *max
                        || d.problems
                            .iter()
                            .any(|p| p.message.en.contains(&format!("group group-{} ", g + 1)))
                });
                if !said {
                    failures.push(format!("{label}: groups differ and the draft does not say where: drafted {:?}, written {:?}", ds.groups, hs.groups));
                }
                "items exact; groups as the table states them (its group points do not add up: listed as problems)"
            } else {
                failures.push(format!(
                    "{label}: structure differs:\n  drafted {ds:?}\n  written {hs:?}"
                ));
                "DIFFERS"
            };
            let h_items = compare::items(&written);
            let d_items = compare::items(&mine);
            let h_applying: Vec<_> = h_items
                .iter()
                .filter(|(_, i)| compare::item_max(i, h_id).is_some())
                .collect();
            let d_applying: Vec<_> = d_items
                .iter()
                .filter(|(_, i)| compare::item_max(i, d_id).is_some())
                .collect();
            let mut with_rule = 0;
            let mut exact = 0;
            for ((h_item, h), (d_item, _)) in h_applying.iter().zip(&d_applying) {
                if !compare::has_rule(h) {
                    continue;
                }
                with_rule += 1;
                match compare::same_scores(&written, h_id, h_item, &mine, d_id, d_item, &library) {
                    Ok(points) => {
                        assert!(points > 0, "{label}: {h_item}: nothing swept");
                        exact += 1;
                    }
                    Err(why) => misses.push(format!("{label}: {h_item} (drafted {d_item}): {why}")),
                }
            }
            let flagged = d
                .items
                .iter()
                .filter(|i| !i.review.is_empty())
                .filter(|i| d_applying.iter().any(|(id, _)| *id == i.id))
                .count();
            lines.push(Measured {
                document: label,
                items: d_applying.len(),
                structure,
                with_rule,
                exact,
                flagged,
            });
        }
        // A table of weights only has nothing to read: every item is self-assessed and
        // flagged, never given a rule.
        if compare::items(&written)
            .iter()
            .all(|(_, i)| !compare::has_rule(i))
        {
            for i in &d.items {
                if !i.self_assessed || i.review.is_empty() {
                    failures.push(format!("{name}: {} (“{}”) is drafted with a rule or not flagged, in a table of weights only", i.id, i.name));
                }
            }
        }
    }
    println!("\n| document | items | structure | rows with a written rule | drafted exactly | flagged for review |");
    println!("|---|---:|---|---:|---:|---:|");
    for m in &lines {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            m.document, m.items, m.structure, m.with_rule, m.exact, m.flagged
        );
    }
    let with_rule: usize = lines.iter().map(|m| m.with_rule).sum();
    let exact: usize = lines.iter().map(|m| m.exact).sum();
    println!(
        "| **all** | {} | | {with_rule} | {exact} ({:.1}%) | {} |",
        lines.iter().map(|m| m.items).sum::<usize>(),
        100.0 * exact as f64 / with_rule.max(1) as f64,
        lines.iter().map(|m| m.flagged).sum::<usize>()
    );
    for m in &misses {
        println!("not drafted exactly: {m}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(with_rule > 0, "the tables hold rules");
    // At least 90% of the rows that have a written rule are drafted exactly.
    assert!(
        exact * 10 >= with_rule * 9,
        "{exact} of {with_rule} rows drafted exactly:\n{}",
        misses.join("\n")
    );
}

#[test]
fn every_kind_drafts_its_worked_example_and_its_phrases() {
    let library = library();
    let mut failures = Vec::new();
    for kind in KINDS {
        let ex = &kind.example;
        // The example's wording as one row of a table, drafted…
        let table = Table::from_tsv(&format!(
            "指标名称\t评分标准\t分值\n示例指标\t{}\t{}\n",
            ex.wording, ex.max
        ))
        .expect("a table");
        let d = draft(&table, &Facts::default(), &library).expect("a draft");
        if !d.problems.is_empty() {
            failures.push(format!(
                "{}: the draft of “{}” does not check: {:?}",
                kind.name, ex.wording, d.problems
            ));
            continue;
        }
        let mine = compare::parse(&d.toml);
        // …scores like the kind's own term.
        let written = compare::parse(&crate::kinds::rubric_file(kind, ex));
        if let Err(why) = compare::same_scores(
            &written,
            &format!("kinds/{}", kind.name.replace('_', "-")),
            "ex",
            &mine,
            "draft/table",
            "item-1",
            &library,
        ) {
            failures.push(format!(
                "{}: “{}”: {why}\n{}",
                kind.name, ex.wording, d.toml
            ));
        }
        // Each phrase the kind lists drafts to a term of that kind.
        assert!(!kind.phrases.is_empty(), "{}: no phrases", kind.name);
        for phrase in kind.phrases {
            let table = Table::from_tsv(&format!(
                "指标名称\t评分标准\t分值\n示例指标\t{phrase}\t10\n"
            ))
            .expect("a table");
            let d = draft(&table, &Facts::default(), &library).expect("a draft");
            if !d.toml.contains(&format!("kind = \"{}\"", kind.name)) {
                failures.push(format!(
                    "{}: the phrase “{phrase}” drafts no `{}` term:\n{}",
                    kind.name, kind.name, d.toml
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn words_with_no_rule_are_never_given_one() {
    let library = library();
    let table = Table::from_tsv(
        "一级指标\t二级指标\t评分标准\t分值\n\
         集聚创新创业者情况（30分）\t入驻团队和企业\t成功吸引入驻创新创业团队和企业的数量\t10\n\
         \t孵化成效\t按孵化成效由专家打分\t20\n",
    )
    .expect("a table");
    let d = draft(&table, &Facts::default(), &library).expect("a draft");
    assert!(d.problems.is_empty(), "{:?}", d.problems);
    let first = d.items.first().expect("an item");
    assert!(
        first.self_assessed,
        "a description with no scoring wording is self-assessed"
    );
    assert!(
        first.review.iter().any(|r| r.zh.contains("自评 0–10 分")),
        "{:?}",
        first.review
    );
    assert!(
        d.toml.contains("max = \"10\"\n") && d.toml.contains("kind = \"self\"\nmax = \"10\""),
        "{}",
        d.toml
    );
    // The group's points come from its cell.
    assert!(
        d.toml
            .contains("source = \"集聚创新创业者情况（30分）\"\nmax = \"30\""),
        "{}",
        d.toml
    );
}

/// A table's rows as the `.docx` a Word user has: a title paragraph, a table of basic
/// facts first, then the scoring table with a title row across every column, cells merged
/// down where the table leaves them blank (`w:vMerge`), and every line of a cell its own
/// paragraph.
fn docx(rows: &[Vec<String>], title: &str) -> Vec<u8> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let para = |s: &str| {
        format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            esc(s)
        )
    };
    let cell = |text: &str, props: &str| {
        let body: String = if text.is_empty() {
            "<w:p/>".into()
        } else {
            text.lines().map(para).collect()
        };
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    };
    let mut body = para("众创空间绩效考核自评报告");
    body.push_str(&format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell("众创空间名称", ""),
        cell("", "")
    ));
    body.push_str("<w:tbl>");
    body.push_str(&format!(
        "<w:tr>{}</w:tr>",
        cell(title, &format!("<w:gridSpan w:val=\"{width}\"/>"))
    ));
    for (r, row) in rows.iter().enumerate() {
        body.push_str("<w:tr>");
        for c in 0..width {
            let text = row.get(c).map_or("", String::as_str);
            // The first column's blank cells continue the merged cell above them.
            let props = if c == 0 && r > 1 && text.is_empty() {
                "<w:vMerge/>"
            } else if c == 0 && r >= 1 {
                "<w:vMerge w:val=\"restart\"/>"
            } else {
                ""
            };
            body.push_str(&cell(text, props));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("word/document.xml", document),
    ] {
        zip.start_file(name, deflated).expect("a part");
        std::io::Write::write_all(&mut zip, xml.as_bytes()).expect("its bytes");
    }
    zip.finish().expect("a document").into_inner()
}

/// The same as a workbook: the title row merged across, the first column's blank cells
/// merged into the cell above them.
fn xlsx(rows: &[Vec<String>], title: &str) -> Vec<u8> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(0, 0, 0, (width - 1) as u16, title, &plain)
        .expect("a title");
    let mut r = 0;
    while r < rows.len() {
        let row = &rows[r];
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet
                    .write_string((r + 1) as u32, c as u16, text)
                    .expect("a cell");
            }
        }
        // A group cell and the blank ones under it, merged.
        let first = row.first().map(String::as_str).unwrap_or_default();
        let mut end = r;
        while r >= 1
            && !first.is_empty()
            && rows
                .get(end + 1)
                .is_some_and(|n| n.first().is_none_or(String::is_empty) && n.len() > 1)
        {
            end += 1;
        }
        if end > r {
            sheet
                .merge_range((r + 1) as u32, 0, (end + 1) as u32, 0, first, &plain)
                .expect("merged");
        }
        r += 1;
    }
    book.save_to_buffer().expect("a workbook")
}

#[test]
fn a_docx_and_an_xlsx_of_a_table_draft_as_its_pasted_text_does() {
    let library = library();
    let (name, path) = fixtures().into_iter().next().expect("a fixture");
    let text = std::fs::read_to_string(&path).expect("the table");
    let pasted = Table::from_tsv(&text).expect("a table");
    let title = format!("{name} 评分表");
    let facts = Facts {
        title: Some(title.clone()),
        ..Facts::default()
    };
    let expected = draft(&pasted, &facts, &library).expect("a draft");
    let rows = pasted.rows().to_vec();

    let word = docx(&rows, &title);
    let tables = spacescore_draft::read("表.docx", &word).expect("the document's tables");
    assert_eq!(tables.len(), 2, "the facts table and the scoring table");
    let (at, table) = pick(tables).expect("the scoring table");
    assert_eq!(at, 1, "the table of facts is not a rubric table");
    assert_eq!(
        table.rows().get(1..),
        Some(pasted.rows()),
        "the docx table reads as the pasted one, under its title row"
    );
    // Under the title row (which moves every row down one), it drafts to the same file.
    let under_title = Table::from_rows(table.rows().get(1..).unwrap_or_default().to_vec(), None)
        .expect("a table");
    assert_eq!(
        draft(&under_title, &facts, &library).expect("a draft").toml,
        expected.toml
    );
    // The title row is the table's title where the facts give none.
    let untitled = draft(&table, &Facts::default(), &library).expect("a draft");
    assert!(
        untitled.toml.contains(&format!("title = \"{title}\"")),
        "{}",
        untitled.toml
    );

    let book = xlsx(&rows, &title);
    let tables = spacescore_draft::read("表.xlsx", &book).expect("the sheet");
    let (_, table) = pick(tables).expect("the scoring table");
    assert_eq!(
        table.rows().get(1..),
        Some(pasted.rows()),
        "the sheet reads as the pasted table, under its title row"
    );

    // CSV, as Excel on Chinese Windows saves it (GB18030), reads the same.
    let csv: String = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if c.contains([',', '"', '\n']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    let (gbk, _, bad) = encoding_rs::GB18030.encode(&csv);
    assert!(!bad);
    let tables = spacescore_draft::read("表.csv", &gbk).expect("the CSV");
    assert_eq!(tables.first().map(Table::rows), Some(pasted.rows()));
}

#[test]
fn hostile_tables_are_refused_with_a_message_in_both_languages() {
    let library = library();
    let refused = |what: &str, got: Result<Vec<Table>, Error>, want: fn(&Error) -> bool| match got {
        Err(e) if want(&e) => {
            let t = e.text();
            assert!(
                t.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{what}: {}",
                t.zh
            );
            assert!(t.en.is_ascii() || !t.en.is_empty(), "{what}: {}", t.en);
        }
        other => panic!("{what}: {other:?}"),
    };
    // A million rows stops at the limit, without reading them all.
    let million = "指标\t分值\n".to_string() + &"管理制度\t3\n".repeat(1_000_000);
    refused(
        "a million rows",
        spacescore_draft::read("t.tsv", million.as_bytes()),
        |e| matches!(e, Error::TextTooLarge { .. } | Error::TooManyRows),
    );
    let rows = "指标\t分值\n".to_string() + &"管理制度\t3\n".repeat(3_000);
    refused(
        "3,000 rows",
        spacescore_draft::read("t.tsv", rows.as_bytes()),
        |e| *e == Error::TooManyRows,
    );
    // Rules of thousands of clauses, numerals and brackets, on every row the limits allow:
    // drafted (each cut at its first clauses and flagged), never stuck.
    let hostile = [
        "1分，".repeat(4_000),
        "一".repeat(12_000),
        "（".repeat(12_000),
        "每1项1分；".repeat(2_000),
    ];
    let mut text = String::from("指标\t评分标准\t分值\n");
    for k in 0..120 {
        text.push_str(&format!("指标{k}\t{}\t3\n", hostile[k % hostile.len()]));
    }
    let table = Table::from_tsv(&text).expect("a table within the limits");
    let d = draft(&table, &Facts::default(), &library).expect("a draft");
    assert_eq!(d.items.len(), 120);
    let cut = d
        .items
        .iter()
        .filter(|i| i.review.iter().any(|r| r.zh.contains("分句")))
        .count();
    assert!(cut >= 60, "cut rules are flagged: {cut}");
    // Binary garbage, an old Word file, an archive of neither kind.
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    refused("garbage", spacescore_draft::read("t.txt", &garbage), |e| {
        *e == Error::NotText
    });
    refused(
        "a .doc",
        spacescore_draft::read("t.doc", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
        |e| *e == Error::OldFormat,
    );
    let other = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .expect("a part");
        std::io::Write::write_all(&mut zip, b"hello").expect("bytes");
        zip.finish().expect("an archive").into_inner()
    };
    refused(
        "another archive",
        spacescore_draft::read("t.docx", &other),
        |e| *e == Error::Unknown,
    );
    // A .docx whose text declares 100 MiB (a zip bomb) is refused before it is unpacked.
    let rows = vec![
        vec!["指标".to_string(), "分值".to_string()],
        vec!["管理制度".into(), "3".into()],
    ];
    let bomb = spacescore_tests::sheets::with_declared_size(
        &docx(&rows, "表"),
        "word/document.xml",
        100 << 20,
    );
    refused("a zip bomb", spacescore_draft::read("t.docx", &bomb), |e| {
        matches!(e, Error::DocxTooLarge { .. })
    });
    // A damaged .docx.
    let mut damaged = docx(&rows, "表");
    let half = damaged.len() / 2;
    damaged.truncate(half);
    refused(
        "a damaged .docx",
        spacescore_draft::read("t.docx", &damaged),
        |e| matches!(e, Error::Docx(_) | Error::Unknown),
    );
    // A cell longer than a rubric file's text, a row too wide, nothing at all.
    let long = format!(
        "指标\t分值\n{}\t3\n",
        "长".repeat(spacescore_draft::table::MAX_CELL + 1)
    );
    refused(
        "a long cell",
        spacescore_draft::read("t.tsv", long.as_bytes()),
        |e| matches!(e, Error::CellTooLong { row: 2, column: 1 }),
    );
    let wide = "a\t".repeat(100);
    refused(
        "a wide row",
        spacescore_draft::read("t.tsv", wide.as_bytes()),
        |e| matches!(e, Error::TooManyColumns { row: 1 }),
    );
    refused(
        "nothing",
        spacescore_draft::read("t.tsv", b"\n\t\t\n"),
        |e| *e == Error::Empty,
    );
    // A table with no header row is not drafted.
    let table = Table::from_tsv("管理制度\t3\n场地规模\t4\n").expect("a table");
    let no_header = draft(&table, &Facts::default(), &library);
    assert_eq!(no_header.map(|d| d.toml), Err(Error::NoHeader));
    assert!(Error::NoHeader.text().zh.contains("表头"));
    // Invisible characters are dropped; text that a rubric file escapes stays text.
    let table = Table::from_tsv(
        "指标\t评分标准\t分值\n管理\u{200b}制度\u{202e}\t\"每项1分，\"\"最高\"\"3分\"\t3\n",
    )
    .expect("a table");
    assert_eq!(table.cell(1, 0), "管理制度");
    let d = draft(&table, &Facts::default(), &library).expect("a draft");
    assert!(d.problems.is_empty(), "{:?}", d.problems);
}

#[test]
fn spacescore_draft_writes_a_checked_file_and_reports_every_item() {
    let dir = tempfile::tempdir().expect("a folder");
    for (name, path) in fixtures() {
        let out = dir.path().join(format!("{name}.toml"));
        let (r, stdout, _) = crate::cli::spacescore(
            &[
                "draft",
                &path.to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
                "--region",
                "测试",
            ],
            "",
        );
        assert!(r.is_ok(), "{name}: {r:?}");
        let written = std::fs::read_to_string(&out).expect("the draft is written");
        let d = drafted(&path);
        assert!(
            written.contains("region = \"测试\""),
            "{name}: the facts given are used"
        );
        // Per item, Chinese first and English after: its row, what was read, what to review.
        for item in &d.items {
            assert!(
                stdout.contains(&format!("（第 {} 行，{}）", item.row, item.id)),
                "{name}: {} is reported:\n{stdout}",
                item.id
            );
            for r in &item.recognised {
                assert!(
                    stdout.contains(&format!("“{}” → {}", r.words, r.read_as.zh)),
                    "{name}: {stdout}"
                );
            }
            for r in &item.review {
                assert!(
                    stdout.contains(&format!("待核对：{}\n  needs review: {}", r.zh, r.en)),
                    "{name}: {stdout}"
                );
            }
        }
        // The file passes `check`, or the report lists the checker's problems by its name.
        let (checked, messages, _) = crate::cli::spacescore(&["check", &out.to_string_lossy()], "");
        if d.problems.is_empty() {
            assert!(checked.is_ok(), "{name}: {messages}");
            assert!(stdout.contains("草稿通过检查"), "{name}: {stdout}");
        } else {
            assert!(checked.is_err());
            for line in messages.lines() {
                assert!(
                    stdout.contains(line),
                    "{name}: the report lists “{line}”:\n{stdout}"
                );
            }
        }
    }
}

#[test]
fn spacescore_draft_never_writes_over_a_file_and_says_why_it_cannot_read() {
    let dir = tempfile::tempdir().expect("a folder");
    let (_, path) = fixtures().into_iter().next().expect("a fixture");
    let table = path.to_string_lossy().into_owned();
    // A file that is there already (a revised rubric) stays as it is.
    let there = dir.path().join("revised.toml");
    std::fs::write(&there, "# revised by hand\n").expect("a file");
    let (r, out, _) =
        crate::cli::spacescore(&["draft", &table, "-o", &there.to_string_lossy()], "");
    assert!(
        matches!(&r, Err(e) if e.exit_code() == 2 && e.text().zh.contains("已存在") && e.to_string().contains("never writes over")),
        "{r:?}"
    );
    assert!(out.is_empty());
    assert_eq!(
        std::fs::read_to_string(&there).expect("the file"),
        "# revised by hand\n"
    );
    // Nor over the table itself.
    let copy = dir.path().join("table.tsv");
    std::fs::copy(&path, &copy).expect("a copy");
    let (r, _, _) = crate::cli::spacescore(
        &[
            "draft",
            &copy.to_string_lossy(),
            "-o",
            &copy.to_string_lossy(),
        ],
        "",
    );
    assert!(r.is_err());
    assert_eq!(
        std::fs::read(&copy).expect("the table"),
        std::fs::read(&path).expect("the table")
    );
    // Pasted text on standard input: the file on standard output, the report on standard error.
    let text = std::fs::read_to_string(&path).expect("the table");
    let (r, out, err) = crate::cli::spacescore(&["draft", "-"], &text);
    assert!(r.is_ok(), "{r:?}");
    assert!(
        out.starts_with("# 草稿") && out.contains("[[items]]"),
        "{out}"
    );
    assert!(
        err.contains("读取 标准输入 / standard input") && err.contains("各列 / columns:"),
        "{err}"
    );
    // A table that cannot be read: exit 1, why in Chinese and in English, naming the file.
    let garbage = dir.path().join("scan.txt");
    std::fs::write(
        &garbage,
        (0..2048u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
            .collect::<Vec<u8>>(),
    )
    .expect("bytes");
    let (r, _, _) = crate::cli::spacescore(&["draft", &garbage.to_string_lossy()], "");
    let e = r.expect_err("refused");
    assert_eq!(e.exit_code(), 1);
    let shown = e.text();
    assert!(
        shown.zh.contains("不是文字表格") && shown.zh.contains("scan.txt"),
        "{shown:?}"
    );
    assert!(
        shown.en.contains("not a table of text") && shown.en.contains("scan.txt"),
        "{shown:?}"
    );
    let (r, _, _) = crate::cli::spacescore(
        &["draft", &dir.path().join("none.tsv").to_string_lossy()],
        "",
    );
    assert!(matches!(r, Err(e) if e.exit_code() == 1 && e.text().zh.contains("无法读取")));
    // A Word file: the first rubric table, or the one asked for; --sheet is for workbooks.
    let rows = Table::from_tsv(&text).expect("a table").rows().to_vec();
    let word = dir.path().join("文件.docx");
    std::fs::write(&word, docx(&rows, "表")).expect("a document");
    let word = word.to_string_lossy().into_owned();
    let (r, _, err) = crate::cli::spacescore(&["draft", &word], "");
    assert!(
        r.is_ok() && err.contains("第 2 个表格（共 2 个）"),
        "{r:?} {err}"
    );
    let (r, _, _) = crate::cli::spacescore(&["draft", &word, "--table", "1"], "");
    assert!(
        matches!(&r, Err(e) if e.exit_code() == 1 && e.text().zh.contains("找不到表头")),
        "{r:?}"
    );
    let (r, _, _) = crate::cli::spacescore(&["draft", &word, "--table", "3"], "");
    assert!(matches!(&r, Err(e) if e.exit_code() == 2), "{r:?}");
    let (r, _, _) = crate::cli::spacescore(&["draft", &word, "--sheet", "一"], "");
    assert!(matches!(&r, Err(e) if e.exit_code() == 2), "{r:?}");
}

#[test]
fn group_rows_numbering_caps_levels_deductions_totals_and_vetoes_draft_as_written() {
    // A table with no group column, under a title row: groups are rows of their own.
    let table = Table::from_tsv(
        "示例县众创空间考核表\n\
         序号\t指标名称\t评分标准\t分值\t备注\n\
         一、服务能力（15分）\n\
         1\t入驻企业与团队\t每家企业得1分，此项最高3分；每个团队得0.5分\t5\t按年底数\n\
         2\t认定级别\t国家级5分、省级3分、市级1分\t5\n\
         3\t规范运营\t每发现一次违规扣1分，扣完为止\t5\n\
         二、加分项（5分）\n\
         4\t服务特色\t依据材料综合判定，最高5分\t5\n\
         合计\t\t\t20\n\
         一票否决\t存在弄虚作假的，不得评为优秀\n",
    )
    .expect("a table");
    let library = library();
    let d = draft(&table, &Facts::default(), &library).expect("a draft");
    assert!(d.problems.is_empty(), "{:?}\n{}", d.problems, d.toml);
    let t = &d.toml;
    // The title row is the title; the groups carry their points; the bonus group is one.
    assert!(t.contains("title = \"示例县众创空间考核表\""), "{t}");
    assert!(t.contains("name = \"服务能力\"\nname_en = \"Group 1 (to translate)\"\nsource = \"一、服务能力（15分）\"\nmax = \"15\""), "{t}");
    assert!(t.contains("name = \"加分项\"\nname_en = \"Group 2 (to translate)\"\nsource = \"二、加分项（5分）\"\nmax = \"5\"\nbonus = true"), "{t}");
    assert!(t.contains("base_max = \"15\"\nbonus_max = \"5\""), "{t}");
    // “此项最高3分” caps the part it follows: 4 companies and 2 teams are 3 + 1 = 4.
    assert!(t.contains("cap = \"3\""), "{t}");
    let mine = compare::parse(t);
    let rubric = spacescore_core::check::check_source("d.toml", t, &library)
        .expect("checks")
        .remove(0);
    let item = |id: &str, inputs: &[(&str, &str)]| {
        let inputs: spacescore_core::Inputs = inputs
            .iter()
            .map(|(k, v)| (k.to_string(), (*v).into()))
            .collect();
        spacescore_core::score(&rubric, &inputs)
            .item(id)
            .and_then(|i| i.score)
    };
    assert_eq!(
        item("item-1", &[("f1_1", "4"), ("f1_2", "2")]),
        Some(Decimal::from(4))
    );
    assert_eq!(
        item("item-1", &[("f1_1", "1"), ("f1_2", "20")]),
        Some(Decimal::from(5)),
        "the item's 5 caps the sum"
    );
    // Levels: one of them, with a last option of none; 省级 is 3.
    assert!(t.contains("kind = \"choice\""), "{t}");
    assert_eq!(item("item-2", &[("f2_1", "o2")]), Some(Decimal::from(3)));
    assert_eq!(
        item("item-2", &[("f2_1", "o4")]),
        Some(Decimal::ZERO),
        "“无” gives nothing"
    );
    // Deductions start from the item's 5 and stop at zero.
    assert_eq!(item("item-3", &[("f3_1", "2")]), Some(Decimal::from(3)));
    assert_eq!(item("item-3", &[("f3_1", "9")]), Some(Decimal::ZERO));
    // The number column, the remarks quoted, the total row and the veto.
    assert_eq!(compare::items(&mine).len(), 4);
    assert!(
        t.contains("number = \"1\"") && t.contains("按年底数"),
        "{t}"
    );
    assert!(
        d.notes
            .iter()
            .any(|n| n.zh.contains("“合计”是合计行") && n.zh.contains("表中合计 20")),
        "{:?}",
        d.notes
    );
    assert!(
        t.contains("[[vetoes]]\nid = \"veto-1\"\ntext = \"存在弄虚作假的，不得评为优秀\""),
        "{t}"
    );
    assert!(t.contains("[fields.veto_1]\nname = \"是否存在：存在弄虚作假的，不得评为优秀\"\nname_en = \"veto_1 (to translate)\"\nkind = \"bool\""), "{t}");
}
