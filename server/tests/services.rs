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
