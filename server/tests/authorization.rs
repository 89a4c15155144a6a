//! Object-level authorization for bookings, notifications and profiles (SEC-15): every server
//! function of the area, called with someone else's ids, refuses and shows nothing of theirs.

mod support;

use app::domain::{
    AppointmentView, Bill, BillStatus, BookingStatus, ClientSummary, Field, Notification,
};
use support::TestApp;
use support::practice::{accept, app_with_mail, booked, professional, service, token_of};
use support::smtp::{SmtpServer, link_containing};

/// Ada books Cy; Bo books Eve. Returns their browsers and Cy's booking id.
struct World {
    app: TestApp,
    ada: reqwest::Client,
    bo: reqwest::Client,
    cy: reqwest::Client,
    eve: reqwest::Client,
    cy_booking: String,
    _smtp: SmtpServer,
}

async fn world() -> World {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let ada = professional(&app, "ada@example.com", "UTC").await;
    let bo = professional(&app, "bo@example.com", "UTC").await;
    let ada_service = service(&app, &ada, "50").await;
    let bo_service = service(&app, &bo, "50").await;
    let cy_booking = booked(
        &app,
        &ada,
        &ada_service,
        "2031-06-02",
        "10:00",
        "cy@example.com",
    )
    .await;
    booked(
        &app,
        &bo,
        &bo_service,
        "2031-06-02",
        "10:00",
        "eve@example.com",
    )
    .await;
    let mut clients = Vec::new();
    for (email, name) in [
        ("cy@example.com", "Cy Client"),
        ("eve@example.com", "Eve Other"),
    ] {
        let link = link_containing(&smtp.wait_for(email, "Booked").await.text, "token=");
        clients.push(accept(&app, &token_of(&link), name, "UTC").await);
    }
    let eve = clients.pop().unwrap().browser;
    let cy = clients.pop().unwrap().browser;
    let (ada, bo) = (ada.browser, bo.browser);
    World {
        app,
        ada,
        bo,
        cy,
        eve,
        cy_booking,
        _smtp: smtp,
    }
}

#[tokio::test]
async fn nobody_reads_or_changes_another_persons_bookings_or_notifications() {
    let w = world().await;
    let app = &w.app;
    let id = w.cy_booking.as_str();
    let cy_notes: Vec<Notification> = app.answer(&w.cy, "my_notifications", &[]).await;
    let cy_note = cy_notes[0].id.as_str().to_owned();

    // another client, and another professional: the same 404 as for no booking at all
    for (who, client) in [("Eve", &w.eve), ("Bo", &w.bo)] {
        for endpoint in ["appointment", "cancel_booking"] {
            let res = app.call(client, endpoint, &[("id", id)]).await;
            assert_eq!(res.status(), 404, "{who} {endpoint}");
            let none = app.call(client, endpoint, &[("id", "nosuchbooking")]).await;
            assert_eq!(none.status(), 404, "{who} {endpoint} unknown id");
            assert_eq!(
                res.text().await.unwrap(),
                none.text().await.unwrap(),
                "{who} {endpoint} can't tell it exists"
            );
        }
        let res = app
            .call(client, "mark_notifications_read", &[("id", &cy_note)])
            .await;
        assert_eq!(res.status(), 404, "{who} marking Cy's notification");
        // nor writes to Ada or Cy through their booking
        let res = app
            .call(client, "send_message", &[("id", id), ("message", "hello")])
            .await;
        assert_eq!(res.status(), 404, "{who} messaging through Cy's booking");
    }
    let res = app
        .call(
            &w.bo,
            "reschedule_booking",
            &[("id", id), ("date", "2031-06-03"), ("time", "10:00")],
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .call(
            &w.eve,
            "reschedule_booking",
            &[("id", id), ("date", "2031-06-03"), ("time", "10:00")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // marking all of one's own read leaves others' alone
    assert_eq!(
        app.call(&w.eve, "mark_notifications_read", &[])
            .await
            .status(),
        200
    );
    assert_eq!(
        app.answer::<u64>(&w.cy, "unread_notifications", &[]).await,
        1
    );

    // lists show only one's own
    for (who, client, endpoints) in [
        (
            "Eve",
            &w.eve,
            &[
                "my_agenda",
                "my_connections",
                "my_notifications",
                "my_bills",
            ][..],
        ),
        (
            "Bo",
            &w.bo,
            &[
                "my_bookings",
                "my_clients",
                "my_notifications",
                "my_billing",
            ][..],
        ),
    ] {
        for endpoint in endpoints {
            let body = app.call(client, endpoint, &[]).await.text().await.unwrap();
            for secret in [id, "cy@example.com", "ada@example.com", &cy_note] {
                assert!(
                    !body.contains(secret),
                    "{who}'s {endpoint} shows {secret}: {body}"
                );
            }
        }
    }

    // nothing changed for Cy and Ada
    let seen: AppointmentView = app.answer(&w.cy, "appointment", &[("id", id)]).await;
    assert_eq!(seen.booking.status, BookingStatus::Booked);
    assert_eq!(
        seen.booking.starts_at,
        "2031-06-02T10:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    );
    let cy_bills: Vec<Bill> = app.answer(&w.cy, "my_bills", &[]).await;
    assert_eq!(cy_bills.len(), 1);
    assert_eq!(cy_bills[0].booking.as_str(), id);
    assert_eq!(cy_bills[0].status, BillStatus::Open);
    let ada_clients: Vec<ClientSummary> = app.answer(&w.ada, "my_clients", &[]).await;
    assert_eq!(ada_clients[0].email.as_str(), "cy@example.com");
    assert!(ada_clients[0].has_account);
    assert_eq!(ada_clients.len(), 1);
}

#[tokio::test]
async fn professional_only_functions_refuse_clients() {
    let w = world().await;
    for endpoint in [
        "my_clients",
        "my_bookings",
        "my_public_profile",
        "save_public_profile",
        "reschedule_booking",
    ] {
        let res = w.app.call(&w.cy, endpoint, &[("id", &w.cy_booking)]).await;
        assert_eq!(res.status(), 403, "{endpoint}");
    }
}

#[tokio::test]
async fn a_professionals_public_profile_is_saved_checked_and_shown_to_their_clients() {
    let w = world().await;
    let app = &w.app;
    let errors = app
        .invalid(
            &w.ada,
            "save_public_profile",
            &[
                ("title", &"x".repeat(81)),
                ("bio", "Warm"),
                ("languages", "English"),
            ],
        )
        .await;
    assert_eq!(errors.0[0].field, Field::Title);
    let res = app
        .call(
            &w.ada,
            "save_public_profile",
            &[
                ("title", "Clinical psychologist"),
                ("bio", "I work with anxiety."),
                ("languages", "English, Icelandic"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .call(&w.cy, "appointment", &[("id", &w.cy_booking)])
        .await;
    assert_eq!(res.status(), 200);
    let wire = res.text().await.unwrap();
    // what a client sees of the professional holds no address: read on the wire itself, where
    // a field the type leaves out would still show
    assert!(!wire.contains("ada@example.com"), "{wire}");
    let seen: AppointmentView = serde_json::from_str(&wire).unwrap();
    assert_eq!(
        seen.professional.title.as_ref().map(|t| t.as_str()),
        Some("Clinical psychologist")
    );
    assert_eq!(
        seen.professional.languages.as_slice(),
        ["English", "Icelandic"]
    );
    let page = app.page(&w.cy, "/connections").await.text().await.unwrap();
    assert!(page.contains("I work with anxiety."), "{page}");
    assert!(page.contains("Sessions in: English, Icelandic"), "{page}");
}

#[tokio::test]
async fn messages_from_one_address_are_rate_limited() {
    let w = world().await;
    let id = w.cy_booking.as_str();
    for _ in 0..server::startup::MESSAGE_RATE.burst {
        let res = w
            .app
            .call(&w.cy, "send_message", &[("id", id), ("message", " ")])
            .await;
        assert_eq!(
            res.status(),
            422,
            "an empty message is refused by its field"
        );
    }
    let res = w
        .app
        .call(&w.cy, "send_message", &[("id", id), ("message", "hello")])
        .await;
    assert_eq!(res.status(), 429);
}
