//! The district page's entry point.

fn main() {
    spacescore_district::start();
}
