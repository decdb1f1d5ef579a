//! The built-in rubrics: every rubric file of `rubrics/`, checked when this crate is built
//! (a file with a problem fails the build, naming its line) and embedded in compiled form.
//! The CLI, the JS API and the tests use them; the page does not (it fetches the one it
//! shows from `dist/rubrics/`).
//!
//! ```
//! let catalog = spacescore_builtin::catalog();
//! assert!(catalog.rubric("xinxiang/professional").is_ok());
//! ```

#![forbid(unsafe_code)]

use spacescore_core::{Catalog, Rubric};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// One built-in rubric: its id, the rubric file it comes from, and its compiled form.
#[derive(Debug, Clone, Copy)]
pub struct Builtin {
    /// The rubric id.
    pub id: &'static str,
    /// The file in `rubrics/` that defines it.
    pub file: &'static str,
    /// Its compiled form, as [`Rubric::from_bytes`] reads it.
    pub bytes: &'static [u8],
}

/// Every built-in rubric, ordered by file name, then as each file lists them.
pub fn all() -> impl Iterator<Item = Builtin> {
    FILES
        .iter()
        .map(|(id, file, bytes)| Builtin { id, file, bytes })
}

/// The built-in rubrics, decoded. They were checked when this crate was built, and the
/// test suite decodes every one, so a rubric that would not decode cannot ship; should one
/// fail anyway it is left out rather than taking the others down.
pub fn catalog() -> Catalog {
    let rubrics = all()
        .filter_map(|b| Rubric::from_bytes(b.bytes).ok())
        .collect();
    Catalog::new(rubrics).unwrap_or_default()
}
