//! Two-step log-in for the `Accounts` port: checking a code (from the app or a recovery code)
//! against what the database keeps, setting an app up, and the challenge a right password leaves
//! when a code is still to come.

use super::tokens::{hash_of, new_token, token_hash};
use super::totp;
use crate::db::{self, Db, DbError};
use app::domain::{LoginCode, QrImage, RECOVERY_CODES, TwoFactorSetup, UserId};
use app::ports::SessionToken;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;

/// How long a right password waits for its code.
pub const CHALLENGE_FOR: Duration = Duration::minutes(5);

/// Whether `code` is right for `user` now, using it up if so (a step of the app's codes, or one
/// recovery code): `false` for a wrong, replayed or unusable code, or when two-step log-in is off.
pub async fn take_code(
    db: &Db,
    user: &UserId,
    code: &LoginCode,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let Some(auth) = db::two_factor::get(db, user).await? else {
        return Ok(false);
    };
    if !auth.on() {
        return Ok(false);
    }
    match code {
        LoginCode::App(digits) => {
            let secret = hex::decode(&auth.secret).map_err(|e| DbError::Data(e.to_string()))?;
            match totp::verify(&secret, digits, now.timestamp(), auth.last_step) {
                Some(step) => db::two_factor::take_step(db, user, step).await,
                None => Ok(false),
            }
        }
        LoginCode::Recovery(typed) => {
            db::two_factor::take_recovery(db, user, &hash_of(typed)).await
        }
    }
}

/// Whether `user` logs in with a code after the password.
pub async fn is_on(db: &Db, user: &UserId) -> Result<bool, DbError> {
    Ok(db::two_factor::get(db, user).await?.is_some_and(|a| a.on()))
}

/// A new secret for `user`'s app, replacing a set-up not finished; `None` when it is on.
pub async fn begin(
    db: &Db,
    user: &UserId,
    issuer: &str,
    account: &str,
) -> Result<Option<TwoFactorSetup>, DbError> {
    let mut secret = [0u8; totp::SECRET_LEN];
    rand::rng().fill_bytes(&mut secret);
    if !db::two_factor::begin(db, user, &hex::encode(secret)).await? {
        return Ok(None);
    }
    setup_of(&secret, issuer, account).map(Some)
}

/// What an app is set up from: the QR code of the `otpauth://` link, and the key as text.
pub fn setup_of(secret: &[u8], issuer: &str, account: &str) -> Result<TwoFactorSetup, DbError> {
    let uri = totp::otpauth_uri(issuer, account, secret);
    let key = totp::base32(secret)
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(TwoFactorSetup {
        key,
        qr: qr_image(&uri).map_err(|e| DbError::Data(e.to_string()))?,
    })
}

/// Turns it on if `code` is the app's code now for the secret being set up; the recovery codes
/// (as people read them), or `None` for a wrong code or no set-up under way.
pub async fn enable(
    db: &Db,
    user: &UserId,
    code: &LoginCode,
    notice: crate::mail::Mail,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, DbError> {
    let (Some(auth), LoginCode::App(digits)) = (db::two_factor::get(db, user).await?, code) else {
        return Ok(None);
    };
    if auth.on() {
        return Ok(None);
    }
    let secret = hex::decode(&auth.secret).map_err(|e| DbError::Data(e.to_string()))?;
    let Some(step) = totp::verify(&secret, digits, now.timestamp(), None) else {
        return Ok(None);
    };
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let hashes = codes.iter().map(|c| hash_of(&c.replace('-', ""))).collect();
    Ok(db::two_factor::enable(db, user, step, hashes, notice, now)
        .await?
        .then_some(codes))
}

/// A right password for `user`, waiting for its code: the challenge's token.
pub async fn challenge(
    db: &Db,
    user: &UserId,
    now: DateTime<Utc>,
) -> Result<SessionToken, DbError> {
    let token = new_token();
    db::two_factor::create_challenge(db, &token_hash(&token), user, now + CHALLENGE_FOR).await?;
    Ok(token)
}

/// Twelve lowercase letters and digits, shown in three groups of four (60 bits).
fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 12];
    rand::rng().fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// `text` as a QR code: the path of its dark modules, with the standard four-module quiet zone.
fn qr_image(text: &str) -> Result<QrImage, qrcode::types::QrError> {
    use std::fmt::Write;
    const QUIET: usize = 4;
    let code = qrcode::QrCode::new(text.as_bytes())?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    // each run of dark modules in a row is one rectangle
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] != qrcode::Color::Dark {
                x += 1;
                continue;
            }
            let run = row[x..]
                .iter()
                .take_while(|c| **c == qrcode::Color::Dark)
                .count();
            let _ = write!(path, "M{} {}h{run}v1h-{run}z", x + QUIET, y + QUIET);
            x += run;
        }
    }
    Ok(QrImage {
        size: u32::try_from(width + 2 * QUIET).unwrap_or(u32::MAX),
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_read_as_three_groups_and_differ() {
        let a = recovery_code();
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        assert!(LoginCode::parse(&a).is_ok_and(|c| matches!(c, LoginCode::Recovery(_))));
        assert_ne!(a, recovery_code());
    }

    #[test]
    fn a_qr_code_is_a_square_of_dark_modules_inside_its_quiet_zone() {
        let qr = qr_image("otpauth://totp/Tandem:ann%40example.com?secret=ABC").unwrap();
        assert!(qr.size >= 21 + 8);
        // the top-left finder pattern starts with a row of seven dark modules
        assert!(qr.path.starts_with("M4 4h7v1h-7z"), "{}", qr.path);
    }
}
