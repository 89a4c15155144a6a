//! Changing a booking: the professional moves or cancels it, the client cancels until the
//! cut-off; the other side is told in the app and by email with an updated calendar file.

mod support;

use app::api::{ApiError, Refusal};
use app::domain::{
    AppointmentView, Booking, BookingStatus, Notification, NotificationKind, Problem, Role,
};
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use support::ics::Calendar;
use support::practice::{ada_books_cy, app_with_mail, booked_at, fields, start_in};
use support::smtp::SmtpServer;
use support::{ShiftedClock, TestApp};

struct Setup {
    app: TestApp,
    smtp: SmtpServer,
    clock: Arc<ShiftedClock>,
    pro: reqwest::Client,
    cy: reqwest::Client,
    therapy: String,
    id: String,
    start: DateTime<Utc>,
}

/// Ada books Cy (who makes their account from the link) five days from the clock's now.
async fn setup() -> Setup {
    let smtp = SmtpServer::start();
    let clock = Arc::new(ShiftedClock::default());
    let app = app_with_mail(&smtp, clock.clone()).await;
    let start = start_in(&app, Duration::days(5));
    let booked = ada_books_cy(&app, &smtp, start).await;
    let (pro, cy, therapy, id) = (
        booked.ada.browser,
        booked.cy.browser,
        booked.therapy,
        booked.id,
    );
    Setup {
        app,
        smtp,
        clock,
        pro,
        cy,
        therapy,
        id,
        start,
    }
}

/// The reschedule form for booking `id`, moved to `at`.
fn move_to(id: &str, at: DateTime<Utc>) -> [(&'static str, String); 3] {
    let (date, time) = fields(at);
    [("id", id.to_owned()), ("date", date), ("time", time)]
}

fn form<'a>(fields: &'a [(&'static str, String); 3]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn the_professional_moves_a_session_and_the_client_hears_with_a_new_calendar_entry() {
    let s = setup().await;
    let new_start = s.start + Duration::hours(5);
    let res = s
        .app
        .call(
            &s.pro,
            "reschedule_booking",
            &form(&move_to(&s.id, new_start)),
        )
        .await;
    assert_eq!(res.status(), 200);
    let moved: Booking = res.json().await.unwrap();
    assert_eq!(moved.starts_at, new_start);
    assert_eq!(moved.sequence, 1);

    let mail = s.smtp.wait_for("cy@example.com", "New time").await;
    let ics = Calendar::parse(mail.calendar.as_deref().unwrap());
    assert_eq!(ics.get("METHOD"), "REQUEST");
    assert_eq!(ics.get("SEQUENCE"), "1");
    assert!(ics.get("UID").starts_with(&s.id));
    assert_eq!(ics.instant("DTSTART"), new_start);
    let notes: Vec<Notification> = s.app.answer(&s.cy, "my_notifications", &[]).await;
    assert_eq!(notes[0].kind, NotificationKind::BookingChanged);

    // onto another booking's time: refused next to the time, nothing moves
    booked_at(
        &s.app,
        &s.pro,
        &s.therapy,
        s.start + Duration::hours(2),
        "di@example.com",
    )
    .await;
    let errors = s
        .app
        .invalid(
            &s.pro,
            "reschedule_booking",
            &form(&move_to(
                &s.id,
                s.start + Duration::hours(2) + Duration::minutes(30),
            )),
        )
        .await;
    assert_eq!(errors.0[0].problem, Problem::Overlap);
    let seen: AppointmentView = s.app.answer(&s.cy, "appointment", &[("id", &s.id)]).await;
    assert_eq!(seen.booking.starts_at, new_start);

    // the client can't move it
    let res = s
        .app
        .call(
            &s.cy,
            "reschedule_booking",
            &form(&move_to(&s.id, s.start + Duration::hours(6))),
        )
        .await;
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn the_client_cancels_before_the_cut_off_and_the_professional_is_told() {
    let s = setup().await;
    let res = s.app.call(&s.cy, "cancel_booking", &[("id", &s.id)]).await;
    assert_eq!(res.status(), 200);
    let cancelled: Booking = res.json().await.unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled.cancelled_by, Some(Role::Client));

    let mail = s
        .smtp
        .wait_for("ada@example.com", "Cancelled by Cy Client")
        .await;
    let ics = Calendar::parse(mail.calendar.as_deref().unwrap());
    assert_eq!(ics.get("METHOD"), "CANCEL");
    assert_eq!(ics.get("STATUS"), "CANCELLED");
    let notes: Vec<Notification> = s.app.answer(&s.pro, "my_notifications", &[]).await;
    assert_eq!(notes[0].kind, NotificationKind::BookingCancelled);
    assert_eq!(notes[0].other_party.as_str(), "Cy Client");
    let sessions: Vec<Booking> = s.app.answer(&s.pro, "my_bookings", &[]).await;
    assert!(sessions.is_empty(), "the time is free again: {sessions:?}");
    // twice is refused, plainly
    assert_eq!(
        s.app
            .refusal(&s.cy, "cancel_booking", &[("id", &s.id)])
            .await,
        (409, ApiError::Refused(Refusal::Closed))
    );
}

#[tokio::test]
async fn after_the_cut_off_only_the_professional_can_cancel() {
    let s = setup().await;
    // 23 hours before the start
    s.clock.advance(Duration::days(4) + Duration::hours(1));
    assert!(s.start - s.app.now() < Duration::hours(24));
    let cy = s.app.client();
    s.app.log_in(&cy, "cy@example.com", support::PASSWORD).await;
    assert_eq!(
        s.app.refusal(&cy, "cancel_booking", &[("id", &s.id)]).await,
        (409, ApiError::Refused(Refusal::TooLateToCancel))
    );
    let page = s
        .app
        .page(&cy, &format!("/appointments/{}", s.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("can no longer be cancelled here"), "{page}");
    let still: AppointmentView = s.app.answer(&cy, "appointment", &[("id", &s.id)]).await;
    assert_eq!(still.booking.status, BookingStatus::Booked);

    let pro = s.app.client();
    s.app
        .log_in(&pro, "ada@example.com", support::PASSWORD)
        .await;
    assert_eq!(
        s.app
            .call(&pro, "cancel_booking", &[("id", &s.id)])
            .await
            .status(),
        200
    );
    let mail = s.smtp.wait_for("cy@example.com", "Cancelled:").await;
    assert_eq!(
        Calendar::parse(mail.calendar.as_deref().unwrap()).get("METHOD"),
        "CANCEL"
    );
    let notes: Vec<Notification> = s.app.answer(&cy, "my_notifications", &[]).await;
    assert_eq!(notes[0].kind, NotificationKind::BookingCancelled);
}
