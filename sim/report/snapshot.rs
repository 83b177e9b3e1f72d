//! The snapshots of a scenario: its trace and verdict under each of a few seeds, and its
//! exploration summaries. The repository's tests and `sim check` render snapshots with
//! [`scenario_snapshots`] alone, so they always agree.

use std::path::Path;

use super::trace::TraceRecorder;
use crate::compile::Program;
use crate::explore::{Cutoff, Options, Progress, SHRINK_BUDGET, Strategy, explore, render};
use crate::runtime::{Limits, Machine, Quiet};
use crate::scenario::CheckStrategy;
use crate::sched::RandomScheduler;

/// Trace lines kept per run; longer runs are cut, with a count of the steps left out.
pub const TRACE_LIMIT: usize = 400;

/// Snapshots include the exhaustive search of scenarios whose run takes at most this many
/// steps ...
pub const SMALL_RUN: u64 = 2_000;

/// ... and whose search ends within this.
pub const SMALL_EXPLORATION: Cutoff = Cutoff {
    executions: 2_000,
    steps: 200_000,
};

/// One snapshot of a scenario: the file `NAME{suffix}.snap` holds `body`.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Appended to the scenario's snapshot name: empty for the traced runs, `__explore`
    /// for the exhaustive summary, `__explore_random`, ... for the others.
    pub suffix: &'static str,
    pub body: String,
}

/// Every snapshot of the scenario at `path` (as displayed in the summaries), as its
/// `check:` section asks: the traced runs of its seeds, then its explorations (by default
/// the exhaustive summary, if the scenario is small).
pub fn scenario_snapshots(program: &Program, path: &Path, limits: Limits) -> Vec<Snapshot> {
    let plan = &program.check;
    let mut snapshots = Vec::new();
    if !plan.seeds.is_empty() {
        snapshots.push(Snapshot {
            suffix: "",
            body: snapshot_runs(program, &plan.seeds, limits),
        });
    }
    match &plan.explore {
        None => {
            if let Some(body) = snapshot_exploration(program, path, limits) {
                snapshots.push(Snapshot {
                    suffix: "__explore",
                    body,
                });
            }
        }
        Some(strategies) => {
            for strategy in strategies {
                let (suffix, strategy) = match *strategy {
                    CheckStrategy::Exhaustive => ("__explore", Strategy::Exhaustive { max_preemptions: None }),
                    CheckStrategy::Bounded { max_preemptions } => (
                        "__explore_bounded",
                        Strategy::Exhaustive {
                            max_preemptions: Some(max_preemptions),
                        },
                    ),
                    CheckStrategy::Random { runs } => ("__explore_random", Strategy::Random { seeds: 0..runs }),
                    CheckStrategy::Pct { depth, runs } => ("__explore_pct", Strategy::Pct { seeds: 0..runs, depth }),
                };
                let summary = explore(program, &options(strategy, limits, None), &Progress::default());
                snapshots.push(Snapshot {
                    suffix,
                    body: render::text(&summary, path, None),
                });
            }
        }
    }
    snapshots
}

fn options(strategy: Strategy, limits: Limits, cutoff: Option<Cutoff>) -> Options {
    Options {
        strategy,
        jobs: 1,
        stop_on_failure: false,
        partition: None,
        limits,
        shrink_budget: SHRINK_BUDGET,
        cutoff,
    }
}

/// The exhaustive exploration summary of `program` (the scenario at `path`), without
/// timings, if the scenario is small: see [`SMALL_RUN`] and [`SMALL_EXPLORATION`].
pub fn snapshot_exploration(program: &Program, path: &Path, limits: Limits) -> Option<String> {
    let one = Machine::new(program).run(&mut RandomScheduler::new(0), &mut Quiet, limits);
    if one.steps > SMALL_RUN {
        return None;
    }
    let strategy = Strategy::Exhaustive { max_preemptions: None };
    let summary = explore(
        program,
        &options(strategy, limits, Some(SMALL_EXPLORATION)),
        &Progress::default(),
    );
    (!summary.truncated).then(|| render::text(&summary, path, None))
}

/// One seeded run as it appears in a snapshot.
pub struct RunSnapshot {
    pub seed: u64,
    pub text: String,
}

/// Runs `program` under each seed and renders the traces and verdicts.
pub fn snapshot_runs(program: &Program, seeds: &[u64], limits: Limits) -> String {
    let mut machine = Machine::new(program);
    let mut out = String::new();
    for (i, seed) in seeds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&render_seed(&mut machine, *seed, limits).text);
    }
    out
}

fn render_seed(machine: &mut Machine, seed: u64, limits: Limits) -> RunSnapshot {
    let mut recorder = TraceRecorder::new(TRACE_LIMIT);
    let outcome = machine.run(&mut RandomScheduler::new(seed), &mut recorder, limits);
    let mut text = format!(
        "--- seed {seed}: {} steps, {} virtual seconds\n",
        outcome.steps, outcome.end_time
    );
    text.push_str(&recorder.text);
    if recorder.elided > 0 {
        text.push_str(&format!("... {} more steps\n", recorder.elided));
        if !recorder.later_output.is_empty() {
            text.push_str("output of those steps:\n");
            for line in recorder.later_output.lines() {
                text.push_str("  ");
                text.push_str(line);
                text.push('\n');
            }
        }
    }
    text.push_str(&outcome.verdict.to_string());
    RunSnapshot { seed, text }
}
