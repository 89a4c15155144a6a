//! A professional saves their weekly hours, dated exceptions, notice, horizon and buffer.
// one form field per weekday: the server macro's generated code takes them all
#![allow(clippy::too_many_arguments)]

use crate::api::ApiError;
use leptos::prelude::*;

/// Each weekday's hours as written (`09:00-12:00, 13:00-17:00`, empty for none); `overrides` one
/// date a line; `notice_hours`, `horizon_days` and `buffer_minutes` whole numbers.
#[server(output = crate::api::Json, endpoint = "save_hours")]
pub async fn save_hours(
    mon: Option<String>,
    tue: Option<String>,
    wed: Option<String>,
    thu: Option<String>,
    fri: Option<String>,
    sat: Option<String>,
    sun: Option<String>,
    overrides: Option<String>,
    notice_hours: Option<String>,
    horizon_days: Option<String>,
    buffer_minutes: Option<String>,
) -> Result<(), ApiError> {
    use crate::api::session::{require_professional, state};
    use crate::domain::{
        Availability, DayHours, Field, FieldErrors, MAX_BUFFER_MINUTES, MAX_HORIZON_DAYS,
        MAX_NOTICE_MINUTES, Problem, parse_overrides,
    };

    let me = require_professional().await?;
    let mut errors = FieldErrors::default();
    let days = [mon, tue, wed, thu, fri, sat, sun];
    let weekly: Vec<Option<DayHours>> = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            errors.check(
                Field::Hours(i as u8),
                DayHours::parse(d.as_deref().unwrap_or_default()),
            )
        })
        .collect();
    let overrides = errors.check(
        Field::Overrides,
        parse_overrides(overrides.as_deref().unwrap_or_default()),
    );
    let number = |raw: Option<String>, min: u32, max: u32| -> Result<u32, Problem> {
        match raw.as_deref().map(str::trim).unwrap_or("0").parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(Problem::OutOfRange),
        }
    };
    let notice = errors.check(
        Field::Notice,
        number(notice_hours, 0, MAX_NOTICE_MINUTES / 60),
    );
    let horizon = errors.check(Field::Horizon, number(horizon_days, 1, MAX_HORIZON_DAYS));
    let buffer = errors.check(Field::Buffer, number(buffer_minutes, 0, MAX_BUFFER_MINUTES));
    let (Some(overrides), Some(notice), Some(horizon), Some(buffer), true) = (
        overrides,
        notice,
        horizon,
        buffer,
        weekly.iter().all(Option::is_some),
    ) else {
        return Err(ApiError::Invalid(errors));
    };
    let weekly: [DayHours; 7] = std::array::from_fn(|i| weekly[i].clone().unwrap_or_default());
    state()?
        .links
        .save_hours(
            &me,
            Availability {
                weekly,
                overrides,
                notice_minutes: notice * 60,
                horizon_days: horizon,
                buffer_minutes: buffer,
            },
        )
        .await
        .map_err(ApiError::from)?;
    leptos_axum::redirect("/hours?saved=hours");
    Ok(())
}
