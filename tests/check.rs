//! `sim check` as a team's CI meets it: it agrees with the repository's own snapshot test
//! on every scenario, fails with a diff when behaviour changes, `--bless` accepts, and under
//! `CI=true` nothing is ever written.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{repo, scenario_files};
use sim::report::{SnapshotFile, scenario_snapshots, snapshot_name};
use sim::runtime::Limits;

/// `sim check` in `dir`, with `CI` set as given (never inherited).
fn check(dir: &Path, args: &[&str], ci: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sim"));
    command.arg("check").args(args).current_dir(dir).env_remove("NO_COLOR");
    if ci {
        command.env("CI", "true");
    } else {
        command.env_remove("CI");
    }
    command.output().expect("run the sim binary")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("check").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Every file under `dir` with its text.
fn contents(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                out.extend(contents(&path));
            } else {
                out.insert(path.clone(), std::fs::read_to_string(&path).expect("readable"));
            }
        }
    }
    out
}

/// The last line: `checked N scenarios: M snapshots match, ...`.
fn tally(out: &Output) -> String {
    stdout(out).lines().last().unwrap_or_default().to_string()
}

#[test]
fn check_agrees_with_the_repository_snapshot_test_on_every_scenario() {
    let files = scenario_files(&repo().join("scenarios"));
    let names: Vec<String> = files
        .iter()
        .map(|f| snapshot_name(f.strip_prefix(repo().join("scenarios")).expect("under scenarios/")))
        .collect();
    // The snapshot files that belong to scenarios (other tests keep theirs beside them).
    let stored = std::fs::read_dir(repo().join("snapshots"))
        .expect("snapshots/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| {
            let stem = f.strip_suffix(".snap").unwrap_or("");
            names.iter().any(|n| {
                stem == n
                    || stem
                        .strip_prefix(n.as_str())
                        .is_some_and(|rest| rest.starts_with("__explore"))
            })
        })
        .count();
    let before = contents(&repo().join("snapshots"));
    let out = check(repo(), &["scenarios/"], true);
    assert_eq!(out.status.code(), Some(0), "sim check scenarios/:\n{}", stdout(&out));
    assert_eq!(
        tally(&out),
        format!(
            "checked {} scenarios: {stored} snapshots match, 0 new or changed, 0 errors",
            files.len()
        ),
        "sim check must compare every snapshot the repository's test keeps"
    );
    for file in &files {
        let shown = file
            .strip_prefix(repo())
            .expect("in the repository")
            .display()
            .to_string();
        assert!(
            stdout(&out).contains(&format!("ok      {shown} (")),
            "{shown} not reported"
        );
    }
    assert!(
        contents(&repo().join("snapshots")) == before,
        "a passing check writes nothing"
    );
}

/// A folder holding a copy of the tutorial's `gen_simple` scenario and its snapshots, laid
/// out as in the repository.
fn copy_of_gen_simple(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("scenarios/seed")).expect("folder");
    std::fs::create_dir_all(dir.join("snapshots")).expect("folder");
    std::fs::copy(
        repo().join("scenarios/seed/gen_simple.ron"),
        dir.join("scenarios/seed/gen_simple.ron"),
    )
    .expect("copy scenario");
    for snap in ["seed__gen_simple.snap", "seed__gen_simple__explore.snap"] {
        std::fs::copy(repo().join("snapshots").join(snap), dir.join("snapshots").join(snap)).expect("copy snapshot");
    }
    dir
}

#[test]
fn a_changed_print_fails_with_a_diff_until_blessed() {
    let dir = copy_of_gen_simple("changed");
    assert_eq!(check(&dir, &["scenarios"], true).status.code(), Some(0));

    let scenario = dir.join("scenarios/seed/gen_simple.ron");
    let text = std::fs::read_to_string(&scenario).expect("scenario");
    std::fs::write(&scenario, text.replace("end=','", "end=';'")).expect("edit scenario");
    let before = contents(&dir);

    // In CI: a diff, the command that accepts it, exit 1, and nothing written, even
    // with --bless.
    for args in [&["scenarios"][..], &["--bless", "scenarios"][..]] {
        let out = check(&dir, args, true);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains("changed scenarios/seed/gen_simple.ron: differs from snapshots/seed__gen_simple.snap"));
        assert!(
            text.contains("\n    -[   0.000] main     print '1,'\n"),
            "the stored line: {text}"
        );
        assert!(
            text.contains("\n    +[   0.000] main     print '1;'\n"),
            "this run's line: {text}"
        );
        assert!(text.contains("to accept the new and changed snapshots: sim check --bless scenarios"));
        assert!(text.contains("CI=true: nothing was written"));
        assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
        assert!(contents(&dir) == before, "CI=true must not write");
    }

    // Outside CI: pending `.snap.new` files for `cargo insta review`, headers kept.
    let out = check(&dir, &["scenarios"], false);
    assert_eq!(out.status.code(), Some(1));
    let pending = dir.join("snapshots/seed__gen_simple.snap.new");
    let staged =
        SnapshotFile::parse(&std::fs::read_to_string(&pending).expect("pending snapshot")).expect("a snapshot");
    assert_eq!(staged.header, vec!["source: tests/snapshots.rs".to_string()]);
    assert!(staged.body.contains("print '1;'"));

    // --bless accepts: the snapshots hold exactly what the repository's test renders.
    let out = check(&dir, &["--bless", "scenarios"], false);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(!pending.exists(), "blessing removes the pending file");
    let program = common::program(&scenario);
    let expected = scenario_snapshots(&program, Path::new("scenarios/seed/gen_simple.ron"), Limits::default());
    assert_eq!(expected.len(), 2);
    for snapshot in expected {
        let path = dir.join(format!("snapshots/seed__gen_simple{}.snap", snapshot.suffix));
        let file = SnapshotFile::parse(&std::fs::read_to_string(&path).expect("snapshot")).expect("a snapshot");
        assert!(
            file.matches(&snapshot.body),
            "{} differs from the test's rendering",
            path.display()
        );
        assert_eq!(file.header, vec!["source: tests/snapshots.rs".to_string()]);
    }
    let out = check(&dir, &["scenarios/seed/gen_simple.ron"], true);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn colour_is_asked_for_or_left_out() {
    let dir = copy_of_gen_simple("colour");
    let scenario = dir.join("scenarios/seed/gen_simple.ron");
    let text = std::fs::read_to_string(&scenario).expect("scenario");
    std::fs::write(&scenario, text.replace("end=','", "end=':'")).expect("edit scenario");
    let out = check(&dir, &["--color", "always", "scenarios"], true);
    assert!(
        stdout(&out).contains("\x1b[31m-[   0.000] main     print '1,'\x1b[0m"),
        "{}",
        stdout(&out)
    );
    let out = check(&dir, &["--color", "never", "scenarios"], true);
    assert!(!stdout(&out).contains('\x1b'));
}

const MODEL: &str = r#"Scenario(
    globals: { "counter": 0 },
    functions: {
        "work()": [ Assign("counter", "counter + 1") ],
    },
    main: [
        Assign("t", "threading.Thread(target=work)"),
        Do("t.start()"),
        Do("work()"),
        Do("t.join()"),
        Print("f'counter = {counter}'"),
    ],
    check: (seeds: [7], explore: [Random(runs: 5), Bounded(max_preemptions: 1)]),
)
"#;

#[test]
fn a_users_folder_gets_snapshots_beside_it_as_its_check_section_asks() {
    let dir = scratch("user");
    std::fs::create_dir_all(dir.join("models")).expect("folder");
    std::fs::write(dir.join("models/counter.ron"), MODEL).expect("model");
    std::fs::write(
        dir.join("models/plain.ron"),
        MODEL.replace(
            "    check: (seeds: [7], explore: [Random(runs: 5), Bounded(max_preemptions: 1)]),\n",
            "",
        ),
    )
    .expect("model");

    let out = check(&dir, &["models"], false);
    assert_eq!(out.status.code(), Some(1), "missing snapshots fail: {}", stdout(&out));
    assert!(stdout(&out).contains("new     models/counter.ron: no snapshot snapshots/counter.snap"));

    let out = check(&dir, &["--bless", "models"], false);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let mut written: Vec<String> = std::fs::read_dir(dir.join("snapshots"))
        .expect("snapshots/ beside models/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "counter.snap",
            "counter__explore_bounded.snap",
            "counter__explore_random.snap",
            "plain.snap",
            "plain__explore.snap"
        ]
    );
    let runs = std::fs::read_to_string(dir.join("snapshots/counter.snap")).expect("snapshot");
    assert!(runs.starts_with("---\nsource: sim check\n---\n--- seed 7: "), "{runs}");
    assert!(!runs.contains("--- seed 0"), "only the seeds the scenario asks for");
    let random = std::fs::read_to_string(dir.join("snapshots/counter__explore_random.snap")).expect("snapshot");
    assert!(
        random.contains("models/counter.ron: random search, 5 executions"),
        "{random}"
    );
    assert_eq!(check(&dir, &["models"], true).status.code(), Some(0));

    // Elsewhere: --snapshots names the store.
    let out = check(&dir, &["--snapshots", "store", "--bless", "models/counter.ron"], false);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(dir.join("store/counter__explore_random.snap").exists());
}

#[test]
fn partitions_split_the_scenarios_between_machines() {
    let dir = scratch("partition");
    std::fs::create_dir_all(dir.join("models")).expect("folder");
    for name in ["a", "b", "c"] {
        std::fs::write(dir.join(format!("models/{name}.ron")), MODEL).expect("model");
    }
    let mut seen = Vec::new();
    for shard in ["count:1/2", "count:2/2"] {
        let out = check(&dir, &["--partition", shard, "models"], true);
        seen.extend(
            stdout(&out)
                .lines()
                .filter_map(|l| l.strip_prefix("new     ").and_then(|l| l.split(':').next()))
                .map(str::to_string),
        );
    }
    seen.dedup();
    assert_eq!(seen, ["models/a.ron", "models/c.ron", "models/b.ron"]);
}

#[test]
fn a_bad_check_section_is_located() {
    let dir = scratch("bad");
    std::fs::create_dir_all(dir.join("models")).expect("folder");
    let bad = MODEL.replace("seeds: [7]", "seeds: [7, 7]");
    std::fs::write(dir.join("models/bad.ron"), bad).expect("model");
    let out = check(&dir, &["models"], true);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(text.contains("error: `check.seeds` lists seed 7 twice"), "{text}");
    assert!(text.contains("--> models/bad.ron:13:12"), "{text}");

    let unknown = MODEL.replace("Random(runs: 5)", "Sometimes(runs: 5)");
    std::fs::write(dir.join("models/bad.ron"), unknown).expect("model");
    let text = stdout(&check(&dir, &["models"], true));
    assert!(text.contains("--> models/bad.ron:13"), "{text}");
    assert!(text.contains("Sometimes"), "{text}");
}

#[test]
fn stale_snapshots_of_a_renamed_scenario_are_reported_and_blessing_removes_them() {
    let dir = copy_of_gen_simple("stale");
    std::fs::rename(
        dir.join("scenarios/seed/gen_simple.ron"),
        dir.join("scenarios/seed/gen_renamed.ron"),
    )
    .expect("rename");
    // Another test's snapshot in the same folder is not a scenario's: never stale.
    let other = dir.join("snapshots/svg__picture.snap");
    std::fs::write(&other, "---\nsource: tests/svg.rs\n---\n<svg/>\n").expect("write");

    let out = check(&dir, &["scenarios"], true);
    assert_eq!(out.status.code(), Some(1), "the renamed scenario has no snapshot yet");
    let text = stdout(&out);
    for old in ["seed__gen_simple.snap", "seed__gen_simple__explore.snap"] {
        assert!(
            text.contains(&format!("stale   snapshots/{old}: no scenario makes it any more")),
            "{text}"
        );
    }
    assert!(!text.contains("svg__picture"), "{text}");
    let summary = text.lines().find(|l| l.starts_with("checked ")).unwrap_or_default();
    assert!(summary.ends_with(", 2 stale (--bless removes them)"), "{text}");
    assert!(
        dir.join("snapshots/seed__gen_simple.snap").exists(),
        "CI=true removes nothing"
    );

    // A single file or a shard does not see the whole folder: nothing is called stale.
    let one = check(&dir, &["scenarios/seed/gen_renamed.ron"], true);
    assert!(!stdout(&one).contains("stale"), "{}", stdout(&one));
    let shard = check(&dir, &["--partition", "count:1/1", "scenarios"], true);
    assert!(!stdout(&shard).contains("stale"), "{}", stdout(&shard));

    let out = check(&dir, &["--bless", "scenarios"], false);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(tally(&out).ends_with(", 2 stale removed"), "{}", tally(&out));
    let mut left: Vec<String> = std::fs::read_dir(dir.join("snapshots"))
        .expect("snapshots")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "seed__gen_renamed.snap",
            "seed__gen_renamed__explore.snap",
            "svg__picture.snap"
        ]
    );
    assert_eq!(check(&dir, &["scenarios"], true).status.code(), Some(0));
}
