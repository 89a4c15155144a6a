//! /profile (signed in): your name, email and password.

use super::{check_login_password, check_name, check_new_password};
use crate::api::profile::{ChangePassword, UpdateName};
use crate::components::form::{FormError, TextField, server_field_error, server_form_error};
use crate::components::layout::UserResource;
use crate::domain::Field;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let user = expect_context::<UserResource>();
    let me = move || user.get().and_then(|r| r.ok().flatten());
    let saved = use_query_map().with_untracked(|q| q.get("saved"));

    let rename = ServerAction::<UpdateName>::new();
    let rename_value = rename.value();
    let password = ServerAction::<ChangePassword>::new();
    let password_value = password.value();
    // the header shows the name too: fetch it again once it has changed
    Effect::new(move |_| {
        if matches!(rename_value.get(), Some(Ok(_))) {
            user.refetch();
        }
    });
    let name_saved = {
        let saved = saved.clone();
        move || saved.as_deref() == Some("name") || matches!(rename_value.get(), Some(Ok(_)))
    };
    let password_saved =
        move || saved.as_deref() == Some("password") || matches!(password_value.get(), Some(Ok(_)));

    view! {
        <Title text="My profile"/>
        <h1>"My profile"</h1>
        <section class="panel" aria-labelledby="name-heading">
            <h2 id="name-heading">"Your name"</h2>
            <ActionForm action=rename attr:novalidate=true attr:class="stack narrow">
                {move || {
                    me().map(|u| {
                        view! {
                            <TextField
                                label="Full name"
                                field=Field::Name
                                autocomplete="name"
                                initial=u.name.to_string()
                                server_error=server_field_error(rename_value, Field::Name)
                                validate=check_name
                            />
                        }
                    })
                }}
                <FormError message=server_form_error(rename_value)/>
                <Show when=name_saved.clone()>
                    <p class="saved" role="status">"Your name is saved."</p>
                </Show>
                <button type="submit" class="primary" disabled=rename.pending()>"Save name"</button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="email-heading">
            <h2 id="email-heading">"Email"</h2>
            <p>{move || me().map(|u| u.email.to_string())}</p>
        </section>
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">"Password"</h2>
            <ActionForm action=password attr:novalidate=true attr:class="stack narrow">
                <TextField
                    label="Current password"
                    field=Field::CurrentPassword
                    kind="password"
                    autocomplete="current-password"
                    server_error=server_field_error(password_value, Field::CurrentPassword)
                    validate=check_login_password
                />
                <TextField
                    label="New password"
                    field=Field::NewPassword
                    kind="password"
                    autocomplete="new-password"
                    hint="At least 12 characters. You'll be logged out on your other devices."
                    server_error=server_field_error(password_value, Field::NewPassword)
                    validate=check_new_password
                />
                <FormError message=server_form_error(password_value)/>
                <Show when=password_saved>
                    <p class="saved" role="status">"Your password is changed. Other devices were logged out."</p>
                </Show>
                <button type="submit" class="primary" disabled=password.pending()>"Change password"</button>
            </ActionForm>
        </section>
        <p class="muted">"Changing your email, picture, language and timezone is on its way."</p>
    }
}
