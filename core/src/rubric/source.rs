//! A validated rubric written back as a rubric file: deterministic TOML that the checker
//! reads into the same rubric.
//!
//! The file is self-contained: every field the rubric reads is defined in it (`[fields.…]`),
//! and every policy line it cites (`[[policies]]`), so it needs no shared dictionary. It is
//! what the checker is given to re-establish every invariant of a compiled rubric that
//! came from elsewhere ([`crate::check::check_bytes`]), and what an official revises.
//! The same rubric always gives the same bytes.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::rule::{Bound, Comparison, Interval, Quantity, Rate, Term};
use super::{Field, FieldKind, Figure, Method, Rubric, Stated, Trigger};
use crate::text::{fmt_dec, Text};

/// `rubric` as a rubric file.
pub fn write(rubric: &Rubric) -> String {
    let mut w = Out::default();
    let doc = &rubric.document;
    if !doc.notes.is_empty() {
        w.strings("notes", &doc.notes);
        w.blank();
    }
    w.header("[document]");
    w.text("title", &doc.title);
    w.stated("issuer", &doc.issuer);
    w.opt_text("number", doc.number.as_deref());
    w.stated("year", &doc.year);
    w.text("period", &doc.period);
    w.text("section", &doc.section);
    w.opt_text("source", doc.source.as_deref());
    if !doc.references.is_empty() {
        w.strings("references", &doc.references);
    }

    w.header("[[rubrics]]");
    w.text("id", &rubric.id);
    w.text("version", &rubric.version);
    w.both("name", &rubric.name);
    w.both("region", &rubric.region);
    w.both("space_type", &rubric.space_type);
    w.text("method", rubric.method.as_str());
    if rubric.method != Method::Form {
        w.dec("base_max", rubric.base_max);
    }
    if !rubric.bonus_max.is_zero() {
        w.dec("bonus_max", rubric.bonus_max);
    }
    if let Some(cap) = rubric.bonus_cap {
        w.dec("bonus_cap", cap);
    }
    if !rubric.grade_names.is_empty() {
        let names: Vec<String> = rubric
            .grade_names
            .iter()
            .map(|n| inline(&[("name", string(&n.zh)), ("name_en", string(&n.en))]))
            .collect();
        w.array("grade_names", &names);
    }
    w.opt_text("grades_note", rubric.grades_note.as_deref());

    // The fields (a self-assessed score's field comes from its `self` term).
    for field in rubric.fields.values() {
        if field.kind == FieldKind::Score {
            continue;
        }
        w.field(field);
    }
    for p in &rubric.policies {
        w.header("[[policies]]");
        w.text("id", &p.id);
        w.text("zh", &p.text.zh);
        w.text("en", &p.text.en);
    }
    for field in rubric.fields.values() {
        if let Some(period) = &field.period {
            w.header(&format!("[uses.{}]", key(&field.id)));
            w.text("period", &period.zh);
            w.text("period_en", &period.en);
        }
    }

    for g in &rubric.groups {
        w.header("[[groups]]");
        w.text("id", &g.id);
        w.both("name", &g.name);
        w.text("source", &g.source);
        // A form's sections carry no points.
        if rubric.method != Method::Form {
            w.dec("max", g.max);
        }
        if g.bonus {
            w.line("bonus = true");
        }
        if !g.notes.is_empty() {
            w.strings("notes", &g.notes);
        }
    }

    for item in &rubric.items {
        w.header("[[items]]");
        w.text("id", &item.id);
        w.text("group", &item.group);
        w.opt_text("number", item.number.as_deref());
        w.both("name", &item.name);
        w.text("source_text", &item.source_text);
        w.opt_text("rule_text", item.rule_text.as_deref());
        w.opt_text("nature", item.nature.as_deref());
        w.opt_text("evidence", item.evidence.as_deref());
        w.dec("max", item.max);
        if !item.aids.is_empty() {
            w.strings("aids", &item.aids);
        }
        if !item.policies.is_empty() {
            w.strings("policies", &item.policies);
        }
        if !item.notes.is_empty() {
            w.strings("notes", &item.notes);
        }
        for term in &item.terms {
            w.header("[[items.terms]]");
            w.term(term);
        }
        for f in &item.figures {
            w.header("[[items.figures]]");
            w.figure(f);
        }
    }

    for row in &rubric.rows {
        w.header("[[rows]]");
        w.text("group", &row.group);
        w.text("field", &row.field);
        w.text("label", &row.label);
        if !row.unit.is_empty() {
            w.text("unit", &row.unit);
        }
    }
    for g in &rubric.grades {
        w.header("[[grades]]");
        w.both("name", &g.name);
        for (k, v) in interval_keys(g.range) {
            w.pair(k, &toml(&v));
        }
    }
    for v in &rubric.vetoes {
        w.header("[[vetoes]]");
        w.text("id", &v.id);
        w.text("text", &v.text.zh);
        w.text("text_en", &v.text.en);
        match &v.trigger {
            Trigger::Flag(f) => w.text("flag", f),
            Trigger::Compare(c) => w.pair("when", &toml_c(c)),
        }
        w.opt_text("grade", v.grade.as_deref());
        if !v.notes.is_empty() {
            w.strings("notes", &v.notes);
        }
    }
    for l in &rubric.limits {
        w.header("[[limits]]");
        w.text("id", &l.id);
        w.text("text", &l.text.zh);
        w.text("text_en", &l.text.en);
        w.text("flag", &l.flag);
        let grade = rubric
            .grades
            .get(l.grade_at_most)
            .map(|g| g.name.zh.as_str());
        w.text("grade_at_most", grade.unwrap_or_default());
    }
    for c in &rubric.consistency {
        w.header("[[consistency]]");
        w.pair("left", &toml_q(&c.left));
        w.text("op", op_text(c.op));
        w.pair("right", &toml_q(&c.right));
        w.text("message", &c.message.zh);
        w.text("message_en", &c.message.en);
        if let Some(when) = &c.when {
            w.pair("when", &toml_c(when));
        }
    }
    for f in &rubric.figures {
        w.header("[[figures]]");
        w.figure(f);
    }
    w.0
}

/// The text being written.
#[derive(Default)]
struct Out(String);

impl Out {
    fn line(&mut self, s: &str) {
        self.0.push_str(s);
        self.0.push('\n');
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }

    /// A table header, after a blank line.
    fn header(&mut self, h: &str) {
        if !self.0.is_empty() {
            self.blank();
        }
        self.line(h);
    }

    fn pair(&mut self, k: &str, v: &str) {
        let _ = writeln!(self.0, "{} = {v}", key(k));
    }

    fn text(&mut self, k: &str, v: &str) {
        self.pair(k, &string(v));
    }

    fn opt_text(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.text(k, v);
        }
    }

    /// `k` and `k_en`.
    fn both(&mut self, k: &str, t: &Text) {
        self.text(k, &t.zh);
        self.text(&format!("{k}_en"), &t.en);
    }

    fn dec(&mut self, k: &str, d: Decimal) {
        self.pair(k, &decimal(d));
    }

    fn stated(&mut self, k: &str, s: &Stated) {
        match s {
            Stated::Given(v) => self.text(k, v),
            Stated::NotStated(note) => self.pair(k, &inline(&[("not_stated", string(note))])),
        }
    }

    /// A list of texts, one a line.
    fn strings(&mut self, k: &str, list: &[String]) {
        let items: Vec<String> = list.iter().map(|s| string(s)).collect();
        self.array(k, &items);
    }

    /// An array of values already written, one a line.
    fn array(&mut self, k: &str, items: &[String]) {
        let _ = writeln!(self.0, "{} = [", key(k));
        for i in items {
            let _ = writeln!(self.0, "  {i},");
        }
        self.line("]");
    }

    fn field(&mut self, f: &Field) {
        self.header(&format!("[fields.{}]", key(&f.id)));
        self.both("name", &f.name);
        self.text("kind", f.kind.as_str());
        if !f.unit.zh.is_empty() {
            self.text("unit", &f.unit.zh);
        }
        if !f.unit.en.is_empty() {
            self.text("unit_en", &f.unit.en);
        }
        if let Some(m) = f.max {
            self.dec("max", m);
        }
        self.opt_text("note", f.note.as_deref());
        if f.given {
            self.line("given = true");
        }
        let options = f.kind.options();
        if !options.is_empty() {
            let list: Vec<String> = options
                .iter()
                .map(|o| {
                    inline(&[
                        ("id", string(&o.id)),
                        ("name", string(&o.name.zh)),
                        ("name_en", string(&o.name.en)),
                    ])
                })
                .collect();
            self.array("options", &list);
        }
    }

    fn term(&mut self, term: &Term) {
        for (k, v) in term_keys(term) {
            match &v {
                // A list of tables one a line; anything else on the key's line.
                Val::List(items) if items.iter().any(|i| matches!(i, Val::Table(_))) => {
                    let list: Vec<String> = items.iter().map(toml).collect();
                    self.array(&k, &list);
                }
                _ => self.pair(&k, &toml(&v)),
            }
        }
    }

    fn figure(&mut self, f: &Figure) {
        self.text("id", &f.id);
        self.both("label", &f.label);
        self.pair("input", &toml_q(&f.quantity));
        if let Some((o, v)) = f.target {
            self.pair(
                "target",
                &inline(&[("op", string(op_text(o))), ("value", decimal(v))]),
            );
        }
    }
}

/// A value of a rubric file, as the file writes it: what a term's keys hold. The rubric
/// file writer renders it as TOML, and `describe` as JSON, so both say the same keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    /// Text.
    Text(String),
    /// A decimal, written as text so that it is exact.
    Dec(Decimal),
    /// A whole number (`places`).
    Int(u32),
    /// A list.
    List(Vec<Val>),
    /// A table of keys in order (an inline table in TOML, an object in JSON).
    Table(Vec<(String, Val)>),
}

impl serde::Serialize for Val {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Val::Text(t) => s.serialize_str(t),
            Val::Dec(d) => s.serialize_str(&fmt_dec(*d)),
            Val::Int(n) => s.serialize_u32(*n),
            Val::List(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for i in items {
                    seq.serialize_element(i)?;
                }
                seq.end()
            }
            Val::Table(pairs) => {
                let mut map = s.serialize_map(Some(pairs.len()))?;
                for (k, v) in pairs {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

fn text(s: &str) -> Val {
    Val::Text(s.to_string())
}

fn table(pairs: Vec<(&str, Val)>) -> Val {
    Val::Table(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn texts(ids: &[String]) -> Val {
    Val::List(ids.iter().map(|i| text(i)).collect())
}

/// A quantity as `input` writes it: a field's id, or a table.
pub fn quantity_val(q: &Quantity) -> Val {
    match q {
        Quantity::Field(f) => text(f),
        Quantity::Sum(fs) => table(vec![("sum", texts(fs))]),
        Quantity::Percent {
            numerator,
            denominator,
        } => table(vec![
            ("percent", texts(numerator)),
            ("of", texts(denominator)),
        ]),
        Quantity::Ratio {
            numerator,
            denominator,
        } => table(vec![
            ("ratio", texts(numerator)),
            ("per", texts(denominator)),
        ]),
        Quantity::Growth { current, previous } => {
            table(vec![("growth", text(current)), ("from", text(previous))])
        }
        Quantity::Difference { plus, minus } => {
            table(vec![("difference", texts(plus)), ("minus", texts(minus))])
        }
    }
}

/// A lower bound as `from` (inclusive) or `above`.
pub(crate) fn lower_key(b: Bound) -> (&'static str, Val) {
    (
        if b.inclusive { "from" } else { "above" },
        Val::Dec(b.value),
    )
}

/// An upper bound as `through` (inclusive) or `below`.
fn upper_key(b: Bound) -> (&'static str, Val) {
    (
        if b.inclusive { "through" } else { "below" },
        Val::Dec(b.value),
    )
}

pub(crate) fn interval_keys(i: Interval) -> Vec<(&'static str, Val)> {
    i.lower
        .map(lower_key)
        .into_iter()
        .chain(i.upper.map(upper_key))
        .collect()
}

/// A weighted count or a deduction rate as a table.
pub(crate) fn rate_val(r: &Rate, points_key: &'static str) -> Val {
    let mut pairs = vec![
        ("input", quantity_val(&r.quantity)),
        (points_key, Val::Dec(r.points)),
    ];
    if let Some(l) = &r.label {
        pairs.push(("label", text(&l.zh)));
        pairs.push(("label_en", text(&l.en)));
    }
    table(pairs)
}

/// A comparison as a table: `input`, `op`, `value`, and its label.
pub fn comparison_val(c: &Comparison) -> Val {
    let mut pairs = vec![
        ("input", quantity_val(&c.quantity)),
        ("op", text(op_text(c.op))),
        ("value", Val::Dec(c.value)),
    ];
    if let Some(l) = &c.label {
        pairs.push(("label", text(&l.zh)));
        pairs.push(("label_en", text(&l.en)));
    }
    table(pairs)
}

/// Every key of a term, in the order a rubric file writes them: `kind`, its label, cap and
/// precondition, then the keys of its kind, each with its value. The whole rule, with
/// nothing left out.
pub fn term_keys(term: &Term) -> Vec<(String, Val)> {
    let mut out: Vec<(&str, Val)> = vec![("kind", text(term.rule.kind()))];
    if let Some(l) = &term.label {
        out.push(("label", text(&l.zh)));
        out.push(("label_en", text(&l.en)));
    }
    if let Some(c) = term.cap {
        out.push(("cap", Val::Dec(c)));
    }
    if let Some(r) = &term.requires {
        out.push(("requires", text(r)));
    }
    let mut out: Vec<(String, Val)> = out.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    out.extend(term.rule.write());
    out
}

fn toml_q(q: &Quantity) -> String {
    toml(&quantity_val(q))
}

fn toml_c(c: &Comparison) -> String {
    toml(&comparison_val(c))
}

/// A term's keys, one a line, as a rubric file writes them under `[[items.terms]]`: for
/// another writer of rubric files (the drafter), so that both write terms alike.
pub fn term_lines(term: &Term) -> String {
    let mut w = Out::default();
    w.term(term);
    w.0
}

/// A value as a rubric file writes it, on one line.
pub fn toml_value(v: &Val) -> String {
    toml(v)
}

/// A text as a rubric file writes it: a basic TOML string.
pub fn toml_string(s: &str) -> String {
    string(s)
}

/// A key as a rubric file writes it: bare where TOML allows it, else quoted.
pub fn toml_key(k: &str) -> String {
    key(k)
}

/// A value as TOML, on one line.
fn toml(v: &Val) -> String {
    match v {
        Val::Text(t) => string(t),
        Val::Dec(d) => decimal(*d),
        Val::Int(n) => n.to_string(),
        Val::List(items) => {
            let items: Vec<String> = items.iter().map(toml).collect();
            format!("[{}]", items.join(", "))
        }
        Val::Table(pairs) => {
            let body: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{} = {}", key(k), toml(v)))
                .collect();
            format!("{{ {} }}", body.join(", "))
        }
    }
}

/// A key, bare where TOML allows it, else quoted.
fn key(k: &str) -> String {
    let bare = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        k.to_string()
    } else {
        string(k)
    }
}

/// A basic TOML string: quotes, backslashes and control characters escaped.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A decimal as a rubric file writes it: text, so that it is exact.
fn decimal(d: Decimal) -> String {
    string(&fmt_dec(d))
}

/// An inline table of `(key, value written)`.
fn inline(pairs: &[(&str, String)]) -> String {
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{} = {v}", key(k)))
        .collect();
    format!("{{ {} }}", body.join(", "))
}

/// An operator as a rubric file writes it (`<`, `<=`, `==`, `>=`, `>`).
pub fn op_text(o: super::Op) -> &'static str {
    match o {
        super::Op::Lt => "<",
        super::Op::Le => "<=",
        super::Op::Eq => "==",
        super::Op::Ge => ">=",
        super::Op::Gt => ">",
    }
}
