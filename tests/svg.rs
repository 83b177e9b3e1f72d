//! The SVG timeline `sim run|replay --svg` draws: snapshotted for two tutorial scenarios,
//! well-formed XML inside its own bounds for every scenario, one named lane per thread and
//! task, the verdict on top, a deadlock's stuck lanes in red saying what each waits for, a
//! mark per operation and an arrow per wake-up, a long run squeezed to a bounded size, a
//! run looping to its step limit drawn up to the timeline's cap (the Chrome trace too),
//! and exit 2 when a picture or trace cannot be written.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{program, repo, scenario_files, sim, text};
use roxmltree::{Document, Node};
use sim::report::TimelineBuilder;
use sim::report::timeline::Timeline;
use sim::runtime::{Limits, Machine};
use sim::sched::RandomScheduler;

/// The picture's widest axis plus its margins, names and a deadlock's longest wait text.
const WIDEST: f64 = 4000.0;

/// A fresh path in the target folder for an output file: numbered, so that tests running
/// at once never write or read each other's file (two of them draw the same run).
fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("svg");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(format!("{}-{name}", NEXT.fetch_add(1, Ordering::Relaxed)))
}

fn timeline_of(path: &Path, seed: u64) -> Timeline {
    let prog = program(path);
    let mut builder = TimelineBuilder::new();
    let outcome = Machine::new(&prog).run(&mut RandomScheduler::new(seed), &mut builder, Limits::default());
    builder.finish(&outcome)
}

/// `sim run SCENARIO --seed SEED --svg OUT`, as written.
fn svg_of_run(scenario: &str, seed: u64) -> String {
    let stem = Path::new(scenario).file_stem().unwrap().to_string_lossy().into_owned();
    let out = scratch(&format!("{stem}-{seed}.svg"));
    let seed = seed.to_string();
    let run = sim(&["run", scenario, "--seed", &seed, "--svg", out.to_str().unwrap()]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{scenario}: {}",
        text(&run.stderr)
    );
    std::fs::read_to_string(&out).expect("the picture was written")
}

fn number(node: Node, attribute: &str) -> f64 {
    node.attribute(attribute)
        .unwrap_or_else(|| panic!("<{}> without {attribute}", node.tag_name().name()))
        .parse()
        .unwrap_or_else(|e| panic!("{attribute} of <{}>: {e}", node.tag_name().name()))
}

/// Every text drawn (not hover text), in order.
fn texts(doc: &Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect())
        .collect()
}

/// Checks what every picture must be, and returns its hover texts.
fn check_picture(what: &str, svg: &str, timeline: &Timeline) -> Vec<String> {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("{what}: not well-formed XML: {e}"));
    let root = doc.root_element();
    assert!(root.has_tag_name("svg"), "{what}");
    let (width, height) = (number(root, "width"), number(root, "height"));
    assert!(
        width > 0.0 && width <= WIDEST && height > 0.0,
        "{what}: {width} x {height}"
    );
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {width} {height}").as_str()),
        "{what}"
    );
    for rect in doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("x").is_some())
    {
        let (x, w) = (number(rect, "x"), number(rect, "width"));
        assert!(
            w >= 0.0 && x >= 0.0 && x + w <= width + 0.05,
            "{what}: {rect:?} outside 0..{width}"
        );
    }
    let titles: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect();
    assert!(
        titles.iter().all(|t| !t.trim().is_empty()),
        "{what}: an empty hover text"
    );
    let drawn = texts(&doc);
    let verdict = timeline.ending.verdict.to_string();
    let headline = verdict.lines().next().unwrap();
    assert_eq!(
        drawn.first().map(String::as_str),
        Some(headline),
        "{what}: the verdict heads it"
    );
    for lane in &timeline.lanes {
        let shown = drawn
            .iter()
            .any(|t| *t == lane.name || (t.ends_with('…') && lane.name.starts_with(t.trim_end_matches('…'))));
        assert!(shown, "{what}: no lane named {}", lane.name);
    }
    for wait in &timeline.ending.waits {
        if wait.lane.is_some() {
            assert!(
                drawn.iter().any(|t| t.ends_with(&wait.waits)),
                "{what}: {} should say it waits {}",
                wait.who,
                wait.waits
            );
        }
    }
    titles
}

#[test]
fn every_scenario_draws_a_well_formed_picture_of_its_lanes_marks_and_wake_ups() {
    let mut pictures = 0;
    for path in scenario_files(&repo().join("scenarios")) {
        if path.ends_with("lock_counter.ron") {
            // Eight million steps: squeezing is checked below, on a smaller long run.
            continue;
        }
        for seed in 0..2 {
            let what = format!("{} seed {seed}", path.display());
            let timeline = timeline_of(&path, seed);
            let svg = sim::report::svg::render(&timeline, &what);
            let titles = check_picture(&what, &svg, &timeline);
            if timeline.steps.len() <= 2000 {
                // Not squeezed: every operation has its mark and every wake-up its arrow.
                for instant in &timeline.instants {
                    let mark = format!("step {} at ", instant.step);
                    assert!(
                        titles
                            .iter()
                            .any(|t| t.starts_with(&mark) && t.ends_with(&instant.text)),
                        "{what}: no mark for {instant:?}"
                    );
                }
                for flow in &timeline.flows {
                    let arrow = format!("step {} wakes step {}: ", flow.from, flow.to);
                    assert!(
                        titles.iter().any(|t| t.starts_with(&arrow)),
                        "{what}: no arrow for {flow:?}"
                    );
                }
            }
            pictures += 1;
        }
    }
    assert!(pictures >= 40, "only {pictures} pictures checked");
}

#[test]
fn a_deadlock_draws_its_stuck_lanes_in_red() {
    let svg = svg_of_run("scenarios/classic/dining_philosophers.ron", 0);
    let doc = Document::parse(&svg).expect("well-formed");
    let red_names: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("fill") == Some("#d0352b"))
        .map(|n| n.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect())
        .collect();
    for who in ["main", "philosopher-0", "philosopher-4"] {
        assert!(red_names.iter().any(|t| t == who), "{who} is not red: {red_names:?}");
    }
    assert!(
        red_names.iter().any(|t| t.starts_with("waits to acquire forks[")),
        "{red_names:?}"
    );
    let red_bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#d0352b"))
        .count();
    // One per stuck lane, and the legend's.
    assert_eq!(red_bars, 6 + 1, "{svg}");
}

#[test]
fn svg_timelines_match_their_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repo().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::assert_snapshot!(
            "svg__event_wait_timeout",
            svg_of_run("scenarios/seed/event_wait_timeout.ron", 0)
        );
        insta::assert_snapshot!(
            "svg__dining_philosophers",
            svg_of_run("scenarios/classic/dining_philosophers.ron", 0)
        );
    });
}

#[test]
fn the_same_run_draws_the_same_bytes_and_replay_draws_its_execution() {
    let first = svg_of_run("scenarios/seed/async_wait.ron", 1);
    assert_eq!(first, svg_of_run("scenarios/seed/async_wait.ron", 1));
    let out = scratch("replay.svg");
    let replay = sim(&[
        "replay",
        "scenarios/classic/deadlock_two_locks.ron",
        "--schedule",
        "main,t1,t2*3,t1",
        "--svg",
        out.to_str().unwrap(),
    ]);
    assert_eq!(replay.status.code(), Some(0), "{}", text(&replay.stderr));
    let svg = std::fs::read_to_string(&out).expect("written");
    let doc = Document::parse(&svg).expect("well-formed");
    let drawn = texts(&doc);
    assert!(
        drawn.iter().any(|t| t.contains("(schedule main,t1,t2*3,t1)")),
        "{drawn:?}"
    );
    assert!(
        drawn.iter().any(|t| t == "t1") && drawn.iter().any(|t| t == "t2"),
        "{drawn:?}"
    );
}

#[test]
fn a_long_run_is_squeezed_to_a_bounded_picture() {
    let scenario = scratch("long.ron");
    let source = std::fs::read_to_string(repo().join("scenarios/seed/lock_counter.ron")).expect("scenario");
    std::fs::write(&scenario, source.replace("1000000", "3000")).expect("write");
    let timeline = timeline_of(&scenario, 0);
    assert!(timeline.steps.len() > 20_000, "{} steps", timeline.steps.len());
    let svg = sim::report::svg::render(&timeline, "long");
    check_picture("long", &svg, &timeline);
    let doc = Document::parse(&svg).expect("well-formed");
    let elements = doc.descendants().filter(|n| n.is_element()).count();
    assert!(
        elements < 20_000,
        "{elements} elements for {} steps",
        timeline.steps.len()
    );
    // What was gathered says how much it stands for.
    assert!(svg.contains(" short intervals, mostly running"));
    assert!(svg.contains(" more here)"));
}

#[test]
fn a_picture_or_trace_that_cannot_be_written_exits_two() {
    for (flag, out) in [
        ("--svg", "no/such/folder/out.svg"),
        ("--chrome-trace", "no/such/folder/out.json"),
    ] {
        let run = sim(&["run", "scenarios/seed/threads_print.ron", flag, out]);
        assert_eq!(run.status.code(), Some(2), "{flag}");
        let err = text(&run.stderr);
        assert!(err.contains(&format!("error: cannot write {out}")), "{err}");
    }
}

#[test]
fn a_run_that_loops_to_its_step_limit_is_drawn_up_to_a_bounded_number_of_steps() {
    let scenario = scratch("endless.ron");
    std::fs::write(
        &scenario,
        r#"Scenario(
    globals: { "x": 0 },
    functions: { "spin()": [ Global("x"), While("True", [ Assign("x", "x + 1") ]) ] },
    main: [ Assign("t", "threading.Thread(target=spin)"), Start("t"), Join("t") ],
)"#,
    )
    .expect("write");
    let limit = (sim::report::timeline::MAX_STEPS + 200_000).to_string();
    let (svg, trace) = (scratch("endless.svg"), scratch("endless.json"));
    let run = sim(&[
        "run",
        scenario.to_str().unwrap(),
        "--max-steps",
        &limit,
        "--svg",
        svg.to_str().unwrap(),
        "--chrome-trace",
        trace.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("did not finish within"),
        "{}",
        text(&run.stderr)
    );
    let svg = std::fs::read_to_string(&svg).expect("written");
    let doc = Document::parse(&svg).expect("well-formed");
    let drawn = texts(&doc);
    let stops = format!("the picture stops after step {}", sim::report::timeline::MAX_STEPS);
    assert!(drawn.iter().any(|t| t.ends_with(&stops)), "{drawn:?}");
    let trace = std::fs::read_to_string(&trace).expect("written");
    let stops = format!("\"trace_stops_after_step\":{}", sim::report::timeline::MAX_STEPS);
    assert!(trace.contains(&stops), "the trace says where it stops");
}
