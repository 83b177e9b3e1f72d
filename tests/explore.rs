//! Exploration: the exhaustive search runs exactly one execution per Mazurkiewicz trace on
//! the known models (and never a sleep-set blocked one), finds every outcome that running
//! every schedule finds, shrinks nothing it should not, replays what it reports, and gives
//! the same summary with any number of workers.

mod common;

use std::collections::BTreeSet;

use common::{program, repo, sim};
use sim::explore::{Options, Progress, Strategy, Summary, explore};
use sim::runtime::Limits;

fn explore_file(path: &str, strategy: Strategy, jobs: usize) -> Summary {
    let program = program(&repo().join(path));
    let options = Options {
        strategy,
        jobs,
        stop_on_failure: false,
        partition: None,
        limits: Limits::default(),
        shrink_budget: sim::explore::SHRINK_BUDGET,
        cutoff: None,
    };
    explore(&program, &options, &Progress::default())
}

/// Runs the `sim` binary in the repository.
fn exhaustive(path: &str) -> Summary {
    explore_file(path, Strategy::Exhaustive { max_preemptions: None }, 1)
}

fn assert_traces(path: &str, traces: u64) {
    let s = exhaustive(path);
    assert_eq!(s.executions, traces, "{path}: executions");
    assert_eq!(s.sleep_set_blocked, 0, "{path}: sleep-set blocked executions");
}

#[test]
fn the_tutorials_two_printing_threads_have_252_traces_and_252_outputs() {
    let s = exhaustive("scenarios/seed/threads_print.ron");
    assert_eq!(s.executions, 252);
    assert_eq!(s.sleep_set_blocked, 0);
    assert_eq!(s.outcomes.len(), 252);
    assert!(s.outcomes.iter().all(|o| o.count == 1 && !o.failure));
}

#[test]
fn a_mutex_counter_of_2_threads_by_5_increments_has_252_traces() {
    assert_traces("tests/explore/mutex_counter.ron", 252);
}

#[test]
fn a_lock_taken_through_bound_methods_kept_in_variables_is_the_same_252_traces() {
    assert_traces("tests/explore/mutex_counter_bound.ron", 252);
}

#[test]
fn readers_have_2_to_the_n_traces() {
    assert_traces("tests/explore/readers_3.ron", 8);
    assert_traces("tests/explore/readers_8.ron", 256);
}

#[test]
fn lastzero_has_64_traces_for_5_and_3328_for_10() {
    assert_traces("tests/explore/lastzero_5.ron", 64);
    assert_traces("tests/explore/lastzero_10.ron", 3328);
}

/// The outcomes of running every schedule (a preemption bound no run reaches).
fn every_schedule(path: &str) -> BTreeSet<(String, String, String)> {
    let s = explore_file(
        path,
        Strategy::Exhaustive {
            max_preemptions: Some(1000),
        },
        1,
    );
    s.outcomes
        .into_iter()
        .map(|o| (o.output, o.globals, o.verdict))
        .collect()
}

#[test]
fn the_reduced_search_finds_every_outcome_that_every_schedule_finds() {
    for path in [
        "scenarios/classic/deadlock_two_locks.ron",
        "scenarios/classic/lost_update.ron",
        "tests/explore/readers_3.ron",
        "tests/explore/producer_consumer_log.ron",
    ] {
        let reduced = exhaustive(path);
        let found: BTreeSet<_> = reduced
            .outcomes
            .iter()
            .map(|o| (o.output.clone(), o.globals.clone(), o.verdict.clone()))
            .collect();
        let all = every_schedule(path);
        assert_eq!(
            found, all,
            "{path}: outcomes of the reduced search against every schedule"
        );
    }
}

/// The outcome set of a search.
fn outcome_set(s: &Summary) -> BTreeSet<(String, String, String)> {
    s.outcomes
        .iter()
        .map(|o| (o.output.clone(), o.globals.clone(), o.verdict.clone()))
        .collect()
}

#[test]
fn the_reduced_search_finds_every_outcome_of_two_preemptions_with_queues_semaphores_conditions_and_events() {
    for (path, traces) in [
        ("tests/explore/queue_semaphore.ron", 12),
        ("tests/explore/dining_3.ron", 30),
        ("tests/explore/producer_consumer_log.ron", 32),
        ("scenarios/seed/event_wait_timeout.ron", 168),
    ] {
        let reduced = exhaustive(path);
        assert_eq!(reduced.executions, traces, "{path}: executions");
        assert_eq!(reduced.sleep_set_blocked, 0, "{path}: sleep-set blocked executions");
        let bounded = explore_file(
            path,
            Strategy::Exhaustive {
                max_preemptions: Some(2),
            },
            1,
        );
        let found = outcome_set(&reduced);
        let missing: Vec<_> = outcome_set(&bounded).difference(&found).cloned().collect();
        assert!(missing.is_empty(), "{path}: the reduced search misses {missing:?}");
    }
}

#[test]
fn the_two_lock_deadlock_is_reported_with_one_preemption_and_its_replay_reproduces_it() {
    let s = exhaustive("scenarios/classic/deadlock_two_locks.ron");
    assert_eq!(s.executions, 3);
    let deadlock = s.outcomes.first().expect("outcomes");
    assert!(
        deadlock.failure && deadlock.verdict.contains("deadlock"),
        "{}",
        deadlock.verdict
    );
    assert_eq!(deadlock.preemptions, 1);
    let out = sim(&[
        "replay",
        "scenarios/classic/deadlock_two_locks.ron",
        "--schedule",
        &deadlock.schedule,
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&deadlock.verdict),
        "the replay ends with the same verdict:\n{err}"
    );
    assert!(
        err.contains("acquire lock_a") && err.contains("acquire lock_b"),
        "a trace:\n{err}"
    );
}

#[test]
fn a_schedule_that_no_longer_applies_is_refused_clearly() {
    let out = sim(&[
        "replay",
        "scenarios/classic/deadlock_two_locks.ron",
        "--schedule",
        "main,t9*2",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("choice 2 of the schedule is `t9`") && err.contains("only"),
        "{err}"
    );
}

#[test]
fn summaries_do_not_depend_on_the_number_of_workers() {
    for strategy in [
        Strategy::Random { seeds: 0..300 },
        Strategy::Pct {
            seeds: 0..300,
            depth: 2,
        },
    ] {
        let one = explore_file("scenarios/classic/lost_update.ron", strategy.clone(), 1);
        let two = explore_file("scenarios/classic/lost_update.ron", strategy.clone(), 2);
        let json = |s: &Summary| serde_json::to_string(s).expect("json");
        assert_eq!(json(&one), json(&two), "{strategy:?}");
        assert_eq!(one.executions, 300);
        assert!(one.failures > 0, "the lost update is found by {strategy:?}");
    }
}

#[test]
fn the_json_summary_has_the_documented_fields() {
    let out = sim(&[
        "explore",
        "scenarios/classic/deadlock_two_locks.ron",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1), "a failure was found");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for field in [
        "scenario",
        "strategy",
        "executions",
        "sleep_set_blocked",
        "outcomes",
        "failures",
        "elapsed_s",
    ] {
        assert!(v.get(field).is_some(), "missing {field}: {v}");
    }
    let first = &v["outcomes"][0];
    for field in ["output", "globals", "verdict", "count", "replay"] {
        assert!(first.get(field).is_some(), "outcome lacks {field}: {first}");
    }
    assert!(first["replay"].as_str().unwrap().starts_with("sim replay "));
}

#[test]
fn failures_found_by_sampling_are_shrunk_to_their_fewest_preemptions_and_replay() {
    let s = explore_file(
        "scenarios/classic/lost_update.ron",
        Strategy::Random { seeds: 0..200 },
        2,
    );
    let failures: Vec<_> = s.outcomes.iter().filter(|o| o.failure).collect();
    assert!(!failures.is_empty(), "random search finds the lost update");
    for f in failures {
        assert_eq!(f.minimal, Some(true), "{} is proven minimal", f.verdict);
        // No schedule with fewer preemptions ends this way: every one within the bound
        // below was run.
        let fewer = explore_file(
            "scenarios/classic/lost_update.ron",
            Strategy::Exhaustive {
                max_preemptions: Some(f.preemptions.saturating_sub(1)),
            },
            1,
        );
        let same = |o: &sim::explore::OutcomeCount| o.output == f.output && o.verdict == f.verdict;
        assert!(
            f.preemptions == 0 || !fewer.outcomes.iter().any(same),
            "{} also fails with fewer than {} preemptions",
            f.verdict,
            f.preemptions
        );
        let out = sim(&["replay", "scenarios/classic/lost_update.ron", "--schedule", &f.schedule]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            f.output,
            "the replay prints the same"
        );
    }
}

/// `sim explore ... --format json` output, without its timing fields.
fn json_summary(args: &[&str]) -> serde_json::Value {
    let out = sim(args);
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let fields = v.as_object_mut().expect("an object");
    fields.remove("elapsed_s");
    fields.remove("executions_per_s");
    v
}

#[test]
fn merged_shards_equal_the_unsplit_run() {
    let dir = std::env::temp_dir().join(format!("sim-merge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for (file, strategy, shards) in [
        ("scenarios/classic/lost_update.ron", "pct", 2),
        ("scenarios/classic/dining_philosophers.ron", "random", 3),
    ] {
        let base = [
            "explore",
            file,
            "--strategy",
            strategy,
            "--runs",
            "300",
            "--format",
            "json",
        ];
        let unsplit = json_summary(&base);
        let mut paths = Vec::new();
        for m in 1..=shards {
            let partition = format!("count:{m}/{shards}");
            let out = sim(&[&base[..], &["--partition", &partition]].concat());
            let path = dir.join(format!("{strategy}-{m}.json"));
            std::fs::write(&path, &out.stdout).expect("written");
            paths.push(path.display().to_string());
        }
        // In any order.
        paths.reverse();
        let mut merge = vec!["merge", "--format", "json"];
        merge.extend(paths.iter().map(String::as_str));
        assert_eq!(json_summary(&merge), unsplit, "{file} {strategy}");

        let out = sim(&["merge", &paths[0]]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("is missing"),
            "a missing shard is named"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
