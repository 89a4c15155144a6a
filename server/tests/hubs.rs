//! Company Wellbeing Hubs: a company made from the command line, HR inviting employees, who
//! claim credits and spend them on sessions (never more than they have, however many bookings
//! race), get them back on cancelling, lose unused ones at the period's end; and HR seeing only
//! their own company, and only figures about five people or more.

mod support;

use app::domain::{
    ApiError, CreditKind, Credits, CurrentUser, HeldSlot, HrDashboard, HubBadge, HubPage,
    HubStanding, LinkPage, Refusal,
};
use chrono::{DateTime, Duration, Utc};
use support::practice::{app_with_mail, professional, service, weekdays_nine_to_five};
use support::smtp::{SmtpServer, link_containing};
use support::user::User;
use support::{PASSWORD, TestApp};

fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(str::to_owned).collect()
}

/// Runs `server hub create …` on the app's database; what it printed.
async fn command(app: &TestApp, line: &str) -> Result<String, server::cli::CliError> {
    server::cli::run_on(&app.running.db, &words(line), &app.base, app.now()).await
}

/// The HR admin, signed in with the password they chose from the printed link.
async fn hr_from<'a>(app: &'a TestApp, printed: &str) -> User<'a> {
    let link = link_containing(printed, "reset-password");
    let token = link.split("token=").nth(1).expect("a token").to_owned();
    let browser = app.client();
    let me: CurrentUser = app
        .answer(
            &browser,
            "reset_password",
            &[("token", &token), ("password", PASSWORD)],
        )
        .await;
    User {
        app,
        browser,
        me,
        password: PASSWORD.to_owned(),
    }
}

/// Acme's hub (`/hub/acme`) with `credits` a year, one a session, run by Hanna.
async fn acme(app: &TestApp, credits: u32) -> User<'_> {
    let printed = command(
        app,
        &format!(
            "hub create --company Acme --hub acme --hr-name Hanna --hr-email hr@acme.is \
             --credits {credits} --domain acme.is"
        ),
    )
    .await
    .expect("created");
    hr_from(app, &printed).await
}

/// Ada, working weekdays 09:00-17:00 from her link, offered by HR's hub; her link and service.
async fn ada_in_hub<'a>(app: &'a TestApp, hr: &User<'_>) -> (User<'a>, String, String) {
    let ada = professional(app, "ada@example.com", "Atlantic/Reykjavik").await;
    let therapy = service(app, &ada, "50").await;
    let slug = hours(&ada).await;
    let res = hr.call("offer_professional", &[("slug", &slug)]).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    (ada, slug, therapy)
}

/// Weekdays 09:00-17:00, no notice, 30 days ahead, no break; the link's name.
async fn hours(pro: &User<'_>) -> String {
    let link = weekdays_nine_to_five(pro, "0").await;
    link.slug.as_str().to_owned()
}

/// The invitation's token in a hub mail.
fn link_token(text: &str) -> String {
    let link = link_containing(text, "/hub/acme?invite=");
    link.split("invite=").nth(1).unwrap().to_owned()
}

/// The tokens of every hub invitation mailed to `email` so far, oldest first.
fn tokens_to(smtp: &SmtpServer, email: &str) -> Vec<String> {
    smtp.received()
        .into_iter()
        .filter(|m| m.to.contains(email) && m.subject.contains("invites you"))
        .map(|m| link_token(&m.text))
        .collect()
}

/// HR invites `email`; the new invitation's token, once its mail arrived.
async fn invited(smtp: &SmtpServer, hr: &User<'_>, email: &str) -> String {
    let before = tokens_to(smtp, email);
    let sent: usize = hr.answer("invite_employees", &[("emails", email)]).await;
    assert_eq!(sent, 1);
    new_token(smtp, email, &before).await
}

/// The token of an invitation to `email` not among `before`, waiting for its mail.
async fn new_token(smtp: &SmtpServer, email: &str, before: &[String]) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if let Some(t) = tokens_to(smtp, email)
            .into_iter()
            .find(|t| !before.contains(t))
        {
            return t;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no invitation to {email}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// A client with an account of their own, signed in.
async fn client_user<'a>(app: &'a TestApp, name: &str, email: &str) -> User<'a> {
    let browser = app.client();
    let me = app.signed_up(&browser, name, email, PASSWORD).await;
    User {
        app,
        browser,
        me,
        password: PASSWORD.to_owned(),
    }
}

/// The link's free times two days ahead or more (past the cancellation cut-off).
async fn free_times(app: &TestApp, slug: &str, service: &str) -> Vec<DateTime<Utc>> {
    let page: LinkPage = app
        .answer(
            &app.client(),
            "booking_page",
            &[("slug", slug), ("service", service)],
        )
        .await;
    let from = app.now() + Duration::days(2);
    page.chosen
        .expect("a service")
        .1
        .into_iter()
        .filter(|t| *t > from)
        .collect()
}

/// Holds `at` from Acme's hub (with `invite`, if any) in `who`'s browser.
async fn hold(
    app: &TestApp,
    who: &reqwest::Client,
    (slug, service): (&str, &str),
    at: DateTime<Utc>,
    invite: &str,
) -> String {
    app.answer(
        who,
        "hold_slot",
        &[
            ("slug", slug),
            ("service", service),
            ("starts_at", &at.to_rfc3339()),
            ("hub", "acme"),
            ("invite", invite),
        ],
    )
    .await
}

/// A visitor with an invitation picks `at`, creates their account, and is booked.
async fn employee_books<'a>(
    app: &'a TestApp,
    link: (&str, &str),
    at: DateTime<Utc>,
    invite: &str,
    (name, email): (&str, &str),
) -> (User<'a>, String) {
    let browser = app.client();
    let token = hold(app, &browser, link, at, invite).await;
    let booking: String = app
        .answer(
            &browser,
            "sign_up_and_book",
            &[
                ("hold", &token),
                ("name", name),
                ("email", email),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("timezone", "Atlantic/Reykjavik"),
                ("pay", "credits"),
            ],
        )
        .await;
    let me: Option<CurrentUser> = app.answer(&browser, "current_user", &[]).await;
    let user = User {
        app,
        browser,
        me: me.expect("signed in"),
        password: PASSWORD.to_owned(),
    };
    (user, booking)
}

async fn credits(who: &User<'_>) -> Credits {
    let c: Option<Credits> = who.answer("my_credits", &[]).await;
    c.expect("a member")
}

async fn count(app: &TestApp, query: &str) -> i64 {
    let n: Option<i64> = app.running.db.query(query).await.unwrap().take(0).unwrap();
    n.unwrap_or(0)
}

#[tokio::test]
async fn the_command_line_makes_a_hub_whose_hr_admin_chooses_a_password_and_runs_it() {
    // the real path: the command on the database on disk, then the server on the same one
    let dir = std::env::temp_dir().join(format!("tandem-test-{}", server::db::new_key()));
    let mut config = server::config::Config::for_tests();
    config.database.url = format!("surrealkv://{}", dir.join("db").display());
    let line = "hub create --company Acme hf. --hub acme --hr-name Hanna --hr-email hr@acme.is";
    // a name with a space is one argument in a shell: pass it so
    let mut args = words(line);
    args[3] = "Acme hf.".into();
    args.remove(4);
    let printed = server::cli::run(&args, &config, Utc::now())
        .await
        .expect("created");
    assert!(printed.contains("/hub/acme"), "{printed}");
    assert!(printed.contains("hr@acme.is"), "{printed}");
    // the same name or address again is refused, and says why
    // the command ran on the real clock: so does the server
    let app = TestApp::restart(config, Default::default()).await;
    let again = server::cli::run_on(&app.running.db, &args, &app.base, app.now()).await;
    assert!(
        matches!(again, Err(server::cli::CliError::EmailTaken(_))),
        "{again:?}"
    );
    let hr = hr_from(&app, &printed).await;
    assert_eq!(hr.me.role, app::domain::Role::HrAdmin);
    let dashboard: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    assert_eq!(dashboard.company, "Acme hf.");
    assert_eq!(dashboard.settings.policy.credits_per_period, 6);
    assert!(dashboard.url.ends_with("/hub/acme"));
    assert_eq!(dashboard.admins.len(), 1);
    // a fresh browser logs in with the chosen password
    assert!(hr.can_log_in().await);

    // and mistakes are told, with nothing made
    for (bad, says) in [
        (
            "hub create --company X --hub a --hr-name H --hr-email h@x.is",
            "--hub",
        ),
        (
            "hub create --company X --hub xx-co --hr-name H",
            "--hr-email",
        ),
        (
            "hub create --company X --hub xx-co --hr-name H --hr-email h@x.is --credits lots",
            "--credits",
        ),
        (
            "hub create --company X --hub xx-co --hr-name H --hr-email h@x.is --colour red",
            "--colour",
        ),
        ("hub delete", "unknown command"),
    ] {
        let e = command(&app, bad).await.expect_err(bad).to_string();
        assert!(e.contains(says), "{bad}: {e}");
    }
    let e = command(
        &app,
        "hub create --company Other --hub acme --hr-name H --hr-email h@other.is",
    )
    .await
    .expect_err("taken");
    assert!(matches!(e, server::cli::CliError::HubTaken(_)), "{e}");
    assert_eq!(count(&app, "RETURN count(SELECT id FROM company)").await, 1);
    app.running.shutdown().await.unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_invited_employee_claims_credits_while_booking_and_a_cancellation_gives_the_credit_back()
{
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let hr = acme(&app, 6).await;
    let (ada, slug, therapy) = ada_in_hub(&app, &hr).await;
    let invite = invited(&smtp, &hr, "anna@acme.is").await;

    // the hub, from the mail: the professional with her next free time, and the claim
    let page: HubPage = app
        .answer(
            &app.client(),
            "hub_page",
            &[("slug", "acme"), ("invite", &invite)],
        )
        .await;
    assert_eq!(page.company, "Acme");
    assert_eq!(
        page.standing,
        HubStanding::Invited {
            email: app::domain::Email::parse("anna@acme.is").unwrap()
        }
    );
    assert_eq!(page.professionals.len(), 1);
    assert_eq!(page.professionals[0].slug.as_str(), slug);
    let next = page.professionals[0].next_free.expect("a free time");
    assert!(next >= app.now());

    // picked first; the confirm page says credits will pay
    let at = free_times(&app, &slug, &therapy).await[3];
    let visitor = app.client();
    let token = hold(&app, &visitor, (&slug, &therapy), at, &invite).await;
    let held: HeldSlot = app.answer(&visitor, "held_slot", &[("hold", &token)]).await;
    let pay = held.hub.expect("held from the hub");
    assert_eq!(
        (pay.company.as_str(), pay.cost, pay.balance, pay.granted),
        ("Acme", 1, None, 6)
    );
    assert!(pay.credits_pay());

    let (anna, booking) = employee_books(
        &app,
        (&slug, &therapy),
        free_times(&app, &slug, &therapy).await[5],
        &invite,
        ("Anna Employee", "anna.private@example.com"),
    )
    .await;
    let c = credits(&anna).await;
    assert_eq!(c.balance, 5);
    assert_eq!(c.hub.company, "Acme");
    let kinds: Vec<CreditKind> = c.entries.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [CreditKind::Spend, CreditKind::Grant]);
    // paid with a credit: no bill to pay
    let bills = count(&app, "RETURN count(SELECT id FROM bill)").await;
    assert_eq!(bills, 0);
    let badge: Option<HubBadge> = anna.answer("my_hub", &[]).await;
    assert_eq!(badge.unwrap().slug.as_str(), "acme");
    smtp.wait_for("anna.private@example.com", "Acme gave you 6 credits")
        .await;
    // the invitation is spent: nobody else claims with it
    let (status, e) = app
        .refusal(
            &app.client(),
            "hub_page",
            &[("slug", "acme"), ("invite", &invite)],
        )
        .await;
    assert_eq!((status, e), (409, ApiError::Refused(Refusal::NotEligible)));

    // cancelled before the cut-off: the credit comes back
    let res = anna.call("cancel_booking", &[("id", &booking)]).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let c = credits(&anna).await;
    assert_eq!(c.balance, 6);
    assert_eq!(c.entries[0].kind, CreditKind::Refund);

    // the professional sees who pays, and may ask for more credits; HR learns only a count
    let res = ada.call("request_credits", &[("booking", &booking)]).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert_eq!(
        count(&app, "RETURN count(SELECT id FROM credit_request)").await,
        1
    );
    let mut keys: Vec<String> = app
        .running
        .db
        .query("RETURN object::keys((SELECT * FROM credit_request)[0])")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    keys.sort();
    assert_eq!(
        keys,
        ["at", "company", "id", "key"],
        "nothing of the client is kept"
    );
    let key: Option<String> = app
        .running
        .db
        .query("RETURN (SELECT VALUE key FROM credit_request)[0]")
        .await
        .unwrap()
        .take(0)
        .unwrap();
    let key = key.unwrap();
    assert!(!key.contains(&booking) && !key.contains(anna.me.id.as_str()));
    // asking again for the same client counts once
    let res = ada.call("request_credits", &[("booking", &booking)]).await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        count(&app, "RETURN count(SELECT id FROM credit_request)").await,
        1
    );
    // a client can't ask, nor can a professional for a booking no hub paid
    assert_eq!(
        anna.refusal("request_credits", &[("booking", &booking)])
            .await
            .0,
        403
    );
}

#[tokio::test]
async fn two_bookings_at_once_with_one_credit_left_spend_it_once() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let hr = acme(&app, 2).await;
    let (_ada, slug, therapy) = ada_in_hub(&app, &hr).await;
    let invite = invited(&smtp, &hr, "bo@acme.is").await;
    let times = free_times(&app, &slug, &therapy).await;
    let (bo, _) = employee_books(
        &app,
        (&slug, &therapy),
        times[0],
        &invite,
        ("Bo Employee", "bo@acme.is"),
    )
    .await;
    assert_eq!(credits(&bo).await.balance, 1);

    // one credit left, and two times with two professionals confirmed at once: their calendars
    // don't make them wait for each other, the member's credits do
    let ben = professional(&app, "ben@example.com", "Atlantic/Reykjavik").await;
    let ben_therapy = service(&app, &ben, "50").await;
    let ben_slug = hours(&ben).await;
    let res = hr.call("offer_professional", &[("slug", &ben_slug)]).await;
    assert_eq!(res.status(), 200);
    let a = hold(&app, &bo, (&slug, &therapy), times[4], "").await;
    let b = hold(&app, &bo, (&ben_slug, &ben_therapy), times[8], "").await;
    let form = |hold: &str| [("hold", hold.to_owned()), ("pay", "credits".to_owned())];
    let (fa, fb) = (form(&a), form(&b));
    let (fa, fb) = (
        fa.each_ref().map(|(k, v)| (*k, v.as_str())),
        fb.each_ref().map(|(k, v)| (*k, v.as_str())),
    );
    let (ra, rb) = tokio::join!(bo.call("book_held", &fa), bo.call("book_held", &fb));
    let mut statuses = [ra.status().as_u16(), rb.status().as_u16()];
    statuses.sort();
    assert_eq!(
        statuses,
        [200, 409],
        "one booked with the credit, one refused"
    );
    let c = credits(&bo).await;
    assert_eq!(c.balance, 0, "never negative");
    assert_eq!(
        count(
            &app,
            "RETURN count(SELECT id FROM credit WHERE kind = 'spend')"
        )
        .await,
        2
    );
    // the one refused is told the card pays now, and confirming again books it with a bill
    let refused = if ra.status() == 200 { &b } else { &a };
    let held: HeldSlot = bo.answer("held_slot", &[("hold", refused)]).await;
    let pay = held.hub.unwrap();
    assert_eq!(pay.balance, Some(0));
    assert!(!pay.credits_pay());
    assert_eq!(
        bo.refusal("book_held", &[("hold", refused), ("pay", "credits")])
            .await
            .1,
        ApiError::Refused(Refusal::NoCredits)
    );
    let res = bo
        .call("book_held", &[("hold", refused), ("pay", "card")])
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert_eq!(count(&app, "RETURN count(SELECT id FROM bill)").await, 1);
    assert_eq!(credits(&bo).await.balance, 0);
    smtp.wait_for("bo@acme.is", "of your Acme credits left")
        .await;
}

#[tokio::test]
async fn outsiders_and_removed_members_can_neither_claim_nor_spend() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let hr = acme(&app, 6).await;
    let (_ada, slug, therapy) = ada_in_hub(&app, &hr).await;
    let times = free_times(&app, &slug, &therapy).await;

    // no invitation: the account is made, the hub's credits are not theirs
    let visitor = app.client();
    let token = hold(&app, &visitor, (&slug, &therapy), times[0], "").await;
    let res = app
        .call(
            &visitor,
            "sign_up_and_book",
            &[
                ("hold", &token),
                ("name", "Oscar Outsider"),
                ("email", "oscar@example.com"),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 409);
    let e: ApiError = res.json().await.unwrap();
    assert_eq!(e, ApiError::Refused(Refusal::NotEligible));
    // a made-up invitation neither
    let (status, _) = app
        .refusal(
            &app.client(),
            "hub_page",
            &[("slug", "acme"), ("invite", "made-up")],
        )
        .await;
    assert_eq!(status, 409);
    let oscar = app.logged_in("oscar@example.com", PASSWORD).await;
    assert_eq!(
        oscar
            .refusal("claim_hub", &[("hub", "acme"), ("invite", "made-up")])
            .await
            .1,
        ApiError::Refused(Refusal::NotEligible)
    );
    let none: Option<Credits> = oscar.answer("my_credits", &[]).await;
    assert!(none.is_none());
    // asking from an address off the company's domains sends nothing, and says the same
    let res = app
        .call(
            &app.client(),
            "ask_to_join",
            &[("hub", "acme"), ("email", "oscar@example.com")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = app
        .call(
            &app.client(),
            "ask_to_join",
            &[("hub", "acme"), ("email", "dora@acme.is")],
        )
        .await;
    assert_eq!(res.status(), 200);
    smtp.wait_for("dora@acme.is", "invites you").await;
    app.workers_have_looked().await;
    assert_eq!(smtp.count("oscar@example.com", "invites you"), 0);

    // a time from the hub without an invitation: the page says the credits aren't theirs
    let outsider = app.client();
    let token = hold(&app, &outsider, (&slug, &therapy), times[8], "").await;
    let held: HeldSlot = app
        .answer(&outsider, "held_slot", &[("hold", &token)])
        .await;
    let pay = held.hub.expect("from the hub");
    assert!(!pay.claimable && !pay.credits_pay());

    // one mailbox, one membership: a second link to dora's address (a `+tag` too) claims nothing
    let first = new_token(&smtp, "dora@acme.is", &[]).await;
    let dora = client_user(&app, "Dora", "dora.private@example.com").await;
    let res = dora
        .call("claim_hub", &[("hub", "acme"), ("invite", &first)])
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let res = app
        .call(
            &app.client(),
            "ask_to_join",
            &[("hub", "acme"), ("email", "Dora+two@acme.is")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let second = new_token(&smtp, "Dora+two@acme.is", &[]).await;
    let other = client_user(&app, "Dora Again", "dora.other@example.com").await;
    assert_eq!(
        other
            .refusal("claim_hub", &[("hub", "acme"), ("invite", &second)])
            .await
            .1,
        ApiError::Refused(Refusal::NotEligible)
    );

    // a member HR removes can't spend what's left, nor claim again with the old invitation
    let invite = invited(&smtp, &hr, "carl@acme.is").await;
    let (carl, booked) = employee_books(
        &app,
        (&slug, &therapy),
        times[2],
        &invite,
        ("Carl Leaver", "carl@acme.is"),
    )
    .await;
    // a second link, asked for before HR removes him
    let res = app
        .call(
            &app.client(),
            "ask_to_join",
            &[("hub", "acme"), ("email", "carl@acme.is")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let asked = new_token(&smtp, "carl@acme.is", std::slice::from_ref(&invite)).await;
    let res = hr
        .call("remove_member", &[("member", carl.me.id.as_str())])
        .await;
    assert_eq!(res.status(), 200);
    let dashboard: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    assert!(
        dashboard
            .members
            .iter()
            .all(|m| m.email.as_str() != "carl@acme.is")
    );
    let again = hold(&app, &carl, (&slug, &therapy), times[6], "").await;
    assert_eq!(
        carl.refusal("book_held", &[("hold", &again)]).await.1,
        ApiError::Refused(Refusal::NotEligible)
    );
    assert_eq!(
        carl.refusal("claim_hub", &[("hub", "acme"), ("invite", &invite)])
            .await
            .1,
        ApiError::Refused(Refusal::NotEligible)
    );
    let none: Option<Credits> = carl.answer("my_credits", &[]).await;
    assert!(none.is_none());
    // nor with the link asked for before they were removed
    assert_eq!(
        carl.refusal("claim_hub", &[("hub", "acme"), ("invite", &asked)])
            .await
            .1,
        ApiError::Refused(Refusal::NotEligible)
    );
    let res = hr
        .call("remove_member", &[("member", carl.me.id.as_str())])
        .await;
    assert_eq!(res.status(), 404, "removed already");
    // a new invitation from HR brings him back
    let back = invited(&smtp, &hr, "carl@acme.is").await;
    let res = carl
        .call("claim_hub", &[("hub", "acme"), ("invite", &back)])
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    assert!(credits(&carl).await.balance > 0);
    // the booking already paid stands
    let agenda: app::domain::Agenda = carl.answer("my_agenda", &[]).await;
    assert_eq!(agenda.upcoming.len(), 1);
    assert_eq!(agenda.upcoming[0].id.as_str(), booked);
}

#[tokio::test]
async fn unused_credits_expire_at_the_period_end_and_the_next_period_grants_anew() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let hr = acme(&app, 3).await;
    let (_ada, slug, therapy) = ada_in_hub(&app, &hr).await;
    let invite = invited(&smtp, &hr, "eva@acme.is").await;
    let times = free_times(&app, &slug, &therapy).await;
    let (eva, _) = employee_books(
        &app,
        (&slug, &therapy),
        times[0],
        &invite,
        ("Eva Employee", "eva@acme.is"),
    )
    .await;
    assert_eq!(credits(&eva).await.balance, 2);

    // a year on: the two unused credits expire, and three new ones arrive
    app.clock.advance(Duration::days(366));
    let eva = app.logged_in("eva@acme.is", PASSWORD).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let c = credits(&eva).await;
        if c.entries.iter().any(|e| e.kind == CreditKind::Expiry)
            && c.entries
                .iter()
                .filter(|e| e.kind == CreditKind::Grant)
                .count()
                == 2
        {
            let expired: i64 = c
                .entries
                .iter()
                .filter(|e| e.kind == CreditKind::Expiry)
                .map(|e| e.amount)
                .sum();
            assert_eq!(expired, -2);
            assert_eq!(c.balance, 3);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{c:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // and once only, however many passes the job makes
    app.workers_have_looked().await;
    assert_eq!(credits(&eva).await.balance, 3);
}

#[tokio::test]
async fn hr_sees_only_their_company_and_no_figure_about_fewer_than_five_people() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let hr = acme(&app, 6).await;
    let (ada, slug, therapy) = ada_in_hub(&app, &hr).await;
    let times = free_times(&app, &slug, &therapy).await;
    let mut members = Vec::new();
    for i in 0..4 {
        let email = format!("m{i}@acme.is");
        let invite = invited(&smtp, &hr, &email).await;
        members.push(
            employee_books(
                &app,
                (&slug, &therapy),
                times[i * 2],
                &invite,
                ("Member Person", &email),
            )
            .await,
        );
    }
    let d: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    assert_eq!(d.members.len(), 4);
    assert_eq!(d.months.len(), 12);
    let month = &d.months[0];
    assert_eq!(
        (month.granted, month.used),
        (None, None),
        "four people: hidden"
    );
    let invite = invited(&smtp, &hr, "m4@acme.is").await;
    employee_books(
        &app,
        (&slug, &therapy),
        times[8],
        &invite,
        ("Member Person", "m4@acme.is"),
    )
    .await;
    let d: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    assert_eq!((d.months[0].granted, d.months[0].used), (Some(30), Some(5)));
    assert_eq!(d.months[0].requests, None);

    // another company's HR sees their own hub, and can touch nothing of Acme's
    let printed = command(
        &app,
        "hub create --company Globex --hub globex --hr-name Gus --hr-email hr@globex.is",
    )
    .await
    .unwrap();
    let gus = hr_from(&app, &printed).await;
    let theirs: HrDashboard = gus.answer("hr_dashboard", &[]).await;
    assert_eq!(theirs.company, "Globex");
    assert!(theirs.members.is_empty());
    let anna = &members[0].0;
    assert_eq!(
        gus.refusal("remove_member", &[("member", anna.me.id.as_str())])
            .await
            .0,
        404
    );
    assert!(credits(anna).await.balance > 0, "still Acme's member");
    assert_eq!(
        gus.refusal(
            "save_hub_service",
            &[("service", therapy.as_str()), ("credits", "9")]
        )
        .await
        .0,
        404,
        "not a service Globex offers"
    );
    let res = gus
        .call(
            "withdraw_professional",
            &[("professional", ada.me.id.as_str())],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page: HubPage = app
        .answer(&app.client(), "hub_page", &[("slug", "acme")])
        .await;
    assert_eq!(page.professionals.len(), 1, "Acme still offers Ada");

    // and clients and professionals are refused every HR function
    for who in [anna, &ada] {
        for (endpoint, form) in [
            ("hr_dashboard", vec![]),
            ("save_hub_service", vec![("service", therapy.as_str())]),
            ("invite_employees", vec![("emails", "x@acme.is")]),
            ("remove_member", vec![("member", anna.me.id.as_str())]),
            ("offer_professional", vec![("slug", slug.as_str())]),
            (
                "withdraw_professional",
                vec![("professional", ada.me.id.as_str())],
            ),
            (
                "invite_hr_admin",
                vec![("name", "Mal"), ("email", "mal@x.is")],
            ),
            (
                "save_hub_settings",
                vec![
                    ("welcome", "hi"),
                    ("credits_per_period", "100"),
                    ("period_months", "12"),
                    ("session_credits", "1"),
                    ("domains", ""),
                ],
            ),
        ] {
            assert_eq!(who.refusal(endpoint, &form).await.0, 403, "{endpoint}");
        }
    }
    let d: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    assert_eq!(d.settings.policy.credits_per_period, 6, "unchanged");

    // inviting an HR admin answers alike whether the address has an account: no account is
    // learnt about; its owner is told, and nothing else changes
    let taken = anna.email().to_owned();
    for address in [taken.as_str(), "newhr@acme.is"] {
        let res = hr
            .call(
                "invite_hr_admin",
                &[("name", "Ny Admin"), ("email", address)],
            )
            .await;
        assert_eq!(res.status(), 200, "{address}: {:?}", res.text().await);
    }
    smtp.wait_for(&taken, "asked to make you an HR admin").await;
    smtp.wait_for("newhr@acme.is", "Help run Acme's Wellbeing Hub")
        .await;
    let d: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    let admins: Vec<&str> = d.admins.iter().map(|(_, e)| e.as_str()).collect();
    assert_eq!(admins.len(), 2, "{admins:?}");
    assert!(!admins.contains(&taken.as_str()));
    assert_eq!(credits(anna).await.hub.company, "Acme", "still a client");
}

#[tokio::test]
async fn hr_leaves_a_service_out_of_the_hub_and_prices_another() {
    let smtp = SmtpServer::start();
    let app = app_with_mail(&smtp, support::dated_clock()).await;
    let hr = acme(&app, 6).await;
    let (ada, slug, therapy) = ada_in_hub(&app, &hr).await;
    let longer = service(&app, &ada, "90").await;

    // therapy left out; the longer one at 2 credits
    let res = hr.call("save_hub_service", &[("service", &therapy)]).await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let res = hr
        .call(
            "save_hub_service",
            &[("service", &longer), ("offered", "yes"), ("credits", "2")],
        )
        .await;
    assert_eq!(res.status(), 200);
    // out of range, and a service of a professional the hub doesn't offer: refused
    let errors = hr
        .invalid(
            "save_hub_service",
            &[("service", &longer), ("offered", "yes"), ("credits", "500")],
        )
        .await;
    assert!(errors.get(app::domain::Field::SessionCredits).is_some());
    let ben = professional(&app, "ben@example.com", "UTC").await;
    let bens = service(&app, &ben, "50").await;
    assert_eq!(
        hr.refusal(
            "save_hub_service",
            &[("service", &bens), ("offered", "yes")]
        )
        .await
        .0,
        404
    );
    let d: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    let terms: Vec<(bool, Option<u32>)> = d.offered[0]
        .services
        .iter()
        .map(|(_, t)| (t.offered, t.credits))
        .collect();
    assert_eq!(terms, [(false, None), (true, Some(2))]);

    // the hub and the link reached from it show only the longer one, at its cost
    let page: HubPage = app
        .answer(&app.client(), "hub_page", &[("slug", "acme")])
        .await;
    let offered: Vec<(&str, u32)> = page.professionals[0]
        .services
        .iter()
        .map(|o| (o.service.id.as_str(), o.credits))
        .collect();
    assert_eq!(offered, [(longer.as_str(), 2)]);
    let link: LinkPage = app
        .answer(
            &app.client(),
            "booking_page",
            &[("slug", &slug), ("hub", "acme")],
        )
        .await;
    assert_eq!(link.services.len(), 1);
    let times = free_times(&app, &slug, &longer).await;
    let res = app
        .call(
            &app.client(),
            "hold_slot",
            &[
                ("slug", slug.as_str()),
                ("service", therapy.as_str()),
                ("starts_at", &times[0].to_rfc3339()),
                ("hub", "acme"),
            ],
        )
        .await;
    assert_eq!(
        res.status(),
        404,
        "a service left out isn't booked from the hub"
    );

    // booked from the hub: two credits spent
    let invite = invited(&smtp, &hr, "fay@acme.is").await;
    let (fay, _) = employee_books(
        &app,
        (&slug, &longer),
        times[0],
        &invite,
        ("Fay Employee", "fay@acme.is"),
    )
    .await;
    assert_eq!(credits(&fay).await.balance, 4);
}

/// A small PNG, as a logo file would be.
fn png() -> Vec<u8> {
    use image::ImageEncoder;
    let img = image::RgbImage::from_fn(48, 24, |x, y| image::Rgb([x as u8 * 5, y as u8 * 9, 90]));
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(img.as_raw(), 48, 24, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

async fn post_logo(app: &TestApp, who: &reqwest::Client, bytes: Vec<u8>) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("logo.png")
        .mime_str("image/png")
        .unwrap();
    who.post(app.url("/hr/logo"))
        .header("origin", &app.base)
        .multipart(reqwest::multipart::Form::new().part("logo", part))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn hr_uploads_a_logo_that_the_hub_shows_to_anyone() {
    let app = TestApp::spawn_dated().await;
    let hr = acme(&app, 6).await;
    let location = |res: &reqwest::Response| {
        res.headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };

    let res = post_logo(&app, &hr, png()).await;
    assert_eq!(location(&res), "/hr?saved=logo");
    let page: HubPage = app
        .answer(&app.client(), "hub_page", &[("slug", "acme")])
        .await;
    let path = page.logo.expect("the hub shows a logo");
    let d: HrDashboard = hr.answer("hr_dashboard", &[]).await;
    assert_eq!(d.logo.as_deref(), Some(path.as_str()));
    // anyone may fetch it: re-encoded, as a JPEG
    let res = support::bare_client()
        .get(app.url(&path))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert!(res.bytes().await.unwrap().starts_with(&[0xFF, 0xD8]));

    // not a picture: said on the page, and the logo stays
    let res = post_logo(&app, &hr, b"not a picture at all".to_vec()).await;
    assert!(
        location(&res).starts_with("/hr?logo_error="),
        "{}",
        location(&res)
    );
    let page: HubPage = app
        .answer(&app.client(), "hub_page", &[("slug", "acme")])
        .await;
    assert_eq!(page.logo.as_deref(), Some(path.as_str()));
    // and nobody but HR sets it
    let client = client_user(&app, "Cy", "cy@example.com").await;
    assert_eq!(post_logo(&app, &client, png()).await.status(), 403);
    assert_eq!(
        location(&post_logo(&app, &app.client(), png()).await),
        "/login?next=/hr"
    );
    let page: HubPage = app
        .answer(&app.client(), "hub_page", &[("slug", "acme")])
        .await;
    assert_eq!(page.logo.as_deref(), Some(path.as_str()));
}

#[tokio::test]
async fn the_hub_filters_its_professionals_by_language_and_kind() {
    let app = TestApp::spawn_dated().await;
    let hr = acme(&app, 6).await;
    let (ada, _, _) = ada_in_hub(&app, &hr).await;
    let res = ada
        .call(
            "save_public_profile",
            &[
                ("title", "Psychologist"),
                ("bio", ""),
                ("languages", "Icelandic, English"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let ben = professional(&app, "ben@example.com", "UTC").await;
    service(&app, &ben, "50").await;
    let ben_link = hours(&ben).await;
    let res = ben
        .call(
            "save_public_profile",
            &[("title", "Coach"), ("bio", ""), ("languages", "English")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = hr.call("offer_professional", &[("slug", &ben_link)]).await;
    assert_eq!(res.status(), 200);

    let shown = |page: HubPage| -> Vec<String> {
        page.professionals
            .iter()
            .map(|p| p.profile.title.as_ref().unwrap().as_str().to_owned())
            .collect()
    };
    let page = |filters: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move {
            let mut form = vec![("slug", "acme")];
            form.extend(filters);
            let p: HubPage = app.answer(&app.client(), "hub_page", &form).await;
            p
        }
    };
    let all = page(vec![]).await;
    assert_eq!(all.languages, ["English", "Icelandic"]);
    assert_eq!(all.kinds, ["Coach", "Psychologist"]);
    assert_eq!(shown(all), ["Psychologist", "Coach"]);
    assert_eq!(
        shown(page(vec![("language", "icelandic")]).await),
        ["Psychologist"]
    );
    assert_eq!(shown(page(vec![("kind", "Coach")]).await), ["Coach"]);
    assert_eq!(
        shown(page(vec![("language", "English"), ("kind", "Psychologist")]).await),
        ["Psychologist"]
    );
    let none = page(vec![("language", "French")]).await;
    assert!(none.professionals.is_empty());
    // the filters still list everything on offer
    assert_eq!(none.languages.len(), 2);
}
