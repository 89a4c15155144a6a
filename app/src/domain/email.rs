//! Email addresses as people type them, plus the case-insensitive key we compare them by.

use serde::{Deserialize, Serialize};

/// A syntactically plausible email address, trimmed, at most 254 characters.
///
/// We check the shape a person can get wrong (missing `@`, spaces, no dot in the domain); whether the
/// mailbox exists is proven later by a link sent to it, never by a regex.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("email is empty")]
    Empty,
    #[error("email is over 254 characters")]
    TooLong,
    #[error("email is malformed")]
    Malformed,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let (local, domain) = s.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.chars().count() <= 64
            && !local.contains('@')
            && !local.chars().any(|c| c.is_whitespace() || c.is_control());
        if !(domain_ok && local_ok) {
            return Err(EmailError::Malformed);
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form we store uniqueness by: mail providers treat addresses case-insensitively in practice,
    /// so `Ann@Example.com` and `ann@example.com` are one account.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_trims() {
        let e = Email::parse("  Ann.Smith+work@Example.co.uk ").unwrap();
        assert_eq!(e.as_str(), "Ann.Smith+work@Example.co.uk");
        assert_eq!(e.key(), "ann.smith+work@example.co.uk");
        assert!(Email::parse("jón@dæmi.is").is_ok());
    }

    #[test]
    fn refuses_what_people_get_wrong() {
        assert_eq!(Email::parse("   "), Err(EmailError::Empty));
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann smith@example.com",
            "ann@exa mple.com",
            "ann@.example.com",
            "ann@example..com",
            "ann@example.com.",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
    }

    #[test]
    fn refuses_overlong() {
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert_eq!(Email::parse(&long_local), Err(EmailError::Malformed));
    }

    #[test]
    fn deserializing_runs_the_same_rules() {
        let ok: Result<Email, _> = serde_json::from_str("\"a@b.io\"");
        assert!(ok.is_ok());
        let bad: Result<Email, _> = serde_json::from_str("\"nope\"");
        assert!(bad.is_err());
    }
}
