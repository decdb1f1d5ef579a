//! The `spacescore` command-line tool; see the library docs for the commands.

fn main() {
    spacescore_cli::main();
}
