//! Dates and times in the plain shapes forms and addresses carry (`2026-12-03`, `2026-12`,
//! `14:30`), written and read by hand: chrono's `strftime` machinery would otherwise be compiled
//! into the browser's download for these few shapes.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// `2026-12-03`.
pub fn date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `2026-12`.
pub fn month(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// `09:05`.
pub fn clock(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `2026-12-03` (a four-digit year; month and day of one or two digits), if it names a day.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let mut parts = raw.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |s: &str| (1..=2).contains(&s.len());
    if parts.next().is_some() || y.len() != 4 || !short(m) || !short(d) {
        return None;
    }
    let number = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(number(y)? as i32, number(m)?, number(d)?)
}

/// `2026-12`: the first of that month.
pub fn parse_month(raw: &str) -> Option<NaiveDate> {
    parse_date(&format!("{}-01", raw.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_round_trip_and_nonsense_is_refused() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(date(d), "2026-03-09");
        assert_eq!(month(d), "2026-03");
        assert_eq!(clock(NaiveTime::from_hms_opt(9, 5, 0).unwrap()), "09:05");
        assert_eq!(parse_date(" 2026-03-09 "), Some(d));
        assert_eq!(parse_month("2026-03"), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(parse_date("2026-3-9"), Some(d));
        for bad in [
            "2026-003-09",
            "2026-02-30",
            "26-03-09",
            "2026-03-09-1",
            "2026/03/09",
            "+026-03-09",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_month("2026-13"), None);
    }
}
