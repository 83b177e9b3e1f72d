//! Determinism: a run depends only on scenario and seed. Observing every step (which turns
//! off steps taken in place) must not change what a run prints, its verdict or its step
//! count, and running it twice gives the same result.

mod common;

use common::{Printed, observe, program, repo, run, scenario_files};

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

#[test]
fn describing_every_step_changes_nothing() {
    // Described steps also work out their tasks, what they left blocked and what woke
    // them (for timelines): none of it may change a run.
    let dirs = ["scenarios", "tests/conformance"];
    for path in dirs.iter().flat_map(|d| scenario_files(&repo().join(d))) {
        let prog = program(&path);
        for seed in 0..3 {
            let (quiet, quiet_outcome) = run(&prog, seed, false);
            let described = Printed {
                describe: true,
                ..Printed::default()
            };
            let (watched, watched_outcome) = observe(&prog, seed, described);
            let name = path.display();
            assert_eq!(quiet.stdout, watched.stdout, "{name} seed {seed}: stdout");
            assert_eq!(quiet.stderr, watched.stderr, "{name} seed {seed}: stderr");
            // Traces number unnamed objects as they first show them (`Future#3`), so a
            // verdict's details may name them differently; its headline may not differ.
            assert_eq!(
                quiet_outcome.verdict.headline(),
                watched_outcome.verdict.headline(),
                "{name} seed {seed}"
            );
            assert_eq!(quiet_outcome.steps, watched_outcome.steps, "{name} seed {seed}: steps");
            assert_eq!(quiet_outcome.end_time, watched_outcome.end_time, "{name} seed {seed}");
        }
    }
}

#[test]
fn a_machine_runs_again_as_a_new_one() {
    // Runs after a machine's first start from its checkpoint; observed in turn quietly,
    // step by step and traced, each run must be the one a new machine makes.
    use sim::report::TraceRecorder;
    use sim::runtime::{Limits, Machine};
    use sim::sched::RandomScheduler;
    let dirs = ["scenarios", "tests/conformance"];
    for path in dirs.iter().flat_map(|d| scenario_files(&repo().join(d))) {
        let prog = program(&path);
        let name = path.display();
        let mut reused = Machine::new(&prog);
        for seed in 0..6 {
            if seed % 3 == 2 {
                let mut fresh = TraceRecorder::new(200);
                let mut again = TraceRecorder::new(200);
                let a = Machine::new(&prog).run(&mut RandomScheduler::new(seed), &mut fresh, Limits::default());
                let b = reused.run(&mut RandomScheduler::new(seed), &mut again, Limits::default());
                assert_eq!(fresh.text, again.text, "{name} seed {seed}: trace");
                assert_eq!(fresh.later_output, again.later_output, "{name} seed {seed}: output");
                assert_eq!(a, b, "{name} seed {seed}: outcome");
                continue;
            }
            let every_step = seed % 3 == 1;
            let (fresh, a) = run(&prog, seed, every_step);
            let mut again = common::Printed {
                every_step,
                ..Default::default()
            };
            let b = reused.run(&mut RandomScheduler::new(seed), &mut again, Limits::default());
            assert_eq!(fresh.stdout, again.stdout, "{name} seed {seed}: stdout");
            assert_eq!(fresh.stderr, again.stderr, "{name} seed {seed}: stderr");
            assert_eq!(a, b, "{name} seed {seed}: outcome");
        }
    }
}

#[test]
fn loop_steps_interleave_with_threads() {
    // An asyncio loop in the main thread beside a plain thread: the scheduler interleaves
    // the loop's steps with the thread's, so seeds differ in order, never in content, and
    // each task keeps its own order.
    let prog = program(&repo().join("scenarios/classic/loop_beside_thread.ron"));
    let sorted = |text: &str| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let (first, _) = run(&prog, 0, false);
    let mut orders = std::collections::BTreeSet::new();
    for seed in 0..16 {
        let (printed, outcome) = run(&prog, seed, false);
        assert!(outcome.verdict.is_ok(), "seed {seed}: {}", outcome.verdict);
        assert_eq!(
            sorted(&printed.stdout),
            sorted(&first.stdout),
            "seed {seed}: the same lines"
        );
        for who in ["thread", "task A", "task B"] {
            let steps: Vec<&str> = printed.stdout.lines().filter(|l| l.starts_with(who)).collect();
            let expected: Vec<String> = (0..3).map(|i| format!("{who} step {i}")).collect();
            assert_eq!(steps, expected, "seed {seed}: {who} in its own order");
        }
        assert_eq!(printed.stdout.lines().last(), Some("both done"), "seed {seed}");
        orders.insert(printed.stdout);
    }
    assert!(
        orders.len() >= 4,
        "16 seeds gave only {} interleavings of the loop and the thread",
        orders.len()
    );
}

/// Steps and what each printed, by step number; notes footprints as an exploration does.
#[derive(Default)]
struct ByStep(Vec<(u64, String, String)>);

impl sim::runtime::events::Observer for ByStep {
    fn wants_steps(&self) -> bool {
        true
    }

    fn wants_footprints(&self) -> bool {
        true
    }

    fn step(&mut self, event: &sim::runtime::events::StepEvent<'_>) {
        self.0.push((event.index, event.out.to_string(), event.err.to_string()));
    }
}

/// Picks by the step number alone (so a run resumed halfway picks as the whole run did),
/// and keeps a snapshot at step `at`.
struct Fixed {
    at: Option<u64>,
    snapshot: Option<sim::runtime::snapshot::Snapshot>,
}

impl Fixed {
    fn new(at: Option<u64>) -> Fixed {
        Fixed { at, snapshot: None }
    }
}

impl sim::sched::Scheduler for Fixed {
    fn choose(&mut self, choice: &sim::sched::Choice<'_>) -> usize {
        choice.enabled[(choice.step as usize * 7 + 3) % choice.enabled.len()]
    }

    fn wants_snapshot(&mut self, choice: &sim::sched::Choice<'_>) -> Option<sim::runtime::snapshot::Snapshot> {
        (self.at == Some(choice.step) && self.snapshot.is_none()).then(Default::default)
    }

    fn keep_snapshot(&mut self, snapshot: sim::runtime::snapshot::Snapshot, made: bool) {
        assert!(
            made,
            "a snapshot can be taken in a run that started from the checkpoint"
        );
        self.snapshot = Some(snapshot);
    }
}

#[test]
fn a_run_resumed_from_a_snapshot_goes_on_as_the_whole_run() {
    // An exhaustive search starts runs from snapshots taken at choice points of earlier
    // runs: the rest of the run must be the one the whole run makes (what each step
    // prints, the verdict, the step count and the clock), on a machine that has made
    // other runs since.
    use sim::runtime::{Limits, Machine};
    let dirs = ["scenarios", "tests/conformance"];
    let mut resumed_runs = 0;
    for path in dirs.iter().flat_map(|d| scenario_files(&repo().join(d))) {
        let prog = program(&path);
        let name = path.display();
        let mut machine = Machine::new(&prog);
        // The first run starts from scratch and keeps the checkpoint snapshots build on.
        machine.run(&mut Fixed::new(None), &mut ByStep::default(), Limits::default());
        for at in [0, 3, 17, 60] {
            let mut whole = ByStep::default();
            let mut taking = Fixed::new(Some(at));
            let a = machine.run(&mut taking, &mut whole, Limits::default());
            let Some(snapshot) = taking.snapshot else {
                assert!(a.steps <= at, "{name}: no snapshot at step {at} of {}", a.steps);
                continue;
            };
            // Another run in between, as a search makes.
            machine.run(&mut Fixed::new(None), &mut ByStep::default(), Limits::default());
            let mut rest = ByStep::default();
            let b = machine.run_from(Some(&snapshot), &mut Fixed::new(None), &mut rest, Limits::default());
            assert!(b.resumed, "{name}: resumed at step {at}");
            let after: Vec<_> = whole.0.iter().filter(|(i, ..)| *i > at).cloned().collect();
            assert_eq!(rest.0, after, "{name}: the steps after {at}");
            assert_eq!(
                a.verdict.to_string(),
                b.verdict.to_string(),
                "{name}: verdict from {at}"
            );
            assert_eq!((a.steps, a.end_time), (b.steps, b.end_time), "{name}: from {at}");
            resumed_runs += 1;
        }
    }
    assert!(resumed_runs > 100, "only {resumed_runs} runs were resumed");
}
