//! The one error type of the core.

use std::fmt;

/// What can go wrong in the core outside of a person's input (input problems are part of
/// a [`crate::Report`], never an `Err`, so the rest of the rubric still scores).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The catalog is not valid JSON of the rubric file format.
    Catalog(String),
    /// A rubric file breaks an invariant; names the file, the rubric or item, and what.
    Rubric {
        /// The rubric file (`rubrics/…`), or the rubric id.
        place: String,
        /// What is wrong.
        message: String,
    },
    /// No rubric has this id.
    UnknownRubric(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Catalog(message) => write!(f, "the rubric catalog cannot be read: {message}"),
            Error::Rubric { place, message } => write!(f, "rubric {place}: {message}"),
            Error::UnknownRubric(id) => write!(f, "no rubric has the id `{id}`"),
        }
    }
}

impl std::error::Error for Error {}
