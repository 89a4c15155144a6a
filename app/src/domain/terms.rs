//! The Terms & Conditions: the version in force (published from configuration), and what a user
//! accepted (a ledger entry per version, see `DataExport`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The first version, in force unless configuration publishes a later one.
pub const TERMS_VERSION: &str = "2026-11-24";

/// The version people must have accepted to use their account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsInForce {
    /// The day it was published, which also names the version (`2026-11-24`).
    pub published: NaiveDate,
    /// What changed since the version before, in the operator's words; none for the first.
    pub changes: Option<String>,
}

impl TermsInForce {
    /// The version every account starts on.
    pub fn first() -> Self {
        Self {
            published: NaiveDate::parse_from_str(TERMS_VERSION, "%Y-%m-%d")
                .expect("TERMS_VERSION is a date"),
            changes: None,
        }
    }

    /// A version published on `published` (`YYYY-MM-DD`); `None` for anything else.
    pub fn published_on(published: &str, changes: Option<String>) -> Option<Self> {
        let published = NaiveDate::parse_from_str(published.trim(), "%Y-%m-%d").ok()?;
        let changes = changes
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        Some(Self { published, changes })
    }

    /// How the version is stored with each acceptance.
    pub fn version(&self) -> String {
        self.published.format("%Y-%m-%d").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_its_publication_day() {
        assert_eq!(TermsInForce::first().version(), TERMS_VERSION);
        let next =
            TermsInForce::published_on(" 2027-01-15 ", Some(" Cancellation within 24 h. ".into()))
                .unwrap();
        assert_eq!(next.version(), "2027-01-15");
        assert_eq!(next.changes.as_deref(), Some("Cancellation within 24 h."));
        assert_eq!(
            TermsInForce::published_on("2027-01-15", Some("  ".into()))
                .unwrap()
                .changes,
            None
        );
        assert_eq!(TermsInForce::published_on("January", None), None);
        assert_eq!(TermsInForce::published_on("2027-02-30", None), None);
    }
}
