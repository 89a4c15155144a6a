//! On a professional's Home: the clients ready on their session's page, or already in its room,
//! with the way straight in. Fresh every few seconds in the browser; empty in the server's render.

use crate::domain::{WaitingClient, Whereabouts};
use crate::i18n::{fill, t};
use leptos::prelude::*;

#[component]
pub fn WaitingClients() -> impl IntoView {
    let t = t();
    let waiting = RwSignal::new(Vec::<WaitingClient>::new());
    #[cfg(feature = "hydrate")]
    poll(waiting);
    view! {
        <div class="waiting-clients" role="status">
            <For
                each=move || waiting.get()
                key=|w| (w.booking.as_str().to_owned(), w.whereabouts)
                let:w
            >
                <p class="waiting-client">
                    {
                        let template = match w.whereabouts {
                            Whereabouts::InRoom => t.other_in_room,
                            _ => t.other_ready,
                        };
                        fill(template, &[("name", w.name.as_str())])
                    }
                    " "
                    <a class="button primary" href=format!("/appointments/{}/join", w.booking.as_str())>
                        {t.join_session}
                    </a>
                </p>
            </For>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn poll(waiting: RwSignal<Vec<WaitingClient>>) {
    use leptos::task::spawn_local;
    use std::time::Duration;
    let fetch = move || {
        spawn_local(async move {
            if let Ok(list) = crate::api::rooms::waiting_clients().await {
                waiting.try_set(list);
            }
        })
    };
    // once hydrated, and then every few seconds until the page goes
    Effect::new(move |_| {
        fetch();
        if let Ok(handle) = set_interval_with_handle(fetch, Duration::from_secs(3)) {
            on_cleanup(move || handle.clear());
        }
    });
}
