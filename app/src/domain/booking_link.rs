//! What a professional's booking link shows, and a slot someone is holding while they sign up.

use super::{
    Availability, HubPayment, MeetingType, Money, ProfessionalProfile, Service, ServiceId,
    ServiceLength, ServiceName, Slug, Timezone,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long a chosen slot is kept for the person who chose it while they sign up or log in.
pub const HOLD_MINUTES: i64 = 10;
/// Days of free slots the professional's preview shows.
pub const PREVIEW_DAYS: u32 = 14;

/// A professional's own view: their hours and rules, their link, and the slots they leave.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkSettings {
    pub slug: Slug,
    /// The whole link, to copy: `https://…/book/<slug>`.
    pub url: String,
    pub availability: Availability,
    /// The professional's zone, in which the hours are read.
    pub timezone: Timezone,
    /// The next two weeks' free slots for `preview_service`, as a client would see them.
    pub preview: Vec<DateTime<Utc>>,
    pub preview_service: Option<Service>,
    /// The services offered, each with a link of its own.
    pub services: Vec<Service>,
}

/// The public page of a booking link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkPage {
    /// The link's current name (a page reached by an old one shows and links this one).
    pub slug: Slug,
    pub professional: ProfessionalProfile,
    pub timezone: Timezone,
    /// The services one can book through the link.
    pub services: Vec<Service>,
    /// The chosen service and its free slots, soonest first.
    pub chosen: Option<(ServiceId, Vec<DateTime<Utc>>)>,
}

/// A slot someone chose, kept for them for `HOLD_MINUTES`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldSlot {
    pub slug: Slug,
    pub professional_name: String,
    pub service: ServiceId,
    pub service_name: ServiceName,
    pub meeting_type: MeetingType,
    pub length: ServiceLength,
    pub price: Money,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// The professional's zone, named beside times shown in the reader's.
    pub timezone: Timezone,
    /// Held from a company's hub: how it will be paid.
    pub hub: Option<HubPayment>,
}
