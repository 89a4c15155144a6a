//! Camera and microphone: asking for them, listing them, letting them go.

use crate::video::call_state::{Device, DeviceProblem};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DomException, MediaDeviceInfo, MediaDeviceKind, MediaStream, MediaStreamConstraints,
    MediaStreamTrack,
};

fn media_devices() -> Result<web_sys::MediaDevices, DeviceProblem> {
    web_sys::window()
        .ok_or(DeviceProblem::Unsupported)?
        .navigator()
        .media_devices()
        .map_err(|_| DeviceProblem::Unsupported)
}

/// `true`, or the chosen device exactly when one was picked.
fn constraint(device: &str) -> JsValue {
    if device.is_empty() {
        return JsValue::TRUE;
    }
    let exact = Object::new();
    let _ = Reflect::set(&exact, &"exact".into(), &device.into());
    let c = Object::new();
    let _ = Reflect::set(&c, &"deviceId".into(), &exact);
    c.into()
}

fn problem(error: &JsValue) -> DeviceProblem {
    let name = error
        .dyn_ref::<DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => DeviceProblem::Denied,
        "NotFoundError" | "OverconstrainedError" => DeviceProblem::Missing,
        "NotReadableError" | "AbortError" => DeviceProblem::Busy,
        _ => DeviceProblem::Unsupported,
    }
}

async fn get(video: JsValue, audio: JsValue) -> Result<MediaStream, DeviceProblem> {
    let constraints = MediaStreamConstraints::new();
    constraints.set_video(&video);
    constraints.set_audio(&audio);
    let promise = media_devices()?
        .get_user_media_with_constraints(&constraints)
        .map_err(|e| problem(&e))?;
    let stream = JsFuture::from(promise).await.map_err(|e| problem(&e))?;
    stream.dyn_into().map_err(|_| DeviceProblem::Unsupported)
}

/// Camera and microphone (the chosen ones, else the defaults). Without a camera, the microphone
/// alone: the second value says so.
pub async fn open(camera: &str, mic: &str) -> Result<(MediaStream, bool), DeviceProblem> {
    match get(constraint(camera), constraint(mic)).await {
        Ok(stream) => Ok((stream, false)),
        Err(DeviceProblem::Missing) => get(JsValue::FALSE, constraint(mic))
            .await
            .map(|stream| (stream, true)),
        Err(e) => Err(e),
    }
}

pub fn tracks(stream: &MediaStream, video: bool) -> Vec<MediaStreamTrack> {
    let list = if video {
        stream.get_video_tracks()
    } else {
        stream.get_audio_tracks()
    };
    list.iter().filter_map(|t| t.dyn_into().ok()).collect()
}

pub fn stop(stream: &MediaStream) {
    for t in stream.get_tracks().iter() {
        if let Ok(t) = t.dyn_into::<MediaStreamTrack>() {
            t.stop();
        }
    }
}

/// The id of the device a track comes from.
pub fn device_of(track: &MediaStreamTrack) -> String {
    Reflect::get(&track.get_settings(), &"deviceId".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The cameras and microphones (their names are known once access is granted).
pub async fn list() -> (Vec<Device>, Vec<Device>) {
    let (mut cameras, mut mics) = (Vec::new(), Vec::new());
    let Ok(promise) = media_devices().and_then(|m| m.enumerate_devices().map_err(|e| problem(&e)))
    else {
        return (cameras, mics);
    };
    let Ok(all) = JsFuture::from(promise).await else {
        return (cameras, mics);
    };
    for info in Array::from(&all).iter() {
        let Ok(info) = info.dyn_into::<MediaDeviceInfo>() else {
            continue;
        };
        let n = match info.kind() {
            MediaDeviceKind::Videoinput => cameras.len(),
            _ => mics.len(),
        };
        let device = Device {
            id: info.device_id(),
            label: Some(info.label())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| format!("{}", n + 1)),
        };
        match info.kind() {
            MediaDeviceKind::Videoinput => cameras.push(device),
            MediaDeviceKind::Audioinput => mics.push(device),
            _ => {}
        }
    }
    (cameras, mics)
}
