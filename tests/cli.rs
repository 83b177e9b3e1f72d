//! `sim run` as a user meets it: what goes to stdout and stderr, and the exit codes (0 ok,
//! 1 a failed run, 2 a scenario that cannot be loaded or a wrong command line).

mod common;

use std::path::Path;
use std::process::Output;

use common::{sim, text};

/// Writes `body` to a fresh scenario file in the target folder and returns its path.
fn scratch(name: &str, body: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, body).expect("write scenario");
    path
}

/// `sim run` on a fresh scenario file holding `body`, with `extra` arguments: the file's
/// path, the output, and stderr as text.
fn run_scratch(name: &str, body: &str, extra: &[&str]) -> (std::path::PathBuf, Output, String) {
    let path = scratch(name, body);
    let mut args = vec!["run", path.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let out = sim(&args);
    let err = text(&out.stderr);
    (path, out, err)
}

#[test]
fn lock_counter_prints_the_final_value_and_exits_zero() {
    let out = sim(&["run", "scenarios/seed/lock_counter.ron"]);
    assert_eq!(text(&out.stdout), "Final value of shared_resource: 0\n");
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("ok"),
        "verdict on stderr: {}",
        text(&out.stderr)
    );
}

#[test]
fn the_same_seed_gives_byte_identical_output() {
    for seed in ["0", "7", "123456789"] {
        let a = sim(&["run", "scenarios/seed/threads_print.ron", "--seed", seed, "--trace"]);
        let b = sim(&["run", "scenarios/seed/threads_print.ron", "--seed", seed, "--trace"]);
        assert_eq!(a.stdout, b.stdout, "seed {seed}");
        assert_eq!(a.stderr, b.stderr, "seed {seed}");
    }
}

#[test]
fn trace_shows_time_thread_and_operation() {
    let out = sim(&["run", "scenarios/seed/event_timer.ron", "--trace"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.lines().any(|l| l.starts_with("[   0.000] main")), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("[   5.000] ")),
        "no step at 5 s:\n{err}"
    );
}

#[test]
fn a_deadlock_names_both_threads_and_both_locks_for_some_seed() {
    let found = (0..40).find_map(|seed| {
        let out = sim(&[
            "run",
            "scenarios/classic/deadlock_two_locks.ron",
            "--seed",
            &seed.to_string(),
        ]);
        let err = text(&out.stderr);
        err.contains("deadlock").then_some((seed, out.status.code(), err))
    });
    let (seed, code, err) = found.expect("no seed in 0..39 deadlocks");
    assert_eq!(code, Some(1), "seed {seed}: {err}");
    for name in ["t1", "t2", "lock_a", "lock_b"] {
        assert!(err.contains(name), "seed {seed}: report does not name {name}:\n{err}");
    }
}

#[test]
fn a_failed_expectation_exits_one() {
    let failed = (0..40).any(|seed| {
        let out = sim(&["run", "scenarios/classic/lost_update.ron", "--seed", &seed.to_string()]);
        out.status.code() == Some(1) && text(&out.stderr).contains("assertion failed")
    });
    assert!(failed, "no seed in 0..39 loses an update");
}

#[test]
fn a_typo_in_an_operation_name_points_at_file_line_and_column() {
    let (path, out, err) = run_scratch(
        "typo.ron",
        "Scenario(\n    name: \"typo\",\n    main: [\n        Prnt(\"hello\"),\n    ],\n)\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{}:4:9", path.display())), "{err}");
    assert!(err.contains("Prnt(\"hello\")"), "offending line shown:\n{err}");
    assert!(err.contains('^'), "caret:\n{err}");
    assert!(err.contains("Print"), "suggests the right name:\n{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn an_unknown_name_in_an_expression_points_into_the_string() {
    let (path, out, err) = run_scratch(
        "unknown.ron",
        "Scenario(\n    name: \"unknown\",\n    main: [\n        Print(\"{totl}\"),\n    ],\n)\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{}:4:17", path.display())), "{err}");
}

#[test]
fn a_missing_file_and_a_wrong_command_line_exit_two() {
    let out = sim(&["run", "no/such/scenario.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/scenario.ron"));
    let out = sim(&["run", "scenarios/seed/lock_counter.ron", "--seed", "minus-one"]);
    assert_eq!(out.status.code(), Some(2));
    let out = sim(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_endless_loop_ends_with_the_step_limit() {
    let (_, out, err) = run_scratch(
        "endless.ron",
        "Scenario(\n    name: \"endless\",\n    globals: { \"x\": 0 },\n    main: [\n        While(\"True\", [ Assign(\"x\", \"x + 1\") ]),\n    ],\n)\n",
        &["--max-steps", "1000"],
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("step limit"), "{err}");
}

#[test]
fn a_long_run_of_steps_taken_in_place_is_not_mistaken_for_an_endless_loop() {
    // Alone, the worker's loads and stores are forced steps that the interpreter takes in
    // place; each is still a step, so the instruction budget between steps never runs out.
    let (_, out, err) = run_scratch(
        "long_forced.ron",
        "Scenario(\n    globals: { \"x\": 0 },\n    functions: { \"work()\": [ Global(\"x\"), Repeat(3000000, [ Assign(\"x\", \"x + 1\") ]) ] },\n    main: [\n        Assign(\"t\", \"threading.Thread(target=work)\"),\n        Do(\"t.start()\"),\n        Do(\"t.join()\"),\n        Print(\"{x}\"),\n    ],\n)\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(text(&out.stdout), "3000000\n");
}

#[test]
fn an_uncaught_exception_in_a_thread_is_reported_and_the_run_goes_on() {
    let (_, out, err) = run_scratch(
        "raises.ron",
        "Scenario(\n    name: \"raises\",\n    functions: { \"boom()\": [ Raise(\"RuntimeError('boom')\") ] },\n    main: [\n        Assign(\"t\", \"threading.Thread(target=boom, name='worker')\"),\n        Start(\"t\"),\n        Join(\"t\"),\n        Print(\"after\"),\n    ],\n)\n",
        &[],
    );
    assert_eq!(text(&out.stdout), "after\n", "{err}");
    assert!(err.contains("Exception in thread worker"), "{err}");
    assert!(err.contains("RuntimeError: boom"), "{err}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "an exception in another thread does not fail the run:\n{err}"
    );
}

#[test]
fn the_tutorial_queue_ends_in_a_deadlock_naming_the_waiting_consumer() {
    let out = sim(&["run", "scenarios/seed/async_queue.ron"]);
    let expected: String = (0..5).map(|i| format!("Consumed: {i}\n")).collect();
    assert_eq!(text(&out.stdout), expected);
    assert_eq!(out.status.code(), Some(1), "a deadlock exits 1");
    let err = text(&out.stderr);
    assert!(err.contains("verdict: deadlock at 5.000"), "{err}");
    assert!(
        err.contains("task Task-3 (consumer) awaits Queue.get()"),
        "the verdict names the consumer and what it awaits:\n{err}"
    );
    assert!(
        err.contains("task Task-1 (main) awaits gather(Task-2 (producer), Task-3 (consumer))"),
        "{err}"
    );
}

#[test]
fn an_asyncio_trace_shows_task_steps_wake_ups_and_timers_with_virtual_times() {
    let out = sim(&["run", "scenarios/seed/async_gather.ron", "--trace"]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    for line in [
        "[   0.000] main     step Task-1 (main) (awaits gather(Task-2 (task1), Task-3 (task2)))",
        "[   1.000] main     timer fires: Future#",
        "[   1.000] main     wake Task-3 (task2)",
        "[   2.000] main     wake Task-2 (task1)",
        "main     loop stops",
    ] {
        assert!(err.contains(line), "missing {line:?} in the trace:\n{err}");
    }
}

#[test]
fn await_outside_an_async_function_points_at_it() {
    let body = r#"Scenario(
    functions: { "work()": [ Do("await asyncio.sleep(1)") ] },
    main: [ Do("work()") ],
)"#;
    let (path, out, err) = run_scratch("await_outside.ron", body, &[]);
    assert_eq!(out.status.code(), Some(2));
    let at = format!("{}:2:34", path.display());
    assert!(
        err.contains(&at) && err.contains("'await' outside async function"),
        "{err}"
    );
}
