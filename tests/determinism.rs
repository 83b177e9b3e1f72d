//! Determinism: a run depends only on scenario and seed. Observing every step (which turns
//! off steps taken in place) must not change what a run prints, its verdict or its step
//! count, and running it twice gives the same result.

mod common;

use common::{program, repo, run, scenario_files};

#[test]
fn observing_every_step_changes_nothing() {
    // The conformance programs too: more threads at once than the tutorial's.
    let dirs = ["scenarios", "tests/conformance"];
    for path in dirs.iter().flat_map(|d| scenario_files(&repo().join(d))) {
        let prog = program(&path);
        for seed in 0..8 {
            let (quiet, quiet_outcome) = run(&prog, seed, false);
            let (watched, watched_outcome) = run(&prog, seed, true);
            let name = path.display();
            assert_eq!(quiet.stdout, watched.stdout, "{name} seed {seed}: stdout");
            assert_eq!(quiet.stderr, watched.stderr, "{name} seed {seed}: stderr");
            assert_eq!(
                quiet_outcome.verdict.to_string(),
                watched_outcome.verdict.to_string(),
                "{name} seed {seed}"
            );
            assert_eq!(quiet_outcome.steps, watched_outcome.steps, "{name} seed {seed}: steps");
            let (again, again_outcome) = run(&prog, seed, false);
            assert_eq!(quiet.stdout, again.stdout, "{name} seed {seed}: rerun");
            assert_eq!(
                quiet_outcome.steps, again_outcome.steps,
                "{name} seed {seed}: rerun steps"
            );
        }
    }
}
