//! A plain, serializable description of a rubric: what `spacescore describe` prints and
//! what the JS API's `describe()` returns. Decimals are strings.

use serde::Serialize;

use crate::rubric::source::term_keys;
use crate::rubric::{Field, Figure, Rubric, Stated, Trigger};
use crate::text::fmt_dec;
use crate::val::{comparison_val, op_text, quantity_val, Val};

/// A rubric, described for people and programs.
#[derive(Debug, Clone, Serialize)]
pub struct Description {
    pub id: String,
    pub version: String,
    pub name: String,
    pub name_en: String,
    pub region: String,
    pub region_en: String,
    pub space_type: String,
    pub space_type_en: String,
    /// `formula`, `weights` or `form`.
    pub method: &'static str,
    /// The document's title.
    pub title: String,
    /// Who issued the document; null where it does not say (see `issuer_note`).
    pub issuer: Option<String>,
    /// Where the document does not name its issuer: what was looked for.
    pub issuer_note: Option<String>,
    pub document_number: Option<String>,
    /// The document's year; null where it does not say (see `year_note`).
    pub year: Option<String>,
    pub year_note: Option<String>,
    pub period: String,
    pub section: String,
    pub source: Option<String>,
    pub references: Vec<String>,
    pub base_max: String,
    /// What the bonus items add up to.
    pub bonus_max: String,
    /// The cap on the bonus total, where the document sets one below the bonus items' sum.
    pub bonus_cap: Option<String>,
    /// The most the bonus can add to the total: the cap where there is one, else
    /// `bonus_max`.
    pub bonus_counted: String,
    /// The content hash of the rubric (its compiled form).
    pub hash: String,
    pub groups: Vec<GroupDescription>,
    pub items: Vec<ItemDescription>,
    /// A form's rows (Shanxi); empty for scored rubrics.
    pub rows: Vec<RowDescription>,
    pub grades: Vec<GradeDescription>,
    /// Grades the document names without cut-offs (Chinese).
    pub grade_names: Vec<String>,
    /// The same in English.
    pub grade_names_en: Vec<String>,
    pub grades_note: Option<String>,
    pub vetoes: Vec<VetoDescription>,
    pub limits: Vec<String>,
    /// The consistency checks between figures, warned about when they do not hold.
    pub consistency: Vec<ConsistencyDescription>,
    /// Figures computed for the whole rubric (a form's derived figures).
    pub figures: Vec<FigureDescription>,
    /// Interpretations of the whole document.
    pub notes: Vec<String>,
    /// The policy lines the items cite, by id.
    pub policies: Vec<PolicyDescription>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupDescription {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub source: String,
    pub max: String,
    pub bonus: bool,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemDescription {
    pub id: String,
    pub group: String,
    pub number: Option<String>,
    pub name: String,
    pub name_en: String,
    pub max: String,
    pub bonus: bool,
    pub self_assessed: bool,
    pub nature: Option<String>,
    pub source_text: String,
    pub rule_text: Option<String>,
    pub evidence: Option<String>,
    /// The kinds of its rule's terms (`bands`, `per`, `self`…).
    pub rule: Vec<&'static str>,
    /// Its rule, whole: each term with every key a rubric file gives it (thresholds,
    /// steps, points, bands, caps, rounding), as the rubric file writes them.
    pub terms: Vec<Val>,
    /// Figures computed from its inputs and shown beside it.
    pub figures: Vec<FigureDescription>,
    pub inputs: Vec<InputDescription>,
    /// Fields that support a self-assessment without changing the score.
    pub aids: Vec<InputDescription>,
    pub policies: Vec<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputDescription {
    pub field: String,
    pub name: String,
    pub name_en: String,
    /// `count`, `amount`, `signed-amount`, `percent`, `bool`, `checklist`, `choice` or `score`.
    pub kind: &'static str,
    pub unit: String,
    pub unit_en: String,
    pub max: Option<String>,
    /// The option ids of a checklist or single-choice field.
    pub options: Vec<String>,
    /// The same options with their names.
    pub choices: Vec<ChoiceDescription>,
    /// The period this rubric asks the figure for, where documents differ.
    pub period: Option<String>,
    pub period_en: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChoiceDescription {
    pub id: String,
    pub name: String,
    pub name_en: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RowDescription {
    pub group: String,
    pub label: String,
    pub unit: String,
    pub input: InputDescription,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeDescription {
    pub name: String,
    pub name_en: String,
    /// The lowest total in the band, if bounded below.
    pub from: Option<String>,
    /// Whether `from` itself is in the band.
    pub from_inclusive: bool,
    /// The highest total in the band, if bounded above.
    pub to: Option<String>,
    /// Whether `to` itself is in the band.
    pub to_inclusive: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct VetoDescription {
    pub id: String,
    pub text: String,
    pub text_en: String,
    /// The yes/no field, or the fields of the comparison, that decide it.
    pub inputs: Vec<String>,
    pub notes: Vec<String>,
}

/// A consistency check: `left op right`, each side a field or a computed quantity as the
/// rubric file writes it.
#[derive(Debug, Clone, Serialize)]
pub struct ConsistencyDescription {
    pub left: Val,
    pub op: &'static str,
    pub right: Val,
    pub message: String,
    pub message_en: String,
    /// The comparison under which the check applies, if any.
    pub when: Option<Val>,
}

/// A computed figure: what it is called, how it is computed, and the line it is compared
/// with.
#[derive(Debug, Clone, Serialize)]
pub struct FigureDescription {
    pub id: String,
    pub label: String,
    pub label_en: String,
    pub input: Val,
    /// `{op, value}`, if the figure has a reference line.
    pub target: Option<Val>,
}

fn describe_figure(f: &Figure) -> FigureDescription {
    FigureDescription {
        id: f.id().to_string(),
        label: f.label().zh.clone(),
        label_en: f.label().en.clone(),
        input: quantity_val(f.quantity()),
        target: f.target().map(|(op, value)| {
            Val::Table(vec![
                ("op".into(), Val::Text(op_text(op).into())),
                ("value".into(), Val::Dec(value)),
            ])
        }),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PolicyDescription {
    pub id: String,
    pub text: String,
    pub text_en: String,
}

/// Describes one field.
pub fn describe_field(f: &Field) -> InputDescription {
    InputDescription {
        field: f.id().to_string(),
        name: f.name().zh.clone(),
        name_en: f.name().en.clone(),
        kind: f.kind().as_str(),
        unit: f.unit().zh.clone(),
        unit_en: f.unit().en.clone(),
        max: f.max().map(fmt_dec),
        options: f
            .kind()
            .options()
            .iter()
            .map(|c| c.id().to_string())
            .collect(),
        choices: f
            .kind()
            .options()
            .iter()
            .map(|c| ChoiceDescription {
                id: c.id().to_string(),
                name: c.name().zh.clone(),
                name_en: c.name().en.clone(),
            })
            .collect(),
        period: f.period().map(|p| p.zh.clone()),
        period_en: f.period().map(|p| p.en.clone()),
        note: f.note().map(str::to_string),
    }
}

fn not_stated(s: &Stated) -> Option<String> {
    match s {
        Stated::Given(_) => None,
        Stated::NotStated(note) => Some(note.clone()),
    }
}

/// Describes a rubric.
pub fn describe(r: &Rubric) -> Description {
    let field = |id: &str| r.field(id).map(describe_field);
    let d = r.document();
    Description {
        id: r.id().to_string(),
        version: r.version().to_string(),
        name: r.name().zh.clone(),
        name_en: r.name().en.clone(),
        region: r.region().zh.clone(),
        region_en: r.region().en.clone(),
        space_type: r.space_type().zh.clone(),
        space_type_en: r.space_type().en.clone(),
        method: r.method().as_str(),
        title: d.title.clone(),
        issuer: d.issuer.given().map(str::to_string),
        issuer_note: not_stated(&d.issuer),
        document_number: d.number.clone(),
        year: d.year.given().map(str::to_string),
        year_note: not_stated(&d.year),
        period: d.period.clone(),
        section: d.section.clone(),
        source: d.source.clone(),
        references: d.references.clone(),
        base_max: fmt_dec(r.base_max()),
        bonus_max: fmt_dec(r.bonus_items_max()),
        bonus_cap: r.bonus_cap().map(fmt_dec),
        bonus_counted: fmt_dec(r.bonus_max()),
        hash: r.hash().to_string(),
        groups: r
            .groups()
            .iter()
            .map(|g| GroupDescription {
                id: g.id().to_string(),
                name: g.name().zh.clone(),
                name_en: g.name().en.clone(),
                source: g.source().to_string(),
                max: fmt_dec(g.max()),
                bonus: g.bonus(),
                notes: g.notes().to_vec(),
            })
            .collect(),
        items: r
            .items()
            .iter()
            .map(|i| ItemDescription {
                id: i.id().to_string(),
                group: i.group().to_string(),
                number: i.number().map(str::to_string),
                name: i.name().zh.clone(),
                name_en: i.name().en.clone(),
                max: fmt_dec(i.max()),
                bonus: i.bonus(),
                self_assessed: i.self_assessed(),
                nature: i.nature().map(str::to_string),
                source_text: i.source_text().to_string(),
                rule_text: i.rule_text().map(str::to_string),
                evidence: i.evidence().map(str::to_string),
                rule: i.terms().iter().map(|t| t.rule.kind()).collect(),
                terms: i.terms().iter().map(|t| Val::Table(term_keys(t))).collect(),
                figures: i.figures().iter().map(describe_figure).collect(),
                inputs: i.inputs().into_iter().filter_map(field).collect(),
                aids: i.aids().iter().filter_map(|a| field(a)).collect(),
                policies: i.policies().to_vec(),
                notes: i.notes().to_vec(),
            })
            .collect(),
        rows: r
            .rows()
            .iter()
            .filter_map(|row| {
                Some(RowDescription {
                    group: row.group().to_string(),
                    label: row.label().to_string(),
                    unit: row.unit().to_string(),
                    input: field(row.field())?,
                })
            })
            .collect(),
        grades: r
            .grades()
            .iter()
            .map(|g| {
                let range = g.range();
                GradeDescription {
                    name: g.name().zh.clone(),
                    name_en: g.name().en.clone(),
                    from: range.lower.map(|b| fmt_dec(b.value)),
                    from_inclusive: range.lower.is_some_and(|b| b.inclusive),
                    to: range.upper.map(|b| fmt_dec(b.value)),
                    to_inclusive: range.upper.is_some_and(|b| b.inclusive),
                }
            })
            .collect(),
        grade_names: r.grade_names().iter().map(|g| g.zh.clone()).collect(),
        grade_names_en: r.grade_names().iter().map(|g| g.en.clone()).collect(),
        grades_note: r.grades_note().map(str::to_string),
        vetoes: r
            .vetoes()
            .iter()
            .map(|v| VetoDescription {
                id: v.id().to_string(),
                text: v.text().zh.clone(),
                text_en: v.text().en.clone(),
                inputs: match v.trigger() {
                    Trigger::Flag(f) => vec![f.clone()],
                    Trigger::Compare(c) => c
                        .quantity
                        .fields()
                        .into_iter()
                        .map(str::to_string)
                        .collect(),
                },
                notes: v.notes().to_vec(),
            })
            .collect(),
        limits: r.limits().iter().map(|l| l.text().zh.clone()).collect(),
        consistency: r
            .consistency()
            .iter()
            .map(|c| ConsistencyDescription {
                left: quantity_val(c.left()),
                op: op_text(c.op()),
                right: quantity_val(c.right()),
                message: c.message().zh.clone(),
                message_en: c.message().en.clone(),
                when: c.when().map(comparison_val),
            })
            .collect(),
        figures: r.figures().iter().map(describe_figure).collect(),
        notes: d.notes.clone(),
        policies: r
            .policies()
            .iter()
            .map(|p| PolicyDescription {
                id: p.id().to_string(),
                text: p.text().zh.clone(),
                text_en: p.text().en.clone(),
            })
            .collect(),
    }
}
