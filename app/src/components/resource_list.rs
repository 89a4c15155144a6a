//! A list loaded from the server, in each state a person can meet it: loading, empty (with what
//! to do about it), the list itself, or what went wrong in plain words.

use crate::api::ApiError;
use crate::i18n::t;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

#[component]
pub fn ResourceList<T, V, F>(
    items: Resource<Result<Vec<T>, ApiError>>,
    /// Says there is nothing yet.
    empty_title: &'static str,
    /// Says what to do about it.
    empty_body: &'static str,
    /// One `<li>` per item.
    row: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = t();
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let row = row.clone();
                Suspend::new(async move {
                    match items.await {
                        Ok(list) if list.is_empty() => EitherOf3::A(view! {
                            <div class="empty-state">
                                <p class="empty-title">{empty_title}</p>
                                <p>{empty_body}</p>
                            </div>
                        }),
                        Ok(list) => EitherOf3::B(view! {
                            <ul class="service-list">{list.into_iter().map(row).collect_view()}</ul>
                        }),
                        Err(e) => EitherOf3::C(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}
