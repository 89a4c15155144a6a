//! The `Rooms` port: who may enter a booking's video room, and when. Only its client and its
//! professional, only while the room is open, never once cancelled. It also keeps where each
//! participant is (checking their camera, ready, in the room), from their pages' heartbeats, in
//! the database: the heartbeat and the question may reach different app servers.

use crate::clock::Clock;
use crate::cluster::MediaRooms;
use crate::db::{self, Db};
use crate::sfu::{JoinError, Seat, SfuError};
use crate::turn::TurnConfig;
use app::domain::{
    Booking, BookingId, BookingPolicy, CurrentUser, IceServer, PRESENCE_TTL_SECS, RoomState,
    WaitingClient, Whereabouts,
};
use app::ports::RoomError;
use async_trait::async_trait;
use chrono::Duration;
use std::sync::Arc;

/// How long a network check's connection may stay before the SFU drops it (the page needs a few
/// seconds).
const NETWORK_CHECK_LIFETIME: std::time::Duration = std::time::Duration::from_secs(30);

pub struct RoomService {
    db: Db,
    clock: Arc<dyn Clock>,
    policy: BookingPolicy,
    sfu: Arc<MediaRooms>,
    turn: Option<TurnConfig>,
}

impl RoomService {
    pub fn new(
        db: Db,
        clock: Arc<dyn Clock>,
        policy: BookingPolicy,
        sfu: Arc<MediaRooms>,
        turn: Option<TurnConfig>,
    ) -> Self {
        Self {
            db,
            clock,
            policy,
            sfu,
            turn,
        }
    }

    /// The booking, if `who` is one of its two people.
    async fn booking(&self, who: &CurrentUser, id: &BookingId) -> Result<Booking, RoomError> {
        db::bookings::by_id(&self.db, id)
            .await
            .map_err(|e| RoomError::Unexpected(e.into()))?
            .filter(|b| b.is_participant(&who.id))
            .ok_or(RoomError::NotFound)
    }

    /// The booking, if `who` is one of its two people and it still stands, whether or not its
    /// room is open yet: for what a page does before joining (relays, the network check).
    async fn uncancelled(&self, who: &CurrentUser, id: &BookingId) -> Result<Booking, RoomError> {
        let booking = self.booking(who, id).await?;
        if booking.status == app::domain::BookingStatus::Cancelled {
            return Err(RoomError::Cancelled);
        }
        Ok(booking)
    }

    /// The seat `who` takes in the booking's room, if they may take it now.
    async fn seat(&self, who: &CurrentUser, id: &BookingId) -> Result<(Seat, Booking), RoomError> {
        let booking = self.booking(who, id).await?;
        match self.policy.room(&booking, self.clock.now()) {
            RoomState::Open => Ok((seat(&booking, &who.id), booking)),
            RoomState::NotYetOpen => Err(RoomError::NotYetOpen),
            RoomState::Over => Err(RoomError::Over),
            RoomState::Cancelled => Err(RoomError::Cancelled),
        }
    }

    async fn set_presence(&self, seat: &Seat, here: Whereabouts) -> Result<(), RoomError> {
        db::presence::set(&self.db, &seat.room, &seat.user, here, self.clock.now())
            .await
            .map_err(|e| RoomError::Unexpected(e.into()))
    }

    /// Where the seat's person is: away unless they said otherwise within the heartbeat's TTL.
    async fn presence_of(&self, seat: &Seat) -> Result<Whereabouts, RoomError> {
        let fresh_since = self.clock.now() - Duration::seconds(PRESENCE_TTL_SECS);
        db::presence::of(&self.db, &seat.room, &seat.user, fresh_since)
            .await
            .map_err(|e| RoomError::Unexpected(e.into()))
    }
}

fn seat(booking: &Booking, user: &app::domain::UserId) -> Seat {
    Seat {
        room: booking.id.as_str().to_owned(),
        user: user.as_str().to_owned(),
    }
}

#[async_trait]
impl app::ports::Rooms for RoomService {
    #[tracing::instrument(skip_all, fields(booking = booking.as_str(), user = who.id.as_str()))]
    async fn join(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        offer: String,
    ) -> Result<String, RoomError> {
        let (seat, _) = self.seat(who, booking).await?;
        if self.sfu.drain().is_stopping() {
            return Err(RoomError::Restarting);
        }
        match self.sfu.join(seat.clone(), offer).await {
            Ok(admitted) => {
                tracing::info!(server = admitted.server, "joined the session");
                db::presence::joined(
                    &self.db,
                    &seat.room,
                    &seat.user,
                    admitted.server.as_deref(),
                    self.clock.now(),
                )
                .await
                .map_err(|e| RoomError::Unexpected(e.into()))?;
                Ok(admitted.answer)
            }
            Err(SfuError::Join(JoinError::RoomFull)) => Err(RoomError::Full),
            Err(SfuError::Join(JoinError::BadOffer(e))) => Err(RoomError::BadOffer(e)),
            Err(e @ SfuError::Stopped) => Err(RoomError::Unexpected(e.into())),
        }
    }

    async fn leave(&self, who: &CurrentUser, booking: &BookingId) -> Result<(), RoomError> {
        let booking = self.booking(who, booking).await?;
        let seat = seat(&booking, &who.id);
        self.set_presence(&seat, Whereabouts::Away).await?;
        self.sfu.leave(seat).await;
        Ok(())
    }

    /// Issued to the booking's two people only, at any time: the page checks the network before
    /// the room opens.
    async fn ice_servers(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
    ) -> Result<Vec<IceServer>, RoomError> {
        self.uncancelled(who, booking).await?;
        Ok(self
            .turn
            .iter()
            .map(|t| t.ice_server(&who.id, self.clock.now()))
            .collect())
    }

    #[tracing::instrument(skip_all, fields(booking = booking.as_str(), user = who.id.as_str()))]
    async fn check_network(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        offer: String,
    ) -> Result<String, RoomError> {
        let booking = self.uncancelled(who, booking).await?;
        // this server's SFU, where a join would most likely land; a room of the person's own
        let seat = Seat {
            room: format!("check-{}-{}", booking.id.as_str(), who.id.as_str()),
            user: who.id.as_str().to_owned(),
        };
        let sfu = self.sfu.local().clone();
        let answer = match sfu.join(seat.clone(), offer).await {
            Ok(answer) => answer,
            Err(SfuError::Join(JoinError::BadOffer(e))) => return Err(RoomError::BadOffer(e)),
            Err(e) => return Err(RoomError::Unexpected(e.into())),
        };
        tokio::spawn(async move {
            tokio::time::sleep(NETWORK_CHECK_LIFETIME).await;
            sfu.leave(seat);
        });
        Ok(answer)
    }

    async fn heartbeat(
        &self,
        who: &CurrentUser,
        booking: &BookingId,
        here: Whereabouts,
    ) -> Result<Whereabouts, RoomError> {
        let (mine, booking) = self.seat(who, booking).await?;
        self.set_presence(&mine, here).await?;
        // this server is stopping: the page lets the call go, and joins again once a server
        // answers (this one back from its restart, or another)
        if here == Whereabouts::InRoom && self.sfu.drain().is_stopping() {
            self.sfu.drain().told(&mine);
            return Err(RoomError::Restarting);
        }
        // in a call on a server that has stopped (or was killed): told to join again, which
        // moves the room to a running server
        if here == Whereabouts::InRoom
            && let Some(alive_since) = self.sfu.alive_since()
            && db::presence::stranded(&self.db, &mine.room, &mine.user, alive_since)
                .await
                .map_err(|e| RoomError::Unexpected(e.into()))?
        {
            return Err(RoomError::Moved);
        }
        let other = if booking.professional.id == who.id {
            booking.client.as_ref()
        } else {
            Some(&booking.professional.id)
        };
        match other {
            Some(o) => self.presence_of(&seat(&booking, o)).await,
            None => Ok(Whereabouts::Away),
        }
    }

    async fn waiting(&self, professional: &CurrentUser) -> Result<Vec<WaitingClient>, RoomError> {
        let now = self.clock.now();
        let open = db::bookings::open_rooms_for_professional(
            &self.db,
            &professional.id,
            now + Duration::minutes(i64::from(self.policy.join_early_minutes)),
            now - Duration::minutes(i64::from(self.policy.room_open_after_end_minutes)),
        )
        .await
        .map_err(|e| RoomError::Unexpected(e.into()))?;
        let mut waiting = Vec::new();
        for b in open {
            let Some(client) = b.client.as_ref() else {
                continue;
            };
            if self.presence_of(&seat(&b, &professional.id)).await? == Whereabouts::InRoom {
                continue;
            }
            let whereabouts = self.presence_of(&seat(&b, client)).await?;
            if matches!(whereabouts, Whereabouts::Ready | Whereabouts::InRoom) {
                waiting.push(WaitingClient {
                    booking: b.id.clone(),
                    name: b.invitee_name.clone(),
                    whereabouts,
                });
            }
        }
        Ok(waiting)
    }
}
