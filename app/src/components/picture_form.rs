//! The profile picture: upload with progress, or remove.
//!
//! A plain multipart form to `POST /profile/picture`, so it works before the wasm loads (the server
//! redirects back with `?saved=picture` or `?picture_error=…`). Once hydrated, the form is sent by
//! `XMLHttpRequest` instead: it reports upload progress, checks the size before sending anything,
//! and updates the header's picture without a reload.

use crate::api::profile::RemovePicture;
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_form_error};
use crate::components::layout::Avatar;
use crate::contexts::user::UserResource;
use crate::domain::{PICTURE_ACCEPT, PictureError};
use crate::i18n::{fill, t};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// How an upload ended.
#[derive(Clone, Debug, PartialEq)]
enum Upload {
    Idle,
    /// Percent sent so far; only the hydrated page sends by script.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    Sending(u32),
    Saved,
    Failed(String),
}

#[component]
pub fn PictureForm() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let me = move || user.get().and_then(|r| r.ok().flatten());
    let query = use_query_map();
    // what the URL says happened (after the plain form's redirect, or the script's navigation)
    let from_query = move || {
        query.with(|q| {
            if let Some(e) = q
                .get("picture_error")
                .and_then(|c| PictureError::from_code(&c))
            {
                Upload::Failed(t.picture_error(e).to_owned())
            } else if q.get("saved").as_deref() == Some("picture") {
                Upload::Saved
            } else {
                Upload::Idle
            }
        })
    };
    // what happened on this page since: `None` until the person does something
    let local = RwSignal::new(None::<Upload>);
    let state = Signal::derive(move || local.get().unwrap_or_else(from_query));
    let remove = ServerAction::<RemovePicture>::new();
    let remove_value = remove.value();
    Effect::new(move |_| {
        if matches!(remove_value.get(), Some(Ok(()))) {
            local.set(Some(Upload::Idle));
            user.refetch();
        }
    });
    let removed = move || {
        query.with(|q| q.get("saved").as_deref() == Some("picture-removed"))
            || matches!(remove_value.get(), Some(Ok(())))
    };
    let has_picture = move || me().is_some_and(|u| u.picture.is_some());
    let sending = move || matches!(state.get(), Upload::Sending(_));
    let error = move || match state.get() {
        Upload::Failed(message) => Some(message),
        _ => None,
    };
    #[cfg(feature = "hydrate")]
    let navigate = {
        let navigate = leptos_router::hooks::use_navigate();
        std::rc::Rc::new(move |url: &str| navigate(url, Default::default())) as upload::Navigate
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            upload::start(ev, local, user, navigate.clone());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    view! {
        <section class="panel" aria-labelledby="picture-heading">
            <h2 id="picture-heading">{t.picture_heading}</h2>
            <div class="picture-row">
                {move || me().map(|u| view! { <Avatar user=u large=true/> })}
                <Show when=move || !has_picture()>
                    <p class="muted">{t.no_picture}</p>
                </Show>
            </div>
            <form
                method="post"
                action="/profile/picture"
                enctype="multipart/form-data"
                class="stack narrow"
                novalidate
                on:submit=on_submit
            >
                <div class="field" class:invalid=move || error().is_some()>
                    <label for="field-picture">{t.picture_label}</label>
                    <p class="hint" id="field-picture-hint">{t.picture_hint}</p>
                    <input
                        id="field-picture"
                        type="file"
                        name="picture"
                        accept=PICTURE_ACCEPT
                        aria-describedby="field-picture-hint field-picture-error"
                        aria-invalid=move || if error().is_some() { "true" } else { "false" }
                        on:change=move |_| local.set(Some(Upload::Idle))
                    />
                    <p class="field-error" id="field-picture-error" aria-live="polite">{error}</p>
                </div>
                {move || match state.get() {
                    Upload::Sending(percent) => Some(view! {
                        <div class="upload-progress" role="status">
                            <progress max="100" value=percent aria-label=t.picture_heading></progress>
                            <span>{fill(t.uploading, &[("percent", &percent.to_string())])}</span>
                        </div>
                    }.into_any()),
                    Upload::Saved => Some(view! {
                        <p class="saved" role="status">{t.picture_saved}</p>
                    }.into_any()),
                    _ => None,
                }}
                <button type="submit" class="primary" disabled=sending>{t.upload_picture}</button>
            </form>
            <Show when=has_picture>
                <ActionForm action=remove attr:class="inline-form">
                    <button type="submit" class="secondary" disabled=remove.pending()>
                        {t.remove_picture}
                    </button>
                </ActionForm>
            </Show>
            <Show when=removed>
                <p class="saved" role="status">{t.picture_removed}</p>
            </Show>
            <FormError message=server_form_error(remove_value)/>
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod upload {
    use super::Upload;
    use crate::contexts::user::UserResource;
    use crate::domain::{PICTURE_MAX_BYTES, PictureError};
    use crate::i18n::t;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{FormData, HtmlFormElement, HtmlInputElement, ProgressEvent, XmlHttpRequest};

    /// Goes to a URL inside the app (the router's navigation, no reload).
    pub type Navigate = std::rc::Rc<dyn Fn(&str)>;

    pub fn start(
        ev: leptos::ev::SubmitEvent,
        state: RwSignal<Option<Upload>>,
        user: UserResource,
        navigate: Navigate,
    ) {
        let t = t();
        let fail = move |message: &str| state.set(Some(Upload::Failed(message.to_owned())));
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let file = form
            .query_selector("input[type=file]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(file) = file else {
            return fail(t.picture_error(PictureError::Missing));
        };
        // refuse before sending megabytes the server will refuse anyway
        if file.size() > PICTURE_MAX_BYTES as f64 {
            return fail(t.picture_error(PictureError::TooLarge));
        }
        if send(&form, state, user, navigate).is_err() {
            fail(t.error_request);
        }
    }

    fn send(
        form: &HtmlFormElement,
        state: RwSignal<Option<Upload>>,
        user: UserResource,
        navigate: Navigate,
    ) -> Result<(), wasm_bindgen::JsValue> {
        let t = t();
        let data = FormData::new_with_form(form)?;
        let xhr = XmlHttpRequest::new()?;
        xhr.open("POST", "/profile/picture")?;
        xhr.set_request_header("Accept", "application/json")?;

        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let percent = (e.loaded() / e.total() * 100.0).round().min(100.0) as u32;
                state.set(Some(Upload::Sending(percent)));
            }
        });
        xhr.upload()?
            .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));

        let done = xhr.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            let status = done.status().unwrap_or(0);
            let body = done.response_text().ok().flatten().unwrap_or_default();
            match status {
                200 => {
                    // the same address the plain form lands on, so the page says the same
                    state.set(None);
                    navigate("/profile?saved=picture");
                    user.refetch();
                }
                // the session ended meanwhile: the page sends them to log in
                401 => crate::browser::reload(),
                _ => {
                    let message = error_code(&body)
                        .and_then(|c| PictureError::from_code(&c))
                        .map(|e| t.picture_error(e))
                        .unwrap_or(t.error_internal);
                    state.set(Some(Upload::Failed(message.to_owned())));
                }
            }
        });
        xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut()>::new(move || {
            state.set(Some(Upload::Failed(t.error_request.to_owned())));
        });
        xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));

        state.set(Some(Upload::Sending(0)));
        xhr.send_with_opt_form_data(Some(&data))?;
        // the request owns its handlers from here on; they live as long as the page
        on_progress.forget();
        on_load.forget();
        on_error.forget();
        Ok(())
    }

    /// `{"error": "too-large"}` → `too-large`.
    fn error_code(body: &str) -> Option<String> {
        let value = js_sys::JSON::parse(body).ok()?;
        js_sys::Reflect::get(&value, &"error".into())
            .ok()?
            .as_string()
    }
}
