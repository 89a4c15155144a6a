//! The video sessions' SFU: one sans-IO core (`core`) that owns every participant's `Rtc`.

pub mod core;
pub mod peer;

pub use core::{JoinError, ROOM_CAPACITY, Seat, Sfu, Transmit};
