//! Handing the run over in place: when the scheduler, asked from inside a step, picks
//! another actor, the interpreter parks the running actor and goes on with the chosen one
//! itself, without the round trip through the step loop, whenever that loop would do
//! nothing between the two steps but start the chosen actor.

use super::exec::{Exec, FUEL};
use super::pending::{Pending, PendingKind};
use super::sync;

impl Exec<'_, '_, '_> {
    /// The running actor parks at `pending`; if the scheduler already chose the next actor
    /// and it can be run here, this interpreter switches to it (its scheduled step is armed
    /// and counted) and says so. Otherwise the caller returns to the step loop.
    pub(super) fn hand_over(&mut self, pending: Pending) -> bool {
        let Some(next) = self.m.preselected else {
            return false;
        };
        let chosen = &self.m.actors[next];
        // The step loop itself runs what a trace must see, a thread's first step, the end
        // of a wait inside a native call, and a daemon thread's steps; output is reported
        // step by step with the actor that printed it.
        if self.observer
            || self.describe
            || self.m.steps >= self.m.inline_until
            || chosen.done
            || chosen.daemon
            || chosen.resume
            || chosen.pending.kind == PendingKind::Begin
            || !self.m.out.is_empty()
            || !self.m.err.is_empty()
        {
            return false;
        }
        self.m.preselected = None;
        let stack = std::mem::take(&mut self.m.actors[next].stack);
        let frames = std::mem::take(&mut self.m.actors[next].frames);
        let parked = &mut self.m.actors[self.aid];
        parked.pending = pending;
        parked.stack = std::mem::replace(&mut self.stack, stack);
        parked.frames = std::mem::replace(&mut self.frames, frames);
        self.m.handed_over(self.aid, next);
        self.aid = next;
        self.m.heap.allocator = next;
        let scheduled = self.m.actors[next].pending;
        self.timed_out = scheduled.deadline.is_some()
            && matches!(scheduled.kind, PendingKind::Wait(w) if !sync::holds(self.m, next, w));
        self.armed = true;
        self.fuel = FUEL;
        self.m.steps += 1;
        true
    }
}
