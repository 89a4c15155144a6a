use super::*;

fn zone(name: &str) -> Timezone {
    Timezone::parse(name).unwrap()
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    rfc3339.parse().unwrap()
}

/// Weekdays 09:00-17:00, no notice, two weeks ahead, no buffer.
fn office_hours() -> Availability {
    let day = DayHours::parse("09:00-17:00").unwrap();
    Availability {
        weekly: [
            day.clone(),
            day.clone(),
            day.clone(),
            day.clone(),
            day,
            DayHours::default(),
            DayHours::default(),
        ],
        overrides: Vec::new(),
        notice_minutes: 0,
        horizon_days: 14,
        buffer_minutes: 0,
    }
}

/// The local date and time of each slot on `date` in `zone`.
fn local(slots: &[DateTime<Utc>], z: Timezone, date: &str) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.with_timezone(&z.tz()))
        .filter(|s| s.format("%Y-%m-%d").to_string() == date)
        .map(|s| s.format("%H:%M").to_string())
        .collect()
}

#[test]
fn hours_are_read_as_people_write_them() {
    let day = DayHours::parse(" 13:00-17:00, 09:00 – 12:00 ").unwrap();
    assert_eq!(day.to_string(), "09:00-12:00, 13:00-17:00");
    assert_eq!(DayHours::parse("off").unwrap(), DayHours::default());
    assert_eq!(DayHours::parse("").unwrap(), DayHours::default());
    assert_eq!(
        DayHours::parse("18:00-24:00").unwrap().to_string(),
        "18:00-24:00"
    );
    assert_eq!(DayHours::parse("9-5"), Err(HoursError::BadRange));
    assert_eq!(DayHours::parse("09:00-25:00"), Err(HoursError::BadRange));
    assert_eq!(DayHours::parse("09:60-10:00"), Err(HoursError::BadRange));
    assert_eq!(
        DayHours::parse("17:00-09:00"),
        Err(HoursError::EndsBeforeStart)
    );
    assert_eq!(
        DayHours::parse("09:00-12:00, 11:00-13:00"),
        Err(HoursError::Overlapping)
    );
    let overrides = parse_overrides("2026-12-27: 10:00-14:00\n\n2026-12-24: off\n").unwrap();
    assert_eq!(
        overrides_text(&overrides),
        "2026-12-24: off\n2026-12-27: 10:00-14:00"
    );
    assert_eq!(parse_overrides("24/12: off"), Err(HoursError::BadOverride));
    assert_eq!(
        parse_overrides("2026-12-24: off\n2026-12-24: 10:00-11:00"),
        Err(HoursError::DateTwice)
    );
}

#[test]
fn slots_fill_the_hours_on_the_step_and_fit_the_length() {
    let z = zone("Atlantic/Reykjavik");
    // Monday 7 December 2026, 06:00 in Reykjavik (UTC all year)
    let now = at("2026-12-07T06:00:00Z");
    let slots = free_slots(&office_hours(), z, 50, &[], now);
    let monday = local(&slots, z, "2026-12-07");
    assert_eq!(monday.first().map(String::as_str), Some("09:00"));
    assert_eq!(monday.last().map(String::as_str), Some("16:00"));
    assert_eq!(monday.len(), 15);
    // the weekend is off
    assert!(local(&slots, z, "2026-12-12").is_empty());
    assert!(local(&slots, z, "2026-12-13").is_empty());
    assert_eq!(local(&slots, z, "2026-12-14").len(), 15);
    // a 90-minute session fits until 15:30
    let long = free_slots(&office_hours(), z, 90, &[], now);
    assert_eq!(
        local(&long, z, "2026-12-07").last().map(String::as_str),
        Some("15:30")
    );
}

#[test]
fn notice_and_horizon_bound_the_slots() {
    let z = zone("Atlantic/Reykjavik");
    let now = at("2026-12-07T10:10:00Z");
    let mut hours = office_hours();
    assert_eq!(
        local(&free_slots(&hours, z, 50, &[], now), z, "2026-12-07").first(),
        Some(&"10:30".to_owned()),
        "nothing in the past"
    );
    hours.notice_minutes = 12 * 60;
    let slots = free_slots(&hours, z, 50, &[], now);
    assert!(local(&slots, z, "2026-12-07").is_empty());
    // 12 hours after 10:10 is 22:10: Tuesday from 09:00
    assert_eq!(
        local(&slots, z, "2026-12-08").first(),
        Some(&"09:00".to_owned())
    );
    hours.notice_minutes = 24 * 60;
    assert_eq!(
        local(&free_slots(&hours, z, 50, &[], now), z, "2026-12-08").first(),
        Some(&"10:30".to_owned())
    );
    // two days ahead: Monday to Wednesday, nothing on Thursday
    hours.notice_minutes = 0;
    hours.horizon_days = 2;
    let slots = free_slots(&hours, z, 50, &[], now);
    assert!(!local(&slots, z, "2026-12-09").is_empty());
    assert!(local(&slots, z, "2026-12-10").is_empty());
    assert!(slots.last().unwrap() < &at("2026-12-10T00:00:00Z"));
}

#[test]
fn bookings_and_buffers_take_slots_away() {
    let z = zone("Atlantic/Reykjavik");
    let now = at("2026-12-07T06:00:00Z");
    let busy = [Busy {
        starts_at: at("2026-12-07T11:00:00Z"),
        ends_at: at("2026-12-07T11:50:00Z"),
    }];
    let mut hours = office_hours();
    let monday = local(&free_slots(&hours, z, 50, &busy, now), z, "2026-12-07");
    // 10:30 would run into 11:00; 11:00 and 11:30 are taken; 12:00 is free again
    assert!(monday.contains(&"10:00".to_owned()));
    assert!(!monday.contains(&"10:30".to_owned()));
    assert!(!monday.contains(&"11:00".to_owned()));
    assert!(!monday.contains(&"11:30".to_owned()));
    assert!(monday.contains(&"12:00".to_owned()));
    // a 15-minute buffer keeps 10:00 (ends 10:50, 10 minutes short) out too, and 12:00 (5 after)
    hours.buffer_minutes = 15;
    let monday = local(&free_slots(&hours, z, 50, &busy, now), z, "2026-12-07");
    assert!(monday.contains(&"09:30".to_owned()));
    assert!(!monday.contains(&"10:00".to_owned()));
    assert!(!monday.contains(&"12:00".to_owned()));
    assert!(monday.contains(&"12:30".to_owned()));
    assert!(!is_free_slot(
        &hours,
        z,
        50,
        &busy,
        now,
        at("2026-12-07T12:00:00Z")
    ));
    assert!(is_free_slot(
        &hours,
        z,
        50,
        &busy,
        now,
        at("2026-12-07T12:30:00Z")
    ));
    // a time that is not on a slot's boundary is no slot
    assert!(!is_free_slot(
        &hours,
        z,
        50,
        &busy,
        now,
        at("2026-12-07T12:40:00Z")
    ));
}

#[test]
fn a_dated_exception_replaces_the_week_for_that_day() {
    let z = zone("Atlantic/Reykjavik");
    let now = at("2026-12-07T06:00:00Z");
    let mut hours = office_hours();
    hours.overrides = parse_overrides("2026-12-08: off\n2026-12-12: 10:00-12:00").unwrap();
    let slots = free_slots(&hours, z, 50, &[], now);
    assert!(local(&slots, z, "2026-12-08").is_empty(), "a day off");
    assert_eq!(local(&slots, z, "2026-12-12"), ["10:00", "10:30", "11:00"]);
    assert_eq!(local(&slots, z, "2026-12-09").len(), 15, "the week goes on");
}

#[test]
fn weekly_hours_stay_local_across_the_clocks_changing() {
    let z = zone("Europe/London");
    // Friday 26 March 2027; the clocks go forward on Sunday 28 March
    let now = at("2027-03-26T00:00:00Z");
    let mut hours = office_hours();
    hours.weekly = std::array::from_fn(|_| DayHours::parse("09:00-17:00").unwrap());
    let slots = free_slots(&hours, z, 60, &[], now);
    for date in ["2027-03-27", "2027-03-28", "2027-03-29"] {
        let day = local(&slots, z, date);
        assert_eq!(day.first().map(String::as_str), Some("09:00"), "{date}");
        assert_eq!(day.last().map(String::as_str), Some("16:00"), "{date}");
    }
    // in UTC, 09:00 moved from 09:00 to 08:00
    assert!(slots.contains(&at("2027-03-27T09:00:00Z")));
    assert!(slots.contains(&at("2027-03-29T08:00:00Z")));
}

#[test]
fn the_skipped_hour_has_no_slots_and_the_repeated_hour_offers_its_slots_once() {
    let z = zone("Europe/London");
    let mut hours = office_hours();
    hours.weekly = std::array::from_fn(|_| DayHours::parse("00:00-04:00").unwrap());
    // Sunday 28 March 2027: 01:00 becomes 02:00
    let spring = free_slots(&hours, z, 30, &[], at("2027-03-27T12:00:00Z"));
    assert_eq!(
        local(&spring, z, "2027-03-28"),
        ["00:00", "00:30", "02:00", "02:30", "03:00", "03:30"]
    );
    // the range really holds three hours that night
    assert_eq!(
        spring
            .iter()
            .filter(|s| s.with_timezone(&z.tz()).format("%Y-%m-%d").to_string() == "2027-03-28")
            .count(),
        6
    );
    // Sunday 31 October 2027: 02:00 becomes 01:00 again; 01:00 and 01:30 are offered once
    let autumn = free_slots(&hours, z, 30, &[], at("2027-10-30T12:00:00Z"));
    let day = local(&autumn, z, "2027-10-31");
    assert_eq!(
        day,
        [
            "00:00", "00:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30"
        ]
    );
    let mut sorted = autumn.clone();
    sorted.dedup();
    assert_eq!(sorted, autumn, "no slot twice");
}

#[test]
fn the_clients_zone_changes_nothing_but_how_slots_are_shown() {
    // a professional in Reykjavik; New York's clocks change on 14 March 2027, Reykjavik's never
    let z = zone("Atlantic/Reykjavik");
    let ny = zone("America/New_York");
    let mut hours = office_hours();
    hours.weekly = std::array::from_fn(|_| DayHours::parse("14:00-15:00").unwrap());
    let slots = free_slots(&hours, z, 60, &[], at("2027-03-05T00:00:00Z"));
    assert_eq!(local(&slots, ny, "2027-03-13"), ["09:00"]);
    assert_eq!(local(&slots, ny, "2027-03-15"), ["10:00"]);
    assert_eq!(local(&slots, z, "2027-03-15"), ["14:00"]);
}

#[test]
fn the_rules_numbers_are_checked() {
    let mut hours = office_hours();
    assert_eq!(hours.check(), Ok(()));
    hours.horizon_days = 0;
    assert_eq!(hours.check(), Err(HoursError::OutOfRange));
    hours.horizon_days = 60;
    hours.buffer_minutes = 241;
    assert_eq!(hours.check(), Err(HoursError::OutOfRange));
    assert!(office_hours().has_hours());
    assert!(!Availability::default().has_hours());
}
