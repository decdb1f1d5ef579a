//! The components every page draws a rubric with, one per file. Each takes what it shows
//! (the rubric, the report, what was typed) and hands what a person does to plain callbacks.

pub mod advice_panel;
pub mod doc_info;
pub mod field_input;
pub mod form_view;
pub mod group_bars;
pub mod group_section;
pub mod item_card;
pub mod picker;
pub mod problems_panel;
pub mod summary;
pub mod veto_section;
