//! On a professional's Home: their upcoming bookings ("Upcoming sessions" on the page), and the
//! form that books a client into one.

use crate::api::bookings::InviteClient;
use crate::components::action_form::ActionForm;
use crate::components::form::{
    FormError, TextField, emptied_after_success, server_field_error, server_form_error,
};
use crate::components::resource_list::ResourceList;
use crate::components::when_fields::WhenFields;
use crate::contexts::practice::Practice;
use crate::domain::{Booking, CurrentUser, Email, Field, Problem, utc_to_local};
use crate::i18n::{fill, t, use_language};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn check_client_name(raw: &str) -> Option<Problem> {
    crate::domain::DisplayName::parse(raw)
        .err()
        .map(Problem::from)
}

fn check_client_email(raw: &str) -> Option<Problem> {
    Email::parse(raw).err().map(Problem::from)
}

#[component]
pub fn BookingsPanel(me: CurrentUser) -> impl IntoView {
    let t = t();
    let language = use_language();
    let zone = me.timezone;
    let invite = ServerAction::<InviteClient>::new();
    let value = invite.value();
    let Practice {
        bookings,
        services,
        clients,
        ..
    } = expect_context::<Practice>();
    Effect::new(move |_| {
        if matches!(value.get(), Some(Ok(_))) {
            bookings.refetch();
            clients.refetch();
        }
    });
    let saved_query =
        use_query_map().with_untracked(|q| q.get("saved").as_deref() == Some("booking"));
    let saved = move || saved_query || matches!(value.get(), Some(Ok(_)));
    let form = emptied_after_success(value);
    let booked = Signal::derive(move || matches!(value.get(), Some(Ok(_))));
    let date_error = server_field_error(value, Field::Date);
    let time_error = server_field_error(value, Field::Time);
    let service_error = server_field_error(value, Field::Service);

    view! {
        <section class="panel" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t.sessions_heading}</h2>
            <ResourceList
                items=bookings
                empty_title=t.no_sessions
                empty_body=t.no_sessions_body
                row=move |b: Booking| {
                    let (date, time) = utc_to_local(b.starts_at, zone);
                    let line = fill(
                        t.session_line,
                        &[("date", &date), ("time", &time), ("client", b.invitee_name.as_str())],
                    );
                    let href = format!("/appointments/{}", b.id.as_str());
                    view! {
                        <li>
                            <a href=href><strong>{line}</strong></a>
                            <span class="muted">
                                {b.service_name.as_str().to_owned()} " · "
                                {t.session_details(b.meeting_type, b.length, b.price, language)}
                            </span>
                        </li>
                    }
                }
            />
            <h3>{t.invite_heading}</h3>
            <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let list = services.await.unwrap_or_default();
                    if list.is_empty() {
                        return Either::Left(view! {
                            <p class="muted">
                                <a href="#services-heading">{t.invite_need_service}</a>
                                {t.invite_need_service_rest}
                            </p>
                        });
                    }
                    Either::Right(view! {
                        <ActionForm action=invite node_ref=form attr:novalidate=true attr:class="stack narrow">
                            <div class="field">
                                <label for="field-service">{t.service_label}</label>
                                <select id="field-service" name="service" aria-describedby="field-service-error">
                                    {list
                                        .into_iter()
                                        .map(|s| {
                                            let label = format!("{} · {}", s.name.as_str(), s.price.format(language));
                                            view! { <option value=s.id.as_str().to_owned()>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                                <p class="field-error" id="field-service-error" aria-live="polite">{service_error}</p>
                            </div>
                            <WhenFields zone date_error time_error cleared=booked/>
                            <TextField
                                label=t.client_name
                                field=Field::ClientName
                                autocomplete="off"
                                server_error=server_field_error(value, Field::ClientName)
                                validate=check_client_name
                            />
                            <TextField
                                label=t.client_email
                                field=Field::ClientEmail
                                kind="email"
                                autocomplete="off"
                                server_error=server_field_error(value, Field::ClientEmail)
                                validate=check_client_email
                            />
                            <FormError message=server_form_error(value)/>
                            <Show when=saved>
                                <p class="saved" role="status">{t.invited}</p>
                            </Show>
                            <button type="submit" class="primary" disabled=invite.pending()>
                                {move || if invite.pending().get() { t.inviting } else { t.invite_button }}
                            </button>
                        </ActionForm>
                    })
                })}
            </Suspense>
        </section>
    }
}
