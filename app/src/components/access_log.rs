//! My profile's "Who opened your record": the client's access log, newest first.

use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{AccessEntry, AccessKind, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

/// Shown to clients only: the log is about the people whose record others open.
#[component]
pub fn AccessLogPanel() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let log = expect_context::<PageData>().access_log;
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let zone = match user.await {
                    Ok(Some(u)) => u.timezone,
                    _ => Timezone::UTC,
                };
                match log.await {
                    Ok(None) => EitherOf3::A(()),
                    Ok(Some(entries)) => EitherOf3::B(view! {
                        <section class="panel" aria-labelledby="access-heading">
                            <h2 id="access-heading">{t.access_heading}</h2>
                            <p>{t.access_hint}</p>
                            {entries_view(entries, zone)}
                        </section>
                    }),
                    Err(e) => EitherOf3::C(view! {
                        <section class="panel" aria-labelledby="access-heading">
                            <h2 id="access-heading">{t.access_heading}</h2>
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        </section>
                    }),
                }
            })}
        </Suspense>
    }
}

fn entries_view(entries: Vec<AccessEntry>, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = use_language();
    if entries.is_empty() {
        return Either::Left(view! { <p class="empty-title">{t.access_none}</p> });
    }
    Either::Right(view! {
        <ul class="access-log">
            {entries
                .into_iter()
                .map(|e| {
                    let template = match e.what {
                        AccessKind::Appointment => t.access_appointment,
                        AccessKind::Picture => t.access_picture,
                        AccessKind::Receipt => t.access_receipt,
                    };
                    let what = fill(template, &[("name", e.viewer.as_str())]);
                    let when = fill(
                        t.access_when,
                        &[
                            ("date", &dates::long_date(e.at, zone, language)),
                            ("time", &dates::clock_time(e.at, zone)),
                        ],
                    );
                    view! {
                        <li>
                            <span>{what}</span>" "
                            <time class="muted" datetime=e.at.to_rfc3339()>{when}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    })
}
