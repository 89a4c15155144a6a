//! Server functions, one file per action, grouped by area; plus the error every one of them returns.

pub mod accounts;
pub mod bookings;
pub mod codes_once;
pub mod directory;
#[cfg(feature = "ssr")]
pub mod from_ports;
pub mod hubs;
pub mod invitations;
pub mod kept;
pub mod links;
pub mod notifications;
pub mod payments;
pub mod profile;
pub mod rooms;
pub mod services;
#[cfg(feature = "ssr")]
pub mod session;
pub mod terms;
pub mod two_factor;

pub use crate::domain::{ApiError, Refusal};

/// JSON in a `POST` response, read as text: the same `serde_json` reader that reads the resources
/// the server rendered into the page, so each answer type's deserializer is compiled once.
pub struct JsonText;

impl leptos::server_fn::ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl leptos::server_fn::FormatType for JsonText {
    const FORMAT_TYPE: leptos::server_fn::Format = leptos::server_fn::Format::Text;
}

impl<T: serde::Serialize> leptos::server_fn::Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<leptos::server_fn::Bytes, Self::Error> {
        serde_json::to_vec(output).map(leptos::server_fn::Bytes::from)
    }
}

impl<T: serde::de::DeserializeOwned> leptos::server_fn::Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: leptos::server_fn::Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

/// Server functions' answers: [`JsonText`] in a `POST` response.
pub type Json = leptos::server_fn::codec::Post<JsonText>;

/// Where to go after logging in or changing language: only a path on this site, so a crafted link
/// can't bounce a fresh session to another origin. Browsers parse URLs forgivingly (WHATWG: tabs
/// and newlines are dropped anywhere, `\\` counts as `/`, leading controls and spaces are
/// trimmed), so a `next` must be plain visible ASCII with no backslash, start with one `/`, and not
/// a second: nothing the browser could read as `//host`. That also keeps it a valid header value.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(p) if is_local_path(p) => p.to_owned(),
        _ => "/".to_owned(),
    }
}

fn is_local_path(p: &str) -> bool {
    let visible = |b: u8| (0x21..=0x7e).contains(&b) && b != b'\\';
    p.len() <= 2048 && p.starts_with('/') && !p.starts_with("//") && p.bytes().all(visible)
}

/// Percent-encodes a path for use inside a query value.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn encodes_paths() {
        assert_eq!(super::encode_path("/payments"), "/payments");
        assert_eq!(super::encode_path("/a b?x=1&y"), "/a%20b%3Fx%3D1%26y");
    }

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/payments")), "/payments");
        assert_eq!(
            safe_next(Some("/appointments/abc?saved=1#top")),
            "/appointments/abc?saved=1#top"
        );
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn anything_a_browser_could_read_as_another_origin_goes_home() {
        // each of these, given to a browser as a Location relative to our page, leaves our origin
        // or is not a valid header value
        let tricky = [
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/ /evil.example",
            "/\u{7f}/evil.example",
            "/\u{0}/evil.example",
            "/\u{3000}/evil.example",
            "/\u{ff0f}evil.example",
            "/path\r\nSet-Cookie: x=1",
            "http:evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
        ];
        for next in tricky {
            assert_eq!(safe_next(Some(next)), "/", "{next:?}");
        }
    }
}
