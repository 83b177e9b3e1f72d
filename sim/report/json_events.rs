//! A run as JSON events, one object per line in the style of ripgrep's `--json`: a `step`
//! event per step (who, when, the operation, what it printed, what it left blocked, what
//! woke it), then one `summary` event (the verdict, exit code, steps, end time). Times are
//! virtual seconds as JSON numbers. The format is a contract: README's "JSON events"
//! documents it.

use serde::Serialize;

use super::verdict::{VerdictData, seconds};
use crate::runtime::{Outcome, StepEvent, Wake};

#[derive(Serialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
enum Event<'a> {
    Step(StepData<'a>),
    Summary(SummaryData<'a>),
}

#[derive(Serialize)]
struct StepData<'a> {
    step: u64,
    time: f64,
    actor: &'a str,
    /// `Task-2 (waiter)`, for a step that ran an asyncio task.
    task: Option<String>,
    operation: Option<&'a str>,
    /// `lock`, `event`, `queue`, `print`, `memory`, `task`, `loop`, ...
    kind: Option<&'static str>,
    object: Option<&'a str>,
    arguments: &'a [String],
    result: Option<&'a str>,
    note: Option<&'a str>,
    output: Option<&'a str>,
    error: Option<&'a str>,
    blocked_on: Option<String>,
    /// The threads this step left blocked besides what `blocked_on` says: others (it took
    /// what they were about to take), or its own thread when `blocked_on` is its task's.
    blocks: Vec<OtherBlocked<'a>>,
    /// `step` when an earlier step (`woken_by`) woke it, `timer` when its timeout or a
    /// timer did.
    wake: Option<&'static str>,
    woken_by: Option<u64>,
}

#[derive(Serialize)]
struct OtherBlocked<'a> {
    actor: &'a str,
    on: String,
}

#[derive(Serialize)]
struct SummaryData<'a> {
    verdict: VerdictData<'a>,
    exit_code: i32,
    steps: u64,
    end_time: f64,
}

/// The `step` event of one step (best with the operations described: the run's observer
/// should want ops).
pub fn step_json(event: &StepEvent<'_>) -> String {
    let op = event.op;
    let task_waits = event.task.is_some_and(|t| t.awaits.is_some());
    let data = StepData {
        step: event.index,
        time: seconds(event.time),
        actor: event.label,
        task: event.task.map(|t| t.label()),
        operation: op.map(|o| o.name.as_str()),
        kind: op.map(|o| o.kind.name()),
        object: op.and_then(|o| o.object.as_deref()),
        arguments: op.map_or(&[], |o| o.args.as_slice()),
        result: op.and_then(|o| o.result.as_deref()),
        note: op.and_then(|o| o.note.as_deref()),
        output: nonempty(event.out),
        error: nonempty(event.err),
        blocked_on: event.blocked_on().map(|b| b.describe()),
        blocks: event
            .blocked
            .iter()
            .filter(|b| task_waits || b.actor != event.actor)
            .map(|b| OtherBlocked {
                actor: &b.label,
                on: b.on.describe(),
            })
            .collect(),
        wake: event.wake().map(|w| match w {
            Wake::Step(_) => "step",
            Wake::Timer => "timer",
        }),
        woken_by: event.woken_by(),
    };
    serde_json::to_string(&Event::Step(data)).expect("a step serialises")
}

fn nonempty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// The closing `summary` event of a run.
pub fn summary_json(outcome: &Outcome) -> String {
    let data = SummaryData {
        verdict: VerdictData::of(&outcome.verdict),
        exit_code: outcome.verdict.exit_code(),
        steps: outcome.steps,
        end_time: seconds(outcome.end_time),
    };
    serde_json::to_string(&Event::Summary(data)).expect("a summary serialises")
}
