//! Reading a rubric file's TOML tree: typed values with the line they are on, keys checked
//! against what a table may hold, and every problem collected with its place, so one run of
//! the checker lists them all. The checker and each kind of term read their keys with it.

use std::ops::Range;
use std::str::FromStr;

use rust_decimal::Decimal;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use std::fmt;

use crate::text::{is_invisible, quote_short, Lang, Text};

/// The most entries of any one list or table in a rubric file.
pub const MAX_LIST: usize = 5000;
/// The most characters of one text.
pub const MAX_TEXT: usize = 20_000;
/// How deeply brackets may nest in a rubric file (real ones nest three deep).
pub const MAX_DEPTH: usize = 32;

/// One problem in a rubric file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as the person named it.
    pub file: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// Where in the file: "item workstations, term 1, key every".
    pub place: Text,
    /// What is wrong and what to do.
    pub message: Text,
}

impl Problem {
    /// The problem in one line: `file:line place: message`.
    pub fn text(&self, lang: Lang) -> String {
        let at = match self.line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        };
        let place = self.place.get(lang);
        let sep = match lang {
            Lang::Zh => "：",
            Lang::En => ": ",
        };
        if place.is_empty() {
            format!("{at}{sep}{}", self.message.get(lang))
        } else {
            format!("{at} {place}{sep}{}", self.message.get(lang))
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// How deeply `[` and `{` nest in `text`, outside strings and comments: a pre-check, so that
/// a hostile file of a million brackets is refused before a parser recurses into it.
pub(crate) fn nesting(text: &str) -> usize {
    let mut depth: usize = 0;
    let mut deepest = 0;
    let mut chars = text.chars().peekable();
    let mut in_string: Option<char> = None;
    let mut multi = false;
    while let Some(c) = chars.next() {
        match in_string {
            Some(q) => {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    if multi {
                        // A multi-line string ends at three quotes.
                        let closes = chars.peek() == Some(&q);
                        if closes {
                            chars.next();
                            if chars.peek() == Some(&q) {
                                chars.next();
                                in_string = None;
                                multi = false;
                            }
                        }
                    } else {
                        in_string = None;
                    }
                } else if c == '\n' && !multi {
                    in_string = None;
                }
            }
            None => match c {
                '"' | '\'' => {
                    let mut n = 1;
                    while chars.peek() == Some(&c) && n < 3 {
                        chars.next();
                        n += 1;
                    }
                    match n {
                        1 => in_string = Some(c),
                        3 => {
                            in_string = Some(c);
                            multi = true;
                        }
                        _ => {} // "" is an empty string.
                    }
                }
                '#' => {
                    for d in chars.by_ref() {
                        if d == '\n' {
                            break;
                        }
                    }
                }
                '[' | '{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    deepest
}

/// A bilingual message.
pub(crate) fn tx(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh, en)
}

/// Where in the file a value is, for people: "item workstations, term 1".
#[derive(Debug, Clone, Default)]
pub(crate) struct Ctx {
    parts: Vec<Text>,
}

impl Ctx {
    /// The context one level down.
    pub(crate) fn child(&self, zh: impl Into<String>, en: impl Into<String>) -> Ctx {
        let mut parts = self.parts.clone();
        parts.push(tx(zh, en));
        Ctx { parts }
    }

    /// The context as text: "item workstations, term 1" / "指标 workstations，第 1 条规则".
    pub(crate) fn text(&self) -> Text {
        let zh: Vec<&str> = self.parts.iter().map(|p| p.zh.as_str()).collect();
        let en: Vec<&str> = self.parts.iter().map(|p| p.en.as_str()).collect();
        tx(zh.join("，"), en.join(", "))
    }
}

/// Collects problems and turns byte offsets into line numbers.
pub(crate) struct Sink {
    file: String,
    line_starts: Vec<usize>,
    pub(crate) problems: Vec<Problem>,
}

impl Sink {
    pub(crate) fn new(file: &str, source: &str) -> Sink {
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Sink {
            file: file.to_string(),
            line_starts,
            problems: Vec::new(),
        }
    }

    /// The 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Records a problem at `span` (the line of its start).
    pub(crate) fn report(&mut self, span: Option<&Range<usize>>, ctx: &Ctx, message: Text) {
        let line = span.map(|s| self.line(s.start));
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            place: ctx.text(),
            message,
        });
    }
}

/// A value of the tree with its span and context.
pub(crate) struct Node<'a, 'i> {
    pub(crate) value: &'a DeValue<'i>,
    pub(crate) span: Range<usize>,
    pub(crate) ctx: Ctx,
}

/// A table of the tree.
pub(crate) struct Table<'a, 'i> {
    pub(crate) table: &'a DeTable<'i>,
    pub(crate) span: Range<usize>,
    pub(crate) ctx: Ctx,
}

/// The TOML type of a value, for messages.
fn type_name(v: &DeValue<'_>) -> Text {
    match v {
        DeValue::String(_) => tx("文本", "text"),
        DeValue::Integer(_) => tx("整数", "an integer"),
        DeValue::Float(_) => tx("小数（浮点数）", "a float"),
        DeValue::Boolean(_) => tx("true/false", "true/false"),
        DeValue::Datetime(_) => tx("日期", "a date"),
        DeValue::Array(_) => tx("数组", "an array"),
        DeValue::Table(_) => tx("表", "a table"),
    }
}

pub(crate) use crate::text::closest;

impl<'a, 'i> Node<'a, 'i> {
    pub(crate) fn new(v: &'a Spanned<DeValue<'i>>, ctx: Ctx) -> Self {
        Node {
            value: v.get_ref(),
            span: v.span(),
            ctx,
        }
    }

    fn wrong_type(&self, sink: &mut Sink, want: Text) {
        let got = type_name(self.value);
        sink.report(
            Some(&self.span),
            &self.ctx,
            tx(
                format!("应为{}，实为{}", want.zh, got.zh),
                format!("should be {}, not {}", want.en, got.en),
            ),
        );
    }

    /// The value as a table.
    pub(crate) fn table(&self, sink: &mut Sink) -> Option<Table<'a, 'i>> {
        match self.value {
            DeValue::Table(t) => Some(Table {
                table: t,
                span: self.span.clone(),
                ctx: self.ctx.clone(),
            }),
            _ => {
                self.wrong_type(sink, tx("表", "a table"));
                None
            }
        }
    }

    /// The value as a list of values (at most [`MAX_LIST`]).
    pub(crate) fn array(&self, sink: &mut Sink) -> Option<Vec<Node<'a, 'i>>> {
        match self.value {
            DeValue::Array(a) => {
                if a.len() > MAX_LIST {
                    sink.report(
                        Some(&self.span),
                        &self.ctx,
                        tx(
                            format!("列表过长（{} 项，最多 {MAX_LIST} 项）", a.len()),
                            format!(
                                "the list is too long ({} entries, at most {MAX_LIST})",
                                a.len()
                            ),
                        ),
                    );
                    return None;
                }
                Some(
                    a.iter()
                        .enumerate()
                        .map(|(i, v)| {
                            Node::new(
                                v,
                                self.ctx
                                    .child(format!("第 {} 项", i + 1), format!("entry {}", i + 1)),
                            )
                        })
                        .collect(),
                )
            }
            _ => {
                self.wrong_type(sink, tx("数组", "an array"));
                None
            }
        }
    }

    /// The value as text: no control or bidi characters, at most [`MAX_TEXT`] characters.
    pub(crate) fn string(&self, sink: &mut Sink) -> Option<String> {
        let DeValue::String(s) = self.value else {
            self.wrong_type(sink, tx("文本（加引号）", "text (in quotes)"));
            return None;
        };
        let s: &str = s;
        if let Some(c) = s
            .chars()
            .find(|c| is_invisible(*c) && *c != '\n' && *c != '\t')
        {
            sink.report(
                Some(&self.span),
                &self.ctx,
                tx(
                    format!(
                        "含有不可见的控制字符 U+{:04X}（可能来自复制粘贴，或用来改变文字显示顺序），请删除",
                        u32::from(c)
                    ),
                    format!(
                        "contains the invisible control character U+{:04X} (pasted by accident, or one that reorders text); remove it",
                        u32::from(c)
                    ),
                ),
            );
            return None;
        }
        let n = s.chars().count();
        if n > MAX_TEXT {
            sink.report(
                Some(&self.span),
                &self.ctx,
                tx(
                    format!("文本过长（{n} 字，最多 {MAX_TEXT} 字）"),
                    format!("the text is too long ({n} characters, at most {MAX_TEXT})"),
                ),
            );
            return None;
        }
        Some(s.to_string())
    }

    /// The value as non-empty text.
    pub(crate) fn text(&self, sink: &mut Sink) -> Option<String> {
        let s = self.string(sink)?;
        if s.trim().is_empty() {
            sink.report(Some(&self.span), &self.ctx, tx("不能为空", "is empty"));
            return None;
        }
        Some(s)
    }

    /// The value as an exact decimal: text (`"0.2"`) or a whole number (`5`). A float is
    /// refused, because `0.1` in TOML is binary and not exactly 0.1.
    pub(crate) fn decimal(&self, sink: &mut Sink) -> Option<Decimal> {
        match self.value {
            DeValue::String(s) => match Decimal::from_str(s.trim()) {
                Ok(d) if !s.trim().contains(['e', 'E']) => Some(d),
                _ => {
                    sink.report(
                        Some(&self.span),
                        &self.ctx,
                        tx(
                            format!(
                                "“{}”不是一个数（应写成 \"0.2\" 或 \"10\" 这样）",
                                quote_short(s)
                            ),
                            format!(
                                "“{}” is not a number (write it as \"0.2\" or \"10\")",
                                quote_short(s)
                            ),
                        ),
                    );
                    None
                }
            },
            DeValue::Integer(i) => {
                let parsed = i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                    .ok()
                    .map(Decimal::from);
                if parsed.is_none() {
                    sink.report(
                        Some(&self.span),
                        &self.ctx,
                        tx("整数超出范围", "the integer is out of range"),
                    );
                }
                parsed
            }
            DeValue::Float(f) => {
                sink.report(
                    Some(&self.span),
                    &self.ctx,
                    tx(
                        format!("小数请加引号写成文本（\"{f}\"），这样才能精确计算"),
                        format!("write decimals in quotes (\"{f}\") so that they are exact"),
                    ),
                );
                None
            }
            _ => {
                self.wrong_type(sink, tx("数（如 \"0.2\" 或 5）", "a number (\"0.2\" or 5)"));
                None
            }
        }
    }

    /// The value as true or false.
    pub(crate) fn boolean(&self, sink: &mut Sink) -> Option<bool> {
        match self.value {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(sink, tx("true 或 false", "true or false"));
                None
            }
        }
    }

    /// The value as a list of texts.
    pub(crate) fn strings(&self, sink: &mut Sink) -> Option<Vec<String>> {
        let items = self.array(sink)?;
        let read: Vec<Option<String>> = items.iter().map(|n| n.text(sink)).collect();
        read.into_iter().collect()
    }
}

impl<'a, 'i> Table<'a, 'i> {
    /// Reports every key that is not in `allowed`, with the closest allowed key; `what`
    /// names the table ("a `per` term").
    pub(crate) fn only(&self, sink: &mut Sink, allowed: &[&str], what: Text) {
        for (key, value) in self.table.iter() {
            let k: &str = key.get_ref();
            if allowed.contains(&k) {
                continue;
            }
            let hint = match closest(k, allowed) {
                Some(c) => tx(
                    format!("（是不是 `{c}`？）"),
                    format!(" (did you mean `{c}`?)"),
                ),
                None => tx("", ""),
            };
            let list = allowed.join(", ");
            sink.report(
                Some(&key.span()),
                &self.ctx.child(
                    format!("键 {}", quote_short(k)),
                    format!("key {}", quote_short(k)),
                ),
                tx(
                    format!(
                        "{}不认识键 `{}`{}；可用的键：{list}",
                        what.zh,
                        quote_short(k),
                        hint.zh
                    ),
                    format!(
                        "`{}` does not belong to {}{}; it takes: {list}",
                        quote_short(k),
                        what.en,
                        hint.en
                    ),
                ),
            );
            let _ = value;
        }
    }

    /// The value under `key`, if present.
    pub(crate) fn node(&self, key: &str) -> Option<Node<'a, 'i>> {
        self.table
            .get(key)
            .map(|v| Node::new(v, self.ctx.child(format!("键 {key}"), format!("key {key}"))))
    }

    /// Whether `key` is present.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    /// Reports that a required key is missing.
    pub(crate) fn missing(&self, sink: &mut Sink, key: &str) {
        sink.report(
            Some(&self.span),
            &self.ctx,
            tx(format!("缺少键 `{key}`"), format!("`{key}` is missing")),
        );
    }

    /// The value under a required key.
    pub(crate) fn need(&self, sink: &mut Sink, key: &str) -> Option<Node<'a, 'i>> {
        let n = self.node(key);
        if n.is_none() {
            self.missing(sink, key);
        }
        n
    }

    /// Required non-empty text.
    pub(crate) fn text(&self, sink: &mut Sink, key: &str) -> Option<String> {
        self.need(sink, key)?.text(sink)
    }

    /// Optional text (empty allowed).
    pub(crate) fn opt_string(&self, sink: &mut Sink, key: &str) -> Option<String> {
        self.node(key)?.string(sink)
    }

    /// Optional non-empty text; present but empty is a problem.
    pub(crate) fn opt_text(&self, sink: &mut Sink, key: &str) -> Option<String> {
        self.node(key)?.text(sink)
    }

    /// Required decimal.
    pub(crate) fn decimal(&self, sink: &mut Sink, key: &str) -> Option<Decimal> {
        self.need(sink, key)?.decimal(sink)
    }

    /// Optional decimal: `Ok(None)` when absent, `Err(())` when present but unreadable.
    pub(crate) fn opt_decimal(&self, sink: &mut Sink, key: &str) -> Result<Option<Decimal>, ()> {
        match self.node(key) {
            None => Ok(None),
            Some(n) => n.decimal(sink).map(Some).ok_or(()),
        }
    }

    /// Optional boolean, false when absent.
    pub(crate) fn flag(&self, sink: &mut Sink, key: &str) -> bool {
        self.node(key)
            .and_then(|n| n.boolean(sink))
            .unwrap_or(false)
    }

    /// Optional list of texts, empty when absent.
    pub(crate) fn strings(&self, sink: &mut Sink, key: &str) -> Vec<String> {
        self.node(key)
            .and_then(|n| n.strings(sink))
            .unwrap_or_default()
    }

    /// The tables of an array of tables (`[[items]]`), empty when absent; each gets a
    /// context from `name` and its position.
    pub(crate) fn tables(&self, sink: &mut Sink, key: &str) -> Vec<Table<'a, 'i>> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        let Some(items) = node.array(sink) else {
            return Vec::new();
        };
        items.iter().filter_map(|n| n.table(sink)).collect()
    }

    /// The entries of a table of tables (`[fields.x]`), with their keys.
    pub(crate) fn entries(
        &self,
        sink: &mut Sink,
        key: &str,
    ) -> Vec<(String, Range<usize>, Node<'a, 'i>)> {
        let Some(node) = self.node(key) else {
            return Vec::new();
        };
        let Some(t) = node.table(sink) else {
            return Vec::new();
        };
        if t.table.len() > MAX_LIST {
            sink.report(
                Some(&t.span),
                &t.ctx,
                tx(
                    format!("条目过多（{} 条，最多 {MAX_LIST} 条）", t.table.len()),
                    format!("too many entries ({}, at most {MAX_LIST})", t.table.len()),
                ),
            );
            return Vec::new();
        }
        t.table
            .iter()
            .map(|(k, v)| {
                let name: &str = k.get_ref();
                (
                    name.to_string(),
                    k.span(),
                    Node::new(v, t.ctx.child(quote_short(name), quote_short(name))),
                )
            })
            .collect()
    }

    /// Sets this table's context.
    pub(crate) fn within(mut self, ctx: Ctx) -> Self {
        self.ctx = ctx;
        self
    }
}
