//! The district page's components, one per file. The item cards, summary, picker and
//! document header are the self-check page's own (`spacescore_web::components`).

pub mod district;
pub mod downloads;
pub mod file_drop;
pub mod file_report;
pub mod results_table;
pub mod space_view;
