//! /connections: the professionals a client works with, and their sessions together.

use crate::components::layout::PersonAvatar;
use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{Connection, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let connections = expect_context::<PageData>().connections;
    view! {
        <Title text=t.connections_title/>
        <h1>{t.connections_title}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let zone = match user.await {
                    Ok(Some(u)) => u.timezone,
                    _ => Timezone::UTC,
                };
                match connections.await.map(Option::unwrap_or_default) {
                    Ok(list) if list.is_empty() => EitherOf3::A(view! {
                        <section class="panel empty-state">
                            <p class="empty-title">{t.no_connections}</p>
                            <p>{t.no_connections_body}</p>
                        </section>
                    }),
                    Ok(list) => EitherOf3::B(
                        list.into_iter()
                            .map(|c| view! { <ConnectionCard c zone/> })
                            .collect_view(),
                    ),
                    Err(e) => EitherOf3::C(view! {
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ConnectionCard(c: Connection, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = use_language();
    let p = c.professional;
    let name = p.person.name.as_str().to_owned();
    let heading_id = format!("pro-{}", p.person.id.as_str());
    let labelled_by = heading_id.clone();
    view! {
        <section class="panel" aria-labelledby=labelled_by>
            <div class="profile-card">
                <PersonAvatar name=name.clone() picture=p.person.picture.clone() large=true/>
                <div>
                    <h2 id=heading_id>{name.clone()}</h2>
                    {p.title.as_ref().map(|x| view! { <p class="muted">{x.as_str().to_owned()}</p> })}
                    {p.bio.as_ref().map(|x| view! { <p class="bio">{x.as_str().to_owned()}</p> })}
                    {(!p.languages.is_empty()).then(|| view! {
                        <p>{fill(t.languages_spoken, &[("list", &p.languages.joined())])}</p>
                    })}
                </div>
            </div>
            <h3>{fill(t.sessions_with, &[("name", &name)])}</h3>
            <ul class="service-list">
                {c.bookings
                    .into_iter()
                    .map(|b| {
                        let when = format!(
                            "{}, {}",
                            dates::long_date(b.starts_at, zone, language),
                            dates::clock_time(b.starts_at, zone)
                        );
                        let href = format!("/appointments/{}", b.id.as_str());
                        view! {
                            <li>
                                <a href=href><strong>{when}</strong></a>
                                <span class="muted">
                                    {b.service_name.as_str().to_owned()} " · "
                                    {t.session_details(b.meeting_type, b.length, b.price, language)}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
