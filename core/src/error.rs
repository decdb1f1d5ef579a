//! The one error type of the core.

use std::fmt;

use crate::text::{quote_short, Text};

/// What can go wrong in the core outside of a person's input (input problems are part of
/// a [`crate::Report`], never an `Err`, so the rest of the rubric still scores). A rubric
/// file's problems have their own type, `check::Problems`, which names each line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a compiled rubric this version reads; why, in Chinese and English.
    Compiled(Text),
    /// A set of rubrics breaks an invariant (two with one id); names the rubric and what.
    Rubric {
        /// The rubric id.
        place: String,
        /// What is wrong, in Chinese and English.
        message: Text,
    },
    /// No rubric has this id.
    UnknownRubric(String),
}

impl Error {
    /// The error as a person reads it, in Chinese and English.
    pub fn text(&self) -> Text {
        match self {
            Error::Compiled(why) => Text::new(
                format!("不是本版本可读的编译评价表：{}", why.zh),
                format!("not a compiled rubric: {}", why.en),
            ),
            Error::Rubric { place, message } => Text::new(
                format!("评价表 {place}：{}", message.zh),
                format!("rubric {place}: {}", message.en),
            ),
            Error::UnknownRubric(id) => Text::new(
                format!("没有编号为“{}”的评价表", quote_short(id)),
                format!("no rubric has the id `{}`", quote_short(id)),
            ),
        }
    }
}

/// The English text, for programs and logs; [`Error::text`] has both languages.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for Error {}
