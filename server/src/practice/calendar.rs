//! The `Bookings` port: invitations into a professional's calendar, never two at once.

use crate::clock::Clock;
use crate::db::bookings::{Inserted, NewBooking};
use crate::db::{self, Db};
use app::domain::{Booking, CurrentUser, UserId};
use app::ports::{BookingError, Bookings, NewInvite};
use async_trait::async_trait;
use std::sync::Arc;

pub struct Calendar {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl Calendar {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }
}

fn internal(e: impl std::fmt::Display) -> BookingError {
    BookingError::Internal(e.to_string())
}

#[async_trait]
impl Bookings for Calendar {
    #[tracing::instrument(skip_all, fields(professional = professional.id.as_str()))]
    async fn invite(
        &self,
        professional: &CurrentUser,
        invite: NewInvite,
    ) -> Result<Booking, BookingError> {
        let now = self.clock.now();
        if invite.starts_at <= now {
            return Err(BookingError::InThePast);
        }
        let service = db::services::owned(&self.db, &professional.id, &invite.service)
            .await
            .map_err(internal)?
            .ok_or(BookingError::UnknownService)?;
        let inserted = db::bookings::insert(
            &self.db,
            NewBooking {
                professional: &professional.id,
                service: &service,
                starts_at: invite.starts_at,
                invitee_name: &invite.invitee_name,
                invitee_email: &invite.invitee_email,
                now,
            },
        )
        .await
        .map_err(internal)?;
        match inserted {
            Inserted::Booked(booking) => {
                tracing::info!(booking = booking.id.as_str(), "session booked");
                Ok(booking)
            }
            Inserted::Overlap => Err(BookingError::Overlap),
        }
    }

    async fn upcoming_for_professional(
        &self,
        professional: &UserId,
    ) -> Result<Vec<Booking>, BookingError> {
        db::bookings::upcoming_for_professional(&self.db, professional, self.clock.now())
            .await
            .map_err(internal)
    }
}
