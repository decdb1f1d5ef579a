//! The self-check page's own components, one per file. What it shares with the district page
//! (item cards, summary, picker, document header…) is `spacescore_ui::components`.

pub mod app;
pub mod applicant_field;
pub mod fatal;
pub mod landing;
pub mod notices;
pub mod print_view;
pub mod toolbar;
