//! A server on its way down tells the people in its calls before it goes. From the moment it
//! starts stopping, a heartbeat from a page in a call is answered "restarting" (and joins are
//! refused the same way); the page then waits and joins again once a server is back. Stopping
//! waits until everyone seated on this server's SFU has been told, or for one heartbeat and a
//! little more, whichever comes first.

use crate::sfu::Seat;
use std::collections::HashSet;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often stopping looks whether everyone has been told.
const LOOK_EVERY: Duration = Duration::from_millis(20);

#[derive(Default)]
pub struct Drain {
    stopping: AtomicBool,
    /// The people in a call whose page has been told.
    told: Mutex<HashSet<Seat>>,
}

impl Drain {
    /// From now on, calls here are told the server is restarting.
    pub fn begin(&self) {
        self.stopping.store(true, Ordering::SeqCst);
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// `seat`'s page has been told.
    pub fn told(&self, seat: &Seat) {
        self.told
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(seat.clone());
    }

    fn told_count(&self) -> usize {
        self.told
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// Waits until at least `seated()` people have been told, or until `within` is over. Returns
    /// how many were told.
    pub async fn told_everyone(&self, seated: impl Fn() -> usize, within: Duration) -> usize {
        let deadline = Instant::now() + within;
        loop {
            let told = self.told_count();
            if told >= seated() || Instant::now() >= deadline {
                return told;
            }
            tokio::time::sleep(LOOK_EVERY).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(user: &str) -> Seat {
        Seat {
            room: "r".into(),
            user: user.into(),
        }
    }

    #[tokio::test]
    async fn waits_for_each_seat_once_and_no_longer_than_asked() {
        let drain = Drain::default();
        assert!(!drain.is_stopping());
        drain.begin();
        assert!(drain.is_stopping());
        // nobody in a call: nothing to wait for
        assert_eq!(drain.told_everyone(|| 0, Duration::from_secs(60)).await, 0);
        // the same page told twice counts once; the window ends the wait
        drain.told(&seat("a"));
        drain.told(&seat("a"));
        let started = Instant::now();
        assert_eq!(
            drain.told_everyone(|| 2, Duration::from_millis(100)).await,
            1
        );
        assert!(started.elapsed() >= Duration::from_millis(100));
        drain.told(&seat("b"));
        assert_eq!(drain.told_everyone(|| 2, Duration::from_secs(60)).await, 2);
    }
}
