//! What a client owes for a booking: one bill per booking that has a price, made with it, in the
//! booking's currency and amount (minor units, copied from the booking as it was booked). A bill
//! knows its professional, so payouts to them can follow.

use super::{
    BillId, BookingId, Currency, DisplayName, Email, Money, Person, ServiceName, Timezone,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where a bill stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BillStatus {
    /// To be paid.
    Open,
    /// A payment is under way with the card's bank.
    Processing,
    Paid,
    /// The last payment failed; it can be paid again.
    Failed,
    /// Paid, then given back (a cancellation before the cut-off).
    Refunded,
    /// Nothing to pay: the professional let it go, or the booking was cancelled before it was paid.
    Waived,
}

impl BillStatus {
    pub const ALL: [BillStatus; 6] = [
        BillStatus::Open,
        BillStatus::Processing,
        BillStatus::Paid,
        BillStatus::Failed,
        BillStatus::Refunded,
        BillStatus::Waived,
    ];

    /// As stored.
    pub fn code(self) -> &'static str {
        match self {
            BillStatus::Open => "open",
            BillStatus::Processing => "processing",
            BillStatus::Paid => "paid",
            BillStatus::Failed => "failed",
            BillStatus::Refunded => "refunded",
            BillStatus::Waived => "waived",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the client still has to pay it.
    pub fn is_due(self) -> bool {
        matches!(self, BillStatus::Open | BillStatus::Failed)
    }
}

/// A bill, as either side's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub id: BillId,
    pub booking: BookingId,
    /// The booked session's start, which the bill is dated by.
    pub starts_at: DateTime<Utc>,
    pub professional: Person,
    /// The client, as the professional booked them.
    pub client_name: DisplayName,
    pub client_email: Email,
    pub service_name: ServiceName,
    pub amount: Money,
    pub status: BillStatus,
    /// When it was paid, and when given back.
    pub paid_at: Option<DateTime<Utc>>,
    pub refunded_at: Option<DateTime<Utc>>,
}

impl Bill {
    /// Whether it has a receipt: it was paid (and maybe refunded since).
    pub fn has_receipt(&self) -> bool {
        self.paid_at.is_some()
    }
}

/// A professional's bills for one client in one calendar month (in the professional's zone), in
/// one currency: what was billed, and how much of that is paid, still owed, or refunded. A waived
/// bill counts nowhere: nothing was asked for it. Amounts are minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthlyTotals {
    /// The month's first day.
    pub month: NaiveDate,
    pub client_name: DisplayName,
    pub client_email: Email,
    pub currency: Currency,
    pub billed: i64,
    pub paid: i64,
    pub owed: i64,
    pub refunded: i64,
}

impl MonthlyTotals {
    /// The totals of `bills`: the latest month first, and within a month by client name.
    pub fn of(bills: &[Bill], zone: Timezone) -> Vec<MonthlyTotals> {
        let mut out: Vec<MonthlyTotals> = Vec::new();
        for b in bills.iter().filter(|b| b.status != BillStatus::Waived) {
            let local = b.starts_at.with_timezone(&zone.tz()).date_naive();
            let month = local.with_day(1).unwrap_or(local);
            let currency = b.amount.currency();
            let i = match out.iter().position(|t| {
                t.month == month && t.client_email == b.client_email && t.currency == currency
            }) {
                Some(i) => i,
                None => {
                    out.push(MonthlyTotals {
                        month,
                        client_name: b.client_name.clone(),
                        client_email: b.client_email.clone(),
                        currency,
                        billed: 0,
                        paid: 0,
                        owed: 0,
                        refunded: 0,
                    });
                    out.len() - 1
                }
            };
            let t = &mut out[i];
            let amount = b.amount.minor();
            t.billed += amount;
            match b.status {
                BillStatus::Paid => t.paid += amount,
                BillStatus::Refunded => t.refunded += amount,
                BillStatus::Open | BillStatus::Processing | BillStatus::Failed => t.owed += amount,
                BillStatus::Waived => {}
            }
        }
        out.sort_by(|a, b| {
            b.month
                .cmp(&a.month)
                .then_with(|| a.client_name.as_str().cmp(b.client_name.as_str()))
                .then_with(|| a.currency.code().cmp(b.currency.code()))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;

    #[test]
    fn statuses_round_trip_as_stored() {
        for s in BillStatus::ALL {
            assert_eq!(BillStatus::parse(s.code()), Some(s));
        }
        assert_eq!(BillStatus::parse("Paid"), None);
        let due: Vec<_> = BillStatus::ALL.into_iter().filter(|s| s.is_due()).collect();
        assert_eq!(due, [BillStatus::Open, BillStatus::Failed]);
    }

    fn bill(client: &str, at: &str, minor: i64, currency: Currency, status: BillStatus) -> Bill {
        Bill {
            id: BillId::new("b"),
            booking: BookingId::new("k"),
            starts_at: at.parse().unwrap(),
            professional: Person {
                id: UserId::new("ada"),
                name: DisplayName::parse("Ada").unwrap(),
                picture: None,
            },
            client_name: DisplayName::parse(client).unwrap(),
            client_email: Email::parse(&format!("{}@example.com", client.to_lowercase())).unwrap(),
            service_name: ServiceName::parse("Therapy").unwrap(),
            amount: Money::from_minor(minor, currency).unwrap(),
            status,
            paid_at: None,
            refunded_at: None,
        }
    }

    #[test]
    fn totals_per_client_month_and_currency_in_the_professionals_zone() {
        use BillStatus::*;
        use Currency::*;
        let bills = [
            bill("Cy", "2031-03-05T10:00:00Z", 12_500, Isk, Paid),
            bill("Cy", "2031-03-12T10:00:00Z", 12_500, Isk, Open),
            bill("Cy", "2031-03-19T10:00:00Z", 12_500, Isk, Waived),
            bill("Cy", "2031-03-26T10:00:00Z", 8_000, Eur, Refunded),
            bill("Bea", "2031-03-02T10:00:00Z", 9_000, Isk, Failed),
            // the 1st of April in Reykjavik, the 31st of March in New York
            bill("Cy", "2031-04-01T02:00:00Z", 12_500, Isk, Processing),
        ];
        let iceland = MonthlyTotals::of(&bills, Timezone::parse("Atlantic/Reykjavik").unwrap());
        let rows: Vec<_> = iceland
            .iter()
            .map(|t| {
                (
                    t.month.to_string(),
                    t.client_name.as_str().to_owned(),
                    t.currency,
                    t.billed,
                    t.paid,
                    t.owed,
                    t.refunded,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("2031-04-01".into(), "Cy".into(), Isk, 12_500, 0, 12_500, 0),
                ("2031-03-01".into(), "Bea".into(), Isk, 9_000, 0, 9_000, 0),
                ("2031-03-01".into(), "Cy".into(), Eur, 8_000, 0, 0, 8_000),
                (
                    "2031-03-01".into(),
                    "Cy".into(),
                    Isk,
                    25_000,
                    12_500,
                    12_500,
                    0
                ),
            ]
        );
        let new_york = MonthlyTotals::of(&bills, Timezone::parse("America/New_York").unwrap());
        assert_eq!(new_york.len(), 3, "the April session falls in March there");
        assert_eq!(new_york[2].billed, 37_500);
    }
}
