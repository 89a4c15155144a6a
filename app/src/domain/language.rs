//! The languages the product speaks. Pages, messages and emails follow the person's choice.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    En,
    Is,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("unsupported language")]
pub struct LanguageError;

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Is];

    /// The BCP 47 code, as stored, sent in forms and put in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Is => "is",
        }
    }

    /// The language's name in itself, as a language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Is => "Íslenska",
        }
    }

    /// Exactly one of our codes.
    pub fn parse(code: &str) -> Result<Self, LanguageError> {
        Self::ALL
            .into_iter()
            .find(|l| l.code() == code.trim())
            .ok_or(LanguageError)
    }

    /// A language tag such as `is-IS` or `en_GB`: matched by its primary subtag.
    fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::parse(&primary).ok()
    }

    /// The best of ours for an `Accept-Language` header, honouring its q-values.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, usize, Language)> = None;
        for (i, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Self::from_tag) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            // higher q wins; on a tie, the one listed first
            if best.is_none_or(|(bq, bi, _)| q > bq || (q == bq && i < bi)) {
                best = Some((q, i, lang));
            }
        }
        best.map(|(_, _, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Ok(l));
        }
        assert!(Language::parse("de").is_err());
        assert!(Language::parse("").is_err());
    }

    #[test]
    fn accept_language_picks_the_preferred_supported_one() {
        assert_eq!(
            Language::from_accept_language("is-IS,is;q=0.9,en;q=0.8"),
            Some(Language::Is)
        );
        assert_eq!(
            Language::from_accept_language("de-DE, en-GB;q=0.7, is;q=0.9"),
            Some(Language::Is)
        );
        assert_eq!(
            Language::from_accept_language("en-US,en;q=0.9"),
            Some(Language::En)
        );
        assert_eq!(Language::from_accept_language("de, fr;q=0.5"), None);
        assert_eq!(
            Language::from_accept_language("is;q=0, en"),
            Some(Language::En)
        );
        assert_eq!(Language::from_accept_language(""), None);
    }
}
