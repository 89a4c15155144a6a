//! My profile: name, email, password, language, time zone and picture. Each acts only on the
//! signed-in user's own account.

use crate::api::ApiError;
use crate::domain::CurrentUser;
use leptos::prelude::*;

#[server(endpoint = "update_name")]
pub async fn update_name(name: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{DisplayName, Field, FieldErrors};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let Some(name) = errors.check(Field::Name, DisplayName::parse(&name.unwrap_or_default()))
    else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state()?
        .accounts
        .rename(&me.id, &name)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=name");
    Ok(updated)
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: Option<String>,
    new_password: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, set_session_cookie, state};
    use crate::domain::{Field, FieldErrors, Password, Problem};
    use crate::ports::AccountError;

    let me = require_user().await?;
    let state = state()?;
    let mut errors = FieldErrors::default();
    let current = errors.check(
        Field::CurrentPassword,
        Password::for_login(&current_password.unwrap_or_default()),
    );
    let new = errors.check(
        Field::NewPassword,
        Password::parse(&new_password.unwrap_or_default()),
    );
    let (Some(current), Some(new)) = (current, new) else {
        return Err(ApiError::Invalid(errors));
    };
    let signed_in = match state.accounts.change_password(&me, &current, &new).await {
        Ok(s) => s,
        Err(AccountError::InvalidCredentials) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::CurrentPassword, Problem::WrongCurrentPassword);
            return Err(ApiError::Invalid(errors));
        }
        Err(AccountError::WeakPassword(problem)) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::NewPassword, problem);
            return Err(ApiError::Invalid(errors));
        }
        Err(e) => return Err(e.into()),
    };
    set_session_cookie(&state, &signed_in);
    leptos_axum::redirect("/profile?saved=password");
    Ok(())
}

#[server(endpoint = "request_email_change")]
pub async fn request_email_change(
    email: Option<String>,
    current_password: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Email, Field, FieldErrors, Password, Problem};
    use crate::ports::AccountError;

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let email = errors.check(Field::Email, Email::parse(&email.unwrap_or_default()));
    let current = errors.check(
        Field::CurrentPassword,
        Password::for_login(&current_password.unwrap_or_default()),
    );
    if email.as_ref().is_some_and(|e| e.key() == me.email.key()) {
        errors.push(Field::Email, Problem::SameEmail);
    }
    let (Some(email), Some(current), true) = (email, current, errors.is_empty()) else {
        return Err(ApiError::Invalid(errors));
    };
    match state()?
        .accounts
        .request_email_change(&me, &email, &current)
        .await
    {
        Ok(()) => {}
        Err(AccountError::InvalidCredentials) => {
            let mut errors = FieldErrors::default();
            errors.push(Field::CurrentPassword, Problem::WrongCurrentPassword);
            return Err(ApiError::Invalid(errors));
        }
        Err(e) => return Err(e.into()),
    }
    leptos_axum::redirect("/profile?saved=email-sent");
    Ok(())
}

/// Opened from the link mailed to the new address; the token proves the address is theirs.
#[server(endpoint = "confirm_email_change")]
pub async fn confirm_email_change(token: Option<String>) -> Result<(), ApiError> {
    use crate::api::session::state;

    let token = token.unwrap_or_default();
    if token.is_empty() || token.len() > 128 {
        return Err(ApiError::LinkExpired);
    }
    state()?
        .accounts
        .confirm_email_change(&token)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=email");
    Ok(())
}

#[server(endpoint = "update_timezone")]
pub async fn update_timezone(timezone: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{require_user, state};
    use crate::domain::{Field, FieldErrors, Timezone};

    let me = require_user().await?;
    let mut errors = FieldErrors::default();
    let Some(zone) = errors.check(
        Field::Timezone,
        Timezone::parse(&timezone.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state()?
        .accounts
        .set_timezone(&me.id, zone)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=timezone");
    Ok(updated)
}

#[server(endpoint = "update_language")]
pub async fn update_language(language: Option<String>) -> Result<CurrentUser, ApiError> {
    use crate::api::session::{remember_language, require_user, state};
    use crate::domain::{Field, FieldErrors, Language};

    let me = require_user().await?;
    let state = state()?;
    let mut errors = FieldErrors::default();
    let Some(language) = errors.check(
        Field::Language,
        Language::parse(&language.unwrap_or_default()),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    let updated = state
        .accounts
        .set_language(&me.id, language)
        .await
        .map_err(ApiError::from)?;
    remember_language(&state, language);
    leptos_axum::redirect("/profile?saved=language");
    Ok(updated)
}

/// The upload itself is a multipart form handled outside server functions (it streams a file and
/// reports progress); removing needs nothing but the signed-in user.
#[server(endpoint = "remove_picture")]
pub async fn remove_picture() -> Result<(), ApiError> {
    use crate::api::session::{require_user, state};

    let me = require_user().await?;
    state()?
        .pictures
        .remove(&me.id)
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/profile?saved=picture-removed");
    Ok(())
}
