//! Email: what we send (templates), how it leaves (SMTP worker), and the development mailbox.

pub mod account_mail;
pub mod booking_mail;
pub mod hub_mail;
pub mod ics;
pub mod mailbox;
pub mod message_mail;
pub mod payment_mail;
pub mod templates;
pub mod worker;

use surrealdb::types::SurrealValue;

/// A message ready to go: recipient, subject, both bodies, and perhaps a calendar invitation.
/// The outbox stores it as it is (hence `SurrealValue`).
#[derive(Clone, Debug, SurrealValue)]
pub struct Mail {
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    /// An iCalendar (`.ics`) document, sent as an attachment.
    pub calendar: Option<String>,
}

/// Escapes text for HTML bodies: every value we put in a mail passes through here.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
    }
}
