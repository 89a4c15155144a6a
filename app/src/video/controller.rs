//! Ties the page's `CallState` to the browser's media: opens camera and microphone, meters the
//! microphone, says where the person is every couple of seconds, and joins, rejoins and leaves
//! the room.

use super::call::{Call, NetworkCheck, replace_tracks};
use super::meter::Meter;
use super::{devices, storage};
use crate::api::rooms::{leave_room, room_heartbeat};
use crate::api::{ApiError, Refusal};
use crate::contexts::activity::Activity;
use crate::domain::HEARTBEAT_MILLIS;
use crate::video::call_state::{Action, CallState, Link, Network, Stage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use web_sys::{MediaStream, RtcPeerConnectionState};

/// How long a dropped connection may take to come back by itself before we rejoin.
const RECOVER_WITHIN: Duration = Duration::from_secs(4);
/// How long the pre-join network check's test connection may take to connect.
const NETWORK_CHECK_WITHIN: Duration = Duration::from_secs(10);
/// Automatic rejoins allowed within a minute; past that the page stops and says why.
const MAX_REJOINS: usize = 3;
/// The heartbeat renews the idle log-off at most this often.
const ACTIVITY_EVERY: u32 = 30;
/// How long a page waits for a restarting server to come back before it gives up (ms).
const RESTART_PATIENCE_MS: f64 = 180_000.0;
/// Tries to join a restarting server wait 1, 2, 4, then 5 seconds each (ms).
const RESTART_TRY_MAX_MS: u64 = 5_000;

#[derive(Default)]
struct Media {
    stream: Option<MediaStream>,
    meter: Option<Meter>,
    call: Option<Call>,
    /// The pre-join network check's test connection, until it has connected or failed.
    check: Option<NetworkCheck>,
    /// Bumped for every connection made or dropped: a late event of an older one is ignored.
    generation: u64,
    /// When the last automatic rejoins happened (ms since the epoch).
    rejoins: Vec<f64>,
    /// While the server restarts: since when (ms since the epoch), and the tries to join since.
    restart_since: Option<f64>,
    restart_tries: u32,
    timers: Vec<IntervalHandle>,
}

#[derive(Clone, Copy)]
pub struct Controller {
    ui: CallState,
    media: StoredValue<Media, LocalStorage>,
    activity: Option<Activity>,
}

impl Controller {
    /// Starts the device check, the meter and the heartbeat; all stop with the page.
    pub fn start(ui: CallState) -> Self {
        let this = Self {
            ui,
            media: StoredValue::new_local(Media::default()),
            activity: use_context::<Activity>(),
        };
        let meter = set_interval_with_handle(move || this.meter_tick(), Duration::from_millis(100));
        let beats = StoredValue::new(0u32);
        let heartbeat = set_interval_with_handle(
            move || {
                beats.update_value(|n| *n += 1);
                this.heartbeat(beats.get_value().is_multiple_of(ACTIVITY_EVERY));
            },
            Duration::from_millis(HEARTBEAT_MILLIS),
        );
        this.media.update_value(|m| {
            m.timers
                .extend(meter.ok().into_iter().chain(heartbeat.ok()))
        });
        // leaving the page inside the app (a reload never gets here, and rejoins by itself)
        on_cleanup(move || {
            let in_call = this
                .media
                .try_update_value(|m| {
                    m.timers.drain(..).for_each(|t| t.clear());
                    m.meter = None;
                    m.check = None;
                    if let Some(s) = m.stream.take() {
                        devices::stop(&s);
                    }
                    m.call.take().is_some()
                })
                .unwrap_or(false);
            if let (true, Some(booking)) = (in_call, this.ui.booking.try_get_value()) {
                storage::set_in_room(&booking, false);
                spawn_local(async move {
                    let _ = leave_room(Some(booking)).await;
                });
            }
        });
        this.heartbeat(false);
        this.act(Action::OpenDevices);
        // before joining only: a reload in the middle of a call goes straight back in
        if !storage::was_in_room(&this.booking()) {
            spawn_local(this.check_network());
        }
        this
    }

    /// The pre-join network check: a test connection to the SFU (through the relay if the network
    /// needs it). Blocked unless it connects within `NETWORK_CHECK_WITHIN`.
    async fn check_network(self) {
        let (ui, media) = (self.ui, self.media);
        let settle = move |network: Network| {
            if ui.network.try_get_untracked() == Some(Network::Checking) {
                ui.network.set(network);
            }
            // closed once it has said what it had to (not from inside its own event)
            spawn_local(async move {
                media.try_update_value(|m| m.check = None);
            });
        };
        let check = NetworkCheck::start(&self.booking(), move |state| match state {
            RtcPeerConnectionState::Connected => settle(Network::Reachable),
            RtcPeerConnectionState::Failed => settle(Network::Blocked),
            _ => {}
        })
        .await;
        match check {
            Ok(check) if ui.network.try_get_untracked() == Some(Network::Checking) => {
                media.try_update_value(|m| m.check = Some(check));
                set_timeout(move || settle(Network::Blocked), NETWORK_CHECK_WITHIN);
            }
            Ok(_) => {}
            Err(_) => settle(Network::Blocked),
        }
    }

    pub fn act(self, action: Action) {
        match action {
            Action::OpenDevices => spawn_local(self.open_devices()),
            Action::Join => spawn_local(self.connect(false)),
            Action::Leave => self.leave(),
            Action::Rejoin => {
                self.ui.dropped.set(false);
                self.media.update_value(|m| m.rejoins.clear());
                storage::set_in_room(&self.booking(), true);
                spawn_local(self.open_devices());
            }
            Action::ToggleMic => {
                let muted = !self.ui.muted.get_untracked();
                self.ui.muted.set(muted);
                self.enable(false, !muted);
            }
            Action::ToggleCamera => {
                let off = !self.ui.camera_off.get_untracked();
                self.ui.camera_off.set(off);
                self.enable(true, !off);
            }
        }
    }

    fn booking(self) -> String {
        self.ui.booking.get_value()
    }

    fn enable(self, video: bool, on: bool) {
        self.media.with_value(|m| {
            if let Some(s) = &m.stream {
                for t in devices::tracks(s, video) {
                    t.set_enabled(on);
                }
            }
        });
    }

    /// Asks for the chosen camera and microphone. On the check page that starts over; in the
    /// room the call carries on, sending from the new devices once they are open.
    async fn open_devices(self) {
        let ui = self.ui;
        let in_call = ui.stage.get_untracked() == Stage::InRoom;
        if !in_call {
            self.media.update_value(|m| {
                m.meter = None;
                if let Some(s) = m.stream.take() {
                    devices::stop(&s);
                }
            });
            ui.stage.set(Stage::Checking);
        }
        let (camera, mic) = (ui.camera.get_untracked(), ui.mic.get_untracked());
        let (stream, audio_only) = match devices::open(&camera, &mic).await {
            Ok(opened) => opened,
            Err(problem) if in_call => {
                // the old devices keep going
                ui.device_problem.set(Some(problem));
                return;
            }
            Err(problem) => {
                ui.stage.set(Stage::Problem(problem));
                return;
            }
        };
        ui.device_problem.set(None);
        if in_call {
            if let Some(senders) = self
                .media
                .with_value(|m| m.call.as_ref().map(Call::senders))
            {
                replace_tracks(senders, &stream).await;
            }
            if let Some(v) = ui.own.get_untracked() {
                v.set_src_object(Some(&stream));
            }
        }
        if let Some(v) = ui.preview.get_untracked() {
            v.set_src_object(Some(&stream));
        }
        for (video, chosen) in [(true, ui.camera), (false, ui.mic)] {
            if let Some(t) = devices::tracks(&stream, video).first() {
                chosen.set(devices::device_of(t));
            }
        }
        ui.audio_only.set(audio_only);
        let meter = Meter::new(&stream);
        self.media.update_value(|m| {
            if let Some(old) = m.stream.replace(stream) {
                devices::stop(&old);
            }
            m.meter = meter;
        });
        // muted or camera off before a new device was picked: stays so
        self.enable(false, !ui.muted.get_untracked());
        self.enable(true, !ui.camera_off.get_untracked());
        let (cameras, mics) = devices::list().await;
        ui.cameras.set(cameras);
        ui.mics.set(mics);
        if in_call {
            return;
        }
        ui.stage.set(Stage::Ready);
        // a reload in the middle of a session: straight back in
        if storage::was_in_room(&self.booking()) {
            self.connect(false).await;
        }
    }

    /// Joins the room, or (`again`) makes a new connection to it after the old one dropped.
    async fn connect(self, again: bool) {
        let ui = self.ui;
        let Some(stream) = self.media.with_value(|m| m.stream.clone()) else {
            return;
        };
        let generation = self.media.with_value(|m| m.generation) + 1;
        self.media.update_value(|m| {
            m.generation = generation;
            m.call = None;
        });
        if !again {
            ui.stage.set(Stage::Joining);
            ui.link.set(Link::Connecting);
        } else if !matches!(ui.link.get_untracked(), Link::Moving | Link::Restarting) {
            ui.link.set(Link::Reconnecting);
        }
        let remote = ui.remote;
        let started = Call::start(
            &self.booking(),
            &stream,
            move |remote_stream| {
                // called once per arriving track, always with the same stream: setting it again
                // would restart the load and interrupt the play() of the one before
                if let Some(v) = remote.get_untracked()
                    && v.src_object()
                        .as_ref()
                        .map(AsRef::<wasm_bindgen::JsValue>::as_ref)
                        != Some(remote_stream.as_ref())
                {
                    v.set_src_object(Some(remote_stream));
                    if let Ok(playing) = v.play() {
                        // `autoplay` starts it anyway; a refusal here is not the page's error
                        spawn_local(async move {
                            let _ = wasm_bindgen_futures::JsFuture::from(playing).await;
                        });
                    }
                }
            },
            move |state| self.on_link(generation, state),
        )
        .await;
        if self.media.try_with_value(|m| m.generation) != Some(generation) {
            // left (or rejoined) while this was connecting
            return;
        }
        if let Err(e) = &started
            && let Some(wait) = self.restart_wait(e)
        {
            if !again {
                ui.error
                    .set(Some(ApiError::Refused(Refusal::ServerRestarting)));
            }
            self.connect_after(again, wait);
            return;
        }
        self.media.update_value(|m| {
            m.restart_since = None;
            m.restart_tries = 0;
        });
        match started {
            Ok(call) => {
                if let Some(v) = ui.own.get_untracked() {
                    v.set_src_object(Some(&stream));
                }
                self.media.update_value(|m| m.call = Some(call));
                ui.error.set(None);
                ui.stage.set(Stage::InRoom);
                storage::set_in_room(&self.booking(), true);
            }
            Err(e) => {
                storage::set_in_room(&self.booking(), false);
                ui.error.set(Some(e));
                ui.stage.set(Stage::Ready);
            }
        }
    }

    /// How long to wait before joining again, when `error` says the server is restarting (or,
    /// while it restarts, that it can't be reached yet); none once it has been too long.
    fn restart_wait(self, error: &ApiError) -> Option<Duration> {
        let restarting = *error == ApiError::Refused(Refusal::ServerRestarting);
        let unreachable = matches!(
            error,
            ApiError::Request(_) | ApiError::Internal | ApiError::Busy
        );
        let now = js_sys::Date::now();
        self.media
            .try_update_value(|m| {
                let waiting = m.restart_since.is_some();
                if !(restarting || unreachable && waiting) {
                    return None;
                }
                let since = *m.restart_since.get_or_insert(now);
                if now - since > RESTART_PATIENCE_MS {
                    return None;
                }
                m.restart_tries += 1;
                let wait = 500u64 << m.restart_tries.min(4);
                Some(Duration::from_millis(wait.min(RESTART_TRY_MAX_MS)))
            })
            .flatten()
    }

    /// Told the server is restarting: the call's connection goes now (camera and microphone
    /// stay), and joining again starts, until the server is back.
    fn ride_out_restart(self) {
        self.media.update_value(|m| {
            m.generation += 1;
            m.call = None;
        });
        self.ui.link.set(Link::Restarting);
        if let Some(wait) = self.restart_wait(&ApiError::Refused(Refusal::ServerRestarting)) {
            self.connect_after(true, wait);
        }
    }

    /// Joins after `wait`, unless the call has ended meanwhile.
    fn connect_after(self, again: bool, wait: Duration) {
        set_timeout(
            move || {
                if self.media.try_with_value(|m| m.stream.is_some()) == Some(true) {
                    spawn_local(self.connect(again));
                }
            },
            wait,
        );
    }

    fn on_link(self, generation: u64, state: RtcPeerConnectionState) {
        if self.media.try_with_value(|m| m.generation) != Some(generation) {
            return;
        }
        match state {
            RtcPeerConnectionState::Connected => self.ui.link.set(Link::Connected),
            RtcPeerConnectionState::Disconnected => {
                self.ui.link.set(Link::Reconnecting);
                set_timeout(
                    move || {
                        let current = self.media.try_with_value(|m| m.generation);
                        if current == Some(generation)
                            && self.ui.link.get_untracked() != Link::Connected
                        {
                            self.reconnect();
                        }
                    },
                    RECOVER_WITHIN,
                );
            }
            RtcPeerConnectionState::Failed => self.reconnect(),
            _ => {}
        }
    }

    /// A dropped connection is made again, a few times. One that keeps dropping (a network that
    /// won't carry it, or the same person's other tab taking the seat back each time) stops
    /// here, and the page says so.
    fn reconnect(self) {
        let now = js_sys::Date::now();
        let too_often = self
            .media
            .try_update_value(|m| {
                m.rejoins.retain(|t| now - t < 60_000.0);
                m.rejoins.push(now);
                m.rejoins.len() > MAX_REJOINS
            })
            .unwrap_or(true);
        if too_often {
            // the seat may be another tab's by now: only this page lets go
            self.hang_up();
            self.ui.dropped.set(true);
        } else {
            spawn_local(self.connect(true));
        }
    }

    /// Ends the call in this page: connection, camera and microphone.
    fn hang_up(self) {
        self.media.update_value(|m| {
            m.generation += 1;
            m.call = None;
            m.meter = None;
            m.restart_since = None;
            m.restart_tries = 0;
            if let Some(s) = m.stream.take() {
                devices::stop(&s);
            }
        });
        storage::set_in_room(&self.booking(), false);
        self.ui.stage.set(Stage::Left);
    }

    fn leave(self) {
        self.hang_up();
        let booking = self.booking();
        spawn_local(async move {
            let _ = leave_room(Some(booking)).await;
        });
    }

    fn meter_tick(self) {
        if matches!(self.ui.stage.get_untracked(), Stage::InRoom | Stage::Left) {
            return;
        }
        let level = self
            .media
            .try_update_value(|m| m.meter.as_mut().map(Meter::level))
            .flatten()
            .unwrap_or(0);
        if level != self.ui.level.get_untracked() {
            self.ui.level.set(level);
        }
    }

    fn heartbeat(self, renew_idle: bool) {
        let ui = self.ui;
        let here = ui.stage.get_untracked().whereabouts();
        let booking = self.booking();
        spawn_local(async move {
            match room_heartbeat(Some(booking), Some(here.as_str().to_owned())).await {
                Ok(other) => {
                    ui.other.set(other);
                    if ui.error.get_untracked() == Some(ApiError::Refused(Refusal::RoomNotOpen)) {
                        ui.error.set(None);
                    }
                    if renew_idle && let Some(a) = self.activity {
                        a.0.update(|n| *n += 1);
                    }
                }
                // the call's server stopped: join again now, which moves the room to a running
                // server, rather than wait for the connection to time out
                Err(ApiError::Refused(Refusal::RoomMoved)) => {
                    if ui.stage.get_untracked() == Stage::InRoom
                        && ui.link.get_untracked() != Link::Moving
                    {
                        ui.link.set(Link::Moving);
                        self.reconnect();
                    }
                }
                // the server is restarting, and tells us before it goes: join again once it's back
                Err(ApiError::Refused(Refusal::ServerRestarting)) => {
                    if ui.stage.get_untracked() == Stage::InRoom
                        && ui.link.get_untracked() != Link::Restarting
                    {
                        self.ride_out_restart();
                    }
                }
                Err(e @ ApiError::Refused(Refusal::Closed | Refusal::RoomOver)) => {
                    // cancelled, or over: the room has closed on the server, so close it here
                    if ui.stage.get_untracked() == Stage::InRoom {
                        self.leave();
                    }
                    ui.error.set(Some(e));
                }
                // not open yet (the page already says when it opens), offline for a moment, or
                // logged off (the idle guard says so): nothing to add
                Err(_) => {}
            }
        });
    }
}
