//! What a client owes for a booking: one bill per booking that has a price, made with it, in the
//! booking's currency and amount (minor units, copied from the booking as it was booked). A bill
//! knows its professional, so payouts to them can follow.

use super::{BookingId, Money, Person, ServiceName};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BillId(String);

impl BillId {
    /// Wraps the key part of a record id. Only the database layer mints these.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// An id as it arrives in a URL or form: our keys' shape, or nothing.
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty()
            && raw.len() <= 40
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        ok.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

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

/// A bill as its client sees it in their list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bill {
    pub id: BillId,
    pub booking: BookingId,
    /// The booked session's start, which the bill is dated by.
    pub starts_at: DateTime<Utc>,
    pub professional: Person,
    pub service_name: ServiceName,
    pub amount: Money,
    pub status: BillStatus,
}

#[cfg(test)]
mod tests {
    use super::BillStatus;

    #[test]
    fn statuses_round_trip_as_stored() {
        for s in BillStatus::ALL {
            assert_eq!(BillStatus::parse(s.code()), Some(s));
        }
        assert_eq!(BillStatus::parse("Paid"), None);
        let due: Vec<_> = BillStatus::ALL.into_iter().filter(|s| s.is_due()).collect();
        assert_eq!(due, [BillStatus::Open, BillStatus::Failed]);
    }
}
