//! The database server going away mid-run and coming back: requests get a plain 503 at once
//! (never a 500, never a wait until the deadline), nothing sent meanwhile is half-written, the
//! liveness probe still answers, and the server recovers by itself.
//!
//! Needs the SurrealDB server binary: `bash .ci/with-surrealdb cargo test -p server --test
//! database_loss` (the README's test command runs it so). Without it, it says so and passes.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::process::free_port;
use support::{PASSWORD, TestApp};

/// SurrealDB's server, killed (SIGKILL) when dropped, a failing test's too.
struct Database(Child);

impl Drop for Database {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// SurrealDB's server on `port`, keeping its data on disk at `path`, so a restart finds it.
fn start_database(bin: &str, port: u16, path: &str) -> Database {
    let child = Command::new(bin)
        .args(["start", "--bind", &format!("127.0.0.1:{port}")])
        .args([
            "--user",
            "root",
            "--pass",
            "root",
            "--no-banner",
            "--log",
            "warn",
        ])
        .arg(format!("surrealkv://{path}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the SurrealDB server starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "SurrealDB did not start listening"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Database(child)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_get_a_503_while_the_database_is_gone_and_work_once_it_is_back() {
    let Ok(bin) = std::env::var("TANDEM_SURREALDB_BIN") else {
        eprintln!("skipped here: needs TANDEM_SURREALDB_BIN (bash .ci/with-surrealdb ...)");
        return;
    };
    let port = free_port(false);
    let dir = std::env::temp_dir().join(format!("tandem-dbloss-{}", server::db::new_key()));
    let path = dir.join("db").display().to_string();
    let database = start_database(&bin, port, &path);
    let mut config = server::config::Config::for_tests();
    config.database.url = format!("ws://127.0.0.1:{port}");
    config.database.credentials = Some(("root".into(), "root".to_owned().into()));
    config.database.database = "main".into();
    let app = TestApp::spawn_with(config).await;
    let ada = support::practice::professional(&app, "ada@example.com", "UTC").await;
    support::practice::service(&app, &ada.browser, "50").await;

    drop(database); // SIGKILL

    // a page and a change, each answered at once with a 503 that says what is going on
    let waited = Instant::now();
    let page = loop {
        let page = app.page(&ada.browser, "/profile").await;
        // the ping may not have noticed yet: a request waiting on the database is answered too
        if page.status() == 503 {
            break page;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(10),
            "{}",
            page.status()
        );
    };
    assert!(
        waited.elapsed() < Duration::from_secs(10),
        "the 503 took {:?}",
        waited.elapsed()
    );
    assert_eq!(page.headers()["retry-after"], "5");
    let body = page.text().await.unwrap();
    assert!(
        body.contains("We&#39;ll be right back") || body.contains("We'll be right back"),
        "{body}"
    );
    assert!(body.contains("can't reach our database"), "{body}");
    let started = Instant::now();
    let res = app
        .call(
            &ada.browser,
            "create_service",
            &[
                ("service_name", "Written while the database was away"),
                ("meeting_type", "video"),
                ("length", "30"),
                ("price", "5000"),
                ("currency", "ISK"),
            ],
        )
        .await;
    assert_eq!(res.status(), 503);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        res.json::<app::api::ApiError>().await.unwrap(),
        app::api::ApiError::Busy
    );
    // the load balancer still hears the process alive, and not ready
    let client = support::bare_client();
    assert_eq!(
        client
            .get(app.url("/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        client
            .get(app.url("/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        503
    );

    // back on the same data: the server recovers by itself
    let database = start_database(&bin, port, &path);
    let deadline = Instant::now() + Duration::from_secs(60);
    while client
        .get(app.url("/readyz"))
        .send()
        .await
        .unwrap()
        .status()
        != 200
    {
        assert!(Instant::now() < deadline, "never ready again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(app.can_log_in("ada@example.com", PASSWORD).await);
    let services: Vec<app::domain::Service> = ada.answer("my_services", &[]).await;
    let names: Vec<&str> = services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        ["Individual therapy"],
        "nothing from the outage was written"
    );
    app.running.shutdown().await.unwrap();
    drop(database);
    let _ = std::fs::remove_dir_all(dir);
}
