//! Where every run of a program starts the same way: the main thread has run the library's
//! and the scenario's module code, and `main` up to its first visible operation. No
//! scheduler choice is made before that point, so a machine keeps a copy of its state
//! there after its first run, and later runs start from the copy instead of running that
//! code again.
//!
//! The copy holds everything a run can change (the heap, as an [`Image`] restored by
//! copying back only the objects that changed, the globals, the class namespaces, the
//! actors and the counters behind `Thread-N`, `Task-N`, objects' births and waiter
//! tokens), so a run started from it is the run that would have started from scratch.
//! It is only kept when reaching that point printed nothing and ended nothing, and only
//! for runs that observe the same way (describing operations, noting footprints).

use std::collections::HashMap;

use super::actor::Actor;
use super::footprint::Footprint;
use super::heap::Image;
use super::machine::Machine;
use super::time::Time;
use super::value::{ObjRef, Value};
use super::verdict::Verdict;
use crate::compile::Sym;

pub struct Checkpoint {
    /// The machine's `tracing` and `recording` when the copy was made.
    observing: (bool, bool),
    heap: Image,
    globals: Vec<Value>,
    class_attrs: Vec<Vec<(Sym, Value)>>,
    actors: Vec<Actor>,
    counters: Counters,
    steps: u64,
    footprint: Footprint,
    anonymous: HashMap<ObjRef, usize>,
}

/// What a run counts on its way: the clock, the numbers behind `Thread-N`, `Task-N`,
/// asyncio's executor threads and waiter tokens, and the threads left to end.
#[derive(Clone, Copy, Default)]
pub(super) struct Counters {
    now: Time,
    thread_counter: u64,
    task_counter: u64,
    tasks_created: u64,
    executor_threads: u64,
    next_token: u64,
    foreground: usize,
}

impl Machine<'_> {
    /// The machine's [`Counters`] now.
    pub(super) fn counters(&self) -> Counters {
        Counters {
            now: self.now,
            thread_counter: self.thread_counter,
            task_counter: self.task_counter,
            tasks_created: self.tasks_created,
            executor_threads: self.executor_threads,
            next_token: self.next_token,
            foreground: self.foreground,
        }
    }

    /// Sets the machine's [`Counters`].
    pub(super) fn set_counters(&mut self, c: Counters) {
        self.now = c.now;
        self.thread_counter = c.thread_counter;
        self.task_counter = c.task_counter;
        self.tasks_created = c.tasks_created;
        self.executor_threads = c.executor_threads;
        self.next_token = c.next_token;
        self.foreground = c.foreground;
    }

    /// Starts a run from the checkpoint, if there is one for runs observed as this one is
    /// (`tracing`, `recording` already set); false if the run must start from scratch.
    pub(super) fn resume_checkpoint(&mut self) -> bool {
        let Some(c) = self.checkpoint.take() else {
            return false;
        };
        if c.observing != (self.tracing, self.recording) {
            // Observed differently: start from scratch, and keep a new checkpoint then.
            return false;
        }
        self.heap.restore(&c.heap);
        self.globals.clone_from(&c.globals);
        if self.class_version != self.checkpoint_class_version {
            self.class_attrs.clone_from(&c.class_attrs);
        }
        self.actors.clone_from(&c.actors);
        self.others.invalidate();
        self.set_counters(c.counters);
        self.out.clear();
        self.err.clear();
        self.op = None;
        self.thread_errors.clear();
        self.class_version = self.class_version.wrapping_add(1);
        self.checkpoint_class_version = self.class_version;
        self.preselected = None;
        self.steps = c.steps;
        self.inline_until = 0;
        self.footprint.clone_from(&c.footprint);
        self.set_anonymous(&c.anonymous);
        self.checkpoint = Some(c);
        true
    }

    /// After a run from scratch reached the checkpoint: keeps a copy of the machine's
    /// state if nothing was printed, described or ended on the way.
    pub(super) fn keep_checkpoint(&mut self, verdict: &Verdict) {
        let quiet = self.out.is_empty() && self.err.is_empty() && self.op.is_none();
        if !quiet || !matches!(verdict, Verdict::Ok) || !self.thread_errors.is_empty() || self.preselected.is_some() {
            return;
        }
        self.checkpoint_class_version = self.class_version;
        self.checkpoint = Some(Box::new(Checkpoint {
            observing: (self.tracing, self.recording),
            heap: self.heap.image(),
            globals: self.globals.clone(),
            class_attrs: self.class_attrs.clone(),
            actors: self.actors.clone(),
            counters: self.counters(),
            steps: self.steps,
            footprint: self.footprint.clone(),
            anonymous: self.anonymous_numbers(),
        }));
    }
}
