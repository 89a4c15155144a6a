//! My profile's "Two-step log-in": set an authenticator app up (QR code, or the key typed in),
//! turn it on with a code from it (the recovery codes are shown once), or turn it off.

use crate::api::ApiError;
use crate::api::two_factor::{BeginTwoFactor, DisableTwoFactor, EnableTwoFactor};
use crate::components::action_form::ActionForm;
use crate::components::form::{
    FormError, TextField, check_code, check_login_password, server_field_error, server_form_error,
};
use crate::domain::{Field, TwoFactorSetup, TwoFactorStatus};
use crate::i18n::{fill, t};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

/// On My profile; or on its own page, where `continue_to` is where to go once it is on.
#[component]
pub fn TwoFactorPanel(
    status: Resource<Result<Option<TwoFactorStatus>, ApiError>>,
    #[prop(optional)] continue_to: Option<String>,
) -> impl IntoView {
    let t = t();
    let begin = ServerAction::<BeginTwoFactor>::new();
    let enable = ServerAction::<EnableTwoFactor>::new();
    Effect::new(move |_| {
        // both read every time, so the effect follows both (an `||` would stop reading the
        // second once the first is true, and miss turning it on after setting up)
        let begun = matches!(begin.value().get(), Some(Ok(())));
        let enabled = matches!(enable.value().get(), Some(Ok(_)));
        if begun || enabled {
            status.refetch();
        }
    });
    let codes = move || enable.value().get().and_then(Result::ok);
    let turned_off = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("saved").as_deref() == Some("two-factor-off"));
    view! {
        <section class="panel" aria-labelledby="two-factor-heading">
            <h2 id="two-factor-heading">{t.tf_heading}</h2>
            <p>{t.tf_hint}</p>
            {turned_off.then(|| view! { <p class="saved" role="status">{t.tf_turned_off}</p> })}
            {move || codes().map(codes_view)}
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || {
                let continue_to = continue_to.clone();
                Suspend::new(async move {
                    match status.await {
                        Ok(Some(mut s)) => {
                            let next = continue_to.clone().filter(|_| s.on);
                            // turned on by a plain post: the codes came with the status
                            let fresh = std::mem::take(&mut s.fresh_codes);
                            let fresh = (!fresh.is_empty()).then(|| codes_view(fresh));
                            Either::Left(view! {
                                {fresh}
                                {state_view(s, begin, enable)}
                                {next.map(|href| view! {
                                    <a class="button primary" href=href rel="external">{t.tf_continue}</a>
                                })}
                            })
                        }
                        Ok(None) => Either::Right(None),
                        Err(e) => Either::Right(Some(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        })),
                    }
                })}}
            </Suspense>
        </section>
    }
}

fn state_view(
    s: TwoFactorStatus,
    begin: ServerAction<BeginTwoFactor>,
    enable: ServerAction<EnableTwoFactor>,
) -> impl IntoView {
    let t = t();
    if s.on {
        let on = fill(t.tf_on, &[("count", &s.recovery_left.to_string())]);
        return EitherOf3::A(view! {
            <p class="saved">{on}</p>
            {(!s.required).then(|| view! { <TurnOff/> })}
        });
    }
    match s.setup {
        Some(setup) => EitherOf3::B(view! { <SetUp setup enable/> }),
        None => EitherOf3::C(view! {
            {s.required.then(|| view! { <p class="notice">{t.tf_required}</p> })}
            <ActionForm action=begin>
                <FormError message=server_form_error(begin.value())/>
                <button type="submit" class="primary" disabled=begin.pending()>{t.tf_set_up}</button>
            </ActionForm>
        }),
    }
}

#[component]
fn SetUp(setup: TwoFactorSetup, enable: ServerAction<EnableTwoFactor>) -> impl IntoView {
    let t = t();
    let value = enable.value();
    let size = setup.qr.size.to_string();
    let view_box = format!("0 0 {size} {size}");
    view! {
        <p>{t.tf_scan}</p>
        <svg class="qr" role="img" aria-label=t.tf_qr_label viewBox=view_box width="200" height="200">
            <rect width=size.clone() height=size fill="#fff"/>
            <path d=setup.qr.path fill="#000"/>
        </svg>
        <p>{t.tf_key_label}": " <code class="totp-key">{setup.key}</code></p>
        <ActionForm action=enable attr:novalidate=true attr:class="stack narrow">
            <TextField
                label=t.tf_code_label
                field=Field::Code
                autocomplete="one-time-code"
                server_error=server_field_error(value, Field::Code)
                validate=check_code
            />
            <FormError message=server_form_error(value)/>
            <button type="submit" class="primary" disabled=enable.pending()>{t.tf_turn_on}</button>
        </ActionForm>
    }
}

#[component]
fn TurnOff() -> impl IntoView {
    let t = t();
    let disable = ServerAction::<DisableTwoFactor>::new();
    let value = disable.value();
    view! {
        <h3>{t.tf_turn_off}</h3>
        <p>{t.tf_off_hint}</p>
        <ActionForm action=disable attr:novalidate=true attr:class="stack narrow">
            <TextField
                label=t.current_password
                field=Field::CurrentPassword
                kind="password"
                autocomplete="current-password"
                server_error=server_field_error(value, Field::CurrentPassword)
                validate=check_login_password
            />
            <TextField
                label=t.tf_code_label
                field=Field::Code
                autocomplete="one-time-code"
                server_error=server_field_error(value, Field::Code)
                validate=check_code
            />
            <FormError message=server_form_error(value)/>
            <button type="submit" disabled=disable.pending()>{t.tf_turn_off}</button>
        </ActionForm>
    }
}

/// The recovery codes, shown the once they exist in the clear.
fn codes_view(codes: Vec<String>) -> impl IntoView {
    let t = t();
    view! {
        <div class="recovery-codes" role="status">
            <h3>{t.tf_codes_title}</h3>
            <p>{t.tf_codes_hint}</p>
            <ul>{codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
        </div>
    }
}
