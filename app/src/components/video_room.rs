//! A booking's video room, as its page shows it: first the check (preview, microphone level, device pickers, where the
//! other person is), then the room (their video large, one's own small, mute, camera, leave),
//! then "You have left". The media work is `crate::video`, in the browser only.

use crate::domain::Whereabouts;
use crate::i18n::{Texts, fill, t};
use crate::video::call_state::{Action, CallState, Device, DeviceProblem, Link, Network, Stage};
use leptos::prelude::*;

fn problem_text(t: &Texts, p: DeviceProblem) -> &'static str {
    match p {
        DeviceProblem::Denied => t.problem_denied,
        DeviceProblem::Missing => t.problem_missing,
        DeviceProblem::Busy => t.problem_busy,
        DeviceProblem::Unsupported => t.problem_unsupported,
    }
}

/// What the check page says of the other person.
fn presence_text(t: &Texts, other: Whereabouts, name: &str) -> String {
    let template = match other {
        Whereabouts::Away => t.other_away,
        Whereabouts::Checking => t.other_checking,
        Whereabouts::Ready => t.other_ready,
        Whereabouts::InRoom => t.other_in_room,
    };
    fill(template, &[("name", name)])
}

#[component]
pub fn VideoRoom(booking: String, other: String, back: String) -> impl IntoView {
    let t = t();
    let ui = CallState::new(booking);
    let act = controls(ui);
    let stage = ui.stage;
    let checking = move || !matches!(stage.get(), Stage::InRoom | Stage::Left);
    let other_name = StoredValue::new(other);
    let name = move || other_name.get_value();

    let status = move || match stage.get() {
        Stage::Checking => Some(t.checking_devices),
        Stage::Ready | Stage::Joining if ui.audio_only.get() => Some(t.audio_only_note),
        Stage::Ready | Stage::Joining => Some(t.devices_ok),
        _ => None,
    };
    let problem = move || match stage.get() {
        Stage::Problem(p) => Some(view! {
            <div class="form-error" role="alert">
                <p>{problem_text(t, p)}</p>
                <button type="button" on:click=move |_| act(Action::OpenDevices)>{t.try_again}</button>
            </div>
        }),
        _ => None,
    };
    let error = move || {
        ui.error
            .get()
            .map(|e| view! { <p class="form-error" role="alert">{t.api_error(&e)}</p> })
    };
    let link = move || match ui.link.get() {
        Link::Connecting => t.link_connecting,
        Link::Connected => t.link_connected,
        Link::Reconnecting => t.link_reconnecting,
        Link::Moving => t.link_moving,
        Link::Restarting => t.link_restarting,
    };
    // until the other person arrives: whom we wait for, and where they are if they're on their way
    let waiting = move || ui.other.get() != Whereabouts::InRoom;
    let on_the_way = move || match ui.other.get() {
        w @ (Whereabouts::Checking | Whereabouts::Ready) => Some(presence_text(t, w, &name())),
        _ => None,
    };

    view! {
        <section class="panel prejoin" aria-labelledby="check-heading" hidden=move || !checking()>
            <h2 id="check-heading">{t.check_heading}</h2>
            <noscript><p class="form-error">{t.video_needs_js}</p></noscript>
            <div class="prejoin-grid">
                <video
                    class="preview"
                    node_ref=ui.preview
                    autoplay
                    playsinline
                    muted
                    aria-label=t.preview_label
                ></video>
                <div class="prejoin-side">
                    <p role="status">{status}</p>
                    {problem}
                    <label for="mic-level">{t.mic_level}</label>
                    <meter id="mic-level" min="0" max="100" low="10" value=move || ui.level.get()></meter>
                    <DevicePicker id="camera-pick" label=t.camera_label devices=ui.cameras chosen=ui.camera act/>
                    <DevicePicker id="mic-pick" label=t.mic_label devices=ui.mics chosen=ui.mic act/>
                    <p class="presence" role="status">{move || presence_text(t, ui.other.get(), &name())}</p>
                    <p class="network" class:blocked=move || ui.network.get() == Network::Blocked role="status">
                        {move || match ui.network.get() {
                            Network::Checking => t.network_checking,
                            Network::Reachable => t.network_ok,
                            Network::Blocked => t.network_blocked,
                        }}
                    </p>
                    {error}
                    <button
                        type="button"
                        class="primary"
                        disabled=move || stage.get() != Stage::Ready
                        on:click=move |_| act(Action::Join)
                    >
                        {move || if stage.get() == Stage::Joining { t.joining } else { t.join_session }}
                    </button>
                </div>
            </div>
        </section>

        <section class="room" aria-label=t.room_title hidden=move || stage.get() != Stage::InRoom>
            <div class="room-stage">
                <div class="room-video">
                    <video
                        class="remote"
                        node_ref=ui.remote
                        autoplay
                        playsinline
                        aria-label=move || fill(t.remote_video_label, &[("name", &name())])
                    ></video>
                    <p class="waiting" role="status" hidden=move || !waiting()>
                        <span>{move || fill(t.waiting_for, &[("name", &name())])}</span>
                        <small>{on_the_way}</small>
                    </p>
                    <video
                        class="own"
                        node_ref=ui.own
                        autoplay
                        playsinline
                        muted
                        aria-label=t.own_video_label
                    ></video>
                </div>
                <p class="link-state" role="status">{t.link_label} ": " {link}</p>
                // over the video on a phone, below it on a wider screen
                <div class="call-controls" role="group" aria-label=t.call_controls>
                    <button type="button" on:click=move |_| act(Action::ToggleMic)>
                        {move || if ui.muted.get() { t.unmute } else { t.mute }}
                    </button>
                    <button
                        type="button"
                        disabled=move || ui.audio_only.get()
                        on:click=move |_| act(Action::ToggleCamera)
                    >
                        {move || if ui.camera_off.get() { t.camera_on } else { t.camera_off }}
                    </button>
                    <button type="button" class="danger" on:click=move |_| act(Action::Leave)>
                        {t.leave}
                    </button>
                </div>
            </div>
            {error}
            {move || {
                ui.device_problem
                    .get()
                    .map(|p| view! { <p class="form-error" role="alert">{problem_text(t, p)}</p> })
            }}
            <details class="room-devices">
                <summary>{t.change_devices}</summary>
                <DevicePicker id="room-camera-pick" label=t.camera_label devices=ui.cameras chosen=ui.camera act/>
                <DevicePicker id="room-mic-pick" label=t.mic_label devices=ui.mics chosen=ui.mic act/>
            </details>
        </section>

        <section class="panel" aria-labelledby="left-heading" hidden=move || stage.get() != Stage::Left>
            <h2 id="left-heading">{t.left_heading}</h2>
            {error}
            <Show when=move || ui.dropped.get()>
                <p class="form-error" role="alert">{t.connection_lost}</p>
            </Show>
            <p>
                <button type="button" class="primary" on:click=move |_| act(Action::Rejoin)>{t.rejoin}</button>
                " "
                <a href=back>{t.appointment_title}</a>
            </p>
        </section>
    }
}

#[component]
fn DevicePicker(
    id: &'static str,
    label: &'static str,
    devices: RwSignal<Vec<Device>>,
    chosen: RwSignal<String>,
    act: impl Fn(Action) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select
            id=id
            disabled=move || devices.with(|d| d.len() < 2)
            on:change=move |ev| {
                chosen.set(event_target_value(&ev));
                act(Action::OpenDevices);
            }
        >
            {move || {
                devices
                    .get()
                    .into_iter()
                    .map(|d| {
                        let selected = chosen.get_untracked() == d.id;
                        view! { <option value=d.id selected=selected>{d.label}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// What the buttons do: in the browser, the media controller; on the server, nothing (nobody
/// clicks a page being rendered).
fn controls(ui: CallState) -> impl Fn(Action) + Copy + Send + Sync + 'static {
    #[cfg(feature = "hydrate")]
    {
        use crate::video::controller::Controller;
        let controller = RwSignal::new(None::<Controller>);
        Effect::new(move |_| {
            if controller.get_untracked().is_none() {
                controller.set(Some(Controller::start(ui)));
            }
        });
        move |a: Action| {
            if let Some(c) = controller.get_untracked() {
                c.act(a);
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ui;
        |_: Action| {}
    }
}
