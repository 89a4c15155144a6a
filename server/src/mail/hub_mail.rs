//! A company's Wellbeing Hub's mails: an invitation to claim its credits, credits granted,
//! credits running low, and an invitation to help run it (HR).

use super::Mail;
use super::templates::{Copy, hello, render};
use app::PRODUCT_NAME;
use app::domain::{CurrentUser, Email, Language};
use app::i18n::dates;
use chrono::{DateTime, Utc};

/// To an address HR invited (or one on the company's domains that asked): the link proves it.
pub fn invitation(to: &Email, language: Language, company: &str, link: &str) -> Mail {
    let copy = match language {
        Language::En => Copy {
            subject: format!("{company} invites you to its Wellbeing Hub"),
            paragraphs: vec![
                "Hello,".to_owned(),
                format!(
                    "{company} gives you credits for sessions with professionals (therapists, \
                     psychologists, coaches) on {PRODUCT_NAME}. Open the hub to see who is \
                     available, and create an account to claim your credits."
                ),
                format!("{company} sees only that you joined, never whom you book or when."),
            ],
            button: Some(("Open the Wellbeing Hub", link.to_owned())),
            footer: Some(
                "The link is yours: don't forward it. If you weren't expecting this, ignore this \
                 email or ask your HR Team.",
            ),
        },
        Language::Is => Copy {
            subject: format!("{company} býður þér í Vellíðunarmiðstöðina sína"),
            paragraphs: vec![
                "Hæ,".to_owned(),
                format!(
                    "{company} gefur þér inneign fyrir tíma hjá fagfólki (sálfræðingum, \
                     meðferðaraðilum, markþjálfum) á {PRODUCT_NAME}. Opnaðu miðstöðina til að sjá \
                     hver eru í boði og stofnaðu aðgang til að fá inneignina þína."
                ),
                format!("{company} sér aðeins að þú skráðir þig, aldrei hjá hverjum eða hvenær."),
            ],
            button: Some(("Opna Vellíðunarmiðstöðina", link.to_owned())),
            footer: Some(
                "Hlekkurinn er þinn: ekki áframsenda hann. Ef þú áttir ekki von á þessu skaltu \
                 hunsa póstinn eða spyrja mannauðsdeildina.",
            ),
        },
    };
    render(to.to_string(), language, copy)
}

/// Credits granted to a member (on joining, and each new period).
pub fn credits_granted(
    to: &CurrentUser,
    company: &str,
    credits: u32,
    expires_at: DateTime<Utc>,
    hub_link: &str,
) -> Mail {
    let l = to.language;
    let until = dates::long_date(expires_at, to.timezone, l);
    let copy = match l {
        Language::En => Copy {
            subject: format!("{company} gave you {credits} credits"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "{company} gave you {credits} credits for sessions on {PRODUCT_NAME}. Use them \
                     by {until}; what's left then expires."
                ),
            ],
            button: Some(("Book from the Wellbeing Hub", hub_link.to_owned())),
            footer: None,
        },
        Language::Is => Copy {
            subject: format!("{company} gaf þér {credits} inneignir"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "{company} gaf þér {credits} inneignir fyrir tíma á {PRODUCT_NAME}. Notaðu þær \
                     fyrir {until}; það sem eftir er fellur þá niður."
                ),
            ],
            button: Some(("Bóka í Vellíðunarmiðstöðinni", hub_link.to_owned())),
            footer: None,
        },
    };
    render(to.email.to_string(), l, copy)
}

/// After a booking left a member with few credits.
pub fn credits_low(to: &CurrentUser, company: &str, balance: i64, payments_link: &str) -> Mail {
    let l = to.language;
    let copy = match l {
        Language::En => Copy {
            subject: format!("{balance} of your {company} credits left"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "You have {balance} credits left from {company}. When they run out you can \
                     still book, and pay by card."
                ),
            ],
            button: Some(("See your credits", payments_link.to_owned())),
            footer: None,
        },
        Language::Is => Copy {
            subject: format!("{balance} inneignir eftir frá {company}"),
            paragraphs: vec![
                hello(l, to.name.as_str()),
                format!(
                    "Þú átt {balance} inneignir eftir frá {company}. Þegar þær klárast geturðu \
                     áfram bókað og greitt með korti."
                ),
            ],
            button: Some(("Sjá inneignina", payments_link.to_owned())),
            footer: None,
        },
    };
    render(to.email.to_string(), l, copy)
}

/// To a new HR admin: their account exists; the link sets its password.
pub fn admin_invitation(
    to: &Email,
    name: &str,
    language: Language,
    company: &str,
    link: &str,
) -> Mail {
    let copy = match language {
        Language::En => Copy {
            subject: format!("Help run {company}'s Wellbeing Hub on {PRODUCT_NAME}"),
            paragraphs: vec![
                hello(language, name),
                format!(
                    "You are now an HR admin of {company}'s Wellbeing Hub: you can invite \
                     employees, choose the professionals it offers, and see how its credits are \
                     used (figures only, never who booked whom). Choose your password to begin."
                ),
            ],
            button: Some(("Choose your password", link.to_owned())),
            footer: Some("The link works once, for 7 days."),
        },
        Language::Is => Copy {
            subject: format!("Hjálpaðu til við Vellíðunarmiðstöð {company} á {PRODUCT_NAME}"),
            paragraphs: vec![
                hello(language, name),
                format!(
                    "Þú ert nú stjórnandi Vellíðunarmiðstöðvar {company}: þú getur boðið \
                     starfsfólki, valið fagfólkið sem er í boði og séð hvernig inneignin nýtist \
                     (aðeins tölur, aldrei hver bókaði hjá hverjum). Veldu lykilorð til að byrja."
                ),
            ],
            button: Some(("Velja lykilorð", link.to_owned())),
            footer: Some("Hlekkurinn virkar einu sinni, í 7 daga."),
        },
    };
    render(to.to_string(), language, copy)
}

/// To an address HR asked to make an HR admin, which has an account already: nothing changed.
pub fn admin_address_taken(to: &Email, language: Language, company: &str, site: &str) -> Mail {
    let copy = match language {
        Language::En => Copy {
            subject: format!("{company} asked to make you an HR admin on {PRODUCT_NAME}"),
            paragraphs: vec![
                "Hello,".to_owned(),
                format!(
                    "An HR admin of {company} asked to make this address an HR admin of its \
                     Wellbeing Hub. This address already has a {PRODUCT_NAME} account, so nothing \
                     changed: an HR admin needs an address of their own. Ask them to use your \
                     work address instead."
                ),
            ],
            button: Some(("Open Tandem", site.to_owned())),
            footer: Some("If you weren't expecting this, you can ignore this email."),
        },
        Language::Is => Copy {
            subject: format!("{company} bað um að gera þig að stjórnanda á {PRODUCT_NAME}"),
            paragraphs: vec![
                "Hæ,".to_owned(),
                format!(
                    "Stjórnandi hjá {company} bað um að gera þetta netfang að stjórnanda \
                     Vellíðunarmiðstöðvarinnar. Netfangið er þegar með aðgang að {PRODUCT_NAME}, \
                     svo ekkert breyttist: stjórnandi þarf eigið netfang. Biddu um að vinnunetfangið \
                     þitt sé notað í staðinn."
                ),
            ],
            button: Some(("Opna Tandem", site.to_owned())),
            footer: Some("Ef þú áttir ekki von á þessu geturðu hunsað póstinn."),
        },
    };
    render(to.to_string(), language, copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_carries_its_link_in_both_languages_and_escapes_the_company() {
        let to = Email::parse("anna@acme.is").unwrap();
        for l in [Language::En, Language::Is] {
            let mail = invitation(&to, l, "A<b>", "http://127.0.0.1/hub/acme?invite=t");
            assert!(
                mail.text_body
                    .contains("http://127.0.0.1/hub/acme?invite=t")
            );
            assert!(mail.html_body.contains("A&lt;b&gt;"));
            assert!(!mail.html_body.contains("A<b>"));
        }
    }
}
