//! One file per route.

mod confirm_email;
mod forgot_password;
mod home;
mod login;
mod not_found;
mod payments;
mod profile;
mod reset_password;
mod services_panel;
mod sessions_panel;
mod signup;
mod terms;

pub use confirm_email::ConfirmEmailPage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use payments::PaymentsPage;
pub use profile::ProfilePage;
pub use reset_password::ResetPasswordPage;
pub use signup::SignUpPage;
pub use terms::TermsPage;

use crate::domain::{DisplayName, Email, Password, Problem};

pub(crate) fn check_name(raw: &str) -> Option<Problem> {
    DisplayName::parse(raw).err().map(Problem::from)
}
pub(crate) fn check_email(raw: &str) -> Option<Problem> {
    Email::parse(raw).err().map(Problem::from)
}
pub(crate) fn check_new_password(raw: &str) -> Option<Problem> {
    Password::parse(raw).err().map(Problem::from)
}
pub(crate) fn check_login_password(raw: &str) -> Option<Problem> {
    Password::for_login(raw).err().map(Problem::from)
}
