//! iCalendar (RFC 5545) invitations. Times are written as UTC instants, so every calendar shows the
//! event at the right local time on either side of a clock change.

use chrono::{DateTime, Utc};

/// One session, as a calendar entry.
pub struct Event<'a> {
    /// Stable across changes, so a calendar replaces its copy instead of adding another.
    pub uid: String,
    /// Higher on every change.
    pub sequence: u32,
    pub stamp: DateTime<Utc>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    /// Name and address.
    pub organizer: (&'a str, &'a str),
    pub attendee: (&'a str, &'a str),
    pub cancelled: bool,
}

pub fn render(e: &Event<'_>) -> String {
    let method = if e.cancelled { "CANCEL" } else { "REQUEST" };
    let status = if e.cancelled {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Tandem//Sessions//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!("METHOD:{method}"),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(&e.uid)),
        format!("SEQUENCE:{}", e.sequence),
        format!("DTSTAMP:{}", instant(e.stamp)),
        format!("DTSTART:{}", instant(e.starts_at)),
        format!("DTEND:{}", instant(e.ends_at)),
        format!("SUMMARY:{}", text(e.summary)),
        format!("DESCRIPTION:{}", text(e.description)),
        format!("URL:{}", e.url),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            param(e.organizer.0),
            e.organizer.1
        ),
        format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{}",
            param(e.attendee.0),
            e.attendee.1
        ),
        format!("STATUS:{status}"),
        "TRANSP:OPAQUE".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut out = String::new();
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// `20310329T090000Z`.
fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon, comma and newline escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, quoted; a quote can't appear inside one, so it is dropped.
fn param(s: &str) -> String {
    let clean: String = s.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

/// Lines longer than 75 octets continue on the next line after a space, split between characters.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(cancelled: bool) -> String {
        render(&Event {
            uid: "b1@tandem.example".into(),
            sequence: 2,
            stamp: "2031-01-01T00:00:00Z".parse().unwrap(),
            starts_at: "2031-03-31T08:00:00Z".parse().unwrap(),
            ends_at: "2031-03-31T08:50:00Z".parse().unwrap(),
            summary: "Therapy, with Dr. Þóra; online",
            description: &format!("Line one\nLine two {}", "ð".repeat(60)),
            url: "https://tandem.example/join?token=abc",
            organizer: ("Dr. \"Þóra\"", "thora@example.com"),
            attendee: ("Cy", "cy@example.com"),
            cancelled,
        })
    }

    #[test]
    fn instants_are_utc_and_text_is_escaped_and_folded() {
        let ics = event(false);
        assert!(ics.contains("DTSTART:20310331T080000Z\r\n"));
        assert!(ics.contains("SUMMARY:Therapy\\, with Dr. Þóra\\; online\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Dr. Þóra\":mailto:thora@example.com"));
        assert!(ics.contains("METHOD:REQUEST\r\n") && ics.contains("STATUS:CONFIRMED\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("Line one\\nLine two {}", "ð".repeat(60))));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_cancellation_says_so() {
        let ics = event(true);
        assert!(ics.contains("METHOD:CANCEL\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
    }
}
