//! Which form field a problem belongs to, so the message can sit next to it.

use super::{
    CodeError, DisplayNameError, EmailError, HoursError, LanguageError, MessageError, MoneyError,
    PasswordError, ProfileError, ServiceError, SlugError, TimezoneError, WhenError,
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Name,
    /// What the person asks to be called.
    PreferredName,
    Email,
    Password,
    Terms,
    CurrentPassword,
    NewPassword,
    Timezone,
    Language,
    Picture,
    ServiceName,
    MeetingType,
    ServiceLength,
    Price,
    Currency,
    Service,
    Date,
    Time,
    ClientName,
    ClientEmail,
    Title,
    Bio,
    SpokenLanguages,
    /// A weekday's hours, Monday = 0.
    Hours(u8),
    Overrides,
    Notice,
    Horizon,
    Buffer,
    Slug,
    /// HR's list of addresses to invite.
    Emails,
    Welcome,
    Credits,
    Period,
    SessionCredits,
    Domains,
    /// A company's name.
    Company,
    /// A message to the other person of a booking.
    Message,
    /// A code from an authenticator app, or a recovery code.
    Code,
}

impl Field {
    /// The `name` attribute of the input, also used to build element ids.
    pub fn input_name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::PreferredName => "preferred_name",
            Field::Email => "email",
            Field::Password => "password",
            Field::Terms => "accept_terms",
            Field::CurrentPassword => "current_password",
            Field::NewPassword => "new_password",
            Field::Timezone => "timezone",
            Field::Language => "language",
            Field::Picture => "picture",
            Field::ServiceName => "service_name",
            Field::MeetingType => "meeting_type",
            Field::ServiceLength => "length",
            Field::Price => "price",
            Field::Currency => "currency",
            Field::Service => "service",
            Field::Date => "date",
            Field::Time => "time",
            Field::ClientName => "client_name",
            Field::ClientEmail => "client_email",
            Field::Title => "title",
            Field::Bio => "bio",
            Field::SpokenLanguages => "languages",
            Field::Hours(day) => {
                ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][usize::from(day).min(6)]
            }
            Field::Overrides => "overrides",
            Field::Notice => "notice_hours",
            Field::Horizon => "horizon_days",
            Field::Buffer => "buffer_minutes",
            Field::Slug => "slug",
            Field::Emails => "emails",
            Field::Welcome => "welcome",
            Field::Credits => "credits_per_period",
            Field::Period => "period_months",
            Field::SessionCredits => "session_credits",
            Field::Domains => "domains",
            Field::Company => "company",
            Field::Message => "message",
            Field::Code => "code",
        }
    }
}

/// What is wrong with a field, typed: the page words it in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Name(DisplayNameError),
    Email(EmailError),
    Password(PasswordError),
    Timezone(TimezoneError),
    Language(LanguageError),
    Money(MoneyError),
    Service(ServiceError),
    When(WhenError),
    Profile(ProfileError),
    Message(MessageError),
    /// The professional already has a session overlapping this one.
    Overlap,
    /// No such service among the professional's own.
    UnknownService,
    TermsNotAccepted,
    WrongCurrentPassword,
    SameEmail,
    Hours(HoursError),
    Slug(SlugError),
    /// A number out of its range (notice, horizon, buffer).
    OutOfRange,
    /// Nothing given where something is needed (an empty list of addresses).
    Missing,
    Code(CodeError),
    /// A well-formed code that isn't right now (or was used already).
    WrongCode,
}

macro_rules! problem_from {
    ($($error:ty => $variant:ident),*) => {$(
        impl From<$error> for Problem {
            fn from(e: $error) -> Self {
                Problem::$variant(e)
            }
        }
    )*};
}
problem_from!(
    DisplayNameError => Name,
    EmailError => Email,
    PasswordError => Password,
    TimezoneError => Timezone,
    LanguageError => Language,
    MoneyError => Money,
    ServiceError => Service,
    WhenError => When,
    ProfileError => Profile,
    HoursError => Hours,
    SlugError => Slug,
    MessageError => Message,
    CodeError => Code
);

/// The errors inside a `Problem` cross the wire as one small number each (the variant's
/// discriminant), not as their names: serde's derived name matching was the largest
/// deserializer in the browser's download. Each list must name every variant (the match in
/// `serialize` refuses to compile otherwise); the order doesn't matter.
macro_rules! serde_as_code {
    ($($ty:ident { $($variant:ident),* $(,)? });* $(;)?) => {$(
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let code = match self { $($ty::$variant => $ty::$variant as u8),* };
                s.serialize_u8(code)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = u8::deserialize(d)?;
                [$($ty::$variant),*]
                    .into_iter()
                    .find(|v| *v as u8 == code)
                    .ok_or_else(|| serde::de::Error::custom("unknown problem code"))
            }
        }
    )*};
}
serde_as_code!(
    CodeError { Empty, Format };
    DisplayNameError { Empty, TooLong, Unprintable };
    EmailError { Empty, TooLong, Malformed };
    HoursError { BadRange, EndsBeforeStart, Overlapping, TooManyRanges, BadOverride, DateTwice, TooManyOverrides, OutOfRange };
    MessageError { Empty, TooLong };
    MoneyError { Empty, Malformed, TooPrecise, Ambiguous, TooLarge, UnknownCurrency };
    PasswordError { Empty, TooShort, TooLong, Common, Guessable };
    ProfileError { TitleTooLong, BioTooLong, TooManyLanguages, LanguageTooLong, Unprintable };
    ServiceError { NameEmpty, NameTooLong, UnknownMeetingType, UnsupportedLength };
    SlugError { TooShort, TooLong, BadCharacters, Taken };
    TimezoneError { Unknown };
    WhenError { BadDate, BadTime, NoSuchTime, InThePast, TooFarAhead };
);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

/// Every problem with one submission, so a person fixes them all in one go.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, field: Field, problem: impl Into<Problem>) {
        self.0.push(FieldError {
            field,
            problem: problem.into(),
        });
    }

    /// Keeps the parsed value, or records its error against `field`.
    pub fn check<T, E: Into<Problem>>(&mut self, field: Field, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, e);
                None
            }
        }
    }

    pub fn get(&self, field: Field) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_cross_the_wire_as_small_codes_and_come_back_the_same() {
        let problems = [
            Problem::Password(PasswordError::Guessable),
            Problem::Hours(HoursError::OutOfRange),
            Problem::Money(MoneyError::UnknownCurrency),
            Problem::Email(EmailError::Empty),
            Problem::When(WhenError::TooFarAhead),
            Problem::WrongCurrentPassword,
        ];
        for p in problems {
            let wire = serde_json::to_string(&p).unwrap();
            assert_eq!(serde_json::from_str::<Problem>(&wire).unwrap(), p, "{wire}");
        }
        assert_eq!(
            serde_json::to_string(&Problem::Password(PasswordError::Guessable)).unwrap(),
            r#"{"Password":4}"#
        );
        assert!(serde_json::from_str::<Problem>(r#"{"Password":9}"#).is_err());
    }
}
