//! What every page of the site draws a rubric with: the item cards and their field inputs, a
//! group's section, a data form, the veto questions, the summary with its bars and advice, the
//! document header and the picker; and opening a rubric file (chosen or dropped, checked by
//! the checker loaded only then, its problems listed), the site's rubric list and rubrics,
//! what the pages keep in the browser, and offering a file for download.
//!
//! The components hold no page's state: a rubric, a report and what was typed go in, and what
//! a person does comes out through plain callbacks (`on_set`, `on_choose`, `on_open`,
//! `on_scenario`, `on_dismiss`). The self-check page (`spacescore-web`) and the district page
//! (`spacescore-district`) stand on this crate; neither depends on the other. No component
//! computes a rule: the core does, and they draw its report.
//!
//! ```
//! use spacescore_ui::layout::{owners, Owner};
//!
//! // A field read by several items gets one input, in the first item that reads it.
//! let catalog = spacescore_builtin::catalog();
//! let rubric = catalog.rubric("inner-mongolia/maker-space").unwrap();
//! let owners = owners(rubric);
//! let first = rubric.items().iter().position(|i| i.inputs().contains(&"site_area"));
//! assert_eq!(owners.get("site_area"), first.map(Owner::Item).as_ref());
//! ```

#![forbid(unsafe_code)]

use std::ops::Deref;
use std::rc::Rc;

pub mod checker;
pub mod compiled;
pub mod components;
pub mod download;
pub mod files;
pub mod index;
pub mod js;
pub mod layout;
pub mod query;
pub mod rubric_file;
pub mod scenario;
pub mod site;
pub mod store;

/// The pages' labels, shared with the first module (`spacescore-live`).
pub use spacescore_live::i18n;

/// A shared value compared by identity, so a prop holding it does not cause a re-render
/// unless it really is another value.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
