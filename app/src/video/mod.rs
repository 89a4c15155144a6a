//! The browser's side of a video session (hydrate only), on web-sys: camera and microphone, the
//! level meter, the peer connection to our SFU, and the controller that ties them to the page's
//! `CallState`.

mod call;
pub mod controller;
mod devices;
mod meter;
mod storage;
