//! A professional adds a service: name, meeting type, length and price.

use crate::api::ApiError;
use crate::domain::Service;
use leptos::prelude::*;

#[server(endpoint = "create_service")]
pub async fn create_service(
    service_name: Option<String>,
    meeting_type: Option<String>,
    length: Option<String>,
    price: Option<String>,
    currency: Option<String>,
) -> Result<Service, ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::{
        Currency, Field, FieldErrors, MeetingType, Money, ServiceLength, ServiceName,
    };
    use crate::ports::NewService;

    let me = require_professional().await?;
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
    let (Some(name), Some(meeting_type), Some(length), Some(price)) =
        (name, meeting_type, length, price)
    else {
        return Err(ApiError::Invalid(errors));
    };
    let created = state()?
        .catalog
        .create(
            &me.id,
            NewService {
                name,
                meeting_type,
                length,
                price,
            },
        )
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/?saved=service");
    Ok(created)
}
