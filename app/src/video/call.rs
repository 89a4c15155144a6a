//! The peer connection to our SFU. The browser always offers, once: its camera and microphone
//! to send, and a slot for each of the other person's to receive. The SFU answers and never
//! offers, so nothing is renegotiated when the other person comes or goes (no glare).

use crate::api::ApiError;
use crate::api::rooms::join_room;
use js_sys::{Array, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    MediaStream, MediaStreamTrack, RtcBundlePolicy, RtcConfiguration, RtcPeerConnection,
    RtcPeerConnectionState, RtcRtpSender, RtcRtpTransceiverDirection, RtcRtpTransceiverInit,
    RtcSdpType, RtcSessionDescriptionInit, RtcTrackEvent,
};

pub struct Call {
    pc: RtcPeerConnection,
    /// Where our microphone and camera go (the first two transceivers).
    senders: [RtcRtpSender; 2],
    _on_track: Closure<dyn FnMut(RtcTrackEvent)>,
    _on_state: Closure<dyn FnMut()>,
}

fn failed(what: &str, e: JsValue) -> ApiError {
    leptos::logging::warn!("{what}: {e:?}");
    ApiError::Internal
}

fn transceiver(direction: RtcRtpTransceiverDirection, streams: &Array) -> RtcRtpTransceiverInit {
    let init = RtcRtpTransceiverInit::new();
    init.set_direction(direction);
    init.set_streams(streams);
    init
}

impl Call {
    /// Connects `local` to the booking's room. `on_remote` is given the other person's stream
    /// whenever a track of theirs arrives; `on_state` hears every change of the connection.
    pub async fn start(
        booking: &str,
        local: &MediaStream,
        on_remote: impl Fn(&MediaStream) + 'static,
        on_state: impl Fn(RtcPeerConnectionState) + 'static,
    ) -> Result<Self, ApiError> {
        let pc = connection(booking).await?;
        let ours = Array::of1(local);
        let senders = [
            ("audio", local.get_audio_tracks()),
            ("video", local.get_video_tracks()),
        ]
        .map(|(kind, tracks)| {
            let init = transceiver(RtcRtpTransceiverDirection::Sendonly, &ours);
            match tracks.get(0).dyn_into::<MediaStreamTrack>() {
                Ok(track) => pc.add_transceiver_with_media_stream_track_and_init(&track, &init),
                // no camera: the slot is there, empty, so the SFU sees the same shape of offer
                Err(_) => pc.add_transceiver_with_str_and_init(kind, &init),
            }
            .sender()
        });
        for kind in ["audio", "video"] {
            let init = transceiver(RtcRtpTransceiverDirection::Recvonly, &Array::new());
            pc.add_transceiver_with_str_and_init(kind, &init);
        }

        // the other person's audio and video, as they arrive
        let remote = MediaStream::new().map_err(|e| failed("media stream", e))?;
        let on_track = {
            Closure::<dyn FnMut(RtcTrackEvent)>::new(move |ev: RtcTrackEvent| {
                remote.add_track(&ev.track());
                on_remote(&remote);
            })
        };
        pc.set_ontrack(Some(on_track.as_ref().unchecked_ref()));
        let on_state = {
            let pc = pc.clone();
            Closure::<dyn FnMut()>::new(move || on_state(pc.connection_state()))
        };
        pc.set_onconnectionstatechange(Some(on_state.as_ref().unchecked_ref()));
        let call = Self {
            pc,
            senders,
            _on_track: on_track,
            _on_state: on_state,
        };
        connect(&call.pc, booking, false).await?;
        Ok(call)
    }
}

/// The pre-join network check: a test connection to the SFU that carries nothing, made the way a
/// call's is (with the relays), so it connects exactly when a call would. Closed when dropped.
pub struct NetworkCheck {
    pc: RtcPeerConnection,
    _on_state: Closure<dyn FnMut()>,
}

impl NetworkCheck {
    /// `on_state` hears the test connection's every change: connected, or failed.
    pub async fn start(
        booking: &str,
        on_state: impl Fn(RtcPeerConnectionState) + 'static,
    ) -> Result<Self, ApiError> {
        let pc = connection(booking).await?;
        let init = transceiver(RtcRtpTransceiverDirection::Recvonly, &Array::new());
        pc.add_transceiver_with_str_and_init("audio", &init);
        let on_state = {
            let pc = pc.clone();
            Closure::<dyn FnMut()>::new(move || on_state(pc.connection_state()))
        };
        pc.set_onconnectionstatechange(Some(on_state.as_ref().unchecked_ref()));
        let check = Self {
            pc,
            _on_state: on_state,
        };
        connect(&check.pc, booking, true).await?;
        Ok(check)
    }
}

impl Drop for NetworkCheck {
    fn drop(&mut self) {
        self.pc.set_onconnectionstatechange(None);
        self.pc.close();
    }
}

/// A peer connection that may use the relays (TURN) the server issues for the booking, for a
/// network that blocks UDP to the SFU: known before the offer, since the browser gathers its
/// ways out as it makes it.
async fn connection(booking: &str) -> Result<RtcPeerConnection, ApiError> {
    let config = RtcConfiguration::new();
    config.set_bundle_policy(RtcBundlePolicy::MaxBundle);
    // already in the shape of `RTCConfiguration.iceServers`: handed over as it comes
    let relays = join_room(Some(booking.to_owned()), None, None).await?;
    if let Ok(list) = js_sys::JSON::parse(&relays) {
        config.set_ice_servers(&list);
    }
    RtcPeerConnection::new_with_configuration(&config).map_err(|e| failed("peer connection", e))
}

/// Makes the offer, takes it to the booking's room (or, for the network check, to a room of
/// its own), and applies the SFU's answer.
async fn connect(pc: &RtcPeerConnection, booking: &str, check: bool) -> Result<(), ApiError> {
    let offer = JsFuture::from(pc.create_offer())
        .await
        .map_err(|e| failed("offer", e))?;
    let sdp = Reflect::get(&offer, &"sdp".into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let description = RtcSessionDescriptionInit::new(RtcSdpType::Offer);
    description.set_sdp(&sdp);
    JsFuture::from(pc.set_local_description(&description))
        .await
        .map_err(|e| failed("local description", e))?;
    // the offer needs no candidates of ours: the SFU learns our address from our packets
    let check = check.then(|| "network".to_owned());
    let answer = join_room(Some(booking.to_owned()), Some(sdp), check).await?;
    let description = RtcSessionDescriptionInit::new(RtcSdpType::Answer);
    description.set_sdp(&answer);
    JsFuture::from(pc.set_remote_description(&description))
        .await
        .map_err(|e| failed("remote description", e))?;
    Ok(())
}

/// Puts `stream`'s microphone and camera in place of what a call sends, without renegotiating:
/// another device picked in the middle of a session.
pub async fn replace_tracks(senders: [RtcRtpSender; 2], stream: &MediaStream) {
    let tracks = [stream.get_audio_tracks(), stream.get_video_tracks()];
    for (sender, tracks) in senders.iter().zip(tracks) {
        let track = tracks.get(0).dyn_into::<MediaStreamTrack>().ok();
        if let Err(e) = JsFuture::from(sender.replace_track(track.as_ref())).await {
            leptos::logging::warn!("replace track: {e:?}");
        }
    }
}

impl Call {
    pub fn senders(&self) -> [RtcRtpSender; 2] {
        self.senders.clone()
    }
}

impl Drop for Call {
    fn drop(&mut self) {
        self.pc.set_ontrack(None);
        self.pc.set_onconnectionstatechange(None);
        self.pc.close();
    }
}
