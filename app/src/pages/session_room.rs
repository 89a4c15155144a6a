//! /appointments/:id/join: where the video session will be. Until it exists, the page says so
//! plainly instead of pretending to connect.

use super::appointment::booking_param;
use crate::api::appointments::appointment;
use crate::i18n::{fill, t};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SessionRoomPage() -> impl IntoView {
    let t = t();
    let id = booking_param();
    let back = format!("/appointments/{id}");
    let view_of = Resource::new(move || id.clone(), |id| appointment(Some(id)));
    view! {
        <Title text=t.room_title/>
        <h1>{t.room_title}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let back = back.clone();
                Suspend::new(async move {
                    match view_of.await {
                        Ok(v) => {
                            let other = if v.viewer_is_professional {
                                v.booking.invitee_name.as_str().to_owned()
                            } else {
                                v.booking.professional.name.as_str().to_owned()
                            };
                            Either::Left(view! {
                                <section class="panel" aria-labelledby="room-heading">
                                    <h2 id="room-heading">{t.room_not_open}</h2>
                                    <p>{fill(t.room_not_open_body, &[("name", &other)])}</p>
                                    <p><a href=back>{t.appointment_title}</a></p>
                                </section>
                            })
                        }
                        Err(e) => Either::Right(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}
