//! /hr: an HR admin's dashboard for their company's Wellbeing Hub: its link, inviting employees,
//! members (who joined, never what they booked), the professionals offered, credits granted and
//! used per month (hidden for fewer than five people), settings, and fellow HR admins.

use crate::api::hubs::{
    InviteEmployees, InviteHrAdmin, OfferProfessional, RemoveMember, SaveHubService,
    SaveHubSettings, WithdrawProfessional,
};
use crate::components::action_form::ActionForm;
use crate::components::form::{
    FormError, TextField, check_email, check_name, server_field_error, server_form_error,
};
use crate::components::text_area::TextArea;
use crate::contexts::page_data::PageData;
use crate::domain::{Field, HrDashboard, MonthFigures, SMALLEST_GROUP, Service, ServiceTerms};
use crate::i18n::{dates, fill, t, use_language};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn HrPage() -> impl IntoView {
    let t = t();
    let hr = expect_context::<PageData>().hr;
    view! {
        <Title text=t.hr_title/>
        <Suspense fallback=move || view! { <p class="loading" role="status">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match hr.await {
                    Ok(Some(d)) => Either::Left(view! { <Dashboard d/> }),
                    Ok(None) => Either::Right(view! {
                        <h1>{t.hr_title}</h1>
                        <p>{t.hr_only}</p>
                    }.into_any()),
                    Err(e) => Either::Right(view! {
                        <h1>{t.hr_title}</h1>
                        <p class="form-error" role="alert">{t.api_error(&e)}</p>
                    }.into_any()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Dashboard(d: HrDashboard) -> impl IntoView {
    let t = t();
    let language = use_language();
    let (saved, invited) = use_query_map().with_untracked(|q| (q.get("saved"), q.get("invited")));
    let note = match (saved.as_deref(), invited) {
        (_, Some(n)) => Some(fill(t.hr_invited_saved, &[("count", &n)])),
        (Some("settings"), _) => Some(t.hr_settings_saved.to_owned()),
        (Some("removed"), _) => Some(t.hr_member_removed.to_owned()),
        (Some("offered"), _) => Some(t.hr_offered_saved.to_owned()),
        (Some("withdrawn"), _) => Some(t.hr_withdrawn_saved.to_owned()),
        (Some("admin"), _) => Some(t.hr_admin_saved.to_owned()),
        (Some("service"), _) => Some(t.hr_service_saved.to_owned()),
        (Some("logo"), _) => Some(t.hr_logo_saved.to_owned()),
        _ => None,
    };
    // dates in the HR admin's own zone (the layout has loaded them)
    let zone = use_context::<crate::contexts::user::UserResource>()
        .and_then(|u| u.get_untracked())
        .and_then(|u| u.ok().flatten())
        .map_or(crate::domain::Timezone::UTC, |u| u.timezone);
    view! {
        <h1>{fill(t.hr_heading, &[("company", &d.company)])}</h1>
        {note.map(|n| view! { <p class="notice" role="status">{n}</p> })}
        <section class="panel" aria-labelledby="hub-link-heading">
            <h2 id="hub-link-heading">{t.hr_link_heading}</h2>
            <p>{t.hr_link_help}</p>
            <p><a href=d.url.clone() data-testid="hub-url">{d.url.clone()}</a></p>
        </section>
        <InviteForm/>
        <section class="panel" aria-labelledby="members-heading">
            <h2 id="members-heading">{fill(t.hr_members_heading, &[("count", &d.members.len().to_string())])}</h2>
            <p class="muted">{t.hr_members_help}</p>
            {if d.members.is_empty() {
                Either::Left(view! { <p class="empty-title">{t.hr_no_members}</p> })
            } else {
                Either::Right(view! {
                    <ul class="resource-list">
                        {d.members.iter().map(|m| view! {
                            <li>
                                <span>
                                    <strong>{m.name.as_str().to_owned()}</strong>
                                    " · " {m.email.to_string()}
                                    <span class="muted">" · " {fill(t.hr_joined, &[("date", &dates::long_date(m.joined_at, zone, language))])}</span>
                                </span>
                                <RemoveButton member=m.user.as_str().to_owned() name=m.name.as_str().to_owned()/>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
            {(!d.invites.is_empty()).then(|| view! {
                <h3>{t.hr_pending_heading}</h3>
                <ul class="resource-list">
                    {d.invites.iter().map(|i| view! {
                        <li>{i.email.to_string()} <span class="muted">" · " {dates::long_date(i.invited_at, zone, language)}</span></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        <LogoPanel company=d.company.clone() logo=d.logo.clone()/>
        <OfferedPanel d=d.clone()/>
        <Figures months=d.months.clone()/>
        <SettingsForm d=d.clone()/>
        <AdminsPanel d=d.clone()/>
    }
}

/// After a change, the page loads afresh with what was saved and its note (without JavaScript
/// the server's redirect does the same).
fn reload_after<T: Clone + Send + Sync + 'static>(
    value: impl Get<Value = Option<Result<T, crate::api::ApiError>>> + Send + Sync + 'static,
    to: fn(&T) -> String,
) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(v)) = value.get() {
            crate::browser::go_to(&to(&v));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (value, to);
}

/// A labelled `<textarea>` with its hint and the server's problem with it.
#[component]
fn AreaField(
    label: &'static str,
    id: &'static str,
    name: &'static str,
    /// The hint and its element's id.
    hint: (&'static str, &'static str),
    rows: u32,
    text: String,
    server_error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || server_error.get().is_some()>
            <label for=id>{label}</label>
            <p class="hint" id=hint.1>{hint.0}</p>
            <TextArea id name rows described_by=hint.1 text/>
            <p class="field-error" id=error_id aria-live="polite">{server_error}</p>
        </div>
    }
}

/// The company's logo on its hub: a plain form (the file goes to `/hr/logo`, which answers
/// with this page again), so it works before the wasm loads.
#[component]
fn LogoPanel(company: String, logo: Option<String>) -> impl IntoView {
    let t = t();
    let error = use_query_map().with_untracked(|q| {
        q.get("logo_error")
            .and_then(|c| crate::domain::PictureError::from_code(&c))
            .map(|e| t.picture_error(e))
    });
    let alt = fill(t.hub_logo_alt, &[("company", &company)]);
    view! {
        <section class="panel" aria-labelledby="logo-heading">
            <h2 id="logo-heading">{t.hr_logo_heading}</h2>
            {match logo {
                Some(src) => view! { <img class="hub-logo" src=src alt=alt height="64"/> }.into_any(),
                None => view! { <p class="muted">{t.hr_no_logo}</p> }.into_any(),
            }}
            <form method="post" action="/hr/logo" enctype="multipart/form-data" class="stack narrow" novalidate>
                <div class="field" class:invalid=error.is_some()>
                    <label for="field-logo">{t.hr_logo_label}</label>
                    <p class="hint" id="field-logo-hint">{t.picture_hint}</p>
                    <input
                        id="field-logo"
                        type="file"
                        name="logo"
                        accept=crate::domain::PICTURE_ACCEPT
                        aria-describedby="field-logo-hint field-logo-error"
                        aria-invalid=if error.is_some() { "true" } else { "false" }
                    />
                    <p class="field-error" id="field-logo-error" aria-live="polite">{error}</p>
                </div>
                <button type="submit">{t.hr_logo_button}</button>
            </form>
        </section>
    }
}

#[component]
fn InviteForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<InviteEmployees>::new();
    let value = action.value();
    let pending = action.pending();
    reload_after(value, |n| format!("/hr?invited={n}"));
    view! {
        <section class="panel" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t.hr_invite_heading}</h2>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <AreaField
                    label=t.hr_invite_label
                    id="field-emails"
                    name="emails"
                    hint=(t.hr_invite_hint, "field-emails-hint")
                    rows=5
                    text=String::new()
                    server_error=server_field_error(value, Field::Emails)
                />
                <CsvPicker/>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>{t.hr_invite_button}</button>
            </ActionForm>
        </section>
    }
}

/// With the page running, a CSV file's text goes into the list above (nothing is uploaded until
/// the form is sent); without it, pasting the file's text does the same.
#[component]
fn CsvPicker() -> impl IntoView {
    let t = t();
    #[cfg(feature = "hydrate")]
    let on_change = move |ev: leptos::ev::Event| {
        crate::browser::read_file_into(&ev, "field-emails");
    };
    #[cfg(not(feature = "hydrate"))]
    let on_change = move |_: leptos::ev::Event| {};
    view! {
        <div class="field">
            <label for="csv-file">{t.hr_csv_label}</label>
            <input id="csv-file" type="file" accept=".csv,text/csv,text/plain" on:change=on_change/>
        </div>
    }
}

#[component]
fn RemoveButton(member: String, name: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RemoveMember>::new();
    let pending = action.pending();
    let value = action.value();
    reload_after(value, |_| "/hr?saved=removed".into());
    let label = fill(t.hr_remove_label, &[("name", &name)]);
    view! {
        <details class="confirm">
            <summary aria-label=label.clone()>{t.hr_remove}</summary>
            <p>{fill(t.hr_remove_explain, &[("name", &name)])}</p>
            <ActionForm action>
                <input type="hidden" name="member" value=member/>
                <FormError message=server_form_error(value)/>
                <button type="submit" class="danger" disabled=pending>{label}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn OfferedPanel(d: HrDashboard) -> impl IntoView {
    let t = t();
    let offer = ServerAction::<OfferProfessional>::new();
    let value = offer.value();
    let pending = offer.pending();
    reload_after(value, |_| "/hr?saved=offered".into());
    view! {
        <section class="panel" aria-labelledby="offered-heading">
            <h2 id="offered-heading">{t.hr_offered_heading}</h2>
            {if d.offered.is_empty() {
                Either::Left(view! { <p class="empty-title">{t.hr_no_offered}</p> })
            } else {
                Either::Right(view! {
                    <ul class="resource-list">
                        {d.offered.iter().map(|p| view! {
                            <li class="offered-professional">
                                <span><strong>{p.name.as_str().to_owned()}</strong> <span class="muted">" · /book/" {p.slug.as_str().to_owned()}</span></span>
                                <WithdrawButton id=p.id.as_str().to_owned() name=p.name.as_str().to_owned()/>
                                <ul class="hub-service-terms">
                                    {p.services.iter().map(|(s, terms)| view! {
                                        <ServiceTermsForm service=s.clone() terms=*terms usual=d.settings.policy.session_credits/>
                                    }).collect_view()}
                                </ul>
                            </li>
                        }).collect_view()}
                    </ul>
                })
            }}
            <ActionForm action=offer attr:novalidate=true attr:class="stack">
                <TextField
                    label=t.hr_offer_label
                    field=Field::Slug
                    hint=t.hr_offer_hint
                    server_error=server_field_error(value, Field::Slug)
                    validate=|_| None
                />
                <FormError message=server_form_error(value)/>
                <button type="submit" disabled=pending>{t.hr_offer_button}</button>
            </ActionForm>
        </section>
    }
}

/// One service of an offered professional: in the hub or not, and its cost in credits.
#[component]
fn ServiceTermsForm(service: Service, terms: ServiceTerms, usual: u32) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SaveHubService>::new();
    let value = action.value();
    let pending = action.pending();
    reload_after(value, |_| "/hr?saved=service".into());
    let id = service.id.as_str().to_owned();
    let name = service.name.as_str().to_owned();
    let offered_id = format!("offered-{id}");
    let credits_id = format!("credits-{id}");
    let save_label = fill(t.hr_service_save_label, &[("service", &name)]);
    view! {
        <li>
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="service" value=id/>
                <span class="checkbox">
                    <input id=offered_id.clone() type="checkbox" name="offered" value="yes" checked=terms.offered/>
                    <label for=offered_id>{fill(t.hr_service_offered, &[("service", &name)])}</label>
                </span>
                <label for=credits_id.clone()>{t.hr_service_credits}</label>
                <input id=credits_id type="number" name="credits" min="1" max="100" inputmode="numeric"
                    placeholder=usual.to_string()
                    value=terms.credits.map(|c| c.to_string()).unwrap_or_default()/>
                <button type="submit" aria-label=save_label disabled=pending>{t.hr_service_save}</button>
                <FormError message=server_form_error(value)/>
            </ActionForm>
        </li>
    }
}

#[component]
fn WithdrawButton(id: String, name: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<WithdrawProfessional>::new();
    let pending = action.pending();
    reload_after(action.value(), |_| "/hr?saved=withdrawn".into());
    let label = fill(t.hr_withdraw_label, &[("name", &name)]);
    view! {
        <ActionForm action>
            <input type="hidden" name="professional" value=id/>
            <button type="submit" class="link-button" aria-label=label disabled=pending>{t.hr_withdraw}</button>
        </ActionForm>
    }
}

#[component]
fn Figures(months: Vec<MonthFigures>) -> impl IntoView {
    let t = t();
    let language = use_language();
    let shown = |n: Option<i64>| n.map_or_else(|| t.hr_hidden.to_owned(), |n| n.to_string());
    view! {
        <section class="panel" aria-labelledby="figures-heading">
            <h2 id="figures-heading">{t.hr_figures_heading}</h2>
            <p class="muted">{fill(t.hr_figures_help, &[("smallest", &SMALLEST_GROUP.to_string())])}</p>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t.hr_month}</th>
                            <th scope="col">{t.hr_granted}</th>
                            <th scope="col">{t.hr_used}</th>
                            <th scope="col">{t.hr_requests}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {months.into_iter().map(|m| {
                            let label = month_label(&m.month, language);
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>{shown(m.granted)}</td>
                                    <td>{shown(m.used)}</td>
                                    <td>{shown(m.requests.map(|r| r as i64))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// `2026-11` as "November 2026".
fn month_label(month: &str, language: crate::domain::Language) -> String {
    let mut parts = month.split('-');
    match (
        parts.next().and_then(|y| y.parse::<i32>().ok()),
        parts.next().and_then(|m| m.parse::<u32>().ok()),
    ) {
        (Some(y), Some(m)) if (1..=12).contains(&m) => {
            format!("{} {y}", dates::month_name(m - 1, language))
        }
        _ => month.to_owned(),
    }
}

#[component]
fn SettingsForm(d: HrDashboard) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SaveHubSettings>::new();
    let value = action.value();
    let pending = action.pending();
    reload_after(value, |_| "/hr?saved=settings".into());
    let s = d.settings;
    let number = move |label: &'static str, field: Field, initial: u32| {
        view! {
            <TextField
                label
                field
                kind="number"
                initial=initial.to_string()
                server_error=server_field_error(value, field)
                validate=|_| None
            />
        }
    };
    view! {
        <section class="panel" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{t.hr_settings_heading}</h2>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <AreaField
                    label=t.hr_welcome_label
                    id="field-welcome"
                    name="welcome"
                    hint=(t.hr_welcome_hint, "field-welcome-hint")
                    rows=4
                    text=s.welcome.clone()
                    server_error=server_field_error(value, Field::Welcome)
                />
                {number(t.hr_credits_label, Field::Credits, s.policy.credits_per_period)}
                {number(t.hr_period_label, Field::Period, s.policy.period_months)}
                {number(t.hr_cost_label, Field::SessionCredits, s.policy.session_credits)}
                <TextField
                    label=t.hr_domains_label
                    field=Field::Domains
                    hint=t.hr_domains_hint
                    initial=s.domains.join(", ")
                    server_error=server_field_error(value, Field::Domains)
                    validate=|_| None
                />
                <FormError message=server_form_error(value)/>
                <button type="submit" class="primary" disabled=pending>{t.hr_save_settings}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn AdminsPanel(d: HrDashboard) -> impl IntoView {
    let t = t();
    let action = ServerAction::<InviteHrAdmin>::new();
    let value = action.value();
    let pending = action.pending();
    reload_after(value, |_| "/hr?saved=admin".into());
    view! {
        <section class="panel" aria-labelledby="admins-heading">
            <h2 id="admins-heading">{t.hr_admins_heading}</h2>
            <ul class="resource-list">
                {d.admins.iter().map(|(name, email)| view! {
                    <li><strong>{name.as_str().to_owned()}</strong> " · " {email.to_string()}</li>
                }).collect_view()}
            </ul>
            <h3>{t.hr_add_admin}</h3>
            <ActionForm action attr:novalidate=true attr:class="stack">
                <TextField
                    label=t.full_name
                    field=Field::Name
                    autocomplete="off"
                    server_error=server_field_error(value, Field::Name)
                    validate=check_name
                />
                <TextField
                    label=t.email
                    field=Field::Email
                    kind="email"
                    server_error=server_field_error(value, Field::Email)
                    validate=check_email
                />
                <FormError message=server_form_error(value)/>
                <button type="submit" disabled=pending>{t.hr_add_admin_button}</button>
            </ActionForm>
        </section>
    }
}
