//! Who is asking: the session cookie read and written for server functions and page renders.

use super::ApiError;
use crate::domain::{CurrentUser, Language};
use crate::ports::{AppState, SessionToken, SignedIn};
use axum::http::{HeaderValue, header};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// The cookie's name over plain http (a laptop, tests).
pub const SESSION_COOKIE: &str = "tandem_session";
/// Over https: the `__Host-` prefix makes browsers refuse it unless Secure, Path=/ and no Domain,
/// so a sibling subdomain can never plant or overwrite it (SEC-08).
pub const SECURE_SESSION_COOKIE: &str = "__Host-tandem_session";

fn cookie_name(state: &AppState) -> &'static str {
    if state.cookies.secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

pub fn state() -> Result<AppState, ApiError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        ApiError::Internal
    })
}

fn request_parts() -> Option<axum::http::request::Parts> {
    use_context::<axum::http::request::Parts>()
}

/// The session token from the request's cookies, if any.
pub fn session_token() -> Option<SessionToken> {
    token_from_headers(&request_parts()?.headers, &state().ok()?)
}

/// The session token in these request headers: for handlers outside Leptos (picture upload).
pub fn token_from_headers(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Option<SessionToken> {
    cookie_value(headers, cookie_name(state)).map(|v| SessionToken::new(v.to_owned()))
}

pub(crate) fn cookie_value<'h>(headers: &'h axum::http::HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Who a page render acts for, looked up at most once however many of the page's resources ask
/// (the server provides one per page request; a server function called on its own has none, and
/// looks up once anyway). Nothing in a render signs anyone in or out, so it cannot go stale.
#[derive(Clone, Default)]
pub struct RequestActor(std::sync::Arc<tokio::sync::OnceCell<Option<CurrentUser>>>);

/// The signed-in user, or `None`. The single place a request becomes an actor.
pub async fn current_user() -> Result<Option<CurrentUser>, ApiError> {
    let Some(parts) = request_parts() else {
        return Ok(None);
    };
    let state = state()?;
    let look_up = || user_from_headers(&parts.headers, &state);
    Ok(match use_context::<RequestActor>() {
        Some(actor) => actor.0.get_or_try_init(look_up).await?.clone(),
        None => look_up().await?,
    })
}

/// The same, for handlers outside Leptos (the picture upload and download).
pub async fn user_from_headers(
    headers: &axum::http::HeaderMap,
    state: &AppState,
) -> Result<Option<CurrentUser>, crate::ports::AccountError> {
    let Some(token) = token_from_headers(headers, state) else {
        return Ok(None);
    };
    state.accounts.session_user(&token).await
}

/// The signed-in user, or `Unauthenticated`: every server function that acts for a user starts here.
/// Someone who has yet to accept the Terms in force (`TermsDue`) or, as a professional or HR
/// admin, to set up two-step log-in (`TwoFactorDue`) is refused until they do.
pub async fn require_user() -> Result<CurrentUser, ApiError> {
    let me = require_user_before_terms().await?;
    if me.terms_due {
        return Err(ApiError::Refused(crate::domain::Refusal::TermsDue));
    }
    if me.two_factor_due {
        return Err(ApiError::Refused(crate::domain::Refusal::TwoFactorDue));
    }
    Ok(me)
}

/// The signed-in user even if the Terms in force are still to be accepted or two-step log-in set
/// up: only for doing that (and for what needs neither, such as taking one's data away).
pub async fn require_user_before_terms() -> Result<CurrentUser, ApiError> {
    current_user().await?.ok_or(ApiError::Unauthenticated)
}

/// A signed-in professional, or `Unauthenticated` / `Forbidden`.
pub async fn require_professional() -> Result<CurrentUser, ApiError> {
    let me = require_user().await?;
    if me.role == crate::domain::Role::Professional {
        Ok(me)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Starts the browser's session, and remembers the person's language for the pages after it.
pub fn set_session_cookie(state: &AppState, signed_in: &SignedIn) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    let value = format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        cookie_name(state),
        signed_in.token.expose(),
        state.cookies.max_age_secs
    );
    append_set_cookie(value);
    remember_language(state, signed_in.user.language);
}

/// Not a secret and not identifying: it only picks the language pages are rendered in.
pub const LANGUAGE_COOKIE: &str = "tandem_lang";
const LANGUAGE_COOKIE_MAX_AGE_SECS: u64 = 365 * 24 * 3600;

/// Pages from now on render in `language` (the cookie is read by `language_from_headers`).
pub fn remember_language(state: &AppState, language: Language) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    append_set_cookie(format!(
        "{LANGUAGE_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={LANGUAGE_COOKIE_MAX_AGE_SECS}{secure}",
        language.code()
    ));
}

/// The language to render a request in: the remembered choice, else the browser's preference,
/// else English. Signed-in people's choice is kept in the cookie by `set_session_cookie`,
/// `remember_language` and `current_user`.
pub fn language_from_headers(headers: &axum::http::HeaderMap) -> Language {
    cookie_value(headers, LANGUAGE_COOKIE)
        .and_then(|v| Language::parse(v).ok())
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::from_accept_language)
        })
        .unwrap_or_default()
}

pub fn clear_session_cookie(state: &AppState) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    append_set_cookie(format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        cookie_name(state)
    ));
}

/// The cookie holding a log-in's challenge while its code is asked for (`__Host-` when secure).
fn challenge_cookie_name(state: &AppState) -> &'static str {
    if state.cookies.secure {
        "__Host-tandem_code"
    } else {
        "tandem_code"
    }
}

/// A right password is waiting for its code: the challenge lasts as long as the server keeps it.
pub fn set_challenge_cookie(state: &AppState, challenge: &SessionToken) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    append_set_cookie(format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age=300{secure}",
        challenge_cookie_name(state),
        challenge.expose()
    ));
}

pub fn clear_challenge_cookie(state: &AppState) {
    let secure = if state.cookies.secure { "; Secure" } else { "" };
    append_set_cookie(format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}",
        challenge_cookie_name(state)
    ));
}

/// The challenge of this request's log-in, if a code is being asked for.
pub fn challenge_token(state: &AppState) -> Option<SessionToken> {
    cookie_value(&request_parts()?.headers, challenge_cookie_name(state))
        .filter(|v| !v.is_empty())
        .map(|v| SessionToken::new(v.to_owned()))
}

/// Where a right password goes: the session starts (and on to `next`), or the code is asked for.
pub fn after_password(
    state: &AppState,
    step: crate::ports::LogInStep,
    next: &str,
) -> Option<CurrentUser> {
    match step {
        crate::ports::LogInStep::SignedIn(signed_in) => {
            set_session_cookie(state, &signed_in);
            leptos_axum::redirect(next);
            Some(signed_in.user)
        }
        crate::ports::LogInStep::CodeNeeded(challenge) => {
            set_challenge_cookie(state, &challenge);
            leptos_axum::redirect(&format!(
                "/login/code?next={}",
                crate::api::encode_path(next)
            ));
            None
        }
    }
}

fn append_set_cookie(value: String) {
    if let (Some(opts), Ok(v)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        opts.append_header(header::SET_COOKIE, v);
    }
}
