//! A professional's services: what they offer clients. Only professionals, each only their own.

mod archive_service;
mod create_service;
mod my_services;
mod update_service;

pub use archive_service::{ArchiveService, archive_service};
pub use create_service::{CreateService, create_service};
pub use my_services::{MyServices, my_services};
pub use update_service::{UpdateService, update_service};

/// The service form's fields, parsed, or every problem next to its field.
#[cfg(feature = "ssr")]
fn parse_service(
    service_name: Option<String>,
    meeting_type: Option<String>,
    length: Option<String>,
    price: Option<String>,
    currency: Option<String>,
) -> Result<crate::ports::NewService, crate::api::ApiError> {
    use crate::domain::{
        Currency, Field, FieldErrors, MeetingType, Money, ServiceLength, ServiceName,
    };
    let mut errors = FieldErrors::default();
    let name = errors.check(
        Field::ServiceName,
        ServiceName::parse(&service_name.unwrap_or_default()),
    );
    let meeting_type = errors.check(
        Field::MeetingType,
        MeetingType::parse(&meeting_type.unwrap_or_default()),
    );
    let length = errors.check(
        Field::ServiceLength,
        ServiceLength::parse(&length.unwrap_or_default()),
    );
    let currency = errors.check(
        Field::Currency,
        Currency::parse(&currency.unwrap_or_default()),
    );
    let price = currency
        .and_then(|c| errors.check(Field::Price, Money::parse(&price.unwrap_or_default(), c)));
    match (name, meeting_type, length, price) {
        (Some(name), Some(meeting_type), Some(length), Some(price)) => {
            Ok(crate::ports::NewService {
                name,
                meeting_type,
                length,
                price,
            })
        }
        _ => Err(crate::api::ApiError::Invalid(errors)),
    }
}
