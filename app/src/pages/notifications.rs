//! /notifications: what happened to one's bookings, unread first in weight, and which optional
//! emails one wants.

use crate::api::notifications::{MarkNotificationsRead, SaveNotificationSettings};
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_form_error};
use crate::contexts::page_data::PageData;
use crate::contexts::user::{UnreadCount, UserResource};
use crate::domain::{Notification, NotificationKind, Timezone};
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = t();
    let user = expect_context::<UserResource>();
    let unread = expect_context::<UnreadCount>();
    let PageData {
        notifications: list,
        settings,
        ..
    } = expect_context::<PageData>();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let save = ServerAction::<SaveNotificationSettings>::new();
    let save_value = save.value();
    Effect::new(move |_| {
        if matches!(mark.value().get(), Some(Ok(()))) {
            list.refetch();
            unread.0.refetch();
        }
    });
    let saved_query =
        use_query_map().with_untracked(|q| q.get("saved").as_deref() == Some("settings"));
    let saved = move || saved_query || matches!(save_value.get(), Some(Ok(_)));
    view! {
        <Title text=t.notifications_title/>
        <h1>{t.notifications_title}</h1>
        <section class="panel" aria-labelledby="list-heading">
            <h2 id="list-heading" class="visually-hidden">{t.notifications_title}</h2>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let zone = match user.await {
                        Ok(Some(u)) => u.timezone,
                        _ => Timezone::UTC,
                    };
                    match list.await.map(Option::unwrap_or_default) {
                        Ok(items) if items.is_empty() => EitherOf3::A(view! {
                            <div class="empty-state">
                                <p class="empty-title">{t.no_notifications}</p>
                                <p>{t.no_notifications_body}</p>
                            </div>
                        }),
                        Ok(items) => {
                            let any_unread = items.iter().any(|n| !n.read);
                            EitherOf3::B(view! {
                                {any_unread.then(|| view! {
                                    <ActionForm action=mark attr:class="inline-form">
                                        <button type="submit" class="link-button">{t.mark_all_read}</button>
                                    </ActionForm>
                                })}
                                <ul class="notification-list">
                                    {items
                                        .into_iter()
                                        .map(|n| view! { <NotificationItem n zone mark/> })
                                        .collect_view()}
                                </ul>
                            })
                        }
                        Err(e) => EitherOf3::C(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })}
            </Suspense>
        </section>
        <section class="panel" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t.settings_heading}</h2>
            <p class="muted">{t.settings_lede}</p>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let current = settings.await.ok().flatten().unwrap_or_default();
                    view! {
                        <ActionForm action=save attr:class="stack narrow">
                            <div class="field checkbox">
                                <input id="field-email_reminders" type="checkbox" name="email_reminders" value="yes" checked=current.email_reminders/>
                                <label for="field-email_reminders">{t.setting_reminders}</label>
                            </div>
                            <div class="field checkbox">
                                <input id="field-email_booking_updates" type="checkbox" name="email_booking_updates" value="yes" checked=current.email_booking_updates/>
                                <label for="field-email_booking_updates">{t.setting_updates}</label>
                            </div>
                            <FormError message=server_form_error(save_value)/>
                            <Show when=saved>
                                <p class="saved" role="status">{t.settings_saved}</p>
                            </Show>
                            <button type="submit" class="primary" disabled=save.pending()>{t.save_settings}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn NotificationItem(
    n: Notification,
    zone: Timezone,
    mark: ServerAction<MarkNotificationsRead>,
) -> impl IntoView {
    let t = t();
    let language = use_language();
    let template = match n.kind {
        NotificationKind::BookingCreated => t.notif_created,
        NotificationKind::BookingChanged => t.notif_changed,
        NotificationKind::BookingCancelled => t.notif_cancelled,
        NotificationKind::Reminder => t.notif_reminder,
    };
    let text = fill(
        template,
        &[
            ("name", n.other_party.as_str()),
            ("service", n.service_name.as_str()),
            ("date", &dates::long_date(n.starts_at, zone, language)),
            ("time", &dates::clock_time(n.starts_at, zone)),
        ],
    );
    let href = format!("/appointments/{}", n.booking.as_str());
    let id = n.id.as_str().to_owned();
    view! {
        <li class="notification" class:unread=!n.read>
            {(!n.read).then(|| view! { <span class="badge">{t.unread}</span> " " })}
            <a href=href>{text}</a>
            {if n.read {
                Either::Left(())
            } else {
                Either::Right(view! {
                    <ActionForm action=mark attr:class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <button type="submit" class="link-button">{t.mark_read}</button>
                    </ActionForm>
                })
            }}
        </li>
    }
}
