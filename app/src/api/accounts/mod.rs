//! Sign up, log in, log out, reset a password, who is signed in, and the language of the pages
//! before anyone is.

mod choose_language;
mod current_user;
mod log_in;
mod log_out;
mod request_password_reset;
mod reset_password;
mod session_policy;
mod sign_up;

pub use choose_language::{ChooseLanguage, choose_language};
pub use current_user::{CurrentUserQuery, current_user};
pub use log_in::{LogIn, log_in};
pub use log_out::{LogOut, log_out};
pub use request_password_reset::{RequestPasswordReset, request_password_reset};
pub use reset_password::{ResetPassword, reset_password};
pub use session_policy::{SessionPolicy, SessionPolicyQuery, session_policy};
pub use sign_up::{SignUp, sign_up};
