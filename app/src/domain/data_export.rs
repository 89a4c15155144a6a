//! Everything Tandem holds about a person, as the one JSON file they download from My profile:
//! "take my data with me". Only the server builds it; the browser only links to it.

use super::{AccessEntry, Bill, Booking, Card, CurrentUser, Notification};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataExport {
    /// When the file was made.
    pub exported_at: DateTime<Utc>,
    /// Name, email, language, time zone, role and picture's id.
    pub account: CurrentUser,
    /// Each version of the Terms & Conditions they accepted, and when.
    pub terms_accepted: Vec<TermsAccepted>,
    /// Their sessions, as client or as professional, latest first.
    pub bookings: Vec<Booking>,
    pub notifications: Vec<Notification>,
    /// What they were billed as a client (paid, open, refunded).
    pub bills: Vec<Bill>,
    /// Saved cards as we know them: brand, last four digits, expiry (the numbers are Stripe's).
    pub cards: Vec<Card>,
    /// Who opened something about them (their professional), what and when.
    pub access_log: Vec<AccessEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsAccepted {
    pub version: String,
    pub accepted_at: DateTime<Utc>,
}
