//! The studio's components, one per file. The applicant's form in the preview is drawn by
//! every page's components (`spacescore_ui::components`).

pub mod bench;
pub mod compare_panel;
pub mod editor;
pub mod export_panel;
pub mod preview;
pub mod start_panel;
pub mod studio;
