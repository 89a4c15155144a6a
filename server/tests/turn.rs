//! Media through firewalls: the credentials we issue for a relay (TURN REST-API scheme) get an
//! allocation from a real coturn over UDP, TCP and TLS and relay packets; they go only to a
//! booking's two people, and stop working once they expire.

mod support;

use app::api::ApiError;
use app::domain::IceServer;
use chrono::Duration;
use server::config::Config;
use server::turn::TurnConfig;
use std::sync::Arc;
use support::practice::{ada_books_cy, start_in};
use support::smtp::SmtpServer;
use support::turn::{Transport, TurnServer};
use support::user::User;
use support::{ShiftedClock, TestApp};

const SECRET: &str = "relay secret shared with coturn";
const TTL_SECS: u64 = 600;

/// A server that hands out credentials for `relay`. Its clock starts at the machine's time, on
/// purpose: the relay checks a credential's expiry against the machine's clock.
async fn app_with_relay(smtp: &SmtpServer, relay: &TurnServer) -> TestApp {
    let mut config = Config::for_tests();
    config.mail.smtp_url = Some(smtp.url().into());
    config.sfu.turn = Some(TurnConfig {
        urls: relay.urls(),
        secret: SECRET.to_owned().into(),
        ttl_secs: TTL_SECS,
    });
    let clock = Arc::new(ShiftedClock::starting_at(chrono::Utc::now()));
    TestApp::spawn_with_clock(config, clock).await
}

/// The relays `user` is given for the booking: JSON text, as the page hands it to the browser.
async fn relays(user: &User<'_>, booking: &str) -> Vec<IceServer> {
    let json: String = user.answer("join_room", &[("id", booking)]).await;
    serde_json::from_str(&json).expect("a JSON list of ICE servers")
}

#[tokio::test]
async fn both_people_get_credentials_the_relay_accepts_over_udp_tcp_and_tls() {
    let relay = TurnServer::start(SECRET);
    let smtp = SmtpServer::start();
    let app = app_with_relay(&smtp, &relay).await;
    let booked = ada_books_cy(&app, &smtp, start_in(&app, Duration::hours(2))).await;

    for (who, person) in [("Ada", &booked.ada), ("Cy", &booked.cy)] {
        let servers = relays(person, &booked.id).await;
        assert_eq!(servers.len(), 1, "{who}: one relay, {servers:?}");
        let relay_entry = &servers[0];
        assert_eq!(relay_entry.urls, relay.urls());
        let (expiry, user) = relay_entry.username.split_once(':').unwrap();
        assert_eq!(
            user,
            person.me.id.as_str(),
            "{who}: the credential names its user"
        );
        let expiry: i64 = expiry.parse().unwrap();
        let now = app.now().timestamp();
        assert!(
            (now + 590..=now + 600).contains(&expiry),
            "{who}: expires {TTL_SECS} s after issue, not at {expiry} (now {now})"
        );
        for transport in [Transport::Udp, Transport::Tcp, Transport::Tls] {
            assert!(
                relay.relays_for(&relay_entry.username, &relay_entry.credential, transport),
                "{who}: the relay refused our credential over {transport:?}"
            );
        }
        // a credential tampered with is refused: the relay really checks
        let forged = format!("{}:{}", expiry + 86_400, user);
        assert!(
            !relay.relays_for(&forged, &relay_entry.credential, Transport::Udp),
            "{who}: a longer life for the same password must be refused"
        );
    }
}

#[tokio::test]
async fn credentials_go_only_to_the_bookings_people_and_expire() {
    let relay = TurnServer::start(SECRET);
    let smtp = SmtpServer::start();
    let app = app_with_relay(&smtp, &relay).await;
    let booked = ada_books_cy(&app, &smtp, start_in(&app, Duration::hours(2))).await;

    // someone else with an account, and nobody at all
    let eve = app.client();
    app.sign_up(&eve, "Eve", "eve@example.com", support::PASSWORD)
        .await;
    let (status, error) = app.refusal(&eve, "join_room", &[("id", &booked.id)]).await;
    assert_eq!((status, error), (404, ApiError::NotFound));
    let (status, _) = app
        .refusal(&app.client(), "join_room", &[("id", &booked.id)])
        .await;
    assert_eq!(status, 401);

    // issued longer ago than they last: the relay refuses them
    app.clock.advance(-Duration::seconds(2 * TTL_SECS as i64));
    let old = relays(&booked.cy, &booked.id).await;
    assert!(
        !relay.relays_for(&old[0].username, &old[0].credential, Transport::Udp),
        "an expired credential must be refused"
    );
    // and it was its age alone: one issued now works
    app.clock.advance(Duration::seconds(2 * TTL_SECS as i64));
    let fresh = relays(&booked.cy, &booked.id).await;
    assert!(relay.relays_for(&fresh[0].username, &fresh[0].credential, Transport::Udp));
}

#[tokio::test]
async fn without_a_relay_configured_there_are_no_ice_servers() {
    let smtp = SmtpServer::start();
    let app = support::practice::app_with_mail(&smtp, Arc::new(ShiftedClock::default())).await;
    let booked = ada_books_cy(&app, &smtp, start_in(&app, Duration::hours(2))).await;
    let servers = relays(&booked.cy, &booked.id).await;
    assert!(servers.is_empty());
}
