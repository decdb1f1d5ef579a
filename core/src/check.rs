//! The rubric checker: reads a rubric file (TOML) and turns it into validated [`Rubric`]s,
//! or lists every problem, each with the file, line, place and what to do, in Chinese and
//! English.
//!
//! ```
//! use spacescore_core::check::{check_source, Library};
//!
//! let library = Library::shared().unwrap();
//! let text = r#"
//! [document]
//! title = "示例"
//! issuer = { not_stated = "示例文件未署发文单位" }
//! year = "2026"
//! period = "2025 年度"
//! section = "附件"
//!
//! [[rubrics]]
//! id = "example/tiny"
//! version = "1"
//! name = "示例"
//! name_en = "Example"
//! region = "示例市"
//! region_en = "Example City"
//! space_type = "众创空间"
//! space_type_en = "Maker space"
//! method = "formula"
//! base_max = "10"
//!
//! [[groups]]
//! id = "all"
//! name = "全部"
//! name_en = "All"
//! source = "全部（10分）"
//! max = "10"
//!
//! [[items]]
//! id = "mentors"
//! group = "all"
//! name = "创业导师"
//! name_en = "Mentors"
//! source_text = "每2位导师得1分，最高10分。"
//! max = "10"
//! policies = ["per-count"]
//! [[items.terms]]
//! kind = "per"
//! input = "mentors"
//! every = "2"
//! pointz = "1"
//! "#;
//! let problems = check_source("tiny.toml", text, &library).unwrap_err();
//! let first = problems.list().first().unwrap().to_string();
//! assert!(first.starts_with("tiny.toml:40 item mentors, term 1, key pointz"), "{first}");
//! assert!(first.contains("did you mean `points`?"), "{first}");
//! ```
//!
//! # Untrusted files
//! A rubric file is input from anyone. The checker refuses a file over [`MAX_FILE_BYTES`],
//! more than [`MAX_ITEMS`] items, lists over [`MAX_LIST`] entries and texts over
//! [`MAX_TEXT`] characters, ids that are not plain ascii, and invisible control or bidi
//! characters in any text, each with a message; it never panics.

mod assemble;
mod cases;
mod document;
pub(crate) mod file;
mod items;
mod outcomes;
mod quantities;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use toml::de::DeTable;

use crate::rubric::{codec, Field, Policy, Rubric};
use crate::text::{Lang, Text};
use crate::toml_tree::{nesting, tx, Ctx, Sink, Table};

pub use file::is_rubric_id;

/// The largest rubric file read, in bytes (real ones are under 100 KB).
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// The most items a rubric file may have.
pub const MAX_ITEMS: usize = 1000;
/// The most rubrics one file may define.
pub const MAX_RUBRICS: usize = 20;
pub use crate::toml_tree::{Problem, MAX_DEPTH, MAX_LIST, MAX_TEXT};

/// Every problem found in a rubric file, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// The problems.
    pub fn list(&self) -> &[Problem] {
        &self.0
    }

    /// One problem line per problem.
    pub fn text(&self, lang: Lang) -> String {
        self.0
            .iter()
            .map(|p| p.text(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn one(file: &str, line: Option<usize>, message: Text) -> Problems {
        Problems(vec![Problem {
            file: file.to_string(),
            line,
            place: tx("", ""),
            message,
        }])
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Problems {}

/// What every rubric file may use besides its own definitions: the shared field dictionary
/// (`rubrics/fields.toml`) and the interpretation policy (`rubrics/policies.toml`).
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub(crate) fields: BTreeMap<String, Field>,
    pub(crate) policies: Vec<Policy>,
    /// Fields whose period differs between documents: each rubric that reads one says
    /// which period it asks for (`[uses.<field>] period`).
    pub(crate) periodic: BTreeSet<String>,
}

/// The shared dictionary and policy, as this build of spacescore has them.
const SHARED_FIELDS: &str = include_str!("../../rubrics/fields.toml");
const SHARED_POLICIES: &str = include_str!("../../rubrics/policies.toml");

impl Library {
    /// The shared field dictionary and interpretation policy built into spacescore.
    ///
    /// # Errors
    /// The problems of those files (the test suite rules them out).
    pub fn shared() -> Result<Library, Problems> {
        Library::read(
            ("rubrics/fields.toml", SHARED_FIELDS),
            ("rubrics/policies.toml", SHARED_POLICIES),
        )
    }

    /// Reads a field dictionary and a policy file: `(file name, text)` each.
    ///
    /// # Errors
    /// Every problem of either file.
    pub fn read(fields: (&str, &str), policies: (&str, &str)) -> Result<Library, Problems> {
        let mut library = Library::default();
        let mut problems = Vec::new();
        {
            let (name, text) = fields;
            let mut sink = Sink::new(name, text);
            if let Some(root) = parse(&mut sink, text) {
                let root = Table {
                    table: root.get_ref(),
                    span: root.span(),
                    ctx: Ctx::default(),
                };
                root.only(
                    &mut sink,
                    &["fields"],
                    tx("共用字段表", "the field dictionary"),
                );
                for (id, span, node) in root.entries(&mut sink, "fields") {
                    let ctx = Ctx::default().child(format!("字段 {id}"), format!("field {id}"));
                    if let Some((field, periodic)) =
                        document::field_definition(&mut sink, &id, &span, &node, &ctx)
                    {
                        if periodic {
                            library.periodic.insert(id.clone());
                        }
                        library.fields.insert(id, field);
                    }
                }
            }
            problems.extend(sink.problems);
        }
        {
            let (name, text) = policies;
            let mut sink = Sink::new(name, text);
            if let Some(root) = parse(&mut sink, text) {
                let root = Table {
                    table: root.get_ref(),
                    span: root.span(),
                    ctx: Ctx::default(),
                };
                root.only(
                    &mut sink,
                    &["policies"],
                    tx("解读规则表", "the policy file"),
                );
                for t in root.tables(&mut sink, "policies") {
                    t.only(
                        &mut sink,
                        &["id", "zh", "en"],
                        tx("解读规则", "a policy line"),
                    );
                    let (Some(id), Some(zh), Some(en)) = (
                        t.text(&mut sink, "id"),
                        t.text(&mut sink, "zh"),
                        t.text(&mut sink, "en"),
                    ) else {
                        continue;
                    };
                    if library.policies.iter().any(|p| p.id == id) {
                        sink.report(
                            Some(&t.span),
                            &t.ctx,
                            tx(
                                format!("解读规则 `{id}` 定义了两次"),
                                format!("the policy `{id}` is defined twice"),
                            ),
                        );
                        continue;
                    }
                    library.policies.push(Policy {
                        id,
                        text: Text::new(zh, en),
                    });
                }
            }
            problems.extend(sink.problems);
        }
        if problems.is_empty() {
            Ok(library)
        } else {
            Err(Problems(problems))
        }
    }

    /// The shared fields, by id.
    pub fn fields(&self) -> &BTreeMap<String, Field> {
        &self.fields
    }

    /// The shared policy lines.
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// The fields whose period differs between documents (`periodic = true`): a rubric
    /// that reads one states its period (`[uses.<field>] period`).
    pub fn periodic(&self) -> &BTreeSet<String> {
        &self.periodic
    }
}

/// Parses TOML text into a spanned tree, reporting a syntax error with its line.
fn parse<'i>(sink: &mut Sink, text: &'i str) -> Option<toml::Spanned<DeTable<'i>>> {
    if nesting(text) > MAX_DEPTH {
        sink.report(
            None,
            &Ctx::default(),
            tx(
                format!("方括号或花括号嵌套过深（超过 {MAX_DEPTH} 层），不是评价表文件"),
                format!("brackets nest more than {MAX_DEPTH} deep; this is not a rubric file"),
            ),
        );
        return None;
    }
    match DeTable::parse(text) {
        Ok(t) => Some(t),
        Err(e) => {
            let span = e.span();
            let message = e.message().lines().next().unwrap_or_default().to_string();
            sink.report(
                span.as_ref(),
                &Ctx::default(),
                tx(
                    format!("不是有效的 TOML：{message}"),
                    format!("this is not valid TOML: {message}"),
                ),
            );
            None
        }
    }
}

/// Checks a rubric file's text and returns its rubrics (a file may define several, as
/// Xinxiang's table defines two).
///
/// # Errors
/// Every problem found, each naming the file, line and place.
pub fn check_source(file: &str, text: &str, library: &Library) -> Result<Vec<Rubric>, Problems> {
    if text.len() > MAX_FILE_BYTES {
        return Err(too_large(file, text.len()));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sink = Sink::new(file, text);
    let Some(root) = parse(&mut sink, text) else {
        return Err(Problems(sink.problems));
    };
    let root = Table {
        table: root.get_ref(),
        span: root.span(),
        ctx: Ctx::default(),
    };
    let rubrics = file::file(&mut sink, &root, library);
    if sink.problems.is_empty() {
        Ok(rubrics)
    } else {
        Err(Problems(sink.problems))
    }
}

/// Checks a rubric given as bytes: a rubric file (UTF-8 text, with or without a byte-order
/// mark) or a compiled rubric, whose content hash is verified.
///
/// # Errors
/// Every problem found; for bytes that are neither, one problem saying so.
pub fn check_bytes(file: &str, bytes: &[u8], library: &Library) -> Result<Vec<Rubric>, Problems> {
    if codec::is_compiled(bytes) {
        let rubric = Rubric::from_bytes(bytes).map_err(|e| Problems::one(file, None, e.text()))?;
        let hash = codec::content_hash(&codec::body(&rubric));
        if hash != rubric.hash {
            return Err(Problems::one(
                file,
                None,
                tx(
                    "编译后的评价表内容与其校验值不符（文件被改动或损坏），请重新编译",
                    "the compiled rubric does not match its content hash (it was altered or damaged); compile it again",
                ),
            ));
        }
        return recheck(file, &rubric).map(|r| vec![r]);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(file, bytes.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_source(file, text, library),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes
                .get(..offset)
                .map(|b| b.iter().filter(|c| **c == b'\n').count() + 1);
            Err(Problems::one(
                file,
                line,
                tx(
                    format!("第 {offset} 字节起不是 UTF-8 文本：请把文件另存为 UTF-8 编码"),
                    format!(
                        "the bytes from offset {offset} are not UTF-8 text: save the file as UTF-8"
                    ),
                ),
            ))
        }
    }
}

/// A compiled rubric from elsewhere, checked as its source is: written back as a rubric
/// file (every field and policy line it carries defined in it) and read by the checker,
/// which must give exactly the same rubric. Anyone can recompute a content hash, so the
/// hash only says the file is whole; this says it is a rubric the checker would have
/// written. The problems keep their place (item, term, key) but not the line, which is a
/// line of the written-back text, not of anything the person has.
fn recheck(file: &str, rubric: &Rubric) -> Result<Rubric, Problems> {
    let text = crate::rubric::source::write(rubric);
    let broken = |message: Text| Problems::one(file, None, message);
    let checked = check_source(file, &text, &Library::default()).map_err(|problems| {
        Problems(
            problems
                .0
                .into_iter()
                .map(|p| Problem {
                    line: None,
                    message: tx(
                        format!("编译后的评价表不符合评价表文件的规则：{}", p.message.zh),
                        format!(
                            "the compiled rubric breaks a rule of rubric files: {}",
                            p.message.en
                        ),
                    ),
                    ..p
                })
                .collect(),
        )
    })?;
    match <[Rubric; 1]>::try_from(checked) {
        Ok([again]) if again == *rubric => Ok(again),
        _ => Err(broken(tx(
            "编译后的评价表与其内容不一致（写回评价表文件后读出的不是同一个评价表），请用 spacescore compile 重新编译",
            "the compiled rubric is not what its own content reads as (written back as a rubric file, it reads as another rubric); compile it again with spacescore compile",
        ))),
    }
}

/// The problem of a file too large to be a rubric file.
fn too_large(file: &str, len: usize) -> Problems {
    Problems::one(
        file,
        None,
        tx(
            format!(
                "文件过大（{} KB，最大 {} KB）：不是评价表文件",
                len / 1024,
                MAX_FILE_BYTES / 1024
            ),
            format!(
                "the file is too large ({} KB, at most {} KB) to be a rubric file",
                len / 1024,
                MAX_FILE_BYTES / 1024
            ),
        ),
    )
}
