//! The snapshot of a scenario: its trace and verdict under each of a few seeds, as one
//! text. The repository's tests and `sim check` render snapshots with this one function,
//! so they always agree.

use std::path::Path;

use super::trace::TraceRecorder;
use crate::compile::Program;
use crate::explore::{Options, Progress, SHRINK_BUDGET, Strategy, explore, render};
use crate::runtime::{Limits, Machine, Quiet};
use crate::sched::RandomScheduler;

/// Trace lines kept per run; longer runs are cut, with a count of the steps left out.
pub const TRACE_LIMIT: usize = 400;

/// The exhaustive searches that snapshots include: those of scenarios whose run takes at
/// most `.0` steps, that end within `.1` executions and `.2` steps in all.
pub const SMALL_EXPLORATION: (u64, u64, u64) = (2_000, 2_000, 200_000);

/// The exhaustive exploration summary of `program` (the scenario at `path`), without
/// timings, if the search ends within [`SMALL_EXPLORATION`].
pub fn snapshot_exploration(program: &Program, path: &Path, limits: Limits) -> Option<String> {
    let (run_steps, executions, steps) = SMALL_EXPLORATION;
    let one = Machine::new(program).run(&mut RandomScheduler::new(0), &mut Quiet, limits);
    if one.steps > run_steps {
        return None;
    }
    let options = Options {
        strategy: Strategy::Exhaustive { max_preemptions: None },
        jobs: 1,
        stop_on_failure: false,
        partition: None,
        limits,
        shrink_budget: SHRINK_BUDGET,
        max_executions: Some((executions, steps)),
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
