//! Whether a drafted item scores like a hand-written one, and whether two rubric files
//! have the same structure.
//!
//! The two items are compared by what their rules measure, not by their field ids: each
//! item is written again as a rubric of its own in which every quantity its terms read
//! (a field, a sum, a percentage…) is a figure `q1`, `q2`… in the order the terms read them,
//! and both are scored over the same figures. The figures swept are a grid around every
//! edge of both rules (bounds, thresholds, the multiples of every step up to past the
//! maximum), one at a time and in combination.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use spacescore_core::check::{check_source, Library};
use spacescore_core::rubric::source::{inline_text, Val};
use spacescore_core::{score, Inputs, Rubric};
use toml::{Table, Value};

/// A rubric file as a TOML tree.
pub(crate) fn parse(text: &str) -> Table {
    toml::from_str(text).unwrap_or_else(|e| panic!("not TOML: {e}\n{text}"))
}

/// The `[[rubrics]]` ids of a file, in order.
pub(crate) fn rubric_ids(file: &Table) -> Vec<String> {
    list(file, "rubrics")
        .iter()
        .filter_map(|r| r.get("id")?.as_str().map(str::to_string))
        .collect()
}

fn list<'a>(t: &'a Table, key: &str) -> Vec<&'a Table> {
    t.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_table).collect())
        .unwrap_or_default()
}

/// A value of a file given once or per rubric: `None` where it does not apply (`"-"`).
fn per_rubric(v: Option<&Value>, rubric: &str) -> Option<Decimal> {
    let s = match v? {
        Value::String(s) => s.clone(),
        Value::Table(t) => t.get(rubric)?.as_str()?.to_string(),
        _ => return None,
    };
    s.trim().parse().ok()
}

/// The items of a file, in order: (id, its table).
pub(crate) fn items(file: &Table) -> Vec<(String, &Table)> {
    list(file, "items")
        .into_iter()
        .filter_map(|i| Some((i.get("id")?.as_str()?.to_string(), i)))
        .collect()
}

/// An item's maximum under a rubric.
pub(crate) fn item_max(item: &Table, rubric: &str) -> Option<Decimal> {
    per_rubric(item.get("max"), rubric)
}

/// The structure of one rubric of a file: per group (its maximum, whether it is a bonus
/// group, its items' maxima in order), and every item's maximum and bonus in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Structure {
    pub(crate) groups: Vec<(Decimal, bool, Vec<Decimal>)>,
    pub(crate) items: Vec<(Decimal, bool)>,
}

pub(crate) fn structure(file: &Table, rubric: &str) -> Structure {
    let mut groups = Vec::new();
    let mut flat = Vec::new();
    let all = items(file);
    for g in list(file, "groups") {
        let Some(max) = per_rubric(g.get("max"), rubric) else {
            continue;
        };
        let id = g.get("id").and_then(Value::as_str).unwrap_or_default();
        let bonus = g.get("bonus").and_then(Value::as_bool).unwrap_or(false);
        let mine: Vec<Decimal> = all
            .iter()
            .filter(|(_, i)| i.get("group").and_then(Value::as_str) == Some(id))
            .filter_map(|(_, i)| item_max(i, rubric))
            .collect();
        groups.push((max, bonus, mine));
    }
    let bonus_of = |gid: &str| {
        list(file, "groups")
            .iter()
            .find(|g| g.get("id").and_then(Value::as_str) == Some(gid))
            .and_then(|g| g.get("bonus").and_then(Value::as_bool))
            .unwrap_or(false)
    };
    for (_, i) in &all {
        if let Some(m) = item_max(i, rubric) {
            let gid = i.get("group").and_then(Value::as_str).unwrap_or_default();
            flat.push((m, bonus_of(gid)));
        }
    }
    Structure {
        groups,
        items: flat,
    }
}

/// Whether an item has a rule beyond a self-assessment.
pub(crate) fn has_rule(item: &Table) -> bool {
    list(item, "terms")
        .iter()
        .any(|t| t.get("kind").and_then(Value::as_str) != Some("self"))
}

/// What one figure of a rewritten item holds.
#[derive(Debug, Clone, PartialEq)]
enum Figure {
    /// Counted things: swept in whole numbers.
    Count,
    /// Any amount, percentage or ratio.
    Amount,
    YesNo,
    /// A single choice of this many options.
    Choice(usize),
    /// The self-assessed score, up to its maximum.
    Judged(Decimal),
}

/// An item written again as a rubric of its own over figures `q1`, `q2`….
struct Rewritten {
    rubric: Rubric,
    figures: Vec<Figure>,
    /// Every number its terms hold.
    edges: BTreeSet<Decimal>,
    /// Every step size its terms hold (every, step).
    steps: BTreeSet<Decimal>,
}

/// The kind of field `id` and its options, from the file or the shared dictionary.
fn field_of(file: &Table, library: &Library, id: &str) -> (String, Vec<String>) {
    if let Some(f) = file
        .get("fields")
        .and_then(|f| f.get(id))
        .and_then(Value::as_table)
    {
        let kind = f
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let options = f
            .get("options")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|o| o.get("id")?.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        return (kind, options);
    }
    match library.fields().get(id) {
        Some(f) => (
            f.kind().as_str().to_string(),
            f.kind()
                .options()
                .iter()
                .map(|o| o.id().to_string())
                .collect(),
        ),
        None => (String::new(), Vec::new()),
    }
}

fn figure_of(file: &Table, library: &Library, q: &Value) -> Figure {
    let count = |id: &str| {
        matches!(
            field_of(file, library, id).0.as_str(),
            "count" | "checklist"
        )
    };
    match q {
        Value::String(id) => match field_of(file, library, id) {
            (k, _) if k == "bool" => Figure::YesNo,
            (k, o) if k == "choice" => Figure::Choice(o.len()),
            (k, _) if k == "count" || k == "checklist" => Figure::Count,
            _ => Figure::Amount,
        },
        Value::Table(t) => match t.get("sum").and_then(Value::as_array) {
            Some(ids) if ids.iter().filter_map(Value::as_str).all(count) => Figure::Count,
            _ => Figure::Amount,
        },
        _ => Figure::Amount,
    }
}

const NUMBERS: &[&str] = &[
    "from",
    "above",
    "below",
    "through",
    "every",
    "step",
    "value",
    "start",
    "each",
    "points",
    "step_points",
    "rate",
    "max",
    "cap",
];

fn to_val(v: &Value) -> Val {
    match v {
        Value::String(s) => Val::Text(s.clone()),
        Value::Integer(n) => Val::Int(*n),
        Value::Boolean(b) => Val::Bool(*b),
        Value::Array(a) => Val::List(a.iter().map(to_val).collect()),
        Value::Table(t) => Val::Table(t.iter().map(|(k, v)| (k.clone(), to_val(v))).collect()),
        other => Val::Text(format!("{other:?}")),
    }
}

/// The item `id` of `file` under rubric `rubric`, written again over figures.
fn rewrite(file: &Table, library: &Library, rubric: &str, id: &str) -> Result<Rewritten, String> {
    let (_, item) = items(file)
        .into_iter()
        .find(|(i, _)| i == id)
        .ok_or_else(|| format!("no item {id}"))?;
    let max = item_max(item, rubric).ok_or_else(|| format!("item {id} does not apply"))?;
    let mut c = Collected {
        file,
        library,
        quantities: Vec::new(),
        figures: Vec::new(),
        edges: BTreeSet::new(),
        steps: BTreeSet::new(),
    };
    let mut terms = String::new();
    for term in list(item, "terms") {
        let mut t = term.clone();
        let kind = t
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if kind == "self" {
            let m = per_rubric(t.get("max"), rubric).unwrap_or(max);
            c.quantities.push(Value::String("score.x".into()));
            c.figures.push(Figure::Judged(m));
        }
        if kind == "choice" {
            // Options by their order, as `o1`, `o2`…
            let field = t
                .get("input")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let (_, options) = field_of(file, library, &field);
            if let Some(Value::Table(points)) = t.get_mut("points") {
                let renamed: Table = options
                    .iter()
                    .enumerate()
                    .filter_map(|(k, o)| Some((format!("o{}", k + 1), points.get(o)?.clone())))
                    .collect();
                *points = renamed;
            }
        }
        let mut v = Value::Table(t);
        c.rename(&mut v);
        let Value::Table(t) = v else { continue };
        terms.push_str("\n[[items.terms]]\n");
        for (k, v) in &t {
            terms.push_str(&format!(
                "{k} = {}
",
                inline_text(&to_val(v))
            ));
        }
    }
    let policies: Vec<String> = item
        .get("policies")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .filter(|p| library.policies().iter().any(|q| q.id() == *p))
                .map(|p| inline_text(&Val::Text(p.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let mut fields = String::new();
    for (k, f) in c.figures.iter().enumerate() {
        let id = format!("q{}", k + 1);
        let kind = match f {
            Figure::Judged(_) => continue,
            Figure::YesNo => "kind = \"bool\"\n".to_string(),
            Figure::Choice(n) => {
                let options: Vec<String> = (1..=*n)
                    .map(|o| {
                        format!("{{ id = \"o{o}\", name = \"选项{o}\", name_en = \"Option {o}\" }}")
                    })
                    .collect();
                format!("kind = \"choice\"\noptions = [{}]\n", options.join(", "))
            }
            Figure::Count | Figure::Amount => "kind = \"amount\"\nunit = \"个\"\n".to_string(),
        };
        fields.push_str(&format!(
            "\n[fields.{id}]\nname = \"{id}\"\nname_en = \"{id}\"\n{kind}"
        ));
    }
    let max = spacescore_core::fmt_dec(max);
    let lines = format!("policies = [{}]\n{terms}", policies.join(", "));
    let text = spacescore_tests::one_item_rubric("compare/item", &max, &fields, "x", &lines);
    let rubric = check_source("compare.toml", &text, library)
        .map_err(|p| format!("item {id} rewritten does not check: {p}\n{text}"))?
        .into_iter()
        .next()
        .ok_or("no rubric")?;
    Ok(Rewritten {
        rubric,
        figures: c.figures,
        edges: c.edges,
        steps: c.steps,
    })
}

/// What rewriting an item's terms collects: the quantities they read (each once, in
/// order), what each holds, and the numbers and step sizes of the rules.
struct Collected<'f> {
    file: &'f Table,
    library: &'f Library,
    quantities: Vec<Value>,
    figures: Vec<Figure>,
    edges: BTreeSet<Decimal>,
    steps: BTreeSet<Decimal>,
}

impl Collected<'_> {
    /// Renames every `input` and `requires` inside `v` to its figure, and collects numbers.
    fn rename(&mut self, v: &mut Value) {
        match v {
            Value::Table(t) => {
                for (k, x) in t.iter_mut() {
                    if k == "input" || k == "requires" {
                        self.figure(x, k == "requires");
                    } else {
                        if NUMBERS.contains(&k.as_str()) {
                            self.number(x, k);
                        }
                        self.rename(x);
                    }
                }
            }
            Value::Array(a) => {
                for x in a {
                    self.rename(x);
                }
            }
            _ => {}
        }
    }

    /// The quantity `v` as its figure `qN`.
    fn figure(&mut self, v: &mut Value, requires: bool) {
        let at = match self.quantities.iter().position(|q| q == v) {
            Some(k) => k,
            None => {
                self.quantities.push(v.clone());
                self.figures.push(if requires {
                    Figure::YesNo
                } else {
                    figure_of(self.file, self.library, v)
                });
                self.quantities.len() - 1
            }
        };
        *v = Value::String(format!("q{}", at + 1));
    }

    fn number(&mut self, v: &Value, key: &str) {
        let found: Vec<Decimal> = match v {
            Value::String(s) => s.parse().ok().into_iter().collect(),
            Value::Table(t) => t
                .values()
                .filter_map(|x| x.as_str()?.parse().ok())
                .collect(),
            _ => Vec::new(),
        };
        for d in found {
            self.edges.insert(d);
            if key == "every" || key == "step" {
                self.steps.insert(d);
            }
        }
    }
}

/// The values one figure is swept over.
fn grid(f: &Figure, edges: &BTreeSet<Decimal>, steps: &BTreeSet<Decimal>) -> Vec<String> {
    let whole = |d: Decimal| d.fract().is_zero();
    match f {
        Figure::YesNo => vec!["否".into(), "是".into()],
        Figure::Choice(n) => std::iter::once(String::new())
            .chain((1..=*n).map(|o| format!("o{o}")))
            .collect(),
        Figure::Judged(m) => {
            let half = *m / Decimal::TWO;
            [Decimal::ZERO, Decimal::ONE.min(*m), half, *m]
                .iter()
                .map(|d| spacescore_core::fmt_dec(*d))
                .collect()
        }
        Figure::Count | Figure::Amount => {
            let count = *f == Figure::Count;
            let mut at: BTreeSet<Decimal> = BTreeSet::new();
            at.insert(Decimal::ZERO);
            let near = [Decimal::ONE, Decimal::new(1, 2), Decimal::new(5, 1)];
            for e in edges {
                at.insert(*e);
                for d in near {
                    at.insert(*e + d);
                    at.insert(*e - d);
                }
                for s in steps {
                    for k in 1..=25 {
                        at.insert(*e + *s * Decimal::from(k));
                        at.insert(*s * Decimal::from(k));
                    }
                }
            }
            at.insert(Decimal::from(1000));
            at.into_iter()
                .filter(|d| *d >= Decimal::ZERO && (!count || whole(*d)))
                .map(spacescore_core::fmt_dec)
                .collect()
        }
    }
}

/// Whether the drafted item `d_item` (rubric `d_rubric` of `drafted`) scores like the
/// hand-written `h_item` (rubric `h_rubric` of `written`) over the sweep; the first
/// difference otherwise.
pub(crate) fn same_scores(
    written: &Table,
    h_rubric: &str,
    h_item: &str,
    drafted: &Table,
    d_rubric: &str,
    d_item: &str,
    library: &Library,
) -> Result<usize, String> {
    let h = rewrite(written, library, h_rubric, h_item)?;
    let d = rewrite(drafted, library, d_rubric, d_item)?;
    if h.figures.len() != d.figures.len() {
        return Err(format!(
            "the hand-written rule reads {} figure(s), the draft {}",
            h.figures.len(),
            d.figures.len()
        ));
    }
    for (k, (a, b)) in h.figures.iter().zip(&d.figures).enumerate() {
        let same = match (a, b) {
            (Figure::Count | Figure::Amount, Figure::Count | Figure::Amount) => true,
            (Figure::Judged(_), Figure::Judged(_)) => true,
            (a, b) => a == b,
        };
        if !same {
            return Err(format!(
                "figure {}: hand-written {a:?}, drafted {b:?}",
                k + 1
            ));
        }
    }
    let edges: BTreeSet<Decimal> = h.edges.union(&d.edges).copied().collect();
    let steps: BTreeSet<Decimal> = h.steps.union(&d.steps).copied().collect();
    let grids: Vec<Vec<String>> = h
        .figures
        .iter()
        .zip(&d.figures)
        .map(|(a, b)| {
            // A count on either side is swept in whole numbers.
            let f = if *a == Figure::Count || *b == Figure::Count {
                &Figure::Count
            } else {
                a
            };
            grid(f, &edges, &steps)
        })
        .collect();
    let points = sweep(&grids);
    for values in &points {
        let inputs: Inputs = values
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| {
                let id = match h.figures.get(k) {
                    Some(Figure::Judged(_)) => "score.x".to_string(),
                    _ => format!("q{}", k + 1),
                };
                (id, v.as_str().into())
            })
            .collect();
        let a = score(&h.rubric, &inputs).item("x").and_then(|i| i.score);
        let b = score(&d.rubric, &inputs).item("x").and_then(|i| i.score);
        if a != b {
            return Err(format!("at {values:?}: hand-written {a:?}, drafted {b:?}"));
        }
    }
    Ok(points.len())
}

/// The points of the sweep: every combination where there are at most 20,000; else each
/// figure alone (the others 0), all together, and a spread of combinations.
fn sweep(grids: &[Vec<String>]) -> Vec<Vec<String>> {
    let size: usize = grids.iter().map(Vec::len).product();
    if size <= 20_000 {
        let mut out: Vec<Vec<String>> = vec![Vec::new()];
        for g in grids {
            out = out
                .into_iter()
                .flat_map(|p| {
                    g.iter().map(move |v| {
                        let mut q = p.clone();
                        q.push(v.clone());
                        q
                    })
                })
                .collect();
        }
        return out;
    }
    let base: Vec<String> = grids
        .iter()
        .map(|g| g.first().cloned().unwrap_or_default())
        .collect();
    let mut out = Vec::new();
    for (k, g) in grids.iter().enumerate() {
        for v in g {
            let mut p = base.clone();
            p[k] = v.clone();
            out.push(p);
        }
    }
    let mut seed: u64 = 0x5eed;
    for _ in 0..5_000 {
        let p = grids
            .iter()
            .map(|g| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                g.get((seed >> 33) as usize % g.len().max(1))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        out.push(p);
    }
    out
}
