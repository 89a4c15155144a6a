//! /join?token=…: the link in a booking email. It takes the invitee to their appointment: after
//! creating their account (the link proves the address), after logging in, or straight there.

use crate::api::ApiError;
use crate::api::accounts::LogOut;
use crate::api::invitations::{AcceptInvitation, open_invitation};
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{
    FormError, TermsField, TextField, check_name, check_new_password, server_field_error,
    server_form_error,
};
use crate::components::login_form::LoginForm;
use crate::domain::{Field, Invitation, InvitedSession};
use crate::i18n::use_language;
use crate::i18n::{fill, t};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

#[component]
pub fn JoinPage() -> impl IntoView {
    let t = t();
    let token = use_query_map().with_untracked(|q| q.get("token").unwrap_or_default());
    let invitation = Resource::new_blocking(
        {
            let token = token.clone();
            move || token.clone()
        },
        |token| open_invitation(Some(token)),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match invitation.await {
                        Ok(Invitation::Yours(id)) => {
                            let path = format!("/appointments/{}", id.as_str());
                            view! { <Redirect path/> }.into_any()
                        }
                        Ok(Invitation::CreateAccount { email, name, professional, session }) => view! {
                            <CreateFromInvitation
                                token
                                email=email.as_str().to_owned()
                                name=name.as_str().to_owned()
                                professional=professional.as_str().to_owned()
                                session=*session
                            />
                        }
                        .into_any(),
                        Ok(Invitation::LogIn { email, professional }) => {
                            let next = format!("/join?token={token}");
                            let lede = fill(t.invite_login_lede, &[("professional", professional.as_str())]);
                            view! {
                                <AuthCard title=t.invite_login_title>
                                    <p class="lede">{lede}</p>
                                    <LoginForm next=Some(next) email=email.as_str().to_owned()/>
                                </AuthCard>
                            }
                            .into_any()
                        }
                        Ok(Invitation::OtherAccount { invited }) => {
                            let log_out = ServerAction::<LogOut>::new();
                            view! {
                                <AuthCard title=t.invite_other_title>
                                    <p>{fill(t.invite_other_body, &[("email", &invited)])}</p>
                                    <ActionForm action=log_out>
                                        <button type="submit" class="primary">{t.log_out}</button>
                                    </ActionForm>
                                </AuthCard>
                            }
                            .into_any()
                        }
                        Ok(Invitation::Invalid) => view! {
                            <AuthCard title=t.invite_invalid_title>
                                <p>{t.invite_invalid_body}</p>
                            </AuthCard>
                        }
                        .into_any(),
                        Err(e) => view! {
                            <AuthCard title=t.invite_invalid_title>
                                <p class="form-error" role="alert">{t.api_error(&e)}</p>
                            </AuthCard>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// "Create your account", the address filled in from the invitation and not editable.
#[component]
fn CreateFromInvitation(
    token: String,
    email: String,
    name: String,
    professional: String,
    session: InvitedSession,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<AcceptInvitation>::new();
    let value = action.value();
    let pending = action.pending();
    let taken = move || value.with(|v| matches!(v, Some(Err(ApiError::EmailTaken))));
    let lede = fill(t.invite_create_lede, &[("professional", &professional)]);
    let summary = view! { <InvitedSummary session professional=professional.clone()/> };
    let next = format!("/join?token={token}");
    view! {
        <AuthCard title=t.signup_title>
            <p class="lede">{lede}</p>
            {summary}
            <ActionForm action attr:novalidate=true attr:class="stack">
                <input type="hidden" name="token" value=token/>
                <div class="field">
                    <label for="field-invited-email">{t.email_from_invitation}</label>
                    <input id="field-invited-email" type="email" value=email readonly=true autocomplete="username"/>
                </div>
                <TextField
                    label=t.full_name
                    field=Field::Name
                    autocomplete="name"
                    initial=name
                    server_error=server_field_error(value, Field::Name)
                    validate=check_name
                />
                <TextField
                    label=t.password
                    field=Field::Password
                    kind="password"
                    autocomplete="new-password"
                    hint=t.signup_password_hint
                    server_error=server_field_error(value, Field::Password)
                    validate=check_new_password
                />
                <crate::components::zone_field::NewAccountZone/>
                <TermsField error=server_field_error(value, Field::Terms)/>
                <Show when=taken>
                    <p class="field-help">
                        <a href=next.clone() rel="external">{t.log_in_instead}</a>
                    </p>
                </Show>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t.creating_account } else { t.create_account }}
                </button>
            </ActionForm>
        </AuthCard>
    }
}

/// What the invitation books: the session, with whom, and when, in the browser's zone once the
/// page runs (the professional's, named, until then).
#[component]
fn InvitedSummary(session: InvitedSession, professional: String) -> impl IntoView {
    let t = t();
    let language = use_language();
    let zone = crate::components::reader_zone::reader_zone(session.zone);
    let (starts_at, ends_at) = (session.starts_at, session.ends_at);
    let when = move || t.span_in_zone(starts_at, ends_at, zone.get(), language);
    let minutes = fill(
        t.minutes,
        &[("minutes", &session.length.minutes().to_string())],
    );
    let details = format!("{} · {minutes}", t.meeting_type(session.meeting_type));
    view! {
        <section aria-labelledby="invited-heading">
            <h2 id="invited-heading" class="visually-hidden">{t.invite_summary_heading}</h2>
            <dl class="booking-summary">
                <dt>{t.book_session}</dt>
                <dd>{format!("{} · {}", session.service.as_str(), details)}</dd>
                <dt>{t.book_with}</dt>
                <dd>{professional}</dd>
                <dt>{t.book_when}</dt>
                <dd>{when}</dd>
            </dl>
        </section>
    }
}
