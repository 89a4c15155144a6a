//! /hours: a professional's booking link: the link to share (and its name), their weekly hours,
//! dated exceptions and rules, and a preview of the next two weeks' free slots.

use crate::api::links::{RenameLink, SaveHours};
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, TextField, server_field_error, server_form_error};
use crate::components::slot_days::SlotPreview;
use crate::components::text_area::TextArea;
use crate::domain::{Field, LinkSettings, Problem, overrides_text};
use crate::i18n::{fill, t};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn any(_: &str) -> Option<Problem> {
    None
}

#[component]
pub fn HoursPage() -> impl IntoView {
    let t = t();
    let settings = expect_context::<crate::contexts::page_data::PageData>().link;
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let saved_note = match saved.as_deref() {
        Some("hours") => Some(t.hours_saved),
        Some("link") => Some(t.link_renamed),
        _ => None,
    };
    view! {
        <Title text=t.hours_title/>
        <h1>{t.hours_title}</h1>
        <p class="saved" role="status" hidden=saved_note.is_none()>{saved_note}</p>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match settings.await {
                    Ok(Some(s)) => Either::Left(view! { <Settings s/> }),
                    Ok(None) => Either::Right(view! {
                        <p class="form-error" role="alert">{t.api_error(&crate::api::ApiError::Forbidden)}</p>
                    }),
                    Err(e) => Either::Right(view! {
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Settings(s: LinkSettings) -> impl IntoView {
    let t = t();
    let rename = ServerAction::<RenameLink>::new();
    let renamed = rename.value();
    let save = ServerAction::<SaveHours>::new();
    let saved = save.value();
    let a = s.availability.clone();
    let day_labels = [
        t.monday,
        t.tuesday,
        t.wednesday,
        t.thursday,
        t.friday,
        t.saturday,
        t.sunday,
    ];
    // saved: the page is loaded afresh with the saved values and its note
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(saved.get(), Some(Ok(()))) {
            crate::browser::go_to("/hours?saved=hours");
        }
        if matches!(renamed.get(), Some(Ok(()))) {
            crate::browser::go_to("/hours?saved=link");
        }
    });
    let copied = RwSignal::new(false);
    let url = s.url.clone();
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let _ = web_sys::window().map(|w| w.navigator().clipboard().write_text(&url));
            copied.set(true);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &url;
    };
    let zone_note = fill(t.hours_zone_note, &[("zone", &t.zone(s.timezone))]);
    view! {
        <section class="panel" aria-labelledby="link-heading">
            <h2 id="link-heading">{t.link_heading}</h2>
            <p>{t.link_lede}</p>
            <div class="link-row">
                <label for="booking-link" class="visually-hidden">{t.link_heading}</label>
                <input id="booking-link" type="text" readonly=true value=s.url.clone()/>
                <button type="button" class="secondary neutral" on:click=copy>{t.copy_link}</button>
                <a href=format!("/book/{}", s.slug.as_str())>{t.open_link}</a>
            </div>
            <p class="saved" role="status">{move || copied.get().then_some(t.link_copied)}</p>
            {(!s.services.is_empty()).then(|| view! {
                <h3>{t.service_links}</h3>
                <ul class="service-links">
                    {s.services.iter().map(|service| {
                        let url = format!("{}?service={}", s.url, service.id.as_str());
                        let id = format!("service-link-{}", service.id.as_str());
                        view! {
                            <li class="link-row">
                                <label for=id.clone()>{service.name.as_str().to_owned()}</label>
                                <input id=id type="text" readonly=true value=url/>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <ActionForm action=rename attr:novalidate=true attr:class="stack">
                <TextField
                    label=t.link_name
                    field=Field::Slug
                    hint=t.link_name_hint
                    initial=s.slug.as_str().to_owned()
                    server_error=server_field_error(renamed, Field::Slug)
                    validate=any
                />
                <FormError message=server_form_error(renamed)/>
                <button type="submit" class="secondary neutral">{t.rename_link}</button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="hours-heading">
            <h2 id="hours-heading">{t.hours_heading}</h2>
            <p class="muted">{zone_note}</p>
            <ActionForm action=save attr:novalidate=true attr:class="stack hours-form">
                {(0..7u8).map(|i| view! {
                    <TextField
                        label=day_labels[usize::from(i)]
                        field=Field::Hours(i)
                        hint=t.hours_day_hint
                        initial=a.weekly[usize::from(i)].to_string()
                        server_error=server_field_error(saved, Field::Hours(i))
                        validate=any
                    />
                }).collect_view()}
                <div class="field">
                    <label for="field-overrides">{t.overrides_label}</label>
                    <p class="hint" id="field-overrides-hint">{t.overrides_hint}</p>
                    <TextArea
                        id="field-overrides"
                        name="overrides"
                        rows=4
                        described_by="field-overrides-hint"
                        text=overrides_text(&a.overrides)
                    />
                    <FieldProblem message=server_field_error(saved, Field::Overrides) field=Field::Overrides/>
                </div>
                <TextField
                    label=t.notice_label
                    field=Field::Notice
                    kind="number"
                    initial=(a.notice_minutes / 60).to_string()
                    server_error=server_field_error(saved, Field::Notice)
                    validate=any
                />
                <TextField
                    label=t.horizon_label
                    field=Field::Horizon
                    kind="number"
                    initial=a.horizon_days.to_string()
                    server_error=server_field_error(saved, Field::Horizon)
                    validate=any
                />
                <TextField
                    label=t.buffer_label
                    field=Field::Buffer
                    kind="number"
                    initial=a.buffer_minutes.to_string()
                    server_error=server_field_error(saved, Field::Buffer)
                    validate=any
                />
                <FormError message=server_form_error(saved)/>
                <button type="submit" class="primary">{t.save_hours}</button>
            </ActionForm>
        </section>
        <section class="panel" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t.preview_heading}</h2>
            {match s.preview_service.clone() {
                None => Either::Left(view! { <p>{t.preview_no_service}</p> }),
                Some(_) if s.preview.is_empty() => Either::Left(view! { <p>{t.preview_empty}</p> }),
                Some(service) => Either::Right(view! {
                    <p class="muted">
                        {fill(t.preview_lede, &[("service", service.name.as_str()), ("zone", &t.zone(s.timezone))])}
                    </p>
                    <SlotPreview slots=s.preview.clone() zone=s.timezone/>
                }),
            }}
        </section>
    }
}

/// A server problem with a field that has no `TextField` (the dated exceptions).
#[component]
fn FieldProblem(message: Signal<Option<String>>, field: Field) -> impl IntoView {
    let id = format!("field-{}-error", field.input_name());
    view! { <p class="field-error" id=id role="alert" hidden=move || message.get().is_none()>{message}</p> }
}
