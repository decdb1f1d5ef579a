use spacescore_core::{score, Inputs, Report, Value};

/// A report as a plain-text table: easier to read in a review than field-by-field asserts.
fn render(report: &Report) -> String {
    let mut out = String::new();
    let dec = |d: Option<rust_decimal::Decimal>| {
        d.map(spacescore_core::fmt_dec)
            .unwrap_or_else(|| "—".into())
    };
    for i in &report.items {
        let cap = if i.capped { " (capped)" } else { "" };
        out.push_str(&format!(
            "{:<22} {:>4} / {:<3}{cap}  {}\n",
            i.id,
            dec(i.score),
            spacescore_core::fmt_dec(i.max),
            i.explanation
        ));
    }
    for g in &report.groups {
        out.push_str(&format!(
            "group {:<16} {} / {}\n",
            g.id,
            spacescore_core::fmt_dec(g.score),
            spacescore_core::fmt_dec(g.max)
        ));
    }
    out.push_str(&format!(
        "base {}  bonus {}  total {}  grade {}  vetoed {}\n",
        dec(report.base),
        dec(report.bonus),
        dec(report.total),
        report.grade.as_deref().unwrap_or("—"),
        report.vetoed
    ));
    out.push_str(&format!(
        "missing {:?}\nerrors {:?}\n",
        report.missing,
        report.errors.iter().map(|e| &e.message).collect::<Vec<_>>()
    ));
    out
}

fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
        .collect()
}

#[test]
fn xinxiang_professional_breakdown() {
    let c = spacescore_builtin::catalog();
    let r = c.rubric("xinxiang/professional").expect("rubric");
    let report = score(
        r,
        &inputs(&[
            ("incubation_staff", "6"),
            ("incubation_staff_bachelor", "4"),
            ("tech_platform", "是"),
            ("score.tech-platform", "3.5"),
            ("mentor_categories", "融资服务、市场营销、政策咨询服务"),
            ("mentors", "3"),
            ("resident_teams", "24"),
            ("resident_companies", "18"),
            ("resident_tech_companies", "12"),
            ("same_industry_residents", "22"),
            ("incubation_fund", "180"),
            ("events", "14"),
            ("new_registered_companies", "2"),
            ("tech_sme_new", "1"),
            ("funded_residents", "4"),
            ("graduate_startups", "2"),
            ("graduates_hired", "7"),
            ("torch_annual_filed", "是"),
            ("torch_monthly_missed", "3"),
            ("contest_entrants", "3"),
            ("contest_winners", "1"),
            ("score.regional", "abc"),
            ("veto_late_or_false", "否"),
        ]),
    );
    insta::assert_snapshot!(render(&report));
}
