//! The name a person wants to be called by.

use serde::{Deserialize, Serialize};

/// A person's name as they write it: trimmed, 1 to 100 characters, no control characters.
/// No other rules: names come in every shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DisplayName(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DisplayNameError {
    #[error("name is empty")]
    Empty,
    #[error("name is over 100 characters")]
    TooLong,
    #[error("name has control characters")]
    Unprintable,
}

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, DisplayNameError> {
        let s = raw.trim();
        if s.is_empty() {
            Err(DisplayNameError::Empty)
        } else if s.chars().count() > 100 {
            Err(DisplayNameError::TooLong)
        } else if s.chars().any(char::is_control) {
            Err(DisplayNameError::Unprintable)
        } else {
            Ok(Self(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first word that isn't a title: "Ada" for "Dr. Ada Lovelace"; the whole name if it is
    /// all titles. What a greeting uses when the person hasn't said what to call them.
    pub fn first_name(&self) -> &str {
        const TITLES: [&str; 12] = [
            "dr", "mr", "mrs", "ms", "mx", "prof", "sr", "fr", "rev", "sir", "dame", "séra",
        ];
        let is_title =
            |w: &&str| TITLES.contains(&super::lowercase(w.trim_end_matches('.')).as_str());
        self.0
            .split_whitespace()
            .find(|w| !is_title(w))
            .unwrap_or(&self.0)
    }
}

impl TryFrom<String> for DisplayName {
    type Error = DisplayNameError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<DisplayName> for String {
    fn from(value: DisplayName) -> Self {
        value.0
    }
}

impl std::fmt::Display for DisplayName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_greeting_skips_titles() {
        let first = |raw: &str| {
            super::DisplayName::parse(raw)
                .unwrap()
                .first_name()
                .to_owned()
        };
        assert_eq!(first("Dr. Ada Lovelace"), "Ada");
        assert_eq!(first("dr ada"), "ada");
        assert_eq!(first("Prof. Dr. Jón Jónsson"), "Jón");
        assert_eq!(first("Séra Guðrún"), "Guðrún");
        assert_eq!(first("Cher"), "Cher");
        assert_eq!(first("Dr."), "Dr.");
    }

    use super::*;

    #[test]
    fn trims_and_keeps_every_script() {
        assert_eq!(
            DisplayName::parse("  Þóra Björk ").unwrap().as_str(),
            "Þóra Björk"
        );
        assert!(DisplayName::parse("李小龙").is_ok());
        assert!(DisplayName::parse("O'Brien-Smith").is_ok());
    }

    #[test]
    fn refuses_empty_long_and_control() {
        assert_eq!(DisplayName::parse(" \t "), Err(DisplayNameError::Empty));
        assert_eq!(
            DisplayName::parse(&"a".repeat(101)),
            Err(DisplayNameError::TooLong)
        );
        assert!(DisplayName::parse(&"a".repeat(100)).is_ok());
        assert_eq!(
            DisplayName::parse("Ann\u{0}Smith"),
            Err(DisplayNameError::Unprintable)
        );
    }
}
