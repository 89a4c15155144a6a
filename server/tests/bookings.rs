//! Booking a client: the professional's own services, in their time zone, never double-booked.

mod support;

use app::api::ApiError;
use app::domain::{Booking, Field, Problem, WhenError};
use chrono::{DateTime, Utc};
use support::practice::{invite, professional, service};
use support::user::field_errors;
use support::{PASSWORD, TestApp, join_all};

/// The first field error of a refusal that must be `ApiError::Invalid`.
async fn problem_of(res: reqwest::Response) -> (Field, Problem) {
    let errors = field_errors(res.json::<ApiError>().await.unwrap());
    (errors.0[0].field, errors.0[0].problem)
}

fn at(instant: &str) -> DateTime<Utc> {
    instant.parse().unwrap()
}

#[tokio::test]
async fn a_booking_is_stored_as_the_instant_the_professional_meant_across_a_dst_change() {
    let app = TestApp::spawn_dated().await;
    let pro = professional(&app, "ada@example.com", "Europe/London").await;
    let therapy = service(&app, &pro, "50").await;

    // the Saturday before British clocks go forward, and the Monday after
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2031-03-29",
        "09:00",
        "cy@example.com",
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/?saved=booking");
    let booked: Booking = res.json().await.unwrap();
    assert_eq!(booked.starts_at, at("2031-03-29T09:00:00Z"));
    assert_eq!(booked.ends_at, at("2031-03-29T09:50:00Z"));
    assert_eq!(booked.service_name.as_str(), "Individual therapy");
    assert_eq!(booked.price.minor(), 12_500);
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2031-03-31",
        "09:00",
        "cy@example.com",
    )
    .await;
    let booked: Booking = res.json().await.unwrap();
    assert_eq!(
        booked.starts_at,
        at("2031-03-31T08:00:00Z"),
        "09:00 BST is 08:00 UTC"
    );

    // the hour the clocks skip doesn't exist
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2031-03-30",
        "01:30",
        "cy@example.com",
    )
    .await;
    assert_eq!(res.status(), 422);
    let (field, problem) = problem_of(res).await;
    assert_eq!(field, Field::Time);
    assert_eq!(problem, Problem::When(WhenError::NoSuchTime));

    let sessions: Vec<Booking> = app.answer(&pro, "my_bookings", &[]).await;
    let starts: Vec<_> = sessions.iter().map(|b| b.starts_at).collect();
    assert_eq!(
        starts,
        [at("2031-03-29T09:00:00Z"), at("2031-03-31T08:00:00Z")]
    );
    // Home shows them in the professional's zone
    let home = app.page(&pro, "/").await.text().await.unwrap();
    assert!(home.contains("2031-03-31 at 09:00 · Cy Client"), "{home}");
}

#[tokio::test]
async fn overlapping_past_and_foreign_bookings_are_refused() {
    let app = TestApp::spawn_dated().await;
    let pro = professional(&app, "ada@example.com", "UTC").await;
    let therapy = service(&app, &pro, "50").await;
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2031-06-02",
        "10:00",
        "cy@example.com",
    )
    .await;
    assert_eq!(res.status(), 200);

    // 10:30 overlaps 10:00-10:50; 10:50 starts as the other ends and is fine
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2031-06-02",
        "10:30",
        "di@example.com",
    )
    .await;
    assert_eq!(res.status(), 422);
    assert_eq!(problem_of(res).await.1, Problem::Overlap);
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2031-06-02",
        "10:50",
        "di@example.com",
    )
    .await;
    assert_eq!(res.status(), 200);

    let res = invite(
        &app,
        &pro,
        &therapy,
        "2020-01-01",
        "10:00",
        "di@example.com",
    )
    .await;
    assert_eq!(res.status(), 422);
    assert_eq!(problem_of(res).await.1, Problem::When(WhenError::InThePast));

    // another professional's service is not one of mine, and looks like one that doesn't exist
    let bo = professional(&app, "bo@example.com", "UTC").await;
    let res = invite(&app, &bo, &therapy, "2031-06-03", "10:00", "di@example.com").await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        problem_of(res).await,
        (Field::Service, Problem::UnknownService)
    );
    let res = invite(
        &app,
        &bo,
        "nosuchservice",
        "2031-06-03",
        "10:00",
        "di@example.com",
    )
    .await;
    assert_eq!(problem_of(res).await.1, Problem::UnknownService);
    let theirs: Vec<Booking> = app.answer(&bo, "my_bookings", &[]).await;
    assert!(
        theirs.is_empty(),
        "nothing of Ada's leaks to Bo: {theirs:?}"
    );

    // clients and strangers can't book or look
    let cy = app.client();
    app.signed_up(&cy, "Cy", "cy@example.com", PASSWORD).await;
    assert_eq!(
        invite(&app, &cy, &therapy, "2031-06-04", "10:00", "x@example.com")
            .await
            .status(),
        403
    );
    assert_eq!(app.call(&cy, "my_bookings", &[]).await.status(), 403);
}

// several worker threads, so the server really runs the 50 transactions side by side
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_overlapping_invites_make_exactly_one_booking() {
    let app = TestApp::spawn_dated().await;
    let pro = professional(&app, "ada@example.com", "UTC").await;
    let therapy = service(&app, &pro, "60").await;
    let started = std::time::Instant::now();
    let attempts = (0..50).map(|i| {
        let (app, pro, therapy) = (&app, &pro, &therapy);
        // every one of them overlaps every other: starts spread over 49 minutes of a 60-minute slot
        let time = format!("10:{i:02}");
        async move {
            invite(
                app,
                pro,
                therapy,
                "2031-06-02",
                &time,
                &format!("c{i}@example.com"),
            )
            .await
            .status()
            .as_u16()
        }
    });
    let statuses = join_all(attempts).await;
    let booked = statuses.iter().filter(|s| **s == 200).count();
    let refused = statuses.iter().filter(|s| **s == 422).count();
    println!(
        "50 concurrent overlapping invites: {booked} booked, {refused} refused, in {:?}",
        started.elapsed()
    );
    assert_eq!(booked, 1, "{statuses:?}");
    assert_eq!(refused, 49, "{statuses:?}");
    let sessions: Vec<Booking> = app.answer(&pro, "my_bookings", &[]).await;
    assert_eq!(sessions.len(), 1);
}

#[tokio::test]
async fn a_date_further_ahead_than_two_years_is_refused_next_to_the_date() {
    let app = TestApp::spawn_dated().await;
    let pro = professional(&app, "ada@example.com", "UTC").await;
    let therapy = service(&app, &pro, "50").await;
    // the clock reads 2031-01-15: two years ahead is 2033-01-14
    for date in ["2033-01-16", "2062-01-15", "9999-12-31", "10000-01-01"] {
        let res = invite(&app, &pro, &therapy, date, "10:00", "cy@example.com").await;
        assert_eq!(res.status(), 422, "{date}");
        let (field, problem) = problem_of(res).await;
        assert_eq!(field, Field::Date, "{date}");
        assert!(
            problem == Problem::When(WhenError::TooFarAhead)
                || problem == Problem::When(WhenError::BadDate),
            "{date}: {problem:?}"
        );
    }
    let (_, problem) = problem_of(
        invite(
            &app,
            &pro,
            &therapy,
            "9999-12-31",
            "10:00",
            "cy@example.com",
        )
        .await,
    )
    .await;
    assert_eq!(problem, Problem::When(WhenError::TooFarAhead));
    let sessions: Vec<Booking> = app.answer(&pro, "my_bookings", &[]).await;
    assert!(sessions.is_empty(), "nothing was booked: {sessions:?}");

    // within the bound it books, and can't be moved past it either
    let res = invite(
        &app,
        &pro,
        &therapy,
        "2033-01-13",
        "10:00",
        "cy@example.com",
    )
    .await;
    assert_eq!(res.status(), 200);
    let booking: Booking = res.json().await.unwrap();
    let id = booking.id.as_str();
    let res = app
        .call(
            &pro,
            "reschedule_booking",
            &[("id", id), ("date", "2040-01-01"), ("time", "10:00")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        problem_of(res).await,
        (Field::Date, Problem::When(WhenError::TooFarAhead))
    );
}
