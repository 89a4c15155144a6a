//! Paying a bill: its attempts, each claimed here before Stripe is asked, and settled by what
//! Stripe says (in the request, by a webhook, or by the reconciler); refunds due; Stripe events
//! already handled.

use super::bills::{BILL_FIELDS, BillRow};
use super::ids::{bill_record, user_record};
use super::statements::{ENQUEUE, mails, returned};
use super::{Db, DbError, key_of};
use crate::mail::Mail;
use app::domain::{Bill, BillId, Currency, Money, UserId};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// A client's bill, with where its payment stands.
pub struct Payable {
    pub bill: Bill,
    /// Attempts so far; the next is `attempt + 1`.
    pub attempt: i64,
    pub payment_intent: Option<String>,
}

#[derive(SurrealValue)]
struct AttemptRow {
    attempt: i64,
    payment_intent: Option<String>,
}

/// The bill, if it is `client`'s (their account is the booking's client).
pub async fn payable(db: &Db, client: &UserId, bill: &BillId) -> Result<Option<Payable>, DbError> {
    let mut res = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM $bill WHERE booking.client = $client;
             SELECT attempt, payment_intent FROM $bill WHERE booking.client = $client"
        ))
        .bind(("bill", bill_record(bill)))
        .bind(("client", user_record(client)))
        .await?;
    let bills: Vec<BillRow> = res.take(0)?;
    let attempts: Vec<AttemptRow> = res.take(1)?;
    let (Some(row), Some(attempt)) = (bills.into_iter().next(), attempts.into_iter().next()) else {
        return Ok(None);
    };
    Ok(Some(Payable {
        bill: Bill::try_from(row)?,
        attempt: attempt.attempt,
        payment_intent: attempt.payment_intent,
    }))
}

/// What one attempt pays with; kept so a replay asks Stripe for exactly the same.
pub struct Attempt<'a> {
    pub bill: &'a BillId,
    /// The attempt this one follows: the claim fails if another got there first.
    pub after: i64,
    pub key: &'a str,
    pub payment_method: &'a str,
    /// The Stripe customer the card is saved to: where the attempt is looked for later, even if
    /// the client's customer changes meanwhile.
    pub customer: &'a str,
    pub now: DateTime<Utc>,
}

/// Claims the next attempt of a due bill: it becomes "processing" with the attempt's key and card.
/// False when the bill is not due or another request claimed it first; then nothing changed.
pub async fn claim(db: &Db, a: Attempt<'_>) -> Result<bool, DbError> {
    let claimed: Vec<RecordId> = db
        .query(
            "UPDATE $bill SET status = 'processing', attempt = $after + 1, paying_key = $key,
                paying_with = $pm, paying_customer = $customer, paying_since = $now, payment_intent = NONE, updated_at = $now
             WHERE status IN ['open', 'failed'] AND attempt = $after RETURN VALUE id",
        )
        .bind(("bill", bill_record(a.bill)))
        .bind(("after", a.after))
        .bind(("key", a.key.to_owned()))
        .bind(("pm", a.payment_method.to_owned()))
        .bind(("customer", a.customer.to_owned()))
        .bind(("now", Datetime::from(a.now)))
        .await?
        .take(0)?;
    Ok(!claimed.is_empty())
}

/// How an attempt ended, as far as the bill goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// Still with the bank, or waiting for the client to confirm: the PaymentIntent is noted.
    Pending,
    Paid,
    /// Declined or abandoned: due again.
    Reopened,
    /// Paid when the bill no longer needed it (paid otherwise, waived): given back.
    GivenBack,
}

/// Applies what Stripe said about attempt `attempt` of the bill, if that attempt is still the one
/// under way; false when it is not (settled already, or a later attempt started). `mail` (the
/// receipt) is queued in the same transaction, so it goes exactly when the bill becomes paid.
pub async fn settle(
    db: &Db,
    bill: &BillId,
    attempt: i64,
    payment_intent: &str,
    outcome: Settled,
    mail: Option<Mail>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let set = match outcome {
        Settled::Pending => "payment_intent = $pi",
        Settled::Paid => "payment_intent = $pi, status = 'paid', paid_at = $now",
        Settled::Reopened => "payment_intent = $pi, status = 'open', paying_key = NONE",
        // what a late payment comes to (`late_payment`), never what Stripe says of an attempt
        Settled::GivenBack => return Ok(false),
    };
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query(format!(
            "LET $done = (UPDATE $bill SET {set}, updated_at = $now
                WHERE status = 'processing' AND attempt = $attempt RETURN VALUE id)"
        ))
        .query(format!("IF array::len($done) > 0 {{ {ENQUEUE} }}"))
        .query("RETURN $done")
        .query("COMMIT TRANSACTION")
        .bind(("bill", bill_record(bill)))
        .bind(("attempt", attempt))
        .bind(("pi", payment_intent.to_owned()))
        .bind(("mails", mails(mail)))
        .bind(("now", Datetime::from(now)))
        .await?;
    let changed: Vec<RecordId> = res.take(returned(&res))?;
    Ok(!changed.is_empty())
}

/// What became of a payment Stripe took for an attempt the bill had moved past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Late {
    /// The bill was still to pay (or another attempt under way): it is paid by this one.
    Taken,
    /// The bill is already paid by this very payment.
    Known,
    /// The bill is paid otherwise, refunded or waived: this is a second payment, to give back.
    Duplicate,
}

#[derive(SurrealValue)]
struct LateRow {
    taken: bool,
    known: bool,
}

/// A payment that succeeded at Stripe for an attempt the bill no longer waits on (its answer came
/// after we had let the attempt go). Money taken is never left unaccounted for: a bill still to
/// pay takes it (with its receipt, `mail`, in the same transaction); otherwise it is a duplicate.
pub async fn late_payment(
    db: &Db,
    bill: &BillId,
    payment_intent: &str,
    mail: Option<Mail>,
    now: DateTime<Utc>,
) -> Result<Late, DbError> {
    let mut res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $taken = (UPDATE $bill SET status = 'paid', payment_intent = $pi, paid_at = $now,
                paying_key = NONE, updated_at = $now
                WHERE status IN ['open', 'failed', 'processing'] RETURN VALUE id)",
        )
        .query(format!("IF array::len($taken) > 0 {{ {ENQUEUE} }}"))
        .query(
            "RETURN {
                taken: array::len($taken) > 0,
                known: (SELECT VALUE payment_intent FROM ONLY $bill) = $pi
            }",
        )
        .query("COMMIT TRANSACTION")
        .bind(("bill", bill_record(bill)))
        .bind(("pi", payment_intent.to_owned()))
        .bind(("mails", mails(mail)))
        .bind(("now", Datetime::from(now)))
        .await?;
    let row: Option<LateRow> = res.take(returned(&res))?;
    Ok(match row {
        Some(LateRow { taken: true, .. }) => Late::Taken,
        Some(LateRow { known: true, .. }) => Late::Known,
        _ => Late::Duplicate,
    })
}

/// Reopens attempt `attempt` when Stripe never took it (refused before charging anything).
pub async fn abandon(
    db: &Db,
    bill: &BillId,
    attempt: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.query(
        "UPDATE $bill SET status = 'open', paying_key = NONE, updated_at = $now
         WHERE status = 'processing' AND attempt = $attempt RETURN NONE",
    )
    .bind(("bill", bill_record(bill)))
    .bind(("attempt", attempt))
    .bind(("now", Datetime::from(now)))
    .await?
    .check()?;
    Ok(())
}

/// A payment under way since before some moment: for the reconciler to ask Stripe about.
pub struct UnderWay {
    pub bill: BillId,
    pub attempt: i64,
    pub customer: String,
    pub payment_intent: Option<String>,
    pub since: DateTime<Utc>,
}

#[derive(SurrealValue)]
struct UnderWayRow {
    id: RecordId,
    attempt: i64,
    customer: Option<String>,
    payment_intent: Option<String>,
    paying_since: Option<Datetime>,
}

pub async fn under_way_since(
    db: &Db,
    before: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<UnderWay>, DbError> {
    let rows: Vec<UnderWayRow> = db
        .query(
            "SELECT id, attempt, paying_customer ?? booking.client.stripe_customer AS customer,
                payment_intent,
                paying_since
             FROM bill WHERE status = 'processing' AND paying_since < $before LIMIT $limit",
        )
        .bind(("before", Datetime::from(before)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    // a row that can't be read is logged and left out, never holding up the others
    let read = |r: UnderWayRow| -> Result<UnderWay, DbError> {
        let data = |what: &str| DbError::Data(format!("a processing bill without {what}"));
        Ok(UnderWay {
            bill: BillId::new(key_of(&r.id)?),
            attempt: r.attempt,
            customer: r.customer.ok_or_else(|| data("a customer"))?,
            payment_intent: r.payment_intent,
            since: r
                .paying_since
                .map(DateTime::<Utc>::from)
                .ok_or_else(|| data("a start"))?,
        })
    };
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            read(r)
                .inspect_err(|e| tracing::error!(error = %e, "a payment under way is unreadable"))
                .ok()
        })
        .collect())
}

/// The paid bill a PaymentIntent paid, with its amount.
pub async fn paid_by(db: &Db, payment_intent: &str) -> Result<Option<(BillId, Money)>, DbError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        amount_minor: i64,
        currency: String,
    }
    let rows: Vec<Row> = db
        .query(
            "SELECT id, amount_minor, currency FROM bill
             WHERE payment_intent = $pi AND status = 'paid' LIMIT 1",
        )
        .bind(("pi", payment_intent.to_owned()))
        .await?
        .take(0)?;
    rows.into_iter()
        .next()
        .map(|r| {
            let currency =
                Currency::parse(&r.currency).map_err(|e| DbError::Data(e.to_string()))?;
            let amount = Money::from_minor(r.amount_minor, currency)
                .map_err(|e| DbError::Data(e.to_string()))?;
            Ok((BillId::new(key_of(&r.id)?), amount))
        })
        .transpose()
}

/// Paid bills whose booking was cancelled in time: to refund.
pub async fn refunds_due(db: &Db, limit: u32) -> Result<Vec<(BillId, String)>, DbError> {
    #[derive(SurrealValue)]
    struct Row {
        id: RecordId,
        payment_intent: String,
    }
    let rows: Vec<Row> = db
        .query(
            "SELECT id, payment_intent FROM bill
             WHERE refund_due = true AND status = 'paid' AND payment_intent != NONE LIMIT $limit",
        )
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter()
        .map(|r| Ok((BillId::new(key_of(&r.id)?), r.payment_intent)))
        .collect()
}

/// Notes the refund, and queues `mail` (telling the client) with it.
pub async fn refunded(
    db: &Db,
    bill: &BillId,
    mail: Option<Mail>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let res = db
        .query("BEGIN TRANSACTION")
        .query(
            "LET $done = (UPDATE $bill SET status = 'refunded', refund_due = false,
                refunded_at = $now, updated_at = $now WHERE status = 'paid' RETURN VALUE id)",
        )
        .query(format!("IF array::len($done) > 0 {{ {ENQUEUE} }}"))
        .query("COMMIT TRANSACTION")
        .bind(("bill", bill_record(bill)))
        .bind(("mails", mails(mail)))
        .bind(("now", Datetime::from(now)))
        .await?;
    if super::done_unless_stale(res)? {
        Ok(())
    } else {
        Err(DbError::Data("a refund could not be noted".into()))
    }
}

/// Notes a Stripe event; false when it was noted before (a redelivery), and then nothing changed.
pub async fn first_delivery(
    db: &Db,
    event: &str,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let res = db
        .query("CREATE type::record('stripe_event', $id) CONTENT { kind: $kind, received_at: $now } RETURN NONE")
        .bind(("id", event.to_owned()))
        .bind(("kind", kind.to_owned()))
        .bind(("now", Datetime::from(now)))
        .await?
        .check();
    match res {
        Ok(_) => Ok(true),
        Err(e) if e.to_string().contains("already exists") => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Un-notes an event whose handling failed, so its redelivery is handled.
pub async fn forget_delivery(db: &Db, event: &str) -> Result<(), DbError> {
    db.query("DELETE type::record('stripe_event', $id) RETURN NONE")
        .bind(("id", event.to_owned()))
        .await?
        .check()?;
    Ok(())
}
