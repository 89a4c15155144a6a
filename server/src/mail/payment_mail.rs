//! The mails paying sends the client: the receipt once a bill is paid, and word of a refund; in
//! their language and zone, with a link to the receipt.

use super::Mail;
use super::templates::{Copy, hello, render};
use app::domain::{Bill, CurrentUser, Language};
use app::i18n::dates;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentNews {
    Paid,
    Refunded,
}

pub fn payment_mail(news: PaymentNews, bill: &Bill, to: &CurrentUser, receipt_link: &str) -> Mail {
    let l = to.language;
    let pro = bill.professional.name.as_str();
    let service = bill.service_name.as_str();
    let amount = bill.amount.format(l);
    let session = format!(
        "{}, {}",
        dates::long_date(bill.starts_at, to.timezone, l),
        dates::clock_time(bill.starts_at, to.timezone)
    );
    let (subject, lead, button) = match (l, news) {
        (Language::En, PaymentNews::Paid) => (
            format!("Receipt: {amount} for {service} with {pro}"),
            format!("Thank you: your payment of {amount} to {pro} went through."),
            "See your receipt",
        ),
        (Language::En, PaymentNews::Refunded) => (
            format!("Refunded: {amount} for {service} with {pro}"),
            format!(
                "The session was cancelled in time, so your payment of {amount} is refunded in full. Your bank may take a few days to show it."
            ),
            "See your receipt",
        ),
        (Language::Is, PaymentNews::Paid) => (
            format!("Kvittun: {amount} fyrir {service} hjá {pro}"),
            format!("Takk fyrir: greiðsla þín, {amount}, til {pro} hefur gengið í gegn."),
            "Skoða kvittunina",
        ),
        (Language::Is, PaymentNews::Refunded) => (
            format!("Endurgreitt: {amount} fyrir {service} hjá {pro}"),
            format!(
                "Tímanum var aflýst í tæka tíð, svo greiðslan þín, {amount}, er endurgreidd að fullu. Það getur tekið bankann nokkra daga að sýna hana."
            ),
            "Skoða kvittunina",
        ),
    };
    let (session_label, with_label, amount_label, number_label) = match l {
        Language::En => ("Session", "With", "Amount", "Receipt number"),
        Language::Is => ("Tími", "Hjá", "Upphæð", "Kvittunarnúmer"),
    };
    let paragraphs = vec![
        hello(l, to.name.as_str()),
        lead,
        format!("{session_label}: {service}, {session}"),
        format!("{with_label}: {pro}"),
        format!("{amount_label}: {amount}"),
        format!("{number_label}: {}", bill.id.as_str()),
    ];
    render(
        to.email.as_str().to_owned(),
        l,
        Copy {
            subject,
            paragraphs,
            button: Some((button, receipt_link.to_owned())),
            footer: None,
        },
    )
}
