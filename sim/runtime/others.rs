//! What the other actors can do while one actor runs its step: the cache behind forced
//! steps taken in place.
//!
//! While actor A runs, every other actor stays parked at its pending operation, and the
//! clock stands still, so whether another actor is enabled changes only when A changes
//! the state of something it waits on. The interpreter's general path may change
//! anything and drops the cache; the fast lane changes only the lock or semaphore of a
//! `with`, and then only the actors waiting on that object (directly, or through a
//! condition built on it) are looked at again.

use super::actor::ActorId;
use super::machine::Machine;
use super::pending::{PendingKind, Wait};
use super::state::State;
use super::value::ObjRef;

/// One other actor that has not ended.
#[derive(Clone, Copy)]
struct Other {
    actor: ActorId,
    enabled: bool,
    /// The lock or semaphore whose state decides whether it is enabled, if its wait can
    /// change through the fast lane.
    sensitive: Option<ObjRef>,
}

/// The other actors' enabledness, as of the last look, for the actor running now.
pub struct Others {
    /// The actor the entries are for; `NOBODY` when they must be computed again.
    owner: ActorId,
    /// How many entries are enabled.
    enabled: usize,
    entries: Vec<Other>,
}

const NOBODY: ActorId = ActorId::MAX;

impl Default for Others {
    fn default() -> Others {
        Others {
            owner: NOBODY,
            enabled: 0,
            entries: Vec::new(),
        }
    }
}

impl Others {
    /// Forgets everything (the running actor changed something the cache cannot follow).
    pub fn invalidate(&mut self) {
        self.owner = NOBODY;
    }
}

impl Machine<'_> {
    /// How many actors other than `me` are enabled now.
    #[inline]
    pub fn others_enabled(&mut self, me: ActorId) -> usize {
        if self.others.owner != me {
            self.look_at_others(me);
        }
        self.others.enabled
    }

    /// Every enabled actor, `me` included, in actor order (as the step loop lists them),
    /// into `out`. Valid after [`Machine::others_enabled`] for the same actor.
    pub fn enabled_with(&self, me: ActorId, out: &mut Vec<ActorId>) {
        out.clear();
        let mut placed = false;
        for o in self.others.entries.iter().filter(|o| o.enabled) {
            if !placed && o.actor > me {
                out.push(me);
                placed = true;
            }
            out.push(o.actor);
        }
        if !placed {
            out.push(me);
        }
    }

    /// The running actor changed the state of lock or semaphore `r`: the actors waiting on
    /// it may have become enabled or blocked.
    pub fn touched(&mut self, r: ObjRef) {
        if self.others.owner == NOBODY {
            return;
        }
        for i in 0..self.others.entries.len() {
            let o = self.others.entries[i];
            if o.sensitive == Some(r) {
                let enabled = self.is_enabled(o.actor);
                if enabled != o.enabled {
                    self.others.entries[i].enabled = enabled;
                    if enabled {
                        self.others.enabled += 1;
                    } else {
                        self.others.enabled -= 1;
                    }
                }
            }
        }
    }

    #[inline(never)]
    fn look_at_others(&mut self, me: ActorId) {
        let mut entries = std::mem::take(&mut self.others.entries);
        entries.clear();
        for actor in (0..self.actors.len()).filter(|a| *a != me && !self.actors[*a].done) {
            entries.push(Other {
                actor,
                enabled: self.is_enabled(actor),
                sensitive: self.sensitive(actor),
            });
        }
        self.others = Others {
            owner: me,
            enabled: entries.iter().filter(|o| o.enabled).count(),
            entries,
        };
    }

    /// The object a `with` in the fast lane could change that decides whether `actor`
    /// can go on: the lock or semaphore it waits to acquire, or the lock of the condition
    /// it waits on.
    fn sensitive(&self, actor: ActorId) -> Option<ObjRef> {
        match self.actors[actor].pending.kind {
            PendingKind::Wait(Wait::Lock(r) | Wait::RLock(r) | Wait::Semaphore(r)) => Some(r),
            PendingKind::Wait(Wait::Condition(c, _)) => match self.state(c) {
                Some(State::Condition(state)) => state.lock.as_obj(),
                _ => None,
            },
            _ => None,
        }
    }
}
