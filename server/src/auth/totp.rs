//! Time-based one-time passwords (RFC 6238, HMAC-SHA1 over 30-second steps, as every
//! authenticator app reads from an `otpauth://` QR code), sans IO: the caller gives the time and
//! the last step a code was used for, and stores the step this one used.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds each code lasts.
pub const STEP_SECS: i64 = 30;
/// Digits in a code.
pub const DIGITS: u32 = 6;
/// Steps either side of now that still count: a phone's clock may be half a minute off.
const DRIFT_STEPS: i64 = 1;
/// Bytes of secret: 160 bits, as RFC 4226 recommends.
pub const SECRET_LEN: usize = 20;

/// The step `unix_secs` falls in.
pub fn step_at(unix_secs: i64) -> i64 {
    unix_secs.div_euclid(STEP_SECS)
}

/// The `digits`-digit code for `step` (RFC 4226's HOTP with the step as its counter).
pub fn code_at(secret: &[u8], step: i64, digits: u32) -> u32 {
    let mut mac = Hmac::<Sha1>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let binary = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    binary % 10u32.pow(digits)
}

/// The step `code` (six digits, spaces allowed) was made for, if it is valid now and newer than
/// `last_used`, the step of the last code accepted: a code seen once is never taken again.
pub fn verify(secret: &[u8], code: &str, unix_secs: i64, last_used: Option<i64>) -> Option<i64> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != DIGITS as usize || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let wanted: u32 = digits.parse().ok()?;
    let now = step_at(unix_secs);
    // every candidate is computed, so the time taken doesn't tell which step matched
    let mut found = None;
    for step in now - DRIFT_STEPS..=now + DRIFT_STEPS {
        let matches = constant_eq(code_at(secret, step, DIGITS), wanted);
        if matches && last_used.is_none_or(|last| step > last) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

fn constant_eq(a: u32, b: u32) -> bool {
    use subtle::ConstantTimeEq;
    a.ct_eq(&b).into()
}

/// RFC 4648 base32 without padding: how the secret is typed into an app by hand and put in the
/// `otpauth://` link.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The link an authenticator app reads from the QR code.
pub fn otpauth_uri(issuer: &str, account: &str, secret: &[u8]) -> String {
    let enc = app::api::encode_path;
    format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        enc(issuer),
        enc(account),
        base32(secret),
        enc(issuer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    #[test]
    fn rfc_6238_sha1_vectors() {
        // RFC 6238, appendix B (SHA1 rows): time, eight-digit code
        for (time, code) in [
            (59, 94_287_082),
            (1_111_111_109, 7_081_804),
            (1_111_111_111, 14_050_471),
            (1_234_567_890, 89_005_924),
            (2_000_000_000, 69_279_037),
            (20_000_000_000, 65_353_130),
        ] {
            assert_eq!(code_at(RFC_SECRET, step_at(time), 8), code, "at {time}");
        }
    }

    #[test]
    fn a_code_counts_half_a_minute_either_side_and_only_once() {
        let t = 1_234_567_890;
        let code = format!("{:06}", code_at(RFC_SECRET, step_at(t), DIGITS));
        let step = verify(RFC_SECRET, &code, t, None).expect("valid now");
        assert_eq!(step, step_at(t));
        assert_eq!(verify(RFC_SECRET, &code, t + STEP_SECS, None), Some(step));
        assert_eq!(verify(RFC_SECRET, &code, t - STEP_SECS, None), Some(step));
        assert_eq!(verify(RFC_SECRET, &code, t + 3 * STEP_SECS, None), None);
        // replayed within its window: refused
        assert_eq!(verify(RFC_SECRET, &code, t + 5, Some(step)), None);
        // the next code is taken after it
        let next = format!("{:06}", code_at(RFC_SECRET, step + 1, DIGITS));
        assert_eq!(
            verify(RFC_SECRET, &next, t + STEP_SECS, Some(step)),
            Some(step + 1)
        );
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(verify(RFC_SECRET, &spaced, t, None), Some(step));
        for bad in ["", "12345", "1234567", "abcdef", "12345a"] {
            assert_eq!(verify(RFC_SECRET, bad, t, None), None, "{bad:?}");
        }
    }

    #[test]
    fn base32_as_rfc_4648() {
        for (raw, encoded) in [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(base32(raw.as_bytes()), encoded);
        }
        assert_eq!(base32(RFC_SECRET), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
