//! Typed settings from the environment; every one has a default that works on a laptop.

use secrecy::SecretString;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {reason}")]
    Invalid { name: &'static str, reason: String },
}

#[derive(Clone, Debug)]
pub struct Config {
    /// `LEPTOS_SITE_ADDR`; port 0 picks a free one (tests).
    pub addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: where cargo-leptos put the wasm, JS and CSS.
    pub site_root: PathBuf,
    /// `LEPTOS_ENV`: `DEV` adds cargo-leptos' live-reload script; anything else is production.
    pub leptos_env: leptos::config::Env,
    /// `TANDEM_PUBLIC_URL`: how people reach us; https here makes cookies `Secure`.
    pub public_url: String,
    pub database: DatabaseConfig,
    /// `TANDEM_HASH_CONCURRENCY`: password hashes computed at once (each takes ~19 MiB and a
    /// core). By default one fewer than the cores, so a crowd logging in never takes the last
    /// core from the pages (200 log-ins at once on 2 cores: Home's p99 75 ms with both, 44 ms
    /// with one).
    pub hash_concurrency: usize,
    pub sessions: SessionConfig,
    /// `TANDEM_AUTH_BURST`, `TANDEM_AUTH_PER_HOUR`: attempts per address on log-in, sign-up and
    /// password reset.
    pub auth_rate: crate::http::rate_limit::Limit,
    /// `TANDEM_LINK_BURST`, `TANDEM_LINK_PER_HOUR`: booking-link requests per address (looking at
    /// a link's page, holding a slot).
    pub link_rate: crate::http::rate_limit::Limit,
    /// `TANDEM_HOLD_BURST`, `TANDEM_HOLD_PER_HOUR`: times held per address (a held time is kept
    /// from everyone else for a while).
    pub hold_rate: crate::http::rate_limit::Limit,
    /// `TANDEM_RESET_REQUESTS_PER_HOUR`: "forgot password" requests per address (burst the same).
    pub reset_request_rate: crate::http::rate_limit::Limit,
    pub mail: MailConfig,
    pub booking: BookingConfig,
    pub sfu: SfuConfig,
    /// `TANDEM_REQUEST_TIMEOUT_SECS`: a request still unanswered this long gets a 503 page.
    pub request_timeout_secs: u64,
    pub stripe: StripeConfig,
    /// `TANDEM_PAYMENTS_POLL_MS`: how often payments left under way and refunds due are settled.
    pub payments_poll_ms: u64,
    /// `TANDEM_METRICS_TOKEN`: when set, `/metrics` asks for `Authorization: Bearer <token>`;
    /// unset, it is open (keep it off the public side of the load balancer).
    pub metrics_token: Option<SecretString>,
    /// `TANDEM_TERMS_VERSION` (the day a new version of the Terms was published, `YYYY-MM-DD`) and
    /// `TANDEM_TERMS_CHANGES` (what changed, shown to each user, who accepts it at their next
    /// visit before going on). By default the first version.
    pub terms: app::domain::TermsInForce,
}

/// Where payments go.
#[derive(Clone, Debug)]
pub enum StripeConfig {
    /// No `TANDEM_STRIPE_SECRET_KEY`: our local stand-in (localstripe), started with the server on
    /// `TANDEM_STRIPE_LOCAL_PORT` (0: any free port), keeping its data in `state` (next to an
    /// on-disk database; none for an in-memory one).
    Local {
        port: u16,
        state: Option<PathBuf>,
    },
    Stripe(StripeAccount),
}

#[derive(Clone, Debug)]
pub struct StripeAccount {
    /// `TANDEM_STRIPE_SECRET_KEY`.
    pub secret_key: SecretString,
    /// `TANDEM_STRIPE_PUBLISHABLE_KEY`: what Stripe.js in the browser uses.
    pub publishable_key: String,
    /// `TANDEM_STRIPE_API_BASE`, default `https://api.stripe.com/`.
    pub api_base: String,
    /// `TANDEM_STRIPE_JS_URL`, default `https://js.stripe.com/v3/`.
    pub js_url: String,
    /// `TANDEM_STRIPE_WEBHOOK_SECRET`: signs the events Stripe sends to `/stripe/webhook`.
    pub webhook_secret: SecretString,
}

impl StripeConfig {
    /// Tests that never pay: an API address where nothing listens, so a stray call fails fast.
    pub fn unreachable() -> Self {
        StripeConfig::Stripe(StripeAccount {
            secret_key: SecretString::from("sk_test_unreachable"),
            publishable_key: "pk_test_unreachable".into(),
            api_base: "http://127.0.0.1:9/".into(),
            js_url: "http://127.0.0.1:9/js.stripe.com/v3/".into(),
            webhook_secret: SecretString::from("whsec_unreachable"),
        })
    }

    fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        database_url: &str,
    ) -> Result<Self, ConfigError> {
        let Some(secret_key) = get("TANDEM_STRIPE_SECRET_KEY") else {
            let state = database_url
                .strip_prefix("surrealkv://")
                .map(|path| path.split('?').next().unwrap_or(path))
                .map(|path| PathBuf::from(path).with_file_name("stripe-standin.pickle"));
            return Ok(StripeConfig::Local {
                port: parse(get, "TANDEM_STRIPE_LOCAL_PORT", "0")?,
                state,
            });
        };
        let required = |name: &'static str| {
            get(name).ok_or(ConfigError::Invalid {
                name,
                reason: "required with TANDEM_STRIPE_SECRET_KEY".into(),
            })
        };
        Ok(StripeConfig::Stripe(StripeAccount {
            secret_key: SecretString::from(secret_key),
            publishable_key: required("TANDEM_STRIPE_PUBLISHABLE_KEY")?,
            api_base: get("TANDEM_STRIPE_API_BASE")
                .unwrap_or_else(|| "https://api.stripe.com/".into()),
            js_url: get("TANDEM_STRIPE_JS_URL")
                .unwrap_or_else(|| "https://js.stripe.com/v3/".into()),
            webhook_secret: SecretString::from(required("TANDEM_STRIPE_WEBHOOK_SECRET")?),
        }))
    }
}

#[derive(Clone, Debug)]
pub struct SfuConfig {
    /// `TANDEM_SFU_ADDR`: the UDP address media arrives at; port 0 picks a free one (tests).
    pub bind: SocketAddr,
    /// `TANDEM_SFU_PUBLIC_IP`: the address browsers are told to send to, when not the bound one
    /// (a server behind a translated address).
    pub advertise: Option<std::net::IpAddr>,
    /// `TANDEM_CLUSTER_SECRET`: set (the same on every app server sharing the database), video
    /// rooms are spread over the servers' SFUs and joins are passed to the room's server, signed
    /// with it. Unset, this server is alone and carries every room itself.
    pub cluster_secret: Option<SecretString>,
    /// `TANDEM_INTERNAL_URL`: where the other app servers reach this one (default: the address
    /// it listens on, which then must not be a loopback one if they are on other machines).
    pub internal_url: Option<String>,
    /// A relay (TURN) for people whose network blocks UDP to us: `TANDEM_TURN_URLS` and
    /// `TANDEM_TURN_SECRET` together (and `TANDEM_TURN_TTL_SECS`). Unset, browsers reach the
    /// SFU directly, as they always could.
    pub turn: Option<crate::turn::TurnConfig>,
    /// `TANDEM_STOP_NOTICE_MS`: how long a stopping server waits for every page in its calls to
    /// hear that it is restarting (a page asks every two seconds; it stops waiting once all have).
    pub stop_notice_ms: u64,
}

#[derive(Clone, Debug)]
pub struct BookingConfig {
    /// `TANDEM_JOIN_EARLY_MINUTES` and `TANDEM_CANCEL_CUTOFF_HOURS`.
    pub policy: app::domain::BookingPolicy,
    /// `TANDEM_REMINDER_MINUTES`: minutes before the start each reminder is due, e.g. `1440,60`.
    pub reminder_leads: Vec<u32>,
    /// `TANDEM_JOBS_POLL_MS`: how often due reminders are looked for.
    pub jobs_poll_ms: u64,
}

/// How long a stopping server waits for its calls to hear of it: one page heartbeat and a second.
const STOP_NOTICE_MS: u64 = app::domain::HEARTBEAT_MILLIS + 1_000;

/// `1440,60` as minutes; empty means no reminders.
fn parse_leads(raw: &str) -> Result<Vec<u32>, ConfigError> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .ok()
                .filter(|m| *m > 0)
                .ok_or_else(|| ConfigError::Invalid {
                    name: "TANDEM_REMINDER_MINUTES",
                    reason: format!("{s:?} is not a positive number of minutes"),
                })
        })
        .collect()
}

#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `TANDEM_SMTP_URL`, e.g. `smtp://127.0.0.1:2525` or `smtps://user:pass@mail.example:465`.
    /// Unset: mail stays in the outbox and `/dev/mailbox` shows it.
    pub smtp_url: Option<SecretString>,
    /// `TANDEM_MAIL_FROM`.
    pub from: String,
    /// `TANDEM_OUTBOX_POLL_MS`: how often the outbox is checked for due mail.
    pub poll_ms: u64,
    /// `TANDEM_OUTBOX_LEASE_SECS`: how long a server's claim on a mail it is sending holds. If the
    /// server dies mid-send, another (or it, restarted) sends the mail once the lease is over.
    pub lease_secs: u64,
}

impl MailConfig {
    /// The development mailbox exists only when mail cannot leave: never next to a real SMTP server.
    pub fn dev_mailbox(&self) -> bool {
        self.smtp_url.is_none()
    }
}

#[derive(Clone, Copy, Debug)]
pub struct SessionConfig {
    /// `TANDEM_SESSION_IDLE_MINUTES`: logged out after this long without a request.
    pub idle_minutes: u32,
    /// `TANDEM_SESSION_HOURS`: logged out this long after logging in, active or not.
    pub absolute_hours: u32,
    /// `TANDEM_REQUIRE_TWO_FACTOR` (`true` by default): professionals and HR admins set up
    /// two-step log-in before anything else. Tests that aren't about it turn it off.
    pub require_two_factor: bool,
}

#[derive(Clone, Debug)]
pub struct DatabaseConfig {
    /// `TANDEM_DB_URL`: `surrealkv://path` (default, on disk), `mem://`, or `ws://host:port`.
    pub url: String,
    /// `TANDEM_DB_NS`, `TANDEM_DB_NAME`.
    pub namespace: String,
    pub database: String,
    /// `TANDEM_DB_USER` / `TANDEM_DB_PASS`: root credentials for a remote server.
    pub credentials: Option<(String, SecretString)>,
    /// `TANDEM_DB_CONNECT_TRIES`: how often to try a remote server that doesn't answer at start
    /// (waiting longer after each try) before giving up with a clear message. Default 10 (about
    /// 45 s in all), so an app started alongside its database waits for it.
    pub connect_tries: u32,
}

impl DatabaseConfig {
    /// In memory, or a fresh database on the server `TANDEM_TEST_DB_URL` names (see
    /// `Config::for_tests`).
    pub fn for_tests() -> Self {
        let Ok(url) = std::env::var("TANDEM_TEST_DB_URL") else {
            return Self {
                url: "mem://".into(),
                namespace: "tandem".into(),
                database: "test".into(),
                credentials: None,
                connect_tries: 1,
            };
        };
        let credentials = match (
            std::env::var("TANDEM_TEST_DB_USER"),
            std::env::var("TANDEM_TEST_DB_PASS"),
        ) {
            (Ok(u), Ok(p)) => Some((u, SecretString::from(p))),
            _ => None,
        };
        Self {
            url,
            namespace: "tandem".into(),
            database: format!("test_{}", crate::db::new_key()),
            credentials,
            connect_tries: 3,
        }
    }
}

impl Config {
    /// Settings for tests: free port, in-memory database, fast to start. With
    /// `TANDEM_TEST_DB_URL` set (and `TANDEM_TEST_DB_USER` / `TANDEM_TEST_DB_PASS`), a database of
    /// its own on that SurrealDB server instead: the suite's second pass, against a real server.
    pub fn for_tests() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root: PathBuf::from("target/site"),
            leptos_env: leptos::config::Env::PROD,
            public_url: "http://127.0.0.1".into(),
            database: DatabaseConfig::for_tests(),
            hash_concurrency: 2,
            sessions: SessionConfig {
                idle_minutes: 30,
                absolute_hours: 12,
                require_two_factor: false,
            },
            auth_rate: crate::http::rate_limit::Limit {
                burst: 10,
                per_hour: 600,
            },
            // every test's requests come from one address
            link_rate: crate::http::rate_limit::Limit {
                burst: 300,
                per_hour: 100_000,
            },
            hold_rate: crate::http::rate_limit::Limit {
                burst: 300,
                per_hour: 100_000,
            },
            reset_request_rate: crate::http::rate_limit::Limit {
                burst: 5,
                per_hour: 5,
            },
            mail: MailConfig {
                smtp_url: None,
                from: "Tandem <no-reply@localhost>".into(),
                poll_ms: 100,
                lease_secs: 300,
            },
            booking: BookingConfig {
                policy: app::domain::BookingPolicy::default(),
                reminder_leads: vec![1440, 60],
                jobs_poll_ms: 100,
            },
            sfu: SfuConfig {
                bind: SocketAddr::from(([127, 0, 0, 1], 0)),
                advertise: None,
                cluster_secret: None,
                internal_url: None,
                turn: None,
                stop_notice_ms: STOP_NOTICE_MS,
            },
            request_timeout_secs: 60,
            stripe: StripeConfig::unreachable(),
            payments_poll_ms: 200,
            metrics_token: None,
            terms: app::domain::TermsInForce::first(),
        }
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let addr: SocketAddr = parse(&get, "LEPTOS_SITE_ADDR", "127.0.0.1:3000")?;
        let database_url =
            get("TANDEM_DB_URL").unwrap_or_else(|| "surrealkv://data/tandem.db".into());
        let credentials = match (get("TANDEM_DB_USER"), get("TANDEM_DB_PASS")) {
            (Some(u), Some(p)) => Some((u, SecretString::from(p))),
            _ => None,
        };
        Ok(Self {
            addr,
            site_root: get("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            leptos_env: match get("LEPTOS_ENV").as_deref() {
                Some("DEV" | "dev" | "development") => leptos::config::Env::DEV,
                _ => leptos::config::Env::PROD,
            },
            public_url: get("TANDEM_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")),
            database: DatabaseConfig {
                url: database_url.clone(),
                namespace: get("TANDEM_DB_NS").unwrap_or_else(|| "tandem".into()),
                database: get("TANDEM_DB_NAME").unwrap_or_else(|| "main".into()),
                credentials,
                connect_tries: parse(&get, "TANDEM_DB_CONNECT_TRIES", "10")?,
            },
            hash_concurrency: parse(
                &get,
                "TANDEM_HASH_CONCURRENCY",
                &default_hash_concurrency().to_string(),
            )?,
            sessions: SessionConfig {
                idle_minutes: parse(&get, "TANDEM_SESSION_IDLE_MINUTES", "30")?,
                absolute_hours: parse(&get, "TANDEM_SESSION_HOURS", "12")?,
                require_two_factor: parse(&get, "TANDEM_REQUIRE_TWO_FACTOR", "true")?,
            },
            auth_rate: crate::http::rate_limit::Limit {
                burst: parse(&get, "TANDEM_AUTH_BURST", "10")?,
                per_hour: parse(&get, "TANDEM_AUTH_PER_HOUR", "600")?,
            },
            link_rate: crate::http::rate_limit::Limit {
                burst: parse(&get, "TANDEM_LINK_BURST", "60")?,
                per_hour: parse(&get, "TANDEM_LINK_PER_HOUR", "1200")?,
            },
            hold_rate: crate::http::rate_limit::Limit {
                burst: parse(&get, "TANDEM_HOLD_BURST", "10")?,
                per_hour: parse(&get, "TANDEM_HOLD_PER_HOUR", "60")?,
            },
            reset_request_rate: {
                let n = parse(&get, "TANDEM_RESET_REQUESTS_PER_HOUR", "5")?;
                crate::http::rate_limit::Limit {
                    burst: n,
                    per_hour: n,
                }
            },
            mail: MailConfig {
                smtp_url: get("TANDEM_SMTP_URL").map(SecretString::from),
                from: get("TANDEM_MAIL_FROM")
                    .unwrap_or_else(|| "Tandem <no-reply@localhost>".into()),
                poll_ms: parse(&get, "TANDEM_OUTBOX_POLL_MS", "1000")?,
                lease_secs: parse(&get, "TANDEM_OUTBOX_LEASE_SECS", "300")?,
            },
            booking: BookingConfig {
                policy: app::domain::BookingPolicy {
                    join_early_minutes: parse(&get, "TANDEM_JOIN_EARLY_MINUTES", "10")?,
                    client_cancel_cutoff_hours: parse(&get, "TANDEM_CANCEL_CUTOFF_HOURS", "24")?,
                    room_open_after_end_minutes: parse(
                        &get,
                        "TANDEM_ROOM_OPEN_AFTER_END_MINUTES",
                        "60",
                    )?,
                },
                reminder_leads: parse_leads(
                    &get("TANDEM_REMINDER_MINUTES").unwrap_or_else(|| "1440,60".into()),
                )?,
                jobs_poll_ms: parse(&get, "TANDEM_JOBS_POLL_MS", "15000")?,
            },
            sfu: SfuConfig {
                bind: parse(&get, "TANDEM_SFU_ADDR", "127.0.0.1:3478")?,
                cluster_secret: get("TANDEM_CLUSTER_SECRET").map(SecretString::from),
                internal_url: get("TANDEM_INTERNAL_URL"),
                turn: turn_config(&get)?,
                stop_notice_ms: parse(&get, "TANDEM_STOP_NOTICE_MS", &STOP_NOTICE_MS.to_string())?,
                advertise: match get("TANDEM_SFU_PUBLIC_IP") {
                    Some(ip) => Some(ip.parse().map_err(|e: std::net::AddrParseError| {
                        ConfigError::Invalid {
                            name: "TANDEM_SFU_PUBLIC_IP",
                            reason: e.to_string(),
                        }
                    })?),
                    None => None,
                },
            },
            request_timeout_secs: parse(&get, "TANDEM_REQUEST_TIMEOUT_SECS", "60")?,
            stripe: StripeConfig::from_lookup(&get, &database_url)?,
            payments_poll_ms: parse(&get, "TANDEM_PAYMENTS_POLL_MS", "60000")?,
            metrics_token: get("TANDEM_METRICS_TOKEN").map(SecretString::from),
            terms: terms_in_force(&get)?,
        })
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The scheme and authority of `public_url`, as browsers send it in `Origin`.
    pub fn public_origin(&self) -> String {
        let url = self.public_url.trim_end_matches('/');
        match url.split_once("://") {
            Some((scheme, rest)) => {
                format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest))
            }
            None => url.to_owned(),
        }
    }
}

/// The relay, when both its URLs and its secret are set; one without the other is a mistake.
fn turn_config(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<crate::turn::TurnConfig>, ConfigError> {
    match (get("TANDEM_TURN_URLS"), get("TANDEM_TURN_SECRET")) {
        (None, None) => Ok(None),
        (Some(urls), Some(secret)) if !secret.is_empty() => Ok(Some(crate::turn::TurnConfig {
            urls: crate::turn::TurnConfig::parse_urls(&urls).map_err(|reason| {
                ConfigError::Invalid {
                    name: "TANDEM_TURN_URLS",
                    reason,
                }
            })?,
            secret: SecretString::from(secret),
            ttl_secs: parse(
                get,
                "TANDEM_TURN_TTL_SECS",
                &crate::turn::DEFAULT_TTL_SECS.to_string(),
            )?,
        })),
        (Some(_), _) => Err(ConfigError::Invalid {
            name: "TANDEM_TURN_SECRET",
            reason: "TANDEM_TURN_URLS is set, so the relay's shared secret is needed too".into(),
        }),
        (None, Some(_)) => Err(ConfigError::Invalid {
            name: "TANDEM_TURN_URLS",
            reason: "TANDEM_TURN_SECRET is set, but no relay URL".into(),
        }),
    }
}

/// All cores but one for password hashing, and at least one.
fn default_hash_concurrency() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get().saturating_sub(1))
        .max(1)
}

fn parse<T: std::str::FromStr>(
    get: &impl Fn(&str) -> Option<String>,
    name: &'static str,
    default: &str,
) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    get(name)
        .unwrap_or_else(|| default.to_owned())
        .parse()
        .map_err(|e: T::Err| ConfigError::Invalid {
            name,
            reason: e.to_string(),
        })
}

fn terms_in_force(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<app::domain::TermsInForce, ConfigError> {
    let changes = get("TANDEM_TERMS_CHANGES");
    match get("TANDEM_TERMS_VERSION") {
        None => Ok(app::domain::TermsInForce::first()),
        Some(v) => {
            app::domain::TermsInForce::published_on(&v, changes).ok_or(ConfigError::Invalid {
                name: "TANDEM_TERMS_VERSION",
                reason: "the day the Terms were published, as YYYY-MM-DD".into(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_work_with_no_environment() {
        let c = Config::from_lookup(|_| None).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert!(c.database.url.starts_with("surrealkv://"));
        assert!(!c.secure_cookies());
        assert_eq!(c.booking.reminder_leads, vec![1440, 60]);
        assert_eq!(c.booking.policy.join_early_minutes, 10);
        // payments go to the local stand-in, whose data lives next to the database
        match c.stripe {
            StripeConfig::Local { port: 0, state } => {
                assert_eq!(state, Some(PathBuf::from("data/stripe-standin.pickle")))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stripe_key_needs_its_publishable_key_and_webhook_secret() {
        let e =
            Config::from_lookup(|k| (k == "TANDEM_STRIPE_SECRET_KEY").then(|| "sk_live_x".into()))
                .unwrap_err();
        assert!(e.to_string().contains("TANDEM_STRIPE_PUBLISHABLE_KEY"));
        let c = Config::from_lookup(|k| match k {
            "TANDEM_STRIPE_SECRET_KEY" => Some("sk_live_secret123".into()),
            "TANDEM_STRIPE_PUBLISHABLE_KEY" => Some("pk_live_x".into()),
            "TANDEM_STRIPE_WEBHOOK_SECRET" => Some("whsec_secret456".into()),
            _ => None,
        })
        .unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("sk_live_secret123") && !shown.contains("whsec_secret456"));
        assert!(
            matches!(c.stripe, StripeConfig::Stripe(a) if a.api_base == "https://api.stripe.com/")
        );
    }

    #[test]
    fn reminders_are_a_list_of_minutes() {
        let c = Config::from_lookup(|k| (k == "TANDEM_REMINDER_MINUTES").then(|| "120, 15".into()))
            .unwrap();
        assert_eq!(c.booking.reminder_leads, vec![120, 15]);
        let e = Config::from_lookup(|k| (k == "TANDEM_REMINDER_MINUTES").then(|| "soon".into()))
            .unwrap_err();
        assert!(e.to_string().contains("TANDEM_REMINDER_MINUTES"));
    }

    #[test]
    fn https_public_url_makes_cookies_secure_and_debug_hides_secrets() {
        let c = Config::from_lookup(|k| match k {
            "TANDEM_PUBLIC_URL" => Some("https://tandem.example".into()),
            "TANDEM_DB_USER" => Some("root".into()),
            "TANDEM_DB_PASS" => Some("hunter2-hunter2".into()),
            _ => None,
        })
        .unwrap();
        assert!(c.secure_cookies());
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn bad_values_name_the_setting() {
        let e =
            Config::from_lookup(|k| (k == "LEPTOS_SITE_ADDR").then(|| "nope".into())).unwrap_err();
        assert!(e.to_string().contains("LEPTOS_SITE_ADDR"));
    }
}
