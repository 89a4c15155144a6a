//! Server functions, one file per action, grouped by area; plus the error every one of them returns.

pub mod accounts;
pub mod appointments;
pub mod bookings;
pub mod directory;
mod error;
pub mod invitations;
pub mod language;
pub mod notifications;
pub mod profile;
pub mod services;
#[cfg(feature = "ssr")]
pub mod session;
pub mod sessions;

pub use error::{ApiError, Refusal};

/// Where to go after logging in: only a path on this site, so a crafted link can't bounce a fresh
/// session to another origin.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/payments")), "/payments");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
