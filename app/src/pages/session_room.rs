//! /appointments/:id/join: where the video session will be. Until it exists, the page says so
//! plainly instead of pretending to connect.

use crate::api::ApiError;
use crate::components::page_data::PageData;
use crate::i18n::{fill, t};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SessionRoomPage() -> impl IntoView {
    let t = t();
    let view_of = expect_context::<PageData>().appointment;
    view! {
        <Title text=t.room_title/>
        <h1>{t.room_title}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                Suspend::new(async move {
                    match view_of.await.and_then(|v| v.ok_or(ApiError::NotFound)) {
                        Ok(v) => {
                            let back = format!("/appointments/{}", v.booking.id.as_str());
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
