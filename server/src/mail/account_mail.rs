//! Mails about keeping an account safe: two-step log-in turned on or off, and deleting the
//! account (the link that does it, and the word that it is done).

use super::Mail;
use super::templates::{Copy, hello, render};
use app::PRODUCT_NAME;
use app::domain::{CurrentUser, Language};

/// To the account's address: the link deletes the account; until it is opened nothing changes.
pub fn account_deletion_link(to: &CurrentUser, link: &str) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("Confirm deleting your {PRODUCT_NAME} account"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "You asked to delete your {PRODUCT_NAME} account. Open this link within an \
                     hour and confirm: your upcoming sessions are cancelled, you are logged out \
                     everywhere, and your personal details are erased. Paid bills are kept, \
                     without your name or address, as the law requires."
                ),
                "Until you confirm, nothing changes. You can download your data from My profile \
                 first."
                    .to_owned(),
            ],
            button: Some(("Delete my account", link.to_owned())),
            footer: Some("If you didn't ask for this, change your password now."),
        },
        Language::Is => Copy {
            subject: format!("Staðfestu eyðingu {PRODUCT_NAME}-aðgangsins þíns"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Þú baðst um að eyða {PRODUCT_NAME}-aðganginum þínum. Opnaðu þennan hlekk \
                     innan klukkustundar og staðfestu: tímunum þínum framundan er aflýst, þú ert \
                     skráð(ur) út alls staðar og persónuupplýsingum þínum er eytt. Greiddir \
                     reikningar eru geymdir, án nafns þíns og netfangs, eins og lög krefjast."
                ),
                "Þangað til þú staðfestir breytist ekkert. Þú getur sótt gögnin þín á Prófíllinn \
                 minn fyrst."
                    .to_owned(),
            ],
            button: Some(("Eyða aðganginum mínum", link.to_owned())),
            footer: Some("Ef þetta varst ekki þú skaltu breyta lykilorðinu strax."),
        },
    };
    render(to.email.as_str().to_owned(), l, copy)
}

/// The last mail to the old address: the account is gone.
pub fn account_deleted(to: &CurrentUser) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("Your {PRODUCT_NAME} account was deleted"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Your {PRODUCT_NAME} account is deleted. Your upcoming sessions were \
                     cancelled and your professionals told; your personal details are erased."
                ),
                "This is the last email we send you. You're welcome back any time with a new \
                 account."
                    .to_owned(),
            ],
            button: None,
            footer: None,
        },
        Language::Is => Copy {
            subject: format!("{PRODUCT_NAME}-aðganginum þínum var eytt"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "{PRODUCT_NAME}-aðganginum þínum hefur verið eytt. Tímunum þínum framundan var \
                     aflýst og fagfólkinu þínu sagt frá; persónuupplýsingum þínum er eytt."
                ),
                "Þetta er síðasti pósturinn sem við sendum þér. Þú ert velkomin(n) aftur hvenær \
                 sem er með nýjum aðgangi."
                    .to_owned(),
            ],
            button: None,
            footer: None,
        },
    };
    render(to.email.as_str().to_owned(), l, copy)
}

/// To the account's address when two-step log-in is turned on (`on`) or off: a heads-up, so
/// whoever holds a stolen password can't change it unnoticed.
pub fn two_factor_turned(to: &CurrentUser, on: bool, profile_link: &str) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: if on {
                format!("Two-step log-in is on for your {PRODUCT_NAME} account")
            } else {
                format!("Two-step log-in was turned off for your {PRODUCT_NAME} account")
            },
            paragraphs: vec![
                hello(l, to.name.as_str()),
                if on {
                    "Two-step log-in was just turned on: logging in now asks for a code from your \
                     authenticator app after your password. Keep your recovery codes somewhere \
                     safe."
                        .to_owned()
                } else {
                    "Two-step log-in was just turned off: logging in now asks for your password \
                     only."
                        .to_owned()
                },
            ],
            button: Some(("Go to My profile", profile_link.to_owned())),
            footer: Some("If this wasn't you, change your password now and tell us."),
        },
        Language::Is => Copy {
            subject: if on {
                format!("Tveggja þrepa innskráning er virk á {PRODUCT_NAME}-aðganginum þínum")
            } else {
                format!("Slökkt var á tveggja þrepa innskráningu á {PRODUCT_NAME}-aðganginum þínum")
            },
            paragraphs: vec![
                hello(l, to.name.as_str()),
                if on {
                    "Kveikt var á tveggja þrepa innskráningu: við innskráningu er nú beðið um kóða \
                     úr auðkenningarappinu á eftir lykilorðinu. Geymdu endurheimtarkóðana á \
                     öruggum stað."
                        .to_owned()
                } else {
                    "Slökkt var á tveggja þrepa innskráningu: við innskráningu er nú aðeins beðið \
                     um lykilorðið."
                        .to_owned()
                },
            ],
            button: Some(("Fara á Prófíllinn minn", profile_link.to_owned())),
            footer: Some(
                "Ef þetta varst ekki þú skaltu breyta lykilorðinu strax og láta okkur vita.",
            ),
        },
    };
    render(to.email.as_str().to_owned(), l, copy)
}
