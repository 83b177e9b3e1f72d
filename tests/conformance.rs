//! Differential conformance: every pair `tests/conformance/<group>/<name>.py` +
//! `<name>.ron` is run twice, the program under CPython 3.11 and the scenario under sim
//! (seed 0, in process), and the two stdouts must be byte-identical.
//!
//! CPython runs each program through `tests/virtual_clock.py`, which puts asyncio on a
//! virtual clock as sim's (timers jump the clock instead of sleeping, equal deadlines fire
//! in scheduling order) and turns a hang with nothing left to run into exit status 3,
//! which matches a sim deadlock verdict.
//!
//! Each `.py` is deterministic under CPython (its header says why), so CPython's output is
//! the expected one. Every pair is run and every failure is reported at the end, each with
//! a unified diff (`-` CPython, `+` sim). A missing or wrong `python3` fails the test: a
//! conformance suite that silently skips proves nothing.

use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use sim::runtime::{Limits, Observer, StepEvent, Verdict, execute};
use sim::sched::RandomScheduler;

/// The CPython version whose behaviour sim follows.
const PYTHON_VERSION: &str = "3.11";
/// The exit status of `tests/virtual_clock.py` when the program hangs with nothing to run.
const VIRTUAL_CLOCK_DEADLOCK: i32 = 3;
/// A `.py` that has not finished after this long is reported as hanging.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(60);
/// Lines of context around each change in a diff.
const CONTEXT: usize = 3;

/// What a program printed and how it ended.
struct Run {
    stdout: String,
    stderr: String,
    /// `None` when the program could not be run (`stderr` says why).
    exit: Option<i32>,
}

/// Every `.py` and `.ron` under `dir`, recursively, sorted.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "py" || e == "ron") {
            out.push(path);
        }
    }
}

/// Fails the test unless `python3` is CPython 3.11.
fn check_python() {
    let probe = Command::new("python3")
        .args([
            "-c",
            "import platform, sys; print(platform.python_implementation(), '%d.%d' % sys.version_info[:2])",
        ])
        .output();
    let output = match probe {
        Ok(o) => o,
        Err(e) => panic!(
            "the conformance suite needs `python3` (CPython {PYTHON_VERSION}) on PATH to compute the expected \
             outputs, but it could not be run: {e}"
        ),
    };
    let found = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(
        output.status.success() && found == format!("CPython {PYTHON_VERSION}"),
        "the conformance suite needs `python3` to be CPython {PYTHON_VERSION}, the reference sim follows; \
         found {:?} (exit {:?}, stderr {:?})",
        found,
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).trim()
    );
}

/// Starts `python3 file`; the returned channel delivers its run when it ends.
fn spawn_python(file: &Path) -> Result<(std::process::Child, mpsc::Receiver<(String, String)>), String> {
    let dir = file.parent().expect("a pair lives in a group folder");
    let harness = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("virtual_clock.py");
    let mut child = Command::new("python3")
        .arg(harness)
        .arg(file.file_name().expect("a file name"))
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let err_reader = std::thread::spawn(move || {
            let mut err = Vec::new();
            let _ = stderr.read_to_end(&mut err);
            err
        });
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        let err = err_reader.join().unwrap_or_default();
        let _ = tx.send((
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        ));
    });
    Ok((child, rx))
}

/// Waits for a started `python3`, killing it if it hangs.
fn finish_python(started: Result<(std::process::Child, mpsc::Receiver<(String, String)>), String>) -> Run {
    let (mut child, rx) = match started {
        Ok(s) => s,
        Err(e) => {
            return Run {
                stdout: String::new(),
                stderr: e,
                exit: None,
            };
        }
    };
    match rx.recv_timeout(PYTHON_TIMEOUT) {
        Ok((stdout, stderr)) => {
            let status = child.wait().expect("python3 exit status");
            Run {
                stdout,
                stderr,
                exit: status.code(),
            }
        }
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Run {
                stdout: String::new(),
                stderr: format!("python3 did not finish within {} s", PYTHON_TIMEOUT.as_secs()),
                exit: None,
            }
        }
    }
}

/// Collects what a sim run prints.
#[derive(Default)]
struct Output {
    stdout: String,
    stderr: String,
}

impl Observer for Output {
    fn step(&mut self, event: &StepEvent<'_>) {
        self.stdout.push_str(event.out);
        self.stderr.push_str(event.err);
    }
}

/// `line:column` (1-based) of byte `offset` in `text`.
fn position(text: &str, offset: u32) -> String {
    let before = &text[..(offset as usize).min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{line}:{column}")
}

/// Runs the scenario in `file` under sim with seed 0; `Err` when it does not load.
fn run_sim(file: &Path, display: &str) -> Result<(Run, Verdict), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {display}: {e}"))?;
    let stem = file.file_stem().expect("a file name").to_string_lossy();
    let program = sim::scenario::load(&text, &stem)
        .and_then(|s| sim::compile::compile(&s, display, &text))
        .map_err(|d| {
            let mut message = format!("{display}:{}: {}", position(&text, d.span.start), d.message);
            if !d.label.is_empty() {
                message.push_str(&format!(" ({})", d.label));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("; help: {help}"));
            }
            message
        })?;
    let mut output = Output::default();
    let outcome = execute(&program, &mut RandomScheduler::new(0), &mut output, Limits::default());
    let run = Run {
        stdout: output.stdout,
        stderr: output.stderr,
        exit: Some(outcome.verdict.exit_code()),
    };
    Ok((run, outcome.verdict))
}

/// A unified diff of two texts by lines (`-` expected, `+` actual), with `CONTEXT` lines
/// around each change. A last line without a newline is marked as in `diff -u`.
fn unified_diff(expected: &str, actual: &str, from: &str, to: &str) -> String {
    let a: Vec<&str> = expected.split_inclusive('\n').collect();
    let b: Vec<&str> = actual.split_inclusive('\n').collect();
    // Longest common subsequence table, from the ends.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // The edit script: (tag, line index in a, line index in b).
    let mut script: Vec<(char, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            script.push((' ', i, j));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            script.push(('-', i, j));
            i += 1;
        } else {
            script.push(('+', i, j));
            j += 1;
        }
    }
    let mut out = format!("--- {from}\n+++ {to}\n");
    let changes: Vec<usize> = (0..script.len()).filter(|&k| script[k].0 != ' ').collect();
    let mut k = 0;
    while k < changes.len() {
        // A hunk: changes closer than 2 * CONTEXT lines apart share one.
        let first = changes[k];
        let mut last = first;
        while k + 1 < changes.len() && changes[k + 1] - last <= 2 * CONTEXT + 1 {
            k += 1;
            last = changes[k];
        }
        k += 1;
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT + 1).min(script.len());
        let hunk = &script[start..end];
        let a_start = hunk[0].1;
        let b_start = hunk[0].2;
        let a_len = hunk.iter().filter(|e| e.0 != '+').count();
        let b_len = hunk.iter().filter(|e| e.0 != '-').count();
        out.push_str(&format!(
            "@@ -{},{a_len} +{},{b_len} @@\n",
            a_start + usize::from(a_len > 0),
            b_start + usize::from(b_len > 0)
        ));
        for &(tag, ai, bi) in hunk {
            let line = if tag == '+' { b[bi] } else { a[ai] };
            out.push(tag);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// Indents a block of text for a failure report.
fn indented(text: &str) -> String {
    text.lines().map(|l| format!("    {l}\n")).collect()
}

/// Compares one pair; `Some(report)` when it fails.
fn compare(name: &str, python: Run, ron: &Path) -> Option<String> {
    let prefix = if name.starts_with("scenarios/") {
        ""
    } else {
        "tests/conformance/"
    };
    let py_display = format!("{prefix}{name}.py");
    let ron_display = format!("{prefix}{name}.ron");
    let deadlock = python.exit == Some(VIRTUAL_CLOCK_DEADLOCK);
    if python.exit != Some(0) && !deadlock {
        let status = python.exit.map_or("none".to_string(), |c| c.to_string());
        return Some(format!(
            "{name}: the CPython program itself failed (exit status {status}); fix {py_display}\n{}",
            indented(&python.stderr)
        ));
    }
    let (sim, verdict) = match run_sim(ron, &ron_display) {
        Ok(r) => r,
        Err(e) => return Some(format!("{name}: the scenario does not load\n    {e}\n")),
    };
    let mut problems = Vec::new();
    if sim.stdout != python.stdout {
        problems.push(format!(
            "stdout differs (- CPython, + sim)\n{}",
            indented(&unified_diff(
                &python.stdout,
                &sim.stdout,
                &format!("python3 {py_display}"),
                &format!("sim run {ron_display} --seed 0"),
            ))
        ));
    }
    if deadlock && !matches!(verdict, Verdict::Deadlock(_)) {
        problems
            .push("CPython hangs with nothing left to run (a deadlock), but sim's verdict is not a deadlock".into());
    } else if !deadlock && sim.exit != python.exit {
        problems.push(format!(
            "CPython exits with status 0, but sim's verdict means exit status {}",
            sim.exit.map_or("none".to_string(), |c| c.to_string())
        ));
    }
    if problems.is_empty() {
        return None;
    }
    let mut report = format!("{name}: {}\n", problems.join("\n"));
    report.push_str(&format!("  sim {}", indented(&verdict.to_string()).trim_start()));
    if !sim.stderr.is_empty() {
        report.push_str(&format!("  sim stderr:\n{}", indented(&sim.stderr)));
    }
    Some(report)
}

#[test]
fn sim_prints_what_cpython_prints() {
    check_python();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("conformance");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut failures = Vec::new();
    let mut pairs = Vec::new();
    for file in &files {
        let twin = file.with_extension(if file.extension().is_some_and(|e| e == "py") {
            "ron"
        } else {
            "py"
        });
        let name = file
            .strip_prefix(&root)
            .expect("under tests/conformance")
            .with_extension("")
            .display()
            .to_string();
        if !twin.exists() {
            failures.push(format!("{name}: {} has no twin {}\n", file.display(), twin.display()));
        } else if file.extension().is_some_and(|e| e == "py") {
            pairs.push((name, file.clone(), twin));
        }
    }
    // The tutorial's programs next to their scenarios (`scenarios/seed/gen_send.py` and
    // `.ron`) are pairs too.
    let scenarios = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut tutorial = Vec::new();
    sources(&scenarios, &mut tutorial);
    for file in tutorial.iter().filter(|f| f.extension().is_some_and(|e| e == "py")) {
        let twin = file.with_extension("ron");
        let name = file
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")))
            .expect("under the repository")
            .with_extension("")
            .display()
            .to_string();
        if twin.exists() {
            pairs.push((name, file.clone(), twin));
        } else {
            failures.push(format!(
                "{name}: {} has no scenario {}\n",
                file.display(),
                twin.display()
            ));
        }
    }
    let asyncio = pairs.iter().filter(|p| p.0.starts_with("asyncio/")).count();
    assert!(
        pairs.len() >= 150 && asyncio >= 50,
        "expected at least 150 conformance pairs (50 of them asyncio) under {} and scenarios/, found {} ({asyncio} asyncio)",
        root.display(),
        pairs.len()
    );
    // CPython programs run a few at a time ahead of the comparisons (most of their time
    // is spent sleeping); not all at once, so that a loaded machine cannot delay them
    // enough to change a rounded elapsed time.
    let window = std::thread::available_parallelism().map_or(4, |n| n.get() * 4);
    let mut running = VecDeque::new();
    let mut next = 0;
    for (i, (name, _, ron)) in pairs.iter().enumerate() {
        while next < pairs.len() && next < i + window {
            running.push_back(spawn_python(&pairs[next].1));
            next += 1;
        }
        let python = finish_python(running.pop_front().expect("started ahead"));
        if let Some(report) = compare(name, python, ron) {
            failures.push(report);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} conformance pairs fail:\n\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}
