//! The server binary stops gracefully on SIGTERM, as systemd and container runtimes ask it to,
//! hands back the mail it could not send, and tells the people in its video calls before it goes.

use server::sfu::peer::SyntheticPeer;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn sigterm_shuts_the_server_down_gracefully() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("TANDEM_SFU_ADDR", "127.0.0.1:0")
        .env("TANDEM_DB_URL", "mem://")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .env_remove("TANDEM_SMTP_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for_line = |needle: &str| -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(e) => panic!("no log line with {needle:?}: {e}"),
            }
        }
    };
    wait_for_line("Tandem is running at");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for_line("shutting down");

    let deadline = Instant::now() + Duration::from_secs(30);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("still running 30 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(
        exit.success(),
        "ended by the signal instead of shutting down: {exit}"
    );
}

mod support;

/// The outbox's mail: each one's status and claim.
async fn mails(db: &server::db::Db) -> Vec<(String, Option<String>)> {
    let mut res = db
        .query("SELECT VALUE [status, claimed_by] FROM outbox")
        .await
        .unwrap();
    res.take(0).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopping_server_hands_back_the_mail_it_could_not_send() {
    // an SMTP server that takes the connection and never says a word: the send hangs
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut config = server::config::Config::for_tests();
    config.mail.smtp_url = Some(format!("smtp://{}", silent.local_addr().unwrap()).into());
    let app = support::TestApp::spawn_with(config).await;
    app.signed_up(&app.client(), "Ada", "ada@example.com", support::PASSWORD)
        .await;
    let res = app
        .call(
            &app.client(),
            "request_password_reset",
            &[("email", "ada@example.com")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let db = app.running.db.clone();
    let deadline = Instant::now() + Duration::from_secs(30);
    // the reset mail is queued a moment after the answer (its timing says nothing)
    while !matches!(mails(&db).await.as_slice(), [(status, Some(_))] if status == "sending") {
        assert!(
            Instant::now() < deadline,
            "the worker never took the mail: {:?}",
            mails(&db).await
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let stopping = Instant::now();
    app.running.shutdown().await.unwrap();
    assert!(
        stopping.elapsed() < Duration::from_secs(10),
        "the stop waited {:?}",
        stopping.elapsed()
    );
    // due again for any server now, not in five minutes when the lease is over
    assert_eq!(mails(&db).await, [("pending".to_owned(), None)]);
    let due = server::db::outbox::claim_due(
        &db,
        chrono::Utc::now(),
        chrono::Duration::minutes(5),
        20,
        "another",
    )
    .await
    .unwrap();
    assert_eq!(due.len(), 1, "another server takes it at once");
}

/// Calls a server function as the page does, on the server at `base` (which may have stopped
/// since `TestApp` was taken apart).
async fn call(
    base: &str,
    client: &reqwest::Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    support::process::call(base, base, client, endpoint, form)
        .await
        .unwrap()
}

/// A heartbeat from a page in the call, until the answer says the server is restarting.
async fn told_restarting(base: &str, client: &reqwest::Client, id: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let res = call(
            base,
            client,
            "room_heartbeat",
            &[("id", id), ("here", "in_room")],
        )
        .await;
        if res.status() == 409 {
            let refusal: app::api::ApiError = res.json().await.unwrap();
            assert_eq!(
                refusal,
                app::api::ApiError::Refused(app::api::Refusal::ServerRestarting)
            );
            return;
        }
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        assert!(
            Instant::now() < deadline,
            "never told the server is restarting"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A synthetic participant (str0m) on a loopback socket, its offer sent as the page sends it; the
/// answer's status, and the peer with it once admitted.
async fn join(
    base: &str,
    client: &reqwest::Client,
    id: &str,
) -> (
    reqwest::StatusCode,
    Option<(SyntheticPeer, std::net::UdpSocket)>,
) {
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    socket
        .set_read_timeout(Some(Duration::from_millis(2)))
        .unwrap();
    let (mut peer, sdp) =
        SyntheticPeer::new(socket.local_addr().unwrap(), std::time::Instant::now());
    let res = call(base, client, "join_room", &[("id", id), ("offer", &sdp)]).await;
    let status = res.status();
    if status != 200 {
        return (status, None);
    }
    peer.accept_answer(&res.json::<String>().await.unwrap())
        .unwrap();
    (status, Some((peer, socket)))
}

/// Both people of booking `id` join the call on the server at `base`.
async fn both_join(
    base: &str,
    people: [&reqwest::Client; 2],
    id: &str,
) -> Vec<(SyntheticPeer, std::net::UdpSocket)> {
    let mut peers = Vec::new();
    for who in people {
        let (status, peer) = join(base, who, id).await;
        assert_eq!(status, 200);
        peers.extend(peer);
    }
    peers
}

/// Alone, no other server takes the rooms of one that stops (an upgrade, a restart): it tells
/// both people in a call that it is restarting, so their pages join again once it is back; it
/// refuses joins meanwhile, and stops as soon as both have heard. Back on the same data, both
/// join again, still logged in, and meet.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopping_server_tells_the_people_in_its_calls_who_meet_again_once_it_is_back() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use support::practice::{ada_books_cy, start_in};

    let smtp = support::smtp::SmtpServer::start();
    let clock = Arc::new(support::ShiftedClock::default());
    let dir = std::env::temp_dir().join(format!("tandem-test-{}", server::db::new_key()));
    let mut config = server::config::Config::for_tests();
    config.database.url = format!("surrealkv://{}", dir.join("db").display());
    config.mail.smtp_url = Some(smtp.url().into());
    // long enough that only both pages having heard ends the wait
    config.sfu.stop_notice_ms = 120_000;
    let app = support::TestApp::spawn_with_clock(config.clone(), clock.clone()).await;
    let booked = ada_books_cy(&app, &smtp, start_in(&app, chrono::Duration::minutes(4))).await;
    let (ada, cy, id) = (
        booked.ada.browser.clone(),
        booked.cy.browser.clone(),
        booked.id.clone(),
    );
    drop(booked);
    let mut peers = both_join(&app.base, [&ada, &cy], &id).await;
    // both in the call, media flowing, until the server has stopped
    let stopped = Arc::new(AtomicBool::new(false));
    let media = std::thread::spawn({
        let stopped = stopped.clone();
        move || {
            support::media::exchange_media_until(&mut peers, || stopped.load(Ordering::SeqCst));
            peers
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let metrics = app
            .client()
            .get(app.url("/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if metrics.contains("tandem_sfu_participants 2") {
            break;
        }
        assert!(Instant::now() < deadline, "two people never in the call");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let support::TestApp { running, base, .. } = app;
    let mut stopping = tokio::spawn(running.shutdown());
    told_restarting(&base, &cy, &id).await;
    // nobody joins a server on its way down
    let res = call(&base, &ada, "join_room", &[("id", &id), ("offer", "v=0")]).await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        res.json::<app::api::ApiError>().await.unwrap(),
        app::api::ApiError::Refused(app::api::Refusal::ServerRestarting)
    );
    // a page not in the call hears nothing of it
    let res = call(
        &base,
        &ada,
        "room_heartbeat",
        &[("id", &id), ("here", "ready")],
    )
    .await;
    assert_eq!(res.status(), 200);
    // Ada's call page has not heard yet: the server waits for it
    assert!(
        tokio::time::timeout(Duration::from_millis(500), &mut stopping)
            .await
            .is_err(),
        "stopped before everyone in the call knew"
    );
    told_restarting(&base, &ada, &id).await;
    tokio::time::timeout(Duration::from_secs(20), stopping)
        .await
        .expect("still waiting after both heard")
        .unwrap()
        .unwrap();
    stopped.store(true, Ordering::SeqCst);
    let peers = media.join().unwrap();
    assert!(
        peers.iter().all(|(p, _)| p.video_received > 0),
        "the call was never up"
    );
    assert!(
        support::bare_client()
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_err(),
        "still answering after it stopped"
    );

    // back, on the same data: the pages' next tries get in, and both see each other again
    let app = support::TestApp::restart(config, clock).await;
    let mut peers = both_join(&app.base, [&ada, &cy], &id).await;
    let peers = tokio::task::spawn_blocking(move || {
        support::media::exchange_media(&mut peers, 3);
        peers
    })
    .await
    .unwrap();
    for (who, (peer, _)) in ["Ada", "Cy"].iter().zip(&peers) {
        assert!(
            peer.video_received > 20,
            "{who} got {} video frames after the restart",
            peer.video_received
        );
    }
    // both leave: nobody left in a call, the next stop doesn't wait
    for who in [&ada, &cy] {
        let res = app.call(who, "leave_room", &[("id", &id)]).await;
        assert_eq!(res.status(), 200);
    }
    let stopping = Instant::now();
    app.running.shutdown().await.unwrap();
    assert!(
        stopping.elapsed() < Duration::from_secs(60),
        "waited {:?} for calls nobody was in",
        stopping.elapsed()
    );
    let _ = std::fs::remove_dir_all(dir);
}
