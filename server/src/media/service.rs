//! The `Pictures` port: processing off the async threads, a bounded number at a time.

use super::picture;
use crate::clock::Clock;
use crate::db::{self, Db};
use app::domain::{PictureId, UserId};
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
        let visible = &p.owner == viewer
            || crate::db::bookings::connected(&self.db, &p.owner, viewer)
                .await
                .map_err(|e| PicturesError::Unexpected(e.into()))?;
        Ok(visible.then_some(p.jpeg))
    }
}
