//! Time-zone pickers: the options every picker lists, and the field on each form that makes an
//! account, where the browser's own zone is chosen once the wasm runs (and without it, the
//! person picks, rather than starting on UTC unawares).

use crate::api::kept::kept;
use crate::domain::Timezone;
use crate::i18n::t;
use leptos::prelude::*;

/// A picker's `<option>`s, `current` chosen (and listed even where this side's list lacks it),
/// by place: "New York · America/New_York", so typing a city's first letters finds it. Zone
/// names are letters, digits and `/_+-`: nothing to escape.
pub fn zone_options(current: Timezone) -> String {
    let mut zones: Vec<Timezone> = Timezone::all().collect();
    if !zones.contains(&current) {
        zones.insert(0, current);
    }
    let mut zones: Vec<(String, Timezone)> = zones.into_iter().map(|z| (z.place(), z)).collect();
    zones.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name().cmp(b.1.name())));
    zones
        .iter()
        .map(|(place, z)| {
            let selected = if *z == current { " selected" } else { "" };
            let name = z.name();
            if place == name {
                format!(r#"<option value="{name}"{selected}>{name}</option>"#)
            } else {
                format!(r#"<option value="{name}"{selected}>{place} · {name}</option>"#)
            }
        })
        .collect()
}

/// "Your time zone", on a form that makes an account: the zone chosen before a refused plain
/// post, else UTC, until the wasm runs and chooses the browser's.
#[component]
pub fn NewAccountZone() -> impl IntoView {
    let t = t();
    let typed = kept("timezone").and_then(|z| Timezone::parse(&z).ok());
    // markup, so hydration keeps the server's list (the browser's own may differ)
    let options = zone_options(typed.unwrap_or(Timezone::UTC));
    let select = NodeRef::<leptos::html::Select>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let (Some(select), Some(zone)) = (select.get(), crate::browser::time_zone())
            && !select.has_attribute("data-chosen")
            && let Ok(zone) = Timezone::parse(&zone)
        {
            select.set_value(zone.name());
        }
    });
    view! {
        <div class="field">
            <label for="field-timezone">{t.your_time_zone}</label>
            <p class="hint" id="field-timezone-hint">{t.your_time_zone_hint}</p>
            <select
                id="field-timezone"
                name="timezone"
                node_ref=select
                data-chosen=typed.map(|_| "")
                aria-describedby="field-timezone-hint"
                inner_html=options
            ></select>
        </div>
    }
}
