//! A run's verdict as structured data for machine-readable outputs (JSON events, Chrome
//! traces): its kind, its one-line message, and the details of each kind (for a deadlock,
//! every blocked thread and task and what it waits for).

use serde::Serialize;

use crate::runtime::Verdict;
use crate::runtime::time::Time;

/// Virtual time as seconds, the unit of every JSON output.
pub fn seconds(t: Time) -> f64 {
    t.0 as f64 / 1e9
}

/// A verdict, tagged by `kind`: `ok`, `assertion_failed`, `deadlock`,
/// `uncaught_exception` or `step_limit`; `message` is the verdict's headline.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VerdictData<'a> {
    Ok {
        message: String,
    },
    AssertionFailed {
        message: String,
        /// `assert`, `expect` or `invariant`.
        check: &'static str,
        text: &'a str,
        /// `file:line:col`.
        location: &'a str,
        thread: &'a str,
        /// The assertion's own message, if it has one.
        detail: Option<&'a str>,
        /// The names in the expression and their values (reprs).
        values: Vec<NamedValue<'a>>,
    },
    Deadlock {
        message: String,
        /// Virtual seconds.
        time: f64,
        blocked: Vec<Waiting<'a>>,
        /// The pending asyncio tasks of the blocked threads' event loops.
        tasks: Vec<Waiting<'a>>,
        /// The wait-for cycle, when there is one: thread, what it waits for, next thread, ...
        cycle: &'a [String],
    },
    UncaughtException {
        message: String,
        thread: &'a str,
        main: bool,
        exception: &'a str,
    },
    StepLimit {
        message: String,
        steps: u64,
        detail: &'a str,
    },
}

#[derive(Serialize)]
pub struct NamedValue<'a> {
    pub name: &'a str,
    pub value: &'a str,
}

/// A blocked thread or pending task (`who`) and what it waits for, in words.
#[derive(Serialize)]
pub struct Waiting<'a> {
    pub who: &'a str,
    pub waits: &'a str,
}

impl<'a> VerdictData<'a> {
    pub fn of(verdict: &'a Verdict) -> VerdictData<'a> {
        let message = verdict.headline();
        let waiting = |pairs: &'a [(String, String)]| {
            pairs
                .iter()
                .map(|(who, waits)| Waiting { who, waits })
                .collect::<Vec<_>>()
        };
        match verdict {
            Verdict::Ok => VerdictData::Ok { message },
            Verdict::AssertionFailed(a) => VerdictData::AssertionFailed {
                message,
                check: a.kind,
                text: &a.text,
                location: &a.location,
                thread: &a.thread,
                detail: a.message.as_deref(),
                values: a
                    .values
                    .iter()
                    .map(|(name, value)| NamedValue { name, value })
                    .collect(),
            },
            Verdict::Deadlock(d) => VerdictData::Deadlock {
                message,
                time: seconds(d.time),
                blocked: waiting(&d.blocked),
                tasks: waiting(&d.tasks),
                cycle: &d.cycle,
            },
            Verdict::UncaughtException {
                thread,
                main,
                exception,
            } => VerdictData::UncaughtException {
                message,
                thread,
                main: *main,
                exception,
            },
            Verdict::StepLimit { steps, detail } => VerdictData::StepLimit {
                message,
                steps: *steps,
                detail,
            },
        }
    }
}
