//! Exploring a scenario's interleavings: exhaustively (optimal DPOR, or every schedule
//! within a preemption bound), or by sampling (uniform random, PCT), into a [`Summary`] of
//! distinct outcomes, each with a schedule that replays it.
//!
//! Results do not depend on the number of worker threads: seeds are run in blocks whose
//! tallies are merged in seed order, and the exhaustive search is sequential.

mod bounded;
mod dpor;
mod event;
mod merge;
mod progress;
mod races;
pub mod record;
pub mod render;
pub mod schedule;
mod shrink;
mod summary;
mod tighten;
mod wakeup;

use std::ops::Range;

use rayon::prelude::*;

pub use dpor::Stats;
pub use merge::merge;
pub use progress::Progress;
pub use shrink::BUDGET as SHRINK_BUDGET;
pub use summary::{OutcomeCount, Summary, Tally};

use crate::compile::Program;
use crate::runtime::actor::ActorId;
use crate::runtime::{Limits, Machine};
use crate::sched::{Choice, PctScheduler, RandomScheduler, Scheduler};
use record::{Chooser, Execution, Room, Step};

#[derive(Clone, Debug, PartialEq)]
pub enum Strategy {
    /// Every Mazurkiewicz trace once, or with a bound every schedule within it.
    Exhaustive { max_preemptions: Option<usize> },
    /// A uniform choice at every step, one run per seed.
    Random { seeds: Range<u64> },
    /// PCT with the given depth, one run per seed.
    Pct { seeds: Range<u64>, depth: u32 },
}

impl Strategy {
    pub fn name(&self) -> &'static str {
        match self {
            Strategy::Exhaustive { .. } => "exhaustive",
            Strategy::Random { .. } => "random",
            Strategy::Pct { .. } => "pct",
        }
    }
}

pub struct Options {
    pub strategy: Strategy,
    /// Worker threads for seeded strategies.
    pub jobs: usize,
    /// Stop at the first failing execution (in exploration order).
    pub stop_on_failure: bool,
    /// Run only the seeds of this shard: `(m, n)` is shard `m` of `n` (1-based).
    pub partition: Option<(u64, u64)>,
    pub limits: Limits,
    /// Executions the shrinking of failures may spend (0: failures are not shrunk).
    pub shrink_budget: u64,
    /// Give up an exhaustive search beyond this (the summary says it was cut short).
    pub cutoff: Option<Cutoff>,
}

/// Where an exhaustive search gives up.
#[derive(Clone, Copy, Debug)]
pub struct Cutoff {
    pub executions: u64,
    /// Steps over all executions.
    pub steps: u64,
}

/// The seeds shard `partition` (`(m, n)`: shard m of n) runs, in order: every n-th seed.
pub fn shard_seeds(seeds: Range<u64>, partition: Option<(u64, u64)>) -> Vec<u64> {
    match partition {
        Some((m, n)) => seeds
            .enumerate()
            .filter(|(i, _)| *i as u64 % n == m - 1)
            .map(|(_, s)| s)
            .collect(),
        None => seeds.collect(),
    }
}

/// Explores `program` as `options` say.
pub fn explore(program: &Program, options: &Options, progress: &Progress) -> Summary {
    let mut summary = match &options.strategy {
        Strategy::Exhaustive { max_preemptions } => exhaustive(program, options, *max_preemptions, progress),
        Strategy::Random { seeds } => sampled(program, options, seeds.clone(), progress, &|seed| {
            Box::new(RandomScheduler::new(seed))
        }),
        Strategy::Pct { seeds, depth } => {
            let (threads, steps) = calibrate(program, options.limits);
            let depth = *depth;
            let mut summary = sampled(program, options, seeds.clone(), progress, &move |seed| {
                Box::new(PctScheduler::new(seed, depth, steps))
            });
            let bound = (threads as f64) * (steps as f64).powi(depth as i32 - 1);
            summary.guarantee = Some(format!(
                "PCT depth {depth} with {threads} threads and about {steps} steps: a bug of depth {depth} is found with probability at least 1/{} per run",
                format_bound(bound)
            ));
            summary
        }
    };
    summary.strategy = options.strategy.name().to_string();
    summary.partition = options.partition;
    if !summary.truncated {
        shrink::shrink(program, options.limits, &mut summary, options.shrink_budget);
    }
    summary.sort();
    summary
}

fn format_bound(bound: f64) -> String {
    if bound < 1e15 {
        format!("{bound:.0}")
    } else {
        format!("{bound:.3e}")
    }
}

/// The number of threads and steps of one run (PCT's `n` and `k`), from seed 0.
fn calibrate(program: &Program, limits: Limits) -> (usize, u64) {
    let mut machine = Machine::new(program);
    let mut chooser = Sampler(Box::new(RandomScheduler::new(0)));
    let execution = record::sample(&mut machine, &mut chooser, limits);
    (execution.labels.len(), execution.steps.len() as u64)
}

/// A scheduler as a chooser.
struct Sampler(Box<dyn Scheduler>);

impl Chooser for Sampler {
    fn choose(&mut self, choice: &Choice<'_>, _history: &[Step]) -> Option<ActorId> {
        Some(self.0.choose(choice))
    }
}

/// Seeds per block of work: a block's tally is merged whole, in seed order.
const BLOCK: u64 = 64;

fn sampled(
    program: &Program,
    options: &Options,
    seeds: Range<u64>,
    progress: &Progress,
    make: &(dyn Fn(u64) -> Box<dyn Scheduler> + Sync),
) -> Summary {
    let seeds = shard_seeds(seeds, options.partition);
    let blocks: Vec<&[u64]> = seeds.chunks(BLOCK as usize).collect();
    // Each worker keeps its machine from block to block: a run does not depend on the
    // runs the machine made before.
    let run_block = |(machine, room): &mut (Machine, Room), block: &[u64]| {
        let mut tally = Tally::default();
        for &seed in block {
            let outcome = record::outcome(machine, &mut *make(seed), options.limits);
            let failed = if tally.add_again(&outcome) {
                progress.count(&outcome);
                outcome.failure
            } else {
                // New in this block: the seed is run again, recording the schedule that
                // replays it.
                let mut chooser = Sampler(make(seed));
                let execution = record::sample_in(machine, &mut chooser, options.limits, room);
                debug_assert_eq!(execution.outcome.as_ref(), Some(&outcome));
                let failed = tally.add(&execution, seed);
                if let Some(outcome) = &execution.outcome {
                    progress.count(outcome);
                }
                room.keep(execution);
                failed
            };
            if failed && options.stop_on_failure {
                tally.stopped = true;
                break;
            }
        }
        tally
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.max(1)).build();
    let tallies: Vec<Tally> = match pool {
        Ok(pool) => pool.install(|| {
            blocks
                .par_iter()
                .map_init(
                    || (Machine::new(program), Room::default()),
                    |worker, b| run_block(worker, b),
                )
                .collect()
        }),
        Err(_) => {
            let mut worker = (Machine::new(program), Room::default());
            blocks.iter().map(|b| run_block(&mut worker, b)).collect()
        }
    };
    let mut total = Tally::default();
    for tally in tallies {
        let stop = tally.stopped;
        total.merge(tally);
        if stop {
            break;
        }
    }
    let mut summary = total.into_summary();
    summary.seeds = Some(seeds.first().copied().unwrap_or(0)..seeds.last().map_or(0, |s| s + 1));
    summary
}

/// An exhaustive search: it steers one execution at a time until every branch is
/// explored.
trait Search: Chooser {
    /// Learns from the execution just run and moves to the next branch; says whether there
    /// is one.
    fn finish(&mut self, execution: &Execution) -> bool;
    fn stats(&self) -> Stats;
    /// How many first choices of the execution just finished the next one makes again.
    fn replayed(&self) -> usize {
        0
    }
}

fn exhaustive(program: &Program, options: &Options, bound: Option<usize>, progress: &Progress) -> Summary {
    let mut machine = Machine::new(program);
    let mut tally = Tally::default();
    let mut count = 0u64;
    let mut record = |execution: &Execution, tally: &mut Tally| -> bool {
        if execution.outcome.is_none() {
            return false;
        }
        let failed = tally.add(execution, count);
        count += 1;
        if let Some(outcome) = &execution.outcome {
            progress.count(outcome);
        }
        failed && options.stop_on_failure
    };
    let mut search: Box<dyn Search> = match bound {
        Some(limit) => Box::new(bounded::Bounded::new(limit)),
        None => Box::new(dpor::Dpor::new()),
    };
    let mut total_steps = 0u64;
    // Runs start from a snapshot at the deepest choice point they share with the one
    // before (the choices before a branch point are the same).
    let mut room = if bound.is_none() {
        Room::snapshotting()
    } else {
        Room::default()
    };
    loop {
        let execution = record::run_in(&mut machine, &mut *search, options.limits, &mut room);
        let more = search.finish(&execution);
        room.branch_at(search.replayed());
        if record(&execution, &mut tally) {
            tally.stopped = true;
            break;
        }
        if !more {
            break;
        }
        total_steps += execution.steps.len() as u64;
        room.keep(execution);
        if options
            .cutoff
            .is_some_and(|c| tally.executions() >= c.executions || total_steps >= c.steps)
        {
            tally.truncated = true;
            break;
        }
    }
    let stats = search.stats();
    let mut summary = tally.into_summary();
    summary.sleep_set_blocked = stats.sleep_set_blocked;
    summary.infeasible = stats.infeasible;
    summary
}
