//! The mails we send, each as plain text and HTML. English for now; the recipient's language
//! arrives with the profile's language setting.

use super::{Mail, escape};
use app::PRODUCT_NAME;
use app::domain::CurrentUser;

/// `footer` is plain text, escaped here.
fn html_page(
    title: &str,
    paragraphs: &[String],
    button: Option<(&str, &str)>,
    footer: Option<&str>,
) -> String {
    let mut body = String::new();
    for p in paragraphs {
        body.push_str(&format!("<p style=\"margin:0 0 16px\">{p}</p>"));
    }
    if let Some((label, href)) = button {
        body.push_str(&format!(
            "<p style=\"margin:24px 0\"><a href=\"{href}\" style=\"background:#2f5d50;color:#fff;\
             padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600\">{label}</a></p>\
             <p style=\"margin:0 0 16px;color:#4d5b60;font-size:14px\">Or paste this link into your \
             browser: {href}</p>",
            label = escape(label),
            href = escape(href),
        ));
    }
    if let Some(footer) = footer {
        body.push_str(&format!(
            "<p style=\"color:#4d5b60;font-size:14px\">{}</p>",
            escape(footer)
        ));
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;color:#1f2a2e;line-height:1.5;max-width:560px;\
         margin:0 auto;padding:24px\"><p style=\"font-weight:700;color:#2f5d50;font-size:20px\">{PRODUCT_NAME}</p>\
         {body}</body></html>",
        title = escape(title),
    )
}

pub fn password_reset(to: &CurrentUser, link: &str, valid_minutes: i64) -> Mail {
    let subject = format!("Reset your {PRODUCT_NAME} password");
    let name = to.name.as_str();
    let text_body = format!(
        "Hello {name},\n\nSomeone (hopefully you) asked to reset the password of your {PRODUCT_NAME} \
         account. To choose a new password, open this link within {valid_minutes} minutes:\n\n{link}\n\n\
         The link works once. If you didn't ask for this, ignore this email: your password stays as it is.\n"
    );
    let html_body = html_page(
        &subject,
        &[
            format!("Hello {},", escape(name)),
            format!(
                "Someone (hopefully you) asked to reset the password of your {PRODUCT_NAME} account. \
                 To choose a new password, open this link within {valid_minutes} minutes."
            ),
        ],
        Some(("Choose a new password", link)),
        Some(
            "The link works once. If you didn't ask for this, ignore this email: your password \
             stays as it is.",
        ),
    );
    Mail {
        recipient: to.email.to_string(),
        subject,
        text_body,
        html_body,
    }
}

pub fn password_changed(to: &CurrentUser, login_url: &str) -> Mail {
    let subject = format!("Your {PRODUCT_NAME} password was changed");
    let name = to.name.as_str();
    let text_body = format!(
        "Hello {name},\n\nThe password of your {PRODUCT_NAME} account was just changed, and every other \
         device was logged out.\n\nIf this wasn't you, reset your password now from {login_url} \
         (choose \"Forgot your password?\") and tell us.\n"
    );
    let html_body = html_page(
        &subject,
        &[
            format!("Hello {},", escape(name)),
            format!(
                "The password of your {PRODUCT_NAME} account was just changed, and every other device \
                 was logged out."
            ),
            "If this wasn't you, reset your password now (choose “Forgot your password?” on the log-in \
             page) and tell us."
                .to_owned(),
        ],
        Some(("Go to log in", login_url)),
        None,
    );
    Mail {
        recipient: to.email.to_string(),
        subject,
        text_body,
        html_body,
    }
}

pub fn confirm_new_email(name: &str, new_email: &str, link: &str) -> Mail {
    let subject = format!("Confirm your new {PRODUCT_NAME} email");
    let text_body = format!(
        "Hello {name},\n\nTo use {new_email} for your {PRODUCT_NAME} account, open this link within \
         24 hours:\n\n{link}\n\nUntil you do, nothing changes. If you didn't ask for this, ignore this email.\n"
    );
    let html_body = html_page(
        &subject,
        &[
            format!("Hello {},", escape(name)),
            format!(
                "To use {} for your {PRODUCT_NAME} account, open this link within 24 hours. Until you \
                 do, nothing changes.",
                escape(new_email)
            ),
        ],
        Some(("Confirm this email", link)),
        Some("If you didn't ask for this, ignore this email."),
    );
    Mail {
        recipient: new_email.to_owned(),
        subject,
        text_body,
        html_body,
    }
}

pub fn email_change_requested(to: &CurrentUser, new_email: &str) -> Mail {
    let subject = format!("A change of your {PRODUCT_NAME} email was requested");
    let name = to.name.as_str();
    let text_body = format!(
        "Hello {name},\n\nSomeone logged in to your {PRODUCT_NAME} account asked to change its email to \
         {new_email}. It changes only when the link sent there is opened.\n\nIf this wasn't you, \
         change your password now.\n"
    );
    let html_body = html_page(
        &subject,
        &[
            format!("Hello {},", escape(name)),
            format!(
                "Someone logged in to your {PRODUCT_NAME} account asked to change its email to {}. It \
                 changes only when the link sent there is opened.",
                escape(new_email)
            ),
        ],
        None,
        Some("If this wasn't you, change your password now."),
    );
    Mail {
        recipient: to.email.to_string(),
        subject,
        text_body,
        html_body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{DisplayName, Email, Timezone, UserId};

    #[test]
    fn names_are_escaped_in_html_and_links_are_in_both_bodies() {
        let user = CurrentUser {
            id: UserId::new("u1"),
            name: DisplayName::parse("<script>alert(1)</script>").unwrap(),
            email: Email::parse("ann@example.com").unwrap(),
            timezone: Timezone::UTC,
        };
        let mail = password_reset(&user, "http://127.0.0.1:3000/reset-password?token=abc", 30);
        assert!(!mail.html_body.contains("<script>"));
        assert!(mail.html_body.contains("&lt;script&gt;"));
        assert!(
            mail.text_body
                .contains("http://127.0.0.1:3000/reset-password?token=abc")
        );
        assert!(
            mail.html_body
                .contains("href=\"http://127.0.0.1:3000/reset-password?token=abc\"")
        );
        assert_eq!(mail.recipient, "ann@example.com");
    }
}
