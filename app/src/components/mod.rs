//! Reusable view pieces.

pub mod agenda;
pub mod auth_card;
#[cfg(feature = "hydrate")]
pub mod browser;
pub mod form;
pub mod idle_guard;
pub mod layout;
pub mod page_data;
pub mod picture_form;
pub mod practice;
pub mod text_area;
pub mod video_session;
pub mod waiting_clients;
