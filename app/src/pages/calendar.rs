//! /calendar: a professional's sessions as a week (each day's sessions in order) or a month (the
//! month grid with booked days marked, and the month's sessions), in their own zone. Both are
//! plain links, so they work before the wasm has loaded.

use crate::components::agenda::{MonthCalendar, booked_days, wall_now};
use crate::contexts::practice::Practice;
use crate::contexts::user::UserResource;
use crate::domain::{Booking, Timezone, iso};
use crate::i18n::{dates, fill, t, use_language};
use chrono::{Datelike, Duration, NaiveDate};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let bookings = expect_context::<Practice>().bookings;
    // followed as it changes: after the wasm has loaded, "Next week" stays on this page and
    // changes only the query
    let query = use_query_map();
    let choice = Memo::new(move |_| query.with(chosen));
    view! {
        <Title text=t.calendar_title/>
        <h1>{t.calendar_title}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let (month_view, at) = choice.get();
                Suspend::new(async move {
                    let zone = match user.await {
                        Ok(Some(u)) => u.timezone,
                        _ => Timezone::UTC,
                    };
                    match bookings.await {
                        Ok(list) => {
                            let today = wall_now().with_timezone(&zone.tz()).date_naive();
                            let day = at.unwrap_or(today);
                            Either::Left(view! {
                                <CalendarView list zone day month_view today/>
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

/// Month view or week, and the day it holds, from the query: `?month=YYYY-MM` (where the month
/// grid's arrows lead), else `?view=month|week&at=YYYY-MM-DD`.
fn chosen(q: &ParamsMap) -> (bool, Option<NaiveDate>) {
    let month = q.get("month").and_then(|m| iso::parse_month(&m));
    let day = month
        .or_else(|| q.get("at").and_then(|d| iso::parse_date(&d)))
        // a date people plan in: far from the ends of the calendar's range
        .filter(|d| (1900..=9000).contains(&d.year()));
    (
        month.is_some() || q.get("view").as_deref() == Some("month"),
        day,
    )
}

#[component]
fn CalendarView(
    list: Vec<Booking>,
    zone: Timezone,
    day: NaiveDate,
    month_view: bool,
    today: NaiveDate,
) -> impl IntoView {
    let t = t();
    let language = use_language();
    let local = move |b: &Booking| b.starts_at.with_timezone(&zone.tz()).date_naive();
    // the week (Monday first) or the month that holds `day`
    let (from, to) = if month_view {
        let first = day.with_day(1).unwrap_or(day);
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(first);
        (first, next)
    } else {
        let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        (monday, monday + Duration::days(7))
    };
    let shown: Vec<Booking> = list
        .iter()
        .filter(|b| (from..to).contains(&local(b)))
        .cloned()
        .collect();
    let days: Vec<NaiveDate> = (0..(to - from).num_days())
        .map(|d| from + Duration::days(d))
        .filter(|d| !month_view || shown.iter().any(|b| local(b) == *d))
        .collect();
    let (prev, next) = if month_view {
        (
            from.checked_sub_months(chrono::Months::new(1))
                .unwrap_or(from),
            to,
        )
    } else {
        (from - Duration::days(7), to)
    };
    let view_name = if month_view { "month" } else { "week" };
    let link = move |d: NaiveDate| format!("/calendar?view={view_name}&at={}", iso::date(d));
    let heading = if month_view {
        format!(
            "{} {}",
            dates::month_name(from.month0(), language),
            from.year()
        )
    } else {
        fill(t.week_of, &[("date", &dates::long_date_of(from, language))])
    };
    let (prev_label, next_label) = if month_view {
        (t.previous_month, t.next_month)
    } else {
        (t.previous_week, t.next_week)
    };
    let booked = booked_days(&list, zone);
    view! {
        <nav class="view-switch" aria-label=t.calendar_views>
            <a href=format!("/calendar?view=week&at={}", iso::date(day))
                aria-current=(!month_view).then_some("page")>{t.week_view}</a>
            <a href=format!("/calendar?view=month&at={}", iso::date(day))
                aria-current=month_view.then_some("page")>{t.month_view}</a>
            <a href="/calendar">{t.this_week}</a>
        </nav>
        <div class="home-grid">
            <section class="panel" aria-labelledby="calendar-heading">
                <div class="calendar-head">
                    <a href=link(prev) aria-label=prev_label>"‹"</a>
                    <h2 id="calendar-heading">{heading}</h2>
                    <a href=link(next) aria-label=next_label>"›"</a>
                </div>
                {if month_view && days.is_empty() {
                    Either::Left(view! { <p class="muted">{t.no_sessions_in_month}</p> })
                } else {
                    Either::Right(view! {
                        <ol class="calendar-days">
                            {days.into_iter().map(|d| {
                                let that_day: Vec<Booking> =
                                    shown.iter().filter(|b| local(b) == d).cloned().collect();
                                let is_today = d == today;
                                view! {
                                    <li class:today=is_today>
                                        <h3>
                                            {dates::long_date_of(d, language)}
                                            {is_today.then(|| view! { <span class="muted">{format!(" · {}", t.today)}</span> })}
                                        </h3>
                                        {if that_day.is_empty() {
                                            Either::Left(view! { <p class="muted">{t.no_sessions_today}</p> })
                                        } else {
                                            Either::Right(view! {
                                                <ul class="appointment-list">
                                                    {that_day.into_iter().map(|b| {
                                                        let line = format!(
                                                            "{}–{} · {}",
                                                            dates::clock_time(b.starts_at, zone),
                                                            dates::clock_time(b.ends_at, zone),
                                                            b.invitee_name.as_str()
                                                        );
                                                        view! {
                                                            <li>
                                                                <a href=format!("/appointments/{}", b.id.as_str())>
                                                                    <strong>{line}</strong>
                                                                </a>
                                                                <span class="muted">{b.service_name.as_str().to_owned()}</span>
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ul>
                                            })
                                        }}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    })
                }}
                <p class="muted">{fill(t.times_in_zone, &[("zone", &t.zone(zone))])}</p>
            </section>
            <aside class="panel calendar-panel">
                <MonthCalendar month=day booked/>
            </aside>
        </div>
    }
}
