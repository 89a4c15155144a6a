//! On a professional's Home: the people they have booked, soonest next session first.

use crate::components::resource_list::ResourceList;
use crate::contexts::practice::Practice;
use crate::domain::{ClientSummary, Timezone};
use crate::i18n::{dates, fill, t};
use leptos::prelude::*;

#[component]
pub fn ClientsPanel(zone: Timezone) -> impl IntoView {
    let t = t();
    let clients = expect_context::<Practice>().clients;
    view! {
        <section class="panel" aria-labelledby="clients-heading">
            <h2 id="clients-heading">{t.clients_heading}</h2>
            <ResourceList
                items=clients
                empty_title=t.no_clients
                empty_body=t.no_clients_body
                row=move |c: ClientSummary| {
                    let next = match c.next_booking {
                        Some(at) => fill(
                            t.client_next,
                            &[
                                ("date", &dates::long_date(at, zone, crate::i18n::use_language())),
                                ("time", &dates::clock_time(at, zone)),
                            ],
                        ),
                        None => t.client_no_next.to_owned(),
                    };
                    let count = fill(t.client_sessions, &[("count", &c.bookings.to_string())]);
                    view! {
                        <li>
                            <strong>{c.name.as_str().to_owned()}</strong>
                            <span class="muted">{c.email.as_str().to_owned()}</span>
                            <span>{next} " · " {count}</span>
                            {(!c.has_account).then(|| view! {
                                <span class="muted">{t.client_no_account}</span>
                            })}
                        </li>
                    }
                }
            />
        </section>
    }
}
