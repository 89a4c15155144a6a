//! Booking links: a professional's hours and public page, and clients and visitors booking
//! themselves, never twice into one time, with nothing private shown and nothing left behind by a
//! visitor who walks away.

mod support;

use app::domain::{Agenda, ApiError, HeldSlot, LinkPage, LinkSettings, Refusal};
use chrono::{DateTime, Duration, Utc};
use support::practice::{app_with_mail, professional, service, weekdays_nine_to_five};
use support::smtp::SmtpServer;
use support::user::User;
use support::{PASSWORD, TestApp};

/// Ada (Reykjavik, UTC all year) works weekdays 09:00-17:00 with no notice.
async fn ada_with_hours(app: &TestApp) -> (User<'_>, String, LinkSettings) {
    let ada = professional(app, "ada@example.com", "Atlantic/Reykjavik").await;
    let therapy = service(app, &ada, "50").await;
    let settings = weekdays_nine_to_five(&ada, "10").await;
    (ada, therapy, settings)
}

async fn page(app: &TestApp, who: &reqwest::Client, slug: &str, service: &str) -> LinkPage {
    app.answer(who, "booking_page", &[("slug", slug), ("service", service)])
        .await
}

fn slots(page: &LinkPage) -> Vec<DateTime<Utc>> {
    page.chosen.as_ref().expect("a service chosen").1.clone()
}

/// Holds `at` for a visitor: the token, or the refusal.
async fn hold(
    app: &TestApp,
    who: &reqwest::Client,
    slug: &str,
    service: &str,
    at: DateTime<Utc>,
) -> Result<String, (u16, ApiError)> {
    let res = app
        .call(
            who,
            "hold_slot",
            &[
                ("slug", slug),
                ("service", service),
                ("starts_at", &at.to_rfc3339()),
            ],
        )
        .await;
    let status = res.status().as_u16();
    if status == 200 {
        Ok(res.json().await.unwrap())
    } else {
        Err((status, res.json().await.unwrap()))
    }
}

#[tokio::test]
async fn a_visitor_holds_a_slot_signs_up_and_is_booked_and_both_sides_hear_of_it() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let (_ada, therapy, settings) = ada_with_hours(&app).await;
    let slug = settings.slug.as_str().to_owned();
    assert_eq!(slug, "dr-ada-lovelace");
    assert_eq!(settings.timezone.name(), "Atlantic/Reykjavik");
    // the preview: the next two weeks' weekdays, from 09:00 (the clock reads Wed 15 Jan 12:00)
    assert!(!settings.preview.is_empty());
    assert!(settings.preview[0] >= app.now());
    assert!(
        settings
            .preview
            .iter()
            .all(|t| *t < app.now() + Duration::days(14))
    );

    let visitor = app.client();
    let before = page(&app, &visitor, &slug, &therapy).await;
    assert_eq!(before.professional.person.name.as_str(), "Dr. Ada Lovelace");
    let free = slots(&before);
    // the same slots the professional's preview shows, and more beyond its two weeks
    assert!(free.starts_with(&settings.preview));
    assert!(free.len() > settings.preview.len());
    // two days ahead or more: both reminders are still to come
    let at = *free
        .iter()
        .find(|t| **t > app.now() + Duration::days(2))
        .expect("a time two days ahead");

    // picked: held for the visitor, and gone from the page for everyone else
    let token = hold(&app, &visitor, &slug, &therapy, at)
        .await
        .expect("held");
    let held: HeldSlot = app.answer(&visitor, "held_slot", &[("hold", &token)]).await;
    assert_eq!(held.starts_at, at);
    let kept = held.expires_at - app.now();
    assert!(
        kept > Duration::minutes(9) && kept <= Duration::minutes(10),
        "{kept}"
    );
    assert!(!slots(&page(&app, &app.client(), &slug, &therapy).await).contains(&at));

    // the visitor signs up on the way: their account, and the booking
    let res = app
        .call(
            &visitor,
            "sign_up_and_book",
            &[
                ("hold", &token),
                ("name", "Vera Visitor"),
                ("email", "vera@example.com"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("timezone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let booking: String = res.json().await.unwrap();
    let vera = app.logged_in("vera@example.com", PASSWORD).await;
    let agenda: Agenda = vera.answer("my_agenda", &[]).await;
    assert_eq!(agenda.upcoming.len(), 1);
    assert_eq!(agenda.upcoming[0].id.as_str(), booking);
    assert_eq!(agenda.upcoming[0].starts_at, at);
    let mail = smtp
        .wait_for("vera@example.com", "Booked: Individual therapy")
        .await;
    assert!(mail.text.contains("(New York time)"), "{}", mail.text);
    assert!(mail.text.contains(&format!("/appointments/{booking}")));
    let ics = mail.calendar.as_deref().expect("an .ics for the client");
    assert!(ics.contains("BEGIN:VEVENT"), "{ics}");
    let theirs = smtp
        .wait_for("ada@example.com", "New booking: Vera Visitor")
        .await;
    assert!(theirs.text.contains("(Reykjavik time)"));
    assert!(theirs.calendar.is_some(), "an .ics for the professional");
    // reminders, a notification and a bill, as for an invitation
    let mut res = app
        .running
        .db
        .query(
            "RETURN count(SELECT id FROM reminder);
             RETURN count(SELECT id FROM notification);
             RETURN count(SELECT id FROM bill)",
        )
        .await
        .unwrap();
    let counts: [Option<i64>; 3] = [
        res.take(0).unwrap(),
        res.take(1).unwrap(),
        res.take(2).unwrap(),
    ];
    assert_eq!(
        counts,
        [Some(2), Some(1), Some(1)],
        "reminders, notices, bills"
    );

    // a second click on the same hold lands on the same booking, and books nothing more
    let again: String = vera.answer("book_held", &[("hold", &token)]).await;
    assert_eq!(again, booking);
    app.workers_have_looked().await;
    assert_eq!(smtp.count("vera@example.com", "Booked"), 1);
    assert!(!slots(&page(&app, &app.client(), &slug, &therapy).await).contains(&at));
}

#[tokio::test]
async fn a_hundred_people_racing_for_one_slot_get_one_hold_and_ninety_nine_clear_refusals() {
    let app = TestApp::spawn_dated().await;
    let (_ada, therapy, settings) = ada_with_hours(&app).await;
    let slug = settings.slug.as_str();
    let at = settings.preview[5];
    let browsers: Vec<reqwest::Client> = (0..100).map(|_| app.client()).collect();
    let results =
        futures_util::future::join_all(browsers.iter().map(|b| hold(&app, b, slug, &therapy, at)))
            .await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "{results:?}");
    for r in results.iter().filter_map(|r| r.as_ref().err()) {
        assert_eq!(r, &(409, ApiError::Refused(Refusal::SlotTaken)));
    }
}

#[tokio::test]
async fn a_hold_nobody_completes_runs_out_and_leaves_nothing_behind() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let (_ada, therapy, settings) = ada_with_hours(&app).await;
    let slug = settings.slug.as_str();
    let at = settings.preview[2];
    let walker = app.client();
    let token = hold(&app, &walker, slug, &therapy, at).await.expect("held");
    // someone else is refused meanwhile
    assert_eq!(
        hold(&app, &app.client(), slug, &therapy, at).await,
        Err((409, ApiError::Refused(Refusal::SlotTaken)))
    );

    // ten minutes on, the slot is free again and someone else can have it
    app.clock.advance(Duration::minutes(11));
    assert!(slots(&page(&app, &app.client(), slug, &therapy).await).contains(&at));
    let other = hold(&app, &app.client(), slug, &therapy, at).await;
    assert!(other.is_ok(), "{other:?}");
    // the walker comes back too late: told the time is taken, and no account is made
    let res = app
        .call(
            &walker,
            "sign_up_and_book",
            &[
                ("hold", &token),
                ("name", "Walt Away"),
                ("email", "walt@example.com"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
    // no booking, no mail, no reminder came of the first hold
    app.workers_have_looked().await;
    assert_eq!(smtp.count("ada@example.com", "New booking"), 0);
    let bookings: Option<i64> = app
        .running
        .db
        .query("RETURN count(SELECT id FROM booking)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(bookings, Some(0));
    let reminders: Option<i64> = app
        .running
        .db
        .query("RETURN count(SELECT id FROM reminder)")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    assert_eq!(reminders, Some(0));
}

#[tokio::test]
async fn an_existing_client_books_from_the_link_and_sees_it_at_once() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let (_ada, therapy, settings) = ada_with_hours(&app).await;
    let cy = app.user("Cy Client", "cy@example.com").await;
    let at = settings.preview[0];
    let token = hold(&app, &cy, settings.slug.as_str(), &therapy, at)
        .await
        .expect("held");
    let booking: String = cy.answer("book_held", &[("hold", &token)]).await;
    let agenda: Agenda = cy.answer("my_agenda", &[]).await;
    assert_eq!(agenda.upcoming[0].id.as_str(), booking);
    let connections: Vec<app::domain::Connection> = cy.answer("my_connections", &[]).await;
    assert_eq!(connections.len(), 1);
    smtp.wait_for("cy@example.com", "Booked: Individual therapy")
        .await;
}

#[tokio::test]
async fn the_public_page_shows_only_free_times_and_a_wrong_link_is_not_found() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let (ada, therapy, settings) = ada_with_hours(&app).await;
    let slug = settings.slug.as_str();
    let cy = app.user("Cy Secretname", "cy.secret@example.com").await;
    let at = settings.preview[1];
    let token = hold(&app, &cy, slug, &therapy, at).await.expect("held");
    let _: String = cy.answer("book_held", &[("hold", &token)]).await;

    let res = app
        .call(
            &app.client(),
            "booking_page",
            &[("slug", slug), ("service", &therapy)],
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    for private in ["Secretname", "cy.secret", "ada@example.com", "token"] {
        assert!(!body.contains(private), "{private} in {body}");
    }
    // the server-rendered page too
    let html = app.page(&app.client(), &format!("/book/{slug}")).await;
    assert_eq!(html.status(), 200);
    let html = html.text().await.unwrap();
    assert!(html.contains("Dr. Ada Lovelace"));
    assert!(!html.contains("Secretname"));

    for wrong in ["no-such-person", "x", "../etc"] {
        let res = app
            .call(
                &app.client(),
                "booking_page",
                &[("slug", wrong), ("service", "")],
            )
            .await;
        assert_eq!(res.status(), 404, "{wrong}");
    }
    assert_eq!(
        app.page(&app.client(), "/book/no-such-person")
            .await
            .status(),
        404
    );
    // numbers from the address bar far out of range are a page, not a crash
    let far = format!("/book/{slug}?service={therapy}&from=4000000000");
    assert_eq!(app.page(&app.client(), &far).await.status(), 200);
    for at in ["%2B262143-12-31", "-262143-01-01", "9999-12-31"] {
        let res = ada.page(&format!("/calendar?at={at}")).await;
        assert_eq!(res.status(), 200, "{at}");
        let res = ada.page(&format!("/calendar?view=month&at={at}")).await;
        assert_eq!(res.status(), 200, "{at}");
    }

    // renamed: the new name works, and the old one still leads to the same page
    let res = ada.call("rename_link", &[("slug", "ada")]).await;
    assert_eq!(res.status(), 200);
    let old = page(&app, &app.client(), slug, &therapy).await;
    assert_eq!(old.slug.as_str(), "ada");
    let new = page(&app, &app.client(), "ada", &therapy).await;
    assert_eq!(new.professional, old.professional);
    // and the old page's address sends the browser on to the new one
    let res = app
        .page(&app.client(), &format!("/book/{slug}?service={therapy}"))
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/book/ada?service={therapy}")
    );
    // a name someone else has had is theirs
    let bo = professional(&app, "bo@example.com", "UTC").await;
    let errors = bo.invalid("rename_link", &[("slug", slug)]).await;
    assert_eq!(
        errors.get(app::domain::Field::Slug),
        Some(app::domain::Problem::Slug(app::domain::SlugError::Taken))
    );
}

#[tokio::test]
async fn hours_that_make_no_sense_are_refused_next_to_their_field_and_nothing_changes() {
    let app = TestApp::spawn_dated().await;
    let (ada, _therapy, before) = ada_with_hours(&app).await;
    let errors = ada
        .invalid(
            "save_hours",
            &[
                ("mon", "17:00-09:00"),
                ("tue", "9-5"),
                ("wed", "09:00-12:00, 11:00-13:00"),
                ("overrides", "christmas: off"),
                ("notice_hours", "-1"),
                ("horizon_days", "0"),
                ("buffer_minutes", "lots"),
            ],
        )
        .await;
    use app::domain::{Field, HoursError, Problem};
    assert_eq!(
        errors.get(Field::Hours(0)),
        Some(Problem::Hours(HoursError::EndsBeforeStart))
    );
    assert_eq!(
        errors.get(Field::Hours(1)),
        Some(Problem::Hours(HoursError::BadRange))
    );
    assert_eq!(
        errors.get(Field::Hours(2)),
        Some(Problem::Hours(HoursError::Overlapping))
    );
    assert_eq!(
        errors.get(Field::Overrides),
        Some(Problem::Hours(HoursError::BadOverride))
    );
    assert_eq!(errors.get(Field::Notice), Some(Problem::OutOfRange));
    assert_eq!(errors.get(Field::Horizon), Some(Problem::OutOfRange));
    assert_eq!(errors.get(Field::Buffer), Some(Problem::OutOfRange));
    let after: LinkSettings = ada.answer("my_link", &[]).await;
    assert_eq!(after.availability, before.availability);
    // a client has no hours
    let cy = app.user("Cy", "cy@example.com").await;
    assert_eq!(cy.call("my_link", &[]).await.status(), 403);
}

#[tokio::test]
async fn the_break_between_sessions_holds_when_neighbouring_times_are_taken_at_once() {
    let app = TestApp::spawn_dated().await;
    let (ada, therapy, _) = ada_with_hours(&app).await;
    // a 30-minute break: 09:00-09:50 and 10:00-10:50 can't both be had
    let settings = weekdays_nine_to_five(&ada, "30").await;
    let slug = settings.slug.as_str();
    // Thursday 16 January 2031, Reykjavik is UTC
    let nine: DateTime<Utc> = "2031-01-16T09:00:00Z".parse().unwrap();
    let ten = nine + Duration::hours(1);
    assert!(settings.preview.contains(&nine) && settings.preview.contains(&ten));
    let browsers: Vec<reqwest::Client> = (0..20).map(|_| app.client()).collect();
    let results = futures_util::future::join_all(
        browsers
            .iter()
            .enumerate()
            .map(|(i, b)| hold(&app, b, slug, &therapy, if i % 2 == 0 { nine } else { ten })),
    )
    .await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
}

#[tokio::test]
async fn a_links_public_functions_are_rate_limited_per_address() {
    let mut config = server::config::Config::for_tests();
    config.link_rate = server::http::rate_limit::Limit {
        burst: 3,
        per_hour: 3,
    };
    config.hold_rate = config.link_rate;
    let app = TestApp::spawn_with(config).await;
    let (_ada, therapy, settings) = ada_with_hours(&app).await;
    let slug = settings.slug.as_str();
    // each endpoint counts on its own: three answers, then "too many"
    for endpoint in ["booking_page", "hold_slot", "held_slot"] {
        for _ in 0..3 {
            let res = app
                .call(
                    &app.client(),
                    endpoint,
                    &[("slug", slug), ("service", &therapy)],
                )
                .await;
            assert_ne!(res.status(), 429, "{endpoint}");
        }
        let res = app
            .call(
                &app.client(),
                endpoint,
                &[("slug", slug), ("service", &therapy)],
            )
            .await;
        assert_eq!(res.status(), 429, "{endpoint}");
    }
}

#[tokio::test]
async fn nobody_can_hold_a_whole_calendar() {
    let app = TestApp::spawn_dated().await;
    let (_ada, therapy, settings) = ada_with_hours(&app).await;
    let slug = settings.slug.as_str();
    // times an hour apart, none within the break of another
    let times: Vec<DateTime<Utc>> = settings.preview.iter().step_by(2).copied().collect();
    assert!(times.len() > 21);
    for at in &times[..20] {
        assert!(hold(&app, &app.client(), slug, &therapy, *at).await.is_ok());
    }
    assert_eq!(
        hold(&app, &app.client(), slug, &therapy, times[20]).await,
        Err((503, ApiError::Busy))
    );
    // as they run out, times can be held again
    app.clock.advance(Duration::minutes(11));
    assert!(
        hold(&app, &app.client(), slug, &therapy, times[20])
            .await
            .is_ok()
    );
}
