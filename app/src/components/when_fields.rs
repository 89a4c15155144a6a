//! Date and start time, as the professional's booking forms ask for them: the date with the
//! browser's picker and, beside it, the day it names in the person's own words ("Thursday 3
//! December 2026"), since the picker writes dates the browser's way; the time as typed on the
//! 24-hour clock, as the rest of the app writes it.

use crate::domain::{Timezone, iso};
use crate::i18n::{dates, fill, t, use_language};
use leptos::prelude::*;

#[component]
pub fn WhenFields(
    /// `YYYY-MM-DD` and `HH:MM` to start from (moving a booking), or empty.
    #[prop(optional)]
    date: String,
    #[prop(optional)] time: String,
    zone: Timezone,
    date_error: Signal<Option<String>>,
    time_error: Signal<Option<String>>,
    /// True once the form has been emptied after a success: the day's words go too.
    #[prop(optional, into)]
    cleared: Option<Signal<bool>>,
) -> impl IntoView {
    let t = t();
    let language = use_language();
    let chosen = RwSignal::new(date.clone());
    if let Some(cleared) = cleared {
        Effect::new(move |_| {
            if cleared.get() {
                chosen.set(String::new());
            }
        });
    }
    let reads_as = move || iso::parse_date(&chosen.get()).map(|d| dates::long_date_of(d, language));
    view! {
        <div class="price-row">
            <div class="field">
                <label for="field-date">{t.date_label}</label>
                <input
                    id="field-date"
                    type="date"
                    name="date"
                    value=date
                    aria-describedby="field-date-reads field-date-error"
                    on:input=move |ev| chosen.set(event_target_value(&ev))
                />
                <p class="hint" id="field-date-reads" aria-live="polite">{reads_as}</p>
                <p class="field-error" id="field-date-error" aria-live="polite">{date_error}</p>
            </div>
            <div class="field">
                <label for="field-time">{t.time_label}</label>
                <input
                    id="field-time"
                    type="text"
                    inputmode="numeric"
                    name="time"
                    value=time
                    placeholder="14:30"
                    maxlength="5"
                    autocomplete="off"
                    aria-describedby="field-time-hint field-time-error"
                />
                <p class="hint" id="field-time-hint">{fill(t.time_hint, &[("zone", &t.zone(zone))])}</p>
                <p class="field-error" id="field-time-error" aria-live="polite">{time_error}</p>
            </div>
        </div>
    }
}
