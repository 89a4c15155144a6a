//! The `Bills` port: what clients owe, read as each client may see it.

use crate::clock::Clock;
use crate::db::{self, Db};
use app::domain::{AccessKind, Bill, BillId, BillStatus, UserId};
use app::ports::{BillError, Bills, Cause};
use async_trait::async_trait;
use std::sync::Arc;

/// At most this many bills in one list.
const LIST_LIMIT: u32 = 200;

pub struct BillService {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl BillService {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

fn unexpected(e: impl Into<Cause>) -> BillError {
    BillError::Unexpected(e.into())
}

#[async_trait]
impl Bills for BillService {
    async fn for_client(&self, client: &UserId) -> Result<Vec<Bill>, BillError> {
        db::bills::for_client(&self.db, client, LIST_LIMIT)
            .await
            .map_err(unexpected)
    }

    async fn for_professional(&self, professional: &UserId) -> Result<Vec<Bill>, BillError> {
        db::bills::for_professional(&self.db, professional, LIST_LIMIT)
            .await
            .map_err(unexpected)
    }

    #[tracing::instrument(skip_all, fields(bill = bill.as_str()))]
    async fn waive(&self, professional: &UserId, bill: &BillId) -> Result<Bill, BillError> {
        let found = db::bills::of_professional(&self.db, professional, bill)
            .await
            .map_err(unexpected)?
            .ok_or(BillError::NotFound)?;
        if !found.status.is_due() {
            return Err(BillError::NotDue);
        }
        if !db::bills::waive(&self.db, bill, self.clock.now())
            .await
            .map_err(unexpected)?
        {
            return Err(BillError::NotDue);
        }
        tracing::info!("bill waived");
        Ok(Bill {
            status: BillStatus::Waived,
            ..found
        })
    }

    async fn receipt(&self, viewer: &UserId, bill: &BillId) -> Result<Bill, BillError> {
        let found = db::bills::receipt(&self.db, viewer, bill)
            .await
            .map_err(unexpected)?
            .ok_or(BillError::NotFound)?;
        // the professional opening a client's receipt: the client's access log says so
        if &found.professional.id == viewer
            && let Some((_, client)) = db::bills::with_client(&self.db, bill)
                .await
                .map_err(unexpected)?
            && &client != viewer
        {
            db::access_log::record(
                &self.db,
                db::access_log::Opened {
                    subject: &client,
                    viewer,
                    viewer_name: &found.professional.name,
                    what: AccessKind::Receipt,
                    item: Some(bill.as_str()),
                    at: self.clock.now(),
                },
            )
            .await
            .map_err(unexpected)?;
        }
        Ok(found)
    }
}
