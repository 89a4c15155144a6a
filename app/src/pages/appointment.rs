//! /appointments/:id: one booking, for either participant: details, status, the professional,
//! the way into the session, and changing or cancelling it.

use crate::api::ApiError;
use crate::api::bookings::CancelBooking;
use crate::api::bookings::{RescheduleBooking, SendMessage};
use crate::api::hubs::RequestCredits;
use crate::components::action_form::ActionForm;
use crate::components::agenda::ticking_now;
use crate::components::bill_panel::BillPanel;
use crate::components::form::{FormError, server_field_error, server_form_error};
use crate::components::layout::PersonAvatar;
use crate::components::text_area::TextArea;
use crate::components::when_fields::WhenFields;
use crate::contexts::page_data::PageData;
use crate::domain::{AppointmentView, Card, Field, Phase, Role, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AppointmentPage() -> impl IntoView {
    let t = t();
    let data = expect_context::<PageData>();
    let (view_of, cards) = (data.appointment, data.cards);
    let user = expect_context::<crate::contexts::user::UserResource>();
    view! {
        <Title text=t.appointment_title/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let zone = match user.await {
                    Ok(Some(u)) => u.timezone,
                    _ => Timezone::UTC,
                };
                // a card-less page still shows; "Pay" then says to add one
                let cards = cards.await.ok().flatten().unwrap_or_default();
                match view_of.await.and_then(|v| v.ok_or(ApiError::NotFound)) {
                    Ok(v) => Either::Left(view! { <Appointment v zone cards/> }),
                    Err(e) => Either::Right(view! {
                        <h1>{t.appointment_title}</h1>
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        <p><a href="/">{t.back_home}</a></p>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Appointment(v: AppointmentView, zone: Timezone, cards: Vec<Card>) -> impl IntoView {
    let t = t();
    let language = use_language();
    let b = v.booking.clone();
    let policy = v.policy;
    let now = ticking_now(v.now);
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let phase = policy.phase(&b, v.now);
    let (status, status_class) = match phase {
        Phase::Upcoming => (t.status_upcoming, "badge"),
        Phase::InProgress => (t.status_in_progress, "badge badge-live"),
        Phase::Done => (t.status_done, "badge"),
        Phase::Cancelled => (t.status_cancelled, "badge badge-cancelled"),
    };
    let other = if v.viewer_is_professional {
        b.invitee_name.as_str().to_owned()
    } else {
        b.professional.name.as_str().to_owned()
    };
    let heading = format!(
        "{} {}",
        b.service_name.as_str(),
        fill(t.with_name, &[("name", &other)])
    );
    let when = t.span_in_zone(b.starts_at, b.ends_at, zone, language);
    let minutes = fill(t.minutes, &[("minutes", &b.length.minutes().to_string())]);
    let cancelled_note = b.cancelled_by.map(|r| match r {
        Role::Client => t.cancelled_by_client,
        Role::Professional | Role::HrAdmin => t.cancelled_by_professional,
    });
    let saved_note = match saved.as_deref() {
        Some("cancelled") => Some(t.cancelled_saved),
        Some("moved") => Some(t.moved_saved),
        Some("waived") => Some(t.waived_saved),
        Some("credits-asked") => Some(t.credits_asked_saved),
        Some("message") => Some(t.message_sent),
        _ => None,
    };
    let join = {
        let b = b.clone();
        let href = format!("/appointments/{}/join", b.id.as_str());
        let opens = policy.join_opens_at(&b);
        move || {
            if policy.can_join(&b, now.get()) {
                Either::Left(view! {
                    <a class="button primary" href=href.clone()>{t.join_video}</a>
                })
            } else {
                let note = if phase == Phase::Cancelled {
                    t.status_cancelled.to_owned()
                } else if now.get() >= b.ends_at {
                    t.join_over.to_owned()
                } else {
                    fill(
                        t.join_not_yet,
                        &[
                            ("time", &dates::clock_time(opens, zone)),
                            ("date", &dates::long_date(opens, zone, language)),
                            ("minutes", &policy.join_early_minutes.to_string()),
                        ],
                    )
                };
                Either::Right(view! {
                    <span class="button disabled" aria-disabled="true">{t.join_video}</span>
                    <p class="muted">{note}</p>
                })
            }
        }
    };
    let pro = v.professional.clone();
    view! {
        <h1>{heading}</h1>
        <p><span class=status_class>{status}</span> " " {cancelled_note}</p>
        {saved_note.map(|n| view! { <p class="saved" role="status">{n}</p> })}
        <section class="panel" aria-labelledby="details-heading">
            <h2 id="details-heading" class="visually-hidden">{t.appointment_title}</h2>
            <dl class="details">
                <dt>{t.when_label}</dt>
                <dd>{when}</dd>
                {if v.viewer_is_professional {
                    Either::Left(view! {
                        <dt>{t.client_label}</dt>
                        <dd>{b.invitee_name.as_str().to_owned()} " · " {b.invitee_email.as_str().to_owned()}</dd>
                    })
                } else {
                    Either::Right(())
                }}
                <dt>{t.service_label}</dt>
                <dd>{b.service_name.as_str().to_owned()}</dd>
                <dt>{t.meeting_type}</dt>
                <dd>{t.meeting_type(b.meeting_type)} " · " {minutes}</dd>
                <dt>{t.price}</dt>
                <dd>{match &v.paid_by_company {
                    Some(company) => fill(t.paid_with_credits, &[("company", company)]),
                    None => b.price.format(language),
                }}</dd>
            </dl>
            <div class="join-box">{join}</div>
        </section>
        {(!v.viewer_is_professional).then(|| view! {
            <section class="panel profile-card" aria-labelledby="pro-heading">
                <PersonAvatar name=pro.person.name.as_str().to_owned() picture=pro.person.picture.clone() large=true/>
                <div>
                    <h2 id="pro-heading">{fill(t.about_name, &[("name", pro.person.name.as_str())])}</h2>
                    {pro.title.as_ref().map(|x| view! { <p class="muted">{x.as_str().to_owned()}</p> })}
                    {pro.bio.as_ref().map(|x| view! { <p class="bio">{x.as_str().to_owned()}</p> })}
                    {(!pro.languages.is_empty()).then(|| view! {
                        <p>{fill(t.languages_spoken, &[("list", &pro.languages.joined())])}</p>
                    })}
                    {(pro.title.is_none() && pro.bio.is_none() && pro.languages.is_empty()).then(|| view! {
                        <p class="muted">{fill(t.about_empty, &[("name", pro.person.name.as_str())])}</p>
                    })}
                </div>
            </section>
        })}
        {v.paid_by_company.clone().filter(|_| v.viewer_is_professional).map(|company| view! {
            <AskForCredits booking=b.id.as_str().to_owned() company/>
        })}
        {v.bill.clone().map(|bill| view! {
            <BillPanel bill cards=cards.clone() viewer_is_professional=v.viewer_is_professional/>
        })}
        <MessagePanel booking=b.id.as_str().to_owned() other=other.clone()/>
        <Changes v zone/>
        <p><a href="/">{t.back_home}</a></p>
    }
}

/// A professional asks the company paying for a client's sessions for more credits; the
/// company learns only that someone asked.
#[component]
fn AskForCredits(booking: String, company: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RequestCredits>::new();
    let value = action.value();
    let pending = action.pending();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(()))) {
            crate::browser::go_to("?saved=credits-asked");
        }
    });
    view! {
        <section class="panel" aria-labelledby="credits-heading">
            <h2 id="credits-heading">{fill(t.ask_credits_heading, &[("company", &company)])}</h2>
            <p class="muted">{fill(t.ask_credits_help, &[("company", &company)])}</p>
            <ActionForm action>
                <input type="hidden" name="booking" value=booking/>
                <FormError message=server_form_error(value)/>
                <button type="submit" disabled=pending>{t.ask_credits_button}</button>
            </ActionForm>
        </section>
    }
}

/// What the viewer may change: a client cancels until the cut-off (and is told why not after it);
/// the professional moves or cancels until the end.
#[component]
fn Changes(v: AppointmentView, zone: Timezone) -> impl IntoView {
    let t = t();
    let language = use_language();
    let b = v.booking;
    let policy = v.policy;
    let id = b.id.as_str().to_owned();
    let cancel = ServerAction::<CancelBooking>::new();
    let cancel_value = cancel.value();
    let reschedule = ServerAction::<RescheduleBooking>::new();
    let reschedule_value = reschedule.value();
    // a change made here is shown as the server now has it
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let moved = matches!(reschedule_value.get(), Some(Ok(_)));
        if matches!(cancel_value.get(), Some(Ok(_))) {
            crate::browser::go_to("?saved=cancelled");
        } else if moved {
            crate::browser::go_to("?saved=moved");
        }
    });
    if v.viewer_is_professional {
        if !policy.professional_may_change(&b, v.now) {
            return ().into_any();
        }
        let (date, time) = crate::domain::utc_to_local(b.starts_at, zone);
        let move_id = id.clone();
        return view! {
            <section class="panel" aria-labelledby="move-heading">
                <h2 id="move-heading">{t.reschedule_heading}</h2>
                <ActionForm action=reschedule attr:novalidate=true attr:class="stack narrow">
                    <input type="hidden" name="id" value=move_id/>
                    <WhenFields
                        date
                        time
                        zone
                        date_error=server_field_error(reschedule_value, Field::Date)
                        time_error=server_field_error(reschedule_value, Field::Time)
                    />
                    <FormError message=server_form_error(reschedule_value)/>
                    <button type="submit" class="primary" disabled=reschedule.pending()>
                        {move || if reschedule.pending().get() { t.moving } else { t.reschedule_button }}
                    </button>
                </ActionForm>
                <h2>{t.pro_cancel_heading}</h2>
                <p class="muted">{t.pro_cancel_note}</p>
                <ActionForm action=cancel>
                    <input type="hidden" name="id" value=id/>
                    <FormError message=server_form_error(cancel_value)/>
                    <button type="submit" class="danger" disabled=cancel.pending()>
                        {move || if cancel.pending().get() { t.cancelling } else { t.pro_cancel_button }}
                    </button>
                </ActionForm>
            </section>
        }
        .into_any();
    }
    if policy.phase(&b, v.now) != Phase::Upcoming {
        return ().into_any();
    }
    let hours = policy.client_cancel_cutoff_hours.to_string();
    if !policy.client_may_cancel(&b, v.now) {
        let text = fill(
            t.cancel_too_late,
            &[("hours", &hours), ("name", b.professional.name.as_str())],
        );
        return view! {
            <section class="panel" aria-labelledby="cancel-heading">
                <h2 id="cancel-heading">{t.cancel_heading}</h2>
                <p>{text}</p>
            </section>
        }
        .into_any();
    }
    let until = policy.client_cancel_until(&b);
    let text = fill(
        t.cancel_until,
        &[
            ("date", &dates::long_date(until, zone, language)),
            ("time", &dates::clock_time(until, zone)),
            ("hours", &hours),
        ],
    );
    view! {
        <section class="panel" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{t.cancel_heading}</h2>
            <p>{text}</p>
            <ActionForm action=cancel>
                <input type="hidden" name="id" value=id/>
                <FormError message=server_form_error(cancel_value)/>
                <button type="submit" class="danger" disabled=cancel.pending()>
                    {move || if cancel.pending().get() { t.cancelling } else { t.cancel_button }}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// "Send {name} a message": delivered by mail, with a link back here to answer.
#[component]
fn MessagePanel(booking: String, other: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SendMessage>::new();
    let value = action.value();
    let pending = action.pending();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(()))) {
            crate::browser::go_to("?saved=message");
        }
    });
    let hint = fill(t.message_hint, &[("name", &other)]);
    view! {
        <section class="panel" aria-labelledby="message-heading">
            <h2 id="message-heading">{fill(t.message_heading, &[("name", &other)])}</h2>
            <ActionForm action attr:novalidate=true attr:class="stack narrow">
                <input type="hidden" name="id" value=booking/>
                <div class="field">
                    <label for="field-message">{t.message_label}</label>
                    <p class="hint" id="field-message-hint">{hint}</p>
                    <TextArea id="field-message" name="message" rows=4 described_by="field-message-hint field-message-error" text=String::new()/>
                    <p class="field-error" id="field-message-error" aria-live="polite">
                        {server_field_error(value, Field::Message)}
                    </p>
                </div>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { t.message_sending } else { t.message_send }}
                </button>
            </ActionForm>
        </section>
    }
}
