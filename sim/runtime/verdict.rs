//! How a run ended.

use std::fmt;

use super::time::Time;

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Ok,
    AssertionFailed(AssertionFailure),
    Deadlock(Deadlock),
    UncaughtException {
        thread: String,
        main: bool,
        exception: String,
    },
    StepLimit {
        steps: u64,
        detail: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssertionFailure {
    /// `assert`, `expect` or `invariant`.
    pub kind: &'static str,
    pub text: String,
    /// `file:line:col`.
    pub location: String,
    pub thread: String,
    pub message: Option<String>,
    /// Names in the expression and their values (reprs).
    pub values: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deadlock {
    pub time: Time,
    /// Each blocked thread and what it waits for.
    pub blocked: Vec<(String, String)>,
    /// The wait-for cycle, when there is one: thread, what it waits for, next thread, ...
    pub cycle: Vec<String>,
    /// The pending asyncio tasks of the blocked threads' event loops, and what each awaits.
    pub tasks: Vec<(String, String)>,
}

impl Verdict {
    pub fn is_ok(&self) -> bool {
        matches!(self, Verdict::Ok)
    }

    /// The process exit code `sim run` uses: 1 for a failed run; an uncaught exception in
    /// another thread than the main one does not fail the run, as in Python.
    pub fn exit_code(&self) -> i32 {
        match self {
            Verdict::Ok | Verdict::UncaughtException { main: false, .. } => 0,
            _ => 1,
        }
    }

    /// Orders verdicts when a run meets several: the most serious is reported.
    pub fn rank(&self) -> u8 {
        match self {
            Verdict::Ok => 0,
            Verdict::UncaughtException { main: false, .. } => 1,
            Verdict::UncaughtException { main: true, .. } => 2,
            Verdict::AssertionFailed(_) => 3,
            Verdict::Deadlock(_) | Verdict::StepLimit { .. } => 4,
        }
    }

    /// One line: `ok`, `deadlock`, `assertion failed: ...`.
    pub fn headline(&self) -> String {
        match self {
            Verdict::Ok => "ok".to_string(),
            Verdict::AssertionFailed(a) => format!("assertion failed: {} `{}` at {}", a.kind, a.text, a.location),
            Verdict::Deadlock(d) if d.tasks.is_empty() => {
                format!("deadlock at {}: {} blocked", d.time, plural(d.blocked.len(), "thread"))
            }
            Verdict::Deadlock(d) => format!(
                "deadlock at {}: {} blocked, {} pending",
                d.time,
                plural(d.blocked.len(), "thread"),
                plural(d.tasks.len(), "task")
            ),
            Verdict::UncaughtException { thread, exception, .. } => {
                format!("uncaught exception in thread {thread}: {exception}")
            }
            Verdict::StepLimit { steps, .. } => format!("step limit exceeded after {steps} steps"),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl fmt::Display for Verdict {
    /// The full report: the headline, then details on indented lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "verdict: {}", self.headline())?;
        match self {
            Verdict::AssertionFailed(a) => {
                writeln!(f, "  in thread {}", a.thread)?;
                if let Some(m) = &a.message {
                    writeln!(f, "  message: {m}")?;
                }
                for (name, value) in &a.values {
                    writeln!(f, "  {name} = {value}")?;
                }
            }
            Verdict::Deadlock(d) => {
                for (thread, what) in &d.blocked {
                    writeln!(f, "  {thread} waits {what}")?;
                }
                for (task, what) in &d.tasks {
                    writeln!(f, "  task {task} {what}")?;
                }
                if !d.cycle.is_empty() {
                    writeln!(f, "  cycle: {}", d.cycle.join(" -> "))?;
                }
            }
            Verdict::StepLimit { detail, .. } => writeln!(f, "  {detail}")?,
            Verdict::Ok | Verdict::UncaughtException { .. } => {}
        }
        Ok(())
    }
}
