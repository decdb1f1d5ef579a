//! The hostile spreadsheets, made in one place: `tests/batch.rs` runs them through
//! `spacescore batch` and `spacescore-sheets`, and the district page's browser tests
//! (`tests/e2e/district.test.mjs`) through the page, after `spacescore-fixtures DIR` wrote
//! them into a temporary folder with a list of cases (`cases.json`).

use rust_decimal::Decimal;
use spacescore_core::{fmt_dec, score_with, Detail, FieldKind, Inputs, Method, Rubric, Value};

/// A rubric to batch, found from the built-in ones: the first that scores (not a form)
/// and reads three plain number fields that give it a total above zero, so a row silently
/// read as empty would show.
pub struct Subject {
    /// The rubric.
    pub rubric: Rubric,
    /// Three number fields of the rubric, in form order.
    pub fields: [String; 3],
}

/// The rubric the hostile spreadsheets are written for.
pub fn subject() -> Subject {
    let catalog = spacescore_builtin::catalog();
    for b in spacescore_builtin::all() {
        let Ok(r) = catalog.rubric(b.id) else {
            continue;
        };
        if r.method() == Method::Form {
            continue;
        }
        let numbers: Vec<String> = r
            .required_fields()
            .into_iter()
            .filter(|f| {
                r.field(f).is_some_and(|f| {
                    matches!(f.kind(), FieldKind::Count | FieldKind::Amount) && f.max().is_none()
                })
            })
            .map(str::to_string)
            .collect();
        let [a, b, c, ..] = numbers.as_slice() else {
            continue;
        };
        let s = Subject {
            rubric: r.clone(),
            fields: [a.clone(), b.clone(), c.clone()],
        };
        if s.total(&["600", "30", "12"]) != "0" {
            return s;
        }
    }
    panic!("no built-in rubric scores three number fields above zero");
}

impl Subject {
    /// The rubric's id.
    pub fn id(&self) -> &str {
        self.rubric.id()
    }

    /// The engine's total for these values of the three fields (the reference).
    pub fn total(&self, values: &[&str]) -> String {
        let inputs: Inputs = self
            .fields
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(f, v)| (f.clone(), Value::Text(v.to_string())))
            .collect();
        let r = score_with(&self.rubric, &inputs, Detail::Scores);
        fmt_dec(r.total.unwrap_or(Decimal::ZERO))
    }

    /// A header and rows (name + the three fields) joined with `sep` and `eol`.
    pub fn table(&self, rows: &[[&str; 4]], sep: &str, eol: &str) -> String {
        let [a, b, c] = &self.fields;
        let mut text = ["name", a, b, c].join(sep);
        text.push_str(eol);
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.contains(sep) || c.contains('"') {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            text.push_str(&cells.join(sep));
            text.push_str(eol);
        }
        text
    }
}

/// Three spaces whose totals differ.
pub const SPACES: [[&str; 4]; 3] = [
    ["甲空间", "600", "30", "12"],
    ["乙空间", "3200", "45", "2"],
    ["丙空间", "1,200", "8", "20"],
];

/// What a hostile file must give.
pub enum Expect {
    /// Scored: (row number, name, the three values) for every space, in order, each with
    /// the engine's total; stderr contains these phrases.
    Scored(Vec<(u64, &'static str, [&'static str; 3])>, Vec<String>),
    /// Refused with this exit code, stderr naming these phrases, and no output at all.
    Refused(i32, Vec<String>),
    /// Checked by a test of its own (found by name), with assertions of its own.
    Own,
}

/// One hostile file.
pub struct Fixture {
    /// The case, as messages name it.
    pub name: &'static str,
    /// The file's name (`.csv` or `.xlsx`).
    pub file: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Arguments of `spacescore batch` after the file.
    pub args: Vec<&'static str>,
    /// What it must give.
    pub expect: Expect,
}

fn rows_of(
    spaces: &[[&'static str; 4]],
    first_row: u64,
) -> Vec<(u64, &'static str, [&'static str; 3])> {
    spaces
        .iter()
        .enumerate()
        .map(|(i, [n, a, b, c])| (first_row + i as u64, *n, [*a, *b, *c]))
        .collect()
}

/// Text in GB18030.
pub fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

/// Text in UTF-16, little- or big-endian, with or without a byte-order mark.
pub fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// A field id with two neighbouring letters swapped (`events` → `evnets`).
pub fn typo(id: &str) -> String {
    let mut c: Vec<char> = id.chars().collect();
    let i = c.len() / 2;
    c.swap(i - 1, i);
    c.into_iter().collect()
}

fn csv(name: &'static str, bytes: Vec<u8>, args: Vec<&'static str>, expect: Expect) -> Fixture {
    Fixture {
        name,
        file: format!("{}.csv", name.replace(' ', "-")),
        bytes,
        args,
        expect,
    }
}

/// A refused file: (case, bytes, arguments, exit code, phrases of the message).
type Refusal = (&'static str, Vec<u8>, Vec<&'static str>, i32, Vec<String>);

/// The summary line of a batch with no field errors.
pub fn summary(read: u64, scored: u64, skipped: u64) -> String {
    format!("{read} rows read: {scored} scored (0 with field errors), {skipped} skipped")
}

/// Every hostile spreadsheet for `s`: separators, line endings, encodings, blank lines,
/// quoted newlines, typos, upper case, no header row, duplicate columns, bad bytes, quote
/// errors, rows that cannot be scored, formulas and colliding columns, and a workbook.
pub fn fixtures(s: &Subject) -> Vec<Fixture> {
    let [a, b, c] = s.fields.clone();
    let all = rows_of(&SPACES, 2);
    let plain = s.table(&SPACES, ",", "\n");
    let mut out = Vec::new();

    // Separators, line endings and encodings: the same three spaces every time.
    for (name, bytes, phrase) in [
        (
            "comma lf",
            plain.clone().into_bytes(),
            "separated by commas",
        ),
        (
            "semicolon",
            s.table(&SPACES, ";", "\n").into_bytes(),
            "semicolons",
        ),
        ("tab", s.table(&SPACES, "\t", "\n").into_bytes(), "tabs"),
        (
            "full-width comma",
            s.table(&SPACES, "，", "\n").into_bytes(),
            "full-width commas",
        ),
        ("crlf", s.table(&SPACES, ",", "\r\n").into_bytes(), "UTF-8"),
        ("cr only", s.table(&SPACES, ",", "\r").into_bytes(), "UTF-8"),
        (
            "utf-8 bom",
            [b"\xEF\xBB\xBF".as_slice(), plain.as_bytes()].concat(),
            "UTF-8",
        ),
        ("gb18030", gb18030(&plain), "GB18030"),
        (
            "excel unicode text",
            utf16(&s.table(&SPACES, "\t", "\r\n"), true, true),
            "UTF-16LE",
        ),
        (
            "utf-16le without bom",
            utf16(&plain, true, false),
            "UTF-16LE",
        ),
        ("utf-16be with bom", utf16(&plain, false, true), "UTF-16BE"),
        (
            "utf-16be without bom",
            utf16(&plain, false, false),
            "UTF-16BE",
        ),
    ] {
        out.push(csv(
            name,
            bytes,
            vec![],
            Expect::Scored(all.clone(), vec![phrase.into(), summary(3, 3, 0)]),
        ));
    }

    // Row numbers are the spreadsheet's: blank lines count, a quoted newline does not.
    out.push(csv(
        "blank lines",
        format!("name,{a},{b},{c}\r\n\r\n甲空间,600,30,12\r\n\r\n\r\n乙空间,3200,45,2\r\n")
            .into_bytes(),
        vec![],
        Expect::Scored(
            vec![
                (3, "甲空间", ["600", "30", "12"]),
                (6, "乙空间", ["3200", "45", "2"]),
            ],
            vec![summary(5, 2, 3)],
        ),
    ));
    out.push(csv(
        "quoted newline",
        format!("name,{a},{b},{c}\n\"甲\n空间\",600,30,12\n乙空间,3200,45,2\n").into_bytes(),
        vec![],
        Expect::Own,
    ));

    // Refused before anything is written, each with its place.
    let header = format!("name,{a},{b},{c}");
    let refused: Vec<Refusal> = vec![
        (
            "typo",
            format!("name,{},{b},{c}\n甲,1,2,3\n", typo(&a)).into_bytes(),
            vec![],
            1,
            vec![
                format!("`{}`: did you mean `{a}`?", typo(&a)),
                "--allow-unknown".into(),
                b.clone(),
            ],
        ),
        (
            "upper case",
            format!("name,{},{b},{c}\n甲,1,2,3\n", a.to_uppercase()).into_bytes(),
            vec![],
            1,
            vec![format!("`{}`: did you mean `{a}`?", a.to_uppercase())],
        ),
        (
            "no header row",
            "甲空间,600,30,12\n乙空间,3200,45,2\n".as_bytes().to_vec(),
            vec!["--allow-unknown"],
            1,
            vec!["no column of".into(), "row 1, read as the header".into()],
        ),
        (
            "duplicate column",
            format!("name,{a},{b},{a}\n甲,1,2,3\n").into_bytes(),
            vec![],
            1,
            vec![format!("columns B, D all have the header `{a}`")],
        ),
        (
            "invalid byte",
            [
                format!("{header}\n甲空间,600,30,12\n乙空间,").as_bytes(),
                b"\xFF",
                b"3200,45,2\n",
            ]
            .concat(),
            vec![],
            1,
            vec![
                format!("read as UTF-8: row 3, column B (`{a}`): the byte(s) FF"),
                "nothing was scored".into(),
            ],
        ),
        (
            "unclosed quote",
            format!("{header}\n甲空间,600,30,12\n乙空间,\"3200,45,2\n丙空间,1,2,3\n").into_bytes(),
            vec![],
            1,
            vec![format!(
                "row 3, column B (`{a}`): the quote that opens this cell is never closed"
            )],
        ),
        (
            "text after a quote",
            format!("{header}\n甲空间,600,30,12\n\"乙\"空间,3200,45,2\n").into_bytes(),
            vec![],
            1,
            vec!["row 3, column A (`name`): text follows the closing quote".into()],
        ),
        (
            "sheet for a csv",
            plain.clone().into_bytes(),
            vec!["--sheet", "Sheet1"],
            2,
            vec!["--sheet is for .xlsx files".into()],
        ),
        (
            "blank file",
            b"\n\r\n ,  \n".to_vec(),
            vec![],
            1,
            vec!["has no header row: every row is blank".into()],
        ),
    ];
    for (name, bytes, args, code, phrases) in refused {
        out.push(csv(name, bytes, args, Expect::Refused(code, phrases)));
    }

    // Kept and reported: a bad cell, too few cells, a value under no header.
    out.push(csv(
        "rows",
        format!(
            "name,{a},{b},{c},\n甲空间,600,30,12,\n乙空间,abc,45,2,\n丙空间,1\n丁空间,1,2,3,stray\n"
        )
        .into_bytes(),
        vec![],
        Expect::Own,
    ));
    // Formulas in names and cells, input columns named like output columns.
    out.push(csv(
        "inject",
        format!(
            "name,{a},{b},{c},total,row,errors,note\n\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",600,30,12,99,7,none,-5\n@SUM(A1),1,2,3,1,1,x,+1\n"
        )
        .into_bytes(),
        vec!["--allow-unknown"],
        Expect::Own,
    ));
    out.push(Fixture {
        name: "district xlsx",
        file: "district.xlsx".into(),
        bytes: workbook(s),
        args: vec!["--sheet", "spaces"],
        expect: Expect::Own,
    });
    // What openpyxl and scripts write: a formula and no value calculated from it. Refused
    // with its place (the district page's tests read a refused workbook's first sheet, which
    // they know as `notes`); with its calculated value, the value is read.
    let formula_row = |value: &str| {
        format!(
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>乙空间</t></is></c><c r=\"B3\"><f>SUM(B2,2600)</f>{value}</c><c r=\"C3\"><v>45</v></c><c r=\"D3\"><v>2</v></c></row>"
        )
    };
    let data = |third: String| {
        format!(
            "{}{}{third}",
            row(1, &["name", &a, &b, &c]),
            row(2, &["甲空间", "600", "30", "12"]),
        )
    };
    out.push(Fixture {
        name: "xlsx formula with no value",
        file: "formula-no-value.xlsx".into(),
        bytes: raw_workbook(&[("notes", data(formula_row(""))), ("spaces", String::new())], None),
        args: vec![],
        expect: Expect::Refused(
            1,
            vec![
                "sheet notes of ".into(),
                format!("formula-no-value.xlsx, row 3, column B (`{a}`): the cell holds a formula (=SUM(B2,2600)) but no value calculated from it"),
                "nothing was scored".into(),
            ],
        ),
    });
    out.push(Fixture {
        name: "xlsx formula with its value",
        file: "formula-value.xlsx".into(),
        bytes: raw_workbook(
            &[
                ("notes", row(1, &["not the data"])),
                ("spaces", data(formula_row("<v>3200</v>"))),
            ],
            None,
        ),
        args: vec!["--sheet", "spaces"],
        expect: Expect::Scored(
            vec![
                (2, "甲空间", ["600", "30", "12"]),
                (3, "乙空间", ["3200", "45", "2"]),
            ],
            vec!["sheet spaces".into(), summary(2, 2, 0)],
        ),
    });
    out.push(Fixture {
        name: "xlsx first sheet not the data",
        file: "district-notes-first.xlsx".into(),
        bytes: workbook(s),
        args: vec![],
        expect: Expect::Refused(1, vec!["no column of".into()]),
    });
    out
}

/// The fixture named `name`.
pub fn fixture(s: &Subject, name: &str) -> Fixture {
    fixtures(s)
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// A workbook whose first sheet is notes and whose second, `spaces`, holds three spaces: a
/// blank row 3, a figure Excel turned into a date, a text figure, and a formula as a name.
pub fn workbook(s: &Subject) -> Vec<u8> {
    let [a, b, c] = s.fields.clone();
    let mut book = rust_xlsxwriter::Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("notes").expect("name");
    notes.write_string(0, 0, "not the data").expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("spaces").expect("name");
    for (i, h) in ["name", &a, &b, &c].iter().enumerate() {
        sheet.write_string(0, i as u16, *h).expect("write");
    }
    sheet.write_string(1, 0, "甲空间").expect("write");
    sheet.write_number(1, 1, 600.0).expect("write");
    sheet.write_number(1, 2, 30.0).expect("write");
    sheet.write_number(1, 3, 12.0).expect("write");
    // Row 3 blank; row 4 with a figure Excel turned into a date, and a text figure.
    sheet.write_string(3, 0, "乙空间").expect("write");
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 4).expect("date");
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_datetime_with_format(3, 1, &date, &fmt)
        .expect("write");
    sheet.write_string(3, 2, "45").expect("write");
    sheet
        .write_string(4, 0, "=cmd|' /C calc'!A0")
        .expect("write");
    sheet.write_number(4, 1, 0.1).expect("write");
    book.save_to_buffer().expect("save")
}

/// A row of a sheet's XML: its cells from column A, numbers as numbers and anything else as
/// text written in the cell.
pub fn row(number: u32, cells: &[&str]) -> String {
    let mut xml = format!("<row r=\"{number}\">");
    for (i, cell) in cells.iter().enumerate() {
        let at = format!("{}{number}", spacescore_sheets::letter(i));
        if !cell.is_empty() && cell.parse::<f64>().is_ok() {
            xml.push_str(&format!("<c r=\"{at}\"><v>{cell}</v></c>"));
        } else {
            xml.push_str(&format!(
                "<c r=\"{at}\" t=\"inlineStr\"><is><t>{cell}</t></is></c>"
            ));
        }
    }
    xml.push_str("</row>");
    xml
}

/// A workbook written part by part, as a script or a hostile hand would: each sheet's name
/// and the XML of its rows (inside `<sheetData>`), and the shared strings part's XML, if any.
pub fn raw_workbook(sheets: &[(&str, String)], shared_strings: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut listed = String::new();
    let mut rels = String::new();
    for (i, (name, rows)) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        listed.push_str(&format!(
            r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#),
        ));
    }
    if let Some(xml) = shared_strings {
        let n = sheets.len() + 1;
        types.push_str(r#"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#);
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#));
        parts.push(("xl/sharedStrings.xml".into(), xml.to_string()));
    }
    types.push_str("</Types>");
    parts.push(("[Content_Types].xml".into(), types));
    parts.push((
        "_rels/.rels".into(),
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into(),
    ));
    parts.push((
        "xl/workbook.xml".into(),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{listed}</sheets></workbook>"#),
    ));
    parts.push((
        "xl/_rels/workbook.xml.rels".into(),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#),
    ));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in &parts {
        zip.start_file(name.as_str(), deflated).expect("a part");
        std::io::Write::write_all(&mut zip, xml.as_bytes()).expect("its bytes");
    }
    zip.finish().expect("a workbook").into_inner()
}

/// `book` with the uncompressed size its part `part` declares (in the part's local header and
/// in the central directory) set to `declared`: what a zip bomb declares, or a part that lies
/// about its size.
pub fn with_declared_size(book: &[u8], part: &str, declared: u32) -> Vec<u8> {
    let mut out = book.to_vec();
    let name = part.as_bytes();
    // (signature, offset of the uncompressed size, offset of the name) of a local file
    // header and of a central directory header.
    for (signature, size_at, name_at) in
        [(&b"PK\x03\x04"[..], 22, 30), (&b"PK\x01\x02"[..], 24, 46)]
    {
        let at = (0..out.len().saturating_sub(name_at + name.len()))
            .find(|&i| out[i..].starts_with(signature) && out[i + name_at..].starts_with(name))
            .unwrap_or_else(|| panic!("no header of {part}"));
        out[at + size_at..at + size_at + 4].copy_from_slice(&declared.to_le_bytes());
    }
    out
}
