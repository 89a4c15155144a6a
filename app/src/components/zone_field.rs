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
        <ZoneSearch select="field-timezone"/>
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

/// "Find a place": narrows the zone picker `select` (its id) to the zones whose place or name
/// holds what is typed, and chooses the first of them. Shown once the wasm runs, since it needs
/// it; the picker alone works without.
#[component]
pub fn ZoneSearch(select: &'static str) -> impl IntoView {
    let t = t();
    let ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| ready.set(true));
    let id = format!("{select}-search");
    view! {
        <div class="field zone-search" hidden=move || !ready.get()>
            <label for=id.clone()>{t.zone_search_label}</label>
            <input
                id=id
                type="search"
                autocomplete="off"
                placeholder=t.zone_search_placeholder
                aria-controls=select
                on:input=move |ev| narrow(select, &event_target_value(&ev))
            />
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn narrow(select: &str, query: &str) {
    use wasm_bindgen::JsCast;
    let Some(select) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(select))
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
    else {
        return;
    };
    let query = crate::domain::lowercase(query.trim()).replace('_', " ");
    let options = select.children();
    let mut first = None;
    for i in 0..options.length() {
        let Some(option) = options
            .item(i)
            .and_then(|o| o.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let text =
            crate::domain::lowercase(&option.text_content().unwrap_or_default()).replace('_', " ");
        let shown = query.is_empty() || text.contains(&query);
        option.set_hidden(!shown);
        if shown && first.is_none() {
            first = Some(i as i32);
        }
    }
    if !query.is_empty()
        && let Some(first) = first
    {
        select.set_selected_index(first);
    }
}

#[cfg(not(feature = "hydrate"))]
fn narrow(_select: &str, _query: &str) {}
