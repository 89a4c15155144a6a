//! /services/:id: a professional changes one of their services. Sessions already booked keep
//! the name, length and price they were booked with.

use crate::api::services::UpdateService;
use crate::components::action_form::ActionForm;
use crate::components::form::{FormError, server_form_error};
use crate::components::services_panel::ServiceFields;
use crate::contexts::practice::Practice;
use crate::domain::Service;
use crate::i18n::t;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ServiceEditPage() -> impl IntoView {
    let t = t();
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let services = expect_context::<Practice>().services;
    view! {
        <Title text=t.edit_service_title/>
        <h1>{t.edit_service_title}</h1>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || {
                let id = id.clone();
                Suspend::new(async move {
                    match services.await {
                        Ok(list) => match list.into_iter().find(|s| s.id.as_str() == id) {
                            Some(service) => EitherOf3::A(view! { <EditForm service/> }),
                            None => EitherOf3::B(view! {
                                <p class="form-error" role="alert">{t.error_not_found}</p>
                                <p><a href="/">{t.back_home}</a></p>
                            }),
                        },
                        Err(e) => EitherOf3::C(view! {
                            <p class="form-error" role="alert">{t.api_error(&e)}</p>
                        }),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EditForm(service: Service) -> impl IntoView {
    let t = t();
    let update = ServerAction::<UpdateService>::new();
    let value = update.value();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            crate::browser::go_to("/?saved=service-updated");
        }
    });
    let id = service.id.as_str().to_owned();
    view! {
        <section class="panel">
            <p class="muted">{t.edit_service_note}</p>
            <ActionForm action=update attr:novalidate=true attr:class="stack narrow">
                <input type="hidden" name="id" value=id/>
                <ServiceFields value initial=Some(service)/>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=update.pending()>{t.save_service}</button>
            </ActionForm>
            <p><a href="/">{t.back_home}</a></p>
        </section>
    }
}
