//! Who woke whom, for observers that want operations described: the asyncio task a step
//! ran, the actors a step left blocked and on what, and for a step that resumes a blocked
//! actor or task, the earlier step that made it runnable.
//!
//! Causes are recorded where the runtime makes a waiter runnable, keyed by what was
//! signalled: a lock or semaphore released, an event set, an item put into or taken from a
//! queue, a condition's waiter notified, a thread ended, a callback handed to an event
//! loop, a future completed. A wait that ends by its timeout (or timer) has no cause step.
//!
//! An actor counts as blocked from the end of the first step after which it could not run
//! (its own step that parked it at a wait, or another's that took what it waits for) until
//! its next step. Nothing here is computed unless the machine is tracing, and nothing here
//! decides what runs: the step loop and the scheduler never read it.

use std::collections::HashMap;

use super::actor::ActorId;
use super::events::{Blocked, Blocking, TaskStep, WaitKind, Wake};
use super::machine::Machine;
use super::pending::{PendingKind, Wait};
use super::value::ObjRef;

/// Something that happened to an object that can let a waiter go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    /// A lock, rlock or semaphore was released.
    Released(ObjRef),
    /// An event was set.
    Set(ObjRef),
    /// A condition's waiter (by token) was notified.
    Notified(ObjRef, u64),
    /// An item was put into a queue.
    Put(ObjRef),
    /// An item was taken from a queue, making room.
    Got(ObjRef),
    /// An item of a queue was marked done.
    TaskDone(ObjRef),
    /// A thread ended.
    Ended(ObjRef),
    /// A barrier changed state (filled, drained, reset or broken).
    Barrier(ObjRef),
    /// A callback was handed to an event loop (or it was asked to stop).
    Called(ObjRef),
    /// A future got its result or exception, or was cancelled.
    Completed(ObjRef),
}

impl Signal {
    /// What lets an actor waiting for `wait` go on, if anything but time does.
    fn ending(wait: Wait) -> Option<Signal> {
        Some(match wait {
            Wait::Lock(r) | Wait::RLock(r) | Wait::Semaphore(r) => Signal::Released(r),
            Wait::Thread(r) => Signal::Ended(r),
            Wait::Event(r, _) => Signal::Set(r),
            Wait::Condition(r, token) => Signal::Notified(r, token),
            Wait::QueueGet(r) => Signal::Put(r),
            Wait::QueuePut(r) => Signal::Got(r),
            Wait::QueueJoin(r) => Signal::TaskDone(r),
            Wait::BarrierEnter(r) | Wait::BarrierRelease(r) => Signal::Barrier(r),
            Wait::Loop(r) => Signal::Called(r),
            Wait::Sleep => return None,
        })
    }
}

/// The state of the bookkeeping during a traced run, and what the current step found.
#[derive(Default)]
pub struct Wakes {
    /// The step being taken (0 before the first).
    step: u64,
    /// The last step that sent each signal.
    signals: HashMap<Signal, u64>,
    /// Actors known to be blocked since a step and not resumed since.
    blocked: Vec<bool>,
    /// The task the current step runs.
    task: Option<ObjRef>,
    task_woken: Option<Wake>,
    task_awaits: Option<Blocked>,
    task_finished: bool,
    /// How the current step's actor came to run again.
    woken: Option<Wake>,
    /// What the current step left blocked, and its task, once the step is over.
    pub(super) blocking: Vec<Blocking>,
    pub(super) task_step: Option<TaskStep>,
}

impl Wakes {
    /// Forgets everything: a new run, or tracing switched back on after steps it missed.
    pub fn clear(&mut self) {
        self.step = 0;
        self.signals.clear();
        self.blocked.clear();
        self.clear_step();
    }

    fn clear_step(&mut self) {
        self.task = None;
        self.task_woken = None;
        self.task_awaits = None;
        self.task_finished = false;
        self.woken = None;
        self.blocking.clear();
        self.task_step = None;
    }

    /// How the current step's actor came to run again.
    pub fn woken(&self) -> Option<Wake> {
        self.woken
    }

    fn cause(&self, signal: Signal) -> Option<Wake> {
        self.signals.get(&signal).map(|s| Wake::Step(*s))
    }
}

impl Machine<'_> {
    /// Notes that the current step sent `signal` (when tracing).
    #[inline]
    pub(super) fn signal(&mut self, signal: Signal) {
        if self.tracing {
            self.wakes.signals.insert(signal, self.wakes.step);
        }
    }

    /// The start of step `index` by `aid` (when tracing): the task it is inside, and what
    /// woke it if it was blocked.
    pub(super) fn wakes_begin_step(&mut self, aid: ActorId, index: u64) {
        let task = super::aio::event_loop::current_task(self, aid);
        let w = &mut self.wakes;
        w.clear_step();
        w.step = index;
        w.task = task;
        if !w.blocked.get_mut(aid).is_some_and(std::mem::take) {
            return;
        }
        let PendingKind::Wait(wait) = self.actors[aid].pending.kind else {
            return;
        };
        let woken = match wait {
            // A condition's waiter was notified, or else its timeout passed.
            Wait::Condition(r, token) => Some(
                self.wakes
                    .signals
                    .remove(&Signal::Notified(r, token))
                    .map_or(Wake::Timer, Wake::Step),
            ),
            _ if super::sync::holds(self, aid, wait) => Signal::ending(wait).and_then(|s| self.wakes.cause(s)),
            _ => Some(Wake::Timer),
        };
        self.wakes.woken = woken;
    }

    /// The event loop entered `task` during the current step.
    pub(super) fn wakes_task_entered(&mut self, task: ObjRef) {
        if self.tracing && self.wakes.task.is_none() {
            self.wakes.task = Some(task);
        }
    }

    /// The current step wakes a task because future `fut` is done.
    pub(super) fn wakes_task_woken(&mut self, fut: ObjRef) {
        if self.tracing {
            self.wakes.task_woken = self.wakes.cause(Signal::Completed(fut));
        }
    }

    /// The current step's task suspended on a future (described as `what`).
    pub(super) fn wakes_task_awaits(&mut self, what: String) {
        self.wakes.task_awaits = Some(Blocked {
            kind: WaitKind::Future,
            object: Some(what),
        });
    }

    /// The current step's task returned or raised.
    pub(super) fn wakes_task_finished(&mut self) {
        self.wakes.task_finished = true;
    }

    /// The end of the current step (when tracing): the actors it left blocked, its own
    /// first, and the task it ran.
    pub(super) fn wakes_end_step(&mut self, aid: ActorId) {
        self.wakes.blocked.resize(self.actors.len(), false);
        self.wakes.blocking.clear();
        let others = (0..self.actors.len()).filter(|a| *a != aid);
        for a in std::iter::once(aid).chain(others) {
            let actor = &self.actors[a];
            if actor.done {
                self.wakes.blocked[a] = false;
                continue;
            }
            let PendingKind::Wait(wait) = actor.pending.kind else {
                continue;
            };
            if self.wakes.blocked[a] || self.is_enabled(a) {
                continue;
            }
            self.wakes.blocked[a] = true;
            let task = super::aio::event_loop::current_task(self, a).and_then(|t| super::aio::task::serial(self, t));
            let on = super::sync::blocked_on(self, wait);
            let label = self.actors[a].label.clone();
            self.wakes.blocking.push(Blocking {
                actor: a,
                label,
                task,
                on,
            });
        }
        self.wakes.task_step = self.wakes.task.and_then(|t| {
            let (id, name, coro) = super::aio::task::identity(self, t)?;
            Some(TaskStep {
                id,
                name,
                coro,
                woken: self.wakes.task_woken,
                awaits: self.wakes.task_awaits.take(),
                finished: self.wakes.task_finished,
            })
        });
    }
}
