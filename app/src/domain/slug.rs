//! The readable part of a professional's booking link: `/book/dr-pat-payne`.

use serde::{Deserialize, Serialize};

pub const SLUG_MIN: usize = 3;
pub const SLUG_MAX: usize = 40;
/// Names that are pages under `/book/` themselves.
const RESERVED: [&str; 1] = ["confirm"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("link name too short")]
    TooShort,
    #[error("link name too long")]
    TooLong,
    /// Only a-z, 0-9 and single hyphens between them.
    #[error("link name has other characters")]
    BadCharacters,
    /// Another professional's link, now or before.
    #[error("link name taken")]
    Taken,
}

/// Lowercase letters, digits and single hyphens, 3 to 40 of them, starting and ending with a
/// letter or digit.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, SlugError> {
        let s = super::lowercase(raw.trim());
        if s.chars().count() < SLUG_MIN {
            return Err(SlugError::TooShort);
        }
        if s.chars().count() > SLUG_MAX {
            return Err(SlugError::TooLong);
        }
        let ok = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if !ok {
            return Err(SlugError::BadCharacters);
        }
        // `/book/confirm` is the page that confirms a held time
        if RESERVED.contains(&s.as_str()) {
            return Err(SlugError::Taken);
        }
        Ok(Self(s))
    }

    /// A link name made from a person's name: `Dr. Þóra Ásgeirsdóttir` → `dr-thora-asgeirsdottir`.
    pub fn from_name(name: &str) -> Self {
        let mut out = String::new();
        for c in super::lowercase(name).chars() {
            let folded = match c {
                'á' | 'à' | 'â' | 'ä' | 'å' | 'ã' => "a",
                'é' | 'è' | 'ê' | 'ë' => "e",
                'í' | 'ì' | 'î' | 'ï' => "i",
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => "o",
                'ú' | 'ù' | 'û' | 'ü' => "u",
                'ý' | 'ÿ' => "y",
                'ð' => "d",
                'þ' => "th",
                'æ' => "ae",
                'ß' => "ss",
                'ñ' => "n",
                'ç' => "c",
                c if c.is_ascii_alphanumeric() => {
                    out.push(c);
                    continue;
                }
                _ => "-",
            };
            out.push_str(folded);
        }
        let mut slug = String::new();
        for part in out.split('-').filter(|p| !p.is_empty()) {
            if slug.len() + part.len() + 1 > SLUG_MAX {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(part);
        }
        while slug.len() < SLUG_MIN {
            slug.push_str(if slug.is_empty() { "pro" } else { "-1" });
        }
        Self::parse(&slug).unwrap_or_else(|_| Self("professional".into()))
    }

    /// This name with `-n` after it (for when it is taken), still within the limit.
    pub fn numbered(&self, n: u32) -> Self {
        let suffix = format!("-{n}");
        let keep = SLUG_MAX - suffix.len();
        let base: String = self.0.chars().take(keep).collect();
        Self(format!("{}{suffix}", base.trim_end_matches('-')))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(value: String) -> Result<Self, SlugError> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_names_are_plain_and_made_from_names() {
        assert_eq!(Slug::parse(" Dr-Pat ").unwrap().as_str(), "dr-pat");
        assert_eq!(Slug::parse("ab"), Err(SlugError::TooShort));
        assert_eq!(Slug::parse(&"a".repeat(41)), Err(SlugError::TooLong));
        for bad in ["dr pat", "-pat", "pat-", "dr--pat", "dr/pat", "þóra"] {
            assert_eq!(Slug::parse(bad), Err(SlugError::BadCharacters), "{bad}");
        }
        assert_eq!(
            Slug::from_name("Dr. Þóra Ásgeirsdóttir").as_str(),
            "dr-thora-asgeirsdottir"
        );
        assert_eq!(Slug::from_name("李").as_str(), "pro");
        assert_eq!(Slug::parse("confirm"), Err(SlugError::Taken));
        assert_eq!(Slug::from_name("Confirm").as_str(), "professional");
        assert_eq!(Slug::from_name("Al").as_str(), "al-1");
        let long = Slug::from_name(&"word ".repeat(20));
        assert!(long.as_str().len() <= SLUG_MAX);
        assert_eq!(
            Slug::parse("dr-pat").unwrap().numbered(2).as_str(),
            "dr-pat-2"
        );
        assert!(long.numbered(12).as_str().len() <= SLUG_MAX);
        assert!(Slug::parse(long.numbered(12).as_str()).is_ok());
    }
}
