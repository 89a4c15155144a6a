//! SurrealQL that several tables' transactions share. Each statement is a constant that reads
//! parameters of fixed names, bound with the typed values below; nothing is pasted together from
//! strings. Each takes a list, so one statement serves none, one or several rows.

use super::ids::{booking_record, user_record};
use super::new_key;
use crate::mail::Mail;
use app::domain::{BookingId, NotificationKind, UserId};
use surrealdb::types::{RecordId, SurrealValue};

/// Stores each join link in `$links` (`Link`).
pub(super) const ADD_LINKS: &str = "FOR $l IN $links {
    CREATE booking_link CONTENT {
        booking: $l.booking, token_hash: $l.token_hash, created_at: $now
    } RETURN NONE;
}";

/// Tells each user in `$notices` (`Notice`) of a booking, in the app. Callers put it in the
/// transaction that makes the change it tells of.
pub(super) const NOTIFY: &str = "FOR $n IN $notices {
    CREATE notification CONTENT {
        user: $n.user, kind: $n.kind, booking: $n.booking, created_at: $now
    } RETURN NONE;
}";

/// Queues each mail in `$mails` (`Queued`) in the outbox, for the mail worker to send. Callers
/// put it in the transaction whose change the mail tells of, so neither happens without the other.
pub(super) const ENQUEUE: &str = "FOR $m IN $mails {
    CREATE type::record('outbox', $m.key) CONTENT {
        recipient: $m.mail.recipient, subject: $m.mail.subject,
        text_body: $m.mail.text_body, html_body: $m.mail.html_body, calendar: $m.mail.calendar,
        status: 'pending', attempts: 0, next_attempt_at: $now, created_at: $now
    } RETURN NONE;
}";

/// A join link for `ADD_LINKS`: the SHA-256 of the token mailed for a booking.
#[derive(Clone, SurrealValue)]
pub(super) struct Link {
    booking: RecordId,
    token_hash: String,
}

/// The link for `booking`, when a mail carries one.
pub(super) fn links(booking: &BookingId, token_hash: Option<String>) -> Vec<Link> {
    token_hash
        .into_iter()
        .map(|token_hash| Link {
            booking: booking_record(booking),
            token_hash,
        })
        .collect()
}

/// A notification for `NOTIFY`.
#[derive(Clone, SurrealValue)]
pub(super) struct Notice {
    user: RecordId,
    kind: String,
    booking: RecordId,
}

/// Tells `user`, when there is one (an invitee without an account has no inbox).
pub(super) fn notices(
    user: Option<&UserId>,
    kind: NotificationKind,
    booking: &BookingId,
) -> Vec<Notice> {
    user.into_iter()
        .map(|user| Notice {
            user: user_record(user),
            kind: kind.code().to_owned(),
            booking: booking_record(booking),
        })
        .collect()
}

/// A mail for `ENQUEUE`, under a fresh outbox key.
#[derive(Clone, SurrealValue)]
pub(super) struct Queued {
    key: String,
    mail: Mail,
}

/// Each mail under its own key; `None` (a mail the recipient turned off) queues nothing.
pub(super) fn mails(mails: impl IntoIterator<Item = Mail>) -> Vec<Queued> {
    mails
        .into_iter()
        .map(|mail| Queued {
            key: new_key(),
            mail,
        })
        .collect()
}

/// Where a transaction's `RETURN` stands, written as its last statement before
/// `COMMIT TRANSACTION`: found by its place, not by counting the statements before it.
pub(super) fn returned(res: &surrealdb::IndexedResults) -> usize {
    res.num_statements().saturating_sub(2)
}
