//! A client's Stripe customer and saved cards: Stripe's ids and what a person may see of a card.

use super::ids::{card_record, user_record};
use super::statements::returned;
use super::{Db, DbError, key_of, new_key, retryable};
use app::domain::{Card, CardId, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// A card as Stripe described it, to keep.
pub struct NewCard<'a> {
    pub stripe_id: &'a str,
    pub brand: &'a str,
    pub last4: &'a str,
    pub exp_month: u32,
    pub exp_year: i32,
}

#[derive(SurrealValue)]
struct CardRow {
    id: RecordId,
    stripe_id: String,
    brand: String,
    last4: String,
    exp_month: i64,
    exp_year: i64,
    is_default: bool,
}

impl CardRow {
    fn card(self) -> Result<(Card, String), DbError> {
        Ok((
            Card {
                id: CardId::new(key_of(&self.id)?),
                brand: self.brand,
                last4: self.last4,
                exp_month: u32::try_from(self.exp_month)
                    .map_err(|e| DbError::Data(e.to_string()))?,
                exp_year: i32::try_from(self.exp_year).map_err(|e| DbError::Data(e.to_string()))?,
                is_default: self.is_default,
                // the service dates it
                expiry: app::domain::CardExpiry::Valid,
            },
            self.stripe_id,
        ))
    }
}

const CARD_FIELDS: &str = "id, stripe_id, brand, last4, exp_month, exp_year, is_default";

pub async fn customer_of(db: &Db, user: &UserId) -> Result<Option<String>, DbError> {
    let found: Vec<Option<String>> = db
        .query("SELECT VALUE stripe_customer FROM $user")
        .bind(("user", user_record(user)))
        .await?
        .take(0)?;
    Ok(found.into_iter().flatten().next())
}

/// Whose Stripe customer `customer` is.
pub async fn owner_of_customer(db: &Db, customer: &str) -> Result<Option<UserId>, DbError> {
    let found: Vec<RecordId> = db
        .query("SELECT VALUE id FROM user WHERE stripe_customer = $customer LIMIT 1")
        .bind(("customer", customer.to_owned()))
        .await?
        .take(0)?;
    found
        .first()
        .map(key_of)
        .transpose()
        .map(|k| k.map(UserId::new))
}

pub async fn set_customer(db: &Db, user: &UserId, customer: &str) -> Result<(), DbError> {
    db.query("UPDATE $user SET stripe_customer = $customer RETURN NONE")
        .bind(("user", user_record(user)))
        .bind(("customer", customer.to_owned()))
        .await?
        .check()?;
    Ok(())
}

/// Forgets `user`'s Stripe customer `customer` (gone at Stripe) and the cards saved to it, in one
/// transaction; nothing when the user has another customer by now.
pub async fn forget_customer(db: &Db, user: &UserId, customer: &str) -> Result<(), DbError> {
    db.query("BEGIN TRANSACTION")
        .query(
            "LET $gone = (UPDATE $user SET stripe_customer = NONE
                WHERE stripe_customer = $customer RETURN VALUE id)",
        )
        .query("IF array::len($gone) > 0 { DELETE card WHERE owner = $user RETURN NONE }")
        .query("COMMIT TRANSACTION")
        .bind(("user", user_record(user)))
        .bind(("customer", customer.to_owned()))
        .await?
        .check()?;
    Ok(())
}

/// The owner's cards, the default first, then the newest.
pub async fn list(db: &Db, owner: &UserId) -> Result<Vec<Card>, DbError> {
    let rows: Vec<CardRow> = db
        .query(format!(
            "SELECT {CARD_FIELDS}, added_at FROM card WHERE owner = $owner
             ORDER BY is_default DESC, added_at DESC"
        ))
        .bind(("owner", user_record(owner)))
        .await?
        .take(0)?;
    rows.into_iter().map(|r| r.card().map(|(c, _)| c)).collect()
}

/// The card, with Stripe's id for it, if it is the owner's.
pub async fn find(
    db: &Db,
    owner: &UserId,
    card: &CardId,
) -> Result<Option<(Card, String)>, DbError> {
    let rows: Vec<CardRow> = db
        .query(format!(
            "SELECT {CARD_FIELDS} FROM $card WHERE owner = $owner"
        ))
        .bind(("card", card_record(card)))
        .bind(("owner", user_record(owner)))
        .await?
        .take(0)?;
    rows.into_iter().next().map(CardRow::card).transpose()
}

/// The owner's default card, with Stripe's id for it.
pub async fn default_of(db: &Db, owner: &UserId) -> Result<Option<(Card, String)>, DbError> {
    let rows: Vec<CardRow> = db
        .query(format!(
            "SELECT {CARD_FIELDS} FROM card WHERE owner = $owner AND is_default = true LIMIT 1"
        ))
        .bind(("owner", user_record(owner)))
        .await?
        .take(0)?;
    rows.into_iter().next().map(CardRow::card).transpose()
}

/// Keeps the card; the owner's first becomes the default. Keeping one already kept (a repeated
/// request) returns it unchanged.
pub async fn keep(
    db: &Db,
    owner: &UserId,
    card: NewCard<'_>,
    now: DateTime<Utc>,
) -> Result<Card, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query("LET $had = (SELECT VALUE id FROM card WHERE stripe_id = $stripe_id AND owner = $owner)")
        .query(
            "IF array::len($had) == 0 {
                LET $first = count(SELECT id FROM card WHERE owner = $owner) == 0;
                CREATE type::record('card', $key) CONTENT {
                    owner: $owner, stripe_id: $stripe_id, brand: $brand, last4: $last4,
                    exp_month: $exp_month, exp_year: $exp_year, is_default: $first, added_at: $now
                } RETURN NONE
            }",
        )
        .query(format!(
            "SELECT {CARD_FIELDS} FROM card WHERE stripe_id = $stripe_id AND owner = $owner"
        ))
        .query("COMMIT TRANSACTION")
        .bind(("owner", user_record(owner)))
        .bind(("key", new_key()))
        .bind(("stripe_id", card.stripe_id.to_owned()))
        .bind(("brand", card.brand.to_owned()))
        .bind(("last4", card.last4.to_owned()))
        .bind(("exp_month", i64::from(card.exp_month)))
        .bind(("exp_year", i64::from(card.exp_year)))
        .bind(("now", Datetime::from(now)))
        .await?;
    let rows: Vec<CardRow> = res.take(returned(&res))?;
    rows.into_iter()
        .next()
        .ok_or_else(|| DbError::Data("a kept card is gone".into()))?
        .card()
        .map(|(c, _)| c)
}

/// Makes the card the owner's default; false when it is not theirs.
pub async fn make_default(db: &Db, owner: &UserId, card: &CardId) -> Result<bool, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query("LET $mine = (SELECT VALUE id FROM $card WHERE owner = $owner)")
        .query(
            "IF array::len($mine) > 0 {
                UPDATE card SET is_default = (id = $card) WHERE owner = $owner RETURN NONE
            }",
        )
        .query("RETURN $mine")
        .query("COMMIT TRANSACTION")
        .bind(("card", card_record(card)))
        .bind(("owner", user_record(owner)))
        .await?;
    let done: Vec<RecordId> = res.take(returned(&res))?;
    Ok(!done.is_empty())
}

/// Forgets the owner's card, and makes their newest other card the default if it was; Stripe's id
/// of the card forgotten, `None` when it was not theirs.
/// Run again when it lost a race with another write to the owner's cards (the same person
/// leaving from two requests at once): the card is then found gone, or forgotten this time.
pub async fn forget(db: &Db, owner: &UserId, card: &CardId) -> Result<Option<String>, DbError> {
    for attempt in 1..=FORGET_ATTEMPTS {
        let mut res = db
            .query("BEGIN TRANSACTION")
            .query("LET $gone = (DELETE $card WHERE owner = $owner RETURN BEFORE)")
            .query(
                "IF array::len($gone) > 0 AND $gone[0].is_default {
                    LET $next = (SELECT VALUE id FROM card WHERE owner = $owner ORDER BY added_at DESC LIMIT 1);
                    IF array::len($next) > 0 { UPDATE $next[0] SET is_default = true RETURN NONE }
                }",
            )
            .query("RETURN $gone.stripe_id")
            .query("COMMIT TRANSACTION")
            .bind(("card", card_record(card)))
            .bind(("owner", user_record(owner)))
            .await?;
        // a failed transaction reports every statement as failed: look at all of them
        let errors = res.take_errors();
        if errors.is_empty() {
            let gone: Vec<String> = res.take(returned(&res))?;
            return Ok(gone.into_iter().next());
        }
        if !(errors.values().any(retryable) && attempt < FORGET_ATTEMPTS) {
            return Err(DbError::from_transaction(errors.into_values()));
        }
        let jitter = rand::random::<u64>() % (5 * attempt as u64 + 1);
        tokio::time::sleep(std::time::Duration::from_millis(jitter)).await;
    }
    Err(DbError::Data("forgetting a card kept conflicting".into()))
}

/// How often forgetting a card is tried when it keeps losing races.
const FORGET_ATTEMPTS: usize = 10;
