//! The tutorial's programs as scenarios: for every seed 0..39 each prints something the
//! real Python program can print under the same timing model (atomic lines, zero-cost
//! computation, exact sleeps, simultaneous wake-ups in any order). Each check states the
//! Python program's possible outputs: the lines of each thread in program order, at the
//! virtual time they are printed, interleaved in any order where threads race.

mod common;

use std::collections::BTreeSet;

use common::{program, repo, run};

const SEEDS: std::ops::Range<u64> = 0..40;

/// What one thread prints, in order, each line with the time it is printed at.
type Thread = Vec<(f64, &'static str)>;

/// Whether `printed` is an interleaving of `threads` that keeps each thread's order and
/// prints each line at its time. `after`: pairs (a, b) of lines where a must come first
/// (causality across threads: b's thread was woken by a's thread after a).
fn is_interleaving(printed: &[(f64, String)], threads: &[Thread], after: &[(&str, &str)]) -> bool {
    let mut next = vec![0usize; threads.len()];
    for (time, line) in printed {
        let Some(t) = (0..threads.len()).find(|t| {
            threads[*t]
                .get(next[*t])
                .is_some_and(|(tt, l)| l == line && (tt - time).abs() < 1e-9)
        }) else {
            return false;
        };
        next[t] += 1;
    }
    let complete = next.iter().zip(threads).all(|(n, t)| *n == t.len());
    let position = |text: &str| printed.iter().position(|(_, l)| l == text);
    complete
        && after
            .iter()
            .all(|(a, b)| matches!((position(a), position(b)), (Some(x), Some(y)) if x < y))
}

fn outputs(name: &str) -> Vec<(Vec<(f64, String)>, String)> {
    let prog = program(&repo().join("scenarios/seed").join(name));
    SEEDS
        .map(|seed| {
            let (printed, outcome) = run(&prog, seed, false);
            assert!(outcome.verdict.is_ok(), "{name} seed {seed}: {}", outcome.verdict);
            (printed.lines, printed.stdout)
        })
        .collect()
}

#[test]
fn threads_print_interleaves_numbers_and_letters() {
    let numbers: Thread = (1..=5)
        .map(|i| {
            (
                0.0,
                ["Number: 1", "Number: 2", "Number: 3", "Number: 4", "Number: 5"][i - 1],
            )
        })
        .collect();
    let letters: Thread = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|l| {
            (
                0.0,
                ["Letter: A", "Letter: B", "Letter: C", "Letter: D", "Letter: E"]["ABCDE".find(l).expect("letter")],
            )
        })
        .collect();
    let mut distinct = BTreeSet::new();
    for (seed, (lines, stdout)) in outputs("threads_print.ron").into_iter().enumerate() {
        let (last, body) = lines.split_last().expect("output");
        assert_eq!(last.1, "All threads have finished.", "seed {seed}");
        assert!(
            is_interleaving(body, &[numbers.clone(), letters.clone()], &[]),
            "seed {seed}:\n{stdout}"
        );
        distinct.insert(stdout);
    }
    assert!(
        distinct.len() >= 10,
        "only {} different outputs over seeds 0..39",
        distinct.len()
    );
}

#[test]
fn lock_counter_always_ends_at_zero() {
    let prog = program(&repo().join("scenarios/seed/lock_counter.ron"));
    for seed in 0..3 {
        let (printed, outcome) = run(&prog, seed, false);
        assert!(outcome.verdict.is_ok(), "seed {seed}: {}", outcome.verdict);
        assert_eq!(printed.stdout, "Final value of shared_resource: 0\n");
        assert!(
            outcome.steps > 8_000_000,
            "two million locked updates are at least 8 million steps"
        );
    }
}

#[test]
fn event_wait_timeout_matches_the_python_timeline() {
    const STARTED: &str = "Thread started and waiting for event to be set";
    const CHECKING: &str = "Thread checking for event, will timeout in 1 seconds";
    const TIMEOUT: &str = "Timeout occurred, continuing to check for event";
    const SET: &str = "Event has been set, resuming thread";
    let waiter: Thread = vec![(0.0, STARTED), (5.0, SET)];
    // The polling thread checks at 0..9; at 10 its timeout ties with main setting event2:
    // woken by the set, or timed out and then finding the event set, or timed out, checking
    // once more and woken.
    let polling = |end: &[(f64, &'static str)]| -> Thread {
        let mut t = vec![(0.0, CHECKING)];
        for s in 1..10 {
            t.push((s as f64, TIMEOUT));
            t.push((s as f64, CHECKING));
        }
        t.extend_from_slice(end);
        t
    };
    let endings: [&[(f64, &str)]; 3] = [
        &[(10.0, SET)],
        &[(10.0, TIMEOUT)],
        &[(10.0, TIMEOUT), (10.0, CHECKING), (10.0, SET)],
    ];
    let main: Thread = vec![
        (5.0, "event1 setting complete"),
        (10.0, "event2 setting complete"),
        (10.0, "All threads have finished."),
    ];
    for (seed, (lines, stdout)) in outputs("event_wait_timeout.ron").into_iter().enumerate() {
        assert_eq!(
            lines.last().map(|l| l.1.as_str()),
            Some("All threads have finished."),
            "seed {seed}"
        );
        let ok = endings
            .iter()
            .any(|end| is_interleaving(&lines, &[waiter.clone(), polling(end), main.clone()], &[]));
        assert!(
            ok,
            "seed {seed}: not a possible output of the Python program:\n{stdout}"
        );
    }
}

#[test]
fn event_timer_sets_the_event_after_five_seconds() {
    for (seed, (_, stdout)) in outputs("event_timer.ron").into_iter().enumerate() {
        assert_eq!(
            stdout,
            "Waiting for the event...\nTimer fired after 5.0 seconds: setting the event\nEvent is set at 5.0 seconds\nTimer finished: True\n",
            "seed {seed}"
        );
    }
}

#[test]
fn thread_subclass_counts_one_second_apart() {
    let thread = |name: &'static str, lines: [&'static str; 6]| -> Thread {
        let _ = name;
        let mut t = vec![(0.0, lines[0])];
        for (i, line) in lines[1..].iter().enumerate() {
            t.push((5.0 + i as f64, *line));
        }
        t
    };
    let t1 = thread(
        "Thread 1",
        [
            "Thread 1 is waiting for the event to be set.",
            "Thread 1 - Number: 1",
            "Thread 1 - Number: 2",
            "Thread 1 - Number: 3",
            "Thread 1 - Number: 4",
            "Thread 1 - Number: 5",
        ],
    );
    let t2 = thread(
        "Thread 2",
        [
            "Thread 2 is waiting for the event to be set.",
            "Thread 2 - Number: 1",
            "Thread 2 - Number: 2",
            "Thread 2 - Number: 3",
            "Thread 2 - Number: 4",
            "Thread 2 - Number: 5",
        ],
    );
    let main: Thread = vec![(5.0, "Main thread setting event"), (10.0, "All threads have finished.")];
    let causality = [
        ("Main thread setting event", "Thread 1 - Number: 1"),
        ("Main thread setting event", "Thread 2 - Number: 1"),
    ];
    for (seed, (lines, stdout)) in outputs("thread_subclass.ron").into_iter().enumerate() {
        assert!(
            is_interleaving(&lines, &[t1.clone(), t2.clone(), main.clone()], &causality),
            "seed {seed}:\n{stdout}"
        );
    }
}

#[test]
fn set_interval_prints_every_two_seconds_until_eleven() {
    for (seed, (lines, stdout)) in outputs("set_interval.ron").into_iter().enumerate() {
        let expected: Vec<(f64, String)> = (1..=5).map(|k| ((2 * k) as f64, format!("{} hello", 2 * k))).collect();
        assert_eq!(lines, expected, "seed {seed}:\n{stdout}");
    }
}
