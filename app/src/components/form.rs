//! Form fields that show their problem next to themselves, checked as you type with the server's rules.

use crate::api::ApiError;
use crate::domain::{DisplayName, Email, Field, Password, Problem};
use crate::i18n::t;
use leptos::prelude::*;

/// The message for `field` from the last server answer, if it had one.
pub fn server_field_error<T, V>(value: V, field: Field) -> Signal<Option<String>>
where
    V: With<Value = Option<Result<T, ApiError>>> + Copy + Send + Sync + 'static,
{
    let t = t();
    Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(ApiError::Invalid(errors))) => {
                errors.get(field).map(|p| t.problem(p).to_owned())
            }
            Some(Err(ApiError::EmailTaken)) if field == Field::Email => {
                Some(t.api_error(&ApiError::EmailTaken))
            }
            _ => None,
        })
    })
}

pub fn server_form_error<T, V>(value: V) -> Signal<Option<String>>
where
    V: With<Value = Option<Result<T, ApiError>>> + Copy + Send + Sync + 'static,
{
    let t = t();
    Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(ApiError::Invalid(_) | ApiError::EmailTaken)) | None | Some(Ok(_)) => None,
            Some(Err(e)) => Some(t.api_error(e)),
        })
    })
}

/// A form to give to `ActionForm`'s `node_ref`: emptied once its action has succeeded, so the
/// next entry starts afresh and a second press can't send the same thing twice. (Without
/// JavaScript the page comes back anew, empty, by itself.)
pub fn emptied_after_success<T, V>(value: V) -> NodeRef<leptos::html::Form>
where
    V: With<Value = Option<Result<T, ApiError>>> + Copy + Send + Sync + 'static,
{
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if value.with(|v| matches!(v, Some(Ok(_))))
            && let Some(form) = form.get_untracked()
        {
            form.reset();
        }
    });
    form
}

#[component]
pub fn TextField(
    label: &'static str,
    field: Field,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] initial: Option<String>,
    server_error: Signal<Option<String>>,
    validate: fn(&str) -> Option<Problem>,
    #[prop(default = true)] required: bool,
) -> impl IntoView {
    let t = t();
    let check = move |raw: &str| validate(raw).map(|p| t.problem(p).to_owned());
    let required_attr = if required { "true" } else { "false" };
    let name = field.input_name();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let local_error = RwSignal::new(None::<String>);
    let edited = RwSignal::new(false);
    Effect::new(move |_| {
        // a fresh server answer is shown until the person edits the field again
        server_error.track();
        edited.set(false);
    });
    let error = move || {
        local_error
            .get()
            .or_else(|| (!edited.get()).then(|| server_error.get()).flatten())
    };
    let described_by = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=kind
                name=name
                value=initial
                autocomplete=autocomplete
                aria-required=required_attr
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                on:blur=move |ev| local_error.set(check(&event_target_value(&ev)))
                on:input=move |ev| {
                    edited.set(true);
                    if local_error.get_untracked().is_some() {
                        local_error.set(check(&event_target_value(&ev)));
                    }
                }
            />
            <p class="field-error" id=error_id aria-live="polite">
                {error}
            </p>
        </div>
    }
}

/// A banner for the whole form, read out by screen readers when it appears.
#[component]
pub fn FormError(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.get().is_some()>
            <p class="form-error" role="alert">
                {move || message.get()}
            </p>
        </Show>
    }
}

/// "I accept the Terms & Conditions", with its problem beside it.
#[component]
pub fn TermsField(error: Signal<Option<String>>) -> impl IntoView {
    let t = t();
    view! {
        <div class="field checkbox" class:invalid=move || error.get().is_some()>
            <input
                id="field-accept_terms"
                type="checkbox"
                name="accept_terms"
                value="yes"
                aria-describedby="field-accept_terms-error"
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            />
            <label for="field-accept_terms">
                {t.accept_terms}
                <a href="/terms" target="_blank" rel="noopener">{t.terms_link}</a>
            </label>
            <p class="field-error" id="field-accept_terms-error" aria-live="polite">
                {error}
            </p>
        </div>
    }
}

// What each field accepts, checked as the person types; the server checks again.
pub fn check_name(raw: &str) -> Option<Problem> {
    DisplayName::parse(raw).err().map(Problem::from)
}
pub fn check_email(raw: &str) -> Option<Problem> {
    Email::parse(raw).err().map(Problem::from)
}
pub fn check_new_password(raw: &str) -> Option<Problem> {
    Password::parse(raw).err().map(Problem::from)
}
pub fn check_login_password(raw: &str) -> Option<Problem> {
    Password::for_login(raw).err().map(Problem::from)
}

/// The server's answer for a new account's fields, each problem by its field, and whether the
/// address has an account already.
#[derive(Clone, Copy)]
pub struct NewAccountErrors {
    name: Signal<Option<String>>,
    email: Signal<Option<String>>,
    password: Signal<Option<String>>,
    terms: Signal<Option<String>>,
    taken: Signal<bool>,
}

impl NewAccountErrors {
    pub fn of<T, V>(value: V) -> Self
    where
        V: With<Value = Option<Result<T, ApiError>>> + Copy + Send + Sync + 'static,
    {
        Self {
            name: server_field_error(value, Field::Name),
            email: server_field_error(value, Field::Email),
            password: server_field_error(value, Field::Password),
            terms: server_field_error(value, Field::Terms),
            taken: Signal::derive(move || {
                value.with(|v| matches!(v, Some(Err(ApiError::EmailTaken))))
            }),
        }
    }
}

/// What every sign-up form asks: full name, email (`email` to start with), a new password and
/// the Terms. An address that has an account gets a link to `log_in` under its field.
#[component]
pub fn NewAccountFields(
    errors: NewAccountErrors,
    #[prop(optional)] email: Option<String>,
    log_in: String,
) -> impl IntoView {
    let t = t();
    // after a refused plain post, what was typed (never the password)
    let kept = crate::api::kept::kept;
    view! {
        <TextField
            label=t.full_name
            field=Field::Name
            autocomplete="name"
            initial=kept("name").unwrap_or_default()
            server_error=errors.name
            validate=check_name
        />
        <TextField
            label=t.email
            field=Field::Email
            kind="email"
            autocomplete="email"
            initial=email.or_else(|| kept("email")).unwrap_or_default()
            server_error=errors.email
            validate=check_email
        />
        <Show when=move || errors.taken.get()>
            <p class="field-help">
                <a href=log_in.clone()>{t.log_in_instead}</a>
                {t.log_in_instead_rest}
            </p>
        </Show>
        <TextField
            label=t.password
            field=Field::Password
            kind="password"
            autocomplete="new-password"
            hint=t.signup_password_hint
            server_error=errors.password
            validate=check_new_password
        />
        <crate::components::zone_field::NewAccountZone/>
        <TermsField error=errors.terms/>
    }
}

/// Six digits from the app, or a recovery code.
pub fn check_code(raw: &str) -> Option<Problem> {
    crate::domain::LoginCode::parse(raw)
        .err()
        .map(Problem::from)
}
