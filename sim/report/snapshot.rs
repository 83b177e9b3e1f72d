//! The snapshot of a scenario: its trace and verdict under each of a few seeds, as one
//! text. The repository's tests and `sim check` render snapshots with this one function,
//! so they always agree.

use std::path::Path;

use super::trace::TraceRecorder;
use crate::compile::Program;
use crate::explore::{Cutoff, Options, Progress, SHRINK_BUDGET, Strategy, explore, render};
use crate::runtime::{Limits, Machine, Quiet};
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

/// The exhaustive exploration summary of `program` (the scenario at `path`), without
/// timings, if the scenario is small: see [`SMALL_RUN`] and [`SMALL_EXPLORATION`].
pub fn snapshot_exploration(program: &Program, path: &Path, limits: Limits) -> Option<String> {
    let one = Machine::new(program).run(&mut RandomScheduler::new(0), &mut Quiet, limits);
    if one.steps > SMALL_RUN {
        return None;
    }
    let options = Options {
        strategy: Strategy::Exhaustive { max_preemptions: None },
        jobs: 1,
        stop_on_failure: false,
        partition: None,
        limits,
        shrink_budget: SHRINK_BUDGET,
        cutoff: Some(SMALL_EXPLORATION),
    };
    let summary = explore(program, &options, &Progress::default());
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
