//! What the dashboard layout provides to every page inside it: the signed-in user, the data each
//! page loads, and app-wide signals. No views live here; pages and components read these, and
//! nothing here reads a component.

pub mod activity;
pub mod page_data;
pub mod practice;
pub mod user;
