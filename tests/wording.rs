//! The sentences people read: every explanation, suggestion and next step, in Chinese and
//! English, over random figures for every rubric (built in, the worked examples' own files,
//! and the advisor's test rubrics), is free of the seams that generated text is prone to:
//! two spaces in a row, a number run into the Chinese word after it (“每 1加”), “1 points”,
//! “1 people”, a dangling separator.

use proptest::prelude::*;
use spacescore_core::{score_and_advise, Catalog, Rubric};
use spacescore_tests::{catalog_with_example_rubrics, inputs_for};

fn catalog() -> &'static Catalog {
    use std::sync::OnceLock;
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut catalog = catalog_with_example_rubrics();
        for r in spacescore_tests::advice_rubrics() {
            catalog.insert(r);
        }
        catalog
    })
}

/// Every text of the rubric itself (names, labels, periods, units, options): these are
/// quotations of the document and may be written any way; they are taken out of a
/// sentence before its seams are looked for.
fn quoted(rubric: &Rubric) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in rubric.fields().values() {
        out.push(f.name().zh.clone());
        out.push(f.name().en.clone());
        if let Some(p) = f.period() {
            out.push(p.zh.clone());
            out.push(p.en.clone());
        }
        for o in f.kind().options() {
            out.push(o.name().zh.clone());
            out.push(o.name().en.clone());
        }
    }
    for i in rubric.items() {
        out.push(i.name().zh.clone());
        out.push(i.name().en.clone());
        for t in i.terms() {
            if let Some(l) = &t.label {
                out.push(l.zh.clone());
                out.push(l.en.clone());
            }
        }
    }
    for v in rubric.vetoes() {
        out.push(v.text().zh.clone());
        out.push(v.text().en.clone());
    }
    for g in rubric.grades() {
        out.push(g.name().zh.clone());
        out.push(g.name().en.clone());
    }
    for c in rubric.consistency() {
        out.push(c.message().zh.clone());
        out.push(c.message().en.clone());
    }
    out.retain(|t| !t.is_empty());
    // Longest first, so that a name holding another is taken out whole.
    out.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}')
}

/// The seams found in one sentence, its quotations taken out.
fn seams(text: &str, quoted: &[String]) -> Vec<&'static str> {
    let mut t = text.to_string();
    for q in quoted {
        t = t.replace(q.as_str(), "«»");
    }
    let mut out = Vec::new();
    if t.contains("  ") {
        out.push("two spaces in a row");
    }
    let chars: Vec<char> = t.chars().collect();
    if chars
        .windows(2)
        .any(|w| matches!(w, [a, b] if a.is_ascii_digit() && is_cjk(*b)))
    {
        out.push("a number run into the word after it");
    }
    for bad in [" 1 points", " 1 people", "(1 points", " 1 persons"] {
        if t.contains(bad) || t.starts_with(bad.trim_start()) {
            out.push("a plural after 1");
        }
    }
    if t.ends_with(['，', '；', ',', ';', '、']) || t.contains("，，") || t.contains("；；")
    {
        out.push("a dangling separator");
    }
    if t.contains(" ，") || t.contains(" 。") || t.contains("（ ") || t.contains(" ）") {
        out.push("a space beside Chinese punctuation");
    }
    out
}

fn check(rubric: &Rubric, picks: &[(u32, u8)]) -> Result<(), String> {
    let inputs = inputs_for(rubric, picks);
    let (report, advice) = score_and_advise(rubric, &inputs);
    let quoted = quoted(rubric);
    let mut texts: Vec<(&str, &str)> = Vec::new();
    for i in &report.items {
        texts.push(("explanation", &i.explanation));
        texts.push(("explanation_en", &i.explanation_en));
    }
    for w in &report.warnings {
        texts.push(("warning", &w.message));
        texts.push(("warning_en", &w.message_en));
    }
    for s in &advice.suggestions {
        texts.push(("suggestion", &s.explanation));
        texts.push(("suggestion_en", &s.explanation_en));
    }
    for i in &advice.items {
        texts.push(("next step", &i.explanation));
        texts.push(("next step_en", &i.explanation_en));
    }
    for (what, text) in texts {
        let found = seams(text, &quoted);
        if !found.is_empty() {
            return Err(format!("{what}: {found:?} in “{text}”"));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_sentences_have_no_seams(which in 0usize..64, picks in prop::collection::vec((0u32..100_000, any::<u8>()), 1..80)) {
        let rubrics = catalog().rubrics();
        let rubric = &rubrics[which % rubrics.len()];
        if let Err(e) = check(rubric, &picks) {
            prop_assert!(false, "{}: {e}", rubric.id());
        }
    }
}

/// The seams the checks look for are found where they are (the checks could fail).
#[test]
fn the_seam_checks_find_seams() {
    assert!(!seams("每 1加 15 分", &[]).is_empty());
    assert!(!seams("mentors 1 people", &[]).is_empty());
    assert!(!seams("2 points;  4 points", &[]).is_empty());
    assert!(seams("每 2 人得 1 分，得 3 分", &[]).is_empty());
}
