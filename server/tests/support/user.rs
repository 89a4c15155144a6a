//! Someone using the app through a browser-like client of their own, and the server's answers
//! decoded into the app's own types rather than read as raw JSON.

use super::{PASSWORD, TestApp};
use app::api::ApiError;
use app::domain::{CurrentUser, FieldErrors};
use serde::de::DeserializeOwned;

/// A signed-up person: who the app says they are, their browser (a cookie jar that keeps their
/// session), and what they can do. Derefs to that browser, so it goes wherever a
/// `&reqwest::Client` does.
pub struct User<'a> {
    pub app: &'a TestApp,
    pub browser: reqwest::Client,
    pub me: CurrentUser,
    pub password: String,
}

impl std::ops::Deref for User<'_> {
    type Target = reqwest::Client;
    fn deref(&self) -> &reqwest::Client {
        &self.browser
    }
}

impl<'a> User<'a> {
    pub fn email(&self) -> &str {
        self.me.email.as_str()
    }

    /// Calls a server function as this person's page does.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.app.call(&self.browser, endpoint, form).await
    }

    /// A server function's answer, which must be a success, as the app's type `T`.
    pub async fn answer<T: DeserializeOwned>(&self, endpoint: &str, form: &[(&str, &str)]) -> T {
        self.app.answer(&self.browser, endpoint, form).await
    }

    /// A server function's refusal, which must be one: its status and the app's `ApiError`.
    pub async fn refusal(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, ApiError) {
        self.app.refusal(&self.browser, endpoint, form).await
    }

    /// A server function's refusal, which must be `422 Invalid`: its field errors.
    pub async fn invalid(&self, endpoint: &str, form: &[(&str, &str)]) -> FieldErrors {
        self.app.invalid(&self.browser, endpoint, form).await
    }

    /// Loads a page as their browser does.
    pub async fn page(&self, path: &str) -> reqwest::Response {
        self.app.page(&self.browser, path).await
    }

    /// Logs in again in a fresh browser; whether it worked.
    pub async fn can_log_in(&self) -> bool {
        self.app.can_log_in(self.email(), &self.password).await
    }

    /// Their mail on `smtp` whose subject contains `subject`, waited for.
    pub async fn mail(
        &self,
        smtp: &super::smtp::SmtpServer,
        subject: &str,
    ) -> super::smtp::Received {
        smtp.wait_for(self.email(), subject).await
    }
}

impl TestApp {
    /// Signs `name` up as a client with `PASSWORD`, insisting it works.
    pub async fn user(&self, name: &str, email: &str) -> User<'_> {
        let browser = self.client();
        let me = self.signed_up(&browser, name, email, PASSWORD).await;
        User {
            app: self,
            browser,
            me,
            password: PASSWORD.to_owned(),
        }
    }

    /// Someone who already has an account logs in in a fresh browser, insisting it works.
    pub async fn logged_in(&self, email: &str, password: &str) -> User<'_> {
        let browser = self.client();
        let res = self.log_in(&browser, email, password).await;
        assert_eq!(res.status(), 200, "log-in of {email}");
        let me: CurrentUser = res.json().await.expect("who logged in");
        User {
            app: self,
            browser,
            me,
            password: password.to_owned(),
        }
    }

    /// A server function's answer, which must be a success, as the app's type `T`.
    pub async fn answer<T: DeserializeOwned>(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> T {
        let res = self.call(client, endpoint, form).await;
        let status = res.status();
        let body = res.text().await.unwrap();
        assert_eq!(status, 200, "{endpoint} answered {status}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|e| {
            panic!(
                "{endpoint}'s answer is not a {}: {e}: {body}",
                std::any::type_name::<T>()
            )
        })
    }

    /// A server function's refusal, which must be one: its status and the app's `ApiError`.
    pub async fn refusal(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> (u16, ApiError) {
        let res = self.call(client, endpoint, form).await;
        let status = res.status().as_u16();
        let body = res.text().await.unwrap();
        assert!(
            status >= 400,
            "{endpoint} should have refused, answered {status}: {body}"
        );
        let error = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{endpoint}'s refusal is not an ApiError: {e}: {body}"));
        (status, error)
    }

    /// A server function's refusal, which must be `422 Invalid`: its field errors.
    pub async fn invalid(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> FieldErrors {
        let (status, error) = self.refusal(client, endpoint, form).await;
        assert_eq!(status, 422, "{endpoint}: {error:?}");
        field_errors(error)
    }
}

/// The field errors of a refusal that must be `ApiError::Invalid`.
pub fn field_errors(error: ApiError) -> FieldErrors {
    match error {
        ApiError::Invalid(errors) => errors,
        other => panic!("expected field errors, got {other:?}"),
    }
}
