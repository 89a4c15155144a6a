//! The Terms & Conditions in force; a user's acceptance records this version.

/// Bump when the Terms page changes materially; acceptance is stored with the version accepted.
pub const TERMS_VERSION: &str = "2026-11-24";
/// Shown on the Terms page.
pub const TERMS_UPDATED: &str = "24 November 2026";
