//! The one error type of the core.

use std::fmt;

/// What can go wrong in the core outside of a person's input (input problems are part of
/// a [`crate::Report`], never an `Err`, so the rest of the rubric still scores). A rubric
/// file's problems have their own type, `check::Problems`, which names each line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a compiled rubric this version reads.
    Compiled(String),
    /// A set of rubrics breaks an invariant (two with one id); names the rubric and what.
    Rubric {
        /// The rubric id.
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
            Error::Compiled(message) => write!(f, "not a compiled rubric: {message}"),
            Error::Rubric { place, message } => write!(f, "rubric {place}: {message}"),
            Error::UnknownRubric(id) => {
                write!(f, "no rubric has the id `{}`", crate::text::quote_short(id))
            }
        }
    }
}

impl std::error::Error for Error {}
