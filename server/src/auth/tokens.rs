//! Session tokens: 256 random bits for the cookie, and the SHA-256 we store instead of the token.

use app::ports::SessionToken;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 256 random bits, hex-encoded: for cookies and emailed links.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn new_token() -> SessionToken {
    SessionToken::new(random_token())
}

/// The stored form. A fast hash is right here: the token already has 256 bits of entropy.
pub fn hash_of(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn token_hash(token: &SessionToken) -> String {
    hash_of(token.expose())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hash_differs_from_token() {
        let a = new_token();
        let b = new_token();
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.expose().len(), 64);
        assert_ne!(token_hash(&a), a.expose());
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
