//! `sim check PATH...`: runs what each scenario's snapshots cover and compares with the
//! stored snapshots (the same `.snap` files the repository's `cargo test` writes). A
//! mismatch prints a diff and the command that accepts it; `--bless` writes new and changed
//! snapshots and removes stale ones (`unreferenced.rs`); under `CI=true` nothing is ever
//! written.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use sim::report::{Snapshot, SnapshotFile, scenario_snapshots, snapshot_name};
use sim::runtime::Limits;

use super::explore::parse_partition;
use super::run::compile_file;
use super::unreferenced::unreferenced;

#[derive(Args)]
pub struct CheckArgs {
    /// Scenario files, or folders searched recursively for `*.ron`.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write new and changed snapshots, and remove the stale ones no scenario makes any more
    /// (never under `CI=true`).
    #[arg(long)]
    bless: bool,
    /// Where the snapshots are [default: a `snapshots/` folder beside the checked folder].
    #[arg(long)]
    snapshots: Option<PathBuf>,
    /// Check only shard M of N of the scenarios: `count:M/N`.
    #[arg(long, value_parser = parse_partition)]
    partition: Option<(u64, u64)>,
    /// Worker threads [default: all cores].
    #[arg(long)]
    jobs: Option<usize>,
    /// Colour the diffs.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// One scenario to check, and where its snapshots live.
struct Target {
    file: PathBuf,
    /// The scenario's path as summaries and verdicts show it: relative to the folder that
    /// holds the checked folder, so it does not depend on where `sim check` runs.
    display: String,
    /// Its snapshots' name (`seed__lock_counter`).
    name: String,
    store: PathBuf,
}

/// What one stored snapshot looks like next to this run's.
enum Status {
    Matches,
    Differs(SnapshotFile),
    Missing,
}

struct Checked {
    snapshot: Snapshot,
    path: PathBuf,
    status: Status,
}

pub fn run(args: &CheckArgs) -> i32 {
    let (mut targets, mut whole) = match collect(args) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    if let Some((m, n)) = args.partition {
        // A shard does not see every scenario's snapshots, so cannot tell the stale ones.
        whole.clear();
        targets = targets
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *i as u64 % n == m - 1)
            .map(|(_, t)| t)
            .collect();
    }
    let ci = is_ci();
    let colour = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return 2;
        }
    };
    let results: Vec<Result<Vec<Checked>, String>> = pool.install(|| targets.par_iter().map(check).collect());

    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut matching, mut changed, mut broken) = (0, 0, 0);
    let mut pending = Vec::new();
    // The snapshots the checked scenarios make.
    let mut referenced = BTreeSet::new();
    for (target, result) in targets.iter().zip(results) {
        let checked = match result {
            Ok(c) => c,
            Err(e) => {
                // Which snapshots a broken scenario makes is not known: none of its folder's
                // is called stale.
                whole.remove(&target.store);
                broken += 1;
                let _ = writeln!(out, "{}   {}", paint(colour, RED, "error"), target.display);
                let _ = write!(out, "{e}");
                continue;
            }
        };
        if checked.iter().all(|c| matches!(c.status, Status::Matches)) {
            let _ = writeln!(
                out,
                "{}      {} ({} snapshot{})",
                paint(colour, GREEN, "ok"),
                target.display,
                checked.len(),
                if checked.len() == 1 { "" } else { "s" }
            );
        }
        for c in &checked {
            referenced.insert(c.path.clone());
            let shown = shown(&c.path);
            match &c.status {
                Status::Matches => matching += 1,
                Status::Missing => {
                    changed += 1;
                    let _ = writeln!(
                        out,
                        "{}     {}: no snapshot {shown}",
                        paint(colour, YELLOW, "new"),
                        target.display
                    );
                }
                Status::Differs(stored) => {
                    changed += 1;
                    let _ = writeln!(
                        out,
                        "{} {}: differs from {shown}",
                        paint(colour, RED, "changed"),
                        target.display
                    );
                    let _ = write!(out, "{}", diff(&stored.body, &c.snapshot.body, colour));
                }
            }
            let result = if ci {
                Ok(())
            } else if args.bless {
                bless(c)
            } else {
                stage(c, &mut pending)
            };
            if let Err(e) = result {
                broken += 1;
                let _ = writeln!(out, "{}   {e}", paint(colour, RED, "error"));
            }
        }
    }
    let mut stale = 0;
    for store in &whole {
        let found = match unreferenced(store, &referenced) {
            Ok(found) => found,
            Err(e) => {
                broken += 1;
                let _ = writeln!(out, "{}   {e}", paint(colour, RED, "error"));
                continue;
            }
        };
        for path in found {
            stale += 1;
            let _ = writeln!(
                out,
                "{}   {}: no scenario makes it any more",
                paint(colour, YELLOW, "stale"),
                shown(&path)
            );
            if args.bless && !ci {
                let removed = std::fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))
                    .and_then(|()| remove_pending(&path));
                if let Err(e) = removed {
                    broken += 1;
                    let _ = writeln!(out, "{}   {e}", paint(colour, RED, "error"));
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\nchecked {} scenario{}: {matching} snapshots match, {changed} {}, {broken} errors{}",
        targets.len(),
        if targets.len() == 1 { "" } else { "s" },
        if args.bless && !ci { "written" } else { "new or changed" },
        match stale {
            0 => String::new(),
            n if args.bless && !ci => format!(", {n} stale removed"),
            n => format!(", {n} stale (--bless removes them)"),
        }
    );
    if changed > 0 {
        if ci {
            let _ = writeln!(out, "CI=true: nothing was written");
        }
        if !args.bless || ci {
            let _ = writeln!(out, "to accept the new and changed snapshots: {}", bless_command(args));
        }
        if !pending.is_empty() {
            let _ = writeln!(
                out,
                "pending snapshots written beside them ({}), which `cargo insta review` also reviews",
                pending.len()
            );
        }
    }
    let _ = out.flush();
    if broken > 0 {
        2
    } else if changed > 0 && (!args.bless || ci) {
        1
    } else {
        0
    }
}

/// The scenarios the paths name, each once, in the order given (folders sorted), and the
/// snapshot folders whose whole scenario folder is among them.
fn collect(args: &CheckArgs) -> Result<(Vec<Target>, BTreeSet<PathBuf>), String> {
    let mut targets: Vec<Target> = Vec::new();
    let mut whole = BTreeSet::new();
    for path in &args.paths {
        let canonical = path
            .canonicalize()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let (root, files, whole_root) = if canonical.is_dir() {
            let mut files = Vec::new();
            scenario_files(&canonical, &mut files).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if files.is_empty() {
                return Err(format!("no scenarios (*.ron) under {}", path.display()));
            }
            let root = root_of(&canonical);
            let whole_root = root == canonical;
            (root, files, whole_root)
        } else {
            (
                root_of(canonical.parent().unwrap_or(&canonical)),
                vec![canonical],
                false,
            )
        };
        let store = match &args.snapshots {
            Some(dir) => dir.clone(),
            None => root.parent().unwrap_or(&root).join("snapshots"),
        };
        if whole_root {
            whole.insert(store.clone());
        }
        let base = root.parent().unwrap_or(&root);
        for file in files {
            if targets.iter().any(|t| t.file == file) {
                continue;
            }
            let relative = file.strip_prefix(&root).unwrap_or(&file);
            targets.push(Target {
                display: slashed(file.strip_prefix(base).unwrap_or(&file)),
                name: snapshot_name(relative),
                store: store.clone(),
                file,
            });
        }
    }
    Ok((targets, whole))
}

/// The folder whose scenarios `dir`'s belong with, which names their snapshots: the
/// nearest of `dir` and the folders above it, below the working folder, with a
/// `snapshots/` folder beside it (so `scenarios/seed` is checked as part of `scenarios`),
/// else `dir` itself.
fn root_of(dir: &Path) -> PathBuf {
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    dir.ancestors()
        .take_while(|d| here.as_deref().is_some_and(|h| d.starts_with(h) && *d != h))
        .find(|d| d.parent().is_some_and(|p| p.join("snapshots").is_dir()))
        .unwrap_or(dir)
        .to_path_buf()
}

fn scenario_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            scenario_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    Ok(())
}

/// A path as the user would write it: relative to the working folder when below it.
fn shown(path: &Path) -> String {
    let here = std::env::current_dir().and_then(|d| d.canonicalize()).ok();
    match here.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(relative) => relative.display().to_string(),
        None => path.display().to_string(),
    }
}

/// A path with `/` between its parts on every system, as snapshots show it.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn check(target: &Target) -> Result<Vec<Checked>, String> {
    let program = compile_file(&target.file, &target.display)?;
    let snapshots = scenario_snapshots(&program, Path::new(&target.display), Limits::default());
    snapshots
        .into_iter()
        .map(|snapshot| {
            let path = target.store.join(format!("{}{}.snap", target.name, snapshot.suffix));
            let status = match std::fs::read_to_string(&path) {
                Ok(text) => match SnapshotFile::parse(&text) {
                    Some(stored) if stored.matches(&snapshot.body) => Status::Matches,
                    Some(stored) => Status::Differs(stored),
                    None => return Err(format!("{}: not a snapshot file (no `---` header)\n", path.display())),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Status::Missing,
                Err(e) => return Err(format!("cannot read {}: {e}\n", path.display())),
            };
            Ok(Checked { snapshot, path, status })
        })
        .collect()
}

/// `--bless`: writes a new or changed snapshot (keeping its header) and removes its
/// pending `.snap.new`.
fn bless(c: &Checked) -> Result<(), String> {
    let Some(file) = updated(c) else {
        return remove_pending(&c.path);
    };
    write(&c.path, &file)?;
    remove_pending(&c.path)
}

/// Without `--bless`: a new or changed snapshot is written beside the stored one as
/// `NAME.snap.new`, as insta does, for `cargo insta review`; a matching one drops its stale
/// pending file.
fn stage(c: &Checked, pending: &mut Vec<PathBuf>) -> Result<(), String> {
    let Some(file) = updated(c) else {
        return remove_pending(&c.path);
    };
    let path = pending_path(&c.path);
    write(&path, &file)?;
    pending.push(path);
    Ok(())
}

/// The snapshot file this run would write: `None` when the stored one matches.
fn updated(c: &Checked) -> Option<SnapshotFile> {
    match &c.status {
        Status::Matches => None,
        Status::Differs(stored) => Some(stored.with_body(&c.snapshot.body)),
        Status::Missing => Some(SnapshotFile::new(&c.snapshot.body)),
    }
}

fn pending_path(snap: &Path) -> PathBuf {
    let mut name = snap.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}

fn remove_pending(snap: &Path) -> Result<(), String> {
    let path = pending_path(snap);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", path.display())),
    }
}

fn write(path: &Path, file: &SnapshotFile) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, file.text()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Whether this is a CI run, as insta decides it: `CI` set to anything but empty,
/// `0` or `false`.
fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

fn bless_command(args: &CheckArgs) -> String {
    let mut words = vec!["sim check --bless".to_string()];
    if let Some(dir) = &args.snapshots {
        words.push(format!("--snapshots {}", dir.display()));
    }
    if let Some((m, n)) = args.partition {
        words.push(format!("--partition count:{m}/{n}"));
    }
    words.extend(args.paths.iter().map(|p| p.display().to_string()));
    words.join(" ")
}

const RED: &str = "31";
const GREEN: &str = "32";
const YELLOW: &str = "33";
const CYAN: &str = "36";

fn paint(colour: bool, code: &str, text: &str) -> String {
    if colour {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Diff lines shown per snapshot; the rest are counted.
const DIFF_LINES: usize = 200;

/// A unified diff from the stored snapshot to this run's, three lines of context.
fn diff(stored: &str, now: &str, colour: bool) -> String {
    let (stored, now) = (
        sim::report::normalize(stored) + "\n",
        sim::report::normalize(now) + "\n",
    );
    let diff = similar::TextDiff::from_lines(&stored, &now);
    let mut out = String::new();
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header("stored snapshot", "this run")
        .to_string();
    let total = text.lines().count();
    for line in text.lines().take(DIFF_LINES) {
        let code = match line.as_bytes().first() {
            Some(b'-') => Some(RED),
            Some(b'+') => Some(GREEN),
            Some(b'@') => Some(CYAN),
            _ => None,
        };
        out.push_str("    ");
        match code {
            Some(code) => out.push_str(&paint(colour, code, line)),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    if total > DIFF_LINES {
        out.push_str(&format!("    ... {} more lines of diff\n", total - DIFF_LINES));
    }
    out
}
