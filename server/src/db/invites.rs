//! The `booking_link` table: emailed links that bring an invitee to their booking, and the
//! transactions that bind a booking to the account of the person who opened one.

use super::ids::booking_record;
use super::ids::user_record;
use super::statements::{NOTIFY, notices, returned};
use super::users::{CREATE_USER, NewUser, UserRow, bind_new_user, fresh_id};
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

#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    Claimed,
    /// Someone bound it first; read it again to see who.
    Stale,
}

/// Shared by both ways of claiming: bind `$booking` to `$user` unless someone has, and mark the
/// address proven. `NOTIFY` follows it, to tell the user in the app.
const BIND: &str =
    "LET $bound = (UPDATE $booking SET client = $user WHERE client = NONE RETURN VALUE id);
    IF array::len($bound) == 0 { THROW 'stale' };
    UPDATE $user SET email_verified_at = $now RETURN NONE;";

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
        .query(BIND)
        .query(NOTIFY)
        .query("COMMIT TRANSACTION")
        .bind(("booking", booking_record(booking)))
        .bind(("user", user_record(user)))
        .bind((
            "notices",
            notices(Some(user), NotificationKind::BookingCreated, booking),
        ))
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
    let user = fresh_id();
    let mut res = bind_new_user(
        db.query("BEGIN TRANSACTION")
            .query(format!("LET $created = ({CREATE_USER})"))
            .query(BIND)
            .query(NOTIFY)
            .query("RETURN $created")
            .query("COMMIT TRANSACTION"),
        &user,
        new,
    )
    .bind(("user", user_record(&user)))
    .bind(("booking", booking_record(booking)))
    .bind((
        "notices",
        notices(Some(&user), NotificationKind::BookingCreated, booking),
    ))
    .await?;
    // a failed transaction has no row here; its error is read below
    let created: Option<UserRow> = res
        .take::<Option<UserRow>>(returned(&res))
        .unwrap_or_default();
    let claim = outcome(res)?;
    let user = created.map(CurrentUser::try_from).transpose()?;
    Ok((claim, user))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::test_support::{self as t, count, insert, memory};
    use app::domain::{DisplayName, Email, Language, Role, Timezone};

    fn invitee<'a>(name: &'a DisplayName, email: &'a Email) -> NewUser<'a> {
        NewUser {
            name,
            email,
            password_hash: t::PASSWORD_HASH.into(),
            terms_version: "test",
            timezone: Timezone::parse("Atlantic/Reykjavik").unwrap(),
            language: Language::En,
            role: Role::Client,
            verified: true,
            now: t::now(),
        }
    }

    #[tokio::test]
    async fn a_booking_binds_to_its_first_claimant_only() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        let b = t::booking(&pro, 24, "Cy");
        insert(&db, &b).await;
        let cy = t::user(&db, "Cy", Role::Client).await;
        let eve = t::user(&db, "Eve", Role::Client).await;

        assert_eq!(
            claim(&db, &b.id, &cy.id, t::now()).await.unwrap(),
            Claim::Claimed
        );
        assert_eq!(
            claim(&db, &b.id, &eve.id, t::now()).await.unwrap(),
            Claim::Stale
        );

        let stored = crate::db::bookings::by_id(&db, &b.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.client, Some(cy.id.clone()));
        let told = |u| crate::db::notifications::list(&db, u, 10);
        assert_eq!(told(&cy.id).await.unwrap().len(), 1, "the claimant is told");
        assert!(
            told(&eve.id).await.unwrap().is_empty(),
            "the loser learns nothing"
        );
    }

    #[tokio::test]
    async fn an_account_made_from_a_claimed_link_is_not_made_at_all() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        let b = t::booking(&pro, 24, "Cy");
        insert(&db, &b).await;
        let name = DisplayName::parse("Cy").unwrap();
        let email = Email::parse("cy.second@example.com").unwrap();

        let (first, user) = create_account_and_claim(&db, &b.id, invitee(&name, &email))
            .await
            .unwrap();
        assert_eq!(first, Claim::Claimed);
        let user = user.expect("the new account comes back");
        assert_eq!(user.email, email);
        let users = count(&db, "user").await;

        let other = Email::parse("cy.third@example.com").unwrap();
        let (second, nobody) = create_account_and_claim(&db, &b.id, invitee(&name, &other))
            .await
            .unwrap();
        assert_eq!(second, Claim::Stale);
        assert!(nobody.is_none());
        assert_eq!(
            count(&db, "user").await,
            users,
            "no account without its booking"
        );
        assert_eq!(count(&db, "notification").await, 1);
    }
}
