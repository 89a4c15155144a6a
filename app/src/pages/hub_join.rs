//! /hub/:slug/join: "Create an account to claim your credits". With the invitation from HR's
//! mail, a visitor creates their account (a signed-in client claims with one button); without
//! one, someone with an address on the company's domains asks for a link to it.

use crate::api::ApiError;
use crate::api::accounts::current_user;
use crate::api::hubs::{AskToJoin, ClaimHub, SignUpAndClaim, hub_page};
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{
    FormError, NewAccountErrors, NewAccountFields, TextField, check_email, server_field_error,
    server_form_error,
};
use crate::domain::{CurrentUser, Field, HubPage, HubStanding, Refusal, Role};
use crate::i18n::{fill, t};
use crate::pages::hub::AskHr;
use leptos::either::{EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HubJoinPage() -> impl IntoView {
    let t = t();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let (invite, asked) = use_query_map().with_untracked(|q| {
        (
            q.get("invite").unwrap_or_default(),
            q.get("asked").as_deref() == Some("1"),
        )
    });
    let page = Resource::new_blocking(
        {
            let (slug, invite) = (slug.clone(), invite.clone());
            move || (slug.clone(), invite.clone())
        },
        |(slug, invite)| hub_page(slug, Some(invite), None, None),
    );
    let me = Resource::new_blocking(|| (), |_| current_user());
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let invite = invite.clone();
                Suspend::new(async move {
                    let me = me.await.ok().flatten();
                    match page.await {
                        Ok(p) => EitherOf3::A(view! { <Join page=p invite me asked/> }),
                        Err(ApiError::NotFound | ApiError::Refused(Refusal::NotEligible)) => {
                            EitherOf3::B(view! { <AskHr/> })
                        }
                        Err(e) => EitherOf3::C(view! {
                            <main id="main" class="page">
                                <p class="form-error" role="alert">{t.api_error(&e)}</p>
                            </main>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Join(page: HubPage, invite: String, me: Option<CurrentUser>, asked: bool) -> impl IntoView {
    let t = t();
    let slug = page.slug.as_str().to_owned();
    let back = crate::api::hubs::hub_path(&slug, Some(&invite));
    let lead = fill(
        t.hub_join_lead,
        &[
            ("company", &page.company),
            ("credits", &page.policy.credits_per_period.to_string()),
        ],
    );
    let body = match (&page.standing, me) {
        (HubStanding::Member { .. }, _) => EitherOf4::A(view! {
            <p>{t.hub_already_member}</p>
            <p><a href=back.clone()>{t.hub_back}</a></p>
        }),
        (HubStanding::Invited { email }, None) => EitherOf4::B(view! {
            <p>{lead.clone()}</p>
            <SignUpToClaim hub=slug.clone() invite=invite.clone() email=email.to_string()/>
        }),
        (HubStanding::Invited { .. }, Some(u)) if u.role == Role::Client => EitherOf4::C(view! {
            <p>{lead.clone()}</p>
            <ClaimAsClient hub=slug.clone() invite=invite.clone()/>
        }),
        _ => EitherOf4::D(view! {
            <p>{fill(t.hub_no_invitation, &[("company", &page.company)])}</p>
            <AskForLink hub=slug.clone() asked/>
            <p><a href=back.clone()>{t.hub_back}</a></p>
        }),
    };
    view! {
        <AuthCard title=t.hub_claim>
            {body}
        </AuthCard>
    }
}

/// "Create an account to claim your credits".
#[component]
fn SignUpToClaim(hub: String, invite: String, email: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SignUpAndClaim>::new();
    let value = action.value();
    let pending = action.pending();
    let next = format!(
        "/hub/{hub}/join?invite={}",
        crate::api::encode_path(&invite)
    );
    let login = format!("/login?next={}", crate::api::encode_path(&next));
    let taken_log_in = login.clone();
    view! {
        <ActionForm action attr:novalidate=true attr:class="stack">
            <input type="hidden" name="hub" value=hub/>
            <input type="hidden" name="invite" value=invite/>
            <NewAccountFields errors=NewAccountErrors::of(value) email log_in=taken_log_in/>
            <FormError message=server_form_error(value)/>
            <button type="submit" class="primary" disabled=pending>
                {move || if pending.get() { t.creating_account } else { t.hub_claim }}
            </button>
        </ActionForm>
        <p class="switch">{t.have_account} <a href=login>{t.hub_log_in_to_claim}</a></p>
    }
}

#[component]
fn ClaimAsClient(hub: String, invite: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<ClaimHub>::new();
    let value = action.value();
    let pending = action.pending();
    view! {
        <ActionForm action attr:class="stack">
            <input type="hidden" name="hub" value=hub/>
            <input type="hidden" name="invite" value=invite/>
            <FormError message=server_form_error(value)/>
            <button type="submit" class="primary" disabled=pending>{t.hub_claim_button}</button>
        </ActionForm>
    }
}

/// No invitation at hand: a link to one's work address.
#[component]
fn AskForLink(hub: String, asked: bool) -> impl IntoView {
    let t = t();
    let action = ServerAction::<AskToJoin>::new();
    let value = action.value();
    let pending = action.pending();
    let done = move || asked || matches!(value.get(), Some(Ok(())));
    view! {
        <Show
            when=done
            fallback=move || {
                let hub = hub.clone();
                view! {
                    <ActionForm action attr:novalidate=true attr:class="stack">
                        <input type="hidden" name="hub" value=hub/>
                        <TextField
                            label=t.hub_work_email
                            field=Field::Email
                            kind="email"
                            autocomplete="email"
                            server_error=server_field_error(value, Field::Email)
                            validate=check_email
                        />
                        <FormError message=server_form_error(value)/>
                        <button type="submit" class="primary" disabled=pending>{t.hub_send_link}</button>
                    </ActionForm>
                }
            }
        >
            <p class="notice" role="status">{t.hub_link_sent}</p>
        </Show>
    }
}
