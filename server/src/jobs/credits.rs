//! Hub credits over time: at the end of a period a grant's unused credits expire, and each member
//! still in the hub is granted the next period's. Each step is one transaction, written once, so
//! a restart neither loses nor repeats one.

use crate::clock::Clock;
use crate::db::{self, Db, DbError};
use crate::mail::hub_mail;
use crate::practice::hubs::period_end;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Expiries and renewals handled per pass; the rest wait for the next.
const BATCH: u32 = 100;

pub struct CreditsJob {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub public_url: String,
    pub poll: Duration,
    /// Counts the passes made, so tests can wait until the job has looked.
    pub passes: Arc<AtomicU64>,
}

impl CreditsJob {
    pub fn spawn(self) -> JoinHandle<()> {
        tokio::spawn(async move {
            loop {
                if let Err(e) = self.run_once().await {
                    tracing::error!(error = %e, "credits pass failed");
                }
                self.passes.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(self.poll).await;
            }
        })
    }

    /// One pass: expiries first (a period's credits end before the next period's arrive).
    pub async fn run_once(&self) -> Result<(), DbError> {
        let now = self.clock.now();
        for due in db::hubs::expiries_due(&self.db, now, BATCH).await? {
            db::hubs::expire(&self.db, &due, now).await?;
        }
        for due in db::hubs::renewals_due(&self.db, now, BATCH).await? {
            let Some(company) = db::hubs::company_by_id(&self.db, &due.company).await? else {
                continue;
            };
            let policy = company.settings.policy;
            // a server down for a while grants the current period, not every one it missed
            let mut start = due.due_at;
            let mut end = period_end(start, policy.period_months);
            while end <= now {
                start = end;
                end = period_end(start, policy.period_months);
            }
            let mail = match db::users::by_id(&self.db, &due.member).await? {
                Some(member) if policy.credits_per_period > 0 => Some(hub_mail::credits_granted(
                    &member,
                    &company.name,
                    policy.credits_per_period,
                    end,
                    &format!(
                        "{}/hub/{}",
                        self.public_url.trim_end_matches('/'),
                        company.slug.as_str()
                    ),
                )),
                _ => None,
            };
            if db::hubs::renew(&self.db, &due, policy.credits_per_period, end, mail, now).await? {
                tracing::info!(
                    company = company.id.as_str(),
                    "credits granted for a new period"
                );
            }
        }
        Ok(())
    }
}
