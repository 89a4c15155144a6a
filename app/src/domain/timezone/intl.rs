//! Time zones in the browser, by `Intl.DateTimeFormat`: it knows every IANA zone, so the wasm
//! doesn't carry chrono-tz's database. A zone's name is kept once for the page's life (a page
//! meets a handful), and so is its formatter, which is slow to make and quick to use.

use chrono::{
    FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone,
    Timelike,
};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl)]
    type DateTimeFormat;

    /// Throws (here: `Err`) for a zone the browser doesn't know.
    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new(locale: &str, options: &js_sys::Object) -> Result<DateTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_name = formatToParts)]
    fn format_to_parts(this: &DateTimeFormat, epoch_ms: f64) -> js_sys::Array;
}

thread_local! {
    /// Each zone met so far: its name (kept for the page's life) and its formatter.
    static ZONES: RefCell<HashMap<&'static str, DateTimeFormat>> = RefCell::new(HashMap::new());
}

/// An IANA zone, as the browser knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    name: &'static str,
}

/// The zone's offset at one instant (what chrono keeps in a `DateTime<Zone>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    fixed: FixedOffset,
}

impl Zone {
    pub const UTC: Zone = Zone { name: "UTC" };

    /// The zone called `name`, if the browser knows it (a name, never an offset like `+01:00`).
    pub fn named(name: &str) -> Option<Zone> {
        let plain = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+'));
        if !plain {
            return None;
        }
        ZONES.with(|zones| {
            let mut zones = zones.borrow_mut();
            if let Some((kept, _)) = zones.get_key_value(name) {
                return Some(Zone { name: kept });
            }
            let format = formatter(name)?;
            let kept: &'static str = Box::leak(name.to_owned().into_boxed_str());
            zones.insert(kept, format);
            Some(Zone { name: kept })
        })
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Every zone the browser knows, sorted by name.
    pub fn all() -> Vec<Zone> {
        let names = js_sys::Intl::supported_values_of(js_sys::Intl::SupportedValuesKey::TimeZone);
        let mut zones: Vec<Zone> = names
            .iter()
            .filter_map(|n| n.as_string())
            .filter_map(|n| Zone::named(&n))
            .collect();
        zones.sort_by_key(|z| z.name);
        zones
    }

    /// The offset from UTC in this zone at the UTC instant `utc` (to the second).
    fn offset_at(&self, utc: &NaiveDateTime) -> FixedOffset {
        let utc = utc.with_nanosecond(0).unwrap_or(*utc);
        let local = ZONES.with(|zones| {
            zones
                .borrow()
                .get(self.name)
                .and_then(|f| wall_clock(f, utc.and_utc().timestamp_millis() as f64))
        });
        local
            .and_then(|local| FixedOffset::east_opt((local - utc).num_seconds() as i32))
            .unwrap_or(FixedOffset::east_opt(0).expect("zero is an offset"))
    }

    fn at(&self, fixed: FixedOffset) -> ZoneOffset {
        ZoneOffset { zone: *self, fixed }
    }
}

/// A formatter that writes a UTC instant as the zone's wall clock, in numbered parts.
fn formatter(zone: &str) -> Option<DateTimeFormat> {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    };
    set("timeZone", zone);
    set("hourCycle", "h23");
    for part in ["year", "month", "day", "hour", "minute", "second"] {
        set(part, "numeric");
    }
    DateTimeFormat::new("en-US-u-nu-latn", &options).ok()
}

/// The wall-clock date and time `format` shows for the instant `epoch_ms`.
fn wall_clock(format: &DateTimeFormat, epoch_ms: f64) -> Option<NaiveDateTime> {
    let (mut year, mut month, mut day, mut hour, mut minute, mut second) =
        (None, None, None, None, None, None);
    for part in format.format_to_parts(epoch_ms).iter() {
        let field = |key: &str| js_sys::Reflect::get(&part, &key.into()).ok()?.as_string();
        let (Some(kind), Some(value)) = (field("type"), field("value")) else {
            continue;
        };
        let number = value.parse::<i64>().ok();
        match kind.as_str() {
            "year" => year = number,
            "month" => month = number,
            "day" => day = number,
            "hour" => hour = number.map(|h| h % 24),
            "minute" => minute = number,
            "second" => second = number,
            _ => {}
        }
    }
    let date = NaiveDate::from_ymd_opt(year? as i32, month? as u32, day? as u32)?;
    let time = NaiveTime::from_hms_opt(hour? as u32, minute? as u32, second? as u32)?;
    Some(date.and_time(time))
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl std::fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fixed.fmt(f)
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    /// A wall-clock time names no instant when the clocks jump over it, and two when they fall
    /// back over it: the zone's offsets half a day either side are the only candidates.
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        let half_day = TimeDelta::hours(14);
        let mut fits: Vec<FixedOffset> = Vec::with_capacity(2);
        for around in [*local - half_day, *local + half_day] {
            let candidate = self.offset_at(&around);
            let utc = *local - TimeDelta::seconds(candidate.local_minus_utc().into());
            if self.offset_at(&utc) == candidate && !fits.contains(&candidate) {
                fits.push(candidate);
            }
        }
        // the earlier instant first: the larger offset
        fits.sort_by_key(|o| std::cmp::Reverse(o.local_minus_utc()));
        match fits.as_slice() {
            [] => MappedLocalTime::None,
            [one] => MappedLocalTime::Single(self.at(*one)),
            [early, late, ..] => MappedLocalTime::Ambiguous(self.at(*early), self.at(*late)),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.at(self.offset_at(utc))
    }
}
