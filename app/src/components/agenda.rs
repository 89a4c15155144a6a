//! Appointments as lists show them: one line per booking with its Join link, a month calendar
//! marking booked days, and a clock that keeps "now" moving so a Join link opens on time.

use crate::components::layout::PersonAvatar;
use crate::domain::{Booking, BookingPolicy, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use leptos::prelude::*;

/// The wall clock, where the page runs: for a default (which week to show), never for a rule.
pub fn wall_now() -> DateTime<Utc> {
    #[cfg(feature = "hydrate")]
    {
        DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Utc::now()
    }
}

/// "Now", starting at the instant the server read the data and, once the wasm runs, moving with
/// the browser's clock (shifted by the difference, so a wrong browser clock doesn't matter).
pub fn ticking_now(server_now: DateTime<Utc>) -> ReadSignal<DateTime<Utc>> {
    let (now, set_now) = signal(server_now);
    #[cfg(feature = "hydrate")]
    {
        let browser_now = || {
            DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
        };
        let offset = server_now - browser_now();
        if let Ok(handle) = set_interval_with_handle(
            move || set_now.set(browser_now() + offset),
            std::time::Duration::from_secs(10),
        ) {
            on_cleanup(move || handle.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_now;
    now
}

/// "Join": a link from shortly before the start until the end, before that a note of when.
#[component]
pub fn JoinLink(
    booking: Booking,
    policy: BookingPolicy,
    now: ReadSignal<DateTime<Utc>>,
    zone: Timezone,
) -> impl IntoView {
    let t = t();
    let href = format!("/appointments/{}/join", booking.id.as_str());
    let opens = dates::clock_time(policy.join_opens_at(&booking), zone);
    move || {
        if policy.can_join(&booking, now.get()) {
            view! { <a class="button primary" href=href.clone()>{t.join}</a> }.into_any()
        } else if now.get() < booking.starts_at {
            view! {
                <span class="join-later muted">{fill(t.join_opens_at, &[("time", &opens)])}</span>
            }
            .into_any()
        } else {
            ().into_any()
        }
    }
}

/// One appointment in a list: when, with whom, what, and the way in.
#[component]
pub fn AppointmentItem(
    booking: Booking,
    policy: BookingPolicy,
    now: ReadSignal<DateTime<Utc>>,
    zone: Timezone,
) -> impl IntoView {
    let t = t();
    let language = use_language();
    let when = format!(
        "{}, {}",
        dates::long_date(booking.starts_at, zone, language),
        dates::clock_time(booking.starts_at, zone)
    );
    let with = fill(t.with_name, &[("name", booking.professional.name.as_str())]);
    let details = t.session_details(
        booking.meeting_type,
        booking.length,
        booking.price,
        language,
    );
    let href = format!("/appointments/{}", booking.id.as_str());
    let cancelled = booking.status == crate::domain::BookingStatus::Cancelled;
    view! {
        <li class="appointment">
            <PersonAvatar
                name=booking.professional.name.as_str().to_owned()
                picture=booking.professional.picture.clone()
            />
            <div class="appointment-text">
                <p class="appointment-when">
                    <strong>{when}</strong>
                    {cancelled.then(|| view! { " " <span class="badge">{t.status_cancelled}</span> })}
                </p>
                <p>{booking.service_name.as_str().to_owned()} " " {with}</p>
                <p class="muted">{details}</p>
            </div>
            <div class="appointment-actions">
                {(!cancelled).then(|| view! { <JoinLink booking=booking.clone() policy now zone/> })}
                <a href=href>{t.details_link}</a>
            </div>
        </li>
    }
}

/// The month as a grid, Monday first, booked days marked. `month` is any day in it; the arrows
/// are links (`?month=YYYY-MM`), so they work before the wasm has loaded.
#[component]
pub fn MonthCalendar(month: NaiveDate, booked: Vec<NaiveDate>) -> impl IntoView {
    let t = t();
    let language = use_language();
    let first = month.with_day(1).unwrap_or(month);
    let next_first = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let prev_first = first
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(first);
    let days_in_month = (next_first - first).num_days();
    let lead = i64::from(first.weekday().num_days_from_monday());
    let cells: Vec<Option<NaiveDate>> = (0..lead)
        .map(|_| None)
        .chain((0..days_in_month).map(|d| Some(first + Duration::days(d))))
        .collect();
    let weeks: Vec<Vec<Option<NaiveDate>>> = cells.chunks(7).map(|w| w.to_vec()).collect();
    let heading = format!(
        "{} {}",
        dates::month_name(first.month0(), language),
        first.year()
    );
    let month_link = |d: NaiveDate| format!("?month={}", crate::domain::iso::month(d));
    view! {
        <div class="calendar" role="group" aria-label=t.calendar_label>
            <div class="calendar-head">
                <a href=month_link(prev_first) aria-label=t.previous_month>"‹"</a>
                <p class="calendar-month" aria-live="polite">{heading}</p>
                <a href=month_link(next_first) aria-label=t.next_month>"›"</a>
            </div>
            <table>
                <thead>
                    <tr>
                        {dates::weekday_initials(language)
                            .into_iter()
                            .map(|d| view! { <th scope="col">{d}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {weeks
                        .into_iter()
                        .map(|week| {
                            view! {
                                <tr>
                                    {week
                                        .into_iter()
                                        .map(|day| match day {
                                            None => view! { <td></td> }.into_any(),
                                            Some(d) if booked.contains(&d) => {
                                                let label = fill(
                                                    t.booked_day,
                                                    &[("date", &crate::domain::iso::date(d))],
                                                );
                                                view! {
                                                    <td class="booked" aria-label=label>
                                                        {d.day()}
                                                    </td>
                                                }
                                                .into_any()
                                            }
                                            Some(d) => view! { <td>{d.day()}</td> }.into_any(),
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The local dates in `zone` on which these bookings start.
pub fn booked_days(bookings: &[Booking], zone: Timezone) -> Vec<NaiveDate> {
    bookings
        .iter()
        .map(|b| b.starts_at.with_timezone(&zone.tz()).date_naive())
        .collect()
}
