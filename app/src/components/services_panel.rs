//! On a professional's Home: their services, and a form to add one.

use crate::api::services::CreateService;
use crate::components::form::{FormError, TextField, server_field_error, server_form_error};
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
    let default_currency = match language {
        Language::Is => Currency::Isk,
        Language::En => Currency::Eur,
    };

    view! {
        <section class="panel" aria-labelledby="services-heading">
            <h2 id="services-heading">{t.services_heading}</h2>
            <ResourceList
                items=services
                empty_title=t.no_services
                empty_body=t.no_services_body
                row=move |s: Service| view! {
                    <li>
                        <strong>{s.name.as_str().to_owned()}</strong>
                        <span class="muted">
                            {t.session_details(s.meeting_type, s.length, s.price, language)}
                        </span>
                    </li>
                }
            />
            <h3>{t.add_service_heading}</h3>
            <ActionForm action=create attr:novalidate=true attr:class="stack narrow">
                <TextField
                    label=t.service_name
                    field=Field::ServiceName
                    hint=t.service_name_hint
                    server_error=server_field_error(value, Field::ServiceName)
                    validate=check_service_name
                />
                <div class="field">
                    <label for="field-meeting_type">{t.meeting_type}</label>
                    <select id="field-meeting_type" name="meeting_type" aria-describedby="field-meeting_type-error">
                        {MeetingType::ALL
                            .into_iter()
                            .map(|m| view! { <option value=m.code()>{t.meeting_type(m)}</option> })
                            .collect_view()}
                    </select>
                    <p class="field-error" id="field-meeting_type-error" aria-live="polite">
                        {server_field_error(value, Field::MeetingType)}
                    </p>
                </div>
                <div class="field">
                    <label for="field-length">{t.length_label}</label>
                    <select id="field-length" name="length" aria-describedby="field-length-error">
                        {ServiceLength::CHOICES
                            .into_iter()
                            .map(|m| {
                                let label = fill(t.minutes, &[("minutes", &m.to_string())]);
                                view! { <option value=m selected=m == 50>{label}</option> }
                            })
                            .collect_view()}
                    </select>
                    <p class="field-error" id="field-length-error" aria-live="polite">
                        {server_field_error(value, Field::ServiceLength)}
                    </p>
                </div>
                <div class="price-row">
                    <TextField
                        label=t.price
                        field=Field::Price
                        kind="text"
                        server_error=server_field_error(value, Field::Price)
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
                            {server_field_error(value, Field::Currency)}
                        </p>
                    </div>
                </div>
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
