//! Exact, explainable scoring of the performance-evaluation rubrics that Chinese cities and
//! provinces publish for maker spaces (众创空间) and technology incubators (科技企业孵化器).
//!
//! The rubrics are data (`rubrics/*.toml`, quoting their source documents), embedded at
//! build time and validated when loaded. Scoring is pure and exact: `rust_decimal`
//! throughout, no floating point, no panics on anything a person can type.
//!
//! ```
//! use spacescore_core::{score, Catalog, Inputs};
//!
//! let catalog = Catalog::builtin().unwrap();
//! let rubric = catalog.rubric("inner-mongolia/maker-space").unwrap();
//! let mut inputs = Inputs::new();
//! inputs.insert("site_area".into(), "3,000".into());   // thousands separators are fine
//! inputs.insert("mentors".into(), "７".into());         // so are full-width digits
//! let report = score(rubric, &inputs);
//! assert_eq!(report.item("service-area").unwrap().score, Some(3.into()));
//! assert_eq!(report.item("mentor-count").unwrap().score, Some(3.into()));
//! assert!(report.missing.contains(&"workstations".to_string()));
//! ```
//!
//! # Errors
//! Problems with a person's input never produce an `Err`: they are listed in
//! [`Report::errors`] against the field, and the rest still scores. [`Error`] is only for
//! rubric data that breaks an invariant and for unknown rubric ids.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[allow(missing_docs)]
pub mod describe;
mod error;
#[allow(missing_docs)]
pub mod file;
pub mod input;
pub mod json;
pub mod rubric;
pub mod saved;
mod score;
mod text;

pub use describe::{describe, Description};
pub use error::Error;
pub use input::{FieldError, Inputs, Value};
pub use rubric::{Catalog, Field, FieldKind, Item, Method, Rubric};
pub use score::{score, score_with, Detail, FigureValue, GroupScore, ItemScore, Report, Warning};
pub use text::{fmt_dec, fmt_figure, Lang, Text};

/// The rubric files of `rubrics/` as one JSON document, as `build.rs` assembled them.
const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

/// The same catalog after validation, in the compact form [`Catalog::from_bytes`] reads.
const CATALOG_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

/// The built-in catalog as JSON, in the form [`Catalog::from_json`] reads (for tools and
/// tests that check altered copies).
pub fn builtin_json() -> &'static str {
    CATALOG_JSON
}

impl Catalog {
    /// The rubrics built into this crate, from `rubrics/`. They were validated when the
    /// crate was built (an invalid rubric file fails the build with the checker's message),
    /// so this only decodes them.
    ///
    /// # Errors
    /// Only if the embedded bytes are corrupt, which the test suite rules out.
    pub fn builtin() -> Result<Catalog, Error> {
        Catalog::from_bytes(CATALOG_BYTES)
    }
}
