//! New passwords: length is the only rule (NIST SP 800-63B), and the value never prints.

use secrecy::{ExposeSecret, SecretString};

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A password a person chose: 12 to 128 characters, any characters, no composition rules.
/// `Debug` shows `[REDACTED]`; there is deliberately no `Display` and no `Serialize`.
#[derive(Clone, Debug)]
pub struct Password(SecretString);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("password is empty")]
    Empty,
    #[error("password is under 12 characters")]
    TooShort,
    #[error("password is over 128 characters")]
    TooLong,
    /// On lists of leaked and common passwords: the first ones an attacker tries. Checked by the
    /// server only (the list stays out of the browser).
    #[error("password is on the common-password list")]
    Common,
    /// Built from the person's name or email, or this service's name.
    #[error("password contains a guessable word")]
    Guessable,
}

impl Password {
    /// Rules for a password being set. Not trimmed: spaces are legitimate characters.
    pub fn parse(raw: &str) -> Result<Self, PasswordError> {
        let n = raw.chars().count();
        if n == 0 {
            Err(PasswordError::Empty)
        } else if n < PASSWORD_MIN_CHARS {
            Err(PasswordError::TooShort)
        } else if n > PASSWORD_MAX_CHARS {
            Err(PasswordError::TooLong)
        } else {
            Ok(Self(SecretString::from(raw.to_owned())))
        }
    }

    /// A password typed at log-in: only emptiness and an upper bound (so nobody can make us hash a
    /// megabyte); the length rule is not re-applied to accounts that may predate it.
    pub fn for_login(raw: &str) -> Result<Self, PasswordError> {
        if raw.is_empty() {
            Err(PasswordError::Empty)
        } else if raw.chars().count() > PASSWORD_MAX_CHARS {
            Err(PasswordError::TooLong)
        } else {
            Ok(Self(SecretString::from(raw.to_owned())))
        }
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_the_only_rule() {
        assert_eq!(Password::parse("").unwrap_err(), PasswordError::Empty);
        assert_eq!(
            Password::parse("elevenchars").unwrap_err(),
            PasswordError::TooShort
        );
        assert!(Password::parse("twelve chars").is_ok());
        assert!(Password::parse("aaaaaaaaaaaa").is_ok());
        assert!(Password::parse(&"x".repeat(128)).is_ok());
        assert_eq!(
            Password::parse(&"x".repeat(129)).unwrap_err(),
            PasswordError::TooLong
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 12 characters, 24 bytes
        assert!(Password::parse("ðððððððððððð").is_ok());
        // 11 characters, 22 bytes
        assert_eq!(
            Password::parse("ððððððððððð").unwrap_err(),
            PasswordError::TooShort
        );
    }

    #[test]
    fn never_prints() {
        let p = Password::parse("correct horse battery").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
        assert_eq!(p.expose(), "correct horse battery");
    }

    #[test]
    fn login_accepts_short_but_not_empty() {
        assert!(Password::for_login("short").is_ok());
        assert!(Password::for_login("").is_err());
    }
}
