//! The district page's components, one per file. The item cards, summary, picker, document
//! header and problems panel are every page's (`spacescore_ui::components`).

pub mod charts;
pub mod district;
pub mod downloads;
pub mod file_drop;
pub mod file_report;
pub mod progress;
pub mod results_table;
pub mod space_view;
