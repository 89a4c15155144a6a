//! The zone a page writes times in for someone it can't place yet (not signed in): the one it
//! was rendered in until the page runs, then the browser's own.

use crate::domain::Timezone;
use leptos::prelude::*;

pub fn reader_zone(until_known: Timezone) -> RwSignal<Timezone> {
    let zone = RwSignal::new(until_known);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(z) = crate::browser::time_zone().and_then(|z| Timezone::parse(&z).ok()) {
            zone.set(z);
        }
    });
    zone
}
