//! What people say about themselves beyond their account: a professional's public profile, and
//! everyone's choice of optional emails.

use super::ids::user_record;
use super::users::{USER_FIELDS, UserRow};
use super::{Db, DbError};
use app::domain::{
    Bio, CurrentUser, Email, NotificationSettings, Person, ProfessionalProfile, ProfessionalTitle,
    SpokenLanguages, UserId,
};
use surrealdb::types::SurrealValue;

#[derive(SurrealValue)]
struct ProfileRow {
    id: surrealdb::types::RecordId,
    name: String,
    picture: Option<surrealdb::types::RecordId>,
    title: Option<String>,
    bio: Option<String>,
    spoken_languages: Vec<String>,
}

/// A professional's public profile; `None` for anyone who isn't a professional.
pub async fn professional(db: &Db, id: &UserId) -> Result<Option<ProfessionalProfile>, DbError> {
    let rows: Vec<ProfileRow> = db
        .query(
            "SELECT id, name, picture, title, bio, spoken_languages FROM $id
             WHERE role = 'professional'",
        )
        .bind(("id", user_record(id)))
        .await?
        .take(0)?;
    let Some(r) = rows.into_iter().next() else {
        return Ok(None);
    };
    let data = |e: &dyn std::fmt::Display| DbError::Data(e.to_string());
    Ok(Some(ProfessionalProfile {
        person: Person {
            id: app::domain::UserId::new(super::key_of(&r.id)?),
            name: app::domain::DisplayName::parse(&r.name).map_err(|e| data(&e))?,
            picture: r
                .picture
                .as_ref()
                .map(super::key_of)
                .transpose()?
                .map(app::domain::PictureId::new),
        },
        title: ProfessionalTitle::parse(r.title.as_deref().unwrap_or_default())
            .map_err(|e| data(&e))?,
        bio: Bio::parse(r.bio.as_deref().unwrap_or_default()).map_err(|e| data(&e))?,
        languages: SpokenLanguages::from_stored(r.spoken_languages),
    }))
}

pub async fn set_professional(
    db: &Db,
    id: &UserId,
    title: Option<&ProfessionalTitle>,
    bio: Option<&Bio>,
    languages: &SpokenLanguages,
) -> Result<(), DbError> {
    db.query(
        "UPDATE $id SET title = $title, bio = $bio, spoken_languages = $languages
         WHERE role = 'professional' RETURN NONE",
    )
    .bind(("id", user_record(id)))
    .bind(("title", title.map(|t| t.as_str().to_owned())))
    .bind(("bio", bio.map(|b| b.as_str().to_owned())))
    .bind(("languages", languages.as_slice().to_vec()))
    .await?
    .check()?;
    Ok(())
}

#[derive(SurrealValue)]
struct SettingsRow {
    email_reminders: Option<bool>,
    email_booking_updates: Option<bool>,
}

pub async fn notification_settings(db: &Db, id: &UserId) -> Result<NotificationSettings, DbError> {
    let rows: Vec<SettingsRow> = db
        .query("SELECT email_reminders, email_booking_updates FROM $id")
        .bind(("id", user_record(id)))
        .await?
        .take(0)?;
    let defaults = NotificationSettings::default();
    Ok(rows
        .into_iter()
        .next()
        .map(|r| NotificationSettings {
            email_reminders: r.email_reminders.unwrap_or(defaults.email_reminders),
            email_booking_updates: r
                .email_booking_updates
                .unwrap_or(defaults.email_booking_updates),
        })
        .unwrap_or(defaults))
}

pub async fn set_notification_settings(
    db: &Db,
    id: &UserId,
    settings: NotificationSettings,
) -> Result<(), DbError> {
    db.query(
        "UPDATE $id SET email_reminders = $reminders, email_booking_updates = $updates RETURN NONE",
    )
    .bind(("id", user_record(id)))
    .bind(("reminders", settings.email_reminders))
    .bind(("updates", settings.email_booking_updates))
    .await?
    .check()?;
    Ok(())
}

/// The account at this address, if its owner has shown they read mail there.
pub async fn verified_by_email(db: &Db, email: &Email) -> Result<Option<CurrentUser>, DbError> {
    let rows: Vec<UserRow> = db
        .query(format!(
            "SELECT {USER_FIELDS} FROM user WHERE email_key = $key AND email_verified_at != NONE
             LIMIT 1"
        ))
        .bind(("key", email.key()))
        .await?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(CurrentUser::try_from)
        .transpose()
}
