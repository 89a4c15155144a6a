//! Reusable view pieces.

#[cfg(feature = "hydrate")]
pub mod browser;
pub mod form;
pub mod layout;
