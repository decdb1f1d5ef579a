//! The district page: every space of a district's file (CSV or `.xlsx`) scored in the
//! browser, shown in a sortable table, one space opened with the self-check page's item
//! cards, and the results downloaded as `.xlsx` or CSV. Nothing leaves the browser.
//!
//! It is a wasm module of its own (`dist/district/`), so the self-check page never carries
//! the spreadsheet code. The file is read and written by `spacescore-sheets`, exactly as
//! `spacescore batch` reads and writes it: the same encodings, separators, row numbers and
//! messages. Data flows one way: the file and the rubric → [`state::State`] →
//! `spacescore_sheets::batch` → rows → components.

#![forbid(unsafe_code)]

pub mod components;
pub mod i18n;
pub mod scoring;
pub mod state;

/// Mounts the page on `<body>`.
pub fn start() {
    yew::Renderer::<components::district::District>::new().render();
}
