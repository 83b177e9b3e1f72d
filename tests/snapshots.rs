//! Every scenario under `scenarios/` is snapshotted: its trace and verdict for seeds 0, 1
//! and 2, and for the small ones their exhaustive exploration summary (without timings,
//! `NAME__explore`), in `snapshots/`. A change in behaviour shows up as a snapshot diff;
//! under `CI=true` a changed or new snapshot fails.

mod common;

use std::path::Path;

use common::scenario_files;
use sim::report::{scenario_snapshots, snapshot_name};
use sim::runtime::Limits;

#[test]
fn every_scenario_matches_its_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = scenario_files(&root);
    assert!(
        files.len() >= 13,
        "expected the tutorial and classic scenarios, found {}",
        files.len()
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    let mut explored = 0;
    settings.bind(|| {
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable scenario");
            let display = file
                .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .expect("in the repository")
                .display()
                .to_string();
            let scenario =
                sim::scenario::load(&text, "scenario").unwrap_or_else(|d| panic!("{display}: {}", d.message));
            let program = sim::compile::compile(&scenario, &display, &text)
                .unwrap_or_else(|d| panic!("{display}: {}", d.message));
            let name = snapshot_name(file.strip_prefix(&root).expect("under scenarios/"));
            for snapshot in scenario_snapshots(&program, Path::new(&display), Limits::default()) {
                explored += snapshot.suffix.starts_with("__explore") as usize;
                insta::assert_snapshot!(format!("{name}{}", snapshot.suffix), snapshot.body);
            }
        }
    });
    assert!(
        explored >= 10,
        "expected at least 10 small scenarios to explore, found {explored}"
    );
}
