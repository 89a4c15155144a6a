//! The mails a booking sends: the invitation, a change, a cancellation, and reminders, each with
//! the session's details in the recipient's language and time zone.

use super::Mail;
use super::templates::{Copy, hello, render};
use app::domain::{Booking, Language, Timezone};
use app::i18n::{dates, texts};

/// What happened, as the mail tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum News {
    Invited,
    /// The client booked through the professional's link; sent to the client.
    SelfBooked,
    /// The client booked through the professional's link; sent to the professional.
    BookedByClient,
    Moved,
    /// By the professional; sent to the client.
    CancelledByProfessional,
    /// By the client; sent to the professional.
    CancelledByClient,
    Reminder,
}

/// Who the mail is for, and how they read times.
pub struct Recipient<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub language: Language,
    pub timezone: Timezone,
}

/// The session's details, one per line, as both bodies show them.
fn details(b: &Booking, to: &Recipient<'_>) -> Vec<String> {
    let t = texts(to.language);
    let when = t.span_in_zone(b.starts_at, b.ends_at, to.timezone, to.language);
    let (when_label, with_label, what_label, price_label) = match to.language {
        Language::En => ("When", "With", "Session", "Price"),
        Language::Is => ("Hvenær", "Með", "Tími", "Verð"),
    };
    let minutes = app::i18n::fill(t.minutes, &[("minutes", &b.length.minutes().to_string())]);
    vec![
        format!("{when_label}: {when}"),
        format!("{with_label}: {}", b.professional.name.as_str()),
        format!(
            "{what_label}: {}, {}, {minutes}",
            b.service_name.as_str(),
            t.meeting_type(b.meeting_type)
        ),
        format!("{price_label}: {}", b.price.format(to.language)),
    ]
}

/// The mail for `news` about `b`, to `to`. `link` is where its button goes; `calendar` is the
/// `.ics` to attach.
pub fn booking_mail(
    news: News,
    b: &Booking,
    to: &Recipient<'_>,
    link: &str,
    calendar: Option<String>,
) -> Mail {
    let l = to.language;
    let pro = b.professional.name.as_str();
    let client = b.invitee_name.as_str();
    let service = b.service_name.as_str();
    let date = dates::long_date(b.starts_at, to.timezone, l);
    let time = dates::clock_time(b.starts_at, to.timezone);
    let (subject, lead, button) = match (l, news) {
        (Language::En, News::Invited) => (
            format!("Booked: {service} with {pro} on {date}"),
            format!(
                "{pro} has booked a session with you. Here are the details; the link below opens it, and at the booked time, the video session."
            ),
            "Join session",
        ),
        (Language::En, News::SelfBooked) => (
            format!("Booked: {service} with {pro} on {date}"),
            format!(
                "Your session with {pro} is booked. Here are the details; the link below opens it, and at the booked time, the video session."
            ),
            "Join session",
        ),
        (Language::En, News::BookedByClient) => (
            format!("New booking: {client}, {service} on {date} at {time}"),
            format!(
                "{client} has booked a session through your booking link. The calendar file adds it to your calendar."
            ),
            "See your sessions",
        ),
        (Language::En, News::Moved) => (
            format!("New time: {service} with {pro} on {date} at {time}"),
            format!(
                "{pro} has moved your session. This is the new time; the calendar file replaces the old entry."
            ),
            "See the appointment",
        ),
        (Language::En, News::CancelledByProfessional) => (
            format!("Cancelled: {service} with {pro} on {date}"),
            format!(
                "{pro} has cancelled this session. The calendar file removes it from your calendar."
            ),
            "See your appointments",
        ),
        (Language::En, News::CancelledByClient) => (
            format!("Cancelled by {client}: {service} on {date}"),
            format!(
                "{client} has cancelled this session. The time is free again in your calendar."
            ),
            "See your sessions",
        ),
        (Language::En, News::Reminder) => (
            format!("Reminder: {service} with {pro} on {date} at {time}"),
            format!(
                "A reminder of your session with {pro}. Open it a few minutes before the start to test your camera and microphone."
            ),
            "Join session",
        ),
        (Language::Is, News::Invited) => (
            format!("Bókað: {service} hjá {pro}, {date}"),
            format!(
                "{pro} hefur bókað tíma með þér. Hér eru upplýsingarnar; hlekkurinn opnar tímann og, á bókuðum tíma, myndsímtalið."
            ),
            "Opna tímann",
        ),
        (Language::Is, News::SelfBooked) => (
            format!("Bókað: {service} hjá {pro}, {date}"),
            format!(
                "Tíminn þinn hjá {pro} er bókaður. Hér eru upplýsingarnar; hlekkurinn opnar tímann og, á bókuðum tíma, myndsímtalið."
            ),
            "Opna tímann",
        ),
        (Language::Is, News::BookedByClient) => (
            format!("Ný bókun: {client}, {service}, {date} kl. {time}"),
            format!(
                "{client} hefur bókað tíma í gegnum bókunarhlekkinn þinn. Dagatalsskráin bætir honum í dagatalið þitt."
            ),
            "Skoða tímana þína",
        ),
        (Language::Is, News::Moved) => (
            format!("Nýr tími: {service} hjá {pro}, {date} kl. {time}"),
            format!(
                "{pro} hefur fært tímann þinn. Þetta er nýi tíminn; dagatalsskráin kemur í stað þeirrar gömlu."
            ),
            "Skoða tímann",
        ),
        (Language::Is, News::CancelledByProfessional) => (
            format!("Afbókað: {service} hjá {pro}, {date}"),
            format!(
                "{pro} hefur afbókað þennan tíma. Dagatalsskráin fjarlægir hann úr dagatalinu þínu."
            ),
            "Skoða tímana þína",
        ),
        (Language::Is, News::CancelledByClient) => (
            format!("{client} afbókaði: {service}, {date}"),
            format!("{client} hefur afbókað þennan tíma. Hann er aftur laus í dagatalinu þínu."),
            "Skoða tímana þína",
        ),
        (Language::Is, News::Reminder) => (
            format!("Áminning: {service} hjá {pro}, {date} kl. {time}"),
            format!(
                "Áminning um tímann þinn hjá {pro}. Opnaðu hann nokkrum mínútum fyrir upphaf til að prófa myndavél og hljóðnema."
            ),
            "Opna tímann",
        ),
    };
    let mut paragraphs = vec![hello(l, to.name), lead];
    paragraphs.extend(details(b, to));
    let mut mail = render(
        to.email.to_owned(),
        l,
        Copy {
            subject,
            paragraphs,
            button: Some((button, link.to_owned())),
            footer: None,
        },
    );
    mail.calendar = calendar;
    mail
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::{
        BookingId, BookingStatus, Currency, DisplayName, Email, MeetingType, Money, Person,
        ServiceLength, ServiceName, UserId,
    };

    fn booking() -> Booking {
        let starts_at = "2031-03-31T08:00:00Z".parse().unwrap();
        Booking {
            id: BookingId::new("b1"),
            service_name: ServiceName::parse("Individual therapy").unwrap(),
            meeting_type: MeetingType::Video,
            length: ServiceLength::from_minutes(50).unwrap(),
            price: Money::parse("12500", Currency::parse("ISK").unwrap()).unwrap(),
            starts_at,
            ends_at: starts_at + chrono::Duration::minutes(50),
            professional: Person {
                id: UserId::new("p"),
                name: DisplayName::parse("Dr. Ada <Lovelace>").unwrap(),
                picture: None,
            },
            invitee_name: DisplayName::parse("Cy Client").unwrap(),
            invitee_email: Email::parse("cy@example.com").unwrap(),
            client: None,
            status: BookingStatus::Booked,
            cancelled_by: None,
            sequence: 0,
        }
    }

    #[test]
    fn the_invitation_gives_every_detail_in_the_readers_zone() {
        let to = Recipient {
            name: "Cy Client",
            email: "cy@example.com",
            language: Language::En,
            timezone: Timezone::parse("America/New_York").unwrap(),
        };
        let mail = booking_mail(
            News::Invited,
            &booking(),
            &to,
            "http://x.test/join?token=t",
            Some("BEGIN:VCALENDAR".into()),
        );
        assert_eq!(
            mail.subject,
            "Booked: Individual therapy with Dr. Ada <Lovelace> on Monday 31 March 2031"
        );
        assert!(
            mail.text_body
                .contains("When: Monday 31 March 2031, 04:00–04:50 (New York time)"),
            "{}",
            mail.text_body
        );
        assert!(
            mail.text_body
                .contains("Session: Individual therapy, Video, 50 min")
        );
        assert!(mail.text_body.contains("Price: ISK 12,500"));
        assert!(mail.text_body.contains("http://x.test/join?token=t"));
        assert!(mail.html_body.contains("Dr. Ada &lt;Lovelace&gt;"));
        assert_eq!(mail.calendar.as_deref(), Some("BEGIN:VCALENDAR"));
    }

    #[test]
    fn icelandic_readers_get_icelandic() {
        let to = Recipient {
            name: "Cy",
            email: "cy@example.com",
            language: Language::Is,
            timezone: Timezone::parse("Atlantic/Reykjavik").unwrap(),
        };
        let mail = booking_mail(News::Reminder, &booking(), &to, "http://x.test/a", None);
        assert!(mail.subject.starts_with("Áminning: Individual therapy"));
        assert!(
            mail.text_body
                .contains("mánudagur 31. mars 2031, 08:00–08:50")
        );
    }
}
