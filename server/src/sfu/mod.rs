//! The SFU that carries a room's media: one sans-IO core (`core`) that owns every participant's
//! `Rtc`, and the thread that gives it a UDP socket (`udp`). Who may join which room is the
//! `Rooms` port's business (`crate::rooms`); this is media only.

pub mod core;
/// A synthetic participant for tests and the benchmark: never in a release build.
#[cfg(feature = "test-support")]
pub mod peer;
pub mod udp;

pub use core::{JoinError, ROOM_CAPACITY, Seat, Sfu, Transmit};
pub use udp::{SfuError, SfuHandle};
