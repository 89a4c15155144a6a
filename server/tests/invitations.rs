//! A professional invites a client: the confirmation mail (real SMTP) with its calendar file, and
//! the join link that creates the client's account or takes them to it, for them alone.

mod support;

use app::api::ApiError;
use app::domain::{
    Agenda, AppointmentView, BookingId, Connection, Invitation, Notification, NotificationKind,
};
use support::ics::Calendar;
use support::practice::{accept, app_with_mail, booked, professional, service, token_of};
use support::smtp::{SmtpServer, link_containing};
use support::{PASSWORD, TestApp};

async fn agenda(app: &TestApp, client: &reqwest::Client) -> Agenda {
    app.answer(client, "my_agenda", &[]).await
}

async fn opened(app: &TestApp, client: &reqwest::Client, token: &str) -> Invitation {
    app.answer(client, "open_invitation", &[("token", token)])
        .await
}

/// The ids of a list of bookings, in order.
fn ids(bookings: &[app::domain::Booking]) -> Vec<&str> {
    bookings.iter().map(|b| b.id.as_str()).collect()
}

#[tokio::test]
async fn the_invitation_mail_has_every_detail_a_calendar_file_and_a_link_that_makes_the_account() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let pro = professional(&app, "ada@example.com", "Europe/London").await;
    let therapy = service(&app, &pro, "50").await;
    // the Monday after British clocks go forward: 09:00 BST is 08:00 UTC
    let id = booked(
        &app,
        &pro,
        &therapy,
        "2031-03-31",
        "09:00",
        "cy@example.com",
    )
    .await;

    let mail = smtp.wait_for("cy@example.com", "Booked").await;
    assert_eq!(
        mail.subject,
        "Booked: Individual therapy with Dr. Ada Lovelace on Monday 31 March 2031"
    );
    // the client has no account yet: the professional's zone, named
    for line in [
        "When: Monday 31 March 2031, 09:00–09:50 (London time)",
        "With: Dr. Ada Lovelace",
        "Session: Individual therapy, Video, 50 min",
        "Price: ISK 12,500",
    ] {
        assert!(
            mail.text.contains(line),
            "{line} missing from {}",
            mail.text
        );
    }
    let link = link_containing(&mail.text, "/join?token=");
    assert!(mail.html.contains(&format!("href=\"{link}\"")));

    let ics = Calendar::parse(mail.calendar.as_deref().expect("an .ics attachment"));
    assert_eq!(ics.get("METHOD"), "REQUEST");
    assert_eq!(
        ics.instant("DTSTART").to_rfc3339(),
        "2031-03-31T08:00:00+00:00"
    );
    assert_eq!(
        ics.instant("DTEND").to_rfc3339(),
        "2031-03-31T08:50:00+00:00"
    );
    assert!(ics.get("UID").starts_with(&id));
    assert_eq!(ics.get("SEQUENCE"), "0");
    assert_eq!(ics.get("STATUS"), "CONFIRMED");
    assert_eq!(ics.get("URL"), link);
    assert!(ics.get("SUMMARY").contains("Individual therapy"));
    assert_eq!(ics.param("ORGANIZER", "CN"), "Dr. Ada Lovelace");

    // the link, opened by nobody in particular, asks for the account with the address filled in
    let token = token_of(&link);
    let anonymous = app.client();
    let page = app.page(&anonymous, &format!("/join?token={token}")).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Create your account"), "{html}");
    assert!(html.contains("value=\"cy@example.com\""), "{html}");
    assert!(
        !html.contains("12,500"),
        "the booking stays unread until the account exists"
    );

    let res = app
        .call(
            &anonymous,
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Cy Client"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("timezone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["location"].to_str().unwrap(),
        format!("/appointments/{id}")
    );
    let cy = anonymous;
    let upcoming = agenda(&app, &cy).await.upcoming;
    assert_eq!(upcoming[0].id.as_str(), id);
    assert_eq!(upcoming[0].professional.name.as_str(), "Dr. Ada Lovelace");
    let connections: Vec<Connection> = app.answer(&cy, "my_connections", &[]).await;
    assert_eq!(
        connections[0].professional.person.name.as_str(),
        "Dr. Ada Lovelace"
    );
    let notes: Vec<Notification> = app.answer(&cy, "my_notifications", &[]).await;
    assert_eq!(notes[0].kind, NotificationKind::BookingCreated);
    assert_eq!(app.answer::<u64>(&cy, "unread_notifications", &[]).await, 1);
    // the appointment page, in the client's zone: 08:00 UTC is 04:00 in New York
    let page = app
        .page(&cy, &format!("/appointments/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Monday 31 March 2031, 04:00–04:50 (New York time)"),
        "{page}"
    );
    assert!(app.can_log_in("cy@example.com", PASSWORD).await);

    // the link now goes straight to the appointment
    let again = app.page(&cy, &format!("/join?token={token}")).await;
    assert_eq!(again.status(), 302);
    assert_eq!(
        again.headers()["location"],
        format!("/appointments/{id}").as_str()
    );
    // and making a second account with it is refused
    let res = app
        .call(
            &app.client(),
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Mallory"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
}

#[tokio::test]
async fn an_existing_account_logs_in_through_the_link_and_later_invitations_arrive_at_once() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let pro = professional(&app, "ada@example.com", "Europe/London").await;
    let therapy = service(&app, &pro, "50").await;
    let cy = app.client();
    let res = app
        .call(
            &cy,
            "sign_up",
            &[
                ("name", "Cy Client"),
                ("email", "Cy@Example.com"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("timezone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let first = booked(
        &app,
        &pro,
        &therapy,
        "2031-03-07",
        "14:00",
        "cy@example.com",
    )
    .await;
    let link = link_containing(
        &smtp.wait_for("cy@example.com", "Booked").await.text,
        "token=",
    );
    let token = token_of(&link);

    // signing up didn't prove the address, so the booking waits for the link
    let upcoming = agenda(&app, &cy).await.upcoming;
    assert!(upcoming.is_empty(), "{upcoming:?}");
    let anonymous = app
        .page(&app.client(), &format!("/join?token={token}"))
        .await;
    let html = anonymous.text().await.unwrap();
    assert!(html.contains("Log in to see your appointment"), "{html}");
    assert!(html.contains("value=\"cy@example.com\""));
    assert_eq!(
        opened(&app, &cy, &token).await,
        Invitation::Yours(BookingId::new(first.as_str()))
    );
    assert_eq!(agenda(&app, &cy).await.upcoming[0].id.as_str(), first);

    // now the address is proven: the next invitation is on their agenda without a click, in
    // their zone; US clocks went forward on 9 March, so 14:00 UTC is 09:00 on the 7th and 10:00
    // on the 10th
    let second = booked(
        &app,
        &pro,
        &therapy,
        "2031-03-10",
        "14:00",
        "cy@example.com",
    )
    .await;
    let upcoming = agenda(&app, &cy).await.upcoming;
    assert_eq!(ids(&upcoming), [first.as_str(), second.as_str()]);
    let mail = smtp.wait_for("cy@example.com", "10 March").await;
    assert!(
        mail.text
            .contains("Monday 10 March 2031, 10:00–10:50 (New York time)"),
        "{}",
        mail.text
    );
    let home = app.page(&cy, "/").await.text().await.unwrap();
    assert!(home.contains("Friday 7 March 2031, 09:00"), "{home}");
    assert!(home.contains("Monday 10 March 2031, 10:00"), "{home}");
    let ics = Calendar::parse(mail.calendar.as_deref().unwrap());
    assert_eq!(
        ics.instant("DTSTART").to_rfc3339(),
        "2031-03-10T14:00:00+00:00"
    );
    let notes: Vec<Notification> = app.answer(&cy, "my_notifications", &[]).await;
    assert_eq!(notes.len(), 2);
}

/// Ada (UTC) has booked cy@example.com, who has no account yet; the join link's token.
struct Invited {
    smtp: SmtpServer,
    app: TestApp,
    id: String,
    token: String,
}

async fn invited_cy() -> Invited {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let pro = professional(&app, "ada@example.com", "UTC").await;
    let therapy = service(&app, &pro, "50").await;
    let id = booked(
        &app,
        &pro,
        &therapy,
        "2031-06-02",
        "10:00",
        "cy@example.com",
    )
    .await;
    let token = token_of(&link_containing(
        &smtp.wait_for("cy@example.com", "Booked").await.text,
        "token=",
    ));
    Invited {
        smtp,
        app,
        id,
        token,
    }
}

#[tokio::test]
async fn a_link_shows_nothing_to_anyone_else_and_an_unknown_one_nothing_at_all() {
    let Invited {
        // kept until the end: the server sends its mail there
        smtp: _smtp,
        app,
        id,
        token,
    } = invited_cy().await;

    let eve = app.client();
    app.signed_up(&eve, "Eve", "eve@example.com", PASSWORD)
        .await;
    assert_eq!(
        opened(&app, &eve, &token).await,
        Invitation::OtherAccount {
            invited: "c…@example.com".to_owned()
        }
    );
    let upcoming = agenda(&app, &eve).await.upcoming;
    assert!(upcoming.is_empty(), "{upcoming:?}");
    assert_eq!(
        app.call(&eve, "appointment", &[("id", &id)]).await.status(),
        404
    );

    let cy = accept(&app, &token, "Cy Client", "UTC").await;
    let seen: AppointmentView = cy.answer("appointment", &[("id", &id)]).await;
    assert_eq!(seen.booking.id.as_str(), id);
    let theirs = opened(&app, &eve, &token).await;
    assert!(
        matches!(theirs, Invitation::OtherAccount { .. }),
        "{theirs:?}"
    );

    for bad in ["", "nonsense", &"0".repeat(64)] {
        assert_eq!(
            opened(&app, &app.client(), bad).await,
            Invitation::Invalid,
            "{bad}"
        );
    }
    let page = app
        .page(&app.client(), "/join?token=nonsense")
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("This link doesn"), "{page}");
}

#[tokio::test]
async fn someone_who_squats_the_invited_address_never_blocks_the_invitee() {
    let Invited {
        smtp,
        app,
        id,
        token,
    } = invited_cy().await;

    // Mallory signs up with Cy's address (sign-up proves nothing) before Cy clicks
    let mallory = app.client();
    let res = app
        .sign_up(
            &mallory,
            "Mallory",
            "cy@example.com",
            "quite another passphrase",
        )
        .await;
    assert_eq!(res.status(), 200);
    let users = app.user_count().await;

    // Cy's link can't make a second account: a plain refusal, nothing written
    let refused = app
        .refusal(
            &app.client(),
            "accept_invitation",
            &[
                ("token", &token),
                ("name", "Cy Client"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        )
        .await;
    assert_eq!(refused, (409, ApiError::EmailTaken));
    assert_eq!(app.user_count().await, users);
    // and Mallory, without the link, sees nothing of the booking
    let upcoming = agenda(&app, &mallory).await.upcoming;
    assert!(upcoming.is_empty(), "{upcoming:?}");
    assert_eq!(
        app.call(&mallory, "appointment", &[("id", &id)])
            .await
            .status(),
        404
    );

    // the link's page offers the log-in with a way to prove the address: a reset by email
    let page = app
        .page(&app.client(), &format!("/join?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("/forgot-password"), "{page}");
    app.call(
        &app.client(),
        "request_password_reset",
        &[("email", "cy@example.com")],
    )
    .await;
    let mail = smtp.wait_for("cy@example.com", "Reset your").await;
    let reset = link_containing(&mail.text, "token=");
    let cy = app.client();
    let res = app
        .call(
            &cy,
            "reset_password",
            &[("token", &token_of(&reset)), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 200);

    // Cy now holds the account: the invitation is theirs, Mallory is out
    assert_eq!(
        opened(&app, &cy, &token).await,
        Invitation::Yours(BookingId::new(id.as_str()))
    );
    assert_eq!(agenda(&app, &cy).await.upcoming[0].id.as_str(), id);
    assert!(
        !app.can_log_in("cy@example.com", "quite another passphrase")
            .await
    );
    assert_eq!(app.page(&mallory, "/").await.status(), 302);
}
