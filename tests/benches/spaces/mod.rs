//! The spaces both benchmarks score: plausible, deterministic figures for every field of a
//! rubric, and the CSV file a district would send with them.

use spacescore_core::{FieldKind, Inputs, Rubric, Value};

/// A deterministic generator, so every run scores the same spaces.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Plausible figures for every field of a rubric, as a district's filings would hold.
pub fn space(rubric: &Rubric, rng: &mut Lcg) -> Inputs {
    rubric
        .fields()
        .values()
        .map(|f| {
            let n = rng.next();
            let v = match f.kind() {
                FieldKind::Count => (n % 60).to_string(),
                FieldKind::Amount | FieldKind::SignedAmount => format!("{}.{}", n % 5000, n % 10),
                FieldKind::Percent => (n % 101).to_string(),
                FieldKind::Score => {
                    let max: u64 = f
                        .max()
                        .and_then(|m| m.trunc().to_string().parse().ok())
                        .unwrap_or(1);
                    (n % (max + 1)).to_string()
                }
                FieldKind::Bool => if n.is_multiple_of(7) { "是" } else { "否" }.to_string(),
                FieldKind::Checklist(options) => options
                    .iter()
                    .filter(|_| rng.next().is_multiple_of(2))
                    .map(|o| o.id())
                    .collect::<Vec<_>>()
                    .join("、"),
                FieldKind::Choice(options) => options
                    .get(n as usize % options.len().max(1))
                    .map(|o| o.id().to_string())
                    .unwrap_or_default(),
            };
            let v = if f
                .max()
                .is_some_and(|m| v.parse::<rust_decimal::Decimal>().is_ok_and(|x| x > m))
            {
                "0".into()
            } else {
                v
            };
            (f.id().to_string(), Value::Text(v))
        })
        .collect()
}

/// One CSV row per space, quoted, under a header of every field (and a `name` column).
pub fn write_csv(
    rubric: &Rubric,
    spaces: impl Iterator<Item = Inputs>,
    out: &mut impl std::io::Write,
) {
    let fields: Vec<&String> = rubric.fields().keys().collect();
    let mut header = vec!["name"];
    header.extend(fields.iter().map(|f| f.as_str()));
    let _ = writeln!(out, "{}", header.join(","));
    for (i, s) in spaces.enumerate() {
        let mut row = vec![format!("空间{i}")];
        row.extend(fields.iter().map(|f| match s.get(*f) {
            Some(Value::Text(t)) => format!("\"{t}\""),
            _ => String::new(),
        }));
        let _ = writeln!(out, "{}", row.join(","));
    }
}
