//! A professional, their services and their invitations, as tests set them up.

use super::user::User;
use super::{PASSWORD, TestApp};
use chrono::{DateTime, Duration, Timelike, Utc};

/// Dr. Ada Lovelace, a professional working in `timezone`.
pub async fn professional<'a>(app: &'a TestApp, email: &str, timezone: &str) -> User<'a> {
    let browser = app.client();
    let me = app
        .answer(
            &browser,
            "sign_up",
            &[
                ("name", "Dr. Ada Lovelace"),
                ("email", email),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("role", "professional"),
                ("timezone", timezone),
            ],
        )
        .await;
    User {
        app,
        browser,
        me,
        password: PASSWORD.to_owned(),
    }
}

pub async fn service(app: &TestApp, pro: &reqwest::Client, length: &str) -> String {
    let service: app::domain::Service = app
        .answer(
            pro,
            "create_service",
            &[
                ("service_name", "Individual therapy"),
                ("meeting_type", "video"),
                ("length", length),
                ("price", "12500"),
                ("currency", "ISK"),
            ],
        )
        .await;
    service.id.as_str().to_owned()
}

pub async fn invite(
    app: &TestApp,
    pro: &reqwest::Client,
    service: &str,
    date: &str,
    time: &str,
    email: &str,
) -> reqwest::Response {
    app.call(
        pro,
        "invite_client",
        &[
            ("service", service),
            ("date", date),
            ("time", time),
            ("client_name", "Cy Client"),
            ("client_email", email),
        ],
    )
    .await
}

/// Invites and returns the new booking's id.
pub async fn booked(
    app: &TestApp,
    pro: &reqwest::Client,
    service: &str,
    date: &str,
    time: &str,
    email: &str,
) -> String {
    let res = invite(app, pro, service, date, time, email).await;
    assert_eq!(res.status(), 200);
    let booking: app::domain::Booking = res.json().await.unwrap();
    booking.id.as_str().to_owned()
}

/// The token of a join link.
pub fn token_of(link: &str) -> String {
    link.split("token=")
        .nth(1)
        .unwrap_or_else(|| panic!("no token in {link}"))
        .trim_end_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_owned()
}

/// A new client's account made from an emailed join link.
pub async fn accept<'a>(app: &'a TestApp, token: &str, name: &str, timezone: &str) -> User<'a> {
    let browser = app.client();
    let me = app
        .answer(
            &browser,
            "accept_invitation",
            &[
                ("token", token),
                ("name", name),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("timezone", timezone),
            ],
        )
        .await;
    User {
        app,
        browser,
        me,
        password: PASSWORD.to_owned(),
    }
}

/// A start `ahead` of the server's now, on the next whole minute (the form takes HH:MM). Tests
/// book here, never at a fixed hour of today's date: that would depend on when they run.
pub fn start_in(app: &TestApp, ahead: Duration) -> DateTime<Utc> {
    let t = app.now() + ahead + Duration::minutes(1);
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap()
}

/// The booking form's date and time fields for `at`, for a professional whose zone is UTC.
pub fn fields(at: DateTime<Utc>) -> (String, String) {
    (
        at.format("%Y-%m-%d").to_string(),
        at.format("%H:%M").to_string(),
    )
}

/// `booked`, at an instant, by a professional whose zone is UTC.
pub async fn booked_at(
    app: &TestApp,
    pro: &reqwest::Client,
    service: &str,
    at: DateTime<Utc>,
    email: &str,
) -> String {
    let (date, time) = fields(at);
    booked(app, pro, service, &date, &time, email).await
}

/// A server that sends its mail to `smtp`, with the given clock.
pub async fn app_with_mail(
    smtp: &super::smtp::SmtpServer,
    clock: std::sync::Arc<super::ShiftedClock>,
) -> TestApp {
    let mut config = server::config::Config::for_tests();
    config.mail.smtp_url = Some(smtp.url().into());
    TestApp::spawn_with_clock(config, clock).await
}

/// Ada, Cy and the booking between them: see `ada_books_cy`.
pub struct AdaAndCy<'a> {
    pub ada: User<'a>,
    /// Ada's 50-minute service.
    pub therapy: String,
    /// The booking's id.
    pub id: String,
    pub cy: User<'a>,
}

/// Ada (working in UTC) books Cy into her 50-minute service at `start`; Cy makes their account
/// from the emailed link, which `smtp` receives.
pub async fn ada_books_cy<'a>(
    app: &'a TestApp,
    smtp: &super::smtp::SmtpServer,
    start: DateTime<Utc>,
) -> AdaAndCy<'a> {
    let ada = professional(app, "ada@example.com", "UTC").await;
    let therapy = service(app, &ada, "50").await;
    let id = booked_at(app, &ada, &therapy, start, "cy@example.com").await;
    let link = super::smtp::link_containing(
        &smtp.wait_for("cy@example.com", "Booked").await.text,
        "token=",
    );
    let cy = accept(app, &token_of(&link), "Cy Client", "UTC").await;
    AdaAndCy {
        ada,
        therapy,
        id,
        cy,
    }
}

/// The professional works weekdays 09:00-17:00, no notice, 30 days ahead, with a break of
/// `buffer_minutes` between sessions; their link's settings after.
pub async fn weekdays_nine_to_five(
    pro: &User<'_>,
    buffer_minutes: &str,
) -> app::domain::LinkSettings {
    let week = "09:00-17:00";
    let res = pro
        .call(
            "save_hours",
            &[
                ("mon", week),
                ("tue", week),
                ("wed", week),
                ("thu", week),
                ("fri", week),
                ("sat", ""),
                ("sun", ""),
                ("overrides", ""),
                ("notice_hours", "0"),
                ("horizon_days", "30"),
                ("buffer_minutes", buffer_minutes),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    pro.answer("my_link", &[]).await
}
