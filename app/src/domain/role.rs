//! What an account is for: a client books sessions, a professional holds them, an HR admin runs
//! their company's Wellbeing Hub.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    #[default]
    Client,
    Professional,
    /// Runs a company's Wellbeing Hub; never books or holds sessions.
    HrAdmin,
}

impl Role {
    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Professional => "professional",
            Role::HrAdmin => "hr_admin",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Role::Client, Role::Professional, Role::HrAdmin]
            .into_iter()
            .find(|r| r.code() == code)
    }
}
