//! Mails about deleting an account: the link that does it, and the word that it is done.

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
