//! SurrealDB: the one place SurrealQL is written. Connect, migrate, and a module per table.

pub mod access_log;
pub mod account_deletions;
pub mod bills;
pub mod booking_links;
pub mod bookings;
pub mod cards;
pub mod cluster;
pub mod email_changes;
pub mod hubs;
mod ids;
use ids::key_of;
pub mod invites;
pub mod login_throttle;
pub mod migrations;
pub mod notifications;
pub mod outbox;
pub mod password_resets;
pub mod payments;
pub mod pictures;
pub mod presence;
pub mod profiles;
pub mod reminders;
pub mod services;
pub mod sessions;
mod statements;
pub mod terms;
#[cfg(test)]
mod test_support;
pub mod two_factor;
pub mod users;

use crate::config::DatabaseConfig;
use secrecy::ExposeSecret;
use surrealdb::Surreal;
use surrealdb::engine::any::Any;

pub type Db = Surreal<Any>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("a unique value is already taken")]
    Conflict,
    #[error("database: {0}")]
    Surreal(#[from] surrealdb::Error),
    #[error("unexpected data: {0}")]
    Data(String),
    #[error(
        "the database at {url} could not be reached ({tries} tries); is it running, and are \
         TANDEM_DB_URL, TANDEM_DB_USER and TANDEM_DB_PASS right? Last error: {last}"
    )]
    Unreachable {
        url: String,
        tries: u32,
        last: String,
    },
}

impl DbError {
    /// Unique-index violations come back as errors; tell them apart from failures.
    fn from_write(e: surrealdb::Error) -> Self {
        if is_unique_violation(&e) {
            DbError::Conflict
        } else {
            DbError::Surreal(e)
        }
    }

    /// The failure of a transaction, from the errors of all its statements. A failed transaction
    /// reports every statement but the one at fault as "not executed due to a cancelled
    /// transaction", in no particular order: the cause is the one that says something else.
    pub(crate) fn from_transaction(errors: impl IntoIterator<Item = surrealdb::Error>) -> Self {
        let mut errors: Vec<surrealdb::Error> = errors.into_iter().collect();
        if errors.iter().any(is_unique_violation) {
            return DbError::Conflict;
        }
        if errors.is_empty() {
            return DbError::Data("a transaction failed without an error".into());
        }
        let cause = errors
            .iter()
            .position(|e| !e.message().contains("cancelled transaction"))
            .unwrap_or(0);
        DbError::Surreal(errors.swap_remove(cause))
    }
}

fn is_unique_violation(e: &surrealdb::Error) -> bool {
    e.is_already_exists() || e.message().contains("already contains")
}

/// Whether a transaction stopped at its own `THROW` of `what` (a refusal it was written to make,
/// such as a used link), rather than at a fault.
pub(super) fn threw<'a>(
    errors: impl IntoIterator<Item = &'a surrealdb::Error>,
    what: &str,
) -> bool {
    errors.into_iter().any(|e| e.message().contains(what))
}

/// Whether a write lost a race with another write to the same rows: nothing was changed, and
/// running it again may succeed.
pub(super) fn retryable(e: &surrealdb::Error) -> bool {
    let text = e.to_string().to_lowercase();
    text.contains("conflict") || text.contains("retried") || text.contains("retry")
}

/// Connects by URL (`surrealkv://`, `mem://`, `ws://`), signs in if credentials are given, selects the
/// namespace and database, and applies pending migrations.
pub async fn connect(config: &DatabaseConfig) -> Result<Db, DbError> {
    if let Some(path) = config.url.strip_prefix("surrealkv://")
        && let Some(parent) = std::path::Path::new(path.split('?').next().unwrap_or(path)).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbError::Data(format!("cannot create {}: {e}", parent.display())))?;
    }
    let db = surrealdb::engine::any::connect(durable(&config.url)).await?;
    // a store inside this process has no users to sign in as
    let credentials = config
        .credentials
        .as_ref()
        .filter(|_| is_remote(&config.url));
    if let Some((username, password)) = credentials {
        db.signin(surrealdb::opt::auth::Root {
            username: username.clone(),
            password: password.expose_secret().to_owned(),
        })
        .await?;
    }
    db.use_ns(config.namespace.as_str())
        .use_db(config.database.as_str())
        .await?;
    migrations::apply(&db).await?;
    Ok(db)
}

/// `connect`, trying a remote server again (after 0.25 s, then twice as long each time, at most
/// 10 s apart) while it doesn't answer, up to `config.connect_tries` tries, logging each. An
/// embedded store is opened once: its errors (a lock held by another process, say) don't pass.
pub async fn connect_patiently(config: &DatabaseConfig) -> Result<Db, DbError> {
    if !is_remote(&config.url) {
        return connect(config).await;
    }
    let tries = config.connect_tries.max(1);
    let mut wait = std::time::Duration::from_millis(250);
    for attempt in 1.. {
        let tried = tokio::time::timeout(CONNECT_TIMEOUT, connect(config)).await;
        let error = match tried {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(e)) => e,
            Err(_) => DbError::Data(format!("no answer within {CONNECT_TIMEOUT:?}")),
        };
        if attempt >= tries {
            return Err(DbError::Unreachable {
                url: config.url.clone(),
                tries: attempt,
                last: error.to_string(),
            });
        }
        tracing::warn!(
            url = config.url,
            attempt,
            of = tries,
            retry_in_ms = wait.as_millis() as u64,
            error = %error,
            "the database doesn't answer yet"
        );
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(std::time::Duration::from_secs(10));
    }
    unreachable!("the loop returns")
}

/// The cheapest question the database can answer: whether it is there.
pub async fn ping(db: &Db) -> Result<(), DbError> {
    db.query("RETURN 1").await?.check()?;
    Ok(())
}

/// Whether the URL names a database server (not a store inside this process).
pub fn is_remote(url: &str) -> bool {
    !(url.starts_with("surrealkv://") || url.starts_with("mem://"))
}

/// How long one try at reaching the database may take, sign-in and migrations included.
const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The URL to open: an embedded store on disk writes each commit to disk (fsync, grouped across
/// commits that land together) before the commit returns, so a write we acknowledged survives a
/// crash or a power cut. That is SurrealKV's `sync=every`; it is also its default, but written
/// out here so that no environment setting (`SURREAL_DATASTORE_SYNC_DATA`) quietly loosens it.
/// A URL that names its own `sync` (an interval, say) is the operator's choice and kept.
pub fn durable(url: &str) -> String {
    let Some(rest) = url.strip_prefix("surrealkv://") else {
        return url.to_owned();
    };
    match rest.split_once('?') {
        Some((_, query)) if query.split('&').any(|p| p.starts_with("sync=")) => url.to_owned(),
        Some(_) => format!("{url}&sync=every"),
        None => format!("{url}?sync=every"),
    }
}

/// Whether a transaction that `THROW`s `'stale'` when its record has moved on went through:
/// `Ok(true)` done, `Ok(false)` stale (nothing written), `Err` for any other failure.
pub(crate) fn done_unless_stale(mut res: surrealdb::IndexedResults) -> Result<bool, DbError> {
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(true)
    } else if errors.values().any(|e| e.to_string().contains("stale")) {
        Ok(false)
    } else {
        Err(DbError::from_transaction(errors.into_values()))
    }
}

/// A random record key: 20 characters from [a-z0-9], as SurrealDB makes them.
pub fn new_key() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::durable;

    #[test]
    fn an_embedded_store_syncs_every_commit_unless_the_url_says_otherwise() {
        assert_eq!(
            durable("surrealkv://data/t.db"),
            "surrealkv://data/t.db?sync=every"
        );
        assert_eq!(
            durable("surrealkv://data/t.db?versioned=true"),
            "surrealkv://data/t.db?versioned=true&sync=every"
        );
        assert_eq!(durable("surrealkv://d?sync=1s"), "surrealkv://d?sync=1s");
        assert_eq!(durable("mem://"), "mem://");
        assert_eq!(durable("ws://127.0.0.1:8000"), "ws://127.0.0.1:8000");
    }
}
