//! The mails we send, each as plain text and HTML, in the recipient's language.
//!
//! A mail is written as `Copy`: plain-text paragraphs, an optional button and a footer. `render`
//! turns it into both bodies, escaping every value for the HTML one.

use super::{Mail, escape};
use app::PRODUCT_NAME;
use app::domain::{CurrentUser, Language};

pub(super) struct Copy {
    pub subject: String,
    pub paragraphs: Vec<String>,
    /// Label and link.
    pub button: Option<(&'static str, String)>,
    pub footer: Option<&'static str>,
}

pub(super) fn render(recipient: String, language: Language, copy: Copy) -> Mail {
    let paste = match language {
        Language::En => "Or paste this link into your browser:",
        Language::Is => "Eða afritaðu þennan hlekk í vafrann:",
    };
    let mut text_body = copy.paragraphs.join("\n\n");
    let mut html = String::new();
    for p in &copy.paragraphs {
        html.push_str(&format!("<p style=\"margin:0 0 16px\">{}</p>", escape(p)));
    }
    if let Some((label, href)) = &copy.button {
        text_body.push_str(&format!("\n\n{href}"));
        html.push_str(&format!(
            "<p style=\"margin:24px 0\"><a href=\"{href}\" style=\"background:#2f5d50;color:#fff;\
             padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600\">{label}</a></p>\
             <p style=\"margin:0 0 16px;color:#4d5b60;font-size:14px\">{paste} {href}</p>",
            label = escape(label),
            href = escape(href),
        ));
    }
    if let Some(footer) = copy.footer {
        text_body.push_str(&format!("\n\n{footer}"));
        html.push_str(&format!(
            "<p style=\"color:#4d5b60;font-size:14px\">{}</p>",
            escape(footer)
        ));
    }
    text_body.push('\n');
    let html_body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family:system-ui,sans-serif;color:#1f2a2e;line-height:1.5;max-width:560px;\
         margin:0 auto;padding:24px\"><p style=\"font-weight:700;color:#2f5d50;font-size:20px\">{PRODUCT_NAME}</p>\
         {html}</body></html>",
        lang = language.code(),
        title = escape(&copy.subject),
    );
    Mail {
        recipient,
        subject: copy.subject,
        text_body,
        html_body,
        calendar: None,
    }
}

pub(super) fn hello(language: Language, name: &str) -> String {
    match language {
        Language::En => format!("Hello {name},"),
        Language::Is => format!("Hæ {name},"),
    }
}

pub fn password_reset(to: &CurrentUser, link: &str, valid_minutes: i64) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("Reset your {PRODUCT_NAME} password"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Someone (hopefully you) asked to reset the password of your {PRODUCT_NAME} \
                     account. To choose a new password, open this link within {valid_minutes} minutes."
                ),
            ],
            button: Some(("Choose a new password", link.to_owned())),
            footer: Some(
                "The link works once. If you didn't ask for this, ignore this email: your password \
                 stays as it is.",
            ),
        },
        Language::Is => Copy {
            subject: format!("Endurstilltu lykilorðið þitt hjá {PRODUCT_NAME}"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Einhver (vonandi þú) bað um að endurstilla lykilorðið á {PRODUCT_NAME}-aðganginum \
                     þínum. Opnaðu þennan hlekk innan {valid_minutes} mínútna til að velja nýtt lykilorð."
                ),
            ],
            button: Some(("Velja nýtt lykilorð", link.to_owned())),
            footer: Some(
                "Hlekkurinn virkar einu sinni. Ef þú baðst ekki um þetta skaltu hunsa þennan póst: \
                 lykilorðið helst óbreytt.",
            ),
        },
    };
    render(to.email.to_string(), l, copy)
}

pub fn password_changed(to: &CurrentUser, login_url: &str) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("Your {PRODUCT_NAME} password was changed"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "The password of your {PRODUCT_NAME} account was just changed, and every other \
                     device was logged out."
                ),
                "If this wasn't you, reset your password now (choose “Forgot your password?” on the \
                 log-in page) and tell us."
                    .to_owned(),
            ],
            button: Some(("Go to log in", login_url.to_owned())),
            footer: None,
        },
        Language::Is => Copy {
            subject: format!("Lykilorðinu þínu hjá {PRODUCT_NAME} var breytt"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Lykilorðinu á {PRODUCT_NAME}-aðganginum þínum var rétt í þessu breytt og öll \
                     önnur tæki voru skráð út."
                ),
                "Ef þetta varst ekki þú skaltu endurstilla lykilorðið strax (veldu „Gleymdirðu \
                 lykilorðinu?“ á innskráningarsíðunni) og láta okkur vita."
                    .to_owned(),
            ],
            button: Some(("Fara í innskráningu", login_url.to_owned())),
            footer: None,
        },
    };
    render(to.email.to_string(), l, copy)
}

/// Sent to the new address, in the language of the account that asked.
pub fn confirm_new_email(user: &CurrentUser, new_email: &str, link: &str) -> Mail {
    let l = user.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("Confirm your new {PRODUCT_NAME} email"),
            paragraphs: vec![
                hello(l, user.name.as_str()),
                format!(
                    "To use {new_email} for your {PRODUCT_NAME} account, open this link within 24 \
                     hours. Until you do, nothing changes."
                ),
            ],
            button: Some(("Confirm this email", link.to_owned())),
            footer: Some("If you didn't ask for this, ignore this email."),
        },
        Language::Is => Copy {
            subject: format!("Staðfestu nýja netfangið þitt hjá {PRODUCT_NAME}"),
            paragraphs: vec![
                hello(l, user.name.as_str()),
                format!(
                    "Opnaðu þennan hlekk innan sólarhrings til að nota {new_email} fyrir \
                     {PRODUCT_NAME}-aðganginn þinn. Þangað til breytist ekkert."
                ),
            ],
            button: Some(("Staðfesta þetta netfang", link.to_owned())),
            footer: Some("Ef þú baðst ekki um þetta skaltu hunsa þennan póst."),
        },
    };
    render(new_email.to_owned(), l, copy)
}

pub fn email_change_requested(to: &CurrentUser, new_email: &str) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("A change of your {PRODUCT_NAME} email was requested"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Someone logged in to your {PRODUCT_NAME} account asked to change its email to \
                     {new_email}. It changes only when the link sent there is opened."
                ),
            ],
            button: None,
            footer: Some("If this wasn't you, change your password now."),
        },
        Language::Is => Copy {
            subject: format!("Beðið var um að breyta netfanginu þínu hjá {PRODUCT_NAME}"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Einhver sem er innskráður á {PRODUCT_NAME}-aðganginn þinn bað um að breyta \
                     netfanginu í {new_email}. Því er aðeins breytt þegar hlekkurinn sem var sendur \
                     þangað er opnaður."
                ),
            ],
            button: None,
            footer: Some("Ef þetta varst ekki þú skaltu breyta lykilorðinu strax."),
        },
    };
    render(to.email.to_string(), l, copy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{DisplayName, Email, Timezone, UserId};

    fn user(name: &str, language: Language) -> CurrentUser {
        CurrentUser {
            id: UserId::new("u1"),
            name: DisplayName::parse(name).unwrap(),
            preferred_name: None,
            email: Email::parse("ann@example.com").unwrap(),
            timezone: Timezone::UTC,
            language,
            picture: None,
            role: app::domain::Role::Client,
            terms_due: false,
            two_factor_due: false,
        }
    }

    #[test]
    fn names_are_escaped_in_html_and_links_are_in_both_bodies() {
        let user = user("<script>alert(1)</script>", Language::En);
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

    #[test]
    fn mails_speak_the_recipients_language() {
        let link = "http://127.0.0.1:3000/x";
        for (language, greeting, lang) in [
            (Language::En, "Hello Þóra,", "en"),
            (Language::Is, "Hæ Þóra,", "is"),
        ] {
            let u = user("Þóra", language);
            for mail in [
                password_reset(&u, link, 30),
                password_changed(&u, link),
                confirm_new_email(&u, "new@example.com", link),
                email_change_requested(&u, "new@example.com"),
            ] {
                assert!(mail.text_body.starts_with(greeting), "{}", mail.text_body);
                assert!(mail.html_body.contains(&format!("<html lang=\"{lang}\">")));
            }
        }
        let en = password_reset(&user("Ann", Language::En), link, 30);
        let is = password_reset(&user("Ann", Language::Is), link, 30);
        assert_ne!(en.subject, is.subject);
        assert!(is.subject.contains("lykilorð"));
    }
}
