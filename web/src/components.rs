//! The page's components, one per file.

pub mod advice_panel;
pub mod app;
pub mod doc_info;
pub mod fatal;
pub mod field_input;
pub mod form_view;
pub mod group_bars;
pub mod group_section;
pub mod item_card;
pub mod landing;
pub mod notices;
pub mod picker;
pub mod print_view;
pub mod summary;
pub mod toolbar;
pub mod veto_section;
