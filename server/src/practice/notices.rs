//! Telling people about their bookings: links, calendar files and mails, addressed to the right
//! person in their language and zone, and only when they want it.

use crate::auth::tokens::{hash_of, random_token};
use crate::db::{self, Db, DbError};
use crate::mail::Mail;
use crate::mail::booking_mail::{News, Recipient, booking_mail};
use crate::mail::ics::{self, Event};
use app::domain::{Booking, CurrentUser, Email, NotificationSettings};
use chrono::{DateTime, Utc};

/// Where links point and how calendar entries are named.
#[derive(Clone)]
pub struct Notices {
    public_url: String,
    /// Host part of calendar UIDs.
    host: String,
}

/// A mail ready to queue, and the hash of the fresh link it carries, if any.
pub struct Outgoing {
    pub mail: Mail,
    pub link_hash: Option<String>,
}

/// The person a booking's news goes to on the client's side.
pub struct ClientSide {
    /// Their account, once the booking is bound to one.
    pub account: Option<(CurrentUser, NotificationSettings)>,
}

impl Notices {
    pub fn new(public_url: &str) -> Self {
        let public_url = public_url.trim_end_matches('/').to_owned();
        let host = public_url
            .split_once("://")
            .map(|(_, rest)| rest)
            .unwrap_or(&public_url)
            .split(['/', ':'])
            .next()
            .unwrap_or("localhost")
            .to_owned();
        Self { public_url, host }
    }

    pub fn appointment_link(&self, b: &Booking) -> String {
        format!("{}/appointments/{}", self.public_url, b.id.as_str())
    }

    /// A fresh join link and the hash to store for it.
    pub fn new_join_link(&self) -> (String, String) {
        let token = random_token();
        (
            format!("{}/join?token={token}", self.public_url),
            hash_of(&token),
        )
    }

    /// The `.ics` for the booking as it now stands (a cancellation once cancelled).
    pub fn calendar(
        &self,
        b: &Booking,
        professional_email: &Email,
        link: &str,
        now: DateTime<Utc>,
        cancelled: bool,
    ) -> String {
        let summary = format!(
            "{} · {} & {}",
            b.service_name.as_str(),
            b.professional.name.as_str(),
            b.invitee_name.as_str()
        );
        ics::render(&Event {
            uid: format!("{}@{}", b.id.as_str(), self.host),
            sequence: b.sequence,
            stamp: now,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            summary: &summary,
            description: link,
            url: link,
            organizer: (b.professional.name.as_str(), professional_email.as_str()),
            attendee: (b.invitee_name.as_str(), b.invitee_email.as_str()),
            cancelled,
        })
    }

    /// Who hears of the booking on the client's side: its client's account, or the invitee.
    pub async fn client_side(&self, db: &Db, b: &Booking) -> Result<ClientSide, DbError> {
        let Some(id) = &b.client else {
            return Ok(ClientSide { account: None });
        };
        let Some(user) = db::users::by_id(db, id).await? else {
            return Ok(ClientSide { account: None });
        };
        let settings = db::profiles::notification_settings(db, id).await?;
        Ok(ClientSide {
            account: Some((user, settings)),
        })
    }

    /// A mail about `b` to its client, or `None` when their settings say no. Someone without an
    /// account (yet) always gets it, with a fresh join link, in the professional's language and
    /// zone, since theirs are unknown. `wants` picks the setting that applies.
    pub fn to_client(
        &self,
        news: News,
        b: &Booking,
        side: &ClientSide,
        professional: &CurrentUser,
        calendar: Option<(DateTime<Utc>, bool)>,
        wants: fn(&NotificationSettings) -> bool,
    ) -> Option<Outgoing> {
        let (recipient, link, link_hash) = match &side.account {
            Some((user, settings)) => {
                if !wants(settings) {
                    return None;
                }
                (
                    Recipient {
                        name: user.name.as_str(),
                        email: user.email.as_str(),
                        language: user.language,
                        timezone: user.timezone,
                    },
                    self.appointment_link(b),
                    None,
                )
            }
            None => {
                let (link, hash) = self.new_join_link();
                (
                    Recipient {
                        name: b.invitee_name.as_str(),
                        email: b.invitee_email.as_str(),
                        language: professional.language,
                        timezone: professional.timezone,
                    },
                    link,
                    Some(hash),
                )
            }
        };
        let ics = calendar
            .map(|(now, cancelled)| self.calendar(b, &professional.email, &link, now, cancelled));
        Some(Outgoing {
            mail: booking_mail(news, b, &recipient, &link, ics),
            link_hash,
        })
    }

    /// A mail about `b` to its professional, or `None` when their settings say no.
    pub fn to_professional(
        &self,
        news: News,
        b: &Booking,
        professional: &CurrentUser,
        settings: &NotificationSettings,
        now: DateTime<Utc>,
    ) -> Option<Mail> {
        if !settings.email_booking_updates {
            return None;
        }
        let link = self.appointment_link(b);
        let cancelled = matches!(news, News::CancelledByClient);
        let ics = self.calendar(b, &professional.email, &link, now, cancelled);
        Some(booking_mail(
            news,
            b,
            &Recipient {
                name: professional.name.as_str(),
                email: professional.email.as_str(),
                language: professional.language,
                timezone: professional.timezone,
            },
            &link,
            Some(ics),
        ))
    }
}
