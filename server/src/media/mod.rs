//! Pictures people upload: checked, decoded and re-encoded before anything is stored or served.

pub mod picture;
pub mod routes;
mod service;

pub use service::PictureService;
