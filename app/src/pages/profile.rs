//! /profile (signed in): your name, email and password.

use super::{check_email, check_login_password, check_name, check_new_password};
use crate::api::profile::{ChangePassword, RequestEmailChange, UpdateName, UpdateTimezone};
use crate::components::form::{FormError, TextField, server_field_error, server_form_error};
use crate::components::layout::UserResource;
use crate::domain::{Field, Timezone};
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
    let email_change = ServerAction::<RequestEmailChange>::new();
    let email_value = email_change.value();
    let email_sent = {
        let saved = saved.clone();
        move || saved.as_deref() == Some("email-sent") || matches!(email_value.get(), Some(Ok(())))
    };
    let email_changed = {
        let saved = saved.clone();
        move || saved.as_deref() == Some("email")
    };
    let password = ServerAction::<ChangePassword>::new();
    let password_value = password.value();
    let zone = ServerAction::<UpdateTimezone>::new();
    let zone_value = zone.value();
    // the header shows the name too: fetch the user again once something has changed
    Effect::new(move |_| {
        if matches!(rename_value.get(), Some(Ok(_))) || matches!(zone_value.get(), Some(Ok(_))) {
            user.refetch();
        }
    });
    let zone_saved = {
        let saved = saved.clone();
        move || saved.as_deref() == Some("timezone") || matches!(zone_value.get(), Some(Ok(_)))
    };
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
            <p>"Your email is " <strong>{move || me().map(|u| u.email.to_string())}</strong> "."</p>
            <Show when=email_changed>
                <p class="saved" role="status">"Your new email is confirmed."</p>
            </Show>
            <ActionForm action=email_change attr:novalidate=true attr:class="stack narrow">
                <TextField
                    label="New email"
                    field=Field::Email
                    kind="email"
                    autocomplete="email"
                    server_error=server_field_error(email_value, Field::Email)
                    validate=check_email
                />
                <div class="field">
                    <label for="field-email-current_password">"Current password"</label>
                    <input
                        id="field-email-current_password"
                        type="password"
                        name="current_password"
                        autocomplete="current-password"
                        aria-describedby="field-email-current_password-error"
                    />
                    <p class="field-error" id="field-email-current_password-error" aria-live="polite">
                        {server_field_error(email_value, Field::CurrentPassword)}
                    </p>
                </div>
                <FormError message=server_form_error(email_value)/>
                <Show when=email_sent>
                    <p class="saved" role="status">
                        "We've sent a link to your new address. Your email changes when you open it."
                    </p>
                </Show>
                <button type="submit" class="primary" disabled=email_change.pending()>
                    "Send confirmation link"
                </button>
            </ActionForm>
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
        <section class="panel" aria-labelledby="zone-heading">
            <h2 id="zone-heading">"Time zone"</h2>
            <ActionForm action=zone attr:class="stack narrow">
                <div class="field">
                    <label for="field-timezone">"Show times in"</label>
                    <select id="field-timezone" name="timezone" aria-describedby="field-timezone-error">
                        {move || {
                            me().map(|u| {
                                Timezone::all()
                                    .map(|z| {
                                        view! {
                                            <option value=z.name() selected=z == u.timezone>
                                                {z.name()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                        }}
                    </select>
                    <p class="field-error" id="field-timezone-error" aria-live="polite">
                        {server_field_error(zone_value, Field::Timezone)}
                    </p>
                </div>
                <Show when=zone_saved>
                    <p class="saved" role="status">"Your time zone is saved."</p>
                </Show>
                <button type="submit" class="primary" disabled=zone.pending()>"Save time zone"</button>
            </ActionForm>
        </section>
        <p class="muted">"Your picture and language can be set here soon."</p>
    }
}
