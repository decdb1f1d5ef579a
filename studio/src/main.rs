//! The studio's entry point.

fn main() {
    spacescore_studio::start();
}
