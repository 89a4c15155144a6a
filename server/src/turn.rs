//! Relays for media through firewalls: credentials for a TURN server (coturn) in the TURN
//! REST-API scheme. The relay and we share a secret; for each join we give the browser a user
//! name that carries its own expiry and a password derived from both, which the relay checks
//! without asking us. A leaked credential stops working when it expires.

use app::domain::{IceServer, UserId};
use base64::Engine;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha1::Sha1;

/// `TANDEM_TURN_URLS`, `TANDEM_TURN_SECRET`, `TANDEM_TURN_TTL_SECS`.
#[derive(Clone, Debug)]
pub struct TurnConfig {
    /// What the browser is told, e.g. `turn:turn.example:3478?transport=udp`,
    /// `turn:turn.example:3478?transport=tcp`, `turns:turn.example:5349?transport=tcp`.
    pub urls: Vec<String>,
    /// coturn's `static-auth-secret`.
    pub secret: SecretString,
    /// How long a credential works: longer than any session, since the relay checks it again
    /// whenever the browser refreshes its allocation (every few minutes).
    pub ttl_secs: u64,
}

/// Twelve hours.
pub const DEFAULT_TTL_SECS: u64 = 12 * 3600;

impl TurnConfig {
    /// The URLs as configured: `turn:` or `turns:` each, at least one.
    pub fn parse_urls(raw: &str) -> Result<Vec<String>, String> {
        let urls: Vec<String> = raw
            .split(',')
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_owned)
            .collect();
        if urls.is_empty() {
            return Err("no URL given".into());
        }
        match urls
            .iter()
            .find(|u| !(u.starts_with("turn:") || u.starts_with("turns:")))
        {
            Some(bad) => Err(format!("{bad:?} is not a turn: or turns: URL")),
            None => Ok(urls),
        }
    }

    /// The relay entry for `user`, valid from `now` for the configured time.
    pub fn ice_server(&self, user: &UserId, now: DateTime<Utc>) -> IceServer {
        let expires = now.timestamp() + i64::try_from(self.ttl_secs).unwrap_or(i64::MAX / 2);
        let username = format!("{expires}:{}", user.as_str());
        IceServer {
            urls: self.urls.clone(),
            credential: credential(&self.secret, &username),
            username,
        }
    }
}

/// Base64 of HMAC-SHA1(secret, user name): the password coturn expects with `use-auth-secret`.
pub fn credential(secret: &SecretString, username: &str) -> String {
    // HMAC takes a key of any length
    let mut mac = Hmac::<Sha1>::new_from_slice(secret.expose_secret().as_bytes())
        .expect("HMAC takes any key length");
    mac.update(username.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_the_rest_api_hmac_of_the_user_name() {
        // computed independently: printf '1700000000:alice' | openssl dgst -sha1 -hmac
        // 'north' -binary | base64
        assert_eq!(
            credential(&SecretString::from("north"), "1700000000:alice"),
            "Cd/49soE35ICqcJF/bCTn8Z4OyE="
        );
    }

    #[test]
    fn a_credential_names_its_expiry_and_its_user() {
        let config = TurnConfig {
            urls: vec!["turn:127.0.0.1:3479?transport=udp".into()],
            secret: SecretString::from("north"),
            ttl_secs: 600,
        };
        let user = UserId::new("u1");
        let now = DateTime::parse_from_rfc3339("2031-06-02T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let server = config.ice_server(&user, now);
        assert_eq!(server.username, format!("{}:u1", now.timestamp() + 600));
        assert_eq!(
            server.credential,
            credential(&config.secret, &server.username)
        );
        assert_eq!(server.urls, config.urls);
    }

    #[test]
    fn only_turn_urls_are_taken() {
        assert_eq!(
            TurnConfig::parse_urls(" turn:a:3478?transport=udp, turns:a:5349 ").unwrap(),
            vec!["turn:a:3478?transport=udp", "turns:a:5349"]
        );
        assert!(TurnConfig::parse_urls("").is_err());
        assert!(TurnConfig::parse_urls("http://a").is_err());
    }
}
