//! Pictures of a run: the timeline model, the Chrome trace `sim run --chrome-trace` writes
//! (snapshotted, and checked for what ui.perfetto.dev needs: properly nested slices on named
//! tracks, monotonic timestamps, flows that start and finish on slices), and the JSON
//! events of `sim run --format json` (snapshotted, every line parses, the output they carry
//! is exactly what `sim run` prints).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{program, repo, sim, text};
use serde_json::Value;
use sim::report::TimelineBuilder;
use sim::report::timeline::{Activity, LaneKind, Timeline};
use sim::runtime::{Limits, Machine, WaitKind, Wake};
use sim::sched::RandomScheduler;

/// A fresh path in the target folder for an output file: numbered, so that tests running
/// at once never write or read each other's file (two of them trace the same scenario).
fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(format!("{}-{name}", NEXT.fetch_add(1, Ordering::Relaxed)))
}

/// The Chrome trace of `sim run SCENARIO --seed SEED`, as written.
fn chrome_trace(scenario: &str, seed: u64) -> String {
    let name = format!(
        "{}-{seed}.json",
        Path::new(scenario).file_stem().unwrap().to_string_lossy()
    );
    let out = scratch(&name);
    let seed = seed.to_string();
    let run = sim(&[
        "run",
        scenario,
        "--seed",
        &seed,
        "--chrome-trace",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{scenario}: {}",
        text(&run.stderr)
    );
    std::fs::read_to_string(&out).expect("the trace was written")
}

/// `sim run SCENARIO --seed SEED --format json`.
fn json_events(scenario: &str, seed: u64) -> Output {
    sim(&["run", scenario, "--seed", &seed.to_string(), "--format", "json"])
}

fn timeline(scenario: &str, seed: u64) -> Timeline {
    let prog = program(&repo().join(scenario));
    let mut builder = TimelineBuilder::new();
    let outcome = Machine::new(&prog).run(&mut RandomScheduler::new(seed), &mut builder, Limits::default());
    builder.finish(&outcome)
}

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn chrome_traces_and_json_events_match_their_snapshots() {
    snapshot_settings().bind(|| {
        for (scenario, name) in [
            ("scenarios/seed/event_wait_timeout.ron", "seed__event_wait_timeout"),
            ("scenarios/seed/async_event.ron", "seed__async_event"),
        ] {
            insta::assert_snapshot!(format!("{name}__chrome"), chrome_trace(scenario, 0));
            let events = json_events(scenario, 0);
            assert_eq!(events.status.code(), Some(0), "{}", text(&events.stderr));
            insta::assert_snapshot!(format!("{name}__json"), text(&events.stdout));
        }
    });
}

/// The slices (`X`) of each track, in file order: (start, end, name).
type Tracks = BTreeMap<u64, Vec<(u64, u64, String)>>;

fn slices(events: &[Value]) -> Tracks {
    let mut tracks = Tracks::new();
    for e in events.iter().filter(|e| e["ph"] == "X") {
        let ts = e["ts"].as_u64().expect("integer ts");
        let dur = e["dur"].as_u64().expect("integer dur");
        let tid = e["tid"].as_u64().expect("a track");
        let name = e["name"].as_str().expect("a name").to_string();
        tracks.entry(tid).or_default().push((ts, ts + dur, name));
    }
    tracks
}

fn on_a_slice(tracks: &Tracks, tid: u64, ts: u64) -> bool {
    tracks
        .get(&tid)
        .is_some_and(|slices| slices.iter().any(|(start, end, _)| *start <= ts && ts < *end))
}

/// What ui.perfetto.dev and chrome://tracing need of a trace; returns the number of flows.
fn check_structure(what: &str, trace: &str) -> usize {
    let root: Value = serde_json::from_str(trace).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let events = root["traceEvents"].as_array().expect("traceEvents");
    let named: BTreeSet<u64> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| e["tid"].as_u64().expect("tid"))
        .collect();
    let sorted: BTreeSet<u64> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_sort_index")
        .map(|e| e["tid"].as_u64().expect("tid"))
        .collect();
    assert_eq!(named, sorted, "{what}: every named track has a sort index");
    for e in events.iter().filter(|e| e["ph"] != "M") {
        let tid = e["tid"].as_u64().unwrap_or_else(|| panic!("{what}: no track: {e}"));
        assert!(named.contains(&tid), "{what}: track {tid} has no name: {e}");
        assert!(e["ts"].is_u64(), "{what}: timestamps are whole microseconds: {e}");
    }
    let tracks = slices(events);
    for (tid, slices) in &tracks {
        for pair in slices.windows(2) {
            assert!(
                pair[0].0 <= pair[1].0,
                "{what}: track {tid} goes back in time: {pair:?}"
            );
        }
        // Every slice either holds the next ones or ends before them.
        let mut open: Vec<&(u64, u64, String)> = Vec::new();
        for slice in slices {
            assert!(slice.1 > slice.0, "{what}: empty slice {slice:?}");
            while open.last().is_some_and(|o| o.1 <= slice.0) {
                open.pop();
            }
            if let Some(outer) = open.last() {
                assert!(
                    slice.1 <= outer.1,
                    "{what}: track {tid}: {slice:?} overlaps {outer:?} without nesting"
                );
            }
            open.push(slice);
        }
    }
    let flows = |ph: &str| -> BTreeMap<u64, &Value> {
        let mut by_id = BTreeMap::new();
        for e in events.iter().filter(|e| e["ph"] == ph) {
            let id = e["id"].as_u64().expect("a flow id");
            assert!(by_id.insert(id, e).is_none(), "{what}: flow {id} has two {ph} events");
        }
        by_id
    };
    let (starts, finishes) = (flows("s"), flows("f"));
    assert_eq!(
        starts.keys().collect::<Vec<_>>(),
        finishes.keys().collect::<Vec<_>>(),
        "{what}: every flow start has a finish"
    );
    for (id, start) in &starts {
        let finish = finishes[id];
        assert_eq!(finish["bp"], "e", "{what}: flow {id} binds to its enclosing slice");
        let at = |e: &Value| (e["tid"].as_u64().unwrap(), e["ts"].as_u64().unwrap());
        let (from_tid, from_ts) = at(start);
        let (to_tid, to_ts) = at(finish);
        assert!(from_ts < to_ts, "{what}: flow {id} goes back in time");
        assert!(
            on_a_slice(&tracks, from_tid, from_ts),
            "{what}: flow {id} starts off a slice"
        );
        assert!(
            on_a_slice(&tracks, to_tid, to_ts),
            "{what}: flow {id} finishes off a slice"
        );
    }
    starts.len()
}

#[test]
fn chrome_traces_nest_their_slices_on_named_tracks_and_their_flows_land_on_slices() {
    let mut flows = BTreeMap::new();
    for scenario in [
        "scenarios/seed/event_wait_timeout.ron",
        "scenarios/classic/dining_philosophers.ron",
        "scenarios/classic/deadlock_two_locks.ron",
        "scenarios/seed/async_queue.ron",
        "scenarios/classic/bounded_buffer.ron",
        "scenarios/classic/loop_beside_thread.ron",
    ] {
        for seed in 0..4 {
            let n = check_structure(&format!("{scenario} seed {seed}"), &chrome_trace(scenario, seed));
            *flows.entry(scenario).or_insert(0) += n;
        }
    }
    // Wake-ups are drawn where waits end because of another step.
    for scenario in [
        "scenarios/seed/event_wait_timeout.ron",
        "scenarios/seed/async_queue.ron",
        "scenarios/classic/bounded_buffer.ron",
    ] {
        assert!(flows[scenario] > 0, "{scenario}: no wake-up drawn: {flows:?}");
    }
}

#[test]
fn an_event_wait_is_blocked_until_the_set_that_wakes_it() {
    let t = timeline("scenarios/seed/event_wait_timeout.ron", 0);
    let names: Vec<&str> = t.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["main", "thread1", "thread2"]);
    let thread1 = 1;
    let blocked: Vec<_> = t.lane_intervals(thread1).filter(|i| i.is_blocked()).collect();
    assert_eq!(blocked.len(), 1, "{blocked:?}");
    let Activity::Blocked { on, since, until, wake } = &blocked[0].activity else {
        unreachable!()
    };
    assert_eq!((on.kind, on.object.as_deref()), (WaitKind::Event, Some("event1")));
    assert_eq!(blocked[0].name(), "blocked on event1");
    let setter = match wake {
        Some(Wake::Step(s)) => t.step(*s).expect("the setting step"),
        other => panic!("woken by {other:?}"),
    };
    assert_eq!(setter.text, "set event1");
    assert_eq!(t.lanes[setter.lane].name, "main");
    let woken = t.step(until.expect("woken")).expect("the woken step");
    assert_eq!(woken.text, "wait event1 -> True");
    assert_eq!(woken.time.to_string(), "5.000");
    assert_eq!(t.step(*since).expect("the blocking step").text, "wait event1 (blocks)");
    assert!(
        t.flows.iter().any(|f| f.from == setter.index && f.to == woken.index),
        "{:?}",
        t.flows
    );
    // The timeouts of thread2's waits have no cause step.
    let thread2_wakes: Vec<_> = t
        .lane_intervals(2)
        .filter_map(|i| match &i.activity {
            Activity::Blocked { wake, .. } => Some(*wake),
            _ => None,
        })
        .collect();
    assert!(thread2_wakes.len() >= 9, "{thread2_wakes:?}");
    assert!(
        thread2_wakes[..9].iter().all(|w| *w == Some(Wake::Timer)),
        "{thread2_wakes:?}"
    );
    // Display positions: one virtual second is a second, and every step is 1 µs after the last.
    for pair in t.steps.windows(2) {
        assert!(pair[1].ts > pair[0].ts);
        assert!(pair[1].ts >= pair[1].time.0 / 1000);
    }
    assert_eq!(t.step(woken.index).unwrap().ts / 1_000_000, 5);
}

#[test]
fn asyncio_tasks_get_lanes_and_their_wake_ups_point_at_the_step_that_completed_the_future() {
    let t = timeline("scenarios/seed/async_event.ron", 0);
    let lane = |name: &str| {
        t.lanes
            .iter()
            .position(|l| l.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let (main, waiter, setter) = (lane("main"), lane("Task-2 (waiter)"), lane("Task-3 (setter)"));
    assert_eq!(t.lanes[waiter].kind, LaneKind::Task { id: 2, thread: main });
    // The waiter blocks on the event's future until the setter's step sets it.
    let wait = t
        .lane_intervals(waiter)
        .find(|i| i.is_blocked())
        .expect("the waiter blocks");
    let Activity::Blocked { on, wake, .. } = &wait.activity else {
        unreachable!()
    };
    assert_eq!(on.kind, WaitKind::Future);
    let Some(Wake::Step(cause)) = wake else {
        panic!("{wake:?}")
    };
    assert_eq!(t.step(*cause).expect("cause").lane, setter);
    // The setter sleeps on a timer: its wake-up comes from the step where the timer fired.
    let sleep = t
        .lane_intervals(setter)
        .find(|i| i.is_blocked())
        .expect("the setter sleeps");
    let Activity::Blocked {
        wake: Some(Wake::Step(timer)),
        ..
    } = &sleep.activity
    else {
        panic!("{sleep:?}")
    };
    let fired = t.step(*timer).expect("the timer's step");
    assert_eq!((fired.lane, fired.text.as_str()), (main, "timer fires: Future#3 done"));
    assert_eq!(fired.wake, Some(Wake::Timer), "the loop itself was woken by the clock");
    // Meanwhile the thread's loop is idle.
    assert!(t.lane_intervals(main).any(|i| i.name() == "event loop idle"));
}

#[test]
fn a_deadlock_leaves_every_blocked_lane_blocked_to_the_end_and_says_what_each_waits_for() {
    let seed = (0..40)
        .find(|s| {
            timeline("scenarios/classic/deadlock_two_locks.ron", *s)
                .ending
                .verdict
                .rank()
                >= 4
        })
        .expect("some seed deadlocks");
    let t = timeline("scenarios/classic/deadlock_two_locks.ron", seed);
    for who in ["t1", "t2"] {
        let wait = t.ending.waits.iter().find(|w| w.who == who).expect("waits");
        assert!(wait.waits.starts_with("to acquire lock_"), "{wait:?}");
        let lane = wait.lane.expect("a lane");
        let last = t.lane_intervals(lane).last().expect("intervals");
        assert!(last.is_blocked() && last.end == t.end, "{who}: {last:?}");
        assert!(last.name().starts_with("blocked on lock_"), "{}", last.name());
    }
}

#[test]
fn json_events_parse_and_carry_exactly_what_sim_run_prints() {
    for scenario in [
        "scenarios/seed/event_wait_timeout.ron",
        "scenarios/seed/async_queue.ron",
        "scenarios/classic/producer_consumer.ron",
        "scenarios/classic/dining_philosophers.ron",
        "scenarios/seed/threads_print.ron",
    ] {
        for seed in 0..3 {
            let what = format!("{scenario} seed {seed}");
            let plain = sim(&["run", scenario, "--seed", &seed.to_string()]);
            let json = json_events(scenario, seed);
            assert_eq!(json.status.code(), plain.status.code(), "{what}");
            assert!(json.stderr.is_empty(), "{what}: {}", text(&json.stderr));
            let lines: Vec<Value> = text(&json.stdout)
                .lines()
                .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{what}: {e}: {l}")))
                .collect();
            let (summary, steps) = lines.split_last().expect("events");
            assert_eq!(summary["type"], "summary", "{what}");
            let output: String = steps
                .iter()
                .map(|e| {
                    assert_eq!(e["type"], "step", "{what}");
                    e["data"]["output"].as_str().unwrap_or("")
                })
                .collect();
            assert_eq!(output, text(&plain.stdout), "{what}");
            let numbers: Vec<u64> = steps.iter().map(|e| e["data"]["step"].as_u64().unwrap()).collect();
            assert!(
                numbers.windows(2).all(|p| p[1] == p[0] + 1),
                "{what}: every step, in order"
            );
            assert_eq!(numbers.last().copied(), summary["data"]["steps"].as_u64(), "{what}");
            assert_eq!(
                summary["data"]["exit_code"].as_i64(),
                plain.status.code().map(i64::from)
            );
            let verdict = text(&plain.stderr);
            let message = summary["data"]["verdict"]["message"].as_str().expect("a message");
            assert!(verdict.contains(&format!("verdict: {message}")), "{what}: {verdict}");
            for e in steps {
                if let Some(cause) = e["data"]["woken_by"].as_u64() {
                    assert!(cause < e["data"]["step"].as_u64().unwrap(), "{what}: {e}");
                    assert_eq!(e["data"]["wake"], "step", "{what}: {e}");
                }
            }
        }
    }
}

#[test]
fn json_events_say_what_a_deadlock_waits_for_and_put_tracebacks_in_error() {
    let summary = |seed| -> Value {
        let out = json_events("scenarios/classic/deadlock_two_locks.ron", seed);
        let last = text(&out.stdout).lines().last().expect("a summary").to_string();
        serde_json::from_str(&last).expect("a JSON line")
    };
    let deadlock = (0..40)
        .map(summary)
        .find(|s| s["data"]["verdict"]["kind"] == "deadlock")
        .expect("some seed deadlocks");
    let verdict = &deadlock["data"]["verdict"];
    assert_eq!(deadlock["data"]["exit_code"], 1);
    for who in ["t1", "t2"] {
        let waits = verdict["blocked"]
            .as_array()
            .expect("blocked")
            .iter()
            .find(|b| b["who"] == who)
            .unwrap_or_else(|| panic!("{who} is not blocked: {verdict}"));
        assert!(
            waits["waits"].as_str().unwrap().starts_with("to acquire lock_"),
            "{waits}"
        );
    }
    assert!(!verdict["cycle"].as_array().expect("a cycle").is_empty(), "{verdict}");
    let scenario = scratch("raises.ron");
    std::fs::write(
        &scenario,
        "Scenario(\n    functions: { \"boom()\": [ Raise(\"RuntimeError('boom')\") ] },\n    main: [\n        Assign(\"t\", \"threading.Thread(target=boom, name='worker')\"),\n        Start(\"t\"),\n        Join(\"t\"),\n        Print(\"after\"),\n    ],\n)\n",
    )
    .expect("write scenario");
    let out = sim(&["run", scenario.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "the traceback is inside the events");
    let errors: String = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter_map(|e| e["data"]["error"].as_str().map(str::to_string))
        .collect();
    assert!(errors.contains("Exception in thread worker"), "{errors}");
    assert!(errors.contains("RuntimeError: boom"), "{errors}");
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    for scenario in [
        "scenarios/classic/dining_philosophers.ron",
        "scenarios/seed/async_queue.ron",
        "scenarios/classic/loop_beside_thread.ron",
    ] {
        for seed in [0, 7] {
            assert_eq!(chrome_trace(scenario, seed), chrome_trace(scenario, seed), "{scenario}");
            assert_eq!(
                json_events(scenario, seed).stdout,
                json_events(scenario, seed).stdout,
                "{scenario}"
            );
        }
    }
}

#[test]
fn replay_writes_the_chrome_trace_of_the_execution_it_reruns() {
    let out = scratch("replay.json");
    let run = sim(&[
        "replay",
        "scenarios/classic/deadlock_two_locks.ron",
        "--schedule",
        "main,t1,t2*3,t1",
        "--chrome-trace",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let trace = std::fs::read_to_string(&out).expect("written");
    check_structure("replay", &trace);
    assert!(trace.contains("\"name\":\"t1\"") && trace.contains("\"name\":\"t2\""));
}

#[test]
fn the_readme_shows_real_json_events() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let command = "$ sim run scenarios/classic/deadlock_two_locks.ron --seed 2 --format json\n";
    let start = readme.find(command).expect("the README's example") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").expect("the example's end")];
    let out = json_events("scenarios/classic/deadlock_two_locks.ron", 2);
    assert_eq!(shown, text(&out.stdout));
}
