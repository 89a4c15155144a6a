//! Which form field a problem belongs to, so the message can sit next to it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    Email,
    Password,
    Terms,
    CurrentPassword,
    NewPassword,
    Timezone,
}

impl Field {
    /// The `name` attribute of the input, also used to build element ids.
    pub fn input_name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Password => "password",
            Field::Terms => "accept_terms",
            Field::CurrentPassword => "current_password",
            Field::NewPassword => "new_password",
            Field::Timezone => "timezone",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// Every problem with one submission, so a person fixes them all in one go.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: Field, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// Keeps the parsed value, or records its error against `field`.
    pub fn check<T, E: std::fmt::Display>(&mut self, field: Field, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e.to_string());
                None
            }
        }
    }

    pub fn get(&self, field: Field) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
