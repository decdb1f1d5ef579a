//! A rubric file as a tree of values, written and read back deterministically.
//!
//! [`Val`] is what a rubric file says: text, decimals (written as text, so they are exact),
//! whole numbers, yes/no, lists and tables of keys. A whole file is a [`Val::Table`]:
//! [`of`] makes one from a validated rubric (self-contained: every field the rubric reads is
//! defined in it, `[fields.…]`, and every policy line it cites, `[[policies]]`, so it needs
//! no shared dictionary), [`parse`] reads one from a file's text, and [`render`] writes any
//! of them as TOML, every table's keys in one order (the order `docs/authoring.md` writes
//! them), so that the same content always gives the same bytes and a file written, read and
//! written again is unchanged. The checker re-establishes a compiled rubric from elsewhere
//! from [`write`] (the checker's `check_bytes`); an official revises a rubric as this tree
//! (the studio); `describe` shows a term's keys as [`term_keys`] gives them.

use std::fmt::Write as _;

use super::{Field, FieldKind, Figure, Method, Rubric, Stated, Trigger};
use crate::kinds::Term;
use crate::text::fmt_dec;
#[cfg(feature = "check")]
use crate::text::Text;
use crate::val::{both, interval_keys, some, table, text, texts_if_any};
pub use crate::val::{comparison_val, op_text, quantity_val, Val};

fn stated(s: &Stated) -> Val {
    match s {
        Stated::Given(v) => text(v),
        Stated::NotStated(note) => table(vec![("not_stated", text(note))]),
    }
}

/// A validated rubric as a rubric file's tree: self-contained, and read by the checker as
/// the same rubric.
pub fn of(rubric: &Rubric) -> Val {
    let mut root: Vec<(String, Val)> = Vec::new();
    let d = &rubric.document;
    if let Some(notes) = texts_if_any(&d.notes) {
        root.push(("notes".into(), notes));
    }
    root.push((
        "document".into(),
        some(vec![
            ("title", Some(text(&d.title))),
            ("issuer", Some(stated(&d.issuer))),
            ("number", d.number.as_deref().map(text)),
            ("year", Some(stated(&d.year))),
            ("period", Some(text(&d.period))),
            ("section", Some(text(&d.section))),
            ("source", d.source.as_deref().map(text)),
            ("references", texts_if_any(&d.references)),
        ]),
    ));
    let mut head: Vec<(String, Val)> = vec![
        ("id".into(), text(&rubric.id)),
        ("version".into(), text(&rubric.version)),
    ];
    head.extend(both("name", &rubric.name));
    head.extend(both("region", &rubric.region));
    head.extend(both("space_type", &rubric.space_type));
    head.push(("method".into(), text(rubric.method.as_str())));
    if rubric.method != Method::Form {
        head.push(("base_max".into(), Val::Dec(rubric.base_max)));
    }
    if !rubric.bonus_max.is_zero() {
        head.push(("bonus_max".into(), Val::Dec(rubric.bonus_max)));
    }
    if let Some(cap) = rubric.bonus_cap {
        head.push(("bonus_cap".into(), Val::Dec(cap)));
    }
    if !rubric.grade_names.is_empty() {
        let names = rubric
            .grade_names
            .iter()
            .map(|n| Val::Table(both("name", n).to_vec()))
            .collect();
        head.push(("grade_names".into(), Val::List(names)));
    }
    if let Some(n) = &rubric.grades_note {
        head.push(("grades_note".into(), text(n)));
    }
    root.push(("rubrics".into(), Val::List(vec![Val::Table(head)])));

    // The fields (a self-assessed score's field comes from its `self` term).
    let fields: Vec<(String, Val)> = rubric
        .fields
        .values()
        .filter(|f| f.kind != FieldKind::Score)
        .map(|f| (f.id.clone(), field(f)))
        .collect();
    if !fields.is_empty() {
        root.push(("fields".into(), Val::Table(fields)));
    }
    let policies: Vec<Val> = rubric
        .policies
        .iter()
        .map(|p| {
            table(vec![
                ("id", text(&p.id)),
                ("zh", text(&p.text.zh)),
                ("en", text(&p.text.en)),
            ])
        })
        .collect();
    if !policies.is_empty() {
        root.push(("policies".into(), Val::List(policies)));
    }
    let uses: Vec<(String, Val)> = rubric
        .fields
        .values()
        .filter_map(|f| {
            let p = f.period.as_ref()?;
            Some((f.id.clone(), Val::Table(both("period", p).to_vec())))
        })
        .collect();
    if !uses.is_empty() {
        root.push(("uses".into(), Val::Table(uses)));
    }
    let form = rubric.method == Method::Form;
    let groups = rubric
        .groups
        .iter()
        .map(|g| {
            let mut t = vec![("id".to_string(), text(&g.id))];
            t.extend(both("name", &g.name));
            t.push(("source".into(), text(&g.source)));
            // A form's sections carry no points.
            if !form {
                t.push(("max".into(), Val::Dec(g.max)));
            }
            if g.bonus {
                t.push(("bonus".into(), Val::Bool(true)));
            }
            if let Some(n) = texts_if_any(&g.notes) {
                t.push(("notes".into(), n));
            }
            Val::Table(t)
        })
        .collect();
    root.push(("groups".into(), Val::List(groups)));
    let items: Vec<Val> = rubric.items.iter().map(item).collect();
    let lists: [(&str, Vec<Val>); 7] = [
        ("items", items),
        (
            "rows",
            rubric
                .rows
                .iter()
                .map(|r| {
                    some(vec![
                        ("group", Some(text(&r.group))),
                        ("field", Some(text(&r.field))),
                        ("label", Some(text(&r.label))),
                        ("unit", (!r.unit.is_empty()).then(|| text(&r.unit))),
                    ])
                })
                .collect(),
        ),
        (
            "grades",
            rubric
                .grades
                .iter()
                .map(|g| {
                    let mut t = both("name", &g.name).to_vec();
                    t.extend(
                        interval_keys(g.range)
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), v)),
                    );
                    Val::Table(t)
                })
                .collect(),
        ),
        (
            "vetoes",
            rubric
                .vetoes
                .iter()
                .map(|v| {
                    let mut t = vec![("id".to_string(), text(&v.id))];
                    t.extend(both("text", &v.text));
                    match &v.trigger {
                        Trigger::Flag(f) => t.push(("flag".into(), text(f))),
                        Trigger::Compare(c) => t.push(("when".into(), comparison_val(c))),
                    }
                    if let Some(g) = &v.grade {
                        t.push(("grade".into(), text(g)));
                    }
                    if let Some(n) = texts_if_any(&v.notes) {
                        t.push(("notes".into(), n));
                    }
                    Val::Table(t)
                })
                .collect(),
        ),
        (
            "limits",
            rubric
                .limits
                .iter()
                .map(|l| {
                    let mut t = vec![("id".to_string(), text(&l.id))];
                    t.extend(both("text", &l.text));
                    t.push(("flag".into(), text(&l.flag)));
                    let grade = rubric
                        .grades
                        .get(l.grade_at_most)
                        .map(|g| g.name.zh.as_str());
                    t.push(("grade_at_most".into(), text(grade.unwrap_or_default())));
                    Val::Table(t)
                })
                .collect(),
        ),
        (
            "consistency",
            rubric
                .consistency
                .iter()
                .map(|c| {
                    let mut t = vec![
                        ("left".to_string(), quantity_val(&c.left)),
                        ("op".into(), text(op_text(c.op))),
                        ("right".into(), quantity_val(&c.right)),
                    ];
                    t.extend(both("message", &c.message));
                    if let Some(w) = &c.when {
                        t.push(("when".into(), comparison_val(w)));
                    }
                    Val::Table(t)
                })
                .collect(),
        ),
        ("figures", rubric.figures.iter().map(figure).collect()),
    ];
    for (k, list) in lists {
        if !list.is_empty() {
            root.push((k.into(), Val::List(list)));
        }
    }
    Val::Table(root)
}

fn field(f: &Field) -> Val {
    let options = f.kind.options();
    some(vec![
        ("name", Some(text(&f.name.zh))),
        ("name_en", Some(text(&f.name.en))),
        ("kind", Some(text(f.kind.as_str()))),
        ("unit", (!f.unit.zh.is_empty()).then(|| text(&f.unit.zh))),
        ("unit_en", (!f.unit.en.is_empty()).then(|| text(&f.unit.en))),
        ("max", f.max.map(Val::Dec)),
        ("note", f.note.as_deref().map(text)),
        ("given", f.given.then_some(Val::Bool(true))),
        (
            "options",
            (!options.is_empty()).then(|| {
                Val::List(
                    options
                        .iter()
                        .map(|o| {
                            table(vec![
                                ("id", text(&o.id)),
                                ("name", text(&o.name.zh)),
                                ("name_en", text(&o.name.en)),
                            ])
                        })
                        .collect(),
                )
            }),
        ),
    ])
}

fn item(i: &super::Item) -> Val {
    let mut t = vec![
        ("id".to_string(), text(&i.id)),
        ("group".into(), text(&i.group)),
    ];
    if let Some(n) = &i.number {
        t.push(("number".into(), text(n)));
    }
    t.extend(both("name", &i.name));
    t.push(("source_text".into(), text(&i.source_text)));
    let optional = [
        ("rule_text", &i.rule_text),
        ("nature", &i.nature),
        ("evidence", &i.evidence),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            t.push((k.into(), text(v)));
        }
    }
    t.push(("max".into(), Val::Dec(i.max)));
    for (k, list) in [
        ("aids", &i.aids),
        ("policies", &i.policies),
        ("notes", &i.notes),
    ] {
        if let Some(l) = texts_if_any(list) {
            t.push((k.into(), l));
        }
    }
    t.push((
        "terms".into(),
        Val::List(i.terms.iter().map(|x| Val::Table(term_keys(x))).collect()),
    ));
    if !i.figures.is_empty() {
        t.push((
            "figures".into(),
            Val::List(i.figures.iter().map(figure).collect()),
        ));
    }
    Val::Table(t)
}

fn figure(f: &Figure) -> Val {
    let mut t = vec![("id".to_string(), text(&f.id))];
    t.extend(both("label", &f.label));
    t.push(("input".into(), quantity_val(&f.quantity)));
    if let Some((o, v)) = f.target {
        t.push((
            "target".into(),
            table(vec![("op", text(op_text(o))), ("value", Val::Dec(v))]),
        ));
    }
    Val::Table(t)
}

/// Every key of a term, in the order a rubric file writes them: `kind`, its label, cap and
/// precondition, then the keys of its kind, each with its value. The whole rule, with
/// nothing left out.
pub fn term_keys(term: &Term) -> Vec<(String, Val)> {
    let mut out = vec![("kind".to_string(), text(term.rule.kind()))];
    if let Some(l) = &term.label {
        out.extend(both("label", l));
    }
    if let Some(c) = term.cap {
        out.push(("cap".into(), Val::Dec(c)));
    }
    if let Some(r) = &term.requires {
        out.push(("requires".into(), text(r)));
    }
    out.extend(term.rule.write());
    out
}

/// `rubric` as a rubric file.
pub fn write(rubric: &Rubric) -> String {
    render(&of(rubric))
}

// ---------------------------------------------------------------------------------------
// Writing a tree as TOML.

/// The order keys are written in, by the table they are in (`""` for the file's top level,
/// else the section's key: `items`, `vetoes`…); keys not listed come after, in the order of
/// their names. The studio shows a table's keys in this order and offers a new section's
/// keys from it.
pub fn order(section: &str) -> &'static [&'static str] {
    match section {
        "" => &[
            "notes",
            "document",
            "rubrics",
            "fields",
            "policies",
            "uses",
            "groups",
            "items",
            "rows",
            "grades",
            "vetoes",
            "limits",
            "consistency",
            "figures",
            "cases",
        ],
        "document" => &[
            "title",
            "issuer",
            "number",
            "year",
            "period",
            "section",
            "source",
            "references",
        ],
        "rubrics" => &[
            "id",
            "version",
            "name",
            "name_en",
            "region",
            "region_en",
            "space_type",
            "space_type_en",
            "method",
            "base_max",
            "bonus_max",
            "bonus_cap",
            "grade_names",
            "grades_note",
        ],
        "fields" => &[
            "name", "name_en", "kind", "unit", "unit_en", "max", "note", "periodic", "given",
            "options",
        ],
        "uses" => &["period", "period_en", "given"],
        "policies" => &["id", "zh", "en"],
        "groups" => &["id", "name", "name_en", "source", "max", "bonus", "notes"],
        "items" => &[
            "id",
            "group",
            "number",
            "name",
            "name_en",
            "source_text",
            "rule_text",
            "nature",
            "evidence",
            "max",
            "aids",
            "policies",
            "notes",
            "terms",
            "figures",
        ],
        "rows" => &["group", "field", "label", "unit"],
        "grades" => &["name", "name_en", "from", "above", "below", "through"],
        "vetoes" => &["id", "text", "text_en", "flag", "when", "grade", "notes"],
        "limits" => &["id", "text", "text_en", "flag", "grade_at_most"],
        "consistency" => &["left", "op", "right", "message", "message_en", "when"],
        "figures" => &["id", "label", "label_en", "input", "target"],
        "cases" => &["name", "clause", "rubric", "inputs", "expect"],
        // Inline tables (bands, counts, rates, options, comparisons, quantities…), and a
        // term's own keys after the common ones (each kind's keys are in `KINDS`).
        _ => &[
            "kind",
            "label",
            "label_en",
            "cap",
            "requires",
            "id",
            "name",
            "name_en",
            "input",
            "op",
            "value",
            "start",
            "from",
            "above",
            "below",
            "through",
            "points",
            "every",
            "step",
            "step_points",
            "rate",
            "each",
            "places",
            "max",
            "counts",
            "rates",
            "options",
            "all",
            "bands",
            "not_stated",
            "sum",
            "percent",
            "of",
            "ratio",
            "per",
            "growth",
            "difference",
            "minus",
        ],
    }
}

/// The keys of a table in the order they are written.
fn ordered<'v>(section: &str, pairs: &'v [(String, Val)]) -> Vec<&'v (String, Val)> {
    let keys = order(section);
    let mut out: Vec<&(String, Val)> = pairs.iter().collect();
    out.sort_by(|(a, _), (b, _)| {
        let rank = |k: &str| keys.iter().position(|x| *x == k).unwrap_or(keys.len());
        rank(a).cmp(&rank(b)).then_with(|| a.cmp(b))
    });
    out
}

/// Whether `key` of the table `section` is written as a section of its own: `[key]`,
/// `[key.id]` or `[[key]]` (else on a line, `key = value`).
fn section(section: &str, key: &str, v: &Val) -> bool {
    let tables =
        |v: &Val| !v.items().is_empty() && v.items().iter().all(|i| matches!(i, Val::Table(_)));
    match (section, key, v) {
        ("", "document" | "fields" | "uses", Val::Table(_)) => true,
        ("", _, Val::List(_)) => key != "notes" && tables(v),
        ("items", "terms" | "figures", Val::List(_)) => tables(v),
        ("cases", "expect", Val::Table(_)) => true,
        _ => false,
    }
}

/// A whole file as TOML.
pub fn render(doc: &Val) -> String {
    let mut out = String::new();
    if let Val::Table(pairs) = doc {
        write_table(&mut out, "", "", pairs);
    }
    out
}

fn write_table(out: &mut String, path: &str, section_name: &str, pairs: &[(String, Val)]) {
    let keys = ordered(section_name, pairs);
    for (k, v) in keys.iter().map(|p| (&p.0, &p.1)) {
        if !section(section_name, k, v) {
            write_line(out, k, v);
        }
    }
    for (k, v) in keys.iter().map(|p| (&p.0, &p.1)) {
        if !section(section_name, k, v) {
            continue;
        }
        let full = if path.is_empty() {
            key(k)
        } else {
            format!("{path}.{}", key(k))
        };
        match v {
            Val::Table(sub)
                if matches!(k.as_str(), "fields" | "uses") && section_name.is_empty() =>
            {
                for (id, entry) in sub {
                    header(out, &format!("[{full}.{}]", key(id)));
                    if let Val::Table(entry) = entry {
                        write_table(out, &format!("{full}.{}", key(id)), k, entry);
                    }
                }
            }
            Val::Table(sub) => {
                header(out, &format!("[{full}]"));
                write_table(out, &full, k, sub);
            }
            Val::List(items) => {
                for i in items {
                    header(out, &format!("[[{full}]]"));
                    if let Val::Table(t) = i {
                        write_table(out, &full, k, t);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A table header, after a blank line (but at the very start).
fn header(out: &mut String, h: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(h);
    out.push('\n');
}

/// `key = value` on a line; a list, one item a line.
fn write_line(out: &mut String, k: &str, v: &Val) {
    match v {
        Val::List(items) if !items.is_empty() => {
            let _ = writeln!(out, "{} = [", key(k));
            for i in items {
                let _ = writeln!(out, "  {},", inline(i));
            }
            out.push_str("]\n");
        }
        _ => {
            let _ = writeln!(out, "{} = {}", key(k), inline(v));
        }
    }
}

/// A value on one line, as a rubric file writes it (`{ kind = "per", every = "2" }`).
pub fn inline_text(v: &Val) -> String {
    inline(v)
}

/// A value on one line.
fn inline(v: &Val) -> String {
    match v {
        Val::Text(t) => string(t),
        Val::Dec(d) => string(&fmt_dec(*d)),
        Val::Int(n) => n.to_string(),
        Val::Bool(b) => b.to_string(),
        Val::Raw(r) => r.clone(),
        Val::List(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        Val::Table(pairs) => {
            if pairs.is_empty() {
                return "{}".into();
            }
            let body: Vec<String> = ordered("inline", pairs)
                .into_iter()
                .map(|(k, v)| format!("{} = {}", key(k), inline(v)))
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

// ---------------------------------------------------------------------------------------
// Reading a file's text as a tree.

/// A rubric file's text as a tree, every value as the file gives it (the checker says what
/// is wrong with it; this only reads TOML).
///
/// # Errors
/// The TOML syntax error, with its line, in Chinese and English.
#[cfg(feature = "check")]
pub fn parse(text: &str) -> Result<Val, Text> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if crate::toml_tree::nesting(text) > crate::toml_tree::MAX_DEPTH {
        return Err(Text::new(
            "方括号或花括号嵌套过深，不是评价表文件",
            "brackets nest too deep; this is not a rubric file",
        ));
    }
    let table = toml::de::DeTable::parse(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text.get(..s.start).unwrap_or("").matches('\n').count() + 1);
        let message = e.message().lines().next().unwrap_or_default().to_string();
        let at = line.map(|l| format!("{l}")).unwrap_or_default();
        Text::new(
            format!("第 {at} 行不是有效的 TOML：{message}"),
            format!("line {at} is not valid TOML: {message}"),
        )
    })?;
    Ok(from_toml_table(table.get_ref()))
}

#[cfg(feature = "check")]
fn from_toml_table(t: &toml::de::DeTable<'_>) -> Val {
    Val::Table(
        t.iter()
            .map(|(k, v)| (k.get_ref().to_string(), from_toml(v.get_ref())))
            .collect(),
    )
}

#[cfg(feature = "check")]
fn from_toml(v: &toml::de::DeValue<'_>) -> Val {
    use toml::de::DeValue;
    match v {
        DeValue::String(s) => Val::Text(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map(Val::Int)
            .unwrap_or_else(|_| Val::Raw(i.as_str().to_string())),
        DeValue::Float(f) => Val::Raw(f.to_string()),
        DeValue::Boolean(b) => Val::Bool(*b),
        DeValue::Datetime(d) => Val::Raw(d.to_string()),
        DeValue::Array(items) => Val::List(items.iter().map(|i| from_toml(i.get_ref())).collect()),
        DeValue::Table(t) => from_toml_table(t),
    }
}
