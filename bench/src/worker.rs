//! Running one loom or shuttle measurement in a child process of this binary: it keeps the
//! checkers' panic and failing-schedule messages off the terminal (the child's stderr is
//! collected and only shown when the child fails), gives every measurement a fresh process
//! as sim gets, and lets a search that runs too long be stopped.

use std::any::Any;
use std::io::Read;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::models::Model;
use crate::{models_loom, models_shuttle};

/// What one search did: how many executions it ran, how long it took (measured inside the
/// process, around the search only), and why it stopped early if it did.
#[derive(Clone, Debug)]
pub struct Measurement {
    pub executions: u64,
    pub elapsed_s: f64,
    pub aborted: Option<String>,
}

/// Executions started so far in this worker process.
static EXECUTIONS: AtomicUsize = AtomicUsize::new(0);
/// When the search started.
static STARTED: OnceLock<Instant> = OnceLock::new();
/// Whether the measurement has been printed (only the first report counts).
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Counts one execution: the first thing every execution closure does.
pub fn count_execution() {
    EXECUTIONS.fetch_add(1, Ordering::Relaxed);
}

/// Starts the search's clock.
pub fn start_clock() {
    STARTED.get_or_init(Instant::now);
}

/// The executions counted and the time spent since `start_clock`, now.
pub fn so_far(aborted: Option<String>) -> Measurement {
    Measurement {
        executions: EXECUTIONS.load(Ordering::Relaxed) as u64,
        elapsed_s: STARTED.get().map_or(0.0, |started| started.elapsed().as_secs_f64()),
        aborted,
    }
}

/// Prints `measurement` as the worker's result, unless a result was printed already;
/// returns whether it printed.
pub fn report(measurement: &Measurement) -> bool {
    if REPORTED.swap(true, Ordering::SeqCst) {
        return false;
    }
    let value = json!({
        "executions": measurement.executions,
        "elapsed_s": measurement.elapsed_s,
        "aborted": measurement.aborted,
    });
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{value}");
    let _ = stdout.flush();
    true
}

/// Which checker and search a worker runs.
#[derive(Clone, Copy, Debug)]
pub enum Job {
    LoomExhaustive,
    ShuttleDfs,
    ShuttleRandom(u64),
}

/// The text of a panic payload, on one line.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    let text = if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "panic".to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The worker's entry point: `sim-bench worker TIMEOUT_S JOB MODEL [RUNS]`. Prints the
/// measurement as one JSON object on stdout; a search still running after `TIMEOUT_S`
/// seconds is reported as it stands and the process exits.
pub fn main(args: &[String]) -> Result<(), String> {
    let usage = || "usage: sim-bench worker TIMEOUT_S loom|shuttle-dfs|shuttle-random MODEL [RUNS]".to_string();
    let [timeout_s, job, model, rest @ ..] = args else {
        return Err(usage());
    };
    let timeout_s: u64 = timeout_s.parse().map_err(|_| usage())?;
    let model = Model::from_name(model).ok_or_else(|| format!("unknown model `{model}`"))?;
    thread::spawn(move || {
        thread::sleep(Duration::from_secs(timeout_s));
        if report(&so_far(Some(format!("timeout: stopped after {timeout_s} s")))) {
            std::process::exit(0);
        }
    });
    let measurement = match (job.as_str(), rest) {
        ("loom", []) => models_loom::exhaustive(model),
        ("shuttle-dfs", []) => models_shuttle::exhaustive(model),
        ("shuttle-random", [runs]) => {
            let runs = runs.parse().map_err(|_| format!("`{runs}` is not a number of runs"))?;
            models_shuttle::random(model, runs)
        }
        _ => return Err(usage()),
    };
    report(&measurement);
    Ok(())
}

/// Runs `job` on `model` in a child process, which stops its search after `timeout`. The
/// child runs without `RUST_BACKTRACE`, so that the checkers' panics at failing executions
/// do not also measure capturing backtraces.
pub fn run(job: Job, model: Model, timeout: Duration) -> Result<Measurement, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
    let mut command = Command::new(exe);
    command.env_remove("RUST_BACKTRACE").env_remove("RUST_LIB_BACKTRACE");
    command.arg("worker").arg(timeout.as_secs().to_string());
    match job {
        Job::LoomExhaustive => command.arg("loom"),
        Job::ShuttleDfs => command.arg("shuttle-dfs"),
        Job::ShuttleRandom(_) => command.arg("shuttle-random"),
    };
    command.arg(model.name());
    if let Job::ShuttleRandom(runs) = job {
        command.arg(runs.to_string());
    }
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start a worker: {e}"))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        // A backstop: the worker stops itself at `timeout`.
        if started.elapsed() > timeout + Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timeout after {} s", timeout.as_secs()));
        }
        thread::sleep(Duration::from_millis(5));
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let parsed = stdout
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str::<Value>(line).ok());
    match parsed {
        // A worker whose search failed may die afterwards (loom aborts the process at a
        // deadlock): its report, printed at the failure, still stands.
        Some(value) if status.success() || !value["aborted"].is_null() => {
            let mut aborted = value["aborted"].as_str().map(str::to_string);
            if !status.success() {
                aborted = aborted.map(|why| format!("{why} [then the worker process died: {status}]"));
            }
            Ok(Measurement {
                executions: value["executions"].as_u64().unwrap_or(0),
                elapsed_s: value["elapsed_s"].as_f64().unwrap_or(f64::NAN),
                aborted,
            })
        }
        _ => {
            let tail: String = stderr.lines().rev().take(5).collect::<Vec<_>>().join(" | ");
            Err(format!("worker failed ({status}): {tail}"))
        }
    }
}

/// Reads a child's stream to the end on its own thread, so the child never blocks on a
/// full pipe.
fn drain(stream: Option<impl Read + Send + 'static>) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stream) = stream {
            let mut bytes = Vec::new();
            let _ = stream.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}
