//! /appointments/:id/join: the camera and microphone check, then the video room. Only the
//! booking's two people get past the appointment's own check (a stranger sees "not found").

use crate::api::{ApiError, Refusal};
use crate::components::video_room::VideoRoom;
use crate::contexts::page_data::PageData;
use crate::domain::{AppointmentView, RoomState, Timezone};
use crate::i18n::{dates, fill, t};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RoomPage() -> impl IntoView {
    let t = t();
    let view_of = expect_context::<PageData>().appointment;
    let user = expect_context::<crate::contexts::user::UserResource>();
    view! {
        <Title text=t.room_title/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                Suspend::new(async move {
                    let zone = match user.await {
                        Ok(Some(u)) => u.timezone,
                        _ => Timezone::UTC,
                    };
                    match view_of.await.and_then(|v| v.ok_or(ApiError::NotFound)) {
                        Ok(v) => Either::Left(view! { <Room v zone/> }),
                        Err(e) => Either::Right(view! {
                            <h1>{t.room_title}</h1>
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Room(v: AppointmentView, zone: Timezone) -> impl IntoView {
    let t = t();
    let b = &v.booking;
    let other = if v.viewer_is_professional {
        b.invitee_name.as_str().to_owned()
    } else {
        b.professional.name.as_str().to_owned()
    };
    let back = format!("/appointments/{}", b.id.as_str());
    let heading = format!(
        "{} {}",
        t.room_title,
        fill(t.with_name, &[("name", &other)])
    );
    let closed = |refusal| {
        view! {
            <p class="form-error" role="alert">{t.api_error(&ApiError::Refused(refusal))}</p>
            <p><a href=back.clone()>{t.appointment_title}</a></p>
        }
    };
    let body = match v.policy.room(b, v.now) {
        RoomState::Cancelled => EitherOf3::A(closed(Refusal::Closed)),
        RoomState::Over => EitherOf3::B(closed(Refusal::RoomOver)),
        state => {
            let opens = (state == RoomState::NotYetOpen).then(|| {
                let time = dates::clock_time(v.policy.join_opens_at(b), zone);
                view! { <p class="notice" role="status">{fill(t.room_opens_at, &[("time", &time)])}</p> }
            });
            EitherOf3::C(view! {
                {opens}
                <VideoRoom booking=b.id.as_str().to_owned() other back=back.clone()/>
            })
        }
    };
    view! {
        <h1>{heading}</h1>
        {body}
    }
}
