//! The `Notifications` port: a person's in-app notifications and their choice of optional emails.

use crate::clock::Clock;
use crate::db::{self, Db};
use app::domain::{Notification, NotificationId, NotificationSettings, UserId};
use app::ports::{Cause, NotificationError, Notifications};
use async_trait::async_trait;
use std::sync::Arc;

/// How many notifications the list shows.
const LIST_LIMIT: u32 = 100;

pub struct NotificationService {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl NotificationService {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

fn unexpected(e: impl Into<Cause>) -> NotificationError {
    NotificationError::Unexpected(e.into())
}

#[async_trait]
impl Notifications for NotificationService {
    async fn list(&self, user: &UserId) -> Result<Vec<Notification>, NotificationError> {
        db::notifications::list(&self.db, user, LIST_LIMIT)
            .await
            .map_err(unexpected)
    }

    async fn unread(&self, user: &UserId) -> Result<u64, NotificationError> {
        db::notifications::unread_count(&self.db, user)
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all, fields(user = user.as_str()))]
    async fn mark_read(
        &self,
        user: &UserId,
        id: &NotificationId,
    ) -> Result<bool, NotificationError> {
        db::notifications::mark_read(&self.db, user, id, self.clock.now())
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all, fields(user = user.as_str()))]
    async fn mark_all_read(&self, user: &UserId) -> Result<(), NotificationError> {
        db::notifications::mark_all_read(&self.db, user, self.clock.now())
            .await
            .map_err(unexpected)
    }

    async fn settings(&self, user: &UserId) -> Result<NotificationSettings, NotificationError> {
        db::profiles::notification_settings(&self.db, user)
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all, fields(user = user.as_str()))]
    async fn save_settings(
        &self,
        user: &UserId,
        settings: NotificationSettings,
    ) -> Result<(), NotificationError> {
        db::profiles::set_notification_settings(&self.db, user, settings)
            .await
            .map_err(unexpected)
    }
}
