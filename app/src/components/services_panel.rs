//! On a professional's Home: their services (each to change or archive), and a form to add one.

use crate::api::ApiError;
use crate::api::services::{ArchiveService, CreateService};
use crate::components::action_form::ActionForm;
use crate::components::form::{
    FormError, TextField, emptied_after_success, server_field_error, server_form_error,
};
use crate::components::resource_list::ResourceList;
use crate::contexts::practice::Practice;
use crate::domain::{
    Currency, Field, Language, MeetingType, Money, Problem, Service, ServiceLength, ServiceName,
};
use crate::i18n::{fill, t, use_language};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn check_service_name(raw: &str) -> Option<Problem> {
    ServiceName::parse(raw).err().map(Problem::from)
}

/// The currency is chosen beside it, so only the shape is checked here; the server checks decimals.
fn check_price(raw: &str) -> Option<Problem> {
    Money::parse(raw, Currency::Eur).err().map(Problem::from)
}

#[component]
pub fn ServicesPanel() -> impl IntoView {
    let t = t();
    let language = use_language();
    let create = ServerAction::<CreateService>::new();
    let value = create.value();
    let services = expect_context::<Practice>().services;
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            services.refetch();
        }
    });
    let saved_query =
        use_query_map().with_untracked(|q| q.get("saved").as_deref() == Some("service"));
    let saved = move || saved_query || matches!(value.get(), Some(Ok(_)));
    let form = emptied_after_success(value);
    let archive = ServerAction::<ArchiveService>::new();
    let archived = archive.value();
    Effect::new(move |_| {
        if matches!(archived.get(), Some(Ok(()))) {
            services.refetch();
        }
    });
    let note = use_query_map().with_untracked(|q| match q.get("saved").as_deref() {
        Some("service-updated") => Some(t.service_updated),
        Some("service-archived") => Some(t.service_archived),
        _ => None,
    });

    view! {
        <section class="panel" aria-labelledby="services-heading">
            <h2 id="services-heading">{t.services_heading}</h2>
            <p class="saved" role="status" hidden=note.is_none()>{note}</p>
            <FormError message=server_form_error(archived)/>
            <ResourceList
                items=services
                empty_title=t.no_services
                empty_body=t.no_services_body
                row=move |s: Service| {
                    let name = s.name.as_str().to_owned();
                    let edit_label = format!("{} – {name}", t.edit_service);
                    let archive_label = format!("{} – {name}", t.archive_service);
                    view! {
                        <li class="service-row">
                            <strong>{name.clone()}</strong>
                            <span class="muted">
                                {t.session_details(s.meeting_type, s.length, s.price, language)}
                            </span>
                            <span class="card-actions">
                                <a href=format!("/services/{}", s.id.as_str()) aria-label=edit_label>
                                    {t.edit_service}
                                </a>
                                <ActionForm action=archive>
                                    <input type="hidden" name="id" value=s.id.as_str().to_owned()/>
                                    <button type="submit" class="secondary" aria-label=archive_label>
                                        {t.archive_service}
                                    </button>
                                </ActionForm>
                            </span>
                        </li>
                    }
                }
            />
            <h3>{t.add_service_heading}</h3>
            <ActionForm action=create node_ref=form attr:novalidate=true attr:class="stack narrow">
                <ServiceFields value initial=None/>
                <FormError message=server_form_error(value)/>
                <Show when=saved>
                    <p class="saved" role="status">{t.service_added}</p>
                </Show>
                <button type="submit" class="primary" disabled=create.pending()>
                    {move || if create.pending().get() { t.adding } else { t.add_service }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The errors a service form shows next to its fields, from its action's answer.
fn errors_of<V>(value: V) -> [Signal<Option<String>>; 5]
where
    V: With<Value = Option<Result<Service, ApiError>>> + Copy + Send + Sync + 'static,
{
    [
        Field::ServiceName,
        Field::MeetingType,
        Field::ServiceLength,
        Field::Price,
        Field::Currency,
    ]
    .map(|f| server_field_error(value, f))
}

/// Name, meeting type, length, price and currency: empty to add a service, or `initial`'s.
#[component]
pub fn ServiceFields<V>(value: V, initial: Option<Service>) -> impl IntoView
where
    V: With<Value = Option<Result<Service, ApiError>>> + Copy + Send + Sync + 'static,
{
    let t = t();
    let language = use_language();
    let [
        name_error,
        meeting_error,
        length_error,
        price_error,
        currency_error,
    ] = errors_of(value);
    let default_currency = initial.as_ref().map_or(
        match language {
            Language::Is => Currency::Isk,
            Language::En => Currency::Eur,
        },
        |s| s.price.currency(),
    );
    let meeting = initial
        .as_ref()
        .map_or(MeetingType::Video, |s| s.meeting_type);
    let length = initial.as_ref().map_or(50, |s| s.length.minutes());
    let name = initial.as_ref().map(|s| s.name.as_str().to_owned());
    let price = initial.as_ref().map(|s| s.price.plain());
    view! {
                <TextField
                    label=t.service_name
                    field=Field::ServiceName
                    hint=t.service_name_hint
                    initial=name.unwrap_or_default()
                    server_error=name_error
                    validate=check_service_name
                />
                <div class="field">
                    <label for="field-meeting_type">{t.meeting_type}</label>
                    <select id="field-meeting_type" name="meeting_type" aria-describedby="field-meeting_type-error">
                        {MeetingType::ALL
                            .into_iter()
                            .map(|m| view! { <option value=m.code() selected=m == meeting>{t.meeting_type(m)}</option> })
                            .collect_view()}
                    </select>
                    <p class="field-error" id="field-meeting_type-error" aria-live="polite">
                        {meeting_error}
                    </p>
                </div>
                <div class="field">
                    <label for="field-length">{t.length_label}</label>
                    <select id="field-length" name="length" aria-describedby="field-length-error">
                        {ServiceLength::CHOICES
                            .into_iter()
                            .map(|m| {
                                let label = fill(t.minutes, &[("minutes", &m.to_string())]);
                                view! { <option value=m selected=m == length>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p class="field-error" id="field-length-error" aria-live="polite">
                        {length_error}
                    </p>
                </div>
                <div class="price-row">
                    <TextField
                        label=t.price
                        field=Field::Price
                        kind="text"
                        initial=price.unwrap_or_default()
                        server_error=price_error
                        validate=check_price
                    />
                    <div class="field">
                        <label for="field-currency">{t.currency}</label>
                        <select id="field-currency" name="currency" aria-describedby="field-currency-error">
                            {Currency::ALL
                                .into_iter()
                                .map(|c| view! {
                                    <option value=c.code() selected=c == default_currency>{c.code()}</option>
                                })
                                .collect_view()}
                        </select>
                        <p class="field-error" id="field-currency-error" aria-live="polite">
                            {currency_error}
                        </p>
                    </div>
                </div>
    }
}
