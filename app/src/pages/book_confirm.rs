//! /book/confirm?hold=…: the time someone picked on a booking link, kept for them for a few
//! minutes. A client confirms it; a visitor creates their account (or logs in) and it is booked.

use crate::api::ApiError;
use crate::api::accounts::current_user;
use crate::api::links::{BookHeld, SignUpAndBook, confirm_path, held_slot};
use crate::components::action_form::ActionForm;
use crate::components::auth_card::AuthCard;
use crate::components::form::{FormError, NewAccountErrors, NewAccountFields, server_form_error};
use crate::domain::{CurrentUser, HeldSlot, Role, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use crate::pages::NotFoundPage;
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BookConfirmPage() -> impl IntoView {
    let t = t();
    let (hold, taken, credits_gone) = use_query_map().with_untracked(|q| {
        (
            q.get("hold").unwrap_or_default(),
            q.get("taken").as_deref() == Some("1"),
            q.get("credits").as_deref() == Some("gone"),
        )
    });
    let held = Resource::new_blocking(
        {
            let hold = hold.clone();
            move || hold.clone()
        },
        held_slot,
    );
    let me = Resource::new_blocking(|| (), |_| current_user());
    view! {
        <Meta name="robots" content="noindex"/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let hold = hold.clone();
                Suspend::new(async move {
                    let me = me.await.ok().flatten();
                    match held.await {
                        Ok(slot) => EitherOf3::A(view! { <Confirm held=slot hold me taken credits_gone/> }),
                        Err(ApiError::NotFound) => EitherOf3::B(view! { <NotFoundPage/> }),
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
fn Confirm(
    held: HeldSlot,
    hold: String,
    me: Option<CurrentUser>,
    taken: bool,
    credits_gone: bool,
) -> impl IntoView {
    let slot = held;
    let t = t();
    let language = use_language();
    // the reader's zone: theirs when signed in, else the professional's until the page runs
    let zone = match &me {
        Some(u) => RwSignal::new(u.timezone),
        None => crate::components::reader_zone::reader_zone(slot.timezone),
    };
    let (starts_at, ends_at, expires_at) = (slot.starts_at, slot.ends_at, slot.expires_at);
    let pro_zone: Timezone = slot.timezone;
    let when = move || t.span_in_zone(starts_at, ends_at, zone.get(), language);
    let kept = move || {
        fill(
            t.book_kept_until,
            &[("time", &dates::clock_time(expires_at, zone.get()))],
        )
    };
    let details = t.session_details(slot.meeting_type, slot.length, slot.price, language);
    let back = format!(
        "/book/{}?service={}",
        slot.slug.as_str(),
        slot.service.as_str()
    );
    let next = confirm_path(&hold);
    let pay = match &slot.hub {
        Some(h) if h.credits_pay() => "credits",
        _ => "card",
    };
    // from a hub, and the reader may not use its credits: they can't book this time from it
    let closed = slot.hub.as_ref().is_some_and(|h| !h.claimable);
    let paying = slot.hub.clone().filter(|h| h.claimable).map(|h| {
        let cost = h.cost.to_string();
        let text = match h.balance {
            Some(b) if h.credits_pay() => fill(
                t.hub_pays_with_credits,
                &[
                    ("cost", &cost),
                    ("company", &h.company),
                    ("balance", &b.to_string()),
                ],
            ),
            Some(b) => fill(
                t.hub_card_pays,
                &[
                    ("balance", &b.to_string()),
                    ("company", &h.company),
                    ("price", &slot.price.format(language)),
                ],
            ),
            None => fill(
                t.hub_claim_pays,
                &[
                    ("granted", &h.granted.to_string()),
                    ("company", &h.company),
                    ("cost", &cost),
                ],
            ),
        };
        view! { <p class="notice" data-testid="hub-payment">{text}</p> }
    });
    view! {
        <AuthCard title=t.book_confirm_title>
            <dl class="booking-summary">
                <dt>{t.book_session}</dt>
                <dd>{format!("{} · {}", slot.service_name.as_str(), details)}</dd>
                <dt>{t.book_with}</dt>
                <dd>{slot.professional_name.clone()}</dd>
                <dt>{t.book_when}</dt>
                <dd>{when}</dd>
            </dl>
            <p class="muted">
                {fill(t.book_pro_zone, &[("name", &slot.professional_name), ("zone", &t.zone(pro_zone))])}
            </p>
            {if taken {
                Either::Left(view! {
                    <p class="form-error" role="alert">
                        {t.error_slot_taken} " " <a href=back.clone()>{t.book_other_times}</a>
                    </p>
                })
            } else {
                Either::Right(view! { <p class="muted" role="status">{kept}</p> })
            }}
            {credits_gone.then(|| view! { <p class="form-error" role="alert">{t.error_no_credits}</p> })}
            {paying}
            {match me {
                _ if closed => EitherOf4::D(view! { <NotForYou signed_in=me.is_some() next/> }),
                Some(u) if u.role == Role::Client => EitherOf4::A(view! { <ConfirmAsClient hold back pay/> }),
                Some(_) => EitherOf4::B(view! { <p>{t.book_professionals_cannot}</p> }),
                None => EitherOf4::C(view! { <SignUpToBook hold next pay/> }),
            }}
        </AuthCard>
    }
}

/// A time chosen from a hub by someone who may not use its credits: members log in; anyone
/// else is told whom to ask.
#[component]
fn NotForYou(signed_in: bool, next: String) -> impl IntoView {
    let t = t();
    let login = format!("/login?next={}", crate::api::encode_path(&next));
    if signed_in {
        view! { <p class="form-error" role="alert">{t.error_not_eligible}</p> }.into_any()
    } else {
        view! {
            <p>{t.hub_members_log_in}</p>
            <p><a class="button primary" href=login>{t.book_log_in_to_book}</a></p>
        }
        .into_any()
    }
}

#[component]
fn ConfirmAsClient(hold: String, back: String, pay: &'static str) -> impl IntoView {
    let t = t();
    let action = ServerAction::<BookHeld>::new();
    let value = action.value();
    let pending = action.pending();
    let taken = move || {
        value.with(|v| {
            matches!(
                v,
                Some(Err(ApiError::Refused(crate::domain::Refusal::SlotTaken)))
            )
        })
    };
    view! {
        <ActionForm action attr:class="stack">
            <input type="hidden" name="hold" value=hold/>
            <input type="hidden" name="pay" value=pay/>
            <FormError message=server_form_error(value)/>
            <Show when=taken>
                <p><a href=back.clone()>{t.book_other_times}</a></p>
            </Show>
            <button type="submit" class="primary" disabled=pending>{t.book_confirm_button}</button>
        </ActionForm>
    }
}

/// The product's first booking: create an account to book, or log in.
#[component]
fn SignUpToBook(hold: String, next: String, pay: &'static str) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SignUpAndBook>::new();
    let value = action.value();
    let pending = action.pending();
    let login = format!("/login?next={}", crate::api::encode_path(&next));
    let taken_log_in = login.clone();
    view! {
        <h2>{t.book_create_account}</h2>
        <ActionForm action attr:novalidate=true attr:class="stack">
            <input type="hidden" name="hold" value=hold/>
            <input type="hidden" name="pay" value=pay/>
            <NewAccountFields errors=NewAccountErrors::of(value) log_in=taken_log_in/>
            <FormError message=server_form_error(value)/>
            <button type="submit" class="primary" disabled=pending>
                {move || if pending.get() { t.creating_account } else { t.book_create_and_book }}
            </button>
        </ActionForm>
        <p class="switch">{t.have_account} <a href=login>{t.book_log_in_to_book}</a></p>
    }
}
