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

use super::rule::{Band, Bound, Comparison, Interval, Quantity, Rate, Rule, Term, LINEAR_PLACES};
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
        for (k, v) in interval(g.range) {
            w.pair(k, &v);
        }
    }
    for v in &rubric.vetoes {
        w.header("[[vetoes]]");
        w.text("id", &v.id);
        w.text("text", &v.text.zh);
        w.text("text_en", &v.text.en);
        match &v.trigger {
            Trigger::Flag(f) => w.text("flag", f),
            Trigger::Compare(c) => w.pair("when", &comparison(c)),
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
        w.pair("left", &quantity(&c.left));
        w.text("op", op(c.op));
        w.pair("right", &quantity(&c.right));
        w.text("message", &c.message.zh);
        w.text("message_en", &c.message.en);
        if let Some(when) = &c.when {
            w.pair("when", &comparison(when));
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

    fn label(&mut self, label: Option<&Text>) {
        if let Some(l) = label {
            self.both("label", l);
        }
    }

    fn term(&mut self, term: &Term) {
        self.text("kind", term.rule.kind());
        self.label(term.label.as_ref());
        if let Some(c) = term.cap {
            self.dec("cap", c);
        }
        self.opt_text("requires", term.requires.as_deref());
        match &term.rule {
            Rule::Bands { quantity: q, bands } => {
                self.pair("input", &quantity(q));
                let list: Vec<String> = bands.iter().map(band).collect();
                self.array("bands", &list);
            }
            Rule::Per {
                quantity: q,
                every,
                points,
            } => {
                self.pair("input", &quantity(q));
                self.dec("every", *every);
                self.dec("points", *points);
            }
            Rule::Step {
                quantity: q,
                threshold,
                points,
                step,
                step_points,
            } => {
                self.pair("input", &quantity(q));
                let (k, v) = lower(*threshold);
                self.pair(k, &v);
                self.dec("points", *points);
                self.dec("step", *step);
                self.dec("step_points", *step_points);
            }
            Rule::Linear {
                quantity: q,
                threshold,
                points,
                every,
                rate,
                places,
            } => {
                self.pair("input", &quantity(q));
                let (k, v) = lower(*threshold);
                self.pair(k, &v);
                self.dec("points", *points);
                self.dec("every", *every);
                self.dec("rate", *rate);
                if *places != LINEAR_PLACES {
                    self.pair("places", &places.to_string());
                }
            }
            Rule::Flag { field, points } => {
                self.text("input", field);
                self.dec("points", *points);
            }
            Rule::Choice { field, points } => {
                self.text("input", field);
                let pairs: Vec<(&str, String)> = points
                    .iter()
                    .map(|(o, p)| (o.as_str(), decimal(*p)))
                    .collect();
                self.pair("points", &inline(&pairs));
            }
            Rule::Weighted { counts } => {
                let list: Vec<String> = counts.iter().map(|r| rate(r, "points")).collect();
                self.array("counts", &list);
            }
            Rule::SelfScore { max, .. } => self.dec("max", *max),
            Rule::Highest { options } => {
                let list: Vec<String> = options
                    .iter()
                    .map(|(f, p)| inline(&[("input", string(f)), ("points", decimal(*p))]))
                    .collect();
                self.array("options", &list);
            }
            Rule::Deduct { start, rates } => {
                self.dec("start", *start);
                let list: Vec<String> = rates.iter().map(|r| rate(r, "each")).collect();
                self.array("rates", &list);
            }
            Rule::Condition { all, points } => {
                let list: Vec<String> = all.iter().map(comparison).collect();
                self.array("all", &list);
                self.dec("points", *points);
            }
        }
    }

    fn figure(&mut self, f: &Figure) {
        self.text("id", &f.id);
        self.both("label", &f.label);
        self.pair("input", &quantity(&f.quantity));
        if let Some((o, v)) = f.target {
            self.pair(
                "target",
                &inline(&[("op", string(op(o))), ("value", decimal(v))]),
            );
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

fn op(o: super::Op) -> &'static str {
    match o {
        super::Op::Lt => "<",
        super::Op::Le => "<=",
        super::Op::Eq => "==",
        super::Op::Ge => ">=",
        super::Op::Gt => ">",
    }
}

fn list(ids: &[String]) -> String {
    let items: Vec<String> = ids.iter().map(|s| string(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A quantity as `input` writes it.
fn quantity(q: &Quantity) -> String {
    match q {
        Quantity::Field(f) => string(f),
        Quantity::Sum(fs) => inline(&[("sum", list(fs))]),
        Quantity::Percent {
            numerator,
            denominator,
        } => inline(&[("percent", list(numerator)), ("of", list(denominator))]),
        Quantity::Ratio {
            numerator,
            denominator,
        } => inline(&[("ratio", list(numerator)), ("per", list(denominator))]),
        Quantity::Growth { current, previous } => {
            inline(&[("growth", string(current)), ("from", string(previous))])
        }
        Quantity::Difference { plus, minus } => {
            inline(&[("difference", list(plus)), ("minus", list(minus))])
        }
    }
}

/// A lower bound as `from` (inclusive) or `above`.
fn lower(b: Bound) -> (&'static str, String) {
    (if b.inclusive { "from" } else { "above" }, decimal(b.value))
}

/// An upper bound as `through` (inclusive) or `below`.
fn upper(b: Bound) -> (&'static str, String) {
    (
        if b.inclusive { "through" } else { "below" },
        decimal(b.value),
    )
}

fn interval(i: Interval) -> Vec<(&'static str, String)> {
    i.lower
        .map(lower)
        .into_iter()
        .chain(i.upper.map(upper))
        .collect()
}

fn band(b: &Band) -> String {
    let mut pairs = interval(b.range);
    pairs.push(("points", decimal(b.points)));
    inline(&pairs)
}

fn rate(r: &Rate, points_key: &'static str) -> String {
    let mut pairs = vec![
        ("input", quantity(&r.quantity)),
        (points_key, decimal(r.points)),
    ];
    if let Some(l) = &r.label {
        pairs.push(("label", string(&l.zh)));
        pairs.push(("label_en", string(&l.en)));
    }
    inline(&pairs)
}

fn comparison(c: &Comparison) -> String {
    let mut pairs = vec![
        ("input", quantity(&c.quantity)),
        ("op", string(op(c.op))),
        ("value", decimal(c.value)),
    ];
    if let Some(l) = &c.label {
        pairs.push(("label", string(&l.zh)));
        pairs.push(("label_en", string(&l.en)));
    }
    inline(&pairs)
}
