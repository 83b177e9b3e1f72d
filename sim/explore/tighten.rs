//! The first, greedy pass of shrinking: a failing schedule loses preemptions by letting
//! the preempted thread go on. At each switch of the schedule from thread A to another, A's
//! next run of choices is moved in front of the switch; the first such change that still
//! ends exactly the same way with fewer preemptions (or as many and fewer steps) is kept,
//! and the pass starts over, until no change helps or its budget is spent.
//!
//! It only ever starts from a failure's own schedule and has a budget per failure, so its
//! result does not depend on the other failures being shrunk (shards shrink alike).

use super::record::{self, Outcome};
use super::schedule::{self, Follow};
use crate::runtime::{Limits, Machine};

/// Executions the greedy pass may run per failure.
pub const BUDGET: u64 = 200;

/// A schedule and how it fares.
pub struct Tight {
    pub choices: Vec<String>,
    pub preemptions: usize,
    pub steps: usize,
}

/// Tightens `start` (which ends with `outcome` after `preemptions` preemptions and `steps`
/// steps); returns the best schedule found, or `None` when nothing better was.
pub fn tighten(machine: &mut Machine, limits: Limits, outcome: &Outcome, start: Tight) -> Option<Tight> {
    let mut best = start;
    let mut improved = false;
    let mut spent = 0;
    'pass: loop {
        for i in 1..best.choices.len() {
            let Some(candidate) = let_run_on(&best.choices, i) else {
                continue;
            };
            if spent == BUDGET {
                break 'pass;
            }
            spent += 1;
            let mut follow = Follow::new(candidate);
            let execution = record::sample(machine, &mut follow, limits);
            if follow.error.is_some() || follow.unused() > 0 || execution.outcome.as_ref() != Some(outcome) {
                continue;
            }
            let (preemptions, steps) = (schedule::preemptions(&execution.steps), execution.steps.len());
            if (preemptions, steps) < (best.preemptions, best.steps) {
                best = Tight {
                    choices: schedule::choices(&execution.steps, &execution.labels),
                    preemptions,
                    steps,
                };
                improved = true;
                continue 'pass;
            }
        }
        break;
    }
    improved.then_some(best)
}

/// `choices` with the run of the thread that chose at `at - 1`, from its next choice on,
/// moved in front of `at`; `None` when `at` is no switch or that thread chooses no more.
fn let_run_on(choices: &[String], at: usize) -> Option<Vec<String>> {
    let before = &choices[at - 1];
    if choices[at] == *before {
        return None;
    }
    let next = at + choices[at..].iter().position(|c| c == before)?;
    let end = next + choices[next..].iter().take_while(|c| *c == before).count();
    let mut moved = Vec::with_capacity(choices.len());
    moved.extend_from_slice(&choices[..at]);
    moved.extend_from_slice(&choices[next..end]);
    moved.extend_from_slice(&choices[at..next]);
    moved.extend_from_slice(&choices[end..]);
    Some(moved)
}

#[cfg(test)]
mod tests {
    use super::let_run_on;

    fn names(text: &str) -> Vec<String> {
        text.split(',').map(str::to_string).collect()
    }

    #[test]
    fn the_preempted_thread_runs_on() {
        let choices = names("a,b,b,c,a,a,b");
        assert_eq!(let_run_on(&choices, 1), Some(names("a,a,a,b,b,c,b")));
        assert_eq!(let_run_on(&choices, 2), None, "no switch");
        assert_eq!(let_run_on(&choices, 3), Some(names("a,b,b,b,c,a,a")));
        assert_eq!(let_run_on(&choices, 6), None, "a chooses no more");
    }
}
