//! How batches retry unprocessed items: a bounded number of attempts with exponential
//! backoff and full jitter, sleeping through a function the caller supplies.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::time::Duration;

use super::items::BoxFuture;

type SleepFn = Arc<dyn Fn(Duration) -> BoxFuture<'static, ()> + Send + Sync>;

/// How a batch retries the items or keys DynamoDB left unprocessed (and requests that were
/// throttled or failed transiently).
///
/// Each chunk is tried at most [`max_attempts`](Self::max_attempts) times, so a batch never
/// loops forever; what is still unprocessed after the last attempt is handed back in the
/// batch's error.
///
/// Between attempts the chunk waits a random time between zero and
/// `min(max_delay, base_delay * 2^(attempt - 1))` ("full jitter"). dynamodel has no timer
/// of its own, so the wait only happens when you supply a sleep function; without one the
/// retries follow each other at once, which suits the in-process engine but not DynamoDB:
///
/// ```
/// # use std::time::Duration;
/// # use dynamodel::client::RetryPolicy;
/// # async fn sleep(_: Duration) {}
/// // with tokio: `RetryPolicy::default().sleep(tokio::time::sleep)`
/// let policy = RetryPolicy::default().max_attempts(10).sleep(sleep);
/// ```
#[derive(Clone)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    sleep: Option<SleepFn>,
}

impl Default for RetryPolicy {
    /// Eight attempts, backoff from 50 ms up to 5 s, no sleep function.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            base_delay: Duration::from_millis(50),
            max_delay: Duration::from_secs(5),
            sleep: None,
        }
    }
}

impl RetryPolicy {
    /// Tries each chunk at most `attempts` times (at least once; `0` counts as `1`).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the second attempt, doubled for each further one.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff between two attempts.
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Waits between attempts with `sleep` (for example `tokio::time::sleep`).
    #[must_use]
    pub fn sleep<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.sleep = Some(Arc::new(move |delay| Box::pin(sleep(delay))));
        self
    }

    /// The number of attempts per chunk.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The upper bound of the wait after attempt `attempt` (counted from 1).
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(31);
        self.base_delay
            .saturating_mul(1 << doublings)
            .min(self.max_delay)
    }

    /// Waits after attempt `attempt` failed to finish the chunk.
    pub(super) async fn wait(&self, attempt: u32) {
        let Some(sleep) = &self.sleep else { return };
        let ceiling = self.backoff_ceiling(attempt);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        let delay = match nanos.checked_add(1) {
            Some(bound) => Duration::from_nanos(random() % bound),
            None => ceiling,
        };
        sleep(delay).await;
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_attempts", &self.max_attempts)
            .field("base_delay", &self.base_delay)
            .field("max_delay", &self.max_delay)
            .field("sleeps", &self.sleep.is_some())
            .finish()
    }
}

/// A random number for jitter: `RandomState` is seeded randomly per instance, which is
/// enough to spread retries apart without a dependency on a random number generator.
fn random() -> u64 {
    RandomState::new().build_hasher().finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_ceiling() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(10))
            .max_delay(Duration::from_millis(70));
        let ceilings: Vec<_> = (1..=5)
            .map(|a| policy.backoff_ceiling(a).as_millis())
            .collect();
        assert_eq!(ceilings, [10, 20, 40, 70, 70]);
        assert_eq!(policy.backoff_ceiling(u32::MAX), Duration::from_millis(70));
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
    }
}
