//! The server binary stops gracefully on SIGTERM, as systemd and container runtimes ask it to, and
//! hands back the mail it could not send.

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
