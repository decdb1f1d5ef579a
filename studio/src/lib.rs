//! The rubric studio (`/studio/`): an official turns the document's table into a checked
//! rubric file in the browser, without writing TOML. Start from the table pasted from Word,
//! WPS or Excel, a `.docx` or `.xlsx` file, a built-in rubric, a rubric file, or nothing;
//! edit every part of the file by form, with the checker's messages beside the part they
//! concern; see the applicant's form as the self-check page draws it, live; keep worked
//! examples that pass or fail as you type; compare with the rubric opened; export the file,
//! the compiled rubric and a publish bundle. Nothing is uploaded.
//!
//! The document is a tree of values ([`spacescore_core::rubric::source::Val`]), edited at
//! paths ([`tree`]) and checked on every change ([`doc::Doc`]); the reducer is pure
//! ([`state`]) and tested natively. It is a wasm module of its own, so no other page
//! carries the drafter, the checker or the archive writer for it.
//!
//! ```
//! use std::rc::Rc;
//! use spacescore_studio::state::{Action, Start, State};
//! use yew::Reducible;
//!
//! let s = Rc::new(State::default()).reduce(Action::Start(Start::Pasted(
//!     "指标\t评分标准\t分值\n创业导师\t每2位导师得1分，最高5分\t5\n".into(),
//! )));
//! let doc = s.doc.as_ref().unwrap();
//! assert!(doc.text.contains("kind = \"per\""));
//! ```

#![forbid(unsafe_code)]

pub mod bundle;
pub mod components;
pub mod doc;
pub mod i18n;
pub mod paste;
pub mod state;
pub mod storage;
pub mod tree;

/// Mounts the studio on `<body>`.
pub fn start() {
    yew::Renderer::<components::studio::Studio>::new().render();
}
