//! Sends each booking's reminders when they fall due: exactly once, late rather than never (a
//! reminder due while the server was down goes out when it is back), and never for a session that
//! has started or was cancelled.

use crate::clock::Clock;
use crate::db::reminders::{Due, Finish};
use crate::db::{self, Db, DbError};
use crate::mail::booking_mail::News;
use crate::practice::notices::Notices;
use app::domain::BookingStatus;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Reminders handled per pass; the rest wait for the next.
const BATCH: u32 = 50;

pub struct Reminders {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub notices: Notices,
    pub poll: Duration,
    /// Counts the passes made, so tests can wait until the worker has looked.
    pub passes: Arc<AtomicU64>,
}

impl Reminders {
    pub fn spawn(self) -> JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.run_once().await {
                    tracing::error!(error = %e, "reminder pass failed");
                }
                self.passes.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(self.poll).await;
            }
        })
    }

    /// One pass over the due reminders; returns how many this pass finished.
    pub async fn run_once(&self) -> Result<usize, DbError> {
        let due = db::reminders::due(&self.db, self.clock.now(), BATCH).await?;
        let mut finished = 0;
        for reminder in &due {
            if self.finish(reminder).await? {
                finished += 1;
            }
        }
        Ok(finished)
    }

    #[tracing::instrument(skip_all, fields(reminder = due.id, booking = due.booking.as_str()))]
    async fn finish(&self, due: &Due) -> Result<bool, DbError> {
        let now = self.clock.now();
        let booking = db::bookings::by_id(&self.db, &due.booking).await?;
        let skip = Finish {
            sent: false,
            mail: None,
            link_hash: None,
            notify: None,
            now,
        };
        let Some(b) = booking.filter(|b| b.status == BookingStatus::Booked && b.starts_at > now)
        else {
            // cancelled, or the session has begun: a reminder now would only confuse
            return db::reminders::finish(&self.db, due, skip).await;
        };
        let Some(professional) = db::users::by_id(&self.db, &b.professional.id).await? else {
            return db::reminders::finish(&self.db, due, skip).await;
        };
        let side = self.notices.client_side(&self.db, &b).await?;
        let outgoing =
            self.notices
                .to_client(News::Reminder, &b, &side, &professional, None, |s| {
                    s.email_reminders
                });
        let (mail, link_hash) = match outgoing {
            Some(o) => (Some(o.mail), o.link_hash),
            None => (None, None),
        };
        let sent = db::reminders::finish(
            &self.db,
            due,
            Finish {
                sent: true,
                mail,
                link_hash,
                notify: b.client.clone(),
                now,
            },
        )
        .await?;
        if sent {
            tracing::info!(lead_minutes = due.lead_minutes, "reminder sent");
        }
        Ok(sent)
    }
}
