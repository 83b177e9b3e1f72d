//! A [`Timeline`] in the Chrome Trace Event Format, which ui.perfetto.dev and
//! chrome://tracing open: one track (a `tid` of process 1) per lane, named and sorted by
//! metadata events; running and blocked intervals as complete slices (`X`), each running
//! interval holding one 1 µs slice per step, named as the trace names the step; marked
//! operations as thread-scoped instants (`i`) with their arguments; wake-ups as flow
//! arrows from the causing step to the woken one (`s`, then `f` bound to the enclosing
//! slice); the verdict as a global instant at the end. Timestamps are the timeline's
//! display positions in microseconds. Pure, and the same timeline gives the same bytes.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::timeline::{Activity, Interval, LaneKind, Micros, Step, Timeline};
use super::verdict::VerdictData;
use crate::runtime::Wake;

/// The trace's only process.
const PID: u32 = 1;

/// One trace event; fields a phase does not use are left out.
#[derive(Serialize)]
struct Event {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cat: Option<&'static str>,
    ph: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ts: Option<Micros>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dur: Option<Micros>,
    pid: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    tid: Option<usize>,
    /// An instant's scope: `t` (its track), `g` (the whole trace).
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    /// A flow's binding point: `e`, the enclosing slice.
    #[serde(skip_serializing_if = "Option::is_none")]
    bp: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    args: Option<Value>,
}

impl Event {
    fn new(name: impl Into<String>, ph: &'static str) -> Event {
        Event {
            name: name.into(),
            cat: None,
            ph,
            ts: None,
            dur: None,
            pid: PID,
            tid: None,
            s: None,
            id: None,
            bp: None,
            args: None,
        }
    }

    fn on(mut self, lane: usize, ts: Micros) -> Event {
        self.tid = Some(tid(lane));
        self.ts = Some(ts);
        self
    }
}

/// The track of a lane (tids start at 1).
fn tid(lane: usize) -> usize {
    lane + 1
}

/// The timeline as a Chrome trace (a JSON object, one event per line), with the process
/// named `title`.
pub fn render(timeline: &Timeline, title: &str) -> String {
    let mut out = String::from("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
    // Each event is written as soon as it is made: the trace's text is the only copy.
    let mut first = true;
    let mut write = |events: &mut dyn Iterator<Item = Event>| {
        for event in events {
            if !first {
                out.push_str(",\n");
            }
            first = false;
            out.push_str(&serde_json::to_string(&event).expect("an event serialises"));
        }
    };
    write(&mut metadata(timeline, title).into_iter());
    write(&mut slices(timeline));
    write(&mut instants(timeline));
    write(&mut flows(timeline).into_iter());
    write(&mut std::iter::once(verdict(timeline)));
    out.push_str("\n]}\n");
    out
}

fn metadata(timeline: &Timeline, title: &str) -> Vec<Event> {
    let mut events = vec![Event {
        args: Some(json!({ "name": title })),
        ..Event::new("process_name", "M")
    }];
    for (lane, l) in timeline.lanes.iter().enumerate() {
        events.push(Event {
            tid: Some(tid(lane)),
            args: Some(json!({ "name": l.name })),
            ..Event::new("thread_name", "M")
        });
        events.push(Event {
            tid: Some(tid(lane)),
            args: Some(json!({ "sort_index": lane })),
            ..Event::new("thread_sort_index", "M")
        });
    }
    events
}

/// Where a slice goes in the file: by track, then start, the longer first.
type SliceKey = (usize, Micros, std::cmp::Reverse<Micros>);

/// What a slice is made from.
enum Slice<'t> {
    Interval(&'t Interval),
    Step(&'t Step),
}

/// Intervals and steps, track by track in time order, each interval before the steps it
/// holds; each event is made as it is taken.
fn slices(timeline: &Timeline) -> impl Iterator<Item = Event> + '_ {
    let mut keyed: Vec<(SliceKey, Slice<'_>)> = Vec::new();
    for interval in &timeline.intervals {
        let dur = interval.end - interval.start;
        let key = (interval.lane, interval.start, std::cmp::Reverse(dur));
        keyed.push((key, Slice::Interval(interval)));
    }
    for step in &timeline.steps {
        keyed.push(((step.lane, step.ts, std::cmp::Reverse(1)), Slice::Step(step)));
    }
    // Stable: a running interval and its first step share a start; the interval comes first.
    keyed.sort_by_key(|(key, _)| *key);
    keyed.into_iter().map(move |(_, slice)| match slice {
        Slice::Interval(interval) => interval_event(interval, timeline),
        Slice::Step(step) => step_event(step),
    })
}

fn interval_event(interval: &Interval, timeline: &Timeline) -> Event {
    let args = match &interval.activity {
        Activity::Running { first, last } => json!({ "first_step": first, "last_step": last }),
        Activity::Blocked { on, since, until, wake } => {
            let mut args = Map::new();
            args.insert("on".into(), on.describe().into());
            args.insert("wait".into(), on.kind.name().into());
            args.insert("since_step".into(), (*since).into());
            if let Some(until) = until {
                args.insert("until_step".into(), (*until).into());
            }
            match wake {
                Some(Wake::Step(s)) => {
                    args.insert("woken_by".into(), (*s).into());
                }
                Some(Wake::Timer) => {
                    args.insert("woken_by".into(), "timer".into());
                }
                None if until.is_none() && timeline.ending.verdict.rank() >= 4 => {
                    args.insert("at_end".into(), timeline.ending.verdict.headline().into());
                }
                None => {}
            }
            Value::Object(args)
        }
    };
    Event {
        cat: Some(if interval.is_blocked() { "blocked" } else { "running" }),
        dur: Some(interval.end - interval.start),
        args: Some(args),
        ..Event::new(interval.name(), "X").on(interval.lane, interval.start)
    }
}

/// What a step did, as arguments: its index, virtual time and operation.
fn step_args(step: &Step) -> Value {
    let mut args = Map::new();
    args.insert("step".into(), step.index.into());
    args.insert("time".into(), step.time.to_string().into());
    if let Some(op) = &step.op {
        args.insert("operation".into(), op.name.clone().into());
        if let Some(object) = &op.object {
            args.insert("object".into(), object.clone().into());
        }
        if !op.args.is_empty() {
            args.insert("arguments".into(), op.args.clone().into());
        }
        if let Some(result) = &op.result {
            args.insert("result".into(), result.clone().into());
        }
        if let Some(note) = &op.note {
            args.insert("note".into(), note.clone().into());
        }
    }
    if !step.output.is_empty() {
        args.insert("output".into(), step.output.clone().into());
    }
    if !step.error.is_empty() {
        args.insert("error".into(), step.error.clone().into());
    }
    Value::Object(args)
}

fn step_event(step: &Step) -> Event {
    Event {
        cat: Some(step.op.as_ref().map_or("step", |op| op.kind.name())),
        dur: Some(1),
        args: Some(step_args(step)),
        ..Event::new(step.text.clone(), "X").on(step.lane, step.ts)
    }
}

fn instants(timeline: &Timeline) -> impl Iterator<Item = Event> + '_ {
    timeline.instants.iter().map(|i| Event {
        cat: Some(i.kind.name()),
        s: Some("t"),
        args: timeline.step(i.step).map(step_args),
        ..Event::new(i.text.clone(), "i").on(i.lane, i.ts)
    })
}

fn flows(timeline: &Timeline) -> Vec<Event> {
    let mut events = Vec::new();
    for (n, flow) in timeline.flows.iter().enumerate() {
        let name = match &flow.on {
            Some(on) => format!("wakes ({})", on.describe()),
            None => "wakes".to_string(),
        };
        events.push(Event {
            cat: Some("wake"),
            id: Some(n + 1),
            args: Some(json!({ "from_step": flow.from, "to_step": flow.to })),
            ..Event::new(name.clone(), "s").on(flow.from_lane, flow.from_ts)
        });
        events.push(Event {
            cat: Some("wake"),
            id: Some(n + 1),
            bp: Some("e"),
            ..Event::new(name, "f").on(flow.to_lane, flow.to_ts)
        });
    }
    events
}

fn verdict(timeline: &Timeline) -> Event {
    let ending = &timeline.ending;
    let mut args = Map::new();
    args.insert(
        "verdict".into(),
        serde_json::to_value(VerdictData::of(&ending.verdict)).expect("a verdict serialises"),
    );
    args.insert("steps".into(), ending.steps.into());
    args.insert("end_time".into(), ending.end_time.to_string().into());
    if let Some(shown) = ending.shown_steps {
        args.insert("trace_stops_after_step".into(), shown.into());
    }
    let lanes: Vec<Value> = timeline
        .lanes
        .iter()
        .map(|l| match l.kind {
            LaneKind::Thread { .. } => json!({ "lane": l.name, "kind": "thread" }),
            LaneKind::Task { thread, .. } => {
                json!({ "lane": l.name, "kind": "task", "thread": timeline.lanes[thread].name })
            }
        })
        .collect();
    args.insert("lanes".into(), lanes.into());
    Event {
        cat: Some("verdict"),
        ts: Some(timeline.end),
        tid: Some(tid(0)),
        s: Some("g"),
        args: Some(Value::Object(args)),
        ..Event::new(format!("verdict: {}", ending.verdict.headline()), "i")
    }
}
