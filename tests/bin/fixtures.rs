//! `spacescore-fixtures DIR`: writes the hostile spreadsheets of `tests/sheets.rs` into DIR,
//! with `cases.json` listing each (name, file, the `batch` arguments after the file, the
//! rubric), for the district page's browser tests. They compare the page with
//! `spacescore batch` run on the same files.

use std::process::ExitCode;

use spacescore_tests::sheets::{fixtures, subject, Expect};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: spacescore-fixtures DIR");
        return ExitCode::from(2);
    };
    let dir = std::path::PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let s = subject();
    let mut cases = Vec::new();
    for f in fixtures(&s) {
        if let Err(e) = std::fs::write(dir.join(&f.file), &f.bytes) {
            eprintln!("cannot write {}: {e}", f.file);
            return ExitCode::FAILURE;
        }
        let expect = match f.expect {
            Expect::Scored(..) => "scored",
            Expect::Refused(..) => "refused",
            Expect::Own => "own",
        };
        cases.push(serde_json::json!({
            "name": f.name,
            "file": f.file,
            "args": f.args,
            "expect": expect,
        }));
    }
    let manifest = serde_json::json!({ "rubric": s.id(), "fields": s.fields, "cases": cases });
    match serde_json::to_string_pretty(&manifest) {
        Ok(text) => match std::fs::write(dir.join("cases.json"), text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot write cases.json: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
