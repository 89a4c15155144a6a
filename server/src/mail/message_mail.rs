//! A message from one person of a booking to the other, with a link back to the appointment
//! (where they can answer the same way). Neither learns the other's address from it.

use super::Mail;
use super::booking_mail::Recipient;
use super::templates::{Copy, hello, render};
use app::domain::{Booking, Language, MessageText};
use app::i18n::texts;

pub fn message_mail(
    b: &Booking,
    from: &str,
    to: &Recipient<'_>,
    text: &MessageText,
    link: &str,
) -> Mail {
    let l = to.language;
    let t = texts(l);
    let when = t.span_in_zone(b.starts_at, b.ends_at, to.timezone, l);
    let service = b.service_name.as_str();
    let copy = match l {
        Language::En => Copy {
            subject: format!("A message from {from} about {service}"),
            paragraphs: vec![
                hello(l, to.name),
                format!("{from} wrote to you about {service}, {when}:"),
                text.as_str().to_owned(),
            ],
            button: Some(("Open the appointment to answer", link.to_owned())),
            footer: None,
        },
        Language::Is => Copy {
            subject: format!("Skilaboð frá {from} um {service}"),
            paragraphs: vec![
                hello(l, to.name),
                format!("{from} skrifaði þér um {service}, {when}:"),
                text.as_str().to_owned(),
            ],
            button: Some(("Opnaðu tímann til að svara", link.to_owned())),
            footer: None,
        },
    };
    render(to.email.to_owned(), l, copy)
}
