//! /book/:slug: a professional's booking link. Anyone sees the professional, picks a service and
//! a free time (shown in their own time zone once the page runs, the professional's named
//! beside it), and the time is held while they confirm, log in or sign up. Only free times show.

use crate::api::links::{HoldSlot, booking_page};
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_form_error};
use crate::components::layout::PersonAvatar;
use crate::components::slot_days::by_day;
use crate::domain::{LinkPage, PREVIEW_DAYS, Service, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use crate::pages::NotFoundPage;
use chrono::{DateTime, Duration, Utc};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn BookPage() -> impl IntoView {
    let t = t();
    // links on the page (a service, later times) change the query: the page follows it
    let params = use_params_map();
    let query = use_query_map();
    let page = Resource::new_blocking(
        move || {
            (
                params.with(|p| p.get("slug").unwrap_or_default()),
                query.with(|q| (q.get("service"), q.get("hub"))),
            )
        },
        |(slug, (service, hub))| booking_page(slug, service, hub),
    );
    let from = move || {
        query.with(|q| {
            q.get("from")
                .and_then(|f| f.parse::<u32>().ok())
                .unwrap_or(0)
                .min(crate::domain::MAX_HORIZON_DAYS)
        })
    };
    let taken = move || query.with(|q| q.get("taken").as_deref() == Some("1"));
    // from a hub: the hub (and the invitation the visitor came with) goes along to the hold
    let hub = query.with_untracked(|q| {
        q.get("hub").filter(|h| !h.is_empty()).map(|hub| HubCarry {
            hub,
            invite: q.get("invite").unwrap_or_default(),
        })
    });
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let (from, taken) = (from(), taken());
                let asked = params.with(|p| p.get("slug").unwrap_or_default());
                let service = query.with(|q| q.get("service"));
                let hub = hub.clone();
                Suspend::new(async move {
                match page.await {
                    // a former name of the link: on to its current one
                    Ok(p) if p.slug.as_str() != asked => {
                        let carry = hub.as_ref().map(HubCarry::query).unwrap_or_default();
                        let path = match service {
                            Some(s) => format!("/book/{}?service={}{carry}", p.slug.as_str(), crate::api::encode_path(&s)),
                            None => format!("/book/{}?{}", p.slug.as_str(), carry.trim_start_matches('&')),
                        };
                        EitherOf3::A(view! { <Redirect path/> }.into_any())
                    }
                    Ok(p) => EitherOf3::A(view! { <LinkView page=p from taken hub/> }.into_any()),
                    Err(crate::api::ApiError::NotFound) => EitherOf3::B(view! { <NotFoundPage/> }),
                    Err(e) => EitherOf3::C(view! {
                        <main id="main" class="page">
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        </main>
                    }),
                }
            })}}
        </Suspense>
    }
}

/// The hub a visitor came from, carried along to the time they hold.
#[derive(Clone, Debug, PartialEq)]
struct HubCarry {
    hub: String,
    invite: String,
}

impl HubCarry {
    /// `&hub=…&invite=…`, to add to a link's query.
    fn query(&self) -> String {
        crate::api::hubs::hub_query(&self.hub, &self.invite)
    }
}

#[component]
fn LinkView(page: LinkPage, from: u32, taken: bool, hub: Option<HubCarry>) -> impl IntoView {
    let t = t();
    let p = page.professional.clone();
    let name = p.person.name.as_str().to_owned();
    let slug = page.slug.as_str().to_owned();
    let chosen = page.chosen.clone();
    let chosen_service = chosen
        .as_ref()
        .and_then(|(id, _)| page.services.iter().find(|s| &s.id == id).cloned());
    let carry = hub.as_ref().map(HubCarry::query).unwrap_or_default();
    let back = hub
        .as_ref()
        .map(|h| crate::api::hubs::hub_path(&h.hub, Some(&h.invite)));
    view! {
        <Title text=fill(t.book_title, &[("name", &name)])/>
        <main id="main" class="page booking-page">
            {back.map(|href| view! { <p><a href=href>{t.hub_back}</a></p> })}
            <section class="panel" aria-labelledby="pro-heading">
                <div class="profile-card">
                    <PersonAvatar name=name.clone() picture=p.person.picture.clone() large=true/>
                    <div>
                        <h1 id="pro-heading">{name.clone()}</h1>
                        {p.title.as_ref().map(|title| view! { <p class="muted">{title.as_str().to_owned()}</p> })}
                        {(!p.languages.is_empty()).then(|| view! {
                            <p class="muted">{fill(t.languages_spoken, &[("list", &p.languages.joined())])}</p>
                        })}
                    </div>
                </div>
                {p.bio.as_ref().map(|bio| view! { <p class="bio">{bio.as_str().to_owned()}</p> })}
            </section>
            <section class="panel" aria-labelledby="services-heading">
                <h2 id="services-heading">{t.book_choose_service}</h2>
                {if page.services.is_empty() {
                    Either::Left(view! { <p>{t.book_no_services}</p> })
                } else {
                    Either::Right(view! {
                        <ul class="service-choices">
                            {page.services.iter().map(|s| {
                                let current = chosen.as_ref().is_some_and(|(id, _)| id == &s.id);
                                view! { <ServiceChoice service=s.clone() slug=slug.clone() current carry=carry.clone()/> }
                            }).collect_view()}
                        </ul>
                    })
                }}
            </section>
            {chosen.zip(chosen_service).map(|((_, slots), service)| view! {
                <Times slots slug=slug.clone() service name=name.clone() pro_zone=page.timezone from taken hub=hub.clone()/>
            })}
        </main>
    }
}

#[component]
fn ServiceChoice(service: Service, slug: String, current: bool, carry: String) -> impl IntoView {
    let t = t();
    let language = use_language();
    let href = format!("/book/{slug}?service={}{carry}", service.id.as_str());
    let details = t.session_details(
        service.meeting_type,
        service.length,
        service.price,
        language,
    );
    view! {
        <li class:current=current>
            <a href=href aria-current=current.then_some("true")>
                <strong>{service.name.as_str().to_owned()}</strong>
            </a>
            <span class="muted">{details}</span>
        </li>
    }
}

/// A service's free times, two weeks at a time, each a button that holds it.
#[component]
fn Times(
    slots: Vec<DateTime<Utc>>,
    slug: String,
    service: Service,
    name: String,
    pro_zone: Timezone,
    from: u32,
    /// Someone else took the time this reader picked: said, above fresh times.
    taken: bool,
    hub: Option<HubCarry>,
) -> impl IntoView {
    let t = t();
    // the professional's zone until the page runs and knows the reader's
    let zone = crate::components::reader_zone::reader_zone(pro_zone);
    let hold = ServerAction::<HoldSlot>::new();
    let value = hold.value();
    let pending = hold.pending();
    // two weeks from the first free time (and `from` days on)
    let window = slots.first().map(|f| {
        let start = *f + Duration::days(i64::from(from));
        (start, start + Duration::days(i64::from(PREVIEW_DAYS)))
    });
    let shown: Vec<DateTime<Utc>> = slots
        .iter()
        .copied()
        .filter(|s| window.is_some_and(|(a, b)| *s >= a && *s < b))
        .collect();
    let more = slots.iter().any(|s| window.is_some_and(|(_, b)| *s >= b));
    let carry = hub.as_ref().map(HubCarry::query).unwrap_or_default();
    let base = format!("/book/{slug}?service={}{carry}", service.id.as_str());
    let (hub_name, invite) = hub.map(|h| (h.hub, h.invite)).unwrap_or_default();
    let next_href = format!("{base}&from={}", from + PREVIEW_DAYS);
    let prev_href =
        (from > 0).then(|| format!("{base}&from={}", from.saturating_sub(PREVIEW_DAYS)));
    let service_id = service.id.as_str().to_owned();
    // taken meanwhile: the page comes back with fresh times, and says so
    #[cfg(feature = "hydrate")]
    {
        let again = format!("{base}&from={from}&taken=1");
        Effect::new(move |_| {
            if matches!(
                value.get(),
                Some(Err(crate::api::ApiError::Refused(
                    crate::domain::Refusal::SlotTaken
                )))
            ) {
                crate::browser::go_to(&again);
            }
        });
    }
    let note = move || {
        fill(
            t.book_zone_note,
            &[
                ("zone", &t.zone(zone.get())),
                ("name", &name),
                ("pro_zone", &t.zone(pro_zone)),
            ],
        )
    };
    view! {
        <section class="panel" aria-labelledby="times-heading">
            <h2 id="times-heading">{fill(t.book_pick_time, &[("service", service.name.as_str())])}</h2>
            <p class="muted">{note}</p>
            {taken.then(|| view! { <p class="form-error" role="alert">{t.error_slot_taken}</p> })}
            <FormError message=server_form_error(value)/>
            {if shown.is_empty() {
                Either::Left(view! { <p class="empty-title">{t.book_no_times}</p> })
            } else {
                let slug = slug.clone();
                let service_id = service_id.clone();
                Either::Right(move || {
                    let z = zone.get();
                    let (slug, service_id) = (slug.clone(), service_id.clone());
                    let (hub_name, invite) = (hub_name.clone(), invite.clone());
                    view! {
                        <div class="slot-days">
                            {by_day(&shown, z).into_iter().map(|(day, times)| {
                                let (slug, service_id) = (slug.clone(), service_id.clone());
                                let (hub_name, invite) = (hub_name.clone(), invite.clone());
                                view! {
                                    <div class="slot-day">
                                        <h3>{day.clone()}</h3>
                                        <ul class="slot-list">
                                            {times.into_iter().map(|at| {
                                                let (slug, service_id) = (slug.clone(), service_id.clone());
                                                let (hub_name, invite) = (hub_name.clone(), invite.clone());
                                                let time = dates::clock_time(at, z);
                                                let label = fill(t.book_slot_label, &[("time", &time), ("day", &day)]);
                                                view! {
                                                    <li>
                                                        <ActionForm action=hold>
                                                            <input type="hidden" name="slug" value=slug/>
                                                            <input type="hidden" name="service" value=service_id/>
                                                            <input type="hidden" name="starts_at" value=at.to_rfc3339()/>
                                                            <input type="hidden" name="hub" value=hub_name/>
                                                            <input type="hidden" name="invite" value=invite/>
                                                            <button type="submit" class="slot" aria-label=label disabled=pending>{time}</button>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }
                })
            }}
            <p class="pager">
                {prev_href.map(|h| view! { <a href=h>{t.book_earlier}</a> })}
                {more.then(|| view! { <a href=next_href>{t.book_later}</a> })}
            </p>
        </section>
    }
}
