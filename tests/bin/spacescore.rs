//! `spacescore-process`: the `spacescore` command (the CLI's own `main`), built in this package
//! so that the tests run it as a process, with real standard streams and exit codes.

fn main() {
    spacescore_cli::main();
}
