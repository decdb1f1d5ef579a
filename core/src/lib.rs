//! Exact, explainable scoring of the performance-evaluation rubrics that Chinese cities and
//! provinces publish for maker spaces (众创空间) and technology incubators (科技企业孵化器).
//!
//! A rubric is data: a rubric file (TOML, quoting its source document) that the checker
//! ([`check`], feature `check`) turns into a validated [`Rubric`], or that rubric's compiled
//! form ([`Rubric::from_bytes`]). Scoring is pure and exact: `rust_decimal` throughout, no
//! floating point, no panics on anything a person can type.
//!
//! ```
//! use spacescore_core::{score, Inputs};
//!
//! let catalog = spacescore_builtin::catalog();
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
//! [`Report::errors`] against the field, and the rest still scores. A rubric file's problems
//! are [`check::Problems`], each naming its line; [`Error`] is for compiled bytes that are
//! not a rubric and for unknown rubric ids.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod advise;
pub(crate) mod amounts;
#[cfg(feature = "check")]
pub mod check;
pub(crate) mod compact;
#[allow(missing_docs)]
pub mod describe;
mod error;
pub mod field;
pub mod input;
pub mod json;
pub mod json_inputs;
pub mod kinds;
pub mod quantity;
pub mod rubric;
pub mod saved;
mod score;
pub mod text;
#[cfg(feature = "check")]
pub(crate) mod toml_tree;
pub mod val;

pub use advise::{advise, score_and_advise, Advice, Suggestion};
pub use describe::{describe, Description};
pub use error::Error;
pub use input::{FieldError, Inputs, Value};
pub use rubric::{Catalog, Field, FieldKind, Item, Method, Rubric};
pub use score::{
    score, score_with, Detail, FigureValue, GroupScore, ItemScore, Report, ScoreOutput, Scorer,
    Warning,
};
pub use text::{fmt_dec, fmt_exact, fmt_figure, Lang, Msg, Text};
