//! The `user` table.

use super::ids::user_record;
use super::{Db, DbError, key_of, new_key};
use app::domain::{CurrentUser, DisplayName, Email, Language, PictureId, Role, Timezone, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

pub struct NewUser<'a> {
    pub name: &'a DisplayName,
    pub email: &'a Email,
    pub password_hash: String,
    pub terms_version: &'a str,
    pub timezone: Timezone,
    pub language: Language,
    pub role: Role,
    /// The address is proven (the account was made from an emailed link).
    pub verified: bool,
    pub now: DateTime<Utc>,
}

/// Creates `$user_id` from the `$new_*` bindings of `bind_new_user`; for use in a transaction.
pub(super) const CREATE_USER: &str = "CREATE ONLY $user_id CONTENT {
    name: $new_name, email: $new_email, email_key: $new_email_key,
    password_hash: $new_password_hash, terms_version: $new_terms_version,
    terms_accepted_at: $now, created_at: $now, timezone: $new_timezone,
    language: $new_language, role: $new_role, email_verified_at: $new_verified_at
} RETURN id, name, email, timezone, language, picture, role";

/// Binds what `CREATE_USER` needs, for a user to be created as `id` (`fresh_id()`).
pub(super) fn bind_new_user<'q>(
    q: surrealdb::method::Query<'q, surrealdb::engine::any::Any>,
    id: &UserId,
    new: NewUser<'_>,
) -> surrealdb::method::Query<'q, surrealdb::engine::any::Any> {
    q.bind(("user_id", user_record(id)))
        .bind(("new_name", new.name.as_str().to_owned()))
        .bind(("new_email", new.email.as_str().to_owned()))
        .bind(("new_email_key", new.email.key()))
        .bind(("new_password_hash", new.password_hash))
        .bind(("new_terms_version", new.terms_version.to_owned()))
        .bind(("new_timezone", new.timezone.name().to_owned()))
        .bind(("new_language", new.language.code()))
        .bind(("new_role", new.role.code()))
        .bind((
            "new_verified_at",
            new.verified.then(|| Datetime::from(new.now)),
        ))
        .bind(("now", Datetime::from(new.now)))
}

/// An id for a user about to be created.
pub(super) fn fresh_id() -> UserId {
    UserId::new(new_key())
}

/// The projection every query that yields a `CurrentUser` selects (`RETURN` or `SELECT`).
pub(super) const USER_FIELDS: &str =
    "id, name, preferred_name, email, timezone, language, picture, role";

#[derive(SurrealValue)]
pub(super) struct UserRow {
    id: RecordId,
    name: String,
    preferred_name: Option<String>,
    email: String,
    timezone: String,
    language: String,
    picture: Option<RecordId>,
    role: String,
}

#[derive(SurrealValue)]
struct CredentialRow {
    id: RecordId,
    name: String,
    preferred_name: Option<String>,
    email: String,
    timezone: String,
    language: String,
    picture: Option<RecordId>,
    role: String,
    password_hash: String,
}

/// A user with the hash to check a password against. Deliberately not `Serialize` or `Debug`.
pub struct Credentials {
    pub user: CurrentUser,
    pub password_hash: String,
}

impl TryFrom<UserRow> for CurrentUser {
    type Error = DbError;
    fn try_from(r: UserRow) -> Result<Self, DbError> {
        let data = |e: &dyn std::fmt::Display| DbError::Data(e.to_string());
        Ok(CurrentUser {
            id: UserId::new(key_of(&r.id)?),
            name: DisplayName::parse(&r.name).map_err(|e| data(&e))?,
            preferred_name: r
                .preferred_name
                .as_deref()
                .map(DisplayName::parse)
                .transpose()
                .map_err(|e| data(&e))?,
            email: Email::parse(&r.email).map_err(|e| data(&e))?,
            timezone: Timezone::parse(&r.timezone).map_err(|e| data(&e))?,
            language: Language::parse(&r.language).map_err(|e| data(&e))?,
            picture: r
                .picture
                .as_ref()
                .map(key_of)
                .transpose()?
                .map(PictureId::new),
            role: Role::parse(&r.role).ok_or_else(|| DbError::Data(format!("role {}", r.role)))?,
            terms_due: false,
            two_factor_due: false,
        })
    }
}

/// Creates the user; `Conflict` when the email (case-insensitively) is taken.
pub async fn create(db: &Db, new: NewUser<'_>) -> Result<CurrentUser, DbError> {
    let mut res = bind_new_user(db.query(CREATE_USER), &fresh_id(), new).await?;
    let row: Option<UserRow> = res.take(0).map_err(DbError::from_write)?;
    row.ok_or_else(|| DbError::Data("user not created".into()))?
        .try_into()
}

pub async fn by_id(db: &Db, id: &UserId) -> Result<Option<CurrentUser>, DbError> {
    let mut res = db
        .query(format!("SELECT {USER_FIELDS} FROM $id"))
        .bind(("id", user_record(id)))
        .await?;
    let rows: Vec<UserRow> = res.take(0)?;
    rows.into_iter()
        .next()
        .map(CurrentUser::try_from)
        .transpose()
}

/// The full name, and what the person asked to be called (`None`: the default, from the name).
pub async fn rename(
    db: &Db,
    id: &UserId,
    name: &DisplayName,
    preferred: Option<&DisplayName>,
) -> Result<CurrentUser, DbError> {
    let mut res = db
        .query(format!(
            "UPDATE ONLY $id SET name = $name, preferred_name = $preferred RETURN {USER_FIELDS}"
        ))
        .bind(("id", user_record(id)))
        .bind(("name", name.as_str().to_owned()))
        .bind(("preferred", preferred.map(|p| p.as_str().to_owned())))
        .await?;
    let row: Option<UserRow> = res.take(0)?;
    row.ok_or_else(|| DbError::Data("user vanished".into()))?
        .try_into()
}

pub async fn set_timezone(
    db: &Db,
    id: &UserId,
    timezone: Timezone,
) -> Result<CurrentUser, DbError> {
    let mut res = db
        .query(format!(
            "UPDATE ONLY $id SET timezone = $timezone RETURN {USER_FIELDS}"
        ))
        .bind(("id", user_record(id)))
        .bind(("timezone", timezone.name().to_owned()))
        .await?;
    let row: Option<UserRow> = res.take(0)?;
    row.ok_or_else(|| DbError::Data("user vanished".into()))?
        .try_into()
}

pub async fn set_language(
    db: &Db,
    id: &UserId,
    language: Language,
) -> Result<CurrentUser, DbError> {
    let mut res = db
        .query(format!(
            "UPDATE ONLY $id SET language = $language RETURN {USER_FIELDS}"
        ))
        .bind(("id", user_record(id)))
        .bind(("language", language.code()))
        .await?;
    let row: Option<UserRow> = res.take(0)?;
    row.ok_or_else(|| DbError::Data("user vanished".into()))?
        .try_into()
}

pub async fn password_hash(db: &Db, id: &UserId) -> Result<Option<String>, DbError> {
    let mut res = db
        .query("SELECT VALUE password_hash FROM $id")
        .bind(("id", user_record(id)))
        .await?;
    let rows: Vec<String> = res.take(0)?;
    Ok(rows.into_iter().next())
}

/// Sets `$password_hash` on `$user`, ends all its sessions and forgets failed log-ins for
/// `$email_key`; for use inside a transaction.
pub(super) const REPLACE_PASSWORD: &str = "
    UPDATE $user SET password_hash = $password_hash RETURN NONE;
    DELETE session WHERE user = $user;
    DELETE type::record('login_throttle', $email_key);";

/// A new password in one transaction: the hash, every session ended, failed log-ins forgotten, and
/// the owner's notice queued.
pub async fn replace_password(
    db: &Db,
    id: &UserId,
    email_key: &str,
    password_hash: String,
    now: DateTime<Utc>,
    mail: crate::mail::Mail,
) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query(REPLACE_PASSWORD)
        .query(super::statements::ENQUEUE)
        .query("COMMIT TRANSACTION")
        .bind(("user", user_record(id)))
        .bind(("email_key", email_key.to_owned()))
        .bind(("password_hash", password_hash))
        .bind(("now", Datetime::from(now)))
        .bind(("mails", super::statements::mails([mail])))
        .await?
        .check()?;
    Ok(())
}

pub async fn credentials_by_email(db: &Db, email: &Email) -> Result<Option<Credentials>, DbError> {
    let mut res = db
        .query(format!(
            "SELECT {USER_FIELDS}, password_hash FROM user WHERE email_key = $key LIMIT 1"
        ))
        .bind(("key", email.key()))
        .await?;
    let row: Option<CredentialRow> = res.take(0)?;
    row.map(|r| {
        let user = UserRow {
            id: r.id,
            name: r.name,
            preferred_name: r.preferred_name,
            email: r.email,
            timezone: r.timezone,
            language: r.language,
            picture: r.picture,
            role: r.role,
        };
        Ok(Credentials {
            user: user.try_into()?,
            password_hash: r.password_hash,
        })
    })
    .transpose()
}

/// What the user accepted, for audits and tests.
#[derive(Debug, SurrealValue)]
pub struct TermsAcceptance {
    pub terms_version: String,
    pub terms_accepted_at: Datetime,
}

pub async fn terms_acceptance(db: &Db, email: &Email) -> Result<Option<TermsAcceptance>, DbError> {
    let mut res = db
        .query("SELECT terms_version, terms_accepted_at FROM user WHERE email_key = $key LIMIT 1")
        .bind(("key", email.key()))
        .await?;
    Ok(res.take(0)?)
}

pub async fn count(db: &Db) -> Result<u64, DbError> {
    let mut res = db.query("RETURN count(SELECT id FROM user)").await?;
    let n: Option<i64> = res.take(0)?;
    Ok(n.unwrap_or(0).max(0) as u64)
}
