//! Sign up, log in, log out, reset a password, who is signed in, and the language of the pages
//! before anyone is.

mod choose_language;
mod current_user;
mod delete_account;
mod log_in;
mod log_in_code;
mod log_out;
mod request_password_reset;
mod reset_password;
mod session_policy;
mod sign_up;

/// What every sign-up form sends: name, email, password, the Terms checkbox (present when
/// ticked) and the browser's zone (filled in by the page when it runs).
#[cfg(feature = "ssr")]
pub(crate) struct SignUpForm {
    pub name: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
    pub accept_terms: Option<String>,
    pub timezone: Option<String>,
}

/// Checks a sign-up form (every problem by its field), creates the account in the page's
/// language, and starts its session (the cookie is set).
#[cfg(feature = "ssr")]
pub(crate) async fn create_account(
    state: &crate::ports::AppState,
    form: SignUpForm,
    role: crate::domain::Role,
) -> Result<crate::ports::SignedIn, crate::api::ApiError> {
    let typed = [
        ("name", form.name.clone()),
        ("email", form.email.clone()),
        ("timezone", form.timezone.clone()),
    ];
    let created = create_checked(state, form, role).await;
    match &created {
        Ok(_) => crate::api::kept::forget(),
        // a refused plain post comes back to the form with these filled in
        Err(_) => crate::api::kept::keep(&typed.each_ref().map(|(k, v)| (*k, v.as_deref()))),
    }
    created
}

#[cfg(feature = "ssr")]
async fn create_checked(
    state: &crate::ports::AppState,
    form: SignUpForm,
    role: crate::domain::Role,
) -> Result<crate::ports::SignedIn, crate::api::ApiError> {
    use crate::api::ApiError;
    use crate::domain::{DisplayName, Email, Field, FieldErrors, Password, Problem, Timezone};
    let mut errors = FieldErrors::default();
    let name = errors.check(
        Field::Name,
        DisplayName::parse(&form.name.unwrap_or_default()),
    );
    let email = errors.check(Field::Email, Email::parse(&form.email.unwrap_or_default()));
    let password = errors.check(
        Field::Password,
        Password::parse(&form.password.unwrap_or_default()),
    );
    if form.accept_terms.is_none() {
        errors.push(Field::Terms, Problem::TermsNotAccepted);
    }
    let (Some(name), Some(email), Some(password), true) =
        (name, email, password, errors.is_empty())
    else {
        return Err(ApiError::Invalid(errors));
    };
    let signed_in = state
        .accounts
        .sign_up(crate::ports::NewAccount {
            name,
            email,
            password,
            // the browser's zone when the wasm could tell us; UTC until the person picks one
            timezone: form
                .timezone
                .and_then(|t| Timezone::parse(&t).ok())
                .unwrap_or(Timezone::UTC),
            // the language the sign-up page was shown in
            language: crate::i18n::use_language(),
            role,
        })
        .await
        .map_err(ApiError::from)?;
    crate::api::session::set_session_cookie(state, &signed_in);
    Ok(signed_in)
}

pub use choose_language::{ChooseLanguage, choose_language};
pub use current_user::{CurrentUserQuery, current_user};
pub use delete_account::{DeleteAccount, delete_account};
pub use log_in::{LogIn, log_in};
pub use log_in_code::{LogInCode, log_in_code};
pub use log_out::{LogOut, log_out};
pub use request_password_reset::{RequestPasswordReset, request_password_reset};
pub use reset_password::{ResetPassword, reset_password};
pub use session_policy::{SessionPolicy, SessionPolicyQuery, session_policy};
pub use sign_up::{SignUp, sign_up};
