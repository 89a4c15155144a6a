//! A professional's services: only professionals create and see them, each only their own.

mod support;

use app::domain::{Currency, CurrentUser, Field, MeetingType, MoneyError, Problem, Role, Service};
use support::{PASSWORD, TestApp};

async fn sign_up_professional(app: &TestApp, client: &reqwest::Client, name: &str, email: &str) {
    let res = app
        .call(
            client,
            "sign_up",
            &[
                ("name", name),
                ("email", email),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("role", "professional"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn create(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.call(client, "create_service", fields).await
}

const THERAPY: &[(&str, &str)] = &[
    ("service_name", "  Individual therapy "),
    ("meeting_type", "video"),
    ("length", "50"),
    ("price", "12.500"),
    ("currency", "ISK"),
];

#[tokio::test]
async fn a_professional_adds_services_with_exact_prices() {
    let app = TestApp::spawn().await;
    let pro = app.client();
    sign_up_professional(&app, &pro, "Dr. Ada Lovelace", "ada@example.com").await;
    let me: Option<CurrentUser> = app.answer(&pro, "current_user", &[]).await;
    assert_eq!(me.expect("signed in").role, Role::Professional);

    let res = create(&app, &pro, THERAPY).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["location"], "/?saved=service");
    let res = create(
        &app,
        &pro,
        &[
            ("service_name", "Coaching call"),
            ("meeting_type", "phone"),
            ("length", "30"),
            ("price", "95,50"),
            ("currency", "EUR"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);

    let list: Vec<Service> = app.answer(&pro, "my_services", &[]).await;
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].name.as_str(), "Individual therapy");
    assert_eq!(list[0].meeting_type, MeetingType::Video);
    assert_eq!(list[0].length.minutes(), 50);
    assert_eq!(list[0].price.minor(), 12_500);
    assert_eq!(list[0].price.currency(), Currency::Isk);
    assert_eq!(list[1].price.minor(), 9_550);
    assert_eq!(list[1].price.currency(), Currency::Eur);

    // Home lists them, priced for the reader
    let home = app.page(&pro, "/").await.text().await.unwrap();
    assert!(home.contains("Individual therapy"), "{home}");
    assert!(home.contains("ISK 12,500"));
    assert!(home.contains("€95.50"));
}

#[tokio::test]
async fn bad_services_are_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let pro = app.client();
    sign_up_professional(&app, &pro, "Ada", "ada@example.com").await;
    let errors = app
        .invalid(
            &pro,
            "create_service",
            &[
                ("service_name", " "),
                ("meeting_type", "telepathy"),
                ("length", "51"),
                ("price", "12.5"),
                ("currency", "ISK"),
            ],
        )
        .await;
    let fields: Vec<Field> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            Field::ServiceName,
            Field::MeetingType,
            Field::ServiceLength,
            Field::Price
        ]
    );
    assert_eq!(errors.0[3].problem, Problem::Money(MoneyError::TooPrecise));

    let errors = app
        .invalid(
            &pro,
            "create_service",
            &[
                ("service_name", "Therapy"),
                ("meeting_type", "video"),
                ("length", "50"),
                ("price", "100"),
                ("currency", "BTC"),
            ],
        )
        .await;
    assert_eq!(errors.0[0].field, Field::Currency);

    // a price with a leading zero group reads two ways (half a euro, or five hundred): refused,
    // with the accepted forms next to the field, in the professional's language
    for price in ["0,500", "0.050", "0.001"] {
        let form = [
            ("service_name", "Therapy"),
            ("meeting_type", "video"),
            ("length", "50"),
            ("price", price),
            ("currency", "EUR"),
        ];
        let errors = app.invalid(&pro, "create_service", &form).await;
        assert_eq!(
            (errors.0[0].field, errors.0[0].problem),
            (Field::Price, Problem::Money(MoneyError::Ambiguous)),
            "{price}"
        );
        // without wasm: back to the form, which says so next to the price
        let res = app.post_form(&pro, "create_service", "/", &form).await;
        assert_eq!(res.status(), 302);
        let back = res.headers()["location"].to_str().unwrap().to_owned();
        let back = back.strip_prefix(&app.base).unwrap_or(&back).to_owned();
        let page = app.page(&pro, &back).await.text().await.unwrap();
        assert!(page.contains("This price can be read two ways"), "{page}");
    }

    let list: Vec<Service> = app.answer(&pro, "my_services", &[]).await;
    assert!(list.is_empty(), "nothing was stored: {list:?}");
}

#[tokio::test]
async fn clients_and_strangers_are_refused_and_professionals_see_only_their_own() {
    let app = TestApp::spawn().await;
    let ada = app.client();
    sign_up_professional(&app, &ada, "Ada", "ada@example.com").await;
    create(&app, &ada, THERAPY).await;
    let bo = app.client();
    sign_up_professional(&app, &bo, "Bo", "bo@example.com").await;
    let client = app.client();
    app.signed_up(&client, "Cy", "cy@example.com", PASSWORD)
        .await;

    assert_eq!(create(&app, &client, THERAPY).await.status(), 403);
    assert_eq!(app.call(&client, "my_services", &[]).await.status(), 403);
    assert_eq!(create(&app, &app.client(), THERAPY).await.status(), 401);

    let theirs: Vec<Service> = app.answer(&bo, "my_services", &[]).await;
    assert!(theirs.is_empty(), "{theirs:?}");

    // a client's Home has no services panel at all
    let home = app.page(&client, "/").await.text().await.unwrap();
    assert!(!home.contains("Your services"));
    // and signing up can't be talked into other roles
    let res = app
        .call(
            &app.client(),
            "sign_up",
            &[
                ("name", "Eve"),
                ("email", "eve@example.com"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let eve: CurrentUser = res.json().await.unwrap();
    assert_eq!(eve.role, Role::Client);
}

#[tokio::test]
async fn a_changed_service_leaves_booked_sessions_as_booked_and_an_archived_one_is_not_bookable() {
    use support::practice::{booked_at, fields, invite, professional, service, start_in};
    let app = TestApp::spawn_dated().await;
    let ada = professional(&app, "ada@example.com", "UTC").await;
    let therapy = service(&app, &ada, "50").await;
    let start = start_in(&app, chrono::Duration::days(3));
    booked_at(&app, &ada, &therapy, start, "cy@example.com").await;

    let changed: Service = ada
        .answer(
            "update_service",
            &[
                ("id", &therapy),
                ("service_name", "Couples therapy"),
                ("meeting_type", "in_person"),
                ("length", "90"),
                ("price", "20000"),
                ("currency", "ISK"),
            ],
        )
        .await;
    assert_eq!(changed.name.as_str(), "Couples therapy");
    assert_eq!(changed.length.minutes(), 90);
    let mine: Vec<Service> = ada.answer("my_services", &[]).await;
    assert_eq!(mine, vec![changed]);
    // the session booked before keeps what it was booked with
    let bookings: Vec<app::domain::Booking> = ada.answer("my_bookings", &[]).await;
    assert_eq!(bookings[0].service_name.as_str(), "Individual therapy");
    assert_eq!(bookings[0].length.minutes(), 50);
    assert_eq!(bookings[0].price.minor(), 12500);
    // bad values are refused next to their field, and change nothing
    let errors = ada
        .invalid(
            "update_service",
            &[
                ("id", &therapy),
                ("service_name", ""),
                ("meeting_type", "video"),
                ("length", "50"),
                ("price", "1"),
                ("currency", "ISK"),
            ],
        )
        .await;
    assert!(errors.get(Field::ServiceName).is_some());
    let still: Vec<Service> = ada.answer("my_services", &[]).await;
    assert_eq!(still[0].name.as_str(), "Couples therapy");

    // someone else's service is not theirs to change or archive
    let bo = professional(&app, "bo@example.com", "UTC").await;
    for endpoint in ["update_service", "archive_service"] {
        let res = bo
            .call(
                endpoint,
                &[
                    ("id", &therapy),
                    ("service_name", "Mine now"),
                    ("meeting_type", "video"),
                    ("length", "50"),
                    ("price", "1"),
                    ("currency", "ISK"),
                ],
            )
            .await;
        assert_eq!(res.status(), 404, "{endpoint}");
    }

    // archived: no longer listed, invited to, or offered on the link; the booking stands
    let res = ada.call("archive_service", &[("id", &therapy)]).await;
    assert_eq!(res.status(), 200);
    let mine: Vec<Service> = ada.answer("my_services", &[]).await;
    assert!(mine.is_empty());
    let (date, time) = fields(start + chrono::Duration::days(1));
    let res = invite(&app, &ada, &therapy, &date, &time, "dee@example.com").await;
    assert_eq!(res.status(), 422);
    let link: app::domain::LinkSettings = ada.answer("my_link", &[]).await;
    let res = app
        .call(
            &app.client(),
            "booking_page",
            &[("slug", link.slug.as_str()), ("service", &therapy)],
        )
        .await;
    assert_eq!(res.status(), 404);
    let bookings: Vec<app::domain::Booking> = ada.answer("my_bookings", &[]).await;
    assert_eq!(bookings.len(), 1);
    assert_eq!(
        ada.call("archive_service", &[("id", &therapy)])
            .await
            .status(),
        404,
        "archived once"
    );
}
