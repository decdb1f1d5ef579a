//! The `spacescore` command-line tool; see the library docs for the commands.

use std::io::Write;

fn main() {
    // A file name in another encoding (中文.csv saved as GBK) is not valid UTF-8: say so
    // and stop, rather than guessing at it.
    let mut args = Vec::new();
    for (i, a) in std::env::args_os().skip(1).enumerate() {
        match a.into_string() {
            Ok(s) => args.push(s),
            Err(raw) => {
                let _ = writeln!(
                    std::io::stderr(),
                    "spacescore: argument {} ({}) is not valid UTF-8; rename the file or use a UTF-8 locale",
                    i + 1,
                    spacescore_core::text::quote_short(&raw.to_string_lossy())
                );
                std::process::exit(2);
            }
        }
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let result = spacescore_cli::run(
        &args,
        &mut stdin.lock(),
        &mut stdout.lock(),
        &mut stderr.lock(),
    );
    if let Err(e) = result {
        let _ = writeln!(std::io::stderr(), "spacescore: {e}");
        std::process::exit(e.exit_code());
    }
}
