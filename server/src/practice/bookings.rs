//! The `Bookings` port: invitations into a professional's calendar (never two at once), changes,
//! cancellations, and each side's view of them.

use super::notices::{ClientSide, Notices};
use super::queue::CalendarQueue;
use crate::auth::tokens::hash_of;
use crate::clock::Clock;
use crate::db::bookings::{Cancelled, CreditSpend, Moved, NewBooking, ReminderDue, Written};
use crate::db::invites::Claim;
use crate::db::{self, Db};
use crate::mail::booking_mail::{News, Recipient, booking_mail};
use crate::mail::message_mail::message_mail;
use app::domain::{
    AccessKind, Agenda, AppointmentView, Booking, BookingId, BookingPolicy, BookingStatus,
    ClientSummary, Connection, CurrentUser, Invitation, InvitedSession, MAX_DAYS_AHEAD,
    MessageText, Person, Role, Timezone, UserId, mask_email,
};
use app::ports::{BookingError, Bookings, Cause, NewInvite};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use surrealdb::types::Datetime;

/// How many of a person's bookings their lists read at most.
const LIST_LIMIT: u32 = 500;

/// How long a booking waits for its turn at a crowded calendar before it is answered "busy".
const CALENDAR_PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

pub struct BookingService {
    db: Db,
    clock: Arc<dyn Clock>,
    policy: BookingPolicy,
    /// Minutes before the start each reminder is due.
    reminder_leads: Vec<u32>,
    notices: Notices,
    /// A cancelled booking's video room is closed at once.
    rooms: Option<Arc<crate::cluster::MediaRooms>>,
    queue: CalendarQueue,
}

impl BookingService {
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        policy: BookingPolicy,
        reminder_leads: Vec<u32>,
        public_url: &str,
        rooms: Option<Arc<crate::cluster::MediaRooms>>,
    ) -> Self {
        Self {
            db,
            clock,
            policy,
            reminder_leads,
            notices: Notices::new(public_url),
            rooms,
            queue: CalendarQueue::default(),
        }
    }

    /// Refuses at once a time that already overlaps one of the professional's bookings (no need
    /// to queue for that), then waits for the calendar's turn. The write checks again, inside its
    /// transaction, so what passes here can still be refused there.
    async fn turn_for(
        &self,
        professional: &UserId,
        booking: &BookingId,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    ) -> Result<super::queue::Turn<'_>, BookingError> {
        if db::bookings::overlaps(&self.db, professional, booking, starts_at, ends_at)
            .await
            .map_err(unexpected)?
        {
            return Err(BookingError::Overlap);
        }
        self.queue
            .enter(professional.as_str(), CALENDAR_PATIENCE)
            .await
            .ok_or_else(|| {
                tracing::warn!(professional = professional.as_str(), "calendar busy");
                BookingError::Busy
            })
    }

    /// Waits for the professional's calendar's turn (one write at a time per calendar here).
    pub(crate) async fn calendar_turn(
        &self,
        professional: &UserId,
    ) -> Result<super::queue::Turn<'_>, BookingError> {
        self.queue
            .enter(professional.as_str(), CALENDAR_PATIENCE)
            .await
            .ok_or(BookingError::Busy)
    }

    /// Books `client` into `service` at `starts_at`, from the hold whose token hashes to `hold`:
    /// as an invitation books, with the client known. The client gets the confirmation (with its
    /// `.ics`) in their language and zone, and the professional a mail of their own.
    #[allow(clippy::too_many_arguments)] // each is a different thing the booking is made of
    pub(crate) async fn book_from_hold(
        &self,
        professional: &CurrentUser,
        client: &CurrentUser,
        service: &app::domain::Service,
        starts_at: DateTime<Utc>,
        hold: String,
        buffer: Duration,
        credits: Option<CreditSpend<'_>>,
    ) -> Result<Booking, BookingError> {
        let now = self.clock.now();
        check_start(starts_at, now)?;
        let booking = Booking {
            id: BookingId::new(db::new_key()),
            service_name: service.name.clone(),
            meeting_type: service.meeting_type,
            length: service.length,
            price: service.price,
            starts_at,
            ends_at: starts_at + Duration::minutes(i64::from(service.length.minutes())),
            professional: Person {
                id: professional.id.clone(),
                name: professional.name.clone(),
                picture: professional.picture.clone(),
            },
            invitee_name: client.name.clone(),
            invitee_email: client.email.clone(),
            client: Some(client.id.clone()),
            status: BookingStatus::Booked,
            cancelled_by: None,
            sequence: 0,
        };
        let link = self.notices.appointment_link(&booking);
        let ics = self
            .notices
            .calendar(&booking, &professional.email, &link, now, false);
        let to_client = Recipient {
            name: client.name.as_str(),
            email: client.email.as_str(),
            language: client.language,
            timezone: client.timezone,
        };
        let mut mails = vec![booking_mail(
            News::SelfBooked,
            &booking,
            &to_client,
            &link,
            Some(ics),
        )];
        let settings = db::profiles::notification_settings(&self.db, &professional.id)
            .await
            .map_err(unexpected)?;
        mails.extend(self.notices.to_professional(
            News::BookedByClient,
            &booking,
            professional,
            &settings,
            now,
        ));
        let _turn = self.calendar_turn(&professional.id).await?;
        let written = db::bookings::insert(
            &self.db,
            NewBooking {
                booking: &booking,
                service: &service.id,
                link_hash: None,
                mails,
                reminders: self.reminders(booking.starts_at, now),
                hold: Some(hold),
                credits,
                buffer,
                now,
            },
        )
        .await
        .map_err(unexpected)?;
        match written {
            Written::Done => {
                tracing::info!(
                    booking = booking.id.as_str(),
                    "session booked through a link"
                );
                Ok(booking)
            }
            Written::Overlap => Err(BookingError::Overlap),
            Written::Stale => Err(BookingError::Closed),
            Written::NoCredits => Err(BookingError::NoCredits),
        }
    }

    /// The reminders still ahead of `now` for a session starting at `starts_at`.
    fn reminders(&self, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Vec<ReminderDue> {
        self.reminder_leads
            .iter()
            .map(|lead| (lead, starts_at - Duration::minutes(i64::from(*lead))))
            .filter(|(_, due)| *due > now)
            .map(|(lead, due)| ReminderDue {
                lead_minutes: i64::from(*lead),
                due_at: Datetime::from(due),
            })
            .collect()
    }

    async fn booking(&self, id: &BookingId) -> Result<Booking, BookingError> {
        db::bookings::by_id(&self.db, id)
            .await
            .map_err(unexpected)?
            .ok_or(BookingError::NotFound)
    }

    async fn user(&self, id: &UserId) -> Result<CurrentUser, BookingError> {
        db::users::by_id(&self.db, id)
            .await
            .map_err(unexpected)?
            .ok_or_else(|| {
                BookingError::Unexpected(format!("user {} vanished", id.as_str()).into())
            })
    }

    async fn client_side(&self, b: &Booking) -> Result<ClientSide, BookingError> {
        self.notices
            .client_side(&self.db, b)
            .await
            .map_err(unexpected)
    }

    /// Cancels `before` for `actor` (its professional when `by_professional`, else the client),
    /// telling the other side; the caller checked that `actor` may.
    async fn cancel_checked(
        &self,
        actor: &CurrentUser,
        before: Booking,
        by_professional: bool,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Booking, BookingError> {
        let id = before.id.clone();
        let mut after = before.clone();
        after.status = BookingStatus::Cancelled;
        after.sequence += 1;
        let (by, notify, mail) = if by_professional {
            let side = self.client_side(&before).await?;
            let mail = self
                .notices
                .to_client(
                    News::CancelledByProfessional,
                    &after,
                    &side,
                    actor,
                    Some((now, true)),
                    |s| s.email_booking_updates,
                )
                .map(|o| o.mail);
            (Role::Professional, before.client.clone(), mail)
        } else {
            let professional = self.user(&before.professional.id).await?;
            let settings = db::profiles::notification_settings(&self.db, &professional.id)
                .await
                .map_err(unexpected)?;
            let mail = self.notices.to_professional(
                News::CancelledByClient,
                &after,
                &professional,
                &settings,
                now,
            );
            (Role::Client, Some(professional.id), mail)
        };
        let written = db::bookings::cancel(
            &self.db,
            Cancelled {
                before: &before,
                by,
                notify: notify.as_ref(),
                mail,
                now,
            },
        )
        .await
        .map_err(unexpected)?;
        match written {
            Written::Done => {
                tracing::info!(by = by.code(), "session cancelled");
                if let Some(rooms) = &self.rooms {
                    rooms.close_room(id.as_str()).await;
                }
                self.booking(&id).await
            }
            Written::Overlap | Written::Stale | Written::NoCredits => Err(BookingError::Closed),
        }
    }
}

/// A new start must be ahead of now, and within `MAX_DAYS_AHEAD` of it.
fn check_start(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), BookingError> {
    if starts_at <= now {
        return Err(BookingError::InThePast);
    }
    if starts_at > now + Duration::days(MAX_DAYS_AHEAD) {
        return Err(BookingError::TooFarAhead);
    }
    Ok(())
}

fn unexpected(e: impl Into<Cause>) -> BookingError {
    BookingError::Unexpected(e.into())
}

#[async_trait]
impl Bookings for BookingService {
    #[tracing::instrument(skip_all, fields(professional = professional.id.as_str()))]
    async fn invite(
        &self,
        professional: &CurrentUser,
        invite: NewInvite,
    ) -> Result<Booking, BookingError> {
        let now = self.clock.now();
        check_start(invite.starts_at, now)?;
        let service = db::services::owned(&self.db, &professional.id, &invite.service)
            .await
            .map_err(unexpected)?
            .ok_or(BookingError::UnknownService)?;
        // someone who has shown they read mail at this address sees the booking at once
        let known = db::profiles::verified_by_email(&self.db, &invite.invitee_email)
            .await
            .map_err(unexpected)?;
        let booking = Booking {
            id: BookingId::new(db::new_key()),
            service_name: service.name.clone(),
            meeting_type: service.meeting_type,
            length: service.length,
            price: service.price,
            starts_at: invite.starts_at,
            ends_at: invite.starts_at + Duration::minutes(i64::from(service.length.minutes())),
            professional: Person {
                id: professional.id.clone(),
                name: professional.name.clone(),
                picture: professional.picture.clone(),
            },
            invitee_name: invite.invitee_name,
            invitee_email: invite.invitee_email,
            client: known.as_ref().map(|u| u.id.clone()),
            status: BookingStatus::Booked,
            cancelled_by: None,
            sequence: 0,
        };
        let (link, link_hash) = self.notices.new_join_link();
        // in the client's own language and zone when we know them, else the professional's, named
        let recipient = match &known {
            Some(u) => Recipient {
                name: u.name.as_str(),
                email: booking.invitee_email.as_str(),
                language: u.language,
                timezone: u.timezone,
            },
            None => Recipient {
                name: booking.invitee_name.as_str(),
                email: booking.invitee_email.as_str(),
                language: professional.language,
                timezone: professional.timezone,
            },
        };
        let ics = self
            .notices
            .calendar(&booking, &professional.email, &link, now, false);
        let confirmation = booking_mail(News::Invited, &booking, &recipient, &link, Some(ics));
        let _turn = self
            .turn_for(
                &professional.id,
                &booking.id,
                booking.starts_at,
                booking.ends_at,
            )
            .await?;
        let written = db::bookings::insert(
            &self.db,
            NewBooking {
                booking: &booking,
                service: &service.id,
                link_hash: Some(link_hash),
                mails: vec![confirmation],
                reminders: self.reminders(booking.starts_at, now),
                hold: None,
                credits: None,
                buffer: Duration::zero(),
                now,
            },
        )
        .await
        .map_err(unexpected)?;
        match written {
            Written::Done => {
                tracing::info!(booking = booking.id.as_str(), "session booked");
                Ok(booking)
            }
            Written::Overlap => Err(BookingError::Overlap),
            Written::Stale | Written::NoCredits => Err(BookingError::Closed),
        }
    }

    async fn upcoming_for_professional(
        &self,
        professional: &UserId,
    ) -> Result<Vec<Booking>, BookingError> {
        db::bookings::upcoming_for_professional(&self.db, professional, self.clock.now())
            .await
            .map_err(unexpected)
    }

    async fn agenda(&self, client: &UserId) -> Result<Agenda, BookingError> {
        let now = self.clock.now();
        let all = db::bookings::all_for_client(&self.db, client, LIST_LIMIT)
            .await
            .map_err(unexpected)?;
        let (mut upcoming, past): (Vec<Booking>, Vec<Booking>) = all
            .into_iter()
            .partition(|b| b.status == BookingStatus::Booked && b.ends_at > now);
        upcoming.sort_by_key(|b| b.starts_at);
        Ok(Agenda {
            upcoming,
            past,
            policy: self.policy,
            now,
        })
    }

    #[tracing::instrument(skip_all)]
    async fn send_message(
        &self,
        sender: &CurrentUser,
        id: &BookingId,
        text: &MessageText,
    ) -> Result<(), BookingError> {
        let booking = self.booking(id).await?;
        if !booking.is_participant(&sender.id) {
            return Err(BookingError::NotFound);
        }
        let account = |id: UserId| async move {
            db::users::by_id(&self.db, &id)
                .await
                .map_err(unexpected)?
                .ok_or_else(|| BookingError::Unexpected("participant without account".into()))
        };
        let to = if sender.id == booking.professional.id {
            match booking.client.clone() {
                Some(client) => Some(account(client).await?),
                // invited, no account yet: to the invited address, as the professional writes
                None => None,
            }
        } else {
            Some(account(booking.professional.id.clone()).await?)
        };
        let recipient = match &to {
            Some(to) => Recipient {
                name: to.called(),
                email: to.email.as_str(),
                language: to.language,
                timezone: to.timezone,
            },
            None => Recipient {
                name: booking.invitee_name.first_name(),
                email: booking.invitee_email.as_str(),
                language: sender.language,
                timezone: sender.timezone,
            },
        };
        let link = self.notices.appointment_link(&booking);
        let mail = message_mail(&booking, sender.name.as_str(), &recipient, text, &link);
        db::outbox::enqueue(&self.db, mail, self.clock.now())
            .await
            .map_err(unexpected)?;
        tracing::info!(booking = booking.id.as_str(), "message sent");
        Ok(())
    }

    async fn appointment(
        &self,
        viewer: &UserId,
        id: &BookingId,
    ) -> Result<AppointmentView, BookingError> {
        let booking = self.booking(id).await?;
        if !booking.is_participant(viewer) {
            return Err(BookingError::NotFound);
        }
        let professional = db::profiles::professional(&self.db, &booking.professional.id)
            .await
            .map_err(unexpected)?
            .ok_or_else(|| BookingError::Unexpected("booking without professional".into()))?;
        let bill = db::bills::for_booking(&self.db, &booking.id)
            .await
            .map_err(unexpected)?;
        let paid_by_company = db::hubs::paying_company_name(&self.db, &booking.id)
            .await
            .map_err(unexpected)?;
        // the professional opening a client's appointment: the client's access log says so
        if let Some(client) = booking.client.as_ref().filter(|c| *c != viewer) {
            db::access_log::record(
                &self.db,
                db::access_log::Opened {
                    subject: client,
                    viewer,
                    viewer_name: &booking.professional.name,
                    what: AccessKind::Appointment,
                    item: Some(booking.id.as_str()),
                    at: self.clock.now(),
                },
            )
            .await
            .map_err(unexpected)?;
        }
        Ok(AppointmentView {
            viewer_is_professional: &booking.professional.id == viewer,
            bill,
            paid_by_company,
            booking,
            professional,
            policy: self.policy,
            now: self.clock.now(),
        })
    }

    #[tracing::instrument(skip_all, fields(booking = id.as_str()))]
    async fn reschedule(
        &self,
        professional: &CurrentUser,
        id: &BookingId,
        starts_at: DateTime<Utc>,
    ) -> Result<Booking, BookingError> {
        let now = self.clock.now();
        let before = self.booking(id).await?;
        if before.professional.id != professional.id {
            return Err(if before.is_participant(&professional.id) {
                BookingError::NotAllowed
            } else {
                BookingError::NotFound
            });
        }
        if !self.policy.professional_may_change(&before, now) {
            return Err(BookingError::Closed);
        }
        check_start(starts_at, now)?;
        let mut after = before.clone();
        after.starts_at = starts_at;
        after.ends_at = starts_at + Duration::minutes(i64::from(before.length.minutes()));
        after.sequence += 1;
        let side = self.client_side(&before).await?;
        let outgoing = self.notices.to_client(
            News::Moved,
            &after,
            &side,
            professional,
            Some((now, false)),
            |s| s.email_booking_updates,
        );
        let (mail, link_hash) = match outgoing {
            Some(o) => (Some(o.mail), o.link_hash),
            None => (None, None),
        };
        let _turn = self
            .turn_for(&professional.id, id, after.starts_at, after.ends_at)
            .await?;
        let written = db::bookings::reschedule(
            &self.db,
            Moved {
                before: &before,
                starts_at: after.starts_at,
                ends_at: after.ends_at,
                mail,
                link_hash,
                reminders: self.reminders(after.starts_at, now),
                now,
            },
        )
        .await
        .map_err(unexpected)?;
        match written {
            Written::Done => {
                tracing::info!("session moved");
                self.booking(id).await
            }
            Written::Overlap => Err(BookingError::Overlap),
            Written::Stale | Written::NoCredits => Err(BookingError::Closed),
        }
    }

    #[tracing::instrument(skip_all, fields(booking = id.as_str()))]
    async fn cancel(&self, actor: &CurrentUser, id: &BookingId) -> Result<Booking, BookingError> {
        let now = self.clock.now();
        let before = self.booking(id).await?;
        if !before.is_participant(&actor.id) {
            return Err(BookingError::NotFound);
        }
        let by_professional = before.professional.id == actor.id;
        if before.status == BookingStatus::Cancelled || now >= before.ends_at {
            return Err(BookingError::Closed);
        }
        if !by_professional && !self.policy.client_may_cancel(&before, now) {
            return Err(BookingError::TooLateToCancel);
        }
        self.cancel_checked(actor, before, by_professional, now)
            .await
    }

    #[tracing::instrument(skip_all, fields(client = client.id.as_str()))]
    async fn cancel_for_leaving(&self, client: &CurrentUser) -> Result<u32, BookingError> {
        let now = self.clock.now();
        let ahead = db::bookings::not_started_for_client(&self.db, client, now)
            .await
            .map_err(unexpected)?;
        let mut cancelled = 0;
        for before in ahead {
            match self.cancel_checked(client, before, false, now).await {
                Ok(_) => cancelled += 1,
                // cancelled meanwhile (by the professional, or an earlier try): nothing to do
                Err(BookingError::Closed) => {}
                Err(e) => return Err(e),
            }
        }
        tracing::info!(cancelled, "sessions of a leaving client cancelled");
        Ok(cancelled)
    }

    async fn connections(&self, client: &UserId) -> Result<Vec<Connection>, BookingError> {
        let all = db::bookings::all_for_client(&self.db, client, LIST_LIMIT)
            .await
            .map_err(unexpected)?;
        let mut connections: Vec<Connection> = Vec::new();
        for b in all
            .into_iter()
            .filter(|b| b.status == BookingStatus::Booked)
        {
            if let Some(c) = connections
                .iter_mut()
                .find(|c| c.professional.person.id == b.professional.id)
            {
                c.bookings.push(b);
                continue;
            }
            let Some(professional) = db::profiles::professional(&self.db, &b.professional.id)
                .await
                .map_err(unexpected)?
            else {
                continue;
            };
            connections.push(Connection {
                professional,
                bookings: vec![b],
            });
        }
        Ok(connections)
    }

    async fn clients(&self, professional: &UserId) -> Result<Vec<ClientSummary>, BookingError> {
        let now = self.clock.now();
        let all = db::bookings::all_for_professional(&self.db, professional, LIST_LIMIT)
            .await
            .map_err(unexpected)?;
        let mut clients: Vec<ClientSummary> = Vec::new();
        // latest first, so the first booking seen of a client carries their latest name
        for b in all.iter().filter(|b| b.status == BookingStatus::Booked) {
            let next = (b.ends_at > now).then_some(b.starts_at);
            match clients
                .iter_mut()
                .find(|c| c.email.key() == b.invitee_email.key())
            {
                Some(c) => {
                    c.bookings += 1;
                    c.has_account |= b.client.is_some();
                    c.next_booking = match (c.next_booking, next) {
                        (Some(a), Some(n)) => Some(a.min(n)),
                        (a, n) => a.or(n),
                    };
                }
                None => clients.push(ClientSummary {
                    name: b.invitee_name.clone(),
                    email: b.invitee_email.clone(),
                    has_account: b.client.is_some(),
                    next_booking: next,
                    bookings: 1,
                }),
            }
        }
        clients.sort_by(|a, b| match (a.next_booking, b.next_booking) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.as_str().cmp(b.name.as_str()),
        });
        Ok(clients)
    }

    async fn open_invitation(
        &self,
        token: &str,
        viewer: Option<&CurrentUser>,
    ) -> Result<Invitation, BookingError> {
        let Some(booking) = db::invites::booking_for(&self.db, &hash_of(token))
            .await
            .map_err(unexpected)?
        else {
            return Ok(Invitation::Invalid);
        };
        let invited = || Invitation::OtherAccount {
            invited: mask_email(&booking.invitee_email),
        };
        match (&booking.client, viewer) {
            (Some(client), Some(me)) if client == &me.id => Ok(Invitation::Yours(booking.id)),
            (_, Some(me)) if me.id == booking.professional.id => Ok(Invitation::Yours(booking.id)),
            (Some(_), Some(_)) => Ok(invited()),
            (Some(_), None) => Ok(Invitation::LogIn {
                email: booking.invitee_email,
                professional: booking.professional.name,
            }),
            (None, Some(me)) if me.email.key() == booking.invitee_email.key() => {
                match db::invites::claim(&self.db, &booking.id, &me.id, self.clock.now())
                    .await
                    .map_err(unexpected)?
                {
                    Claim::Claimed => {
                        tracing::info!(booking = booking.id.as_str(), "invitation claimed");
                        Ok(Invitation::Yours(booking.id))
                    }
                    // bound by someone else a moment ago
                    Claim::Stale => Ok(invited()),
                }
            }
            (None, Some(_)) => Ok(invited()),
            (None, None) => {
                let has_account = db::users::credentials_by_email(&self.db, &booking.invitee_email)
                    .await
                    .map_err(unexpected)?
                    .is_some();
                if has_account {
                    return Ok(Invitation::LogIn {
                        email: booking.invitee_email,
                        professional: booking.professional.name,
                    });
                }
                let zone = db::users::by_id(&self.db, &booking.professional.id)
                    .await
                    .map_err(unexpected)?
                    .map_or(Timezone::UTC, |p| p.timezone);
                Ok(Invitation::CreateAccount {
                    session: Box::new(InvitedSession {
                        service: booking.service_name,
                        meeting_type: booking.meeting_type,
                        length: booking.length,
                        starts_at: booking.starts_at,
                        ends_at: booking.ends_at,
                        zone,
                    }),
                    email: booking.invitee_email,
                    name: booking.invitee_name,
                    professional: booking.professional.name,
                })
            }
        }
    }

    fn policy(&self) -> BookingPolicy {
        self.policy
    }
}
