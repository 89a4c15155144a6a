//! The browser's side of a video room: what the room's page shows (`call_state`, on both sides),
//! and, in the browser only (web-sys): camera and microphone, the level meter, the peer
//! connection to our SFU, and the controller that ties them to the page's `CallState`.

#[cfg(feature = "hydrate")]
mod call;
pub mod call_state;
#[cfg(feature = "hydrate")]
pub mod controller;
#[cfg(feature = "hydrate")]
mod devices;
#[cfg(feature = "hydrate")]
mod meter;
#[cfg(feature = "hydrate")]
mod storage;
