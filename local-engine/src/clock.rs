//! The engine's clock: the system time plus an offset that tests move forward with
//! [`Engine::advance_clock`](crate::Engine::advance_clock). Everything that depends on time
//! (client request tokens, TTL) reads this clock, never `SystemTime::now()` directly.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

#[derive(Debug, Default)]
pub(crate) struct Clock {
    /// Milliseconds added to the system time.
    offset_ms: AtomicU64,
}

impl Clock {
    pub(crate) fn now(&self) -> SystemTime {
        SystemTime::now() + Duration::from_millis(self.offset_ms.load(Ordering::Relaxed))
    }

    pub(crate) fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |o| {
                Some(o.saturating_add(ms))
            });
    }
}
