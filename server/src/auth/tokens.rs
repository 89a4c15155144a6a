//! Session tokens: 256 random bits for the cookie, and the SHA-256 we store instead of the token.

use app::ports::SessionToken;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub fn new_token() -> SessionToken {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    SessionToken::new(hex::encode(bytes))
}

/// The stored form. A fast hash is right here: the token already has 256 bits of entropy.
pub fn token_hash(token: &SessionToken) -> String {
    hex::encode(Sha256::digest(token.expose().as_bytes()))
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
