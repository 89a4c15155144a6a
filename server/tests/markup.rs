//! Whatever people type (names, a bio, a title, languages, service names) is shown as text on
//! every page that shows it, never read as markup: no element of theirs appears in our HTML.

mod support;

use app::domain::{Booking, Service};
use chrono::Duration;
use support::practice::{
    accept, app_with_mail, booked_at, fields, professional, start_in, token_of,
};
use support::smtp::{SmtpServer, link_containing};

/// Ends the raw-text elements a renderer might wrap text in, then adds an element of its own.
const MARKUP: &str = "</textarea></title></style></script><img src=x id=planted>";

/// The planted element, as it would appear had any page taken the text for markup.
const PLANTED: &str = "<img src=x id=planted>";

fn assert_text_only(page: &str, html: &str) {
    assert!(
        !html.contains(PLANTED),
        "{page} renders typed text as markup:\n{html}"
    );
}

#[tokio::test]
async fn free_text_with_markup_in_it_stays_text_on_every_page() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, Default::default()).await;
    let pro = professional(&app, "ada@example.com", "UTC").await;
    let typed = |prefix: &str| format!("{prefix} {MARKUP}");

    let res = app
        .call(&pro, "update_name", &[("name", &typed("Ada"))])
        .await;
    assert_eq!(
        res.status(),
        200,
        "a name with markup in it is still a name"
    );
    let res = app
        .call(
            &pro,
            "save_public_profile",
            &[
                ("title", &typed("Therapist")),
                ("bio", &typed("I listen.")),
                // a language is at most 40 characters
                ("languages", &format!("English, {PLANTED}")),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let res = app
        .call(
            &pro,
            "create_service",
            &[
                ("service_name", &typed("Talk")),
                ("meeting_type", "video"),
                ("length", "50"),
                ("price", "12500"),
                ("currency", "ISK"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let service: Service = res.json().await.unwrap();
    let service = service.id.as_str().to_owned();
    let (date, time) = fields(start_in(&app, Duration::days(2)));
    let res = app
        .call(
            &pro,
            "invite_client",
            &[
                ("service", &service),
                ("date", &date),
                ("time", &time),
                ("client_name", &typed("Cy")),
                ("client_email", "cy@example.com"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let first: Booking = res.json().await.unwrap();
    let first = first.id.as_str().to_owned();
    let token = token_of(&link_containing(
        &smtp.wait_for("cy@example.com", "Booked").await.text,
        "token=",
    ));
    let join_page = app
        .page(&app.client(), &format!("/join?token={token}"))
        .await
        .text()
        .await
        .unwrap();
    assert_text_only("the join page", &join_page);
    let cy = accept(&app, &token, &typed("Cy"), "UTC").await;
    let second = booked_at(
        &app,
        &pro,
        &service,
        start_in(&app, Duration::days(3)),
        "cy@example.com",
    )
    .await;

    let profile = app.page(&pro, "/profile").await.text().await.unwrap();
    assert_text_only("the professional's /profile", &profile);
    assert!(
        profile.contains("I listen. &lt;/textarea&gt;"),
        "the bio is in its field, as text: {profile}"
    );
    for (who, client, path) in [
        ("the professional", &pro, "/".to_owned()),
        ("the professional", &pro, format!("/appointments/{first}")),
        ("the client", &cy, "/".to_owned()),
        ("the client", &cy, "/connections".to_owned()),
        ("the client", &cy, "/notifications".to_owned()),
        ("the client", &cy, "/profile".to_owned()),
        ("the client", &cy, format!("/appointments/{first}")),
        ("the client", &cy, format!("/appointments/{second}")),
    ] {
        let res = app.page(client, &path).await;
        assert_eq!(res.status(), 200, "{who}: {path}");
        assert_text_only(&format!("{who}'s {path}"), &res.text().await.unwrap());
    }
}
