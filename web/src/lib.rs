//! The applicant's self-check page: a Yew app that renders what the scoring core computes.
//!
//! Data flows one way: URL and saved work → [`state::State`] → `spacescore_core::score` →
//! a `Report` → components. No component computes a rule; they render the report.

#![forbid(unsafe_code)]

use std::ops::Deref;
use std::rc::Rc;

pub mod components;
pub mod config;
pub mod embed;
pub mod i18n;
pub mod layout;
pub mod persist;
pub mod state;

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

/// Mounts the page on `<body>`.
pub fn start() {
    yew::Renderer::<components::root::Root>::new().render();
}
