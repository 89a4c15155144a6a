//! A client's saved cards: brand, last four, expiry (flagged when expired or expiring this month),
//! which one is the default; making another the default and removing one are plain forms. Adding
//! one draws Stripe's card field in the page (it needs JavaScript, and says so without it).

use crate::api::payments::{MakeDefaultCard, RemoveCard};
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_form_error};
use crate::domain::{Card, CardExpiry};
use crate::i18n::{fill, t};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn CardsPanel(cards: Vec<Card>) -> impl IntoView {
    let t = t();
    let make_default = ServerAction::<MakeDefaultCard>::new();
    let remove = ServerAction::<RemoveCard>::new();
    let (default_value, remove_value) = (make_default.value(), remove.value());
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(default_value.get(), Some(Ok(()))) {
            crate::browser::go_to("/payments?saved=default-card");
        }
        if matches!(remove_value.get(), Some(Ok(()))) {
            crate::browser::go_to("/payments?saved=card-removed");
        }
    });
    view! {
        <section class="panel" aria-labelledby="cards-heading">
            <h2 id="cards-heading">{t.cards}</h2>
            {if cards.is_empty() {
                Either::Left(view! {
                    <div class="empty-state">
                        <p class="empty-title">{t.no_cards}</p>
                        <p>{t.no_cards_body}</p>
                    </div>
                })
            } else {
                Either::Right(view! {
                    <FormError message=server_form_error(default_value)/>
                    <FormError message=server_form_error(remove_value)/>
                    <ul class="card-list">
                        {cards
                            .into_iter()
                            .map(|card| view! { <CardLine card make_default remove/> })
                            .collect_view()}
                    </ul>
                })
            }}
            <AddCard/>
        </section>
    }
}

/// `Visa ending in 4242`.
pub fn card_label(card: &Card) -> String {
    fill(
        t().card_label,
        &[("brand", &card.brand_name()), ("last4", &card.last4)],
    )
}

#[component]
fn CardLine(
    card: Card,
    make_default: ServerAction<MakeDefaultCard>,
    remove: ServerAction<RemoveCard>,
) -> impl IntoView {
    let t = t();
    let label = card_label(&card);
    let expires = fill(t.card_expires, &[("date", &card.expiry_text())]);
    let flag = match card.expiry {
        CardExpiry::Expired => Some(("card-flag expired", t.card_expired)),
        CardExpiry::ThisMonth => Some(("card-flag expiring", t.card_expires_soon)),
        CardExpiry::Valid => None,
    };
    let id = card.id.as_str().to_owned();
    let remove_label = format!("{} – {}", t.remove_card, label);
    let default_label = format!("{} – {}", t.make_default, label);
    view! {
        <li>
            <span class="card-name"><strong>{label.clone()}</strong></span>
            <span class="muted">{expires}</span>
            {flag.map(|(class, text)| view! { <span class=class>{text}</span> })}
            {card.is_default.then(|| view! { <span class="card-flag default">{t.card_default}</span> })}
            <span class="card-actions">
                {(!card.is_default).then(|| {
                    let id = id.clone();
                    view! {
                        <ActionForm action=make_default>
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="secondary" aria-label=default_label>
                                {t.make_default}
                            </button>
                        </ActionForm>
                    }
                })}
                <ActionForm action=remove>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="secondary" aria-label=remove_label>
                        {t.remove_card}
                    </button>
                </ActionForm>
            </span>
        </li>
    }
}

/// Where adding a card stands (only the browser moves it past `Idle`).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Adding {
    Idle,
    Loading,
    /// Stripe's field is in the page, waiting for the card.
    Ready,
    Saving,
}

/// "Add a card": Stripe's card field, a SetupIntent confirmed by Stripe.js, the card kept.
#[component]
fn AddCard() -> impl IntoView {
    let t = t();
    // the button only works once the wasm runs; before, the note says what is needed
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let state = RwSignal::new(Adding::Idle);
    let error = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    let session = StoredValue::new_local(
        None::<(
            crate::stripe_js::StripeJs,
            crate::stripe_js::CardField,
            String,
        )>,
    );

    let start = move |_| {
        #[cfg(feature = "hydrate")]
        {
            error.set(None);
            state.set(Adding::Loading);
            leptos::task::spawn_local(async move {
                let began = crate::api::payments::begin_card().await;
                let ready = match began {
                    Ok(handoff) => match crate::stripe_js::StripeJs::for_handoff(&handoff).await {
                        Ok(stripe) => match stripe.mount_card("card-field").await {
                            Ok(field) => Ok((stripe, field, handoff.client_secret)),
                            Err(e) => Err(e),
                        },
                        Err(e) => Err(e),
                    },
                    Err(e) => Err(t.api_error(&e)),
                };
                match ready {
                    Ok(s) => {
                        session.set_value(Some(s));
                        state.set(Adding::Ready);
                    }
                    Err(e) => {
                        error.set(Some(e));
                        state.set(Adding::Idle);
                    }
                }
            });
        }
    };
    let save = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let Some((stripe, field, secret)) = session.get_value() else {
                return;
            };
            error.set(None);
            state.set(Adding::Saving);
            leptos::task::spawn_local(async move {
                match stripe.confirm_card_setup(&secret, &field).await {
                    Ok(seti) => match crate::api::payments::finish_card(Some(seti)).await {
                        Ok(_) => crate::browser::go_to("/payments?saved=card-added"),
                        Err(e) => {
                            error.set(Some(t.api_error(&e)));
                            state.set(Adding::Ready);
                        }
                    },
                    Err(message) => {
                        error.set(Some(message));
                        state.set(Adding::Ready);
                    }
                }
            });
        }
    };
    // drops Stripe's field and the unconfirmed SetupIntent with it
    let cancel = move |_| {
        #[cfg(feature = "hydrate")]
        crate::browser::go_to("/payments");
    };
    view! {
        // said until the wasm runs; without JavaScript, for good
        <p class="muted" hidden=move || hydrated.get()>{t.card_needs_js}</p>
        <div class="add-card" hidden=move || !hydrated.get()>
            {move || (state.get() == Adding::Idle).then(|| view! {
                <button type="button" on:click=start>{t.add_card}</button>
            })}
            {move || (state.get() == Adding::Loading).then(|| view! {
                <p class="loading" role="status">{t.card_loading}</p>
            })}
            <div hidden=move || !matches!(state.get(), Adding::Ready | Adding::Saving)>
                <p class="field-label" id="card-field-label">{t.card_field_label}</p>
                <div id="card-field" class="card-field" role="group" aria-labelledby="card-field-label"></div>
                <button type="button" on:click=save disabled=move || state.get() == Adding::Saving>
                    {t.save_card}
                </button>
                " "
                <button type="button" class="secondary" on:click=cancel>{t.cancel_adding}</button>
            </div>
            <p class="form-error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().unwrap_or_default()}
            </p>
        </div>
    }
}
