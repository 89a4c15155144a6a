//! One write at a time to each professional's calendar, within this server.
//!
//! The database refuses overlapping bookings on its own: every calendar write touches the
//! calendar's row, so two racing transactions conflict and the loser runs again. That is correct
//! but slow under a crowd: with a hundred requests for one calendar, each round lets one through
//! and the rest back off and collide again. Queueing writers here first means each transaction
//! runs once, and a retry is left only for writers on another server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::{Mutex as Turnstile, OwnedMutexGuard};

#[derive(Default)]
pub struct CalendarQueue {
    lines: Mutex<HashMap<String, Arc<Turnstile<()>>>>,
}

/// The right to write one calendar, until dropped.
pub struct Turn<'a> {
    queue: &'a CalendarQueue,
    key: String,
    guard: Option<OwnedMutexGuard<()>>,
}

impl CalendarQueue {
    /// Waits for the calendar `key` to be free, for at most `patience`: `None` when it wasn't.
    pub async fn enter(&self, key: &str, patience: Duration) -> Option<Turn<'_>> {
        let line = self
            .lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key.to_owned())
            .or_default()
            .clone();
        let guard = tokio::time::timeout(patience, line.lock_owned())
            .await
            .ok()?;
        Some(Turn {
            queue: self,
            key: key.to_owned(),
            guard: Some(guard),
        })
    }

    #[cfg(test)]
    fn lines(&self) -> usize {
        self.lines.lock().unwrap().len()
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut lines = self
            .queue
            .lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.guard.take();
        // nobody else waits or writes (only the map holds it): forget the calendar
        if lines
            .get(&self.key)
            .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            lines.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writers_of_one_calendar_take_turns_and_others_pass() {
        let queue = CalendarQueue::default();
        let first = queue.enter("ada", Duration::from_secs(5)).await.unwrap();
        // another calendar is not held up
        assert!(queue.enter("bo", Duration::from_secs(5)).await.is_some());
        // the same one waits its turn, for as long as it is patient
        assert!(
            queue
                .enter("ada", Duration::from_millis(100))
                .await
                .is_none()
        );
        drop(first);
        let second = queue.enter("ada", Duration::from_secs(5)).await;
        assert!(second.is_some());
        drop(second);
        assert_eq!(queue.lines(), 0, "free calendars are forgotten");
    }
}
