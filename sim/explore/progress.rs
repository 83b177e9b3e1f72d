//! Live counters of an exploration, for a progress display to read while it runs:
//! executions, distinct outcomes and failing executions so far.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::record::Outcome;

#[derive(Default)]
pub struct Progress {
    executions: AtomicU64,
    failures: AtomicU64,
    outcomes: AtomicU64,
    /// Hashes of the outcomes met so far.
    seen: Mutex<HashSet<u64>>,
}

impl Progress {
    /// Counts one finished execution that ended with `outcome`.
    pub fn count(&self, outcome: &Outcome) {
        self.executions.fetch_add(1, Ordering::Relaxed);
        if outcome.failure {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
        let mut hasher = DefaultHasher::new();
        outcome.hash(&mut hasher);
        let new = self.seen.lock().is_ok_and(|mut seen| seen.insert(hasher.finish()));
        if new {
            self.outcomes.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Executions, distinct outcomes and failing executions so far.
    pub fn read(&self) -> (u64, u64, u64) {
        (
            self.executions.load(Ordering::Relaxed),
            self.outcomes.load(Ordering::Relaxed),
            self.failures.load(Ordering::Relaxed),
        )
    }
}
