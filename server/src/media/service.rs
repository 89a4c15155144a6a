//! The `Pictures` port: processing off the async threads, a bounded number at a time.

use super::picture;
use crate::clock::Clock;
use crate::db::{self, Db};
use app::domain::{AccessKind, PictureId, Role, UserId};
use app::ports::{Pictures, PicturesError};
use async_trait::async_trait;
use std::sync::Arc;
use tokio::sync::Semaphore;

pub struct PictureService {
    db: Db,
    clock: Arc<dyn Clock>,
    /// Decoding takes memory and CPU: this many at once, the rest wait their turn.
    slots: Arc<Semaphore>,
}

impl PictureService {
    pub fn new(db: Db, clock: Arc<dyn Clock>, concurrency: usize) -> Self {
        Self {
            db,
            clock,
            slots: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }
}

#[async_trait]
impl Pictures for PictureService {
    #[tracing::instrument(skip_all, fields(user = user.as_str(), bytes = upload.len()))]
    async fn replace(&self, user: &UserId, upload: Vec<u8>) -> Result<PictureId, PicturesError> {
        let permit = self
            .slots
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| PicturesError::Unexpected(e.into()))?;
        let jpeg = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            picture::process(&upload)
        })
        .await
        .map_err(|e| PicturesError::Unexpected(e.into()))?
        .map_err(|e| {
            tracing::info!(reason = e.code(), "picture refused");
            PicturesError::Rejected(e)
        })?;
        let id = db::pictures::replace(&self.db, user, jpeg, self.clock.now())
            .await
            .map_err(|e| PicturesError::Unexpected(e.into()))?;
        tracing::info!("picture replaced");
        Ok(id)
    }

    #[tracing::instrument(skip_all, fields(user = user.as_str()))]
    async fn remove(&self, user: &UserId) -> Result<(), PicturesError> {
        db::pictures::remove(&self.db, user)
            .await
            .map_err(|e| PicturesError::Unexpected(e.into()))
    }

    async fn get(&self, viewer: &UserId, id: &PictureId) -> Result<Option<Vec<u8>>, PicturesError> {
        let stored = db::pictures::get(&self.db, id)
            .await
            .map_err(|e| PicturesError::Unexpected(e.into()))?;
        let Some(p) = stored else {
            return Ok(None);
        };
        // its owner, and the people they have a booking with, see it (SEC-21)
        if &p.owner == viewer {
            return Ok(Some(p.jpeg));
        }
        let unexpected = |e: db::DbError| PicturesError::Unexpected(e.into());
        if !db::bookings::connected(&self.db, &p.owner, viewer)
            .await
            .map_err(unexpected)?
        {
            return Ok(None);
        }
        // a client's picture seen by their professional: the client's access log says so
        let owner = db::users::by_id(&self.db, &p.owner)
            .await
            .map_err(unexpected)?;
        if owner.is_some_and(|o| o.role == Role::Client)
            && let Some(seen_by) = db::users::by_id(&self.db, viewer)
                .await
                .map_err(unexpected)?
        {
            db::access_log::record(
                &self.db,
                db::access_log::Opened {
                    subject: &p.owner,
                    viewer,
                    viewer_name: &seen_by.name,
                    what: AccessKind::Picture,
                    item: None,
                    at: self.clock.now(),
                },
            )
            .await
            .map_err(unexpected)?;
        }
        Ok(Some(p.jpeg))
    }
}
