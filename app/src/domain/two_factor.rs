//! Two-step log-in: a code from an authenticator app (TOTP) after the password, or one of the
//! single-use recovery codes given when it was turned on.

use serde::{Deserialize, Serialize};

/// How many recovery codes are given when two-step log-in is turned on.
pub const RECOVERY_CODES: usize = 10;

/// Where a person stands with two-step log-in, for My profile.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    pub on: bool,
    /// Their role must have it (professionals, HR admins): it can be set up again, not turned off.
    pub required: bool,
    /// Recovery codes not used yet.
    pub recovery_left: u32,
    /// A set-up under way (an app to scan it, a code still to come), while it is off.
    pub setup: Option<TwoFactorSetup>,
    /// Recovery codes just made, when turning it on was a plain form post (no JavaScript), so
    /// its answer never reached a page: shown this once.
    #[serde(default)]
    pub fresh_codes: Vec<String>,
}

/// What an authenticator app needs to be set up: a QR code, and the same key as text to type in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorSetup {
    /// The secret in base32, in groups of four for reading.
    pub key: String,
    pub qr: QrImage,
}

/// A QR code as one SVG path of its dark modules, on a `size` × `size` grid (quiet zone included).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrImage {
    pub size: u32,
    pub path: String,
}

/// What was typed where a code is asked for: six digits from the app, or a recovery code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoginCode {
    App(String),
    Recovery(String),
}

/// Why a typed code can't be one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("enter the code")]
    Empty,
    #[error("a code is six digits, or a recovery code")]
    Format,
}

impl LoginCode {
    /// Spaces and dashes are ignored; six digits are the app's code, twelve letters and digits
    /// a recovery code (any case).
    pub fn parse(raw: &str) -> Result<Self, CodeError> {
        let kept: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if kept.is_empty() {
            return Err(CodeError::Empty);
        }
        if kept.len() == 6 && kept.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Self::App(kept));
        }
        if kept.len() == 12 && kept.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Ok(Self::Recovery(kept.to_ascii_lowercase()));
        }
        Err(CodeError::Format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_as_people_type_them() {
        assert_eq!(
            LoginCode::parse(" 123 456 "),
            Ok(LoginCode::App("123456".into()))
        );
        assert_eq!(
            LoginCode::parse("ABCD-efgh-2345"),
            Ok(LoginCode::Recovery("abcdefgh2345".into()))
        );
        assert_eq!(LoginCode::parse("  "), Err(CodeError::Empty));
        for bad in [
            "12345",
            "1234567",
            "abcdef",
            "abcd-efgh-234",
            "abcd-efgh-23!5",
        ] {
            assert_eq!(LoginCode::parse(bad), Err(CodeError::Format), "{bad}");
        }
    }
}
