//! The `spacescore` command-line tool; see the library docs for the commands.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
