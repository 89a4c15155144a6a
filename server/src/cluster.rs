//! Video rooms across app servers. Each server runs its own SFU, and a room lives on one of them:
//! the database records which (`db::cluster`). A join reaching another server is passed to the
//! room's server over HTTP (`/internal/rooms/*`, signed with the cluster's shared secret), whose
//! SFU answers; the answer names that SFU's address, so both people of a booking meet on it,
//! whichever server their requests reached. A room whose server went quiet (killed, cut off)
//! moves to the server taking the next join. Without a cluster secret the server is alone and
//! every room is its own.

use crate::clock::Clock;
use crate::db::{self, Db};
use crate::drain::Drain;
use crate::sfu::{JoinError, Seat, SfuError, SfuHandle};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// How often a server says it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(2);
/// A server silent this long is taken for dead: its rooms move on their next join.
pub const SILENT_AFTER: chrono::Duration = chrono::Duration::seconds(8);
/// How long a join passed to another server may take.
const FORWARD_TIMEOUT: Duration = Duration::from_secs(10);

/// Where media goes: this server's SFU, and the others' when there are others.
pub struct MediaRooms {
    local: SfuHandle,
    cluster: Option<Cluster>,
    /// Set once this server starts stopping: its calls are told.
    drain: Drain,
}

/// This server among the others.
pub struct Cluster {
    db: Db,
    clock: Arc<dyn Clock>,
    me: db::cluster::Host,
    secret: SecretString,
    http: reqwest::Client,
}

/// An SFU's answer to a join, and the server whose SFU gave it (none when alone).
pub struct Admitted {
    pub answer: String,
    pub server: Option<String>,
}

/// A join, leave or close passed from one server to the room's server.
#[derive(Serialize, Deserialize)]
pub struct Forwarded {
    room: String,
    user: String,
    #[serde(default)]
    offer: String,
}

impl MediaRooms {
    /// One server on its own: every room is on `local`.
    pub fn alone(local: SfuHandle) -> Self {
        Self {
            local,
            cluster: None,
            drain: Drain::default(),
        }
    }

    /// One of several servers sharing `db`: `id` is this server's, `url` where the others reach
    /// it, and `secret` what they all sign their requests with.
    pub fn clustered(
        local: SfuHandle,
        db: Db,
        clock: Arc<dyn Clock>,
        id: String,
        url: String,
        secret: SecretString,
    ) -> Self {
        Self {
            local,
            cluster: Some(Cluster {
                db,
                clock,
                me: db::cluster::Host { server: id, url },
                secret,
                http: reqwest::Client::builder()
                    .timeout(FORWARD_TIMEOUT)
                    .build()
                    .expect("an HTTP client without TLS builds"),
            }),
            drain: Drain::default(),
        }
    }

    /// This server's SFU.
    pub fn local(&self) -> &SfuHandle {
        &self.local
    }

    /// Whether this server is stopping, and which of its calls have been told.
    pub fn drain(&self) -> &Drain {
        &self.drain
    }

    /// Stopping: waits until everyone seated on this server's SFU has been told, for `within` at
    /// most.
    pub async fn drained(&self, within: Duration) {
        let traffic = self.local.traffic.clone();
        let seated = move || {
            usize::try_from(
                traffic
                    .participants
                    .load(std::sync::atomic::Ordering::Relaxed),
            )
            .unwrap_or(usize::MAX)
        };
        let in_calls = seated();
        let told = self.drain.told_everyone(seated, within).await;
        if in_calls > 0 {
            tracing::info!(in_calls, told, "calls told that the server is stopping");
        }
    }

    /// Admits the seat on the room's server; that SFU's answer, and which server it is.
    pub async fn join(&self, seat: Seat, offer: String) -> Result<Admitted, SfuError> {
        let Some(cluster) = &self.cluster else {
            let answer = self.local.join(seat, offer).await?;
            return Ok(Admitted {
                answer,
                server: None,
            });
        };
        let host = cluster.host_of(&seat.room).await?;
        let answer = if host == cluster.me {
            self.local.join(seat, offer).await?
        } else {
            let forwarded = Forwarded {
                room: seat.room,
                user: seat.user,
                offer,
            };
            cluster.forward(&host, "join", &forwarded).await?
        };
        Ok(Admitted {
            answer,
            server: Some(host.server),
        })
    }

    /// Servers that beat at or after this are alive; none when alone (this one is the only
    /// server, and is alive while it answers).
    pub fn alive_since(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        let cluster = self.cluster.as_ref()?;
        Some(cluster.clock.now() - SILENT_AFTER)
    }

    /// Takes the seat's connection down, wherever its room is.
    pub async fn leave(&self, seat: Seat) {
        // a room's people are on its server, but a room that just moved may have one here
        self.local.leave(seat.clone());
        if let Some(cluster) = &self.cluster
            && let Some(host) = cluster.other_host(&seat.room).await
        {
            let forwarded = Forwarded {
                room: seat.room,
                user: seat.user,
                offer: String::new(),
            };
            if let Err(e) = cluster.forward(&host, "leave", &forwarded).await {
                tracing::warn!(error = %e, server = host.server, "leave not passed on");
            }
        }
    }

    /// Everyone out of the room (its booking was cancelled), wherever it is.
    pub async fn close_room(&self, room: &str) {
        self.local.close_room(room);
        if let Some(cluster) = &self.cluster
            && let Some(host) = cluster.other_host(room).await
        {
            let forwarded = Forwarded {
                room: room.to_owned(),
                user: String::new(),
                offer: String::new(),
            };
            if let Err(e) = cluster.forward(&host, "close", &forwarded).await {
                tracing::warn!(error = %e, server = host.server, "room closing not passed on");
            }
        }
    }

    /// Says this server is alive every `HEARTBEAT`, until aborted (none when alone).
    pub fn spawn_heartbeat(self: &Arc<Self>) -> Option<JoinHandle<()>> {
        self.cluster.as_ref()?;
        let rooms = self.clone();
        Some(tokio::spawn(async move {
            let Some(cluster) = &rooms.cluster else {
                return;
            };
            loop {
                let now = cluster.clock.now();
                if let Err(e) =
                    db::cluster::beat(&cluster.db, &cluster.me.server, &cluster.me.url, now).await
                {
                    tracing::warn!(error = %e, "heartbeat not recorded");
                }
                tokio::time::sleep(HEARTBEAT).await;
            }
        }))
    }

    /// This server is stopping: its rooms move on their next join.
    pub async fn hand_back(&self) {
        if let Some(cluster) = &self.cluster
            && let Err(e) = db::cluster::forget(&cluster.db, &cluster.me.server).await
        {
            tracing::warn!(error = %e, "rooms not handed back");
        }
    }

    fn signed(&self, headers: &HeaderMap) -> bool {
        self.cluster
            .as_ref()
            .is_some_and(|c| crate::http::bearer_matches(headers, &c.secret))
    }
}

impl Cluster {
    async fn host_of(&self, room: &str) -> Result<db::cluster::Host, SfuError> {
        let now = self.clock.now();
        db::cluster::host_of(&self.db, room, &self.me, now - SILENT_AFTER, now)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, room, "no server for the room");
                SfuError::Stopped
            })
    }

    /// The room's server, when it is another (and alive).
    async fn other_host(&self, room: &str) -> Option<db::cluster::Host> {
        self.host_of(room).await.ok().filter(|h| h != &self.me)
    }

    async fn forward(
        &self,
        host: &db::cluster::Host,
        action: &str,
        body: &Forwarded,
    ) -> Result<String, SfuError> {
        let url = format!("{}/internal/rooms/{action}", host.url.trim_end_matches('/'));
        let res = self
            .http
            .post(&url)
            .bearer_auth(self.secret.expose_secret())
            .json(body)
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, server = host.server, "the room's server does not answer");
                SfuError::Stopped
            })?;
        let status = res.status();
        let text = res.text().await.map_err(|_| SfuError::Stopped)?;
        match status {
            StatusCode::OK => Ok(text),
            StatusCode::CONFLICT => Err(JoinError::RoomFull.into()),
            StatusCode::BAD_REQUEST => Err(JoinError::BadOffer(text).into()),
            other => {
                tracing::warn!(status = %other, server = host.server, "the room's server refused");
                Err(SfuError::Stopped)
            }
        }
    }
}

/// `POST /internal/rooms/{join,leave,close}`: another server passing on what its requests asked
/// of a room on this server. Only a request signed with the cluster's secret is heard (the
/// sender checked who may join; the secret says the sender is one of us). The body is read only
/// once the secret matches: to anyone else the route answers 404, whatever they send.
pub async fn receive(
    State(rooms): State<Arc<MediaRooms>>,
    axum::extract::Path(action): axum::extract::Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !rooms.signed(&headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Ok(body) = serde_json::from_slice::<Forwarded>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let seat = Seat {
        room: body.room,
        user: body.user,
    };
    match action.as_str() {
        "join" if rooms.drain.is_stopping() => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        "join" => match rooms.local.join(seat, body.offer).await {
            Ok(answer) => answer.into_response(),
            Err(SfuError::Join(JoinError::RoomFull)) => StatusCode::CONFLICT.into_response(),
            Err(SfuError::Join(JoinError::BadOffer(e))) => {
                (StatusCode::BAD_REQUEST, e).into_response()
            }
            Err(SfuError::Stopped) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
        },
        "leave" => {
            rooms.local.leave(seat);
            StatusCode::OK.into_response()
        }
        "close" => {
            rooms.local.close_room(&seat.room);
            StatusCode::OK.into_response()
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}
