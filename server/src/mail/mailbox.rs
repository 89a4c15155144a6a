//! /dev/mailbox: with no SMTP server configured, mail stays in the outbox and a developer reads it
//! here, links clickable. Never mounted when SMTP is configured, and shown only to a browser on
//! the server's own machine: the mail holds password-reset and join links.

use super::escape;
use crate::db::{self, Db};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use std::net::SocketAddr;

/// Whether the request comes straight from this machine: a loopback peer, and no reverse proxy
/// in between (one on this machine would make every visitor look local, but says it forwarded).
fn from_this_machine(peer: SocketAddr, headers: &HeaderMap) -> bool {
    let proxied = ["forwarded", "x-forwarded-for", "x-real-ip"]
        .iter()
        .any(|h| headers.contains_key(*h));
    peer.ip().to_canonical().is_loopback() && !proxied
}

pub async fn page(
    State(db): State<Db>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !from_this_machine(peer, &headers) {
        // as if it did not exist: nothing tells a visitor that mail waits here
        return StatusCode::NOT_FOUND.into_response();
    }
    match db::outbox::recent(&db, 50).await {
        Ok(mails) => {
            let mut items = String::new();
            for m in &mails {
                items.push_str(&format!(
                    "<article class=\"panel mail\"><h2>{subject}</h2>\
                     <p class=\"muted\">To {to} · {when} · {status}</p><pre>{body}</pre></article>",
                    subject = escape(&m.mail.subject),
                    to = escape(&m.mail.recipient),
                    when = m.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
                    status = escape(&m.status),
                    body = linkify(&m.mail.text_body),
                ));
            }
            if mails.is_empty() {
                items.push_str("<div class=\"panel empty-state\"><p class=\"empty-title\">No mail yet</p></div>");
            }
            Html(format!(
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
                 <title>Development mailbox · Tandem</title><link rel=\"stylesheet\" href=\"{stylesheet}\"></head>\
                 <body><main id=\"main\" class=\"page\"><h1>Development mailbox</h1>\
                 <p class=\"muted\">No SMTP server is configured, so mail waits here instead of being sent. \
                 Newest first. Only a browser on the server's own machine can open this page; \
                 set TANDEM_SMTP_URL to send mail for real.</p>{items}</main></body></html>",
                stylesheet = crate::http::stylesheet()
            ))
            .into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "mailbox query failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "The mailbox could not be read.",
            )
                .into_response()
        }
    }
}

/// Escapes the text and turns http(s) URLs into links.
fn linkify(text: &str) -> String {
    text.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
                let rest = &word[trimmed.len()..];
                format!("<a href=\"{0}\">{0}</a>{1}", escape(trimmed), escape(rest))
            } else {
                escape(word)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::from_this_machine;
    use axum::http::HeaderMap;

    #[test]
    fn only_a_browser_on_this_machine_reads_the_mailbox() {
        let none = HeaderMap::new();
        assert!(from_this_machine("127.0.0.1:5000".parse().unwrap(), &none));
        assert!(from_this_machine("[::1]:5000".parse().unwrap(), &none));
        assert!(from_this_machine(
            "[::ffff:127.0.0.1]:5000".parse().unwrap(),
            &none
        ));
        assert!(!from_this_machine("192.0.2.7:5000".parse().unwrap(), &none));
        assert!(!from_this_machine(
            "[2001:db8::1]:5000".parse().unwrap(),
            &none
        ));
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-for", "192.0.2.7".parse().unwrap());
        assert!(!from_this_machine(
            "127.0.0.1:5000".parse().unwrap(),
            &proxied
        ));
    }

    #[test]
    fn links_become_clickable_and_markup_does_not() {
        assert_eq!(
            super::linkify("Open http://a.test/x?t=1&u=2 now <b>"),
            "Open <a href=\"http://a.test/x?t=1&amp;u=2\">http://a.test/x?t=1&amp;u=2</a> now &lt;b&gt;"
        );
    }
}
