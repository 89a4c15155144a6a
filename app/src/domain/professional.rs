//! A professional's public profile: what clients see of them before and after booking.

use super::Person;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("title is over 80 characters")]
    TitleTooLong,
    #[error("bio is over 1000 characters")]
    BioTooLong,
    #[error("more than 10 languages")]
    TooManyLanguages,
    #[error("a language is over 40 characters")]
    LanguageTooLong,
    #[error("control characters")]
    Unprintable,
}

fn bounded(
    raw: &str,
    max: usize,
    too_long: ProfileError,
    multiline: bool,
) -> Result<Option<String>, ProfileError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > max {
        return Err(too_long);
    }
    if s.chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r')))
    {
        return Err(ProfileError::Unprintable);
    }
    Ok(Some(s.replace("\r\n", "\n")))
}

/// What they are, e.g. "Clinical psychologist". Optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalTitle(String);

impl ProfessionalTitle {
    /// `None` for an empty field.
    pub fn parse(raw: &str) -> Result<Option<Self>, ProfileError> {
        Ok(bounded(raw, 80, ProfileError::TitleTooLong, false)?.map(Self))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A few paragraphs about how they work. Optional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bio(String);

impl Bio {
    pub fn parse(raw: &str) -> Result<Option<Self>, ProfileError> {
        Ok(bounded(raw, 1000, ProfileError::BioTooLong, true)?.map(Self))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The languages they hold sessions in, as they name them ("English, Icelandic").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpokenLanguages(Vec<String>);

impl SpokenLanguages {
    /// Comma-separated; blanks and repeats dropped.
    pub fn parse(raw: &str) -> Result<Self, ProfileError> {
        let mut out: Vec<String> = Vec::new();
        for part in raw.split(',') {
            let Some(lang) = bounded(part, 40, ProfileError::LanguageTooLong, false)? else {
                continue;
            };
            if !out.iter().any(|l| l.eq_ignore_ascii_case(&lang)) {
                out.push(lang);
            }
        }
        if out.len() > 10 {
            return Err(ProfileError::TooManyLanguages);
        }
        Ok(Self(out))
    }

    pub fn from_stored(list: Vec<String>) -> Self {
        Self(list)
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// As typed into the form.
    pub fn joined(&self) -> String {
        self.0.join(", ")
    }
}

/// Everything a client may see of a professional.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfessionalProfile {
    pub person: Person,
    pub title: Option<ProfessionalTitle>,
    pub bio: Option<Bio>,
    pub languages: SpokenLanguages,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_none_and_limits_hold() {
        assert_eq!(ProfessionalTitle::parse("  "), Ok(None));
        assert_eq!(
            ProfessionalTitle::parse(" Psychologist ")
                .unwrap()
                .unwrap()
                .as_str(),
            "Psychologist"
        );
        assert_eq!(
            ProfessionalTitle::parse(&"x".repeat(81)),
            Err(ProfileError::TitleTooLong)
        );
        assert_eq!(
            Bio::parse("Line one\r\nLine two")
                .unwrap()
                .unwrap()
                .as_str(),
            "Line one\nLine two"
        );
        assert_eq!(Bio::parse("a\u{7}b"), Err(ProfileError::Unprintable));
    }

    #[test]
    fn languages_are_a_tidy_list() {
        let l = SpokenLanguages::parse("English, icelandic,, English ,Icelandic").unwrap();
        assert_eq!(l.as_slice(), ["English", "icelandic"]);
        assert_eq!(l.joined(), "English, icelandic");
        let many = (0..11)
            .map(|i| format!("L{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            SpokenLanguages::parse(&many),
            Err(ProfileError::TooManyLanguages)
        );
    }
}
