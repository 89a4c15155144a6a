//! Delivers the outbox over SMTP: claims due messages, sends each once, retries failures with
//! back-off. One worker per server; the claim is conditional, so several servers could share a
//! database without sending a message twice.

use super::Mail;
use crate::clock::Clock;
use crate::db::{self, Db};
use lettre::message::header::{ContentType, MessageId};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;

/// Tries after which a message is given up on (and logged).
const MAX_ATTEMPTS: u32 = 8;

pub struct Worker {
    pub db: Db,
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub from: Mailbox,
    /// Host part of our Message-IDs.
    pub domain: String,
    pub clock: Arc<dyn Clock>,
    pub poll: Duration,
    /// How long a claimed message stays with this worker before another may send it.
    pub lease: chrono::Duration,
    /// This worker's name on its claims, so it can hand them back when it stops.
    pub id: String,
    /// Set when the server stops: the worker finishes the message it is sending, then ends.
    pub stop: tokio::sync::watch::Receiver<bool>,
    /// Counts the passes made, so tests can wait until the worker has looked.
    pub passes: Arc<AtomicU64>,
}

/// When attempt `attempts` (0-based) failed, the next one is this much later: 30 s doubling, to 1 h.
pub fn backoff(attempts: u32) -> chrono::Duration {
    let secs = 30_i64.saturating_mul(1_i64 << attempts.min(12));
    chrono::Duration::seconds(secs.min(3600))
}

impl Worker {
    pub fn spawn(self) -> JoinHandle<()> {
        tokio::spawn(async move {
            while !*self.stop.borrow() {
                if let Err(e) = self.run_once().await {
                    tracing::error!(error = %e, "outbox pass failed");
                }
                self.passes.fetch_add(1, Ordering::SeqCst);
                let mut stop = self.stop.clone();
                tokio::select! {
                    () = tokio::time::sleep(self.poll) => {}
                    _ = stop.wait_for(|stop| *stop) => {}
                }
            }
            self.hand_back().await;
        })
    }

    /// Gives back what this worker claimed and did not send, for the next worker to send now.
    pub async fn hand_back(&self) {
        hand_back(&self.db, &self.id, self.clock.now()).await;
    }

    /// One pass over the due messages.
    pub async fn run_once(&self) -> Result<(), db::DbError> {
        let due =
            db::outbox::claim_due(&self.db, self.clock.now(), self.lease, 20, &self.id).await?;
        for stored in due {
            // stopping: the rest of the batch is handed back, not sent
            if *self.stop.borrow() {
                break;
            }
            let result = match self.message(&stored.id, &stored.mail) {
                Ok(message) => self
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    tracing::info!(message = stored.id, "mail sent");
                    db::outbox::mark_sent(&self.db, &stored.id, self.clock.now()).await?;
                }
                Err(error) => {
                    let retry = (stored.attempts + 1 < MAX_ATTEMPTS)
                        .then(|| self.clock.now() + backoff(stored.attempts));
                    tracing::warn!(message = stored.id, attempts = stored.attempts + 1, %error, "mail not sent");
                    db::outbox::mark_failed(&self.db, &stored.id, &error, retry).await?;
                }
            }
        }
        Ok(())
    }

    fn message(&self, id: &str, mail: &Mail) -> Result<Message, String> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|e| format!("recipient: {e}"))?;
        let bodies =
            MultiPart::alternative_plain_html(mail.text_body.clone(), mail.html_body.clone());
        let body = match &mail.calendar {
            None => bodies,
            Some(ics) => {
                // calendars act on the method (a new or changed event, or a cancellation)
                let content_type = ContentType::parse(&format!(
                    "text/calendar; charset=utf-8; method={}",
                    calendar_method(ics)
                ))
                .map_err(|e| e.to_string())?;
                MultiPart::mixed().multipart(bodies).singlepart(
                    Attachment::new("invite.ics".into()).body(ics.clone(), content_type),
                )
            }
        };
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            // the same id on every retry, so a receiving server can drop a duplicate
            .header(MessageId::from(format!("<{id}@{}>", self.domain)))
            .multipart(body)
            .map_err(|e| e.to_string())
    }
}

/// Gives back what the worker `id` claimed and did not send (see `Worker::hand_back`).
pub async fn hand_back(db: &Db, id: &str, now: chrono::DateTime<chrono::Utc>) {
    match db::outbox::release(db, id, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(messages = n, "unsent mail handed back to the other servers"),
        Err(e) => tracing::warn!(error = %e, "unsent mail not handed back: it waits for its lease"),
    }
}

/// The `METHOD` of an iCalendar document (`REQUEST` when it names none).
fn calendar_method(ics: &str) -> &str {
    ics.lines()
        .find_map(|l| l.strip_prefix("METHOD:"))
        .map(str::trim)
        .filter(|m| m.chars().all(|c| c.is_ascii_alphabetic()) && !m.is_empty())
        .unwrap_or("REQUEST")
}

#[cfg(test)]
mod tests {
    use super::{backoff, calendar_method};

    #[test]
    fn the_calendar_method_comes_from_the_document() {
        assert_eq!(
            calendar_method("BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\n"),
            "CANCEL"
        );
        assert_eq!(calendar_method("BEGIN:VCALENDAR\r\n"), "REQUEST");
        assert_eq!(calendar_method("METHOD:X;Y\r\n"), "REQUEST");
    }

    #[test]
    fn backoff_doubles_to_an_hour() {
        assert_eq!(backoff(0).num_seconds(), 30);
        assert_eq!(backoff(1).num_seconds(), 60);
        assert_eq!(backoff(6).num_seconds(), 1920);
        assert_eq!(backoff(7).num_seconds(), 3600);
        assert_eq!(backoff(40).num_seconds(), 3600);
    }
}
