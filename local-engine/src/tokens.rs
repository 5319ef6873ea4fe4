//! `ClientRequestToken` idempotency of TransactWriteItems.
//!
//! A token is remembered with the request it came with (token removed) from the moment its
//! transaction starts. While that transaction runs, the token is `Running` and another request
//! with it is a `TransactionInProgressException`. When it succeeds, the token keeps the response
//! for 10 minutes: the same request again gets that response without being applied again,
//! another request is an `IdempotentParameterMismatchException`. A cancelled or invalid
//! transaction forgets its token, so a retry runs afresh.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use dynamodel::Error;
use dynamodel::model::{TransactWriteItemsInput, TransactWriteItemsOutput};
use parking_lot::Mutex;

use crate::messages::transaction as msg;

/// How long a completed token is remembered.
pub(crate) const TOKEN_LIFETIME: Duration = Duration::from_secs(600);

#[derive(Debug)]
enum State {
    Running,
    Done {
        at: SystemTime,
        output: TransactWriteItemsOutput,
    },
}

#[derive(Debug)]
struct Entry {
    request: TransactWriteItemsInput,
    state: State,
}

#[derive(Debug, Default)]
pub(crate) struct Tokens {
    entries: Mutex<BTreeMap<String, Entry>>,
}

/// What to do with a request that carries a token.
pub(crate) enum Claim {
    /// Run it; the token is now `Running`.
    Run,
    /// Answer with the earlier response.
    Replay(TransactWriteItemsOutput),
}

impl Tokens {
    /// Claims `token` for `request` (its token removed) at `now`.
    pub(crate) fn claim(
        &self,
        token: &str,
        request: &TransactWriteItemsInput,
        now: SystemTime,
    ) -> Result<Claim, Error> {
        let mut entries = self.entries.lock();
        entries.retain(|_, entry| match &entry.state {
            State::Running => true,
            State::Done { at, .. } => now.duration_since(*at).unwrap_or_default() < TOKEN_LIFETIME,
        });
        match entries.get(token) {
            Some(entry) if entry.request != *request => Err(msg::idempotent_mismatch()),
            Some(Entry {
                state: State::Running,
                ..
            }) => Err(msg::in_progress()),
            Some(Entry {
                state: State::Done { output, .. },
                ..
            }) => Ok(Claim::Replay(output.clone())),
            None => {
                entries.insert(
                    token.to_owned(),
                    Entry {
                        request: request.clone(),
                        state: State::Running,
                    },
                );
                Ok(Claim::Run)
            }
        }
    }

    /// Records the outcome of a `Run` claim: success keeps the response, failure forgets.
    pub(crate) fn finish(
        &self,
        token: &str,
        outcome: Option<&TransactWriteItemsOutput>,
        now: SystemTime,
    ) {
        let mut entries = self.entries.lock();
        match outcome {
            Some(output) => {
                if let Some(entry) = entries.get_mut(token) {
                    entry.state = State::Done {
                        at: now,
                        output: output.clone(),
                    };
                }
            }
            None => {
                entries.remove(token);
            }
        }
    }
}
