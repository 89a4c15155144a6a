//! `ActionForm`, as Leptos has it, with the work that does not depend on the server function
//! done once rather than once per form: the bundle holds one copy of the submit handling.

use crate::api::ApiError;
use leptos::form::FromFormData;
use leptos::html::Form;
use leptos::prelude::*;
use leptos::server_fn::Http;
use leptos::server_fn::ServerFn;
use leptos::server_fn::codec::PostUrl;
use leptos::tachys::html::element::form;
use leptos::tachys::html::event::submit;
use leptos::web_sys::{FormData, SubmitEvent};

/// A form that posts to `action`'s server function: without the wasm, as a plain form post; with
/// it, by dispatching the action.
#[component]
pub fn ActionForm<S, O>(
    action: ServerAction<S>,
    #[prop(optional)] node_ref: Option<NodeRef<Form>>,
    children: Children,
) -> impl IntoView
where
    S: ServerFn<Protocol = Http<PostUrl, O>, Error = ApiError>
        + serde::de::DeserializeOwned
        + Clone
        + Send
        + Sync
        + 'static,
    S::Output: Send + Sync + 'static,
{
    let on_submit = move |ev: SubmitEvent| {
        let Some(data) = form_data(&ev) else {
            return;
        };
        match data.and_then(|d| S::from_form_data(&d).map_err(|e| e.to_string())) {
            Ok(input) => {
                action.dispatch(input);
            }
            Err(e) => {
                action.value().set(Some(Err(ApiError::Request(e))));
                action.version().update(|n| *n += 1);
            }
        }
    };
    let action_form = form()
        .action(S::url())
        .method("post")
        .on(submit, on_submit)
        .child(children());
    match node_ref {
        Some(node_ref) => leptos::either::Either::Left(action_form.node_ref(node_ref)),
        None => leptos::either::Either::Right(action_form),
    }
}

/// The form's data, once per submission (`None` when already handled); the browser's own post
/// is prevented.
fn form_data(ev: &SubmitEvent) -> Option<Result<FormData, String>> {
    if ev.default_prevented() {
        return None;
    }
    ev.prevent_default();
    Some(leptos::form::form_data_from_event(ev).map_err(|e| e.to_string()))
}
