//! The `Sessions` port: who may enter a booking's video room, and when. Only its client and its
//! professional, only while the room is open, never once cancelled.

use super::{JoinError, Seat, SfuError, SfuHandle};
use crate::clock::Clock;
use crate::db::{self, Db};
use app::domain::{BookingId, BookingPolicy, CurrentUser, RoomState};
use app::ports::{SessionError, Sessions};
use async_trait::async_trait;
use std::sync::Arc;

pub struct Signaling {
    db: Db,
    clock: Arc<dyn Clock>,
    policy: BookingPolicy,
    sfu: SfuHandle,
}

impl Signaling {
    pub fn new(db: Db, clock: Arc<dyn Clock>, policy: BookingPolicy, sfu: SfuHandle) -> Self {
        Self {
            db,
            clock,
            policy,
            sfu,
        }
    }

    /// The seat `who` takes in the booking's room, if they may take it now.
    async fn seat(&self, who: &CurrentUser, id: &BookingId) -> Result<Seat, SessionError> {
        let booking = db::bookings::by_id(&self.db, id)
            .await
            .map_err(|e| SessionError::Internal(e.to_string()))?
            .filter(|b| b.is_participant(&who.id))
            .ok_or(SessionError::NotFound)?;
        match self.policy.room(&booking, self.clock.now()) {
            RoomState::Open => Ok(Seat {
                room: booking.id.as_str().to_owned(),
                user: who.id.as_str().to_owned(),
            }),
            RoomState::NotYetOpen => Err(SessionError::NotYetOpen),
            RoomState::Over => Err(SessionError::Over),
            RoomState::Cancelled => Err(SessionError::Cancelled),
        }
    }
}

#[async_trait]
impl Sessions for Signaling {
    #[tracing::instrument(skip_all, fields(booking = booking.as_str(), user = who.id.as_str()))]
    async fn join(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        offer: String,
    ) -> Result<String, SessionError> {
        let seat = self.seat(who, booking).await?;
        match self.sfu.join(seat, offer).await {
            Ok(answer) => {
                tracing::info!("joined the session");
                Ok(answer)
            }
            Err(SfuError::Join(JoinError::RoomFull)) => Err(SessionError::Full),
            Err(SfuError::Join(JoinError::BadOffer(e))) => Err(SessionError::BadOffer(e)),
            Err(e @ SfuError::Stopped) => Err(SessionError::Internal(e.to_string())),
        }
    }

    async fn leave(&self, who: &CurrentUser, booking: &BookingId) -> Result<(), SessionError> {
        let booking = db::bookings::by_id(&self.db, booking)
            .await
            .map_err(|e| SessionError::Internal(e.to_string()))?
            .filter(|b| b.is_participant(&who.id))
            .ok_or(SessionError::NotFound)?;
        self.sfu.leave(Seat {
            room: booking.id.as_str().to_owned(),
            user: who.id.as_str().to_owned(),
        });
        Ok(())
    }
}
