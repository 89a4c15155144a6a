//! /profile (signed in): picture, name, email, password, language and time zone.

use crate::api::profile::{
    ChangePassword, RequestEmailChange, UpdateLanguage, UpdateName, UpdateTimezone,
};
use crate::components::access_log::AccessLogPanel;
use crate::components::action_form::ActionForm;
use crate::components::delete_account_panel::DeleteAccountPanel;
use crate::components::form::{
    FormError, TextField, check_email, check_login_password, check_name, check_new_password,
    server_field_error, server_form_error,
};
use crate::components::picture_form::PictureForm;
use crate::components::public_profile::PublicProfileForm;
use crate::components::two_factor_panel::TwoFactorPanel;
use crate::components::zone_field::{ZoneSearch, zone_options};
use crate::contexts::page_data::PageData;
use crate::contexts::user::UserResource;
use crate::domain::{Field, Language, Role};
use crate::i18n::t;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let me = move || user.get().and_then(|r| r.ok().flatten());
    // read as it changes: a save may re-render the page before or after the redirect to
    // `?saved=…` lands, and the message must show either way
    let query = use_query_map();
    let saved_is =
        move |what: &'static str| move || query.with(|q| q.get("saved").as_deref() == Some(what));
    let public_saved =
        query.with_untracked(|q| q.get("saved").as_deref() == Some("public-profile"));

    let PageData {
        public_profile,
        two_factor,
        ..
    } = expect_context::<PageData>();
    let rename = ServerAction::<UpdateName>::new();
    let rename_value = rename.value();
    let email_change = ServerAction::<RequestEmailChange>::new();
    let email_value = email_change.value();
    let password = ServerAction::<ChangePassword>::new();
    let password_value = password.value();
    let zone = ServerAction::<UpdateTimezone>::new();
    let zone_value = zone.value();
    let language = ServerAction::<UpdateLanguage>::new();
    let language_value = language.value();
    // the header shows the name too: fetch the user again once something has changed
    Effect::new(move |_| {
        if matches!(rename_value.get(), Some(Ok(_))) || matches!(zone_value.get(), Some(Ok(_))) {
            user.refetch();
        }
    });
    // every word on the page changes with the language: render it again, in the new one
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(language_value.get(), Some(Ok(_))) {
            crate::browser::go_to("/profile?saved=language");
        }
    });
    let email_sent = {
        let s = saved_is("email-sent");
        move || s() || matches!(email_value.get(), Some(Ok(())))
    };
    let name_saved = {
        let s = saved_is("name");
        move || s() || matches!(rename_value.get(), Some(Ok(_)))
    };
    let password_saved = {
        let s = saved_is("password");
        move || s() || matches!(password_value.get(), Some(Ok(_)))
    };
    // professionals' and HR admins' accounts carry other people's work: not deleted from here
    let is_client = move || me().is_some_and(|u| u.role == Role::Client);
    let zone_saved = {
        let s = saved_is("timezone");
        move || s() || matches!(zone_value.get(), Some(Ok(_)))
    };

    // built once: a refetch of the user (after a save) must not rebuild the field while its
    // error reads the action, nor wipe what the person is typing
    let initial_name = user
        .get_untracked()
        .and_then(|r| r.ok().flatten())
        .map(|u| u.name.to_string())
        .unwrap_or_default();
    let initial_called = user
        .get_untracked()
        .and_then(|r| r.ok().flatten())
        .and_then(|u| u.preferred_name)
        .map(|p| p.to_string())
        .unwrap_or_default();
    let name_error = server_field_error(rename_value, Field::Name);
    let called_error = server_field_error(rename_value, Field::PreferredName);

    view! {
        <Title text=t.profile_title/>
        <h1>{t.profile_title}</h1>
        <PictureForm/>
        <PublicProfileForm profile=public_profile saved=public_saved/>
        <section class="panel" aria-labelledby="name-heading">
            <h2 id="name-heading">{t.name_heading}</h2>
            <ActionForm action=rename attr:novalidate=true attr:class="stack narrow">
                <TextField
                    label=t.full_name
                    field=Field::Name
                    autocomplete="name"
                    initial=initial_name
                    server_error=name_error
                    validate=check_name
                />
                <TextField
                    label=t.preferred_name
                    field=Field::PreferredName
                    autocomplete="nickname"
                    hint=t.preferred_name_hint
                    initial=initial_called
                    server_error=called_error
                    validate=check_preferred_name
                    required=false
                />
                <FormError message=server_form_error(rename_value)/>
                <Show when=name_saved>
                    <p class="saved" role="status">{t.name_saved}</p>
                </Show>
                <button type="submit" class="primary" disabled=rename.pending()>{t.save_name}</button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="email-heading">
            <h2 id="email-heading">{t.email_heading}</h2>
            <p>{t.your_email_is} <strong>{move || me().map(|u| u.email.to_string())}</strong> "."</p>
            <Show when=saved_is("email")>
                <p class="saved" role="status">{t.email_confirmed}</p>
            </Show>
            <ActionForm action=email_change attr:novalidate=true attr:class="stack narrow">
                <TextField
                    label=t.new_email
                    field=Field::Email
                    kind="email"
                    autocomplete="email"
                    server_error=server_field_error(email_value, Field::Email)
                    validate=check_email
                />
                <div class="field">
                    <label for="field-email-current_password">{t.current_password}</label>
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
                    <p class="saved" role="status">{t.email_link_sent}</p>
                </Show>
                <button type="submit" class="primary" disabled=email_change.pending()>
                    {t.send_confirmation_link}
                </button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="password-heading">
            <h2 id="password-heading">{t.password_heading}</h2>
            <ActionForm action=password attr:novalidate=true attr:class="stack narrow">
                <TextField
                    label=t.current_password
                    field=Field::CurrentPassword
                    kind="password"
                    autocomplete="current-password"
                    server_error=server_field_error(password_value, Field::CurrentPassword)
                    validate=check_login_password
                />
                <TextField
                    label=t.new_password
                    field=Field::NewPassword
                    kind="password"
                    autocomplete="new-password"
                    hint=t.new_password_hint
                    server_error=server_field_error(password_value, Field::NewPassword)
                    validate=check_new_password
                />
                <FormError message=server_form_error(password_value)/>
                <Show when=password_saved>
                    <p class="saved" role="status">{t.password_saved}</p>
                </Show>
                <button type="submit" class="primary" disabled=password.pending()>
                    {t.change_password}
                </button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="language-heading">
            <h2 id="language-heading">{t.language_heading}</h2>
            <ActionForm action=language attr:class="stack narrow">
                <div class="field">
                    <label for="field-language">{t.language_label}</label>
                    <select id="field-language" name="language" aria-describedby="field-language-error">
                        {move || {
                            me().map(|u| {
                                Language::ALL
                                    .into_iter()
                                    .map(|l| {
                                        view! {
                                            <option value=l.code() lang=l.code() selected=l == u.language>
                                                {l.native_name()}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                        }}
                    </select>
                    <p class="field-error" id="field-language-error" aria-live="polite">
                        {server_field_error(language_value, Field::Language)}
                    </p>
                </div>
                <FormError message=server_form_error(language_value)/>
                <Show when=saved_is("language")>
                    <p class="saved" role="status">{t.language_saved}</p>
                </Show>
                <button type="submit" class="primary" disabled=language.pending()>
                    {t.save_language}
                </button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="zone-heading">
            <h2 id="zone-heading">{t.zone_heading}</h2>
            <ActionForm action=zone attr:class="stack narrow">
                <ZoneSearch select="field-timezone"/>
                <div class="field">
                    <label for="field-timezone">{t.show_times_in}</label>
                    // the options as markup: the server lists its zone database's zones, the
                    // browser (after a client-side navigation) its own, and hydration keeps the
                    // server's
                    <select
                        id="field-timezone"
                        name="timezone"
                        aria-describedby="field-timezone-error"
                        inner_html=move || me().map(|u| zone_options(u.timezone)).unwrap_or_default()
                    ></select>
                    <p class="field-error" id="field-timezone-error" aria-live="polite">
                        {server_field_error(zone_value, Field::Timezone)}
                    </p>
                </div>
                <FormError message=server_form_error(zone_value)/>
                <Show when=zone_saved>
                    <p class="saved" role="status">{t.zone_saved}</p>
                </Show>
                <button type="submit" class="primary" disabled=zone.pending()>{t.save_zone}</button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="data-heading">
            <h2 id="data-heading">{t.data_heading}</h2>
            <p>{t.data_hint}</p>
            <a class="button" href="/account/export" download rel="external">{t.data_download}</a>
        </section>
        <TwoFactorPanel status=two_factor/>
        <AccessLogPanel/>
        <Show when=is_client>
            <DeleteAccountPanel sent=Signal::derive(saved_is("deletion-sent"))/>
        </Show>
    }
}

/// Empty is fine (greetings then use the first name); otherwise the rules of a name.
fn check_preferred_name(raw: &str) -> Option<crate::domain::Problem> {
    if raw.trim().is_empty() {
        return None;
    }
    check_name(raw)
}
