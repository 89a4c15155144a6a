//! SurrealDB: the one place SurrealQL is written. Connect, migrate, and a module per table.

pub mod bills;
pub mod booking_links;
pub mod bookings;
pub mod cards;
pub mod email_changes;
pub mod hubs;
mod ids;
use ids::key_of;
pub mod invites;
pub mod login_throttle;
mod migrations;
pub mod notifications;
pub mod outbox;
pub mod password_resets;
pub mod payments;
pub mod pictures;
pub mod profiles;
pub mod reminders;
pub mod services;
pub mod sessions;
mod statements;
#[cfg(test)]
mod test_support;
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

/// Connects by URL (`surrealkv://`, `mem://`, `ws://`), signs in if credentials are given, selects the
/// namespace and database, and applies pending migrations.
pub async fn connect(config: &DatabaseConfig) -> Result<Db, DbError> {
    if let Some(path) = config.url.strip_prefix("surrealkv://")
        && let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .map_err(|e| DbError::Data(format!("cannot create {}: {e}", parent.display())))?;
    }
    let db = surrealdb::engine::any::connect(config.url.as_str()).await?;
    if let Some((username, password)) = &config.credentials {
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
