//! Free slots grouped by day, each day's times in a row: how the booking page and the
//! professional's preview show them, in the reader's time zone.

use crate::domain::Timezone;
use crate::i18n::{dates, use_language};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// `slots` (sorted) as (the day's long date, its slots).
pub fn by_day(slots: &[DateTime<Utc>], zone: Timezone) -> Vec<(String, Vec<DateTime<Utc>>)> {
    let language = use_language();
    let mut days: Vec<(String, Vec<DateTime<Utc>>)> = Vec::new();
    for s in slots {
        let day = dates::long_date(*s, zone, language);
        match days.last_mut() {
            Some((d, list)) if *d == day => list.push(*s),
            _ => days.push((day, vec![*s])),
        }
    }
    days
}

/// The professional's preview: days and times, not to be picked.
#[component]
pub fn SlotPreview(slots: Vec<DateTime<Utc>>, zone: Timezone) -> impl IntoView {
    view! {
        <div class="slot-days">
            {by_day(&slots, zone)
                .into_iter()
                .map(|(day, times)| view! {
                    <div class="slot-day">
                        <h3>{day}</h3>
                        <ul class="slot-list">
                            {times
                                .into_iter()
                                .map(|t| view! { <li class="slot">{dates::clock_time(t, zone)}</li> })
                                .collect_view()}
                        </ul>
                    </div>
                })
                .collect_view()}
        </div>
    }
}
