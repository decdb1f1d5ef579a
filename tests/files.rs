//! What the `spacescore` process does to files: output never destroys one, and reading stops
//! at its limit. Each case runs the command as a process (`spacescore-process`, the CLI's own
//! `main`) in a folder of its own and asserts its message, and that nothing else changed:
//! every file's bytes and kind (a device stays a device, a FIFO a FIFO, a link a link).

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use spacescore_core::check::{check_bytes, Library, MAX_FILE_BYTES};
use spacescore_core::json_inputs::MAX_BYTES;
use spacescore_tests::sheets::{fixture, subject, typo, SPACES};

const BIN: &str = env!("CARGO_BIN_EXE_spacescore-process");

/// What a finished process gave.
#[derive(Debug)]
struct Ran {
    code: i32,
    out: Vec<u8>,
    err: String,
}

impl Ran {
    fn out(&self) -> String {
        String::from_utf8_lossy(&self.out).into_owned()
    }
}

/// Runs `spacescore args` in `dir`, with nothing on standard input.
fn run(dir: &Path, args: &[&str]) -> Ran {
    run_with(dir, args, Stdio::null(), Stdio::piped(), None)
}

fn run_with(dir: &Path, args: &[&str], stdin: Stdio, stdout: Stdio, input: Option<&[u8]>) -> Ran {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(stdin)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spacescore runs");
    if let (Some(bytes), Some(mut to)) = (input, child.stdin.take()) {
        to.write_all(bytes).expect("standard input written");
    }
    let done = child.wait_with_output().expect("spacescore ends");
    Ran {
        code: done.status.code().unwrap_or(-1),
        out: done.stdout,
        err: String::from_utf8_lossy(&done.stderr).into_owned(),
    }
}

/// One entry of a folder, as far as a test compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    File { bytes: Vec<u8>, mode: u32 },
    Folder,
    Link(PathBuf),
    Fifo,
    Device(u64),
    Other,
}

/// Everything under `dir`, by path relative to it.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("a folder") {
            let path = e.expect("an entry").path();
            let meta = fs::symlink_metadata(&path).expect("its kind");
            let t = meta.file_type();
            let entry = if t.is_symlink() {
                Entry::Link(fs::read_link(&path).expect("a link"))
            } else if t.is_dir() {
                stack.push(path.clone());
                Entry::Folder
            } else if t.is_file() {
                Entry::File {
                    bytes: fs::read(&path).expect("its bytes"),
                    mode: meta.permissions().mode() & 0o777,
                }
            } else if t.is_fifo() {
                Entry::Fifo
            } else if t.is_char_device() {
                Entry::Device(meta.rdev())
            } else {
                Entry::Other
            };
            let name = path.strip_prefix(dir).expect("inside").to_path_buf();
            out.insert(name, entry);
        }
    }
    out
}

/// A folder of its own, holding a district's file (`data.csv`, three spaces for the rubric
/// of the hostile spreadsheets) and a rubric file (`my.toml`, the example rubric).
fn folder() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a folder");
    let s = subject();
    fs::write(dir.path().join("data.csv"), s.table(&SPACES, ",", "\n")).expect("data.csv");
    let example = fs::read(spacescore_tests::workspace_root().join("docs/examples/shili.toml"))
        .expect("the example rubric");
    fs::write(dir.path().join("my.toml"), example).expect("my.toml");
    (dir, s.id().to_string())
}

/// The result rows of a batch's CSV output (after its header), or panics.
fn result_rows(csv: &[u8]) -> usize {
    let text = String::from_utf8(csv.to_vec()).expect("utf-8");
    assert!(text.starts_with("row,name,"), "not batch results: {text}");
    text.lines().count() - 1
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Everything a reader of the FIFO `path` gets, read on a thread of its own (opening a FIFO
/// waits for its writer).
fn fifo_reader(path: &Path) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Ok(mut f) = fs::File::open(&path) {
            let _ = f.read_to_end(&mut bytes);
        }
        let _ = tx.send(bytes);
    });
    rx
}

/// How many bytes an endless writer got into the FIFO `path` before its reader went away,
/// fed on a thread of its own.
fn endless_writer(path: &Path) -> mpsc::Receiver<u64> {
    let (tx, rx) = mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let chunk = vec![b'1'; 64 << 10];
        let mut written = 0u64;
        if let Ok(mut f) = fs::OpenOptions::new().write(true).open(&path) {
            while let Ok(n) = f.write(&chunk) {
                if n == 0 {
                    break;
                }
                written += n as u64;
            }
        }
        let _ = tx.send(written);
    });
    rx
}

/// What the other end of a FIFO reported; a minute is a guard against a FIFO nobody opens,
/// not a measure of speed.
fn other_end<T>(rx: &mpsc::Receiver<T>, what: &str) -> T {
    rx.recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{what}: the FIFO was never opened and closed"))
}

#[test]
fn a_device_a_fifo_and_standard_output_are_written_straight_into() {
    let (dir, id) = folder();
    let d = dir.path();

    // A device: a null device of the test's own when it may make one (as root, where
    // replacing it would be possible), else /dev/null itself.
    let made = Command::new("mknod")
        .args([
            d.join("null").as_os_str(),
            "c".as_ref(),
            "1".as_ref(),
            "3".as_ref(),
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let null = if made {
        d.join("null")
    } else {
        PathBuf::from("/dev/null")
    };
    let null_rdev = fs::metadata(&null).expect("a device").rdev();
    let null_arg = null.to_string_lossy().into_owned();
    for args in [
        vec!["batch", &id, "data.csv", "-o", &null_arg],
        vec!["template", &id, "-o", &null_arg],
        vec!["template", &id, "--xlsx", "-o", &null_arg],
    ] {
        let before = tree(d);
        let r = run(d, &args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.err);
        let meta = fs::symlink_metadata(&null).expect("still there");
        assert!(
            meta.file_type().is_char_device(),
            "{args:?}: still a device"
        );
        assert_eq!(meta.rdev(), null_rdev, "{args:?}: the same device");
        assert_eq!(tree(d), before, "{args:?}: nothing else changed");
    }

    // A FIFO: its reader gets the results, CSV as they come, a workbook once whole.
    for (name, xlsx) in [("results", false), ("results.xlsx", true)] {
        let fifo = d.join(name);
        mkfifo(&fifo);
        let reader = fifo_reader(&fifo);
        let r = run(d, &["batch", &id, "data.csv", "-o", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.err);
        let got = other_end(&reader, name);
        if xlsx {
            use calamine::Reader;
            let mut book =
                calamine::Xlsx::new(std::io::Cursor::new(got)).expect("a whole workbook");
            let results = book.worksheet_range("results").expect("its results");
            assert_eq!(
                results.rows().count(),
                4,
                "{name}: a header and three spaces"
            );
        } else {
            assert_eq!(result_rows(&got), 3, "{name}");
        }
        let kind = fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type();
        assert!(kind.is_fifo(), "{name}: still a FIFO");
    }

    // Standard output through a link to it (first one of the test's own, so that the
    // machine's /dev/stdout is used only once this holds), and appended to as the shell set
    // it up (`>>`).
    std::os::unix::fs::symlink("/proc/self/fd/1", d.join("stdout")).expect("a link");
    for out in ["stdout", "/dev/stdout", "-"] {
        let r = run(d, &["batch", &id, "data.csv", "-o", out]);
        assert_eq!(r.code, 0, "{out}: {}", r.err);
        assert_eq!(
            result_rows(&r.out),
            3,
            "{out}: the results reach standard output"
        );
        let log = d.join("log.csv");
        fs::write(&log, "before\n").expect("a log");
        let append = fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .expect("opened");
        let r = run_with(
            d,
            &["batch", &id, "data.csv", "-o", out],
            Stdio::null(),
            Stdio::from(append),
            None,
        );
        assert_eq!(r.code, 0, "{out} >> log.csv: {}", r.err);
        let text = fs::read(&log).expect("the log");
        assert!(text.starts_with(b"before\n"), "{out}: what was there stays");
        assert_eq!(result_rows(&text[7..]), 3, "{out}: the results follow it");
        fs::remove_file(&log).expect("removed");
    }
    assert_eq!(
        fs::read_link(d.join("stdout")).expect("still a link"),
        Path::new("/proc/self/fd/1")
    );
    assert!(fs::symlink_metadata("/dev/stdout")
        .expect("/dev/stdout")
        .file_type()
        .is_symlink());
}

#[test]
fn an_output_that_is_an_input_is_refused_before_anything_is_written() {
    let (dir, id) = folder();
    let d = dir.path();
    fs::create_dir(d.join("sub")).expect("sub");
    std::os::unix::fs::symlink("data.csv", d.join("link.csv")).expect("a link");
    fs::hard_link(d.join("data.csv"), d.join("same.csv")).expect("a hard link");
    // The example's compiled form where `compile -o out` writes it, and a site that shows it.
    let r = run(d, &["compile", "my.toml", "-o", "out"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let bin = String::from_utf8(r.out.clone()).expect("utf-8");
    let bin = bin
        .split('\t')
        .nth(1)
        .expect("the compiled file")
        .to_string();
    fs::create_dir_all(d.join("site/rubrics")).expect("a site");
    fs::write(d.join("site/index.html"), "<!doctype html>").expect("index.html");
    let r = run(d, &["publish", "site", "my.toml"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let published = format!("site/rubrics/{}", bin.trim_start_matches("out/"));

    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["template", "--rubric", "my.toml", "-o", "my.toml"],
            "cannot write to my.toml: it is the rubric file my.toml".into(),
        ),
        (
            vec![
                "template",
                "--rubric",
                "my.toml",
                "--xlsx",
                "-o",
                "sub/../my.toml",
            ],
            "cannot write to sub/../my.toml: it is the rubric file my.toml".into(),
        ),
        (
            vec!["batch", "--rubric", "my.toml", "data.csv", "-o", "my.toml"],
            "cannot write to my.toml: it is the rubric file my.toml".into(),
        ),
        (
            vec!["batch", &id, "data.csv", "-o", "data.csv"],
            "cannot write to data.csv: it is the input file data.csv".into(),
        ),
        (
            vec!["batch", &id, "data.csv", "-o", "./sub/../data.csv"],
            "it is the input file data.csv".into(),
        ),
        (
            vec!["batch", &id, "data.csv", "-o", "link.csv"],
            "cannot write to link.csv: it is the input file data.csv".into(),
        ),
        (
            vec!["batch", &id, "data.csv", "-o", "same.csv"],
            "cannot write to same.csv: it is the input file data.csv".into(),
        ),
        (
            vec!["compile", &bin, "-o", "out"],
            format!("cannot write to {bin}: it is the rubric file {bin}"),
        ),
        (
            vec!["publish", "site", &published],
            format!("cannot write to {published}: it is the rubric file {published}"),
        ),
    ];
    for (args, says) in cases {
        let before = tree(d);
        let r = run(d, &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.err);
        assert!(r.err.contains(&says), "{args:?}: {}", r.err);
        assert!(r.err.contains("nothing was written"), "{args:?}: {}", r.err);
        assert!(r.out.is_empty(), "{args:?}");
        assert_eq!(tree(d), before, "{args:?}: no file changed");
    }
}

#[test]
fn a_folder_a_link_to_nothing_or_a_taken_temporary_name_destroys_nothing() {
    let (dir, id) = folder();
    let d = dir.path();
    fs::create_dir(d.join("existing_dir")).expect("a folder");
    fs::create_dir(d.join("book.xlsx")).expect("a folder named like a workbook");
    std::os::unix::fs::symlink("nowhere/x.csv", d.join("dangling.csv")).expect("a link");
    fs::write(d.join("not-a-folder"), "a file").expect("a file");
    for (args, code, says) in [
        (
            vec!["batch", &id, "data.csv", "-o", "existing_dir"],
            2,
            "cannot write to existing_dir: it is a folder; give the name of a file; nothing was written",
        ),
        (
            vec!["template", &id, "-o", "existing_dir"],
            2,
            "cannot write to existing_dir: it is a folder",
        ),
        (
            vec!["template", &id, "--xlsx", "-o", "book.xlsx"],
            2,
            "cannot write to book.xlsx: it is a folder",
        ),
        (
            vec!["batch", &id, "data.csv", "-o", "dangling.csv"],
            2,
            "cannot write to dangling.csv: it is a link to nowhere/x.csv, which does not exist",
        ),
        (
            vec!["compile", "my.toml", "-o", "not-a-folder"],
            1,
            "not-a-folder/shili: Not a directory",
        ),
        (
            vec!["batch", &id, "data.csv", "-o", "no/such/folder/out.csv"],
            1,
            "no/such/folder: No such file or directory",
        ),
    ] {
        let before = tree(d);
        let r = run(d, &args);
        assert_eq!(r.code, code, "{args:?}: {}", r.err);
        assert!(r.err.contains(says), "{args:?}: {}", r.err);
        assert_eq!(tree(d), before, "{args:?}: no file changed, nothing left");
    }

    // An input named as the old fixed temporary name of the output (`.NAME.partial`) is
    // read, not overwritten: temporary names are fresh, made only where none exists.
    fs::rename(d.join("data.csv"), d.join(".results.csv.partial")).expect("renamed");
    let before = tree(d);
    let r = run(
        d,
        &["batch", &id, ".results.csv.partial", "-o", "results.csv"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let mut after = tree(d);
    let results = after.remove(Path::new("results.csv")).expect("written");
    assert_eq!(after, before, "only the output is new");
    let Entry::File { bytes, .. } = results else {
        panic!("a file")
    };
    assert_eq!(result_rows(&bytes), 3);
}

#[test]
fn a_regular_output_is_replaced_whole_or_left_as_it_was() {
    let (dir, id) = folder();
    let d = dir.path();
    let s = subject();
    fs::write(
        d.join("bad.csv"),
        format!("name,{}\n甲,1\n", typo(&s.fields[0])),
    )
    .expect("bad.csv");
    fs::write(d.join("results.csv"), "the old results\n").expect("results.csv");
    fs::set_permissions(d.join("results.csv"), fs::Permissions::from_mode(0o640))
        .expect("its mode");
    std::os::unix::fs::symlink("results.csv", d.join("latest.csv")).expect("a link");

    // Refused on its header, or on a formula with no value after a row already scored
    // (a workbook written to a file is read once): the old results stay, and nothing is
    // left beside them.
    let formula = fixture(&s, "xlsx formula with no value");
    fs::write(d.join("formula.xlsx"), &formula.bytes).expect("formula.xlsx");
    for (input, says) in [
        ("bad.csv", "did you mean"),
        ("formula.xlsx", "holds a formula"),
    ] {
        for out in ["results.csv", "latest.csv", "results.xlsx"] {
            let before = tree(d);
            let r = run(d, &["batch", &id, input, "-o", out]);
            assert_eq!(r.code, 1, "{input} -o {out}: {}", r.err);
            assert!(r.err.contains(says), "{input} -o {out}: {}", r.err);
            assert_eq!(tree(d), before, "{input} -o {out}: no file changed");
        }
    }

    // Done: the whole results in place, with the mode the file had; through the link, the
    // file it leads to is replaced and the link stays.
    for out in ["results.csv", "latest.csv"] {
        fs::write(d.join("results.csv"), "the old results\n").expect("reset");
        let r = run(d, &["batch", &id, "data.csv", "-o", out]);
        assert_eq!(r.code, 0, "{out}: {}", r.err);
        let after = tree(d);
        let Some(Entry::File { bytes, mode }) = after.get(Path::new("results.csv")) else {
            panic!("{out}: results.csv is a file: {after:?}")
        };
        assert_eq!(result_rows(bytes), 3, "{out}");
        assert_eq!(*mode, 0o640, "{out}: the mode it had");
        assert_eq!(
            after.get(Path::new("latest.csv")),
            Some(&Entry::Link("results.csv".into())),
            "{out}"
        );
        assert_eq!(
            after.len(),
            6,
            "{out}: nothing left beside it: {:?}",
            after.keys()
        );
    }
}

#[test]
fn compile_and_publish_write_every_file_or_none() {
    let (dir, _) = folder();
    let d = dir.path();
    let root = spacescore_tests::workspace_root();
    // A rubric file that defines two rubrics.
    let library = Library::shared().expect("the library");
    let (two, ids) = std::fs::read_dir(root.join("rubrics"))
        .expect("rubrics/")
        .filter_map(|e| {
            let path = e.ok()?.path();
            let bytes = fs::read(&path).ok()?;
            let rubrics = check_bytes("", &bytes, &library).ok()?;
            let ids: Vec<String> = rubrics.iter().map(|r| r.id().to_string()).collect();
            (ids.len() > 1).then_some((bytes, ids))
        })
        .next()
        .expect("a rubric file of several rubrics");
    fs::write(d.join("two.toml"), &two).expect("two.toml");

    // The last rubric's place is taken by a folder: the first is not written either.
    let last = ids.last().expect("an id");
    fs::create_dir_all(d.join(format!("out/{last}.bin"))).expect("in the way");
    let before = tree(d);
    let r = run(d, &["compile", "two.toml", "-o", "out"]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert!(
        r.err
            .contains(&format!("cannot write to out/{last}.bin: it is a folder")),
        "{}",
        r.err
    );
    assert_eq!(tree(d), before, "compile wrote none");

    // A site: publishing my.toml (a region of its own) and two.toml, whose last place is
    // taken, leaves none of them and not the folder made for the first.
    fs::create_dir_all(d.join("site/rubrics")).expect("a site");
    fs::write(d.join("site/index.html"), "<!doctype html>").expect("index.html");
    fs::create_dir_all(d.join(format!("site/rubrics/{last}.bin"))).expect("in the way");
    let before = tree(d);
    let r = run(d, &["publish", "site", "my.toml", "two.toml"]);
    assert_eq!(r.code, 2, "{}", r.err);
    assert_eq!(tree(d), before, "publish wrote none");
    fs::remove_dir(d.join(format!("site/rubrics/{last}.bin"))).expect("out of the way");

    // A damaged compiled rubric in the site: refused before anything is written.
    let r = run(d, &["publish", "site", "my.toml"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let index = fs::read_to_string(d.join("site/rubrics/index.json")).expect("the index");
    assert!(index.contains("\"id\":\"shili/maker-space\""), "{index}");
    fs::create_dir_all(d.join("site/rubrics/other")).expect("a region");
    fs::write(
        d.join("site/rubrics/other/damaged.bin"),
        b"SPSC\x01 not a rubric",
    )
    .expect("a damaged file");
    let before = tree(d);
    let r = run(d, &["publish", "site", "two.toml"]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(
        r.err.contains("site/rubrics/other/damaged.bin: ")
            && r.err
                .contains("nothing was written (remove or replace that file)"),
        "{}",
        r.err
    );
    assert_eq!(tree(d), before, "the site is as it was");
}

#[test]
fn reading_stops_at_the_limit_whatever_the_file_holds() {
    let (dir, id) = folder();
    let d = dir.path();
    let rubric = 2 * MAX_FILE_BYTES as u64;
    let piped = 64u64 << 20;
    // /dev/zero never ends: each command stops at its limit and says so.
    for (args, says) in [
        (
            vec!["check", "/dev/zero"],
            "/dev/zero holds more than 2 MiB, more than a rubric file can be; reading stopped there",
        ),
        (vec!["check", "--lang", "zh", "/dev/zero"], "/dev/zero 超过 2 MiB"),
        (
            vec!["list", "--rubric", "/dev/zero"],
            "/dev/zero holds more than 2 MiB, more than a rubric file can be",
        ),
        (vec!["score", &id, "/dev/zero"], "/dev/zero: the input is too large"),
        (
            vec!["batch", &id, "/dev/zero"],
            "/dev/zero holds more than 64 MiB, more than is read from a pipe or device",
        ),
    ] {
        let before = tree(d);
        let r = run(d, &args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.err);
        let said = format!("{}{}", r.out(), r.err);
        assert!(said.contains(says), "{args:?}: {said}");
        assert_eq!(tree(d), before, "{args:?}");
    }
    // Nor does a FIFO fed without end: what its writer got in is the limit and what the pipe
    // holds, never the whole.
    for (args, limit) in [
        (vec!["check", "endless"], rubric),
        (vec!["describe", "--rubric", "endless"], rubric),
        (vec!["advise", &id, "endless"], MAX_BYTES as u64),
        (vec!["batch", &id, "endless"], piped),
    ] {
        let fifo = d.join("endless");
        mkfifo(&fifo);
        let writer = endless_writer(&fifo);
        let r = run(d, &args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.err);
        let written = other_end(&writer, "endless");
        assert!(
            written > limit && written <= limit + (1 << 20),
            "{args:?}: {written} bytes went in for a limit of {limit}"
        );
        fs::remove_file(&fifo).expect("removed");
    }
    // A batch file from a pipe is read once, into memory, and scored like a file.
    let csv = fs::read(d.join("data.csv")).expect("data.csv");
    let r = run_with(
        d,
        &["batch", &id, "/dev/stdin"],
        Stdio::piped(),
        Stdio::piped(),
        Some(&csv),
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(result_rows(&r.out), 3);
}
