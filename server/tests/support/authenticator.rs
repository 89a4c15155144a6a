//! What an authenticator app does with the key My profile shows: the code of the moment.

/// Reads the key as shown (base32 in groups of four).
fn secret(key: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in key.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let value = ALPHABET.iter().position(|a| *a == c).expect("a base32 key") as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

/// The six-digit code the app shows at `at`.
pub fn code(key: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    use server::auth::totp;
    format!(
        "{:06}",
        totp::code_at(&secret(key), totp::step_at(at.timestamp()), totp::DIGITS)
    )
}
