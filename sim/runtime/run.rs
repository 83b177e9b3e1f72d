//! The step loop: pick an enabled actor, run its step, advance the virtual clock when
//! nothing can run, and decide how the run ends (normally, deadlock, step limit, a failed
//! check).

use super::actor::{ActorId, MAIN};
use super::classes;
use super::events::{Observer, Op, OpKind, StepEvent};
use super::exec::{Exec, Stop};
use super::machine::Machine;
use super::pending::{Pending, PendingKind};
use super::snapshot::{LoopPoint, Snapshot};
use super::sync;
use super::time::Time;
use super::value::Value;
use super::verdict::{AssertionFailure, Deadlock, Verdict};
use crate::compile::{Check, Program};
use crate::sched::{Choice, Scheduler};

/// Steps a run may take before it is declared endless (a livelock, an endless loop). The
/// tutorial's lock counter needs about 8 million.
pub const DEFAULT_MAX_STEPS: u64 = 50_000_000;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_steps: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_steps: DEFAULT_MAX_STEPS,
        }
    }
}

/// The result of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub verdict: Verdict,
    pub steps: u64,
    pub end_time: Time,
    /// The scheduler ended the run before it finished ([`Scheduler::abandons`]).
    pub abandoned: bool,
    /// The run went on from the snapshot it was given ([`Machine::run_from`]).
    pub resumed: bool,
}

/// Runs `program` once with `scheduler`, reporting each step to `observer`.
pub fn execute(
    program: &Program,
    scheduler: &mut dyn Scheduler,
    observer: &mut dyn Observer,
    limits: Limits,
) -> Outcome {
    let mut machine = Machine::new(program);
    machine.run(scheduler, observer, limits)
}

impl Machine<'_> {
    /// Resets the machine and performs a whole run.
    pub fn run(&mut self, scheduler: &mut dyn Scheduler, observer: &mut dyn Observer, limits: Limits) -> Outcome {
        self.run_from(None, scheduler, observer, limits)
    }

    /// Performs a run, from the start or from the choice point where `resume` was taken
    /// in an earlier run of this machine observed the same way (the observer is then told
    /// only of the steps after it). The outcome says whether the snapshot could be used;
    /// if not, the run starts from the start.
    pub fn run_from(
        &mut self,
        resume: Option<&Snapshot>,
        scheduler: &mut dyn Scheduler,
        observer: &mut dyn Observer,
        limits: Limits,
    ) -> Outcome {
        self.tracing = observer.wants_ops();
        self.recording = observer.wants_footprints();
        let wants_steps = observer.wants_steps();
        self.inline_ok = scheduler.takes_forced_steps_inline() && !wants_steps && self.program.invariants.is_empty();
        let max_steps = self.program.max_steps.unwrap_or(limits.max_steps);
        let mut enabled: Vec<ActorId> = Vec::new();
        let mut abandoned = false;
        let resumed = resume.filter(|s| self.resume_snapshot(s)).map(|s| s.point.clone());
        let from_snapshot = resumed.is_some();
        let LoopPoint {
            mut steps,
            mut previous,
            mut verdict,
        } = resumed.unwrap_or_default();
        if !from_snapshot && !self.resume_checkpoint() {
            self.reset();
            self.footprint.clear();
            self.start(&mut verdict);
            self.keep_checkpoint(&verdict);
        }
        if !self.out.is_empty() || !self.err.is_empty() {
            if self.tracing {
                self.op = Some(Op::of(OpKind::Thread, "begin"));
            }
            self.emit(observer, 0, MAIN);
        }
        loop {
            if verdict.rank() >= 3 && !matches!(verdict, Verdict::AssertionFailed(ref a) if a.kind == "assert") {
                break;
            }
            if self.foreground == 0 {
                self.check_expectations(&mut verdict);
                break;
            }
            if let Some(aid) = self.preselected.take()
                && steps < max_steps
            {
                let last;
                (steps, last) = self.counted_step(aid, steps, max_steps, scheduler, &mut verdict);
                previous = Some(last);
                self.emit_if_due(observer, wants_steps, steps, last);
                continue;
            }
            enabled.clear();
            enabled.extend((0..self.actors.len()).filter(|a| self.is_enabled(*a)));
            if enabled.is_empty() {
                match self.next_deadline() {
                    Some(t) => {
                        self.now = t;
                        self.others.invalidate();
                        continue;
                    }
                    None => {
                        raise_verdict(&mut verdict, Verdict::Deadlock(self.deadlock()));
                        break;
                    }
                }
            }
            if steps >= max_steps {
                let detail = format!(
                    "the run did not finish within {max_steps} steps (an endless loop or livelock?); raise the limit with --max-steps"
                );
                raise_verdict(&mut verdict, Verdict::StepLimit { steps, detail });
                break;
            }
            let choice = Choice {
                enabled: &enabled,
                previous,
                step: steps,
                now: self.now,
                actors: &self.actors,
            };
            if let Some(mut snapshot) = scheduler.wants_snapshot(&choice) {
                let point = LoopPoint {
                    steps,
                    previous,
                    verdict: verdict.clone(),
                };
                let made = self.snapshot_into(point, &mut snapshot);
                scheduler.keep_snapshot(snapshot, made);
            }
            if scheduler.abandons(&choice) {
                abandoned = true;
                break;
            }
            let aid = scheduler.choose(&choice);
            debug_assert!(enabled.contains(&aid));
            if wants_steps {
                let was_tracing = self.tracing;
                self.tracing = observer.wants_ops();
                if self.tracing && !was_tracing {
                    // Steps went by unobserved: what was known of waits is stale.
                    self.wakes.clear();
                }
            }
            let last;
            (steps, last) = self.counted_step(aid, steps, max_steps, scheduler, &mut verdict);
            previous = Some(last);
            self.emit_if_due(observer, wants_steps, steps, last);
            if !self.program.invariants.is_empty() {
                self.check_invariants(&mut verdict);
            }
        }
        Outcome {
            verdict,
            steps,
            end_time: self.now,
            abandoned,
            resumed: from_snapshot,
        }
    }

    /// Performs step number `steps + 1`, by `aid`, and the steps it may take in place
    /// without exceeding `max_steps`; returns how many steps the run has taken then, and
    /// the actor that took the last of them.
    fn counted_step(
        &mut self,
        aid: ActorId,
        steps: u64,
        max_steps: u64,
        scheduler: &mut dyn Scheduler,
        verdict: &mut Verdict,
    ) -> (u64, ActorId) {
        self.steps = steps + 1;
        self.inline_until = max_steps;
        let last = self.step(aid, scheduler, verdict);
        (self.steps, last)
    }

    /// Reports the step just taken if the observer wants every step or it printed.
    fn emit_if_due(&mut self, observer: &mut dyn Observer, wants_steps: bool, index: u64, aid: ActorId) {
        if wants_steps || !self.out.is_empty() || !self.err.is_empty() {
            self.emit(observer, index, aid);
        }
    }

    fn emit(&mut self, observer: &mut dyn Observer, index: u64, aid: ActorId) {
        let op = self.op.take();
        let traced = self.tracing;
        if traced {
            self.wakes_end_step(aid);
        }
        observer.step(&StepEvent {
            index,
            time: self.now,
            actor: aid,
            label: &self.actors[aid].label,
            op: op.as_ref(),
            out: &self.out,
            err: &self.err,
            footprint: self.recording.then_some(&self.footprint),
            task: if traced { self.wakes.task_step.as_ref() } else { None },
            woken: if traced { self.wakes.woken() } else { None },
            blocked: if traced { &self.wakes.blocking } else { &[] },
        });
        self.out.clear();
        self.err.clear();
    }

    /// Runs the main thread's module code up to its first visible operation.
    fn start(&mut self, verdict: &mut Verdict) {
        let mut ex = Exec::new(self, MAIN);
        let stop = ex.run();
        ex.finish();
        self.after(MAIN, stop, verdict);
    }

    /// Whether actor `a` can take a step now.
    pub fn is_enabled(&self, a: ActorId) -> bool {
        let actor = &self.actors[a];
        if actor.done {
            return false;
        }
        match actor.pending.kind {
            PendingKind::Begin | PendingKind::Run => true,
            PendingKind::Wait(w) => {
                sync::holds(self, a, w)
                    || actor
                        .pending
                        .deadline
                        .is_some_and(|d| d <= self.now && sync::timeout_suffices(self, a, w))
            }
        }
    }

    /// The earliest future deadline of a waiting actor.
    fn next_deadline(&self) -> Option<Time> {
        self.actors
            .iter()
            .filter(|a| !a.done)
            .filter_map(|a| a.pending.deadline)
            .filter(|d| *d > self.now)
            .min()
    }

    /// Performs one step of actor `aid`: its pending operation and the local code after it;
    /// returns the actor that took the last step.
    fn step(&mut self, aid: ActorId, scheduler: &mut dyn Scheduler, verdict: &mut Verdict) -> ActorId {
        self.heap.allocator = aid;
        if self.tracing {
            self.wakes_begin_step(aid, self.steps);
        }
        if !self.inline_ok || self.actors[aid].daemon {
            // Daemon threads go back to the step loop at every step: it ends the run
            // when the last non-daemon thread has ended.
            self.inline_until = self.steps;
        }
        let chooser = if self.inline_ok { Some(scheduler) } else { None };
        let pending = self.actors[aid].pending;
        let wait = match pending.kind {
            PendingKind::Wait(w) => Some(w),
            _ => None,
        };
        let timed_out = pending.deadline.is_some() && wait.is_some_and(|w| !sync::holds(self, aid, w));
        let describe = self.tracing;
        if self.recording {
            self.footprint.clear();
        }
        if self.actors[aid].resume {
            self.actors[aid].resume = false;
            self.others.invalidate();
            let w = wait.expect("a resumed actor waited");
            if self.recording {
                self.note_wait_end(w, pending.deadline.is_some_and(|d| d <= self.now));
            }
            let result = sync::finish(self, aid, w);
            let mut ex = Exec::new(self, aid);
            let stop = match result {
                Ok(super::natives::Flow::Return(v)) => {
                    if describe {
                        ex.m.op = Some(super::describe::finished_wait(ex.m, w, v, timed_out));
                    }
                    ex.stack_push(v);
                    ex.run()
                }
                Ok(super::natives::Flow::Block(b)) => Stop::Blocked(b),
                Ok(super::natives::Flow::TailCall { .. } | super::natives::Flow::Resume { .. }) => {
                    unreachable!("waits finish with a value")
                }
                Err(e) => ex.unwind(e.0, true).unwrap_or_else(|| ex.run()),
            };
            ex.finish();
            self.after(aid, stop, verdict);
            return aid;
        }
        let mut ex = Exec::new(self, aid);
        ex.chooser = chooser;
        ex.describe = describe;
        ex.timed_out = timed_out;
        let stop = if pending.kind == PendingKind::Begin {
            ex.m.others.invalidate();
            if ex.m.recording {
                ex.m.note_begin(aid);
            }
            if describe {
                ex.m.op = Some(Op::of(OpKind::Thread, "begin"));
            }
            ex.describe = false;
            ex.begin()
        } else {
            ex.armed = true;
            ex.record = ex.m.recording;
            ex.run()
        };
        // The interpreter may have handed the run over to other actors in place.
        let last = ex.aid;
        ex.finish();
        self.after(last, stop, verdict);
        last
    }

    /// Records where the actor stopped.
    fn after(&mut self, aid: ActorId, stop: Stop, verdict: &mut Verdict) {
        if !matches!(stop, Stop::Parked(_)) {
            self.others.invalidate();
        }
        match stop {
            Stop::Parked(p) => self.actors[aid].pending = p,
            Stop::Blocked(b) => {
                if let Some(op) = &mut self.op {
                    op.note = Some("blocks".into());
                }
                self.actors[aid].pending = Pending::wait(b.wait, b.deadline);
                self.actors[aid].resume = true;
            }
            Stop::Returned => self.end_thread(aid, None, verdict),
            Stop::Died(exc) => self.end_thread(aid, Some(exc), verdict),
            Stop::OutOfFuel => {
                let detail = format!(
                    "{} ran {} instructions without a visible operation (an endless loop?)",
                    self.actors[aid].label,
                    super::exec::FUEL
                );
                let steps = self.steps;
                raise_verdict(verdict, Verdict::StepLimit { steps, detail });
                self.end_thread(aid, None, verdict);
            }
        }
    }

    fn end_thread(&mut self, aid: ActorId, died: Option<Value>, verdict: &mut Verdict) {
        if self.recording {
            self.note_end(aid, died.is_some());
        }
        self.actors[aid].done = true;
        self.signal(super::wakes::Signal::Ended(self.actors[aid].thread));
        if !self.actors[aid].daemon {
            self.foreground -= 1;
        }
        let thread = self.actors[aid].thread;
        if let Some(t) = self.thread_state_mut(thread) {
            t.finished = true;
        }
        let Some(exc) = died else { return };
        if self.is_instance(exc, classes::SYSTEM_EXIT) {
            return;
        }
        let name = self
            .thread_state(thread)
            .and_then(|t| self.as_str(t.name))
            .unwrap_or("?")
            .to_string();
        if aid != MAIN {
            self.err.push_str(&format!("Exception in thread {name}:\n"));
        }
        let report = self.traceback_text(exc);
        self.err.push_str(&report);
        if aid != MAIN {
            self.err.push('\n');
        }
        self.thread_errors.push((aid, exc));
        let v = match self.assertion_failure(exc, "assert", &name) {
            Some(a) => Verdict::AssertionFailed(a),
            None => Verdict::UncaughtException {
                thread: name,
                main: aid == MAIN,
                exception: self.exception_line(exc),
            },
        };
        raise_verdict(verdict, v);
    }

    /// The verdict details of a failed `assert` (or `expect`/`invariant`).
    fn assertion_failure(&self, exc: Value, kind: &'static str, thread: &str) -> Option<AssertionFailure> {
        let e = self.exc_state(exc.as_obj()?)?;
        let report = e.assertion.as_deref()?;
        let info = &self.program.asserts[report.assert as usize];
        let file = &self.program.sources[info.source.index()].name;
        let line = self.line_number(info.source, info.span.start);
        let col = self.column(info.source, info.span.start);
        let message = self
            .seq_items(e.args)
            .and_then(|a| a.first().copied())
            .map(|m| self.as_str(m).map_or_else(|| format!("{m:?}"), str::to_string));
        Some(AssertionFailure {
            kind,
            text: info.text.clone(),
            location: format!("{file}:{line}:{col}"),
            thread: thread.to_string(),
            message,
            values: report.values.clone(),
        })
    }

    fn column(&self, source: crate::compile::SourceId, offset: u32) -> usize {
        let text = &self.program.sources[source.index()].text;
        let offset = (offset as usize).min(text.len());
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        text[line_start..offset].chars().count() + 1
    }

    /// Evaluates a check (compiled as a function that asserts its expression).
    fn evaluate_check(&mut self, check: &Check, kind: &'static str) -> Option<Verdict> {
        let mut ex = Exec::detached(self, check.code);
        let stop = ex.run();
        drop(ex);
        match stop {
            Stop::Returned => None,
            Stop::Died(exc) => Some(match self.assertion_failure(exc, kind, "main") {
                Some(a) => Verdict::AssertionFailed(a),
                None => Verdict::UncaughtException {
                    thread: format!("{kind} `{}`", check.text),
                    main: true,
                    exception: self.exception_line(exc),
                },
            }),
            _ => Some(Verdict::UncaughtException {
                thread: format!("{kind} `{}`", check.text),
                main: true,
                exception: "RuntimeError: a check must not wait".into(),
            }),
        }
    }

    fn check_expectations(&mut self, verdict: &mut Verdict) {
        for check in self.program.expects.clone() {
            if let Some(v) = self.evaluate_check(&check, "expect") {
                raise_verdict(verdict, v);
                return;
            }
        }
    }

    fn check_invariants(&mut self, verdict: &mut Verdict) {
        for check in self.program.invariants.clone() {
            if let Some(v) = self.evaluate_check(&check, "invariant") {
                raise_verdict(verdict, v);
                return;
            }
        }
    }

    /// Every blocked actor, what it waits for, and the wait-for cycle if there is one.
    fn deadlock(&self) -> Deadlock {
        let mut blocked = Vec::new();
        let mut tasks = Vec::new();
        let mut edges: Vec<Option<sync::Holder>> = (0..self.actors.len()).map(|_| None).collect();
        for (a, actor) in self.actors.iter().enumerate().filter(|(_, a)| !a.done) {
            let (text, holder) = match actor.pending.kind {
                PendingKind::Wait(w) => sync::describe_wait(self, w),
                _ => ("to run".to_string(), None),
            };
            if let PendingKind::Wait(super::pending::Wait::Loop(l)) = actor.pending.kind {
                tasks.extend(super::aio::event_loop::stuck_tasks(self, l));
            }
            let held = match &holder {
                Some(sync::Holder::Lock(h, _)) => format!(" (held by {})", self.actors[*h].label),
                _ => String::new(),
            };
            blocked.push((actor.label.clone(), format!("{text}{held}")));
            edges[a] = holder;
        }
        Deadlock {
            time: self.now,
            blocked,
            cycle: self.find_cycle(&edges),
            tasks,
        }
    }

    fn find_cycle(&self, edges: &[Option<sync::Holder>]) -> Vec<String> {
        for start in 0..edges.len() {
            let mut path = vec![start];
            let mut at = start;
            while let Some(next) = edges[at].as_ref().map(sync::Holder::actor) {
                if let Some(pos) = path.iter().position(|p| *p == next) {
                    let cycle = &path[pos..];
                    let first = cycle.iter().min().copied().unwrap_or(next);
                    let rotate = cycle.iter().position(|p| *p == first).unwrap_or(0);
                    let ordered: Vec<ActorId> = cycle[rotate..].iter().chain(&cycle[..rotate]).copied().collect();
                    let mut out = Vec::new();
                    for a in &ordered {
                        out.push(self.actors[*a].label.clone());
                        if let Some(holder) = &edges[*a] {
                            out.push(holder.object().to_string());
                        }
                    }
                    out.push(self.actors[ordered[0]].label.clone());
                    return out;
                }
                path.push(next);
                at = next;
            }
        }
        Vec::new()
    }
}

/// Keeps the more serious of the current and a new verdict.
fn raise_verdict(current: &mut Verdict, new: Verdict) {
    if new.rank() > current.rank() {
        *current = new;
    }
}
