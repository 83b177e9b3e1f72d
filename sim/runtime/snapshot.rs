//! A run's state at one of its choice points, to start another run from there instead of
//! running the steps before it again: an exhaustive search reruns its executions from
//! the last branch point, and every choice before it is the one made last time.
//!
//! A snapshot is taken only in a run that started from the [`super::checkpoint`], and
//! holds how the run differs from it: the heap as a [`Mark`] against the checkpoint's
//! image, and everything else a run changes (the globals, the class namespaces, the
//! actors, the clock, the counters, and where the step loop stands). Resuming puts the
//! checkpoint back, then the snapshot on top of it.

use std::collections::HashMap;

use super::actor::{Actor, ActorId};
use super::checkpoint::Counters;
use super::heap::Mark;
use super::machine::Machine;
use super::value::{ObjRef, Value};
use super::verdict::Verdict;
use crate::compile::Sym;

#[derive(Default)]
pub struct Snapshot {
    /// The machine's `tracing` and `recording` in the run it was taken in.
    observing: (bool, bool),
    heap: Mark,
    globals: Vec<Value>,
    /// The class namespaces, if they are no longer the checkpoint's.
    class_attrs: Option<Vec<Vec<(Sym, Value)>>>,
    actors: Vec<Actor>,
    counters: Counters,
    thread_errors: Vec<(ActorId, Value)>,
    anonymous: HashMap<ObjRef, usize>,
    /// Where the step loop stood.
    pub(super) point: LoopPoint,
}

/// The step loop's own state at a choice point.
#[derive(Clone)]
pub(super) struct LoopPoint {
    pub steps: u64,
    pub previous: Option<ActorId>,
    pub verdict: Verdict,
}

impl Default for LoopPoint {
    /// Where a run starts.
    fn default() -> LoopPoint {
        LoopPoint {
            steps: 0,
            previous: None,
            verdict: Verdict::Ok,
        }
    }
}

impl Machine<'_> {
    /// Makes `into` the run's state now, at a choice point of the step loop, reusing the
    /// room of the snapshot it held; false when the run did not start from the checkpoint
    /// (then there is nothing to resume from) or is traced (who woke whom is not kept).
    pub(super) fn snapshot_into(&self, point: LoopPoint, into: &mut Snapshot) -> bool {
        if self.tracing || self.checkpoint.is_none() {
            return false;
        }
        debug_assert!(self.out.is_empty() && self.err.is_empty() && self.preselected.is_none());
        into.observing = (self.tracing, self.recording);
        self.heap.mark_into(&mut into.heap);
        into.globals.clone_from(&self.globals);
        if self.class_version == self.checkpoint_class_version {
            into.class_attrs = None;
        } else {
            into.class_attrs.get_or_insert_default().clone_from(&self.class_attrs);
        }
        into.actors.clone_from(&self.actors);
        into.counters = self.counters();
        into.thread_errors.clone_from(&self.thread_errors);
        self.anonymous_numbers_into(&mut into.anonymous);
        into.point = point;
        true
    }

    /// Puts the machine where `snapshot` was taken (`tracing` and `recording` already
    /// set); false, with nothing done, if it cannot be (observed otherwise, or no
    /// checkpoint to build on).
    pub(super) fn resume_snapshot(&mut self, snapshot: &Snapshot) -> bool {
        if snapshot.observing != (self.tracing, self.recording) || !self.resume_checkpoint() {
            return false;
        }
        self.heap.apply(&snapshot.heap);
        self.globals.clone_from(&snapshot.globals);
        if let Some(class_attrs) = &snapshot.class_attrs {
            self.class_attrs.clone_from(class_attrs);
            self.class_version = self.class_version.wrapping_add(1);
        }
        self.actors.clone_from(&snapshot.actors);
        self.others.invalidate();
        self.set_counters(snapshot.counters);
        self.thread_errors.clone_from(&snapshot.thread_errors);
        self.set_anonymous(&snapshot.anonymous);
        self.steps = snapshot.point.steps;
        true
    }
}
