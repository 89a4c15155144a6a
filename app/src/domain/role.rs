//! What an account is for: a client books sessions, a professional holds them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    #[default]
    Client,
    Professional,
}

impl Role {
    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Professional => "professional",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Role::Client, Role::Professional]
            .into_iter()
            .find(|r| r.code() == code)
    }
}
