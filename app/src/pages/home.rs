//! / (signed in): Home. A client sees their appointments and a calendar; a professional their
//! sessions, clients and services.

use crate::components::agenda::{AppointmentItem, MonthCalendar, booked_days, ticking_now};
use crate::components::bookings_panel::BookingsPanel;
use crate::components::clients_panel::ClientsPanel;
use crate::components::first_steps::FirstStepsPanel;
use crate::components::services_panel::ServicesPanel;
use crate::components::waiting_clients::WaitingClients;
use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{Agenda, CurrentUser, Role};
use crate::i18n::{fill, t};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let agenda = expect_context::<PageData>().agenda;
    let t = t();
    view! {
        <Title text=t.home_title/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let Ok(Some(me)) = user.await else {
                    return EitherOf3::A(());
                };
                let first = me.called().to_owned();
                let heading = view! { <h1>{fill(t.welcome, &[("name", &first)])}</h1> };
                if me.role == Role::HrAdmin {
                    return EitherOf3::B(view! { <Redirect path="/hr"/> }.into_any());
                }
                if me.role == Role::Professional {
                    return EitherOf3::B(view! {
                        {heading}
                        <FirstStepsPanel/>
                        <WaitingClients/>
                        <BookingsPanel me=me.clone()/>
                        <ClientsPanel zone=me.timezone/>
                        <ServicesPanel/>
                    }.into_any());
                }
                EitherOf3::C(view! {
                    {heading}
                    {match agenda.await {
                        Ok(Some(agenda)) => Either::Left(view! { <ClientHome me agenda/> }),
                        Ok(None) => Either::Right(().into_any()),
                        Err(e) => Either::Right(
                            view! { <p class="form-error" role="alert">{t.api_error(&e)}</p> }
                                .into_any(),
                        ),
                    }}
                })
            })}
        </Suspense>
    }
}

#[component]
fn ClientHome(me: CurrentUser, agenda: Agenda) -> impl IntoView {
    let t = t();
    let zone = me.timezone;
    let now = ticking_now(agenda.now);
    let policy = agenda.policy;
    let today = agenda.now.with_timezone(&zone.tz()).date_naive();
    let month = use_query_map().with_untracked(|q| {
        q.get("month")
            .and_then(|m| crate::domain::iso::parse_month(&m))
    });
    let booked = booked_days(&agenda.upcoming, zone);
    let past = agenda.past.clone();
    // just claimed a hub's credits (and booked nothing yet)
    let claimed = use_query_map().with_untracked(|q| q.get("claimed").as_deref() == Some("1"));
    view! {
        {claimed.then(|| view! { <p class="saved" role="status">{t.hub_claimed_home}</p> })}
        <div class="home-grid">
            <section class="panel" aria-labelledby="upcoming-heading">
                <h2 id="upcoming-heading">{t.upcoming}</h2>
                {if agenda.upcoming.is_empty() {
                    Either::Left(view! {
                        <div class="empty-state">
                            <p class="empty-title">{t.no_upcoming}</p>
                            <p>{t.no_upcoming_body}</p>
                        </div>
                    })
                } else {
                    Either::Right(view! {
                        <ul class="appointment-list">
                            {agenda
                                .upcoming
                                .into_iter()
                                .map(|b| view! { <AppointmentItem booking=b policy now zone/> })
                                .collect_view()}
                        </ul>
                    })
                }}
                <p class="muted">{fill(t.times_in_zone, &[("zone", &t.zone(zone))])}</p>
            </section>
            <aside class="panel calendar-panel">
                <MonthCalendar month=month.unwrap_or(today) booked/>
            </aside>
        </div>
        <section class="panel" aria-labelledby="past-heading">
            <details>
                <summary>
                    <h2 id="past-heading" class="summary-heading">{t.past_sessions}</h2>
                </summary>
                {if past.is_empty() {
                    Either::Left(view! { <p class="muted">{t.no_past}</p> })
                } else {
                    Either::Right(view! {
                        <ul class="appointment-list">
                            {past
                                .into_iter()
                                .map(|b| view! { <AppointmentItem booking=b policy now zone/> })
                                .collect_view()}
                        </ul>
                    })
                }}
            </details>
        </section>
    }
}
