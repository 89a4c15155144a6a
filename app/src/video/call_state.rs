//! What the video session page shows, as signals both the view and the browser's media code
//! (`crate::video`, hydrate only) use. Plain data: rendered on the server too.

use crate::api::ApiError;
use crate::domain::Whereabouts;
use leptos::html::Video;
use leptos::prelude::*;

/// A camera or microphone the browser offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    pub id: String,
    pub label: String,
}

/// Why the camera and microphone can't be used, in terms a person can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceProblem {
    /// The person or the browser said no.
    Denied,
    /// No camera and no microphone.
    Missing,
    /// Another app holds them.
    Busy,
    /// No WebRTC or media devices in this browser (or not over https).
    Unsupported,
}

/// Where the person is on the page: checking devices, then in the room, then gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Checking,
    Ready,
    Problem(DeviceProblem),
    Joining,
    InRoom,
    Left,
}

impl Stage {
    /// What the page says to the other participant's page.
    pub fn whereabouts(self) -> Whereabouts {
        match self {
            Stage::Checking | Stage::Problem(_) => Whereabouts::Checking,
            Stage::Ready | Stage::Joining => Whereabouts::Ready,
            Stage::InRoom => Whereabouts::InRoom,
            Stage::Left => Whereabouts::Away,
        }
    }
}

/// The media connection to the SFU, as the room says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    Connecting,
    Connected,
    Reconnecting,
    /// The server carrying the call stopped: joining again, on a running one.
    Moving,
    /// The server is restarting: joining again, with back-off, until it is back.
    Restarting,
}

/// The pre-join network check: does a test connection reach the SFU (directly, or through the
/// relay when the network needs it)?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Network {
    Checking,
    Reachable,
    Blocked,
}

/// What a button asks of the media code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Ask for camera and microphone again (after a problem, or another device was picked).
    OpenDevices,
    Join,
    Leave,
    /// Back in after leaving: devices again, then straight into the room.
    Rejoin,
    ToggleMic,
    ToggleCamera,
}

#[derive(Clone, Copy)]
pub struct CallState {
    pub booking: StoredValue<String>,
    pub stage: RwSignal<Stage>,
    pub link: RwSignal<Link>,
    pub network: RwSignal<Network>,
    pub other: RwSignal<Whereabouts>,
    pub cameras: RwSignal<Vec<Device>>,
    pub mics: RwSignal<Vec<Device>>,
    /// The chosen devices' ids; empty for the browser's default.
    pub camera: RwSignal<String>,
    pub mic: RwSignal<String>,
    /// The microphone's loudness now, 0 to 100.
    pub level: RwSignal<u32>,
    pub muted: RwSignal<bool>,
    pub camera_off: RwSignal<bool>,
    /// Joined without a camera (none was found).
    pub audio_only: RwSignal<bool>,
    /// The last refusal or failure from the server, in the page until the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// The connection kept dropping, so the page stopped rejoining by itself.
    pub dropped: RwSignal<bool>,
    /// Another device picked in the room couldn't be opened (the old ones carry on).
    pub device_problem: RwSignal<Option<DeviceProblem>>,
    pub preview: NodeRef<Video>,
    pub remote: NodeRef<Video>,
    pub own: NodeRef<Video>,
}

impl CallState {
    pub fn new(booking: String) -> Self {
        Self {
            booking: StoredValue::new(booking),
            stage: RwSignal::new(Stage::Checking),
            link: RwSignal::new(Link::Connecting),
            network: RwSignal::new(Network::Checking),
            other: RwSignal::new(Whereabouts::Away),
            cameras: RwSignal::new(Vec::new()),
            mics: RwSignal::new(Vec::new()),
            camera: RwSignal::new(String::new()),
            mic: RwSignal::new(String::new()),
            level: RwSignal::new(0),
            muted: RwSignal::new(false),
            camera_off: RwSignal::new(false),
            audio_only: RwSignal::new(false),
            error: RwSignal::new(None),
            dropped: RwSignal::new(false),
            device_problem: RwSignal::new(None),
            preview: NodeRef::new(),
            remote: NodeRef::new(),
            own: NodeRef::new(),
        }
    }
}
