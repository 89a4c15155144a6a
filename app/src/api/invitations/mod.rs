//! The emailed join link: what it leads to, and making the account it was sent to.

mod accept_invitation;
mod open_invitation;

pub use accept_invitation::{AcceptInvitation, accept_invitation};
pub use open_invitation::{OpenInvitation, open_invitation};
