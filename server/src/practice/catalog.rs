//! The `Catalog` port: the services a professional offers.

use crate::clock::Clock;
use crate::db::{self, Db};
use app::domain::{Service, ServiceId, UserId};
use app::ports::{Catalog, CatalogError, Cause, NewService};
use async_trait::async_trait;
use std::sync::Arc;

pub struct CatalogService {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl CatalogService {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

fn unexpected(e: impl Into<Cause>) -> CatalogError {
    CatalogError::Unexpected(e.into())
}

#[async_trait]
impl Catalog for CatalogService {
    #[tracing::instrument(skip_all, fields(owner = owner.as_str()))]
    async fn create(&self, owner: &UserId, service: NewService) -> Result<Service, CatalogError> {
        let created = db::services::create(
            &self.db,
            db::services::NewServiceRow {
                owner,
                name: &service.name,
                meeting_type: service.meeting_type,
                length: service.length,
                price: service.price,
                now: self.clock.now(),
            },
        )
        .await
        .map_err(unexpected)?;
        tracing::info!(service = created.id.as_str(), "service created");
        Ok(created)
    }

    #[tracing::instrument(skip_all, fields(owner = owner.as_str()))]
    async fn update(
        &self,
        owner: &UserId,
        id: &ServiceId,
        service: NewService,
    ) -> Result<Service, CatalogError> {
        let updated = db::services::update(
            &self.db,
            id,
            db::services::NewServiceRow {
                owner,
                name: &service.name,
                meeting_type: service.meeting_type,
                length: service.length,
                price: service.price,
                now: self.clock.now(),
            },
        )
        .await
        .map_err(unexpected)?
        .ok_or(CatalogError::NotFound)?;
        tracing::info!(service = id.as_str(), "service changed");
        Ok(updated)
    }

    #[tracing::instrument(skip_all, fields(owner = owner.as_str()))]
    async fn archive(&self, owner: &UserId, id: &ServiceId) -> Result<(), CatalogError> {
        if !db::services::archive(&self.db, owner, id, self.clock.now())
            .await
            .map_err(unexpected)?
        {
            return Err(CatalogError::NotFound);
        }
        tracing::info!(service = id.as_str(), "service archived");
        Ok(())
    }

    async fn list(&self, owner: &UserId) -> Result<Vec<Service>, CatalogError> {
        db::services::of_owner(&self.db, owner)
            .await
            .map_err(unexpected)
    }
}
