//! The `Directory` port: professionals' public profiles.

use crate::db::{self, Db};
use app::domain::{Bio, ProfessionalProfile, ProfessionalTitle, SpokenLanguages, UserId};
use app::ports::{Directory, DirectoryError};
use async_trait::async_trait;

pub struct DirectoryService {
    db: Db,
}

impl DirectoryService {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

#[async_trait]
impl Directory for DirectoryService {
    async fn professional(
        &self,
        id: &UserId,
    ) -> Result<Option<ProfessionalProfile>, DirectoryError> {
        db::profiles::professional(&self.db, id)
            .await
            .map_err(|e| DirectoryError::Unexpected(e.into()))
    }

    #[tracing::instrument(skip_all, fields(professional = professional.as_str()))]
    async fn save_professional(
        &self,
        professional: &UserId,
        title: Option<ProfessionalTitle>,
        bio: Option<Bio>,
        languages: SpokenLanguages,
    ) -> Result<(), DirectoryError> {
        db::profiles::set_professional(
            &self.db,
            professional,
            title.as_ref(),
            bio.as_ref(),
            &languages,
        )
        .await
        .map_err(|e| DirectoryError::Unexpected(e.into()))
    }
}
