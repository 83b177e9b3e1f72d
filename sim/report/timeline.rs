//! A run as a timeline: a lane per thread and per asyncio task, what each lane did over
//! time (ran its steps, or was blocked and on what), the operations worth marking (locks,
//! events, queues, conditions, semaphores, barriers, timers, futures, threads, prints),
//! the wake-ups from the step that caused each to the step it woke, and how the run ended.
//! [`TimelineBuilder`] builds one by observing a run; renderers (the Chrome trace in
//! `chrome.rs`, pictures) only read it. Pure: no I/O.
//!
//! # Display time
//!
//! Many steps happen at the same virtual instant, so each step gets a display position in
//! microseconds, `ts = max(virtual time in µs, previous ts + 1)`: one virtual second is one
//! second on the axis, steps keep their order, and every step is 1 µs wide (step `s`
//! occupies `[s.ts, s.ts + 1)`). The timeline ends 1 µs after its last step ends, or at
//! the run's virtual end if that is later, so lanes still blocked at the end show.
//!
//! # Lanes
//!
//! One per thread (named by its label: `main`, `thread1`) and one per asyncio task (named
//! as the trace names it when first seen: `Task-2 (waiter)`), in order of first appearance.
//! A step belongs to the lane of the task it ran, else to its thread's. Between its steps
//! a lane is either blocked (an interval says on what) or could have run while other lanes
//! did (nothing is drawn).
//!
//! # Long runs
//!
//! A timeline keeps at most [`MAX_STEPS`] steps (about half a gigabyte), so a picture of a
//! run that loops until its step limit cannot exhaust memory: it stops there, and
//! [`Ending::shown_steps`] says so.

use std::collections::BTreeMap;

use super::trace::step_text;
use crate::runtime::actor::ActorId;
use crate::runtime::time::Time;
use crate::runtime::{Blocked, Observer, Op, OpKind, Outcome, StepEvent, Verdict, WaitKind, Wake};

/// A display position or duration, in microseconds.
pub type Micros = u64;

/// A lane's position in [`Timeline::lanes`].
pub type LaneId = usize;

/// The most steps a timeline keeps; later steps are left out.
pub const MAX_STEPS: usize = 1_000_000;

/// The whole picture of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    /// In order of first appearance.
    pub lanes: Vec<Lane>,
    /// Every observed step, in order (indices increase; step 0 is the program's start,
    /// present only when it printed something).
    pub steps: Vec<Step>,
    /// Running and blocked intervals, by lane and then start. On one lane they never
    /// overlap, and every step lies in a running interval of its lane.
    pub intervals: Vec<Interval>,
    /// Operations worth marking, in step order (see [`marks`]).
    pub instants: Vec<Instant>,
    /// Wake-ups, from the causing step to the woken one, in the woken step's order.
    pub flows: Vec<Flow>,
    /// Where the timeline ends.
    pub end: Micros,
    pub ending: Ending,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// `main`, `thread1`, `Task-2 (waiter)`.
    pub name: String,
    pub kind: LaneKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKind {
    /// A thread, by its actor.
    Thread { actor: ActorId },
    /// An asyncio task (by its serial number, [`crate::runtime::TaskStep::id`]) and the
    /// lane of the thread whose event loop runs it.
    Task { id: u64, thread: LaneId },
}

/// One step of the run.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub index: u64,
    /// The lane it is drawn on: its task's, else its thread's.
    pub lane: LaneId,
    /// The lane of the thread that took it (the same as `lane` unless it ran a task).
    pub thread: LaneId,
    /// Virtual time.
    pub time: Time,
    /// Display position.
    pub ts: Micros,
    /// What it did, as the trace says it: `acquire lock`, `print 'hello'`.
    pub text: String,
    pub op: Option<Op>,
    /// What it printed to stdout, and to stderr (a traceback).
    pub output: String,
    pub error: String,
    /// How its task, else its thread, came to run again after waiting.
    pub wake: Option<Wake>,
}

/// What a lane was doing from `start` to `end` (display positions, `end` exclusive).
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    pub lane: LaneId,
    pub start: Micros,
    pub end: Micros,
    pub activity: Activity,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Activity {
    /// The lane's steps `first..=last` ran back to back (no other lane's step between).
    Running { first: u64, last: u64 },
    /// The lane could not run: it waited on `on` after step `since`, until `wake` let it
    /// go on at step `until` (`None`: it still waited when the run ended).
    Blocked {
        on: Blocked,
        since: u64,
        until: Option<u64>,
        wake: Option<Wake>,
    },
}

impl Interval {
    /// `running`, `blocked on event1`, `sleeping`, `event loop idle`.
    pub fn name(&self) -> String {
        match &self.activity {
            Activity::Running { .. } => "running".to_string(),
            Activity::Blocked { on, .. } => match on.kind {
                WaitKind::Sleep => "sleeping".to_string(),
                WaitKind::EventLoop => "event loop idle".to_string(),
                _ => format!("blocked on {}", on.describe()),
            },
        }
    }

    pub fn is_blocked(&self) -> bool {
        matches!(self.activity, Activity::Blocked { .. })
    }
}

/// An operation worth marking on its lane.
#[derive(Clone, Debug, PartialEq)]
pub struct Instant {
    pub step: u64,
    pub lane: LaneId,
    pub ts: Micros,
    pub kind: OpKind,
    /// As the trace says it: `set event1`, `put q(1)`, `print 'done'`.
    pub text: String,
}

/// Whether operations of `kind` are marked as instants: synchronisation, time, futures,
/// threads' lives and prints (not memory accesses, task steps or the loop's own work).
pub fn marks(kind: OpKind) -> bool {
    !matches!(kind, OpKind::Other | OpKind::Memory | OpKind::Task | OpKind::Loop)
}

/// A wake-up: step `from` released, set, put, notified, ended or completed what the lane
/// of step `to` waited on (`on`).
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub from: u64,
    pub to: u64,
    pub from_lane: LaneId,
    pub to_lane: LaneId,
    pub from_ts: Micros,
    pub to_ts: Micros,
    pub on: Option<Blocked>,
}

/// How the run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Ending {
    pub verdict: Verdict,
    pub steps: u64,
    pub end_time: Time,
    /// For a deadlock: each blocked thread and pending task, its lane when it has one, and
    /// what it waits for (as the verdict words it).
    pub waits: Vec<LaneWait>,
    /// When the run took more than [`MAX_STEPS`] steps: how many the timeline shows (it
    /// ends after them, with every lane as it was then).
    pub shown_steps: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneWait {
    pub lane: Option<LaneId>,
    /// `t1`, `Task-2 (waiter)`.
    pub who: String,
    /// `to acquire lock_b (held by t2)`, `awaits Future#2`.
    pub waits: String,
}

impl Timeline {
    /// The step with `index`, if it was observed.
    pub fn step(&self, index: u64) -> Option<&Step> {
        find_step(&self.steps, index)
    }

    /// The intervals of one lane, in time order.
    pub fn lane_intervals(&self, lane: LaneId) -> impl Iterator<Item = &Interval> {
        self.intervals.iter().filter(move |i| i.lane == lane)
    }
}

fn find_step(steps: &[Step], index: u64) -> Option<&Step> {
    steps.binary_search_by_key(&index, |s| s.index).ok().map(|i| &steps[i])
}

/// A blocked interval still open.
#[derive(Clone, Debug)]
struct Open {
    lane: LaneId,
    start: Micros,
    on: Blocked,
    since: u64,
}

/// A running interval still growing.
#[derive(Clone, Copy, Debug)]
struct Run {
    start: Micros,
    end: Micros,
    first: u64,
    last: u64,
}

/// Builds a [`Timeline`] by observing a run (it wants every step described), then
/// [`TimelineBuilder::finish`] with the run's outcome.
#[derive(Default)]
pub struct TimelineBuilder {
    lanes: Vec<Lane>,
    steps: Vec<Step>,
    intervals: Vec<Interval>,
    instants: Vec<Instant>,
    flows: Vec<Flow>,
    last_ts: Option<Micros>,
    actor_lanes: Vec<Option<LaneId>>,
    task_lanes: BTreeMap<u64, LaneId>,
    /// Per lane, its running interval while it may still grow.
    running: Vec<Option<Run>>,
    /// Per actor, what it is blocked on.
    actor_blocks: Vec<Option<Open>>,
    /// Per task, the future it awaits.
    task_blocks: BTreeMap<u64, Open>,
    /// Whether steps were left out (see [`MAX_STEPS`]).
    full: bool,
}

impl TimelineBuilder {
    pub fn new() -> TimelineBuilder {
        TimelineBuilder::default()
    }

    fn add_lane(&mut self, name: String, kind: LaneKind) -> LaneId {
        self.lanes.push(Lane { name, kind });
        self.running.push(None);
        self.lanes.len() - 1
    }

    fn actor_lane(&mut self, actor: ActorId, label: &str) -> LaneId {
        if self.actor_lanes.len() <= actor {
            self.actor_lanes.resize(actor + 1, None);
        }
        if let Some(lane) = self.actor_lanes[actor] {
            return lane;
        }
        let lane = self.add_lane(label.to_string(), LaneKind::Thread { actor });
        self.actor_lanes[actor] = Some(lane);
        lane
    }

    fn task_lane(&mut self, id: u64, label: String, thread: LaneId) -> LaneId {
        if let Some(lane) = self.task_lanes.get(&id) {
            return *lane;
        }
        let lane = self.add_lane(label, LaneKind::Task { id, thread });
        self.task_lanes.insert(id, lane);
        lane
    }

    /// Ends a blocked interval at `ts`, woken by `wake` at step `until` (if it was).
    fn close(&mut self, open: Open, end: Micros, until: Option<u64>, wake: Option<Wake>) {
        if end > open.start {
            self.intervals.push(Interval {
                lane: open.lane,
                start: open.start,
                end,
                activity: Activity::Blocked {
                    on: open.on,
                    since: open.since,
                    until,
                    wake,
                },
            });
        }
    }

    /// Adds the flow of a wake-up of step `to` (on `lane` at `ts`), if a step caused it.
    fn flow(&mut self, wake: Option<Wake>, to: u64, lane: LaneId, ts: Micros, on: Option<Blocked>) {
        let Some(Wake::Step(from)) = wake else { return };
        // A step's flows are added together: one cause waking both its task and its thread
        // is drawn once.
        if from >= to || self.flows.last().is_some_and(|f| f.from == from && f.to == to) {
            return;
        }
        let Some(cause) = find_step(&self.steps, from) else {
            return;
        };
        self.flows.push(Flow {
            from,
            to,
            from_lane: cause.lane,
            to_lane: lane,
            from_ts: cause.ts,
            to_ts: ts,
            on,
        });
    }

    /// Adds step `index` to the running interval of `lane`.
    fn run(&mut self, lane: LaneId, index: u64, ts: Micros) {
        match &mut self.running[lane] {
            Some(run) if run.end == ts => {
                run.end = ts + 1;
                run.last = index;
            }
            slot => {
                let previous = slot.replace(Run {
                    start: ts,
                    end: ts + 1,
                    first: index,
                    last: index,
                });
                if let Some(run) = previous {
                    self.push_run(lane, run);
                }
            }
        }
    }

    fn push_run(&mut self, lane: LaneId, run: Run) {
        self.intervals.push(Interval {
            lane,
            start: run.start,
            end: run.end,
            activity: Activity::Running {
                first: run.first,
                last: run.last,
            },
        });
    }

    /// The timeline of the observed run, which ended with `outcome`.
    pub fn finish(mut self, outcome: &Outcome) -> Timeline {
        let last_end = self.last_ts.map_or(0, |t| t + 1);
        let end = if self.full {
            last_end + 1
        } else {
            (last_end + 1).max(outcome.end_time.0 / 1000)
        };
        for lane in 0..self.running.len() {
            if let Some(run) = self.running[lane].take() {
                self.push_run(lane, run);
            }
        }
        let actor_blocks: Vec<Open> = std::mem::take(&mut self.actor_blocks).into_iter().flatten().collect();
        let task_blocks: Vec<Open> = std::mem::take(&mut self.task_blocks).into_values().collect();
        for open in actor_blocks.into_iter().chain(task_blocks) {
            self.close(open, end, None, None);
        }
        self.intervals
            .sort_by_key(|i| (i.lane, i.start, std::cmp::Reverse(i.end)));
        // Past the shown steps, who waited for what at the end is not drawn.
        let waits = if self.full {
            Vec::new()
        } else {
            self.waits(&outcome.verdict)
        };
        let shown_steps = self.full.then(|| self.steps.last().map_or(0, |s| s.index));
        Timeline {
            lanes: self.lanes,
            steps: self.steps,
            intervals: self.intervals,
            instants: self.instants,
            flows: self.flows,
            end,
            ending: Ending {
                verdict: outcome.verdict.clone(),
                steps: outcome.steps,
                end_time: outcome.end_time,
                waits,
                shown_steps,
            },
        }
    }

    /// What each blocked thread and pending task of a deadlock waits for, with its lane.
    fn waits(&self, verdict: &Verdict) -> Vec<LaneWait> {
        let Verdict::Deadlock(d) = verdict else {
            return Vec::new();
        };
        let threads = d.blocked.iter().map(|(who, waits)| {
            let lane = self
                .lanes
                .iter()
                .position(|l| l.name == *who && matches!(l.kind, LaneKind::Thread { .. }));
            (who, waits, lane)
        });
        let tasks = d.tasks.iter().map(|(who, waits)| {
            let lane = self
                .lanes
                .iter()
                .position(|l| l.name == *who && matches!(l.kind, LaneKind::Task { .. }));
            (who, waits, lane)
        });
        threads
            .chain(tasks)
            .map(|(who, waits, lane)| LaneWait {
                lane,
                who: who.clone(),
                waits: waits.clone(),
            })
            .collect()
    }
}

impl Observer for TimelineBuilder {
    fn wants_ops(&self) -> bool {
        true
    }

    fn wants_steps(&self) -> bool {
        true
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        if self.steps.len() >= MAX_STEPS {
            self.full = true;
            return;
        }
        let index = event.index;
        let virtual_us = event.time.0 / 1000;
        let ts = self.last_ts.map_or(virtual_us, |last| virtual_us.max(last + 1));
        self.last_ts = Some(ts);
        let thread = self.actor_lane(event.actor, event.label);
        let lane = match event.task {
            Some(t) => self.task_lane(t.id, t.label(), thread),
            None => thread,
        };
        // The actor and its task may both have been waiting: each wait ends here.
        if self.actor_blocks.len() <= event.actor {
            self.actor_blocks.resize(event.actor + 1, None);
        }
        let actor_open = self.actor_blocks[event.actor].take();
        let actor_on = actor_open.as_ref().map(|o| o.on.clone());
        if let Some(open) = actor_open {
            self.close(open, ts, Some(index), event.woken);
        }
        let task_woken = event.task.and_then(|t| t.woken);
        let task_on = match event.task {
            Some(t) => self.task_blocks.remove(&t.id).map(|open| {
                let on = open.on.clone();
                self.close(open, ts, Some(index), task_woken);
                on
            }),
            None => None,
        };
        self.run(lane, index, ts);
        let text = step_text(event.op, event.out);
        if let Some(op) = event.op.filter(|op| marks(op.kind)) {
            self.instants.push(Instant {
                step: index,
                lane,
                ts,
                kind: op.kind,
                text: text.clone(),
            });
        }
        self.steps.push(Step {
            index,
            lane,
            thread,
            time: event.time,
            ts,
            text,
            op: event.op.cloned(),
            output: event.out.to_string(),
            error: event.err.to_string(),
            wake: event.wake(),
        });
        self.flow(task_woken, index, lane, ts, task_on);
        self.flow(event.woken, index, lane, ts, actor_on);
        // What this step left waiting.
        for b in event.blocked {
            let at = match b.task.and_then(|t| self.task_lanes.get(&t)) {
                Some(task_lane) => *task_lane,
                None => self.actor_lane(b.actor, &b.label),
            };
            if self.actor_blocks.len() <= b.actor {
                self.actor_blocks.resize(b.actor + 1, None);
            }
            self.actor_blocks[b.actor] = Some(Open {
                lane: at,
                start: ts + 1,
                on: b.on.clone(),
                since: index,
            });
        }
        if let Some(t) = event.task
            && let Some(on) = &t.awaits
        {
            self.task_blocks.insert(
                t.id,
                Open {
                    lane,
                    start: ts + 1,
                    on: on.clone(),
                    since: index,
                },
            );
        }
    }
}
