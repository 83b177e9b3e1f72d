//! No input makes sim panic or hang: every text either fails to load or compile with a
//! diagnostic (a non-empty message and a span inside the text), or runs to a verdict.
//!
//! The scenarios under `scenarios/` are the seed corpus. Each test below mutates them in one
//! way (deleting characters, inserting awkward tokens, editing lines, truncating, replacing
//! expression strings, operation names or numbers) or builds scenarios from scratch out of
//! valid operations and random expressions, so that many cases get past the loader and run.
//!
//! Every case is loaded, compiled and run (at most [`MAX_STEPS`] steps, with a scheduler
//! seed derived from its text) in a worker process: this test binary started again to run
//! only [`case_worker_process`]. The worker runs each case on a thread under
//! `catch_unwind` and reports a panic with its location and backtrace; the test kills a
//! worker that takes longer than [`CASE_TIMEOUT`] or holds more than [`MEMORY_LIMIT`], and
//! notices one that aborts (a stack overflow, a failed allocation). Any of these fails the
//! test with the offending text, shrunk by proptest and then by dropping lines and
//! characters while the failure stays the same. The runs are deterministic: proptest's RNG
//! has a fixed seed per test, and no persistence files are written.

mod common;

use std::backtrace::Backtrace;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, Once, OnceLock, mpsc};
use std::time::{Duration, Instant};

use common::{repo, scenario_files};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::BoxedStrategy;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestError, TestRunner};
use sim::diagnostic::Diagnostic;
use sim::report::TraceRecorder;
use sim::runtime::{Limits, Quiet, execute};
use sim::sched::RandomScheduler;

/// Steps a case may run; a scenario's own `max_steps` is capped to it.
const MAX_STEPS: u64 = 20_000;
/// A case that has not finished after this long hangs.
const CASE_TIMEOUT: Duration = Duration::from_secs(10);
/// A worker holding more memory than this has run away.
const MEMORY_LIMIT: u64 = 2 << 30;
/// Like the command line's main thread.
const CASE_STACK: usize = 8 << 20;
const CASE_THREAD: &str = "robustness-case";
/// Set in a worker's environment.
const WORKER_ENV: &str = "SIM_ROBUSTNESS_WORKER";
/// Marks the worker's result lines in its output.
const RESULT: &str = "@@robustness ";
/// How long the text minimizer may spend on one failure.
const MINIMIZE_TIME: Duration = Duration::from_secs(20);

// ---------------------------------------------------------------------------------------
// Running one case

/// How far a case got: the load or compile error's message, or a run's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    Load(String),
    Compile(String),
    Run(String),
}

impl Stage {
    /// The first words of the message, to count similar ones together.
    fn gist(&self) -> String {
        let (stage, message) = match self {
            Stage::Load(m) => ("load", m),
            Stage::Compile(m) => ("compile", m),
            Stage::Run(m) => ("run", m),
        };
        let words: Vec<&str> = message.split_whitespace().take(4).collect();
        format!("{stage}: {}", words.join(" "))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Failure {
    Panic {
        message: String,
        location: String,
        backtrace: String,
    },
    /// A diagnostic without a message or with a span outside the text.
    Diagnostic {
        stage: String,
        problem: String,
        detail: String,
    },
    Hang,
    Memory,
    /// The worker died: an abort, a stack overflow. `output` is the end of its stderr.
    Crash {
        status: String,
        output: String,
    },
}

impl Failure {
    /// What must stay the same while a failing text is minimized.
    fn signature(&self) -> String {
        match self {
            Failure::Panic { location, .. } => format!("panic at {location}"),
            Failure::Diagnostic { stage, problem, .. } => format!("{stage}: {problem}"),
            Failure::Hang => "hang".to_string(),
            Failure::Memory => "memory".to_string(),
            Failure::Crash { output, .. } => {
                let line = output.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                let line: String = line.chars().filter(|c| !c.is_ascii_digit()).collect();
                format!("crash: {line}")
            }
        }
    }

    fn headline(&self) -> String {
        match self {
            Failure::Panic { message, location, .. } => format!("panicked at {location}: {message}"),
            Failure::Diagnostic { stage, problem, detail } => {
                format!("gave a bad {stage} diagnostic: {problem}: {detail}")
            }
            Failure::Hang => format!("did not finish within {CASE_TIMEOUT:?}"),
            Failure::Memory => format!("held more than {} GiB of memory", MEMORY_LIMIT >> 30),
            Failure::Crash { status, output } => format!("crashed ({status}):\n{output}"),
        }
    }
}

fn check_diagnostic(d: &Diagnostic, text: &str, stage: &str) -> Result<(), Failure> {
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    let problem = if d.message.trim().is_empty() {
        "empty message"
    } else if start > end || end > text.len() {
        "span outside the text"
    } else if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        "span splits a character"
    } else {
        return Ok(());
    };
    Err(Failure::Diagnostic {
        stage: stage.to_string(),
        problem: problem.to_string(),
        detail: format!("{:?} at {start}..{end} in a text of {} bytes", d.message, text.len()),
    })
}

/// Loads, compiles and runs `text`; the stage it got to.
fn run_case(text: &str) -> Result<Stage, Failure> {
    let mut scenario = match sim::scenario::load(text, "robustness") {
        Ok(s) => s,
        Err(d) => return check_diagnostic(&d, text, "load").map(|()| Stage::Load(d.message)),
    };
    scenario.max_steps = Some(scenario.max_steps.map_or(MAX_STEPS, |m| m.min(MAX_STEPS)));
    let program = match sim::compile::compile(&scenario, "robustness.ron", text) {
        Ok(p) => p,
        Err(d) => return check_diagnostic(&d, text, "compile").map(|()| Stage::Compile(d.message)),
    };
    let seed = fnv(text.as_bytes());
    let mut scheduler = RandomScheduler::new(seed);
    let limits = Limits { max_steps: MAX_STEPS };
    // Half the runs describe their steps and render a trace, which is more code to cover.
    let outcome = if seed.is_multiple_of(2) {
        execute(&program, &mut scheduler, &mut Quiet, limits)
    } else {
        let mut recorder = TraceRecorder::new(200);
        execute(&program, &mut scheduler, &mut recorder, limits)
    };
    assert!(outcome.steps <= MAX_STEPS, "{} steps, over the limit", outcome.steps);
    let _ = outcome.verdict.to_string();
    Ok(Stage::Run(outcome.verdict.headline()))
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

// ---------------------------------------------------------------------------------------
// The worker process

thread_local! {
    /// Where the last panic of this case thread happened, and its backtrace.
    static LAST_PANIC: RefCell<Option<(String, Backtrace)>> = const { RefCell::new(None) };
}

/// Case threads record their panics' locations and backtraces instead of printing them.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(CASE_THREAD) {
                let location = info.location().map_or_else(
                    || "?".to_string(),
                    |l| format!("{}:{}:{}", l.file(), l.line(), l.column()),
                );
                LAST_PANIC.with(|p| *p.borrow_mut() = Some((location, Backtrace::force_capture())));
            } else {
                default(info);
            }
        }));
    });
}

fn panic_failure(payload: Box<dyn std::any::Any + Send>) -> Failure {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a non-string panic)".to_string());
    let (location, backtrace) = LAST_PANIC
        .with(|p| p.borrow_mut().take())
        .map_or_else(|| ("?".to_string(), String::new()), |(l, b)| (l, sim_frames(&b)));
    Failure::Panic {
        message,
        location,
        backtrace,
    }
}

/// The frames of a backtrace that are in sim's own code (`sim/...`), innermost first.
fn sim_frames(backtrace: &Backtrace) -> String {
    let text = backtrace.to_string();
    let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        let (function, at) = (pair[0], pair[1]);
        let in_sim = at.starts_with("at ") && (at.contains("/sim/") || at.starts_with("at ./sim/"));
        if in_sim && !function.starts_with("at ") {
            out.push(format!("{function}\n      {at}"));
        }
        if out.len() >= 12 {
            break;
        }
    }
    out.join("\n")
}

/// Runs one case on a thread of its own (with the command line's stack size), catching a panic.
fn run_caught(text: String) -> Result<Stage, Failure> {
    install_panic_hook();
    std::thread::Builder::new()
        .name(CASE_THREAD.to_string())
        .stack_size(CASE_STACK)
        .spawn(move || {
            panic::catch_unwind(AssertUnwindSafe(|| run_case(&text))).unwrap_or_else(|p| Err(panic_failure(p)))
        })
        .expect("a thread for the case")
        .join()
        .expect("the case thread catches its panics")
}

/// Fields of a result line, without tabs or line breaks.
fn escape(field: &str) -> String {
    field.replace('\\', "\\\\").replace('\n', "\\n").replace('\t', "\\t")
}

fn unescape(field: &str) -> String {
    let mut out = String::new();
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        out.push(match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                other => other.unwrap_or('\\'),
            },
            (c, false) => c,
        });
    }
    out
}

fn encode(result: &Result<Stage, Failure>) -> String {
    let fields: Vec<&str> = match result {
        Ok(Stage::Load(m)) => vec!["load", m],
        Ok(Stage::Compile(m)) => vec!["compile", m],
        Ok(Stage::Run(m)) => vec!["run", m],
        Err(Failure::Panic {
            message,
            location,
            backtrace,
        }) => vec!["panic", message, location, backtrace],
        Err(Failure::Diagnostic { stage, problem, detail }) => vec!["diagnostic", stage, problem, detail],
        Err(_) => unreachable!("only the test reports hangs and crashes"),
    };
    let fields: Vec<String> = fields.into_iter().map(escape).collect();
    format!("{RESULT}{}", fields.join("\t"))
}

fn decode(line: &str) -> Result<Stage, Failure> {
    let fields: Vec<String> = line.trim_end().split('\t').map(unescape).collect();
    let field = |i: usize| fields.get(i).cloned().unwrap_or_default();
    match fields[0].as_str() {
        "load" => Ok(Stage::Load(field(1))),
        "compile" => Ok(Stage::Compile(field(1))),
        "run" => Ok(Stage::Run(field(1))),
        "panic" => Err(Failure::Panic {
            message: field(1),
            location: field(2),
            backtrace: field(3),
        }),
        _ => Err(Failure::Diagnostic {
            stage: field(1),
            problem: field(2),
            detail: field(3),
        }),
    }
}

/// Not a test of its own: in a worker process (started by [`Worker::start`]), reads cases
/// from stdin (a length, then the text) and writes one result line for each to stdout.
#[test]
fn case_worker_process() {
    if std::env::var_os(WORKER_ENV).is_none() {
        return;
    }
    let mut input = std::io::stdin().lock();
    let mut length = [0u8; 8];
    while input.read_exact(&mut length).is_ok() {
        let mut text = vec![0; u64::from_le_bytes(length) as usize];
        input.read_exact(&mut text).expect("a whole case");
        let result = run_caught(String::from_utf8(text).expect("a text"));
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", encode(&result)).expect("the test reads results");
        out.flush().expect("the test reads results");
    }
}

/// A worker process, and what it has written.
struct Worker {
    child: Child,
    input: ChildStdin,
    results: mpsc::Receiver<String>,
    /// The end of its stderr.
    output: Arc<Mutex<String>>,
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    fn start() -> Worker {
        let mut child = Command::new(std::env::current_exe().expect("the test binary"))
            .args([
                "case_worker_process",
                "--exact",
                "--nocapture",
                "--test-threads=1",
                "-q",
            ])
            .env(WORKER_ENV, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("a worker process");
        let input = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut stderr = child.stderr.take().expect("piped stderr");
        let (sender, results) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(result) = line.strip_prefix(RESULT)
                    && sender.send(result.to_string()).is_err()
                {
                    break;
                }
            }
        });
        let output = Arc::new(Mutex::new(String::new()));
        let tail = Arc::clone(&output);
        let stderr_reader = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buffer) {
                let mut tail = tail.lock().expect("stderr tail");
                tail.push_str(&String::from_utf8_lossy(&buffer[..n]));
                if tail.len() > 16_384 {
                    let cut = tail.ceil_char_boundary(tail.len() - 8_192);
                    tail.drain(..cut);
                }
            }
        });
        Worker {
            child,
            input,
            results,
            output,
            stderr_reader: Some(stderr_reader),
        }
    }

    /// Resident memory of the worker, where `/proc` tells.
    fn memory(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Runs a case; `Err` with the worker's end when it had to be stopped or died.
    fn run(&mut self, text: &str) -> Result<Result<Stage, Failure>, Failure> {
        let mut message = (text.len() as u64).to_le_bytes().to_vec();
        message.extend_from_slice(text.as_bytes());
        let sent = self.input.write_all(&message).and_then(|()| self.input.flush());
        let started = Instant::now();
        loop {
            if sent.is_err() {
                return Err(self.died());
            }
            match self.results.recv_timeout(Duration::from_millis(20)) {
                Ok(line) => return Ok(decode(&line)),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(self.died()),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if started.elapsed() > CASE_TIMEOUT {
                        return Err(Failure::Hang);
                    }
                    if self.memory().is_some_and(|m| m > MEMORY_LIMIT) {
                        return Err(Failure::Memory);
                    }
                }
            }
        }
    }

    /// How the worker ended, with the end of what it wrote to stderr.
    fn died(&mut self) -> Failure {
        let status = self.child.wait().map_or_else(|e| e.to_string(), |s| s.to_string());
        if let Some(reader) = self.stderr_reader.take() {
            let _ = reader.join();
        }
        let output = self.output.lock().expect("stderr tail").clone();
        // Keep the message and sim's frames, not the frames of std and of the test harness.
        let lines: Vec<&str> = output
            .lines()
            .filter(|l| !l.trim_start().starts_with("at /rustc/") && !l.contains("note: Some details"))
            .take(40)
            .collect();
        Failure::Crash {
            status,
            output: lines.join("\n"),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Stops this worker only (by its handle); it also exits by itself when its stdin closes.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

thread_local! {
    /// Each test thread's worker, started on first use and again after it dies.
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// Runs one case in this thread's worker process.
fn check(text: &str) -> Result<Stage, Failure> {
    WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        let worker = slot.get_or_insert_with(Worker::start);
        match worker.run(text) {
            Ok(result) => result,
            Err(end) => {
                // A hung, bloated or dead worker is stopped and replaced by the next case.
                *slot = None;
                Err(end)
            }
        }
    })
}

// ---------------------------------------------------------------------------------------
// Minimizing a failing text

/// `units` without the ones whose removal keeps `fails` true, removing halves, then
/// quarters, ... down to single units.
fn shrink_units(mut units: Vec<String>, fails: &mut dyn FnMut(&str) -> bool, budget: &mut usize) -> Vec<String> {
    let mut chunk = units.len().div_ceil(2).max(1);
    loop {
        let mut removed = false;
        let mut i = 0;
        while i < units.len() && *budget > 0 {
            let end = (i + chunk).min(units.len());
            let candidate: String = units[..i].iter().chain(&units[end..]).map(String::as_str).collect();
            *budget -= 1;
            if fails(&candidate) {
                units.drain(i..end);
                removed = true;
            } else {
                i += chunk;
            }
        }
        if *budget == 0 || (chunk == 1 && !removed) {
            return units;
        }
        chunk = (chunk / 2).max(1);
    }
}

/// A smaller text that fails the same way, by dropping lines and then characters.
fn minimize(text: &str, failure: &Failure) -> String {
    if *failure == Failure::Hang {
        // Every attempt could take the whole timeout.
        return text.to_string();
    }
    let signature = failure.signature();
    let started = Instant::now();
    let mut fails =
        |t: &str| started.elapsed() < MINIMIZE_TIME && check(t).err().is_some_and(|f| f.signature() == signature);
    let mut budget = 10_000;
    let lines = text.split_inclusive('\n').map(str::to_string).collect();
    let text: String = shrink_units(lines, &mut fails, &mut budget).concat();
    let chars = text.chars().map(String::from).collect();
    shrink_units(chars, &mut fails, &mut budget).concat()
}

// ---------------------------------------------------------------------------------------
// Running a strategy

#[derive(Default)]
struct Tally {
    cases: u32,
    loaded_not: u32,
    compiled_not: u32,
    ran: u32,
    slowest: Duration,
    slowest_text: String,
    /// How many cases ended with each kind of message.
    gists: BTreeMap<String, u32>,
}

impl Tally {
    fn record(&mut self, stage: &Stage, took: Duration, text: &str) {
        self.cases += 1;
        match stage {
            Stage::Load(_) => self.loaded_not += 1,
            Stage::Compile(_) => self.compiled_not += 1,
            Stage::Run(_) => self.ran += 1,
        }
        if took > self.slowest {
            self.slowest = took;
            self.slowest_text = text.to_string();
        }
        *self.gists.entry(stage.gist()).or_default() += 1;
    }

    fn summary(&self, name: &str, took: Duration) -> String {
        let mut gists: Vec<(&String, &u32)> = self.gists.iter().collect();
        gists.sort_by_key(|(g, n)| (std::cmp::Reverse(**n), *g));
        let common: Vec<String> = gists.iter().take(6).map(|(g, n)| format!("    {n:>5}  {g}")).collect();
        let mut summary = format!(
            "{name}: {} cases in {took:.1?}: {} load errors, {} compile errors, {} runs; slowest case {:.1?}\n{}",
            self.cases,
            self.loaded_not,
            self.compiled_not,
            self.ran,
            self.slowest,
            common.join("\n")
        );
        if self.slowest > Duration::from_secs(1) {
            summary.push_str(&format!("\nthe slowest case:\n{}", self.slowest_text));
        }
        summary
    }
}

/// A failure as reported: what happened, a minimized text, the text it came from.
fn report(name: &str, failure: &Failure, text: &str) -> String {
    let small = minimize(text, failure);
    let mut report = format!(
        "{name}: sim {}\n\nminimized scenario text ({} bytes):\n{small}\n\nthe case it was minimized from:\n{text}\n",
        failure.headline(),
        small.len()
    );
    if let Failure::Panic { backtrace, .. } = failure {
        report.push_str(&format!("\nbacktrace in sim:\n{backtrace}\n"));
    }
    report
}

/// Runs `cases` cases of `strategy`, each rendered to a scenario text by `render`.
///
/// `ROBUSTNESS_SCALE=10` runs ten times as many cases, `ROBUSTNESS_SEED=7` other ones (the
/// default is a fixed seed per test). `ROBUSTNESS_EXPLORE=1` goes on after a failure and
/// reports one minimized text for each different failure at the end, instead of the first
/// failure shrunk by proptest.
fn fuzz<S: Strategy>(name: &str, cases: u32, strategy: S, render: impl Fn(&S::Value) -> String) -> Tally {
    let scale = std::env::var("ROBUSTNESS_SCALE")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
        .unwrap_or(1);
    let seed = std::env::var("ROBUSTNESS_SEED").map_or(0, |s| fnv(s.as_bytes()));
    let explore = std::env::var_os("ROBUSTNESS_EXPLORE").is_some();
    let config = Config {
        cases: cases.saturating_mul(scale.max(1)),
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(fnv(name.as_bytes()) ^ seed),
        max_shrink_iters: 1_024,
        max_shrink_time: 20_000,
        max_local_rejects: 65_536,
        max_global_rejects: 1_024,
        fork: false,
        timeout: 0,
        verbose: 0,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let tally = RefCell::new(Tally::default());
    let found: RefCell<BTreeMap<String, (Failure, String)>> = RefCell::default();
    let started = Instant::now();
    let result = runner.run(&strategy, |value| {
        let text = render(&value);
        let begun = Instant::now();
        match check(&text) {
            Ok(stage) => tally.borrow_mut().record(&stage, begun.elapsed(), &text),
            Err(failure) if explore => {
                found.borrow_mut().entry(failure.signature()).or_insert((failure, text));
            }
            Err(failure) => return Err(TestCaseError::fail(failure.headline())),
        }
        Ok(())
    });
    let tally = tally.into_inner();
    eprintln!("{}", tally.summary(name, started.elapsed()));
    let found = found.into_inner();
    if !found.is_empty() {
        let reports: Vec<String> = found.values().map(|(f, text)| report(name, f, text)).collect();
        panic!("{} different failures:\n\n{}", reports.len(), reports.join("\n\n"));
    }
    match result {
        Ok(()) => tally,
        Err(TestError::Abort(reason)) => panic!("{name}: proptest gave up: {reason}"),
        Err(TestError::Fail(_, value)) => {
            let text = render(&value);
            match check(&text) {
                Err(failure) => panic!("{}", report(name, &failure, &text)),
                Ok(stage) => panic!("{name}: a case failed once, then passed ({stage:?}):\n{text}"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The seed corpus and its mutations

fn seeds() -> &'static [String] {
    static SEEDS: OnceLock<Vec<String>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let files = scenario_files(&repo().join("scenarios"));
        let texts: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("readable scenario"))
            .collect();
        assert!(
            texts.len() >= 10,
            "expected the scenarios as a seed corpus, found {}",
            texts.len()
        );
        texts
    })
}

/// Byte ranges of the RON string literals, operation names and numbers of a scenario text
/// (a rough scan that skips comments; good enough for the seeds).
#[derive(Default)]
struct Landmarks {
    strings: Vec<Range<usize>>,
    operations: Vec<Range<usize>>,
    numbers: Vec<Range<usize>>,
}

fn landmarks(text: &str) -> Landmarks {
    let bytes = text.as_bytes();
    let mut marks = Landmarks::default();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if bytes[i..].starts_with(b"//") {
            i = bytes[i..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |n| i + n);
        } else if c == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            marks.strings.push(start..i);
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            if operation_names().contains(&&text[start..i]) {
                marks.operations.push(start..i);
            }
        } else if c.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.' || bytes[i] == b'_') {
                i += 1;
            }
            marks.numbers.push(start..i);
        } else {
            i += 1;
        }
    }
    marks
}

fn operation_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| sim::scenario::OPERATIONS.iter().map(|o| o.name).collect())
}

/// The byte offset of character `index` (or of the end).
fn char_offset(text: &str, index: usize) -> usize {
    text.char_indices().nth(index).map_or(text.len(), |(i, _)| i)
}

/// Closes what a prefix of a scenario left open: a string or comment, then brackets.
fn close_open(prefix: &str) -> String {
    let mut stack = Vec::new();
    let mut chars = prefix.chars().peekable();
    let mut in_string = false;
    let mut in_line_comment = false;
    let mut in_block_comment = false;
    while let Some(c) = chars.next() {
        if in_line_comment {
            in_line_comment = c != '\n';
        } else if in_block_comment {
            if c == '*' && chars.peek() == Some(&'/') {
                chars.next();
                in_block_comment = false;
            }
        } else if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                '/' if chars.peek() == Some(&'/') => in_line_comment = true,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    in_block_comment = true;
                }
                '(' => stack.push(')'),
                '[' => stack.push(']'),
                '{' => stack.push('}'),
                ')' | ']' | '}' => {
                    stack.pop();
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    if in_line_comment {
        out.push('\n');
    }
    if in_block_comment {
        out.push_str("*/");
    }
    if in_string {
        if prefix.ends_with('\\') {
            out.push('\\');
        }
        out.push('"');
    }
    out.extend(stack.iter().rev());
    out
}

fn ron_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `s` as a RON string literal.
fn q(s: &str) -> String {
    format!("\"{}\"", ron_escape(s))
}

#[derive(Clone, Debug)]
enum Edit {
    /// Removes `len` characters.
    Delete {
        at: Index,
        len: usize,
    },
    Insert {
        at: Index,
        token: String,
    },
    DeleteLine {
        line: Index,
    },
    DuplicateLine {
        line: Index,
    },
    SwapLines {
        a: Index,
        b: Index,
    },
    MoveLine {
        from: Index,
        to: Index,
    },
    /// Cuts the text, and with `close`, closes what was left open.
    Truncate {
        at: Index,
        close: bool,
    },
    /// Replaces a string literal with an expression, written in one of the string forms.
    ReplaceString {
        which: Index,
        expr: String,
        form: Form,
    },
    /// Writes a string literal in another form, with the same contents.
    Rewrite {
        which: Index,
        form: Form,
    },
    /// `\r\n` line ends, a byte order mark, tabs for indentation.
    Whitespace {
        crlf: bool,
        bom: bool,
        tabs: bool,
    },
    SwapOperation {
        which: Index,
        name: String,
    },
    ReplaceNumber {
        which: Index,
        number: String,
    },
}

impl Edit {
    fn apply(&self, text: &mut String) {
        match self {
            Edit::Delete { at, len } => {
                let n = text.chars().count();
                let start = at.index(n + 1);
                let (a, b) = (char_offset(text, start), char_offset(text, start + len));
                text.replace_range(a..b, "");
            }
            Edit::Insert { at, token } => {
                let at = char_offset(text, at.index(text.chars().count() + 1));
                text.insert_str(at, token);
            }
            Edit::DeleteLine { line } => edit_lines(text, |lines| {
                lines.remove(line.index(lines.len()));
            }),
            Edit::DuplicateLine { line } => edit_lines(text, |lines| {
                let i = line.index(lines.len());
                lines.insert(i, lines[i].clone());
            }),
            Edit::SwapLines { a, b } => edit_lines(text, |lines| {
                let n = lines.len();
                lines.swap(a.index(n), b.index(n));
            }),
            Edit::MoveLine { from, to } => edit_lines(text, |lines| {
                let line = lines.remove(from.index(lines.len()));
                lines.insert(to.index(lines.len() + 1), line);
            }),
            Edit::Truncate { at, close } => {
                let cut = char_offset(text, at.index(text.chars().count() + 1));
                text.truncate(cut);
                if *close {
                    let closing = close_open(text);
                    text.push_str(&closing);
                }
            }
            Edit::ReplaceString { which, expr, form } => {
                let strings = landmarks(text).strings;
                if !strings.is_empty() {
                    text.replace_range(strings[which.index(strings.len())].clone(), &form.write(expr));
                }
            }
            Edit::Rewrite { which, form } => {
                let strings = landmarks(text).strings;
                if !strings.is_empty() {
                    let range = strings[which.index(strings.len())].clone();
                    let contents = unquote(&text[range.clone()]);
                    text.replace_range(range, &form.write(&contents));
                }
            }
            Edit::Whitespace { crlf, bom, tabs } => {
                if *tabs {
                    *text = text.replace("    ", "\t");
                }
                if *crlf {
                    *text = text.replace('\n', "\r\n");
                }
                if *bom {
                    text.insert(0, '\u{feff}');
                }
            }
            Edit::SwapOperation { which, name } => {
                let operations = landmarks(text).operations;
                if !operations.is_empty() {
                    text.replace_range(operations[which.index(operations.len())].clone(), name);
                }
            }
            Edit::ReplaceNumber { which, number } => {
                let numbers = landmarks(text).numbers;
                if !numbers.is_empty() {
                    text.replace_range(numbers[which.index(numbers.len())].clone(), number);
                }
            }
        }
    }
}

/// How a string literal is written.
#[derive(Clone, Copy, Debug)]
enum Form {
    Plain,
    /// `r#"..."#`.
    Raw,
    /// Punctuation and spaces as `\u{..}`.
    EscapedSymbols,
    /// Every character as `\u{..}`.
    EscapedAll,
    /// ASCII as `\x..`, the rest as `\u{..}`.
    Hex,
}

impl Form {
    fn write(self, contents: &str) -> String {
        let escaped = |escape: &dyn Fn(char) -> bool| {
            let body: String = contents
                .chars()
                .map(|c| match c {
                    c if escape(c) => format!("\\u{{{:x}}}", c as u32),
                    '"' => "\\\"".to_string(),
                    '\\' => "\\\\".to_string(),
                    c => c.to_string(),
                })
                .collect();
            format!("\"{body}\"")
        };
        match self {
            Form::Plain => q(contents),
            Form::Raw => format!("r#\"{contents}\"#"),
            Form::EscapedSymbols => escaped(&|c| !c.is_alphanumeric()),
            Form::EscapedAll => escaped(&|_| true),
            Form::Hex => {
                let body: String = contents
                    .chars()
                    .map(|c| {
                        if c.is_ascii() {
                            format!("\\x{:02x}", c as u32)
                        } else {
                            format!("\\u{{{:x}}}", c as u32)
                        }
                    })
                    .collect();
                format!("\"{body}\"")
            }
        }
    }
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        3 => Just(Form::Plain),
        1 => Just(Form::Raw),
        1 => Just(Form::EscapedSymbols),
        1 => Just(Form::EscapedAll),
        1 => Just(Form::Hex),
    ]
}

/// The contents of a plain string literal of the seeds (which escape only `"` and `\`).
fn unquote(literal: &str) -> String {
    let inner = literal.strip_prefix('"').unwrap_or(literal);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    inner.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// Applies `f` to the lines of `text` (each with its line break), if there are any.
fn edit_lines(text: &mut String, f: impl FnOnce(&mut Vec<String>)) {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if lines.is_empty() {
        return;
    }
    if !lines[lines.len() - 1].ends_with('\n') {
        let last = lines.len() - 1;
        lines[last].push('\n');
    }
    f(&mut lines);
    *text = lines.concat();
}

/// A seed scenario and the edits made to it.
#[derive(Clone, Debug)]
struct Mutant {
    seed: Index,
    edits: Vec<Edit>,
}

impl Mutant {
    fn render(&self) -> String {
        let mut text = self.seed.get(seeds()).clone();
        for edit in &self.edits {
            edit.apply(&mut text);
        }
        text
    }
}

fn mutants(edit: impl Strategy<Value = Edit>, edits: Range<usize>) -> impl Strategy<Value = Mutant> {
    (any::<Index>(), vec(edit, edits)).prop_map(|(seed, edits)| Mutant { seed, edits })
}

// ---------------------------------------------------------------------------------------
// Tokens and Python-ish expressions

/// Awkward things to insert: RON and Python punctuation, keywords, names, odd characters.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "(", ")", "[", "]", "{", "}", "\"", "'", ",", ":", ";", ".", "\\", "\\\"", "\\n", "\\u{0}", "\\x", "\\u{110000}",
    "r#\"", "\"#", "r\"", "//", "/*", "*/", "#", "*", "**", "*x", "**x", "=", "==", ":=", "->", "@", "@x ", "...", "+",
    "-", "~", "%", "/", "//", "<<", ">>", "&", "|", "^", "<", ">=", "!=", " ", "\n", "\t", "\r", "\r\n", "\u{0}",
    "\u{feff}", "\u{202e}", "é", "e\u{301}", "ǅ", "😀", "日本", "\u{10ffff}", "𝔵", "yield", "yield from", "await",
    "async ", "lambda", "lambda: ", "lambda x: ", "if", "else", "elif", "for", "in", "not", "is", "and", "or", "def",
    "class", "return", "global", "nonlocal", "del", "pass", "break", "continue", "try", "except", "finally", "raise",
    "with", "as", "from", "import", "while", "None", "True", "False", "true", "false", "self", "super()", "Some(",
    "None", "()", "[]", "{}", "\"\"", "\"x\"", "\"x\": ", "x", "i", "lock", "q", "t", "threading",
    "threading.Thread(target=", "time.sleep(", "queue.Queue(", "Lock", "RLock", "Condition", "Event", "Semaphore",
    "Barrier", "Queue", "Scenario(", "main:", "main: [", "name:", "globals:", "objects:", "functions:", "classes:",
    "expect:", "invariants:", "max_steps:", "max_steps: 0", "description:", "max_steps: 18446744073709551615",
    "max_steps: -1", "1e999", "-1e999", "1e-999", "inf", "-inf", "NaN", "0x", "0b", "0o", "0x7fffffffffffffff",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999999999999", "1_000",
    "1__0", "1.", ".5", "1e", "1j", "007", "{x}", "{x!r}", "{x:>{y}}", "{x=}", "{", "}}", "{{", "{}", "{!}", "{:}",
    "f'", "f\"", "b'", "rb'", "'''", "\"\"\"",
];

/// Whitespace-separated words as a list.
fn words(text: &'static str) -> Vec<&'static str> {
    text.split_whitespace().collect()
}

/// Names every generated scenario defines (globals, objects, functions, a class), and
/// built-ins and modules.
const KNOWN_NAMES: &str = "x y a b c d e counter items lock rlock cond sem event q barrier f0 f1 f2 gen co t0 timer
    Worker Box
    len range print sorted list dict set tuple str int float bool min max sum abs any all enumerate zip map filter
    repr iter next isinstance type id hash divmod pow chr ord reversed callable hasattr object super threading time
    queue math functools asyncio Exception ValueError KeyError TypeError IndexError RuntimeError StopIteration
    ZeroDivisionError AssertionError BaseException SystemExit TimeoutError GeneratorExit NotImplementedError";

/// Names of the seed scenarios, and some no scenario defines.
const OTHER_NAMES: &str = "i n t item buffer threads shared_resource producers consumers forks N self getattr
    inspect undefined __name__ _";

const CALLEES: &str = "len range print sorted list dict set tuple str int float bool min max sum abs any all
    enumerate zip map filter repr iter next divmod pow chr ord reversed hash isinstance f0 f1 f2 Worker Exception
    ValueError threading.Thread threading.Lock threading.RLock threading.Condition threading.Semaphore
    threading.BoundedSemaphore threading.Event threading.Barrier threading.Timer threading.current_thread
    threading.get_ident threading.active_count threading.main_thread queue.Queue queue.LifoQueue queue.PriorityQueue
    time.sleep time.monotonic time.time time.perf_counter math.sqrt math.floor functools.wraps";

const WILD_CALLEES: &str = "super asyncio.sleep asyncio.run asyncio.gather inspect.isgenerator getattr open";

const METHODS: &str = "append pop insert remove extend index count sort reverse copy clear keys values items get
    update popitem add discard upper lower strip format startswith join zfill acquire release locked wait wait_for
    notify notify_all set is_set put get_nowait put_nowait task_done qsize empty full start run is_alive cancel abort
    reset send throw close __enter__ __exit__ __init__ __next__";

const KNOWN_ATTRIBUTES: &str = "t0.name t0.daemon t0.ident timer.name barrier.parties barrier.n_waiting
    barrier.broken q.maxsize math.pi queue.Empty queue.Full threading.Thread x.real";

const ATTRIBUTES: &str = "name daemon ident parties n_waiting broken maxsize real a __class__ __name__ args value
    Empty Full pi";

/// Method calls that fit the objects and globals of the scratch scenarios; each `{}` is an
/// expression.
#[rustfmt::skip]
const METHOD_CALLS: &[&str] = &[
    "lock.acquire()", "lock.acquire(False)", "lock.acquire(timeout={})", "lock.release()", "lock.locked()",
    "rlock.acquire()", "rlock.release()", "cond.acquire()", "cond.release()", "cond.wait(0.5)",
    "cond.wait_for(lambda: {}, 1)", "cond.notify()", "cond.notify({})", "cond.notify_all()", "sem.acquire()",
    "sem.acquire(blocking={})", "sem.release()", "event.set()", "event.clear()", "event.is_set()", "event.wait({})",
    "q.put({})", "q.put({}, timeout=1)", "q.get()", "q.get(timeout={})", "q.get_nowait()", "q.put_nowait({})",
    "q.task_done()", "q.qsize()", "q.empty()", "q.full()", "q.join()", "barrier.wait()", "barrier.wait({})",
    "barrier.abort()", "barrier.reset()", "items.append({})", "items.pop()", "items.pop({})", "items.insert(0, {})",
    "items.remove({})", "items.extend({})", "items.index({})", "items.count({})", "items.sort()", "items.reverse()",
    "items.copy()", "items.clear()", "y.append({})", "d.keys()", "d.values()", "d.items()", "d.get({})",
    "d.get({}, {})", "d.update({})", "d.pop({}, None)", "d.copy()", "t0.is_alive()", "t0.join(0.1)", "t0.start()",
    "timer.cancel()", "timer.is_alive()", "'abc'.upper()", "'x{{}}'.format({})", "', '.join({})", "str({}).zfill(5)",
    "threading.current_thread().name", "threading.get_ident()", "Worker({}).start()", "f0({}, {})", "f1(*{})",
    "f2(a={}, z={})", "list(gen({}))", "next(gen({}))", "sum(gen({}))", "gen({}).send(None)", "gen({}).throw(ValueError)",
    "gen({}).close()", "[v for v in gen({})]", "co({}).send(None)", "co({}).close()", "Box({})", "repr(Box({}))",
    "str(Box({}))", "len(Box({}))", "bool(Box({}))", "Box({}) == Box({})", "Box({}) < Box({})", "hash(Box({}))",
    "{Box({}): 1}", "sorted([Box({}), Box({})])", "list(Box({}))", "Box({})({})", "Box({})[{}]", "{} in Box({})",
    "Box({}) + {}", "f'{{Box({})}}'", "int(Box({}))", "Box({}).v", "'x'.zfill({})", "'x'.center({})", "'x'.ljust({})",
    "str({}).rjust({})", "list(range({}))", "sum(range({}))", "sorted(range({}))", "max(range({}))", "set(range({}))",
    "tuple(range({}))", "list(zip(range({})))", "[0] * {}", "'ab' * {}", "'{:>{}}'.format(1, {})", "f'{{1:>{{{}}}}}'",
    "f'{{1.5:.{{{}}}f}}'", "range({})[{}]", "len(range({}, {}))", "items * {}", "', '.join(map(str, range({})))",
];

/// Built-in functions and methods of literals, called with [`TRICKY`] arguments.
const NATIVES: &str = "abs all any ascii bin callable chr divmod enumerate filter format getattr hasattr hash hex id
    int float str bool list tuple dict set range slice isinstance issubclass iter len map max min next oct ord pow
    print repr reversed round sorted sum zip math.sqrt math.floor math.ceil math.isclose time.sleep
    'a,b'.split 'a b'.rsplit 'abc'.find 'abc'.rfind 'abc'.index 'abc'.rindex 'abc'.count 'abc'.replace
    'abc'.partition 'abc'.rpartition 'abc'.center 'abc'.ljust 'abc'.rjust 'abc'.zfill 'abc'.expandtabs
    'a\\tb'.expandtabs '{}'.format '{0}{x}'.format_map 'abc'.startswith 'abc'.endswith 'abc'.strip
    'abc'.removeprefix 'a\\nb'.splitlines 'abc'.join 'abc'.encode 'abc'.isdigit 'Ab'.swapcase 'abc'.title
    items.index items.insert items.pop items.count items.sort items.__getitem__ items.__setitem__
    d.get d.pop d.setdefault d.update d.popitem {1}.union {1}.difference {1}.issubset {1}.symmetric_difference";

/// Arguments that are often at the edge of what a built-in accepts.
#[rustfmt::skip]
const TRICKY: &[&str] = &[
    "0", "1", "-1", "2", "36", "37", "9223372036854775807", "-9223372036854775807 - 1", "2 ** 62", "1e999",
    "float('nan')", "-0.0", "0.5", "''", "'abc'", "'é😀'", "'\\x00'", "' '", "None", "True", "[]", "[1, 2]",
    "{}", "()", "range(3)", "range(-5)", "{1: 2}", "'0x1f'", "'1_0'", "' -7 '", "'{}'", "'%'", "x", "items", "d",
    "lock", "f0", "Box()", "gen(2)", "key=len", "reverse=True", "default=0", "sep=''", "end=None", "ndigits=-400",
    "base=0", "maxsplit=-1", "start=2 ** 62",
];

const KEYWORDS: &str = "target args name daemon timeout key reverse end maxsize blocking default start";

#[rustfmt::skip]
const NUMBERS: &[&str] = &[
    "0", "1", "2", "-1", "3", "10", "0.5", "0.0", "-0.0", "1e999", "-1e999", "1e-999", "1e308", "2.5e-3", "1_000_000",
    "9223372036854775807", "-9223372036854775807", "2 ** 63", "2 ** 62 * 2", "10 ** 18", "10 ** 100", "0x7fffffff",
    "0b101", "0o17", "100000000", "float('nan')", "float('inf')", "-float('inf')",
];

/// Literals the loader refuses.
#[rustfmt::skip]
const WILD_LITERALS: &[&str] = &[
    "9223372036854775808", "-9223372036854775808", "99999999999999999999999999999", "1j", "b'x'", "...", "1__0", "0x", "1e", "5.x", "'''",
    "f'{'", "'\\N{x}'", "u'x'", "0777",
];

#[rustfmt::skip]
const STRINGS: &[&str] = &[
    "''", "'a'", "'abc'", "'x' * 3", "'\\n'", "'é😀'", "'{}'", "'%s'", "r'\\d'", "\"q\"",
];

#[rustfmt::skip]
const BINARY: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@", "==", "!=", "<", "<=", ">", ">=", "in",
    "not in", "is", "is not", "and", "or",
];

#[rustfmt::skip]
const TARGETS: &[&str] = &[
    "x", "y", "a", "b", "c", "e", "counter", "items[0]", "items[-1]", "d['k']", "d[x]", "a, b", "(a, b)", "[a, *b]",
    "*a, b", "items[1:2]", "x.attr",
];

/// Whether expressions keep to names the scratch scenarios define and to syntax the
/// loader accepts (mostly), or go anywhere.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Tame,
    Wild,
}

fn leaf(flavor: Flavor) -> BoxedStrategy<String> {
    let tame = prop_oneof![
        6 => select(words(KNOWN_NAMES)).prop_map(str::to_string),
        3 => (-3i64..12).prop_map(|n| n.to_string()),
        2 => select(NUMBERS).prop_map(str::to_string),
        2 => select(STRINGS).prop_map(str::to_string),
        1 => select(&["True", "False", "None", "[]", "{}", "()", "set()", "[1, 2, 3]", "(1, 'a')"][..])
            .prop_map(str::to_string),
    ];
    match flavor {
        Flavor::Tame => tame.boxed(),
        Flavor::Wild => prop_oneof![
            6 => tame,
            2 => select(words(OTHER_NAMES)).prop_map(str::to_string),
            1 => select(WILD_LITERALS).prop_map(str::to_string),
            1 => select(&["f'{x}'", "f'{x!r:>{y}}'", "f'{x=}'", "f'{{'", "rb'x'", "'''a\nb'''"][..]).prop_map(str::to_string),
        ]
        .boxed(),
    }
}

/// Call arguments: positional ones, then keywords (in any order when wild), with `*` and
/// `**` unpacking.
fn arguments(sub: BoxedStrategy<String>, flavor: Flavor) -> BoxedStrategy<String> {
    let keyword = (select(words(KEYWORDS)), sub.clone()).prop_map(|(k, v)| format!("{k}={v}"));
    match flavor {
        Flavor::Tame => (vec(sub, 0..3), vec(keyword, 0..2))
            .prop_map(|(positional, keywords)| [positional, keywords].concat().join(", "))
            .boxed(),
        Flavor::Wild => {
            let arg = prop_oneof![
                5 => sub.clone(),
                2 => keyword,
                1 => sub.clone().prop_map(|v| format!("*{v}")),
                1 => sub.prop_map(|v| format!("**{v}")),
            ];
            vec(arg, 0..4).prop_map(|args| args.join(", ")).boxed()
        }
    }
}

/// A Python-ish expression, nested at most `depth` deep.
fn expr(depth: u32, flavor: Flavor) -> BoxedStrategy<String> {
    if depth == 0 {
        return leaf(flavor);
    }
    let sub = expr(depth - 1, flavor);
    let args = arguments(sub.clone(), flavor);
    let mut callees = words(CALLEES);
    if flavor == Flavor::Wild {
        callees.extend(words(WILD_CALLEES));
    }
    let receiver = prop_oneof![
        3 => select(words(KNOWN_NAMES)).prop_map(str::to_string),
        1 => sub.clone().prop_map(|r| format!("({r})")),
    ]
    .boxed();
    let common = prop_oneof![
        4 => leaf(flavor),
        4 => (sub.clone(), select(BINARY), sub.clone()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        1 => (select(&["-", "+", "~", "not "][..]), sub.clone()).prop_map(|(op, a)| format!("{op}{a}")),
        4 => (select(callees), args.clone()).prop_map(|(f, args)| format!("{f}({args})")),
        3 => (select(words(NATIVES)), vec(select(TRICKY), 0..4)).prop_map(|(f, args)| {
            // Keyword arguments go last.
            let (keywords, positional): (Vec<&str>, Vec<&str>) = args.into_iter().partition(|a| a.contains('='));
            format!("{f}({})", [positional, keywords].concat().join(", "))
        }),
        4 => (select(METHOD_CALLS), vec(sub.clone(), 3)).prop_map(|(template, values)| {
            let mut call = template.to_string();
            for value in values {
                call = call.replacen("{}", &value, 1);
            }
            call
        }),
        1 => select(words(KNOWN_ATTRIBUTES)).prop_map(str::to_string),
        1 => (receiver.clone(), sub.clone()).prop_map(|(r, i)| format!("{r}[{i}]")),
        1 => vec(sub.clone(), 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
        1 => vec(sub.clone(), 0..4).prop_map(|items| match items.len() {
            0 => "()".to_string(),
            _ => format!("({},)", items.join(", ")),
        }),
        1 => vec((sub.clone(), sub.clone()), 0..3).prop_map(|pairs| {
            let pairs: Vec<String> = pairs.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!("{{{}}}", pairs.join(", "))
        }),
        1 => (sub.clone(), select(&["v", "x", "_"][..]), sub.clone(), sub.clone())
            .prop_map(|(e, v, it, c)| format!("[{e} for {v} in {it} if ({c})]")),
        1 => (sub.clone(), sub.clone()).prop_map(|(e, it)| format!("sum({e} for _ in {it})")),
        1 => (select(&["", "v", "v, w=1", "*v", "**k"][..]), sub.clone())
            .prop_map(|(params, e)| format!("(lambda {params}: {e})")),
        1 => (sub.clone(), sub.clone(), sub.clone()).prop_map(|(a, c, b)| format!("{a} if {c} else {b}")),
        1 => sub.clone().prop_map(|e| format!("({e})")),
    ];
    match flavor {
        Flavor::Tame => common.boxed(),
        Flavor::Wild => {
            let templates = [
                "(yield {})",
                "(yield from {})",
                "await {}",
                "(x := {})",
                "*{}",
                "f'{{{}}}'",
                "f'{{{}!r:>4}}'",
                "{}[::-1]",
                "{}[1:2, 3]",
                "{{*{}}}",
                "{{**{}}}",
                "[*{}]",
                "({} for x in y for y in x)",
                "lambda: (yield {})",
                "{}.__class__.__mro__",
                "{} < {} <= 3",
            ];
            prop_oneof![
                6 => common,
                1 => (receiver.clone(), select(words(ATTRIBUTES))).prop_map(|(r, a)| format!("{r}.{a}")),
                2 => (receiver, select(words(METHODS)), args).prop_map(|(r, m, args)| format!("{r}.{m}({args})")),
                1 => vec(sub.clone(), 1..4).prop_map(|items| format!("{{{}}}", items.join(", "))),
                2 => (select(templates.to_vec()), sub).prop_map(|(template, e)| template.replace("{}", &e)),
            ]
            .boxed()
        }
    }
}

/// Insertions: single tokens, deep nesting, huge numbers, expressions and operations.
fn token() -> BoxedStrategy<String> {
    let nesting = (
        1usize..300,
        select(&["(", "[", "{", "f(", "[(", "-", "not ", "lambda: ", "Some("][..]),
    )
        .prop_map(|(n, open)| open.repeat(n));
    let balanced = (
        1usize..300,
        select(&[("(", ")"), ("[", "]"), ("{", "}"), ("[{", "}]")][..]),
    )
        .prop_map(|(n, (open, close))| format!("{}x{}", open.repeat(n), close.repeat(n)));
    prop_oneof![
        8 => select(TOKENS).prop_map(str::to_string),
        2 => select(operation_names().to_vec()).prop_map(|n| format!("{n}(")),
        1 => select(operation_names().to_vec()).prop_map(|n| format!("{n}, ")),
        1 => nesting,
        1 => balanced,
        1 => "[0-9]{19,40}",
        2 => expr(2, Flavor::Wild).prop_map(|e| format!("{}, ", q(&e))),
        1 => expr(2, Flavor::Wild),
        2 => statement(1, Flavor::Tame).prop_map(|s| format!("{s}, ")),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------
// Scenarios from scratch

const SYNC_OBJECTS: &[&str] = &["lock", "rlock", "cond", "sem", "event", "q", "barrier", "t0", "timer"];

fn body(depth: u32, flavor: Flavor) -> BoxedStrategy<String> {
    vec(statement(depth, flavor), 0..4)
        .prop_map(|items| format!("[{}]", items.join(", ")))
        .boxed()
}

/// An f-string body for `Print`.
fn format_text(flavor: Flavor) -> BoxedStrategy<String> {
    let specs = match flavor {
        Flavor::Tame => vec!["", "", "!r", "!s", ":>4", ":.2f", ":d", "="],
        Flavor::Wild => vec!["", "!r", ":{y}", ":{", "!", "!x", ":%", "=!r:^9", ":.999999999f"],
    };
    let piece = prop_oneof![
        2 => select(&["x = ", "done", " ", "é", "{{", "}}", "%d", "\\"][..]).prop_map(str::to_string),
        3 => (expr(1, flavor), select(specs))
            .prop_filter("no backslash in an f-string's expression", move |(e, _)| flavor == Flavor::Wild || !e.contains('\\'))
            .prop_map(|(e, spec)| {
                let space = if e.starts_with('{') { " " } else { "" };
                format!("{{{space}{e}{spec}}}")
            }),
    ];
    vec(piece, 0..4).prop_map(|pieces| pieces.concat()).boxed()
}

/// One operation (sometimes with the `Elif`/`Else`/`Except`/`Finally` that follow it),
/// as RON text. Bodies nest at most `depth` deep.
fn statement(depth: u32, flavor: Flavor) -> BoxedStrategy<String> {
    let e = expr(2, flavor);
    // The objects an operation applies to: the right kind when tame, anything when wild.
    let on = |tame: &'static str| match flavor {
        Flavor::Tame => select(words(tame)).prop_map(str::to_string).boxed(),
        Flavor::Wild => prop_oneof![3 => select(SYNC_OBJECTS).prop_map(str::to_string), 1 => expr(1, flavor)].boxed(),
    };
    let threads = on("t0 timer");
    let locks = on("lock rlock cond sem");
    let target = match flavor {
        Flavor::Tame => select(TARGETS).prop_map(str::to_string).boxed(),
        Flavor::Wild => prop_oneof![3 => select(TARGETS).prop_map(str::to_string), 1 => expr(1, flavor)].boxed(),
    };
    let mut times = vec!["0", "0.5", "1", "2", "0.001", "-1", "1e999", "\"None\"", "\"x\""];
    let mut counts = vec!["0", "1", "3", "-1", "\"2\"", "\"x\"", "1e999", "100000"];
    let mut signatures = vec![
        "g(c=1)",
        "async g()",
        "g(*a, **k)",
        "@f0 g()",
        "g(self)",
        "@functools.wraps(f0) g()",
    ];
    let mut others = vec!["Pass", "Pass()", "Global(\"x\", \"counter\")", "Global(\"items\")"];
    if flavor == Flavor::Wild {
        times.extend([
            "inf",
            "-inf",
            "NaN",
            "-0",
            "18446744073709551615",
            "\"\"",
            "[]",
            "Some(1)",
        ]);
        counts.extend(["\"n\"", "\"10 ** 10\"", "inf", "NaN", "true"]);
        signatures.extend([
            "g(c, c)",
            "g(*, x)",
            "g(**k, c)",
            "1g()",
            "g(",
            "lambda()",
            "@ g()",
            "async async g()",
        ]);
        others.extend([
            "Break",
            "Continue",
            "Return",
            "Raise",
            "Nonlocal(\"x\")",
            "Global(\"1x\")",
            "Global()",
        ]);
    }
    let time =
        prop_oneof![3 => select(times).prop_map(str::to_string), 1 => expr(1, flavor).prop_map(|t| q(&t))].boxed();
    let simple = prop_oneof![
        4 => format_text(flavor).prop_map(|t| format!("Print({})", q(&t))),
        1 => format_text(flavor).prop_map(|t| format!("Print(text: {}, end: \"\")", q(&t))),
        5 => (target.clone(), e.clone()).prop_map(|(t, v)| format!("Assign({}, {})", q(&t), q(&v))),
        4 => e.clone().prop_map(|v| format!("Do({})", q(&v))),
        1 => select(others).prop_map(str::to_string),
        1 => (e.clone(), e.clone()).prop_map(|(a, b)| format!("Raise({}, {})", q(&a), q(&b))),
        1 => e.clone().prop_map(|v| format!("Raise({})", q(&v))),
        2 => (e.clone(), e.clone()).prop_map(|(c, m)| format!("Assert({}, {})", q(&c), q(&m))),
        1 => target.clone().prop_map(|t| format!("Del({})", q(&t))),
        2 => threads.clone().prop_map(|o| format!("Start({})", q(&o))),
        2 => (threads.clone(), time.clone()).prop_map(|(o, t)| format!("Join({}, {t})", q(&o))),
        1 => (threads.clone(), time.clone()).prop_map(|(o, t)| format!("Join(thread: {}, timeout: {t})", q(&o))),
        2 => locks.clone().prop_map(|o| format!("Acquire({})", q(&o))),
        1 => (locks.clone(), time.clone()).prop_map(|(o, t)| format!("Acquire({}, {t})", q(&o))),
        2 => locks.clone().prop_map(|o| format!("Release({})", q(&o))),
        2 => (on("event cond barrier"), time.clone()).prop_map(|(o, t)| format!("Wait({}, {t})", q(&o))),
        1 => on("event cond barrier").prop_map(|o| format!("Wait({})", q(&o))),
        1 => on("event").prop_map(|o| format!("Set({})", q(&o))),
        1 => on("event").prop_map(|o| format!("Clear({})", q(&o))),
        1 => (on("cond"), time.clone()).prop_map(|(o, n)| format!("Notify({}, {n})", q(&o))),
        1 => on("cond").prop_map(|o| format!("NotifyAll({})", q(&o))),
        2 => (on("q"), e.clone()).prop_map(|(o, v)| format!("Put({}, {})", q(&o), q(&v))),
        2 => (on("q"), target.clone()).prop_map(|(o, t)| format!("Get({}, {})", q(&o), q(&t))),
        1 => on("q").prop_map(|o| format!("TaskDone({})", q(&o))),
        3 => time.clone().prop_map(|t| format!("Sleep({t})")),
        1 => on("timer").prop_map(|o| format!("Cancel({})", q(&o))),
    ]
    .boxed();
    if depth == 0 {
        return simple;
    }
    let b = body(depth - 1, flavor);
    let clauses = [
        "\"\", ",
        "\"ValueError\", ",
        "\"Exception as e\", ",
        "\"(KeyError, IndexError) as e\", ",
        "\"queue.Empty\", ",
        "\"x\", ",
    ];
    let items = [
        "lock",
        "rlock",
        "cond",
        "sem",
        "cond as c",
        "lock as x",
        "q",
        "x",
        "threading.Lock()",
    ];
    let compound = prop_oneof![
        3 => (e.clone(), b.clone()).prop_map(|(c, b)| format!("If({}, {b})", q(&c))),
        2 => (e.clone(), b.clone(), e.clone(), b.clone(), b.clone())
            .prop_map(|(c, b1, c2, b2, b3)| format!("If({}, {b1}), Elif({}, {b2}), Else({b3})", q(&c), q(&c2))),
        1 => (e.clone(), b.clone()).prop_map(|(c, b)| format!("While({}, {b})", q(&c))),
        1 => (e.clone(), b.clone()).prop_map(|(c, b)| {
            let b = append(&b, "If(\"x > 2\", [Break]), Assign(\"x\", \"x + 1\")");
            format!("While({}, {b})", q(&c))
        }),
        1 => (b.clone(), e.clone()).prop_map(|(b, v)| {
            let mut inner = "[Nonlocal(\"v\")]".to_string();
            if b != "[]" {
                inner = append(&inner, &b[1..b.len() - 1]);
            }
            let inner = append(&inner, &format!("Assign(\"v\", {})", q(&v)));
            format!("Assign(\"v\", \"0\"), Def(\"inner()\", {inner}), Do(\"inner()\")")
        }),
        1 => b.clone().prop_map(|b| format!("While(\"x < 3\", [Assign(\"x\", \"x + 1\"), Sleep(0.5)]), Else({b})")),
        3 => (target, e.clone(), b.clone()).prop_map(|(t, it, b)| format!("For({}, {}, {b})", q(&t), q(&it))),
        2 => (select(counts), b.clone()).prop_map(|(n, b)| format!("Repeat({n}, {b})")),
        2 => (b.clone(), select(clauses.to_vec()), b.clone(), b.clone())
            .prop_map(|(t, clause, h, f)| format!("Try({t}), Except({clause}{h}), Finally({f})")),
        1 => (b.clone(), b.clone(), b.clone())
            .prop_map(|(t, h, o)| format!("Try({t}), Except(\"BaseException\", {h}), Else({o})")),
        3 => (select(items.to_vec()), b.clone()).prop_map(|(item, b)| format!("With({}, {b})", q(item))),
        1 => (select(signatures), b).prop_map(|(sig, b)| format!("Def({}, {b})", q(sig))),
    ];
    prop_oneof![3 => simple, 2 => compound].boxed()
}

/// Special methods of the class `Box`, and what they may return.
#[rustfmt::skip]
const DUNDERS: &[&str] = &[
    "__repr__(self)", "__str__(self)", "__eq__(self, o)", "__lt__(self, o)", "__hash__(self)", "__len__(self)",
    "__bool__(self)", "__iter__(self)", "__next__(self)", "__enter__(self)", "__exit__(self, *exc)",
    "__call__(self, *args)", "__getitem__(self, k)", "__contains__(self, k)", "__add__(self, o)", "__del__(self)",
    "__index__(self)", "__int__(self)", "__format__(self, spec)", "__getattr__(self, name)", "__iadd__(self, o)",
    "__setattr__(self, name, value)", "__neg__(self)", "__await__(self)",
];

#[rustfmt::skip]
const SELF_EXPRS: &[&str] = &[
    "self.v", "repr(self)", "str(self)", "hash(self)", "len(self)", "bool(self)", "self", "iter(self)", "next(self)",
    "self()", "self[0]", "self.v + 1", "-1", "2 ** 63", "'x'", "None", "[self]", "1e999", "f'{self}'", "self.missing",
    "super().__repr__()", "self == self", "self in self", "iter([self.v])", "gen(self.v)", "(yield self.v)",
];

/// `body` (a RON list) with `item` at its end.
fn append(body: &str, item: &str) -> String {
    let open = body.strip_suffix(']').unwrap_or(body);
    let separator = if open.trim_end().ends_with('[') { "" } else { ", " };
    format!("{open}{separator}{item}]")
}

/// A whole scenario: shared state and objects, functions and a Thread subclass with random
/// bodies, and a main that starts threads and a timer, does random things and joins them.
fn scratch(flavor: Flavor) -> BoxedStrategy<String> {
    let signatures = [
        "f0(a=0, b=1)",
        "f1(a=0, *rest)",
        "f2(a=0, **kw)",
        "gen(n=2)",
        "async co(n=1)",
    ];
    let function = (body(2, flavor), prop::option::weighted(0.3, expr(1, flavor)));
    let functions = vec(function, signatures.len()).prop_map(move |functions| {
        let entries: Vec<String> = signatures
            .iter()
            .zip(functions)
            .map(|(sig, (mut body, returned))| {
                if sig.starts_with("gen") {
                    body = append(&body, "Do(\"(yield n)\")");
                }
                if let Some(r) = returned {
                    body = append(&body, &format!("Return({})", q(&r)));
                }
                format!("        {}: {body},", q(sig))
            })
            .collect();
        entries.join("\n")
    });
    let dunder = (
        select(DUNDERS),
        prop_oneof![2 => select(SELF_EXPRS).prop_map(str::to_string), 1 => expr(1, flavor)],
    );
    let dunders = vec(dunder, 0..6).prop_map(|methods| {
        let methods: BTreeMap<&str, String> = methods.into_iter().collect();
        let entries: Vec<String> = methods
            .iter()
            .map(|(sig, e)| format!("            {}: [Return({})],", q(sig), q(e)))
            .collect();
        entries.join("\n")
    });
    let threads = vec(
        (
            select(&["f0", "f1", "f2", "Worker"][..]),
            expr(1, flavor),
            select(&["", ", daemon=True", ", name='w'"][..]),
        ),
        0..3,
    );
    let checks = vec(expr(1, flavor), 0..2);
    (
        (functions, dunders),
        body(2, flavor),
        threads,
        vec(statement(2, flavor), 0..5),
        checks.clone(),
        checks,
        any::<bool>(),
    )
        .prop_map(|((functions, dunders), run, threads, main, expect, invariants, joins)| {
            let mut lines = vec![
                "Assign(\"t0\", \"threading.Thread(target=f0, args=(1,))\")".to_string(),
                "Assign(\"timer\", \"threading.Timer(0.5, f1, [2])\")".to_string(),
                "Start(\"t0\")".to_string(),
                "Start(\"timer\")".to_string(),
            ];
            for (i, (target, arg, extra)) in threads.iter().enumerate() {
                let make = if *target == "Worker" {
                    format!("Worker({arg})")
                } else {
                    format!("threading.Thread(target={target}, args=({arg},){extra})")
                };
                lines.push(format!("Assign(\"w{i}\", {})", q(&make)));
                lines.push(format!("Start(\"w{i}\")"));
            }
            lines.extend(main);
            if joins {
                lines.push("Join(\"t0\")".to_string());
                lines.push("Join(\"timer\")".to_string());
                lines.extend((0..threads.len()).map(|i| format!("Join(\"w{i}\")")));
            }
            let list = |items: &[String]| items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
            format!(
                r#"Scenario(
    name: "generated",
    globals: {{ "x": 0, "y": [], "a": 1, "b": 2, "c": 0, "e": None, "counter": 0, "items": [1, 2, 3], "d": {{ "k": 1 }} }},
    objects: {{
        "lock": Lock, "rlock": RLock, "cond": Condition, "event": Event,
        "sem": "threading.Semaphore(2)", "q": "queue.Queue(maxsize=2)", "barrier": "threading.Barrier(2, timeout=5)",
    }},
    functions: {{
{functions}
    }},
    classes: {{
        "Worker(threading.Thread)": {{
            "count": 0,
            "__init__(self, a=0)": [ Do("super().__init__()"), Assign("self.a", "a") ],
            "run(self)": {run},
        }},
        "Box": {{
            "v": 0,
            "__init__(self, v=0)": [ Assign("self.v", "v") ],
{dunders}
        }},
    }},
    main: [
        {main}
    ],
    expect: [ {expect} ],
    invariants: [ {invariants} ],
)
"#,
                main = lines.join(",\n        "),
                expect = list(&expect),
                invariants = list(&invariants),
            )
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------
// The tests

/// Texts that broke sim once (found by the tests below, minimized): each must now fail to
/// load or compile cleanly, or run to a verdict.
const FOUND: &[&str] = &[
    // A generator expression as an `expect` check.
    r#"Scenario(main: [], expect: ["(yield len)[1]"])"#,
    // A string padded to an impossible width.
    r#"Scenario(main: [Do("'x'.zfill(10 ** 18)")])"#,
    r#"Scenario(main: [Do("'x'.center(10 ** 18)")])"#,
    // A huge range made into a list.
    r#"Scenario(main: [Do("list(range(10 ** 9))")])"#,
    r#"Scenario(main: [Do("sum(range(10 ** 9))")])"#,
    // Every step starts a thread that then waits on an event: each step costs more.
    r#"Scenario(
    objects: { "event": Event },
    functions: { "spawn()": [ Do("threading.Thread(target=spawn).start()"), Wait("event") ] },
    main: [ Do("spawn()") ],
)"#,
];

#[test]
fn found_texts_are_handled() {
    let failures: Vec<String> = FOUND
        .iter()
        .filter_map(|text| check(text).err().map(|f| format!("sim {}\n{text}\n", f.headline())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} found texts still fail:\n\n{}",
        failures.len(),
        FOUND.len(),
        failures.join("\n")
    );
}

#[test]
fn seeds_run_cleanly() {
    for text in seeds() {
        let stage = check(text).unwrap_or_else(|f| panic!("{}\n{text}", f.headline()));
        assert!(
            matches!(stage, Stage::Run(_)),
            "a seed scenario should run: {stage:?}\n{text}"
        );
    }
}

#[test]
fn every_truncation_of_every_seed() {
    let started = Instant::now();
    let mut cases = 0;
    for text in seeds() {
        for (cut, _) in text.char_indices() {
            let prefix = &text[..cut];
            if let Err(f) = check(prefix) {
                panic!("truncation: sim {}\n\ntext:\n{}", f.headline(), minimize(prefix, &f));
            }
            cases += 1;
        }
    }
    eprintln!("every truncation: {cases} cases in {:.1?}", started.elapsed());
}

#[test]
fn deleted_characters() {
    let edit = (
        any::<Index>(),
        prop_oneof![8 => 1usize..4, 2 => 4usize..40, 1 => 40usize..400],
    )
        .prop_map(|(at, len)| Edit::Delete { at, len });
    fuzz("deletions", 600, mutants(edit, 1..5), Mutant::render);
}

#[test]
fn inserted_tokens() {
    let edit = (any::<Index>(), token()).prop_map(|(at, token)| Edit::Insert { at, token });
    fuzz("insertions", 800, mutants(edit, 1..5), Mutant::render);
}

#[test]
fn edited_lines() {
    let edit = prop_oneof![
        any::<Index>().prop_map(|line| Edit::DeleteLine { line }),
        any::<Index>().prop_map(|line| Edit::DuplicateLine { line }),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        (any::<Index>(), any::<Index>()).prop_map(|(from, to)| Edit::MoveLine { from, to }),
    ];
    fuzz("line edits", 500, mutants(edit, 1..5), Mutant::render);
}

#[test]
fn truncated_and_closed() {
    let edit = (any::<Index>(), any::<bool>()).prop_map(|(at, close)| Edit::Truncate { at, close });
    fuzz("truncations", 500, mutants(edit, 1..2), Mutant::render);
}

#[test]
fn replaced_expressions() {
    let expression = prop_oneof![expr(3, Flavor::Tame), expr(3, Flavor::Wild)];
    let edit =
        (any::<Index>(), expression, form()).prop_map(|(which, expr, form)| Edit::ReplaceString { which, expr, form });
    let tally = fuzz("expression replacements", 900, mutants(edit, 1..4), Mutant::render);
    assert!(tally.ran * 20 >= tally.cases, "too few mutants got to run");
}

#[test]
fn swapped_operations() {
    let names = prop_oneof![
        8 => select(operation_names().to_vec()).prop_map(str::to_string),
        1 => select(&["Prnt", "print", "Scenario", "Some", "None", "_", "Print2", "ASSIGN"][..]).prop_map(str::to_string),
    ];
    let edit = (any::<Index>(), names).prop_map(|(which, name)| Edit::SwapOperation { which, name });
    let tally = fuzz("operation swaps", 500, mutants(edit, 1..4), Mutant::render);
    assert!(tally.ran * 20 >= tally.cases, "too few mutants got to run");
}

#[test]
fn replaced_numbers() {
    let number = prop_oneof![
        select(NUMBERS).prop_map(str::to_string),
        select(
            &[
                "inf",
                "-inf",
                "NaN",
                "1e999",
                "-0",
                "0.0001",
                "18446744073709551615",
                "\"1\"",
                "true",
                "()",
                "[]"
            ][..]
        )
        .prop_map(str::to_string),
    ];
    let edit = (any::<Index>(), number).prop_map(|(which, number)| Edit::ReplaceNumber { which, number });
    fuzz("number replacements", 300, mutants(edit, 1..3), Mutant::render);
}

#[test]
fn rewritten_strings_and_whitespace() {
    let edit = prop_oneof![
        4 => (any::<Index>(), form()).prop_map(|(which, form)| Edit::Rewrite { which, form }),
        1 => (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(crlf, bom, tabs)| Edit::Whitespace { crlf, bom, tabs }),
        2 => (any::<Index>(), expr(2, Flavor::Wild), form()).prop_map(|(which, expr, form)| Edit::ReplaceString { which, expr, form }),
        2 => (any::<Index>(), token()).prop_map(|(at, token)| Edit::Insert { at, token }),
    ];
    let tally = fuzz("rewritten strings", 600, mutants(edit, 1..6), Mutant::render);
    assert!(tally.ran * 20 >= tally.cases, "too few mutants got to run");
}

#[test]
fn mixed_mutations() {
    let edit = prop_oneof![
        (any::<Index>(), 1usize..20).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<Index>(), token()).prop_map(|(at, token)| Edit::Insert { at, token }),
        any::<Index>().prop_map(|line| Edit::DuplicateLine { line }),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        (any::<Index>(), expr(2, Flavor::Wild), form()).prop_map(|(which, expr, form)| Edit::ReplaceString {
            which,
            expr,
            form
        }),
        (any::<Index>(), form()).prop_map(|(which, form)| Edit::Rewrite { which, form }),
        (any::<Index>(), select(operation_names().to_vec())).prop_map(|(which, name)| Edit::SwapOperation {
            which,
            name: name.to_string()
        }),
        (any::<Index>(), select(NUMBERS)).prop_map(|(which, n)| Edit::ReplaceNumber {
            which,
            number: n.to_string()
        }),
    ];
    fuzz("mixed mutations", 600, mutants(edit, 1..7), Mutant::render);
}

#[test]
fn scenarios_from_scratch() {
    let scenario = prop_oneof![5 => scratch(Flavor::Tame), 1 => scratch(Flavor::Wild)];
    let tally = fuzz("scratch scenarios", 1500, scenario, String::clone);
    assert!(tally.ran * 3 >= tally.cases, "too few generated scenarios got to run");
}
