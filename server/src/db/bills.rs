//! The `bill` table: what a client owes for a booking that has a price. A bill is made in the
//! booking's own transaction (`bookings::insert`) and let go in its cancellation's.

use super::ids::{booking_record, user_record};
use super::{Db, DbError, key_of};
use app::domain::{
    Bill, BillId, BillStatus, BookingId, Currency, DisplayName, Email, Money, Person, PictureId,
    ServiceName, UserId,
};
use chrono::{DateTime, Utc};
use surrealdb::types::{Datetime, RecordId, SurrealValue};

/// Makes `$id`'s bill when its price (`$price_minor`) is not zero and credits (`$paid_by`) don't
/// pay it; for the booking's transaction.
pub(super) const OPEN_FOR_BOOKING: &str = "IF $price_minor > 0 AND $paid_by = NONE {
    CREATE bill CONTENT {
        booking: $id, professional: $professional,
        amount_minor: $price_minor, currency: $currency,
        status: 'open', created_at: $now, updated_at: $now
    } RETURN NONE
}";

/// Lets `$id`'s bill go when nothing was paid on it, and marks a paid one (or one being paid) for
/// the payments worker to refund; for the cancellation's transaction.
pub(super) const ON_CANCEL: &str = "UPDATE bill SET status = 'waived', updated_at = $now
    WHERE booking = $id AND status IN ['open', 'failed'] RETURN NONE;
    UPDATE bill SET refund_due = true, updated_at = $now
    WHERE booking = $id AND status IN ['paid', 'processing'] RETURN NONE";

#[derive(SurrealValue)]
pub(super) struct BillRow {
    id: RecordId,
    booking: RecordId,
    starts_at: Datetime,
    service_name: String,
    professional: RecordId,
    professional_name: String,
    professional_picture: Option<RecordId>,
    client_name: String,
    client_email: String,
    amount_minor: i64,
    currency: String,
    status: String,
    paid_at: Option<Datetime>,
    refunded_at: Option<Datetime>,
}

impl TryFrom<BillRow> for Bill {
    type Error = DbError;
    fn try_from(r: BillRow) -> Result<Self, DbError> {
        let data = |e: &dyn std::fmt::Display| DbError::Data(e.to_string());
        let currency = Currency::parse(&r.currency).map_err(|e| data(&e))?;
        Ok(Bill {
            id: BillId::new(key_of(&r.id)?),
            booking: BookingId::new(key_of(&r.booking)?),
            starts_at: DateTime::<Utc>::from(r.starts_at),
            professional: Person {
                id: UserId::new(key_of(&r.professional)?),
                name: DisplayName::parse(&r.professional_name).map_err(|e| data(&e))?,
                picture: r
                    .professional_picture
                    .as_ref()
                    .map(key_of)
                    .transpose()?
                    .map(PictureId::new),
            },
            client_name: DisplayName::parse(&r.client_name).map_err(|e| data(&e))?,
            client_email: Email::parse(&r.client_email).map_err(|e| data(&e))?,
            service_name: ServiceName::parse(&r.service_name).map_err(|e| data(&e))?,
            amount: Money::from_minor(r.amount_minor, currency).map_err(|e| data(&e))?,
            status: BillStatus::parse(&r.status)
                .ok_or_else(|| DbError::Data(format!("bill status {}", r.status)))?,
            paid_at: r.paid_at.map(DateTime::<Utc>::from),
            refunded_at: r.refunded_at.map(DateTime::<Utc>::from),
        })
    }
}

/// The projection every query that yields a `Bill` selects.
pub(super) const BILL_FIELDS: &str = "id, booking, booking.starts_at AS starts_at, \
    booking.service_name AS service_name, professional, professional.name AS professional_name, \
    professional.picture AS professional_picture, booking.invitee_name AS client_name, \
    booking.invitee_email AS client_email, amount_minor, currency, status, paid_at, refunded_at";

/// The client's bills, the latest session first, at most `limit`. Only bills of bookings bound to
/// `client` (their account proved the invitation's address): nobody else's.
pub async fn for_client(db: &Db, client: &UserId, limit: u32) -> Result<Vec<Bill>, DbError> {
    let rows: Vec<BillRow> = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM bill
             WHERE booking IN (SELECT VALUE id FROM booking WHERE client = $client)
             ORDER BY starts_at DESC LIMIT $limit"
        ))
        .bind(("client", user_record(client)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter().map(Bill::try_from).collect()
}

/// The professional's bills, the latest session first, at most `limit`.
pub async fn for_professional(
    db: &Db,
    professional: &UserId,
    limit: u32,
) -> Result<Vec<Bill>, DbError> {
    let rows: Vec<BillRow> = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM bill WHERE professional = $professional
             ORDER BY starts_at DESC LIMIT $limit"
        ))
        .bind(("professional", user_record(professional)))
        .bind(("limit", i64::from(limit)))
        .await?
        .take(0)?;
    rows.into_iter().map(Bill::try_from).collect()
}

/// The bill of `booking`, if it has one.
pub async fn for_booking(db: &Db, booking: &BookingId) -> Result<Option<Bill>, DbError> {
    let rows: Vec<BillRow> = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM bill WHERE booking = $booking LIMIT 1"
        ))
        .bind(("booking", booking_record(booking)))
        .await?
        .take(0)?;
    rows.into_iter().next().map(Bill::try_from).transpose()
}

/// The bill, if it is `professional`'s.
pub async fn of_professional(
    db: &Db,
    professional: &UserId,
    id: &BillId,
) -> Result<Option<Bill>, DbError> {
    let rows: Vec<BillRow> = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM $bill WHERE professional = $professional"
        ))
        .bind(("bill", RecordId::new("bill", id.as_str().to_owned())))
        .bind(("professional", user_record(professional)))
        .await?
        .take(0)?;
    rows.into_iter().next().map(Bill::try_from).transpose()
}

/// Waives the bill if the client still owes it; false when it was no longer due (paid meanwhile,
/// say), and then nothing changed.
pub async fn waive(db: &Db, id: &BillId, now: DateTime<Utc>) -> Result<bool, DbError> {
    let waived: Vec<RecordId> = db
        .query(
            "UPDATE $bill SET status = 'waived', updated_at = $now
                WHERE status IN ['open', 'failed'] RETURN VALUE id",
        )
        .bind(("bill", RecordId::new("bill", id.as_str().to_owned())))
        .bind(("now", Datetime::from(now)))
        .await?
        .take(0)?;
    Ok(!waived.is_empty())
}

/// The bill, if `viewer` may see its receipt: it was paid, and they are its client or its
/// professional.
pub async fn receipt(db: &Db, viewer: &UserId, id: &BillId) -> Result<Option<Bill>, DbError> {
    let rows: Vec<BillRow> = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM $bill
             WHERE paid_at != NONE AND (professional = $viewer OR booking.client = $viewer)"
        ))
        .bind(("bill", RecordId::new("bill", id.as_str().to_owned())))
        .bind(("viewer", user_record(viewer)))
        .await?
        .take(0)?;
    rows.into_iter().next().map(Bill::try_from).transpose()
}

/// The bill and its client's account, for mails about it.
pub async fn with_client(db: &Db, id: &BillId) -> Result<Option<(Bill, UserId)>, DbError> {
    let mut res = db
        .query(format!(
            "SELECT {BILL_FIELDS} FROM $bill; SELECT VALUE booking.client FROM $bill"
        ))
        .bind(("bill", RecordId::new("bill", id.as_str().to_owned())))
        .await?;
    let bills: Vec<BillRow> = res.take(0)?;
    let clients: Vec<Option<RecordId>> = res.take(1)?;
    match (
        bills.into_iter().next(),
        clients.into_iter().next().flatten(),
    ) {
        (Some(b), Some(c)) => Ok(Some((Bill::try_from(b)?, UserId::new(key_of(&c)?)))),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::bookings::{Cancelled, cancel};
    use crate::db::test_support::{self as t, insert, memory};
    use app::domain::Role;

    #[tokio::test]
    async fn a_priced_booking_brings_its_bill_and_a_cancellation_lets_it_go() {
        let db = memory().await;
        let pro = t::user(&db, "Ada", Role::Professional).await;
        let cy = t::user(&db, "Cy", Role::Client).await;
        let eve = t::user(&db, "Eve", Role::Client).await;
        let mut first = t::booking(&pro, 24, "Cy");
        first.client = Some(cy.id.clone());
        let mut later = t::booking(&pro, 48, "Cy");
        later.client = Some(cy.id.clone());
        let mut free = t::booking(&pro, 72, "Cy");
        free.client = Some(cy.id.clone());
        free.price = Money::from_minor(0, Currency::Eur).unwrap();
        for b in [&first, &later, &free] {
            insert(&db, b).await;
        }

        let bills = for_client(&db, &cy.id, 10).await.unwrap();
        // the latest session first; nothing owed for the free one
        let booked: Vec<_> = bills.iter().map(|b| b.booking.clone()).collect();
        assert_eq!(booked, [later.id.clone(), first.id.clone()]);
        assert!(bills.iter().all(|b| b.status == BillStatus::Open));
        assert_eq!(bills[0].amount, later.price);
        assert_eq!(bills[0].professional.name, pro.name);
        assert!(for_client(&db, &eve.id, 10).await.unwrap().is_empty());

        cancel(
            &db,
            Cancelled {
                before: &first,
                by: Role::Client,
                notify: None,
                mail: None,
                now: t::now(),
            },
        )
        .await
        .unwrap();
        let bills = for_client(&db, &cy.id, 10).await.unwrap();
        assert_eq!(bills[0].status, BillStatus::Open);
        assert_eq!(bills[1].status, BillStatus::Waived);
    }
}
