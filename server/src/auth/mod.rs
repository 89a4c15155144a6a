//! Accounts: password hashing, session tokens, and the `Accounts` port built from them.

mod accounts;
mod deletion;
mod export;
pub mod password;
mod password_screen;
pub mod tokens;
pub mod totp;
mod two_factor;

pub use accounts::AccountService;
