//! SEC-03: passwords people commonly use, and words anyone would guess, are refused whenever a
//! password is set (sign-up, change, reset). Length is checked before, by `Password::parse`.

use app::domain::{DisplayName, Email, Password, PasswordError};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Lower-cased; see `server/data/README.md` for where it comes from.
static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.is_empty())
        .collect()
});

/// Words tied to this service that a guesser would try first.
const SERVICE_WORDS: &[&str] = &[
    "tandem",
    "therapy",
    "therapist",
    "counselling",
    "counseling",
    "wellbeing",
];

/// Parts of a name or address shorter than this are too common inside ordinary words to refuse.
const MIN_PERSONAL_WORD: usize = 5;

pub fn screen(password: &Password, name: &DisplayName, email: &Email) -> Result<(), PasswordError> {
    let lower = password.expose().to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return Err(PasswordError::Common);
    }
    // "Tandem-2025!" and "t.a.n.d.e.m" hide the same word
    let squeezed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
    let email_local = email.key();
    let email_local = email_local.split('@').next().unwrap_or_default().to_owned();
    let name = name.as_str().to_lowercase();
    let personal = name
        .split(|c: char| !c.is_alphanumeric())
        .chain(email_local.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= MIN_PERSONAL_WORD);
    let guessable = SERVICE_WORDS
        .iter()
        .copied()
        .chain(personal)
        .any(|w| squeezed.contains(w));
    if guessable {
        return Err(PasswordError::Guessable);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str, name: &str, email: &str) -> Result<(), PasswordError> {
        screen(
            &Password::parse(password).unwrap(),
            &DisplayName::parse(name).unwrap(),
            &Email::parse(email).unwrap(),
        )
    }

    #[test]
    fn the_list_is_loaded_and_lower_case() {
        assert!(COMMON.len() > 40_000);
        assert!(COMMON.iter().all(|p| p.chars().count() >= 12));
        assert!(COMMON.iter().all(|p| *p == p.to_lowercase()));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for p in [
            "password1234",
            "PASSWORD1234",
            "qwertyuiopas",
            "1q2w3e4r5t6y",
        ] {
            assert_eq!(
                check(p, "Ann", "ann@example.com"),
                Err(PasswordError::Common),
                "{p}"
            );
        }
    }

    #[test]
    fn the_service_and_the_persons_own_words_are_refused() {
        assert_eq!(
            check("Tandem2025!!", "Ann", "ann@example.com"),
            Err(PasswordError::Guessable)
        );
        assert_eq!(
            check("my t-h-e-r-a-p-y 2025", "Ann", "ann@example.com"),
            Err(PasswordError::Guessable)
        );
        assert_eq!(
            check("Jonsdottir1985!", "Þóra Jonsdottir", "thora@example.com"),
            Err(PasswordError::Guessable)
        );
        assert_eq!(
            check("xx-margret-xx-99", "M. K.", "margret.k@example.com"),
            Err(PasswordError::Guessable)
        );
    }

    #[test]
    fn ordinary_passphrases_pass() {
        for p in [
            "a long enough passphrase",
            "correct horse battery staple",
            "Ann likes green tea at noon",
        ] {
            assert_eq!(check(p, "Ann Lee", "ann@example.com"), Ok(()), "{p}");
        }
        // short name parts are not words to refuse: "Hal Pass" may use "passphrase"
        assert_eq!(
            check("a long enough passphrase", "Hal Pass", "hal@example.com"),
            Ok(())
        );
    }
}
