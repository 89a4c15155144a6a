//! SEC-06: log-in and forgot-password answer a known and an unknown account alike, in what they
//! say and in how long they take to say it.

mod support;

use server::config::Config;
use server::http::rate_limit::Limit;
use std::time::{Duration, Instant};
use support::{PASSWORD, TestApp, set_cookies};

const ROUNDS: usize = 50;

fn generous_limits() -> Config {
    let mut config = Config::for_tests();
    let plenty = Limit {
        burst: 10_000,
        per_hour: 1_000_000,
    };
    config.auth_rate = plenty;
    config.reset_request_rate = plenty;
    config
}

/// Status, body and the names of the cookies set: what a caller can compare.
async fn observe(res: reqwest::Response) -> (u16, String, Vec<String>) {
    let status = res.status().as_u16();
    let cookies = set_cookies(res.headers())
        .iter()
        .map(|c| c.split('=').next().unwrap_or_default().to_owned())
        .collect();
    (status, res.text().await.unwrap(), cookies)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// Two-sided p-value of the Mann-Whitney U test (normal approximation, ties averaged).
fn mann_whitney_p(a: &[Duration], b: &[Duration]) -> f64 {
    let mut all: Vec<(Duration, bool)> = a
        .iter()
        .map(|d| (*d, true))
        .chain(b.iter().map(|d| (*d, false)))
        .collect();
    all.sort_by_key(|(d, _)| *d);
    let mut rank_sum_a = 0.0;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        while j + 1 < all.len() && all[j + 1].0 == all[i].0 {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum_a += all[i..=j].iter().filter(|(_, in_a)| *in_a).count() as f64 * rank;
        i = j + 1;
    }
    let (n1, n2) = (a.len() as f64, b.len() as f64);
    let u = rank_sum_a - n1 * (n1 + 1.0) / 2.0;
    let mean = n1 * n2 / 2.0;
    let sd = (n1 * n2 * (n1 + n2 + 1.0) / 12.0).sqrt();
    let z = ((u - mean).abs() - 0.5).max(0.0) / sd;
    2.0 * (1.0 - standard_normal_cdf(z))
}

fn standard_normal_cdf(z: f64) -> f64 {
    // Abramowitz and Stegun 7.1.26, accurate to about 1e-7
    let t = 1.0 / (1.0 + 0.3275911 * z / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254829592
            + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    let erf = 1.0 - poly * (-(z * z) / 2.0).exp();
    0.5 * (1.0 + erf)
}

/// What checking one password costs in this process, now (median of a few): the yardstick for
/// "alike". A check skipped for unknown accounts would show as a gap this size.
async fn hash_cost() -> Duration {
    let hasher = server::auth::password::Hasher::new(1);
    let password = app::domain::Password::for_login(PASSWORD).unwrap();
    let stored = hasher.hash(&password).await.unwrap();
    let mut took = Vec::new();
    for _ in 0..9 {
        let started = Instant::now();
        assert!(
            hasher
                .verify(&password, Some(stored.clone()))
                .await
                .unwrap()
        );
        took.push(started.elapsed());
    }
    median(took)
}

/// `ROUNDS` accounts, each proven to exist: "known" must really be known. One per round, so that
/// no wrong password locks one (a locked account answers without its own hash).
async fn known_accounts(app: &TestApp) {
    for round in 0..ROUNDS {
        let email = format!("ann{round}@example.com");
        let res = app.sign_up(&app.client(), "Ann", &email, PASSWORD).await;
        assert_eq!(res.status(), 200, "sign-up");
    }
    assert!(app.can_log_in("ann0@example.com", PASSWORD).await);
}

/// Interleaves `ROUNDS` requests about known accounts with as many about unknown ones. Their
/// answers must be identical, and their times must not tell them apart: either statistically
/// alike, or apart by less than half a password hash (`budget`), so that skipping the hash for
/// unknown accounts fails.
async fn compare<F, Fut>(label: &str, budget: Duration, mut request: F)
where
    F: FnMut(bool, usize) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    let mut answers = Vec::new();
    for round in 0..ROUNDS {
        for is_known in [round % 2 == 0, round % 2 == 1] {
            let started = Instant::now();
            let res = request(is_known, round).await;
            let took = started.elapsed();
            let seen = observe(res).await;
            if is_known {
                known.push(took);
            } else {
                unknown.push(took);
            }
            answers.push(seen);
        }
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "{label}: every answer is the same: {:?}",
        answers.first()
    );
    let (mk, mu) = (median(known.clone()), median(unknown.clone()));
    let p = mann_whitney_p(&known, &unknown);
    let gap = mk.abs_diff(mu);
    println!(
        "{label}: median known {mk:?}, unknown {mu:?}, gap {gap:?}, Mann-Whitney p = {p:.3}, \
         budget {budget:?}"
    );
    assert!(
        p > 0.01 || gap < budget,
        "{label}: timing tells accounts apart (median known {mk:?}, unknown {mu:?}, p = {p:.4})"
    );
}

#[tokio::test]
async fn log_in_answers_known_and_unknown_accounts_alike() {
    let app = TestApp::spawn_with(generous_limits()).await;
    known_accounts(&app).await;
    let budget = hash_cost().await / 2;
    compare("log_in", budget, |known, round| {
        let email = if known {
            format!("ann{round}@example.com")
        } else {
            format!("nobody{round}@example.com")
        };
        let app = &app;
        async move {
            app.log_in(&app.client(), &email, "not the password at all")
                .await
        }
    })
    .await;
}

#[tokio::test]
async fn forgot_password_answers_known_and_unknown_accounts_alike() {
    let app = TestApp::spawn_with(generous_limits()).await;
    known_accounts(&app).await;
    let budget = hash_cost().await / 2;
    compare("request_password_reset", budget, |known, round| {
        let email = if known {
            format!("ann{round}@example.com")
        } else {
            format!("nobody{round}@example.com")
        };
        let app = &app;
        async move {
            app.call(
                &app.client(),
                "request_password_reset",
                &[("email", &email)],
            )
            .await
        }
    })
    .await;
}

#[test]
fn the_statistic_tells_different_samples_apart() {
    let a: Vec<_> = (0..50).map(|i| Duration::from_millis(100 + i)).collect();
    let b: Vec<_> = (0..50).map(|i| Duration::from_millis(130 + i)).collect();
    assert!(mann_whitney_p(&a, &b) < 0.001);
    let c: Vec<_> = (0..50)
        .map(|i| Duration::from_millis(100 + (i * 7) % 50))
        .collect();
    assert!(mann_whitney_p(&a, &c) > 0.5);
}
