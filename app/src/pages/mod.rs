//! One file per route.

mod appointment;
mod confirm_email;
mod connections;
mod forgot_password;
mod home;
mod join;
mod login;
mod not_found;
mod notifications;
mod payments;
mod profile;
mod receipt;
mod reset_password;
mod room;
mod signup;
mod terms;

pub use appointment::AppointmentPage;
pub use confirm_email::ConfirmEmailPage;
pub use connections::ConnectionsPage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use join::JoinPage;
pub use login::LoginPage;
pub use not_found::NotFoundPage;
pub use notifications::NotificationsPage;
pub use payments::PaymentsPage;
pub use profile::ProfilePage;
pub use receipt::ReceiptPage;
pub use reset_password::ResetPasswordPage;
pub use room::RoomPage;
pub use signup::SignUpPage;
pub use terms::TermsPage;
