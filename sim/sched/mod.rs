//! Scheduling strategies. The runtime asks a [`Scheduler`] one question before every step:
//! which of the enabled actors goes next. That choice is the only source of
//! nondeterminism in a run.

mod pct;
mod random;
pub mod rng;

pub use pct::PctScheduler;
pub use random::RandomScheduler;

use crate::runtime::actor::ActorId;

/// What a scheduler knows when it chooses.
pub struct Choice<'a> {
    /// The actors that can take a step, in ascending id order (never empty).
    pub enabled: &'a [ActorId],
    /// The actor that took the previous step, if any.
    pub previous: Option<ActorId>,
    /// Number of steps taken so far.
    pub step: u64,
    /// The virtual time.
    pub now: crate::runtime::time::Time,
    /// Every thread of the run so far, by id (for schedulers that go by names).
    pub actors: &'a [crate::runtime::actor::Actor],
}

pub trait Scheduler {
    /// Picks the actor for the next step; must return one of `choice.enabled`.
    fn choose(&mut self, choice: &Choice<'_>) -> ActorId;

    /// Whether steps with a single enabled actor may be taken without asking: true for a
    /// scheduler that would pick it anyway and keeps no per-step state.
    fn takes_forced_steps_inline(&self) -> bool {
        false
    }

    /// Asked before [`Scheduler::choose`]: whether to end the run here, unfinished (an
    /// exploration that knows the rest is redundant, a replay whose schedule does not fit).
    fn abandons(&mut self, _choice: &Choice<'_>) -> bool {
        false
    }

    /// Asked at each choice point, before [`Scheduler::abandons`]: whether to keep a
    /// snapshot of the run here, to start a later run from ([`Machine::run_from`]); if so,
    /// a snapshot to overwrite (one no longer needed, or a new one).
    ///
    /// [`Machine::run_from`]: crate::runtime::Machine::run_from
    fn wants_snapshot(&mut self, _choice: &Choice<'_>) -> Option<crate::runtime::snapshot::Snapshot> {
        None
    }

    /// Takes back the snapshot [`Scheduler::wants_snapshot`] gave, made (`made`) or not.
    fn keep_snapshot(&mut self, _snapshot: crate::runtime::snapshot::Snapshot, _made: bool) {}
}
