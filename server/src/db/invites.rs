//! The `booking_link` table: emailed links that bring an invitee to their booking, and the
//! transactions that bind a booking to the account of the person who opened one.

use super::ids::booking_record;
use super::ids::user_record;
use super::users::{CREATE_USER, NewUser, UserRow, bind_new_user};
use super::{Db, DbError};
use app::domain::{Booking, BookingId, CurrentUser, NotificationKind, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::Datetime;

/// The booking a link's token (by its hash) belongs to.
pub async fn booking_for(db: &Db, token_hash: &str) -> Result<Option<Booking>, DbError> {
    let rows: Vec<BookingId> = {
        let keys: Vec<surrealdb::types::RecordId> = db
            .query("SELECT VALUE booking FROM booking_link WHERE token_hash = $hash LIMIT 1")
            .bind(("hash", token_hash.to_owned()))
            .await?
            .take(0)?;
        keys.iter()
            .map(|k| super::key_of(k).map(BookingId::new))
            .collect::<Result<_, _>>()?
    };
    match rows.first() {
        Some(id) => super::bookings::by_id(db, id).await,
        None => Ok(None),
    }
}

pub enum Claim {
    Claimed,
    /// Someone bound it first; read it again to see who.
    Stale,
}

/// Statements shared by both ways of claiming: bind `$booking` to `$user` unless someone has, mark
/// the address proven, and tell the user in the app.
fn bind() -> String {
    format!(
        "LET $bound = (UPDATE $booking SET client = $user WHERE client = NONE RETURN VALUE id);
        IF array::len($bound) == 0 {{ THROW 'stale' }};
        UPDATE $user SET email_verified_at = $now RETURN NONE;
        {};",
        super::notifications::notify_if_set("user", NotificationKind::BookingCreated, "booking")
    )
}

fn outcome(res: surrealdb::IndexedResults) -> Result<Claim, DbError> {
    Ok(if super::done_unless_stale(res)? {
        Claim::Claimed
    } else {
        Claim::Stale
    })
}

/// Binds the booking to a signed-in user whose address the caller has matched to the invitee's.
pub async fn claim(
    db: &Db,
    booking: &BookingId,
    user: &UserId,
    now: DateTime<Utc>,
) -> Result<Claim, DbError> {
    let res = db
        .query("BEGIN TRANSACTION")
        .query(bind())
        .query("COMMIT TRANSACTION")
        .bind(("booking", booking_record(booking)))
        .bind(("user", user_record(user)))
        .bind(("now", Datetime::from(now)))
        .await?;
    outcome(res)
}

/// Creates the invitee's account (its address proven by the link) and binds the booking to it, in
/// one transaction. `Conflict` when the address has an account by now.
pub async fn create_account_and_claim(
    db: &Db,
    booking: &BookingId,
    new: NewUser<'_>,
) -> Result<(Claim, Option<CurrentUser>), DbError> {
    let mut res = bind_new_user(
        db.query("BEGIN TRANSACTION")
            .query(format!("LET $created = ({CREATE_USER})"))
            .query("LET $user = $created.id")
            .query(bind())
            .query("RETURN $created")
            .query("COMMIT TRANSACTION"),
        new,
    )
    .bind(("booking", booking_record(booking)))
    .await?;
    // a failed transaction has no row here; its error is read below
    let created: Option<UserRow> = res.take::<Option<UserRow>>(7).unwrap_or_default();
    let claim = outcome(res)?;
    let user = created.map(CurrentUser::try_from).transpose()?;
    Ok((claim, user))
}
