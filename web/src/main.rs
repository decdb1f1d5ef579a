//! The page's entry point.

fn main() {
    spacescore_web::start();
}
