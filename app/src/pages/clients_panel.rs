//! On a professional's Home: the people they have booked, soonest next session first.

use crate::components::practice::Practice;
use crate::domain::Timezone;
use crate::i18n::{dates, fill, t};
use leptos::either::EitherOf3;
use leptos::prelude::*;

#[component]
pub fn ClientsPanel(zone: Timezone) -> impl IntoView {
    let t = t();
    let clients = expect_context::<Practice>().clients;
    view! {
        <section class="panel" aria-labelledby="clients-heading">
            <h2 id="clients-heading">{t.clients_heading}</h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match clients.await {
                        Ok(list) if list.is_empty() => EitherOf3::A(view! {
                            <div class="empty-state">
                                <p class="empty-title">{t.no_clients}</p>
                                <p>{t.no_clients_body}</p>
                            </div>
                        }),
                        Ok(list) => EitherOf3::B(view! {
                            <ul class="service-list">
                                {list
                                    .into_iter()
                                    .map(|c| {
                                        let next = match c.next_session {
                                            Some(at) => fill(
                                                t.client_next,
                                                &[
                                                    ("date", &dates::long_date(at, zone, crate::i18n::use_language())),
                                                    ("time", &dates::clock_time(at, zone)),
                                                ],
                                            ),
                                            None => t.client_no_next.to_owned(),
                                        };
                                        let count = fill(t.client_sessions, &[("count", &c.sessions.to_string())]);
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
                                    })
                                    .collect_view()}
                            </ul>
                        }),
                        Err(e) => EitherOf3::C(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })}
            </Suspense>
        </section>
    }
}
