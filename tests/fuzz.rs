//! Fuzzing the doors a stranger's rubric comes in by: the rubric file reader (the checker)
//! and the compiled-form decoder. Real files and compiled rubrics are mutated at random
//! (bytes flipped, ranges cut, brackets, quotes and control characters inserted, lines
//! duplicated); whatever comes of it must be a rubric or a list of problems, never a panic
//! or a hang, and a decoded rubric must score any input without a panic.
//!
//! The case count is proptest's (`PROPTEST_CASES` raises it for a longer run).

use std::sync::OnceLock;

use proptest::prelude::*;
use spacescore_core::check::{check_bytes, check_source, Library};
use spacescore_core::{describe, score, Inputs, Rubric, Value};

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| Library::shared().expect("the shared dictionary"))
}

/// Every rubric file of `rubrics/` and `docs/examples/`, as text.
fn sources() -> &'static Vec<String> {
    static SOURCES: OnceLock<Vec<String>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let root = spacescore_tests::workspace_root();
        let mut out = Vec::new();
        for dir in ["rubrics", "docs/examples"] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().is_some_and(|x| x == "toml")
                        && !p.ends_with("fields.toml")
                        && !p.ends_with("policies.toml")
                })
                .collect();
            paths.sort();
            out.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        assert!(!out.is_empty());
        out
    })
}

fn compiled() -> Vec<&'static [u8]> {
    spacescore_builtin::all().map(|b| b.bytes).collect()
}

/// One random edit.
#[derive(Debug, Clone)]
enum Edit {
    Cut(usize, usize),
    Insert(usize, String),
    Flip(usize, u8),
    Duplicate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let nasty = prop_oneof![
        Just("[".to_string()),
        Just("]]".to_string()),
        Just("{".to_string()),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("\n[[items]]\n".to_string()),
        Just("\n[[items.terms]]\nkind = \"bands\"\n".to_string()),
        Just(" = ".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{0}".to_string()),
        Just("9999999999999999999999999999".to_string()),
        Just("\"-1\"".to_string()),
        Just("1e400".to_string()),
        ".{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..400).prop_map(|(a, n)| Edit::Cut(a, n)),
        (any::<usize>(), nasty).prop_map(|(a, s)| Edit::Insert(a, s)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        any::<usize>().prop_map(Edit::Duplicate),
    ]
}

/// Small edits of a compiled body: one byte changed, a few cut or put in.
fn body_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        1 => (any::<usize>(), 0usize..4).prop_map(|(a, n)| Edit::Cut(a, n)),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..3))
            .prop_map(|(a, b)| Edit::Insert(a, String::from_utf8_lossy(&b).into_owned())),
    ]
}

/// A compiled rubric of this version around `body`, with the body's SHA-256 in the header.
fn with_hash(body: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut out = Rubric::COMPILED_MAGIC.to_vec();
    out.extend_from_slice(hash.as_bytes());
    out.extend_from_slice(body);
    out
}

/// Every built-in rubric compiled, then each place where `from` stands in its body
/// replaced by `to`, with the hash recomputed: the doctored files that still decode.
fn doctored(from: &[u8], to: &[u8]) -> Vec<Vec<u8>> {
    let head = Rubric::COMPILED_MAGIC.len() + 64;
    let mut out = Vec::new();
    for whole in compiled() {
        let body = &whole[head..];
        for at in 0..body.len().saturating_sub(from.len()) {
            if body[at..].starts_with(from) {
                let mut b = body.to_vec();
                b.splice(at..at + from.len(), to.iter().copied());
                let bytes = with_hash(&b);
                if Rubric::from_bytes(&bytes).is_ok() {
                    out.push(bytes);
                }
            }
        }
    }
    out
}

/// “每 0 人得 1 分” and band points of −5, put into real compiled rubrics with their hash
/// recomputed, decode (the decoder reads bytes, not rules) but do not load: the checker
/// reads them as it reads a rubric file, and says what is wrong.
#[test]
fn a_compiled_rubric_with_every_zero_or_negative_points_is_refused() {
    // A decimal is its scale, then its mantissa zig-zag encoded: 2 is [0, 4], 1 is [0, 2],
    // 0 is [0, 0], 4 is [0, 8] and −5 is [0, 9]. A `per` term writes `every` then `points`.
    let zero_every = doctored(&[0, 4, 0, 2], &[0, 0, 0, 2]);
    let minus_five = doctored(&[0, 8], &[0, 9]);
    assert!(!zero_every.is_empty() && !minus_five.is_empty());
    let mut said_every = false;
    let mut said_negative = false;
    for bytes in zero_every.iter().chain(&minus_five) {
        match check_bytes("doctored.bin", bytes, library()) {
            Ok(rubrics) => {
                for r in &rubrics {
                    let broken = spacescore_tests::broken_invariants(r);
                    assert!(broken.is_empty(), "{}: {broken:?}", r.id());
                }
            }
            Err(p) => {
                let en = p.text(spacescore_core::Lang::En);
                let zh = p.text(spacescore_core::Lang::Zh);
                assert!(en.starts_with("doctored.bin"), "{en}");
                assert!(zh.contains("编译后的评价表"), "{zh}");
                said_every |= en.contains("`every` must be above zero");
                said_negative |= en.contains("cannot be negative");
            }
        }
    }
    assert!(said_every, "no doctored file was refused for `every`");
    assert!(
        said_negative,
        "no doctored file was refused for negative points"
    );
}

/// Every rubric (built in, the examples' own files, the advisor's test files) written back
/// as a rubric file reads as itself, with no shared dictionary; written again, the same
/// bytes; compiled and given to the checker, itself again; and every invariant holds.
#[test]
fn every_rubric_reads_back_from_its_source_and_its_compiled_form() {
    let mut catalog = spacescore_tests::catalog_with_example_rubrics();
    for r in spacescore_tests::advice_rubrics() {
        catalog.insert(r);
    }
    let empty = Library::default();
    for r in catalog.rubrics() {
        assert!(
            spacescore_tests::broken_invariants(r).is_empty(),
            "{}",
            r.id()
        );
        let text = spacescore_core::rubric::source::write(r);
        let again = check_source("written.toml", &text, &empty).unwrap_or_else(|p| {
            panic!(
                "{}: {p}
{text}",
                r.id()
            )
        });
        assert_eq!(again.len(), 1);
        assert_eq!(&again[0], r, "{}", r.id());
        assert_eq!(again[0].hash(), r.hash(), "{}", r.id());
        assert_eq!(
            spacescore_core::rubric::source::write(&again[0]),
            text,
            "{}",
            r.id()
        );
        let loaded = check_bytes("r.bin", &r.to_bytes(), library())
            .unwrap_or_else(|p| panic!("{}: {p}", r.id()));
        assert_eq!(&loaded[0], r, "{}", r.id());
    }
}

fn apply(bytes: &mut Vec<u8>, e: &Edit) {
    if bytes.is_empty() {
        return;
    }
    match e {
        Edit::Cut(at, n) => {
            let at = at % bytes.len();
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Edit::Insert(at, s) => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, s.bytes());
        }
        Edit::Flip(at, b) => {
            let at = at % bytes.len();
            if let Some(x) = bytes.get_mut(at) {
                *x ^= b | 1;
            }
        }
        Edit::Duplicate(at) => {
            let at = at % bytes.len();
            let start = bytes[..at]
                .iter()
                .rposition(|c| *c == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[at..]
                .iter()
                .position(|c| *c == b'\n')
                .map_or(bytes.len(), |i| at + i + 1);
            let line = bytes[start..end].to_vec();
            bytes.splice(end..end, line);
        }
    }
}

/// Scores some inputs under a decoded rubric, with every field given something odd.
fn score_anything(r: &Rubric, seed: u64) {
    let mut inputs = Inputs::new();
    for (i, id) in r.fields().keys().enumerate() {
        let v = match (seed as usize + i) % 5 {
            0 => Value::Text(format!("{}", seed % 1000)),
            1 => Value::Text("-3.5".into()),
            2 => Value::Bool(seed.is_multiple_of(2)),
            3 => Value::List(vec!["x".into()]),
            _ => Value::Text("999999999999".into()),
        };
        inputs.insert(id.clone(), v);
    }
    let report = score(r, &inputs);
    let _ = describe(r);
    let _ = (report.total, report.items.len());
}

/// Cases per property: 256, or `PROPTEST_CASES` for a longer run.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// A real rubric file with random edits is a rubric or a list of problems.
    #[test]
    fn the_rubric_file_reader_never_panics(which in any::<usize>(), edits in prop::collection::vec(edit(), 1..6)) {
        let source = &sources()[which % sources().len()];
        let mut bytes = source.as_bytes().to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        match check_bytes("fuzz.toml", &bytes, library()) {
            Ok(rubrics) => {
                for r in &rubrics {
                    // What the checker accepts compiles, decodes to itself and scores.
                    let again = Rubric::from_bytes(&r.to_bytes());
                    prop_assert_eq!(again.as_ref(), Ok(r));
                    score_anything(r, edits.len() as u64);
                }
            }
            Err(p) => {
                prop_assert!(!p.list().is_empty());
                prop_assert!(p.list().iter().all(|x| !x.message.en.is_empty() && !x.message.zh.is_empty()));
            }
        }
    }

    /// Any text at all is refused with problems, never a panic.
    #[test]
    fn any_text_is_a_rubric_file_or_problems(text in "(?s).{0,400}") {
        let _ = check_source("fuzz.toml", &text, library());
    }

    /// A compiled rubric with random edits is a rubric or an error; one that decodes scores
    /// anything without a panic.
    #[test]
    fn the_compiled_form_decoder_never_panics(which in any::<usize>(), edits in prop::collection::vec(edit(), 1..4), seed in any::<u64>()) {
        let all = compiled();
        let mut bytes = all[which % all.len()].to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        if let Ok(r) = Rubric::from_bytes(&bytes) {
            score_anything(&r, seed);
        }
        let _ = check_bytes("fuzz.bin", &bytes, library());
    }

    /// A compiled rubric whose body is edited and whose content hash is then recomputed (as
    /// anyone can) loads only as a rubric the checker would have written: every invariant
    /// holds, checked independently of the checker.
    #[test]
    fn a_mutated_compiled_rubric_with_its_hash_recomputed_never_loads_broken(which in any::<usize>(), edits in prop::collection::vec(body_edit(), 1..3)) {
        let all = compiled();
        let whole = all[which % all.len()];
        let head = Rubric::COMPILED_MAGIC.len() + 64;
        let mut body = whole[head..].to_vec();
        for e in &edits {
            apply(&mut body, e);
        }
        let bytes = with_hash(&body);
        if let Ok(rubrics) = check_bytes("mutated.bin", &bytes, library()) {
            for r in &rubrics {
                let broken = spacescore_tests::broken_invariants(r);
                prop_assert!(broken.is_empty(), "{}: {:?}", r.id(), broken);
            }
        }
    }

    /// Random bytes after the magic are an error, never a panic.
    #[test]
    fn random_bytes_are_not_a_rubric(body in prop::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = Rubric::COMPILED_MAGIC.to_vec();
        bytes.extend_from_slice(&[b'0'; 64]);
        bytes.extend(body);
        let _ = Rubric::from_bytes(&bytes);
    }
}

/// Every rubric file, read as a tree and written again, says the same to the checker; and
/// writing what was written changes nothing (a file exported, opened and exported again is
/// byte for byte the same).
#[test]
fn every_rubric_file_read_as_a_tree_and_written_again_checks_the_same() {
    use spacescore_core::rubric::source::{parse, render};
    let root = spacescore_tests::workspace_root();
    let mut files = Vec::new();
    for dir in ["rubrics", "docs/examples", "tests/advice/rubrics"] {
        for e in std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = e.path();
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if p.extension().is_some_and(|x| x == "toml")
                && name != "fields.toml"
                && name != "policies.toml"
            {
                files.push(p);
            }
        }
    }
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).expect("a rubric file");
        let name = path.display().to_string();
        let tree = parse(&text).unwrap_or_else(|e| panic!("{name}: {}", e.en));
        let written = render(&tree);
        let before = check_source(&name, &text, library()).unwrap_or_else(|p| panic!("{p}"));
        let after = check_source(&name, &written, library())
            .unwrap_or_else(|p| panic!("{name} written again:\n{p}\n{written}"));
        assert_eq!(before, after, "{name}");
        let again = render(&parse(&written).unwrap_or_else(|e| panic!("{name}: {}", e.en)));
        assert_eq!(again, written, "{name}: written twice, not the same bytes");
    }
}
