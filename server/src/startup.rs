//! Builds the whole server from a `Config`: database, ports, router. Tests spawn it on port 0.

use crate::auth::AccountService;
use crate::auth::password::Hasher;
use crate::clock::{Clock, SystemClock};
use crate::cluster::MediaRooms;
use crate::config::{Config, StripeAccount, StripeConfig};
use crate::db::{self, Db};
use crate::http::csrf::{self, AllowedOrigins};
use crate::http::deadline::{self, Deadline};
use crate::http::headers::{self, CspNonce, HeaderPolicy, StripeOrigins};
use crate::http::rate_limit::{self, RateLimiter};
use crate::jobs::reminders::Reminders;
use crate::mail::worker::Worker;
use crate::media::PictureService;
use crate::media::routes as pictures;
use crate::payments::PaymentService;
use crate::payments::gateway::{BrowserSide, Gateway};
use crate::payments::standin::StandIn;
use crate::payments::webhook::WebhookState;
use crate::practice::notices::Notices;
use crate::practice::{BookingService, CatalogService, DirectoryService, NotificationService};
use crate::telemetry;
use app::ports::{AppState, CookieSettings};
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use leptos::nonce::Nonce;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::limit::RequestBodyLimitLayer;

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped: {0}")]
    Serve(#[from] std::io::Error),
    #[error("configuration: {0}")]
    Config(String),
}

/// Passes made by the reminder worker and the mail worker (none without SMTP), counted so a test
/// can wait until they have looked before it asserts that nothing was sent.
#[derive(Clone, Default)]
pub struct WorkerPasses {
    pub reminders: Arc<std::sync::atomic::AtomicU64>,
    pub outbox: Arc<std::sync::atomic::AtomicU64>,
    pub payments: Arc<std::sync::atomic::AtomicU64>,
    pub credits: Arc<std::sync::atomic::AtomicU64>,
}

/// A running server. Dropping it does not stop it; call `shutdown`.
pub struct Running {
    pub addr: SocketAddr,
    /// Where the SFU takes media.
    pub sfu_addr: SocketAddr,
    /// The server's own database handle, for tests that look behind the HTTP surface.
    pub db: Db,
    /// How many passes the background workers have made.
    pub passes: WorkerPasses,
    /// Paying bills; tests run a reconciliation pass themselves.
    pub payments: Arc<crate::payments::PaymentService>,
    /// The local Stripe stand-in, when no Stripe key is configured; stops with the server.
    pub stripe_standin: Option<Arc<StandIn>>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), std::io::Error>>,
    worker: Option<MailWorker>,
    reminders: JoinHandle<()>,
    reconciler: JoinHandle<()>,
    credits: JoinHandle<()>,
    /// Video rooms here and on the other servers; the heartbeat that says this one is alive.
    media: Arc<MediaRooms>,
    /// How long stopping waits for the pages in calls here to hear of it.
    stop_notice: std::time::Duration,
    heartbeat: Option<JoinHandle<()>>,
    /// Pings a database server, so requests don't wait on one that has gone.
    pinger: Option<JoinHandle<()>>,
}

impl Running {
    pub async fn shutdown(self) -> Result<(), StartError> {
        // from now on, pages in calls here hear that the server is restarting
        let began = std::time::Instant::now();
        self.media.drain().begin();
        if let Some(worker) = self.worker {
            worker.stop(&self.db).await;
        }
        // a reminder mid-pass is finished in one transaction or not at all
        self.reminders.abort();
        // a reconciliation mid-pass is asked again next time: every step is safe to repeat
        self.reconciler.abort();
        // an expiry or a renewal mid-pass is one transaction: done or not at all
        self.credits.abort();
        // the others take this server's rooms on their next join, without waiting for silence
        if let Some(heartbeat) = &self.heartbeat {
            heartbeat.abort();
        }
        self.media.hand_back().await;
        self.media
            .drained(self.stop_notice.saturating_sub(began.elapsed()))
            .await;
        if let Some(pinger) = &self.pinger {
            pinger.abort();
        }
        let _ = self.stop.send(());
        self.task
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))??;
        Ok(())
    }

    /// Runs until Ctrl-C or SIGTERM (what systemd and container runtimes send), then finishes
    /// in-flight requests. `signals` were listened for before the server said it runs, so a
    /// signal sent the moment it does is not missed.
    pub async fn until_shutdown_signal(self, mut signals: StopSignals) -> Result<(), StartError> {
        let signal = signals.next().await;
        tracing::info!(signal, "shutting down");
        self.shutdown().await
    }
}

/// The signals that ask us to stop, listened for from the moment this is made.
pub struct StopSignals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    pub fn listen() -> Result<Self, StartError> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    /// Which came first.
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

/// The largest request body outside the picture upload.
const FORM_BODY_LIMIT: usize = 64 * 1024;

/// The largest Stripe event we read.
const WEBHOOK_BODY_LIMIT: usize = 256 * 1024;

/// Pictures decoded at once; more uploads wait (each may take a few hundred MB while decoding).
const PICTURE_CONCURRENCY: usize = 2;

/// Every server function the router serves, as (path, method): for tests that must cover them all.
pub fn server_fn_paths() -> Vec<(String, String)> {
    leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| (path.to_owned(), method.to_string()))
        .collect()
}

/// Joins per address: a page reload or a reconnect is one each, so people never meet this;
/// a script hammering the SFU with offers does.
pub const SIGNAL_RATE: crate::http::rate_limit::Limit = crate::http::rate_limit::Limit {
    burst: 30,
    per_hour: 1200,
};

/// Card and payment requests per address: generous for people, a wall for a script making
/// Stripe objects in a loop.
pub const PAYMENT_RATE: crate::http::rate_limit::Limit = crate::http::rate_limit::Limit {
    burst: 30,
    per_hour: 600,
};

/// Messages per address: each is a mail to someone, so a person writes a few, and a script
/// filling someone's inbox meets a wall.
pub const MESSAGE_RATE: crate::http::rate_limit::Limit = crate::http::rate_limit::Limit {
    burst: 10,
    per_hour: 60,
};

pub async fn spawn(config: Config) -> Result<Running, StartError> {
    spawn_with_clock(config, Arc::new(SystemClock)).await
}

pub async fn spawn_with_clock(
    config: Config,
    clock: Arc<dyn Clock>,
) -> Result<Running, StartError> {
    let db = db::connect_patiently(&config.database).await?;
    let sfu = crate::sfu::udp::spawn(config.sfu.bind, config.sfu.advertise).map_err(|source| {
        StartError::Bind {
            addr: config.sfu.bind,
            source,
        }
    })?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr()?;
    let media = Arc::new(match &config.sfu.cluster_secret {
        None => MediaRooms::alone(sfu.clone()),
        Some(secret) => {
            let id = db::new_key();
            let url = config
                .sfu
                .internal_url
                .clone()
                .unwrap_or_else(|| format!("http://{addr}"));
            tracing::info!(server = id, url, "one of several servers: rooms are shared");
            MediaRooms::clustered(
                sfu.clone(),
                db.clone(),
                clock.clone(),
                id,
                url,
                secret.clone(),
            )
        }
    });
    let heartbeat = media.spawn_heartbeat();
    let (db_watch, pinger) = if db::is_remote(&config.database.url) {
        let (watch, task) = crate::http::db_watch::DbWatch::spawn(db.clone());
        (watch, Some(task))
    } else {
        (crate::http::db_watch::DbWatch::always_up(), None)
    };
    let stripe = connect_stripe(&config.stripe).await?;
    let payments = Arc::new(PaymentService::new(
        db.clone(),
        clock.clone(),
        stripe.gateway.clone(),
        &config.public_url,
    ));
    let bookings = Arc::new(BookingService::new(
        db.clone(),
        clock.clone(),
        config.booking.policy,
        config.booking.reminder_leads.clone(),
        &config.public_url,
        Some(media.clone()),
    ));
    // one hasher, one limit, for every account made or checked
    let hasher = Hasher::new(config.hash_concurrency);
    let links = Arc::new(crate::practice::LinkService::new(
        db.clone(),
        clock.clone(),
        bookings.clone(),
        &config.public_url,
    ));
    let state = AppState {
        accounts: Arc::new(AccountService::new(
            db.clone(),
            hasher.clone(),
            clock.clone(),
            config.sessions,
            config.public_url.clone(),
            config.terms.clone(),
        )),
        catalog: Arc::new(CatalogService::new(db.clone(), clock.clone())),
        links: links.clone(),
        hubs: Arc::new(crate::practice::HubService::new(
            db.clone(),
            clock.clone(),
            links,
            hasher,
            &config.public_url,
        )),
        bookings,
        bills: Arc::new(crate::payments::BillService::new(db.clone(), clock.clone())),
        payments: payments.clone(),
        rooms: Arc::new(crate::rooms::RoomService::new(
            db.clone(),
            clock.clone(),
            config.booking.policy,
            media.clone(),
            config.sfu.turn.clone(),
        )),
        notifications: Arc::new(NotificationService::new(db.clone(), clock.clone())),
        directory: Arc::new(DirectoryService::new(db.clone())),
        pictures: Arc::new(PictureService::new(
            db.clone(),
            clock.clone(),
            PICTURE_CONCURRENCY,
        )),
        cookies: CookieSettings {
            secure: config.secure_cookies(),
            idle_secs: u64::from(config.sessions.idle_minutes) * 60,
            max_age_secs: u64::from(config.sessions.absolute_hours) * 3600,
        },
        terms: config.terms.clone(),
    };

    let passes = WorkerPasses::default();
    if let Some(standin) = &stripe.standin {
        standin
            .send_events_to(
                &format!("http://{addr}/stripe/webhook"),
                stripe.webhook_secret.expose_secret(),
            )
            .await
            .map_err(|e| StartError::Config(format!("the local Stripe stand-in: {e}")))?;
    }
    let reconciler = crate::payments::reconcile::spawn(
        payments.clone(),
        Duration::from_millis(config.payments_poll_ms),
        passes.payments.clone(),
    );
    let webhook = WebhookState {
        service: payments.clone(),
        secret: stripe.webhook_secret.clone(),
        db: db.clone(),
        clock: clock.clone(),
    };
    let worker = start_mail_worker(&config, &db, clock.clone(), &passes)?;
    let credits = crate::jobs::credits::CreditsJob {
        db: db.clone(),
        clock: clock.clone(),
        public_url: config.public_url.clone(),
        poll: std::time::Duration::from_millis(config.booking.jobs_poll_ms),
        passes: passes.credits.clone(),
    }
    .spawn();
    let ops = Ops {
        probes: crate::http::health::Probes {
            db: db.clone(),
            sfu: sfu.clone(),
            db_watch: db_watch.clone(),
        },
        metrics: crate::http::metrics::MetricsPage {
            metrics: crate::http::metrics::Metrics::default(),
            db: db.clone(),
            sfu: sfu.clone(),
            clock: clock.clone(),
            token: config.metrics_token.clone(),
        },
        rooms: media.clone(),
        db_watch: db_watch.clone(),
    };
    let reminders = Reminders {
        db: db.clone(),
        clock,
        notices: Notices::new(&config.public_url),
        poll: std::time::Duration::from_millis(config.booking.jobs_poll_ms),
        passes: passes.reminders.clone(),
    }
    .spawn();
    let mailbox = config.mail.dev_mailbox().then(|| db.clone());
    let router = router(&config, addr, state, mailbox, webhook, stripe.origins, ops);

    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // the peer address keys the rate limits: never a header a client can forge
        axum::serve(
            crate::http::listener::tuned(listener),
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
    });
    Ok(Running {
        addr,
        sfu_addr: sfu.addr,
        db,
        passes,
        payments,
        stripe_standin: stripe.standin,
        stop,
        task,
        worker,
        reminders,
        reconciler,
        credits,
        media,
        stop_notice: std::time::Duration::from_millis(config.sfu.stop_notice_ms),
        heartbeat,
        pinger,
    })
}

/// Stripe as configured: the gateway, the webhook secret, the origins Stripe.js needs in our CSP,
/// and the local stand-in when we started one.
struct StripeSetup {
    gateway: Arc<Gateway>,
    webhook_secret: SecretString,
    origins: StripeOrigins,
    standin: Option<Arc<StandIn>>,
}

async fn connect_stripe(config: &StripeConfig) -> Result<StripeSetup, StartError> {
    let invalid = |e: &dyn std::fmt::Display| StartError::Config(format!("Stripe: {e}"));
    let (account, standin) = match config {
        StripeConfig::Stripe(account) => (account.clone(), None),
        StripeConfig::Local { port, state } => {
            let standin = StandIn::start(*port, state.clone())
                .await
                .map_err(|e| invalid(&e))?;
            tracing::info!(
                at = standin.base_url,
                "payments go to the local Stripe stand-in"
            );
            let account = StripeAccount {
                secret_key: SecretString::from("sk_test_tandem_local"),
                publishable_key: "pk_test_tandem_local".into(),
                api_base: format!("{}/", standin.base_url),
                js_url: standin.js_url(),
                webhook_secret: SecretString::from(format!("whsec_{}", db::new_key())),
            };
            (account, Some(Arc::new(standin)))
        }
    };
    let gateway = Gateway::new(
        account.secret_key.expose_secret(),
        &account.api_base,
        BrowserSide {
            publishable_key: account.publishable_key.clone(),
            js_url: account.js_url.clone(),
        },
    )
    .map_err(|e| invalid(&e))?;
    let script = headers::origin_of(&account.js_url);
    let api = headers::origin_of(&account.api_base);
    let origins = if standin.is_some() {
        // the stand-in serves Stripe.js and its API from one origin, and draws no frames
        StripeOrigins {
            script: script.clone(),
            frames: vec![],
            connect: vec![script],
        }
    } else {
        StripeOrigins {
            frames: vec![script.clone(), "https://hooks.stripe.com".into()],
            connect: vec![api],
            script,
        }
    };
    Ok(StripeSetup {
        gateway: Arc::new(gateway),
        webhook_secret: account.webhook_secret,
        origins,
        standin,
    })
}

/// The running mail worker, and how to stop it.
struct MailWorker {
    task: JoinHandle<()>,
    stop: tokio::sync::watch::Sender<bool>,
    id: String,
    clock: Arc<dyn Clock>,
}

/// How long a stopping server waits for the message being sent.
const MAIL_STOP_WAIT: Duration = Duration::from_secs(5);

impl MailWorker {
    /// Lets the message being sent finish (up to `MAIL_STOP_WAIT`), then hands back every claim
    /// not sent, so another server sends them now rather than after their lease. A message cut
    /// off mid-send may go out twice (as the same message, with one Message-ID), never not at all.
    async fn stop(mut self, db: &Db) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(MAIL_STOP_WAIT, &mut self.task)
            .await
            .is_err()
        {
            self.task.abort();
            crate::mail::worker::hand_back(db, &self.id, self.clock.now()).await;
        }
    }
}

/// With SMTP configured, a worker delivers the outbox; without, mail waits for /dev/mailbox.
fn start_mail_worker(
    config: &Config,
    db: &Db,
    clock: Arc<dyn Clock>,
    passes: &WorkerPasses,
) -> Result<Option<MailWorker>, StartError> {
    let Some(url) = &config.mail.smtp_url else {
        tracing::info!("no SMTP configured: mail stays in the outbox, readable at /dev/mailbox");
        return Ok(None);
    };
    let invalid = |reason: String| StartError::Config(format!("TANDEM_SMTP_URL: {reason}"));
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
        .map_err(|e| invalid(e.to_string()))?
        .build();
    let from: Mailbox = config
        .mail
        .from
        .parse()
        .map_err(|e| StartError::Config(format!("TANDEM_MAIL_FROM: {e}")))?;
    let domain = from.email.domain().to_owned();
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let id = db::new_key();
    let task = Worker {
        db: db.clone(),
        transport,
        from,
        domain,
        clock: clock.clone(),
        poll: std::time::Duration::from_millis(config.mail.poll_ms),
        lease: chrono::Duration::seconds(
            i64::try_from(config.mail.lease_secs).unwrap_or(i64::MAX / 1000),
        ),
        passes: passes.outbox.clone(),
        id: id.clone(),
        stop: stopped,
    }
    .spawn();
    Ok(Some(MailWorker {
        task,
        stop,
        id,
        clock,
    }))
}

/// The app's routes, found once per process. Finding them renders the app with a process-wide
/// flag set that makes every resource created meanwhile wait for ever (leptos_server's
/// `SuppressResourceLoad`): a second server started while another renders a page (tests run many
/// in one process) would leave that page's body open for good.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The hashes in the wasm, JS and CSS names, if the build made them: cargo-leptos writes them to
/// `hash.txt` beside the server binary, where Leptos reads them to name the files in each page.
/// (Test binaries elsewhere, and builds without it, use the plain names.)
fn asset_hashes() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    std::fs::read_to_string(exe.parent()?.join("hash.txt")).ok()
}

/// The stylesheet's path: `/pkg/tandem.<hash>.css` in a build that hashes.
fn stylesheet_href(hashes: Option<&str>) -> String {
    let hash = hashes.and_then(|h| {
        h.lines()
            .find_map(|l| l.strip_prefix("css:").map(|v| v.trim().to_owned()))
    });
    match hash {
        Some(h) => format!("/pkg/tandem.{h}.css"),
        None => "/pkg/tandem.css".to_owned(),
    }
}

/// What operators and the other servers read: the probes, the metrics page, and the video rooms
/// the others pass joins to.
struct Ops {
    probes: crate::http::health::Probes,
    metrics: crate::http::metrics::MetricsPage,
    rooms: Arc<MediaRooms>,
    /// Whether the database answers (always, for one inside this process).
    db_watch: crate::http::db_watch::DbWatch,
}

/// `mailbox`: the database to show `/dev/mailbox` from, when mail cannot leave.
fn router(
    config: &Config,
    addr: SocketAddr,
    state: AppState,
    mailbox: Option<Db>,
    webhook: WebhookState,
    stripe: StripeOrigins,
    ops: Ops,
) -> Router {
    // cargo-leptos bakes the output name in at build time; plain `cargo test` builds have none
    let hashes = asset_hashes();
    crate::http::set_stylesheet(stylesheet_href(hashes.as_deref()));
    let options = LeptosOptions::builder()
        .output_name(option_env!("LEPTOS_OUTPUT_NAME").unwrap_or("tandem"))
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .hash_files(hashes.is_some())
        .site_addr(addr)
        .env(config.leptos_env.clone())
        .build();

    let routes = route_list();
    let media = Router::new()
        .route(
            "/profile/picture",
            post(pictures::upload)
                .layer(DefaultBodyLimit::max(pictures::BODY_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/media/pictures/{id}",
            get(pictures::download).with_state(state.clone()),
        )
        .route(
            "/account/export",
            get(crate::http::data_export::download).with_state(state.clone()),
        )
        .route(
            "/hr/logo",
            post(pictures::logo_upload)
                .layer(DefaultBodyLimit::max(pictures::BODY_LIMIT))
                .with_state(state.clone()),
        )
        .route(
            "/media/logos/{key}",
            get(pictures::logo_download).with_state(state.clone()),
        );
    let stylesheet = app::Stylesheet(crate::http::stylesheet().into());
    let context = move || {
        provide_context(state.clone());
        provide_context(stylesheet.clone());
        if let Some(parts) = use_context::<axum::http::request::Parts>() {
            provide_context(app::api::session::language_from_headers(&parts.headers));
            // a page's resources share one look-up of who is asking; a server function (which
            // may sign someone in or out) looks up its own
            if !parts.uri.path().starts_with("/api/") {
                provide_context(app::api::session::RequestActor::default());
            }
            // the nonce the security-headers layer put in this response's CSP
            if let Some(nonce) = parts.extensions.get::<CspNonce>() {
                provide_context(Nonce::from_value(nonce.0.clone()));
            }
        }
    };
    let limiter = RateLimiter::new(vec![
        ("/api/log_in", config.auth_rate),
        ("/api/log_in_code", config.auth_rate),
        ("/api/sign_up", config.auth_rate),
        ("/api/reset_password", config.auth_rate),
        // a password guessed, or a mailed token tried
        ("/api/request_account_deletion", config.auth_rate),
        ("/api/delete_account", config.auth_rate),
        ("/api/request_password_reset", config.reset_request_rate),
        ("/api/accept_invitation", config.auth_rate),
        ("/api/open_invitation", config.auth_rate),
        ("/api/join_room", SIGNAL_RATE),
        ("/api/send_message", MESSAGE_RATE),
        // each makes objects at Stripe: a person adds a few cards and pays a few bills
        ("/api/begin_card", PAYMENT_RATE),
        ("/api/finish_card", PAYMENT_RATE),
        ("/api/pay_bill", PAYMENT_RATE),
        // public: anyone may look at a booking link, hold a slot and sign up from it
        ("/api/booking_page", config.link_rate),
        ("/api/held_slot", config.link_rate),
        // the pages themselves, rendered here with the same data
        ("/book/", config.link_rate),
        // holding a time keeps it from others: a person picks a few
        ("/api/hold_slot", config.hold_rate),
        ("/api/sign_up_and_book", config.auth_rate),
        // a hub's page is reached by its link, like a booking link's; joining mails a link
        ("/api/hub_page", config.link_rate),
        ("/hub/", config.link_rate),
        ("/api/ask_to_join", config.reset_request_rate),
        ("/api/sign_up_and_claim", config.auth_rate),
        ("/api/claim_hub", config.auth_rate),
    ]);
    let allowed = AllowedOrigins(Arc::new(vec![config.public_origin()]));
    let policy = HeaderPolicy {
        https: config.secure_cookies(),
        dev_reload: matches!(config.leptos_env, leptos::config::Env::DEV),
        stripe,
        hashed_assets: options.hash_files,
    };
    // Stripe signs its events; it sends no Origin, so this route is outside the CSRF guard
    let stripe_events = Router::new().route(
        "/stripe/webhook",
        post(crate::payments::webhook::receive)
            .layer(RequestBodyLimitLayer::new(WEBHOOK_BODY_LIMIT))
            .with_state(webhook),
    );
    // other app servers passing on joins to rooms on this one: signed with the cluster's
    // secret, so outside the browser's CSRF guard and rate limits
    let internal = Router::new().route(
        "/internal/rooms/{action}",
        post(crate::cluster::receive)
            .layer(RequestBodyLimitLayer::new(FORM_BODY_LIMIT))
            .with_state(ops.rooms),
    );
    let mut dev = Router::new();
    if let Some(db) = mailbox {
        dev = dev.route(
            "/dev/mailbox",
            get(crate::mail::mailbox::page).with_state(db),
        );
    }
    // layers run outside-in from the last one: log, panic page, deadline, headers, CSRF, rate
    // limit, app
    let counted = ops.metrics.metrics.clone();
    Router::new()
        .route("/healthz", get(crate::http::health::live))
        .route(
            "/readyz",
            get(crate::http::health::ready).with_state(ops.probes),
        )
        .route(
            "/metrics",
            get(crate::http::metrics::page).with_state(ops.metrics),
        )
        .merge(dev)
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context(context, shell))
        // pages and server functions take small forms: anything bigger is refused unread
        .layer(RequestBodyLimitLayer::new(FORM_BODY_LIMIT))
        // the upload has its own, larger limit
        .merge(media)
        .layer(axum::middleware::from_fn(crate::http::api_status::apply))
        .layer(from_fn_with_state(limiter, rate_limit::limit))
        .layer(from_fn_with_state(allowed, csrf::guard))
        .merge(stripe_events)
        .merge(internal)
        .layer(from_fn_with_state(policy, headers::apply))
        .layer(from_fn_with_state(
            ops.db_watch,
            crate::http::db_watch::guard,
        ))
        .layer(from_fn_with_state(
            Deadline(Duration::from_secs(config.request_timeout_secs)),
            deadline::apply,
        ))
        .layer(crate::http::panics::layer())
        .layer(axum::middleware::from_fn(crate::http::compress::apply))
        .layer(from_fn_with_state(counted, crate::http::metrics::count))
        .layer(telemetry::layer())
        .with_state(options)
}
