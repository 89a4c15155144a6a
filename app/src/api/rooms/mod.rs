//! Entering and leaving a booking's video room: the browser's offer in, the SFU's answer out.

mod join_room;
mod leave_room;
mod room_heartbeat;
mod waiting_clients;

pub use join_room::{JoinRoom, join_room};
pub use leave_room::{LeaveRoom, leave_room};
pub use room_heartbeat::{RoomHeartbeat, room_heartbeat};
pub use waiting_clients::{WaitingClients, waiting_clients};
