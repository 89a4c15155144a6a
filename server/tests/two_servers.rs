//! Two app servers on one SurrealDB server, as behind a load balancer: consecutive requests land
//! on either, and everything a person does still works; then one is killed (SIGKILL) and the
//! other carries on with its mail, its reminders and its video rooms.
//!
//! Needs a SurrealDB server: `bash .ci/with-surrealdb cargo test -p server --test two_servers`
//! (the README's test command runs it so). Without one it says so and passes; the suite's second
//! pass, on the real server, is where it runs.

mod support;

use app::domain::{ApiError, Refusal};
use server::sfu::peer::SyntheticPeer;
use std::net::UdpSocket;
use std::time::{Duration, Instant};
use support::media::exchange_media;
use support::process::{ServerProcess, browser, call, free_port, professional_with_service};
use support::smtp::{SmtpServer, link_containing};
use support::{PASSWORD, practice::token_of};

/// Where the database is, if the suite was given one.
fn database() -> Option<Vec<(&'static str, String)>> {
    let url = std::env::var("TANDEM_TEST_DB_URL").ok()?;
    let mut env = vec![
        ("TANDEM_DB_URL", url),
        ("TANDEM_DB_NAME", format!("test_{}", server::db::new_key())),
    ];
    if let (Ok(user), Ok(pass)) = (
        std::env::var("TANDEM_TEST_DB_USER"),
        std::env::var("TANDEM_TEST_DB_PASS"),
    ) {
        env.push(("TANDEM_DB_USER", user));
        env.push(("TANDEM_DB_PASS", pass));
    }
    Some(env)
}

/// The test's view of the shared database, to count what the servers wrote.
async fn open(env: &[(&str, String)]) -> server::db::Db {
    let get = |name: &str| env.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
    server::db::connect(&server::config::DatabaseConfig {
        url: get("TANDEM_DB_URL").unwrap(),
        namespace: "tandem".into(),
        database: get("TANDEM_DB_NAME").unwrap(),
        credentials: get("TANDEM_DB_USER").zip(get("TANDEM_DB_PASS").map(Into::into)),
        connect_tries: 1,
    })
    .await
    .unwrap()
}

async fn count(db: &server::db::Db, query: &str) -> i64 {
    let counts: Vec<i64> = db.query(query).await.unwrap().take(0).unwrap();
    counts.first().copied().unwrap_or(0)
}

/// Waits until `check` holds, or fails naming `what`.
async fn eventually<F: std::future::Future<Output = bool>>(
    what: &str,
    mut check: impl FnMut() -> F,
) {
    let deadline = Instant::now() + Duration::from_secs(90);
    while !check().await {
        assert!(Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Joins the booking's room through `base`, trying again while the room's server can't be
/// reached (as the page does); the peer, its socket, and the SFU port its answer names.
async fn join(
    base: &str,
    origin: &str,
    who: &reqwest::Client,
    booking: &str,
) -> (SyntheticPeer, UdpSocket, u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let (mut peer, sdp) = SyntheticPeer::new(socket.local_addr().unwrap(), Instant::now());
        let res = call(
            base,
            origin,
            who,
            "join_room",
            &[("id", booking), ("offer", &sdp)],
        )
        .await
        .unwrap();
        if res.status() == 200 {
            let answer: String = res.json().await.unwrap();
            peer.accept_answer(&answer).unwrap();
            socket
                .set_read_timeout(Some(Duration::from_millis(2)))
                .unwrap();
            return (peer, socket, candidate_port(&answer));
        }
        assert!(
            Instant::now() < deadline,
            "no join through {base}: {} {:?}",
            res.status(),
            res.text().await
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// The page's heartbeat through `base`: where the other person is, or the refusal.
async fn heartbeat(
    base: &str,
    origin: &str,
    who: &reqwest::Client,
    booking: &str,
    here: &str,
) -> Result<app::domain::Whereabouts, ApiError> {
    let res = call(
        base,
        origin,
        who,
        "room_heartbeat",
        &[("id", booking), ("here", here)],
    )
    .await
    .unwrap();
    if res.status() == 200 {
        Ok(res.json().await.unwrap())
    } else {
        Err(res.json().await.unwrap())
    }
}

/// The port of the (one) host candidate in an answer: the SFU it names.
fn candidate_port(answer: &str) -> u16 {
    let line = answer
        .lines()
        .find(|l| l.starts_with("a=candidate"))
        .unwrap_or_else(|| panic!("no candidate in {answer}"));
    line.split_whitespace().nth(5).unwrap().parse().unwrap()
}

/// Both peers connected and each got the other's audio and video.
fn assert_media_flowed(peers: &[(SyntheticPeer, UdpSocket)], when: &str) {
    for (who, (peer, _)) in ["professional", "client"].iter().zip(peers) {
        assert!(peer.is_connected(), "{when}: {who} not connected");
        assert!(
            peer.video_received > 20 && peer.audio_received > 40,
            "{when}: {who} got {} video and {} audio frames",
            peer.video_received,
            peer.audio_received
        );
    }
}

/// The professional books Cy at `date` `time` through `base`; the booking's id.
async fn invite(
    base: &str,
    public: &str,
    pro: &reqwest::Client,
    service: &str,
    (date, time): (String, String),
) -> String {
    let res = call(
        base,
        public,
        pro,
        "invite_client",
        &[
            ("service", service),
            ("date", &date),
            ("time", &time),
            ("client_name", "Cy Client"),
            ("client_email", "cy@two.example"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);
    let booking: app::domain::Booking = res.json().await.unwrap();
    booking.id.as_str().to_owned()
}

/// The first whole minute at least `seconds` ahead (the form takes HH:MM), today or tomorrow,
/// whatever the hour: the booking form's date and time, in UTC. The servers run on the real
/// clock, so the test does too.
fn ahead(seconds: i64) -> (String, String) {
    let at = chrono::Utc::now() + chrono::Duration::seconds(seconds + 59);
    (
        at.format("%Y-%m-%d").to_string(),
        at.format("%H:%M").to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_share_everything_and_one_carries_on_when_the_other_is_killed() {
    let Some(db_env) = database() else {
        eprintln!("skipped here: needs TANDEM_TEST_DB_URL (bash .ci/with-surrealdb ...)");
        return;
    };
    let smtp = SmtpServer::start();
    let (port_a, port_b) = (free_port(false), free_port(false));
    // one public address for both, as behind a load balancer: pages and forms come from it
    let public = format!("http://127.0.0.1:{port_a}");
    let mut env = db_env.clone();
    env.extend([
        ("TANDEM_PUBLIC_URL", public.clone()),
        ("TANDEM_CLUSTER_SECRET", server::db::new_key()),
        ("TANDEM_SMTP_URL", smtp.url()),
        ("TANDEM_OUTBOX_POLL_MS", "100".into()),
        ("TANDEM_OUTBOX_LEASE_SECS", "3".into()),
        ("TANDEM_JOBS_POLL_MS", "200".into()),
        // one reminder, a minute before: due within a minute of the first booking
        ("TANDEM_REMINDER_MINUTES", "1".into()),
    ]);
    let with_sfu = |port: u16| {
        let mut env = env.clone();
        env.push(("TANDEM_SFU_ADDR", format!("127.0.0.1:{port}")));
        env
    };
    let (sfu_a, sfu_b) = (free_port(true), free_port(true));
    // started together: they race to migrate the fresh database, and both must come up
    let (env_a, env_b) = (with_sfu(sfu_a), with_sfu(sfu_b));
    let starting_b = std::thread::spawn(move || ServerProcess::start(port_b, &env_b));
    let a = ServerProcess::start(port_a, &env_a);
    let b = starting_b.join().expect("the second server starts");
    let (base_a, base_b) = (a.base(), b.base());
    let db = open(&db_env).await;

    // the journey, each request on the other server from the one before
    let pro = browser();
    let service =
        professional_with_service(&base_a, &base_b, &public, &pro, "ada@two.example").await;
    // a minute and some ahead (the room is open: it opens 10 minutes early); its reminder falls
    // due within the minute after
    let booking = invite(&base_a, &public, &pro, &service, ahead(65)).await;

    // the invitation goes out once, whichever server's worker took it; its link works on the other
    let mail = smtp.wait_for("cy@two.example", "Booked:").await;
    let token = token_of(&link_containing(&mail.text, "token="));
    let cy = browser();
    let res = call(
        &base_b,
        &public,
        &cy,
        "accept_invitation",
        &[
            ("token", &token),
            ("name", "Cy Client"),
            ("password", PASSWORD),
            ("accept_terms", "yes"),
            ("timezone", "UTC"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200, "{:?}", res.text().await);

    // the reminder: sent once, though both servers look for it
    eventually("the reminder arrives", || async {
        smtp.count("cy@two.example", "Reminder:") > 0
    })
    .await;
    eventually("the reminder's mail is sent", || async {
        count(
            &db,
            "SELECT VALUE count() FROM outbox WHERE subject CONTAINS 'Reminder:' AND status = 'sent' GROUP ALL",
        )
        .await
            == 1
    })
    .await;
    assert_eq!(
        count(
            &db,
            "SELECT VALUE count() FROM outbox WHERE subject CONTAINS 'Reminder:' GROUP ALL"
        )
        .await,
        1,
        "one reminder mail queued"
    );
    assert_eq!(smtp.count("cy@two.example", "Reminder:"), 1);
    assert_eq!(smtp.count("cy@two.example", "Booked:"), 1);

    // presence told to one server is seen through the other
    let res = call(
        &base_a,
        &public,
        &pro,
        "room_heartbeat",
        &[("id", &booking), ("here", "ready")],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let res = call(
        &base_b,
        &public,
        &cy,
        "room_heartbeat",
        &[("id", &booking), ("here", "checking")],
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 200);
    let seen: app::domain::Whereabouts = res.json().await.unwrap();
    assert_eq!(seen, app::domain::Whereabouts::Ready);

    // the two people join through different servers and meet on one SFU
    let (p1, s1, port1) = join(&base_a, &public, &pro, &booking).await;
    let (p2, s2, port2) = join(&base_b, &public, &cy, &booking).await;
    assert_eq!(port1, port2, "both answers name the room's one SFU");
    assert!(port1 == sfu_a || port1 == sfu_b);
    let mut peers = vec![(p1, s1), (p2, s2)];
    let mut peers = tokio::task::spawn_blocking(move || {
        exchange_media(&mut peers, 3);
        peers
    })
    .await
    .unwrap();
    assert_media_flowed(&peers, "through two servers");
    peers.clear();
    // a heartbeat from the call, on either server, finds its server alive and the other there
    for base in [&base_a, &base_b] {
        assert_eq!(
            heartbeat(base, &public, &pro, &booking, "in_room").await,
            Ok(app::domain::Whereabouts::InRoom)
        );
    }

    // the room's server is killed; the load balancer sends everyone to the other
    let (host, survivor, survivor_sfu) = if port1 == sfu_a {
        (a, b, sfu_b)
    } else {
        (b, a, sfu_a)
    };
    let to = survivor.base();
    drop(host); // SIGKILL

    // a new booking's mail goes out from the survivor
    invite(&to, &public, &pro, &service, ahead(24 * 3600)).await;
    eventually("the second booking's mail", || async {
        smtp.count("cy@two.example", "Booked:") == 2
    })
    .await;
    // both are told by their next heartbeat that their call's server stopped (once it has gone
    // quiet), so their pages join again at once
    for who in [&pro, &cy] {
        eventually("told that the call's server stopped", || async {
            heartbeat(&to, &public, who, &booking, "in_room").await
                == Err(ApiError::Refused(Refusal::RoomMoved))
        })
        .await;
    }
    // and the room moves to the survivor on the next join
    let (p1, s1, port1) = join(&to, &public, &pro, &booking).await;
    // told until they have joined again: the professional is back, the client not yet
    assert_eq!(
        heartbeat(&to, &public, &pro, &booking, "in_room").await,
        Ok(app::domain::Whereabouts::InRoom)
    );
    assert_eq!(
        heartbeat(&to, &public, &cy, &booking, "in_room").await,
        Err(ApiError::Refused(Refusal::RoomMoved))
    );
    let (p2, s2, port2) = join(&to, &public, &cy, &booking).await;
    assert_eq!((port1, port2), (survivor_sfu, survivor_sfu));
    let mut peers = vec![(p1, s1), (p2, s2)];
    let peers = tokio::task::spawn_blocking(move || {
        exchange_media(&mut peers, 3);
        peers
    })
    .await
    .unwrap();
    assert_media_flowed(&peers, "after the room's server was killed");

    // nothing queued is left behind, and nothing went out twice
    eventually("every queued mail is sent", || async {
        count(
            &db,
            "SELECT VALUE count() FROM outbox WHERE status != 'sent' GROUP ALL",
        )
        .await
            == 0
    })
    .await;
    assert_eq!(smtp.count("cy@two.example", "Reminder:"), 1);
    assert_eq!(smtp.count("cy@two.example", "Booked:"), 2);
    survivor.stop();
}
