//! The built `spacescore` binary, run as a process: what only the real `main` does.

use std::process::Command;

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_an_error_with_exit_code_two_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    // A file name saved in GBK (中文.json as 0xD6 0xD0 0xCE 0xC4), with a control character.
    let name = OsStr::from_bytes(b"\xD6\xD0\xCE\xC4\x1b.json");
    let out = Command::new(env!("CARGO_BIN_EXE_spacescore"))
        .args([
            OsStr::new("score"),
            OsStr::new("xinxiang/professional"),
            name,
        ])
        .output()
        .expect("run spacescore");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).expect("UTF-8 messages");
    assert!(err.contains("argument 3"), "{err}");
    assert!(err.contains("is not valid UTF-8"), "{err}");
    assert!(
        err.contains("\\u{1b}"),
        "the control character is escaped: {err}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn extra_arguments_exit_with_two_and_print_the_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_spacescore"))
        .args(["describe", "xinxiang/professional", "surplus"])
        .output()
        .expect("run spacescore");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("'surplus'"), "{err}");
    assert!(err.contains("Usage: spacescore describe"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_document_read_from_standard_input_scores_like_a_file() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_spacescore"))
        .args(["score", "xinxiang/comprehensive"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run spacescore");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(br#"{"incubation_fund": 1.8e2}"#)
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(text.contains("\"complete\": false"), "{text}");
    assert!(text.contains("\"total\": \"7\""), "{text}");
}
