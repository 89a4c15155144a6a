//! The video sessions' SFU: one sans-IO core (`core`) that owns every participant's `Rtc`, the
//! thread that gives it a UDP socket (`udp`), and who may join which room (`signaling`).

pub mod core;
/// A synthetic participant for tests and the benchmark: never in a release build.
#[cfg(feature = "test-support")]
pub mod peer;
pub mod signaling;
pub mod udp;

pub use core::{JoinError, ROOM_CAPACITY, Seat, Sfu, Transmit};
pub use udp::{SfuError, SfuHandle};
