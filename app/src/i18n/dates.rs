//! Dates and times as people read them, in their own zone and language.

use crate::domain::{Language, Timezone};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_IS: [&str; 7] = [
    "mánudagur",
    "þriðjudagur",
    "miðvikudagur",
    "fimmtudagur",
    "föstudagur",
    "laugardagur",
    "sunnudagur",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_IS: [&str; 12] = [
    "janúar",
    "febrúar",
    "mars",
    "apríl",
    "maí",
    "júní",
    "júlí",
    "ágúst",
    "september",
    "október",
    "nóvember",
    "desember",
];

/// "Monday 31 March 2031" / "mánudagur 31. mars 2031".
pub fn long_date(at: DateTime<Utc>, zone: Timezone, language: Language) -> String {
    long_date_of(at.with_timezone(&zone.tz()).date_naive(), language)
}

/// `long_date` of a calendar date.
pub fn long_date_of(local: NaiveDate, language: Language) -> String {
    let weekday = local.weekday().num_days_from_monday() as usize;
    let month = local.month0() as usize;
    match language {
        Language::En => format!(
            "{} {} {} {}",
            WEEKDAYS_EN[weekday],
            local.day(),
            MONTHS_EN[month],
            local.year()
        ),
        Language::Is => format!(
            "{} {}. {} {}",
            WEEKDAYS_IS[weekday],
            local.day(),
            MONTHS_IS[month],
            local.year()
        ),
    }
}

/// The month's name, for a calendar's heading: "March 2031" / "mars 2031".
pub fn month_name(month0: u32, language: Language) -> &'static str {
    let i = (month0 as usize).min(11);
    match language {
        Language::En => MONTHS_EN[i],
        Language::Is => MONTHS_IS[i],
    }
}

/// Two-letter weekday names from Monday, for a calendar's columns.
pub fn weekday_initials(language: Language) -> [&'static str; 7] {
    match language {
        Language::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        Language::Is => ["Má", "Þr", "Mi", "Fi", "Fö", "La", "Su"],
    }
}

/// "09:00", on the 24-hour clock both languages use.
pub fn clock_time(at: DateTime<Utc>, zone: Timezone) -> String {
    crate::domain::iso::clock(at.with_timezone(&zone.tz()).time())
}

/// "Monday 31 March 2031, 09:00–09:50".
pub fn span(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    zone: Timezone,
    language: Language,
) -> String {
    format!(
        "{}, {}–{}",
        long_date(starts_at, zone, language),
        clock_time(starts_at, zone),
        clock_time(ends_at, zone)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_each_language_and_zone() {
        let at: DateTime<Utc> = "2031-03-31T08:00:00Z".parse().unwrap();
        let london = Timezone::parse("Europe/London").unwrap();
        assert_eq!(long_date(at, london, Language::En), "Monday 31 March 2031");
        assert_eq!(
            long_date(at, london, Language::Is),
            "mánudagur 31. mars 2031"
        );
        assert_eq!(clock_time(at, london), "09:00");
        let tokyo = Timezone::parse("Asia/Tokyo").unwrap();
        assert_eq!(
            span(at, at + chrono::Duration::minutes(50), tokyo, Language::En),
            "Monday 31 March 2031, 17:00–17:50"
        );
    }
}
