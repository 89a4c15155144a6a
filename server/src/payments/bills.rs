//! The `Bills` port: what clients owe, read as each client may see it.

use crate::db::{self, Db};
use app::domain::{Bill, UserId};
use app::ports::{BillError, Bills};
use async_trait::async_trait;

/// At most this many bills in one list.
const LIST_LIMIT: u32 = 200;

pub struct BillService {
    db: Db,
}

impl BillService {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait]
impl Bills for BillService {
    async fn for_client(&self, client: &UserId) -> Result<Vec<Bill>, BillError> {
        db::bills::for_client(&self.db, client, LIST_LIMIT)
            .await
            .map_err(|e| BillError::Unexpected(e.into()))
    }
}
