//! Shrinking failures: for each failing outcome, the schedule with the fewest preemptions
//! (then the fewest steps) that ends exactly the same way (output, final globals, verdict).
//!
//! First a greedy pass ([`super::tighten`]) lets preempted threads run on where that
//! keeps the failure. Then every schedule with at most 0, 1, 2, ... preemptions is run in
//! turn, in depth-first order, until each failure has been met within the bound (so nothing with fewer
//! preemptions fails that way: the schedule is *minimal*) or a budget of executions runs
//! out (the best schedule met so far stands, not proven minimal). A schedule is adopted
//! only once replaying it by thread names ends the same way.
//!
//! The result for a failure depends only on the program and the budget, not on where the
//! exploration first met it, so shards of an exploration shrink alike.

use super::Search;
use super::bounded::Bounded;
use super::record::{self, Outcome};
use super::schedule::{self, Follow};
use super::summary::{OutcomeCount, Summary};
use super::tighten::{Tight, tighten};
use crate::compile::Program;
use crate::runtime::{Limits, Machine};

/// Executions the search for shorter schedules may run, over all failures.
pub const BUDGET: u64 = 20_000;

/// A failure's best schedule so far.
struct Target {
    outcome: Outcome,
    preemptions: usize,
    steps: usize,
    schedule: String,
}

impl Target {
    fn of(o: &OutcomeCount) -> Target {
        Target {
            outcome: Outcome {
                output: o.output.clone(),
                globals: o.globals.clone(),
                verdict: o.verdict.clone(),
                failure: o.failure,
            },
            preemptions: o.preemptions,
            steps: o.steps,
            schedule: o.schedule.clone(),
        }
    }
}

/// Shrinks the schedules of `summary`'s failures in place, marking those proven minimal.
pub fn shrink(program: &Program, limits: Limits, summary: &mut Summary, budget: u64) {
    let failures: Vec<usize> = (0..summary.outcomes.len())
        .filter(|&i| summary.outcomes[i].failure)
        .collect();
    if failures.is_empty() {
        return;
    }
    let mut targets: Vec<Target> = failures.iter().map(|&i| Target::of(&summary.outcomes[i])).collect();
    let mut proven = vec![false; targets.len()];
    let mut machine = Machine::new(program);
    for t in &mut targets {
        let Ok(choices) = schedule::decode(&t.schedule) else {
            continue;
        };
        let start = Tight {
            choices,
            preemptions: t.preemptions,
            steps: t.steps,
        };
        if let Some(better) = tighten(&mut machine, limits, &t.outcome, start)
            && replays(&mut machine, limits, better.choices.clone(), &t.outcome)
        {
            (t.preemptions, t.steps, t.schedule) =
                (better.preemptions, better.steps, schedule::encode(&better.choices));
        }
    }
    let mut spent = 0u64;
    let highest = targets.iter().map(|t| t.preemptions).max().unwrap_or(0);
    'levels: for bound in 0..=highest {
        let mut search = Bounded::new(bound);
        loop {
            if spent >= budget {
                break 'levels;
            }
            let execution = record::sample(&mut machine, &mut search, limits);
            spent += 1;
            if let Some(outcome) = &execution.outcome {
                let preemptions = schedule::preemptions(&execution.steps);
                let steps = execution.steps.len();
                for (t, done) in targets.iter_mut().zip(&proven) {
                    if !done && t.outcome == *outcome && (preemptions, steps) < (t.preemptions, t.steps) {
                        let choices = schedule::choices(&execution.steps, &execution.labels);
                        let text = schedule::encode(&choices);
                        if replays(&mut machine, limits, choices, outcome) {
                            (t.preemptions, t.steps, t.schedule) = (preemptions, steps, text);
                        }
                    }
                }
            }
            if !search.finish(&execution) {
                break;
            }
        }
        // Every schedule within `bound` has run: a failure met within it is at its fewest.
        for (t, done) in targets.iter().zip(proven.iter_mut()) {
            *done |= t.preemptions <= bound;
        }
        if proven.iter().all(|d| *d) {
            break;
        }
    }
    for ((&i, t), done) in failures.iter().zip(targets).zip(proven) {
        let o = &mut summary.outcomes[i];
        (o.preemptions, o.steps, o.schedule) = (t.preemptions, t.steps, t.schedule);
        o.minimal = Some(done);
    }
}

/// Whether following `choices` by thread names ends with `outcome`.
fn replays(machine: &mut Machine, limits: Limits, choices: Vec<String>, outcome: &Outcome) -> bool {
    let mut follow = Follow::new(choices);
    let execution = record::sample(machine, &mut follow, limits);
    follow.error.is_none() && follow.unused() == 0 && execution.outcome.as_ref() == Some(outcome)
}
