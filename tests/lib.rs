//! Shared helpers for the integration tests in `main.rs`: loading the worked examples, and
//! the hostile spreadsheets (also written out for the district page's browser tests).

pub mod sheets;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// One worked-example file: `tests/examples/<name>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFile {
    /// The rubric its cases use unless a case names another.
    pub rubric: String,
    /// A rubric file (path from the workspace root) that defines the rubric, where it is
    /// not built in: the cases are then scored through `spacescore score --rubric FILE`.
    #[serde(default)]
    pub rubric_file: Option<String>,
    /// The rubric's maxima as the document states them (`[totals]`), checked against what
    /// the rubric data adds up to.
    #[serde(default)]
    pub totals: Option<Totals>,
    /// The cases, each computed by hand from the source document.
    pub cases: Vec<Case>,
}

/// A document's stated maxima: the base score and the bonus on top of it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// The base score's maximum, as decimal text.
    pub base: String,
    /// The bonus's maximum, as decimal text.
    pub bonus: String,
}

/// One worked example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// What the case shows.
    pub name: String,
    /// The rubric line (and policy line) it exercises.
    pub clause: String,
    /// Another rubric than the file's, if any.
    #[serde(default)]
    pub rubric: Option<String>,
    /// Field id to what a person typed (a string), a yes/no answer, or checklist choices.
    #[serde(default)]
    pub inputs: BTreeMap<String, toml::Value>,
    /// What the report must say.
    pub expect: Expect,
}

/// The expected parts of a report; only what is given is checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Item id to its score, or "none" for an item that shows no score (a bad input).
    #[serde(default)]
    pub items: BTreeMap<String, String>,
    /// Items whose cap applies; every other item named in `items` must not be capped.
    #[serde(default)]
    pub capped: Vec<String>,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub bonus: Option<String>,
    #[serde(default)]
    pub total: Option<String>,
    /// The grade, or "none".
    #[serde(default)]
    pub grade: Option<String>,
    /// The grade in English, or "none".
    #[serde(default)]
    pub grade_en: Option<String>,
    #[serde(default)]
    pub vetoed: Option<bool>,
    /// Exactly the fields reported as errors.
    #[serde(default)]
    pub errors: Option<Vec<String>>,
    /// Fields that must be listed as missing.
    #[serde(default)]
    pub missing: Vec<String>,
    /// How many consistency warnings.
    #[serde(default)]
    pub warnings: Option<usize>,
    /// Phrases each of which some warning's Chinese message must contain.
    #[serde(default)]
    pub warning: Vec<String>,
    /// Item id to a phrase its Chinese explanation must contain.
    #[serde(default)]
    pub explanation: BTreeMap<String, String>,
    /// Figure id (an item's or the rubric's) to its display value.
    #[serde(default)]
    pub figures: BTreeMap<String, String>,
    /// Group id to its subtotal.
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
    /// Field id to a phrase the period this rubric asks it for must contain (shown beside
    /// the field), or "none" for a field with no period of its own.
    #[serde(default)]
    pub periods: BTreeMap<String, String>,
}

/// A rubric file `id` of one group holding one item `item` worth `max`: the file's own
/// `fields` (their tables), then the item's `lines` after its maximum (its policies and
/// terms). For tests that build a rubric around one rule.
pub fn one_item_rubric(id: &str, max: &str, fields: &str, item: &str, lines: &str) -> String {
    format!(
        r#"[document]
title = "测试用评价表"
issuer = {{ not_stated = "测试用" }}
year = {{ not_stated = "测试用" }}
period = "测试用"
section = "全表"

[[rubrics]]
id = "{id}"
version = "1"
name = "测试用评价表"
name_en = "A rubric for a test"
region = "测试"
region_en = "Test"
space_type = "众创空间"
space_type_en = "Maker space"
method = "formula"
base_max = "{max}"

{fields}
[[groups]]
id = "all"
name = "全部"
name_en = "All"
source = "全部"
max = "{max}"

[[items]]
id = "{item}"
group = "all"
name = "示例指标"
name_en = "Example item"
source_text = "示例指标"
max = "{max}"
{lines}"#
    )
}

/// The folder of worked examples.
pub fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The `.toml` files of `dir`, sorted.
pub fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
}

/// Every rubric defined in `tests/advice/rubrics/*.toml`: rubric files made up for the
/// advisor's tests, exercising what no built-in rubric uses.
pub fn advice_rubrics() -> Vec<spacescore_core::Rubric> {
    let paths = toml_files(
        &workspace_root()
            .join("tests")
            .join("advice")
            .join("rubrics"),
    );
    let library = spacescore_core::check::Library::shared().expect("the shared dictionary");
    paths
        .iter()
        .flat_map(|path| {
            let text = std::fs::read_to_string(path).expect("a rubric file");
            let name = path.display().to_string();
            spacescore_core::check::check_source(&name, &text, &library)
                .unwrap_or_else(|p| panic!("{p}"))
        })
        .collect()
}

/// The built-in rubrics, plus every rubric file that a worked-example file names
/// (`rubric_file`), checked as `--rubric` checks them.
pub fn catalog_with_example_rubrics() -> spacescore_core::Catalog {
    let mut catalog = spacescore_builtin::catalog();
    let library = spacescore_core::check::Library::shared().expect("the shared dictionary");
    for (name, file) in load_examples() {
        if let Some(path) = &file.rubric_file {
            let bytes = std::fs::read(workspace_root().join(path))
                .unwrap_or_else(|e| panic!("{name}: rubric_file {path}: {e}"));
            let rubrics = spacescore_core::check::check_bytes(path, &bytes, &library)
                .unwrap_or_else(|p| panic!("{name}: rubric_file {path}:\n{p}"));
            for r in rubrics {
                catalog.insert(r);
            }
        }
    }
    catalog
}

/// The complete example of `docs/authoring.md`: the ```toml block after its
/// `<!-- complete-example -->` marker.
pub fn authoring_example() -> String {
    let path = workspace_root().join("docs").join("authoring.md");
    let guide =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    guide
        .split("<!-- complete-example -->")
        .nth(1)
        .and_then(|rest| rest.split("```toml\n").nth(1))
        .and_then(|rest| rest.split("\n```").next())
        .expect("the guide's complete example, a ```toml block after its marker")
        .to_string()
}

/// Every example rubric shipped with the documentation: each file of `docs/examples/`, and
/// the complete example of `docs/authoring.md`, checked as `--rubric` checks them.
pub fn documentation_rubrics() -> Vec<spacescore_core::Rubric> {
    let paths = toml_files(&workspace_root().join("docs").join("examples"));
    let library = spacescore_core::check::Library::shared().expect("the shared dictionary");
    let mut sources: Vec<(String, String)> = paths
        .iter()
        .map(|path| {
            let text =
                std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), text)
        })
        .collect();
    sources.push(("docs/authoring.md".to_string(), authoring_example()));
    sources
        .iter()
        .flat_map(|(name, text)| {
            spacescore_core::check::check_source(name, text, &library)
                .unwrap_or_else(|p| panic!("{name}:\n{p}"))
        })
        .collect()
}

/// Every worked-example file, by file name.
pub fn load_examples() -> Vec<(String, ExampleFile)> {
    toml_files(&examples_dir())
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            let file = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, file)
        })
        .collect()
}

/// Converts a case's inputs to the core's input map.
pub fn to_inputs(raw: &BTreeMap<String, toml::Value>) -> spacescore_core::Inputs {
    raw.iter()
        .map(|(k, v)| {
            let value = match v {
                toml::Value::String(s) => spacescore_core::Value::Text(s.clone()),
                toml::Value::Boolean(b) => spacescore_core::Value::Bool(*b),
                toml::Value::Array(a) => spacescore_core::Value::List(
                    a.iter()
                        .map(|x| x.as_str().unwrap_or_default().to_string())
                        .collect(),
                ),
                other => panic!("input {k}: write figures as strings, not {other:?}"),
            };
            (k.clone(), value)
        })
        .collect()
}

/// Inputs that score: each field given or not, a plausible value near the rubric's edges,
/// and now and then one that cannot be read.
pub fn inputs_for(
    rubric: &spacescore_core::Rubric,
    picks: &[(u32, u8)],
) -> spacescore_core::Inputs {
    rubric
        .fields()
        .values()
        .zip(picks.iter().cycle())
        .filter_map(|(f, (n, mode))| {
            let n = *n;
            if mode % 5 == 0 {
                return None;
            }
            if mode % 31 == 1 {
                return Some((
                    f.id().to_string(),
                    spacescore_core::Value::Text("不详".into()),
                ));
            }
            let v = match f.kind() {
                spacescore_core::FieldKind::Count => {
                    spacescore_core::Value::Text((n % 70).to_string())
                }
                spacescore_core::FieldKind::Amount | spacescore_core::FieldKind::SignedAmount => {
                    spacescore_core::Value::Text(match mode % 3 {
                        0 => (n % 400).to_string(),
                        1 => (n % 12_000).to_string(),
                        _ => format!("{}.{}", n % 600, n % 97),
                    })
                }
                spacescore_core::FieldKind::Percent => {
                    spacescore_core::Value::Text(match mode % 2 {
                        0 => (n % 101).to_string(),
                        _ => format!("{}.{}", n % 100, n % 100),
                    })
                }
                spacescore_core::FieldKind::Score => {
                    let max = f.max().unwrap_or(rust_decimal::Decimal::ONE);
                    spacescore_core::Value::Text(
                        (rust_decimal::Decimal::from(n) % (max + rust_decimal::Decimal::ONE))
                            .min(max)
                            .to_string(),
                    )
                }
                spacescore_core::FieldKind::Bool => spacescore_core::Value::Bool(n % 3 == 0),
                spacescore_core::FieldKind::Checklist(options) => spacescore_core::Value::List(
                    options
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| (n >> i) & 1 == 1)
                        .map(|(_, o)| o.id().to_string())
                        .collect(),
                ),
                spacescore_core::FieldKind::Choice(options) => {
                    let len = u32::try_from(options.len()).unwrap_or(1).max(1);
                    let i = usize::try_from(n % len).unwrap_or(0);
                    spacescore_core::Value::Text(
                        options
                            .get(i)
                            .map(|o| o.id().to_string())
                            .unwrap_or_default(),
                    )
                }
            };
            let v = match (&v, f.max()) {
                (spacescore_core::Value::Text(t), Some(m))
                    if t.parse::<rust_decimal::Decimal>().is_ok_and(|x| x > m) =>
                {
                    spacescore_core::Value::Text(m.to_string())
                }
                _ => v,
            };
            Some((f.id().to_string(), v))
        })
        .collect()
}

/// Every invariant of a rubric that scoring relies on and that a decoder must not let
/// through, checked here independently of the checker (from the public getters only):
/// each a sentence naming the place. Empty for a sound rubric.
pub fn broken_invariants(r: &spacescore_core::Rubric) -> Vec<String> {
    use rust_decimal::Decimal;
    use spacescore_core::rubric::{Quantity, Rule};
    use spacescore_core::FieldKind;
    let zero = Decimal::ZERO;
    let mut out = Vec::new();
    let mut bad = |s: String| out.push(s);
    let numeric = |id: &str| {
        r.field(id)
            .is_some_and(|f| f.kind().is_numeric() && *f.kind() != FieldKind::Score)
    };
    let quantity_ok =
        |q: &Quantity| !q.fields().is_empty() && q.fields().iter().all(|f| numeric(f));
    if !spacescore_core::rubric::is_rubric_id(r.id()) {
        bad(format!("id {:?}", r.id()));
    }
    let mut ids = std::collections::BTreeSet::new();
    for item in r.items() {
        let at = item.id();
        if !ids.insert(at) {
            bad(format!("item {at} twice"));
        }
        if item.max() <= zero {
            bad(format!("item {at}: max {}", item.max()));
        }
        if !r.groups().iter().any(|g| g.id() == item.group()) {
            bad(format!("item {at}: no group {}", item.group()));
        }
        if item.terms().is_empty() {
            bad(format!("item {at}: no terms"));
        }
        for (k, t) in item.terms().iter().enumerate() {
            let at = format!("item {at} term {}", k + 1);
            if t.cap.is_some_and(|c| c <= zero) {
                bad(format!("{at}: cap"));
            }
            if let Some(f) = &t.requires {
                if r.field(f).map(|f| f.kind()) != Some(&FieldKind::Bool) {
                    bad(format!("{at}: requires {f}"));
                }
            }
            match &t.rule {
                Rule::Bands(spacescore_core::kinds::bands::Bands { quantity, bands }) => {
                    if !quantity_ok(quantity) || bands.is_empty() {
                        bad(format!("{at}: bands"));
                    }
                    for b in bands {
                        if b.points < zero || b.range.lower.is_none() {
                            bad(format!("{at}: band {:?}", b));
                        }
                    }
                    for w in bands.windows(2) {
                        let (a, b) = (&w[0], &w[1]);
                        let meet = match (a.range.upper, b.range.lower) {
                            (Some(u), Some(l)) => u.value == l.value && u.inclusive != l.inclusive,
                            _ => false,
                        };
                        if !meet || b.points < a.points {
                            bad(format!("{at}: bands do not meet or fall"));
                        }
                    }
                }
                Rule::Per(spacescore_core::kinds::per::Per {
                    quantity,
                    every,
                    points,
                }) => {
                    if !quantity_ok(quantity) || *every <= zero || *points <= zero {
                        bad(format!("{at}: per every {every} points {points}"));
                    }
                }
                Rule::Step(spacescore_core::kinds::step::Step {
                    quantity,
                    points,
                    step,
                    step_points,
                    ..
                }) => {
                    if !quantity_ok(quantity)
                        || *points <= zero
                        || *step <= zero
                        || *step_points <= zero
                    {
                        bad(format!("{at}: step"));
                    }
                }
                Rule::Linear(spacescore_core::kinds::linear::Linear {
                    quantity,
                    points,
                    every,
                    rate,
                    places,
                    ..
                }) => {
                    if !quantity_ok(quantity)
                        || *points < zero
                        || *every <= zero
                        || *rate <= zero
                        || *places > 8
                    {
                        bad(format!("{at}: linear"));
                    }
                }
                Rule::Flag(spacescore_core::kinds::flag::Flag { field, points }) => {
                    if r.field(field).map(|f| f.kind()) != Some(&FieldKind::Bool) || *points <= zero
                    {
                        bad(format!("{at}: flag"));
                    }
                }
                Rule::Choice(spacescore_core::kinds::choice::Choice { field, points }) => {
                    let options: Vec<&str> = r
                        .field(field)
                        .map(|f| f.kind().options().iter().map(|o| o.id()).collect())
                        .unwrap_or_default();
                    let given: Vec<&str> = points.iter().map(|(o, _)| o.as_str()).collect();
                    let is_choice =
                        matches!(r.field(field).map(|f| f.kind()), Some(FieldKind::Choice(_)));
                    if !is_choice || options != given || points.iter().any(|(_, p)| *p < zero) {
                        bad(format!("{at}: choice"));
                    }
                }
                Rule::Weighted(spacescore_core::kinds::weighted::Weighted { counts }) => {
                    if counts.is_empty()
                        || counts
                            .iter()
                            .any(|c| !quantity_ok(&c.quantity) || c.points <= zero)
                    {
                        bad(format!("{at}: weighted"));
                    }
                }
                Rule::SelfScore(spacescore_core::kinds::self_score::SelfScore { field, max }) => {
                    let f = r.field(field);
                    if f.map(|f| f.kind()) != Some(&FieldKind::Score)
                        || f.and_then(|f| f.max()) != Some(*max)
                        || *max <= zero
                    {
                        bad(format!("{at}: self"));
                    }
                }
                Rule::Highest(spacescore_core::kinds::highest::Highest { options }) => {
                    if options.len() < 2 || options.iter().any(|(f, p)| !numeric(f) || *p <= zero) {
                        bad(format!("{at}: highest"));
                    }
                }
                Rule::Deduct(spacescore_core::kinds::deduct::Deduct { start, rates }) => {
                    if *start <= zero
                        || rates.is_empty()
                        || rates
                            .iter()
                            .any(|c| !quantity_ok(&c.quantity) || c.points <= zero)
                    {
                        bad(format!("{at}: deduct"));
                    }
                }
                Rule::Condition(spacescore_core::kinds::condition::Condition { all, points }) => {
                    if all.is_empty()
                        || *points <= zero
                        || all.iter().any(|c| !quantity_ok(&c.quantity))
                    {
                        bad(format!("{at}: condition"));
                    }
                }
            }
        }
    }
    for g in r.groups() {
        let sum: Decimal = r
            .items()
            .iter()
            .filter(|i| i.group() == g.id())
            .map(|i| i.max())
            .sum();
        if sum != g.max() {
            bad(format!("group {}: max {} but items {sum}", g.id(), g.max()));
        }
    }
    for w in r.grades().windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let meet = match (a.range().upper, b.range().lower) {
            (Some(u), Some(l)) => u.value == l.value && u.inclusive != l.inclusive,
            _ => false,
        };
        if !meet {
            bad("grades do not meet".into());
        }
    }
    for l in r.limits() {
        if l.grade_at_most() >= r.grades().len() {
            bad(format!("limit {}: grade {}", l.id(), l.grade_at_most()));
        }
        if r.field(l.flag()).map(|f| f.kind()) != Some(&FieldKind::Bool) {
            bad(format!("limit {}: flag", l.id()));
        }
    }
    for v in r.vetoes() {
        if let Some(g) = v.grade() {
            let named = r
                .grades()
                .iter()
                .map(|x| &x.name().zh)
                .chain(r.grade_names().iter().map(|x| &x.zh))
                .any(|n| n == g);
            if !named {
                bad(format!("veto {}: grade {g}", v.id()));
            }
        }
    }
    out
}
