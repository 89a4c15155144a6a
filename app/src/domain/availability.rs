//! A professional's bookable hours and the free slots they leave: a weekly pattern in their own
//! time zone (several ranges a day), dated exceptions (a day off, other hours), how much notice
//! they need, how far ahead they can be booked, and a buffer between sessions.
//!
//! `free_slots` is the one place slots are computed: pure, given the busy times and the instant
//! "now", so the public page, the preview and the server's check before booking agree.

use super::Timezone;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Slots start on these boundaries of local time: 09:00, 09:30, 10:00…
pub const SLOT_STEP_MINUTES: u32 = 30;
/// Most notice a professional may ask for: 30 days.
pub const MAX_NOTICE_MINUTES: u32 = 30 * 24 * 60;
/// Furthest ahead a professional may be booked through their link.
pub const MAX_HORIZON_DAYS: u32 = 365;
pub const MAX_BUFFER_MINUTES: u32 = 240;
/// Ranges one day may have.
const MAX_RANGES_A_DAY: usize = 6;
/// Dated exceptions kept at once.
pub const MAX_OVERRIDES: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    /// Not `HH:MM-HH:MM`, or a time that does not exist.
    #[error("not a range of times like 09:00-17:00")]
    BadRange,
    #[error("a range ends before it starts")]
    EndsBeforeStart,
    #[error("ranges overlap")]
    Overlapping,
    #[error("too many ranges in one day")]
    TooManyRanges,
    /// Not `YYYY-MM-DD: off` or `YYYY-MM-DD: 10:00-14:00`.
    #[error("not a dated exception like 2026-12-24: off")]
    BadOverride,
    #[error("a date is given twice")]
    DateTwice,
    #[error("too many dated exceptions")]
    TooManyOverrides,
    #[error("notice, horizon or buffer out of range")]
    OutOfRange,
}

/// Part of a day, in minutes from local midnight: `start < end <= 1440`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TimeRange {
    start: u16,
    end: u16,
}

impl TimeRange {
    pub fn new(start: u16, end: u16) -> Result<Self, HoursError> {
        if end > 24 * 60 {
            return Err(HoursError::BadRange);
        }
        if start >= end {
            return Err(HoursError::EndsBeforeStart);
        }
        Ok(Self { start, end })
    }

    /// `09:00-17:00` (spaces and an en dash are fine; `24:00` is midnight at the end).
    pub fn parse(raw: &str) -> Result<Self, HoursError> {
        let raw = raw.trim().replace('–', "-");
        let (a, b) = raw.split_once('-').ok_or(HoursError::BadRange)?;
        Self::new(minutes_of(a)?, minutes_of(b)?)
    }

    pub fn start_minutes(&self) -> u16 {
        self.start
    }

    pub fn end_minutes(&self) -> u16 {
        self.end
    }
}

fn minutes_of(raw: &str) -> Result<u16, HoursError> {
    let (h, m) = raw.trim().split_once(':').ok_or(HoursError::BadRange)?;
    let (h, m): (u16, u16) = (
        h.trim().parse().map_err(|_| HoursError::BadRange)?,
        m.trim().parse().map_err(|_| HoursError::BadRange)?,
    );
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(HoursError::BadRange);
    }
    Ok(h * 60 + m)
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

impl std::fmt::Display for TimeRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", hhmm(self.start), hhmm(self.end))
    }
}

/// One day's ranges: sorted, none overlapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<TimeRange>", into = "Vec<TimeRange>")]
pub struct DayHours(Vec<TimeRange>);

impl DayHours {
    pub fn new(mut ranges: Vec<TimeRange>) -> Result<Self, HoursError> {
        if ranges.len() > MAX_RANGES_A_DAY {
            return Err(HoursError::TooManyRanges);
        }
        ranges.sort();
        if ranges.windows(2).any(|w| w[1].start < w[0].end) {
            return Err(HoursError::Overlapping);
        }
        Ok(Self(ranges))
    }

    /// `09:00-12:00, 13:00-17:00`; empty (or "off") for none.
    pub fn parse(raw: &str) -> Result<Self, HoursError> {
        let raw = raw.trim();
        if raw.is_empty() || raw.eq_ignore_ascii_case("off") {
            return Ok(Self::default());
        }
        Self::new(
            raw.split([',', ';'])
                .filter(|r| !r.trim().is_empty())
                .map(TimeRange::parse)
                .collect::<Result<_, _>>()?,
        )
    }

    pub fn ranges(&self) -> &[TimeRange] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl TryFrom<Vec<TimeRange>> for DayHours {
    type Error = HoursError;
    fn try_from(v: Vec<TimeRange>) -> Result<Self, HoursError> {
        Self::new(v)
    }
}

impl From<DayHours> for Vec<TimeRange> {
    fn from(d: DayHours) -> Self {
        d.0
    }
}

impl std::fmt::Display for DayHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

/// Other hours on one date: none (a day off) or their own ranges.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateOverride {
    pub date: NaiveDate,
    pub hours: DayHours,
}

/// Dated exceptions, one line each: `2026-12-24: off`, `2026-12-27: 10:00-14:00`.
pub fn parse_overrides(raw: &str) -> Result<Vec<DateOverride>, HoursError> {
    let mut out: Vec<DateOverride> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (date, hours) = line.split_once(' ').map_or((line, ""), |(d, h)| (d, h));
        let date = super::iso::parse_date(date.trim().trim_end_matches(':'))
            .ok_or(HoursError::BadOverride)?;
        let hours = DayHours::parse(hours.trim().trim_start_matches(':'))?;
        if out.iter().any(|o| o.date == date) {
            return Err(HoursError::DateTwice);
        }
        out.push(DateOverride { date, hours });
    }
    if out.len() > MAX_OVERRIDES {
        return Err(HoursError::TooManyOverrides);
    }
    out.sort_by_key(|o| o.date);
    Ok(out)
}

/// The lines `parse_overrides` reads.
pub fn overrides_text(overrides: &[DateOverride]) -> String {
    overrides
        .iter()
        .map(|o| {
            let hours = if o.hours.is_empty() {
                "off".to_owned()
            } else {
                o.hours.to_string()
            };
            format!("{}: {hours}", super::iso::date(o.date))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// When a professional can be booked through their link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// Monday first.
    pub weekly: [DayHours; 7],
    pub overrides: Vec<DateOverride>,
    /// A slot starts at least this long after "now".
    pub notice_minutes: u32,
    /// A slot starts at most this many days ahead (counted in the professional's dates).
    pub horizon_days: u32,
    /// Free time kept before and after each session.
    pub buffer_minutes: u32,
}

impl Default for Availability {
    /// Nothing bookable until the professional sets hours; sensible rules meanwhile.
    fn default() -> Self {
        Self {
            weekly: Default::default(),
            overrides: Vec::new(),
            notice_minutes: 12 * 60,
            horizon_days: 60,
            buffer_minutes: 0,
        }
    }
}

impl Availability {
    /// The rules' numbers, checked.
    pub fn check(&self) -> Result<(), HoursError> {
        if self.notice_minutes > MAX_NOTICE_MINUTES
            || !(1..=MAX_HORIZON_DAYS).contains(&self.horizon_days)
            || self.buffer_minutes > MAX_BUFFER_MINUTES
        {
            return Err(HoursError::OutOfRange);
        }
        if self.overrides.len() > MAX_OVERRIDES {
            return Err(HoursError::TooManyOverrides);
        }
        Ok(())
    }

    /// Whether any hours are set at all.
    pub fn has_hours(&self) -> bool {
        self.weekly.iter().any(|d| !d.is_empty())
            || self.overrides.iter().any(|o| !o.hours.is_empty())
    }

    fn hours_on(&self, date: NaiveDate) -> &DayHours {
        self.overrides
            .iter()
            .find(|o| o.date == date)
            .map(|o| &o.hours)
            .unwrap_or(&self.weekly[date.weekday().num_days_from_monday() as usize])
    }
}

/// A time the professional is taken: a booking, or a slot someone is holding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Busy {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// The instant a local wall-clock time names in `zone`: a skipped time has none; a repeated one
/// means its first occurrence.
fn instant(zone: Timezone, date: NaiveDate, minutes: u16) -> Option<DateTime<Utc>> {
    if minutes >= 24 * 60 {
        // midnight at the end of the day: the start of the next
        return instant(zone, date.succ_opt()?, minutes - 24 * 60);
    }
    let time = NaiveTime::from_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0)?;
    match zone.tz().from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// The end of a range: a time the clocks skipped ends it at the first instant after the gap; a
/// repeated one at its last occurrence, so the range keeps all the hours a watch shows in it.
fn range_end(zone: Timezone, date: NaiveDate, minutes: u16) -> Option<DateTime<Utc>> {
    if minutes >= 24 * 60 {
        return range_end(zone, date.succ_opt()?, minutes - 24 * 60);
    }
    let time = NaiveTime::from_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0)?;
    match zone.tz().from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(_, last) => Some(last.with_timezone(&Utc)),
        // skipped: walk forward a minute at a time to where the clocks resume
        LocalResult::None => (1..=180).find_map(|m| instant(zone, date, minutes + m)),
    }
}

/// The starts of every free slot of `length_minutes` between `now` (plus the notice) and the
/// horizon, in order: inside the professional's hours in `zone`, clear of every `busy` time by
/// the buffer on both sides.
pub fn free_slots(
    availability: &Availability,
    zone: Timezone,
    length_minutes: u32,
    busy: &[Busy],
    now: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let length = Duration::minutes(i64::from(length_minutes));
    let buffer = Duration::minutes(i64::from(availability.buffer_minutes));
    let earliest = now + Duration::minutes(i64::from(availability.notice_minutes));
    let today = now.with_timezone(&zone.tz()).date_naive();
    let last_day = today + Duration::days(i64::from(availability.horizon_days));
    let mut slots = Vec::new();
    let mut date = today;
    while date <= last_day {
        for range in availability.hours_on(date).ranges() {
            let Some(end) = range_end(zone, date, range.end) else {
                continue;
            };
            let mut at = range.start;
            while at < range.end {
                let start = instant(zone, date, at);
                at += SLOT_STEP_MINUTES as u16;
                let Some(start) = start else { continue }; // skipped by the clocks
                // a repeated hour offers its slots once
                if slots.last().is_some_and(|last| *last >= start) {
                    continue;
                }
                if start < earliest || start + length > end {
                    continue;
                }
                let clear = busy
                    .iter()
                    .all(|b| start >= b.ends_at + buffer || start + length <= b.starts_at - buffer);
                if clear {
                    slots.push(start);
                }
            }
        }
        date += Duration::days(1);
    }
    slots
}

/// Whether `start` is one of the free slots: what a booking through the link must be.
pub fn is_free_slot(
    availability: &Availability,
    zone: Timezone,
    length_minutes: u32,
    busy: &[Busy],
    now: DateTime<Utc>,
    start: DateTime<Utc>,
) -> bool {
    free_slots(availability, zone, length_minutes, busy, now)
        .binary_search(&start)
        .is_ok()
}

#[cfg(test)]
mod tests;
