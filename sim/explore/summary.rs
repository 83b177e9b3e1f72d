//! The summary of an exploration: how many executions, and each distinct outcome (output,
//! final globals, verdict) with how often it came and a schedule that replays it,
//! failures first.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::record::{Execution, Outcome};
use super::schedule;

/// One distinct outcome and how it was reached.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OutcomeCount {
    pub output: String,
    pub globals: String,
    pub verdict: String,
    pub failure: bool,
    pub count: u64,
    /// The schedule of the first execution (in exploration order) that ended this way.
    pub schedule: String,
    pub preemptions: usize,
    pub steps: usize,
    /// Where in the exploration that execution came (its seed, or its number).
    pub first: u64,
    /// For a failure: whether its schedule is proven to have the fewest preemptions (then
    /// steps) of any that end this way, or only the best met within the shrinking budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimal: Option<bool>,
}

/// Outcomes counted over a run of executions.
#[derive(Default)]
pub struct Tally {
    outcomes: BTreeMap<Outcome, OutcomeCount>,
    executions: u64,
    failures: u64,
    /// Stopped at a failure (`--stop-on-failure`).
    pub stopped: bool,
    /// Cut short by a limit on executions.
    pub truncated: bool,
}

impl Tally {
    /// Counts an execution found at position `at`; says whether it failed.
    pub fn add(&mut self, execution: &Execution, at: u64) -> bool {
        let Some(outcome) = &execution.outcome else {
            return false;
        };
        self.executions += 1;
        self.failures += u64::from(outcome.failure);
        if let Some(entry) = self.outcomes.get_mut(outcome) {
            entry.count += 1;
            return outcome.failure;
        }
        let entry = self.outcomes.entry(outcome.clone()).or_insert_with(|| OutcomeCount {
            output: outcome.output.clone(),
            globals: outcome.globals.clone(),
            verdict: outcome.verdict.clone(),
            failure: outcome.failure,
            count: 0,
            schedule: schedule::encode(&schedule::choices(&execution.steps, &execution.labels)),
            preemptions: schedule::preemptions(&execution.steps),
            steps: execution.steps.len(),
            first: at,
            minimal: None,
        });
        entry.count += 1;
        outcome.failure
    }

    /// Counts one more execution that ended as an earlier one counted here did, if one
    /// did; says whether it was counted.
    pub fn add_again(&mut self, outcome: &Outcome) -> bool {
        let Some(entry) = self.outcomes.get_mut(outcome) else {
            return false;
        };
        entry.count += 1;
        self.executions += 1;
        self.failures += u64::from(outcome.failure);
        true
    }

    /// Executions counted so far.
    pub fn executions(&self) -> u64 {
        self.executions
    }

    /// Adds a tally of later executions.
    pub fn merge(&mut self, later: Tally) {
        self.executions += later.executions;
        self.failures += later.failures;
        self.stopped |= later.stopped;
        for (outcome, count) in later.outcomes {
            match self.outcomes.get_mut(&outcome) {
                Some(mine) => mine.count += count.count,
                None => {
                    self.outcomes.insert(outcome, count);
                }
            }
        }
    }

    pub fn into_summary(self) -> Summary {
        Summary {
            scenario: String::new(),
            strategy: String::new(),
            executions: self.executions,
            sleep_set_blocked: 0,
            infeasible: 0,
            outcomes: self.outcomes.into_values().collect(),
            failures: self.failures,
            stopped_on_failure: self.stopped,
            truncated: self.truncated,
            seeds: None,
            guarantee: None,
            partition: None,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Summary {
    pub scenario: String,
    pub strategy: String,
    pub executions: u64,
    pub sleep_set_blocked: u64,
    /// Wakeup branches dropped because they could not run.
    pub infeasible: u64,
    pub outcomes: Vec<OutcomeCount>,
    /// Executions that failed.
    pub failures: u64,
    pub stopped_on_failure: bool,
    /// The exhaustive search was cut short by a limit on executions: not every behaviour
    /// was seen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seeds: Option<Range<u64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guarantee: Option<String>,
    /// The shard this summary covers, `(M, N)`: shard M of N (`--partition count:M/N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<(u64, u64)>,
}

impl Summary {
    /// Failures first, then the most frequent, then in the order they were found.
    pub fn sort(&mut self) {
        self.outcomes.sort_by(|a, b| {
            b.failure
                .cmp(&a.failure)
                .then(b.count.cmp(&a.count))
                .then(a.first.cmp(&b.first))
        });
    }
}
