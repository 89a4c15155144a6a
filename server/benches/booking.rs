//! Booking under contention: many requests at once for one professional's calendar, against the
//! same number made one after another in the same run, as the baseline.
//!
//!     cargo bench -p server --bench booking [-- --requests 100]
//!
//! The real server (in-memory database, no mail leaving) is spawned on loopback and driven over
//! HTTP as the app's forms drive it. Three scenarios, each on a calendar of its own:
//! - one after another: `--requests` back-to-back slots, each invitation after the last answer;
//! - at once: the same slots, all requested together;
//! - contested: two requests for each slot, all together (half must be refused as overlaps).
//!
//! Printed per scenario: answers per second, the slowest answer, and what the answers were.

use chrono::{DateTime, Duration as Minutes, Timelike, Utc};
use reqwest::header::CONTENT_TYPE;
use std::time::{Duration, Instant};

const PASSWORD: &str = "a long enough passphrase";
const LENGTH_MINUTES: i64 = 50;

struct Outcome {
    answered_per_sec: f64,
    slowest: Duration,
    booked: usize,
    refused: usize,
    other: Vec<u16>,
}

struct Calendar {
    base: String,
    client: reqwest::Client,
    service: String,
    first: DateTime<Utc>,
}

impl Calendar {
    async fn open(base: &str, who: &str) -> Calendar {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(300))
            .build()
            .unwrap();
        let email = format!("{who}@example.com");
        let res = call(
            &client,
            base,
            "sign_up",
            &[
                ("name", who),
                ("email", &email),
                ("password", PASSWORD),
                ("accept_terms", "yes"),
                ("role", "professional"),
                ("timezone", "UTC"),
            ],
        )
        .await;
        assert_eq!(res.status(), 200, "sign-up");
        let res = call(
            &client,
            base,
            "create_service",
            &[
                ("service_name", "Therapy"),
                ("meeting_type", "video"),
                ("length", &LENGTH_MINUTES.to_string()),
                ("price", "12500"),
                ("currency", "ISK"),
            ],
        )
        .await;
        let service: serde_json::Value = res.json().await.unwrap();
        let tomorrow = Utc::now() + Minutes::days(1);
        Calendar {
            base: base.to_owned(),
            client,
            service: service["id"].as_str().unwrap().to_owned(),
            first: tomorrow
                .with_minute(0)
                .and_then(|t| t.with_second(0))
                .and_then(|t| t.with_nanosecond(0))
                .unwrap(),
        }
    }

    /// Invites a client to slot `n` (back to back from the first); the status and how long it took.
    async fn book(&self, n: i64) -> (u16, Duration) {
        let at = self.first + Minutes::minutes(n * LENGTH_MINUTES);
        let date = at.format("%Y-%m-%d").to_string();
        let time = at.format("%H:%M").to_string();
        let email = format!("client{n}@example.com");
        let started = Instant::now();
        let res = call(
            &self.client,
            &self.base,
            "invite_client",
            &[
                ("service", &self.service),
                ("date", &date),
                ("time", &time),
                ("client_name", "A Client"),
                ("client_email", &email),
            ],
        )
        .await;
        (res.status().as_u16(), started.elapsed())
    }
}

async fn call(
    client: &reqwest::Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{base}/api/{endpoint}"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("origin", base)
        .form(form)
        .send()
        .await
        .unwrap()
}

fn outcome(answers: Vec<(u16, Duration)>, took: Duration) -> Outcome {
    Outcome {
        answered_per_sec: answers.len() as f64 / took.as_secs_f64(),
        slowest: answers.iter().map(|(_, d)| *d).max().unwrap_or_default(),
        booked: answers.iter().filter(|(s, _)| *s == 200).count(),
        refused: answers.iter().filter(|(s, _)| *s == 422).count(),
        other: answers
            .iter()
            .map(|(s, _)| *s)
            .filter(|s| *s != 200 && *s != 422)
            .collect(),
    }
}

async fn one_after_another(calendar: &Calendar, requests: i64) -> Outcome {
    let started = Instant::now();
    let mut answers = Vec::new();
    for n in 0..requests {
        answers.push(calendar.book(n).await);
    }
    outcome(answers, started.elapsed())
}

async fn all_at_once(calendar: &Calendar, slots: impl Iterator<Item = i64>) -> Outcome {
    let started = Instant::now();
    let tasks: Vec<_> = slots
        .map(|n| {
            let calendar = Calendar {
                base: calendar.base.clone(),
                client: calendar.client.clone(),
                service: calendar.service.clone(),
                first: calendar.first,
            };
            tokio::spawn(async move { calendar.book(n).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    outcome(answers, started.elapsed())
}

fn print(name: &str, o: &Outcome) {
    println!(
        "{name:<18} {:>10.1} {:>12.0} {:>7} {:>8} {}",
        o.answered_per_sec,
        o.slowest.as_secs_f64() * 1000.0,
        o.booked,
        o.refused,
        if o.other.is_empty() {
            String::new()
        } else {
            format!("other answers: {:?}", o.other)
        }
    );
}

fn requests_from_args() -> i64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--requests")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse().expect("--requests takes a number"))
        .unwrap_or(100)
}

fn main() {
    let requests = requests_from_args();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let running = server::startup::spawn(server::config::Config::for_tests())
            .await
            .expect("server starts");
        let base = format!("http://{}", running.addr);
        let sequential = Calendar::open(&base, "sequential").await;
        let at_once = Calendar::open(&base, "at-once").await;
        let contested = Calendar::open(&base, "contested").await;

        println!(
            "booking benchmark: {requests} slots of {LENGTH_MINUTES} min on one calendar each"
        );
        println!(
            "{:<18} {:>10} {:>12} {:>7} {:>8}",
            "scenario", "answers/s", "slowest ms", "booked", "refused"
        );
        let base_line = one_after_another(&sequential, requests).await;
        print("one after another", &base_line);
        let together = all_at_once(&at_once, 0..requests).await;
        print("at once", &together);
        let fought = all_at_once(&contested, (0..requests).flat_map(|n| [n, n])).await;
        print("contested (2/slot)", &fought);
        println!(
            "at once / one after another: {:.2}x the answers per second",
            together.answered_per_sec / base_line.answered_per_sec
        );
        running.shutdown().await.unwrap();
    });
}
