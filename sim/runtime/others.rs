//! What the other actors can do while one actor runs: the cache behind forced steps taken
//! in place.
//!
//! While actor A runs, every other actor stays parked at its pending operation and the
//! clock stands still, so whether another actor is enabled changes only when A changes the
//! state of something it waits on. The interpreter's general path may change anything and
//! drops the cache; the fast lane changes only the lock or semaphore of a `with`, and then
//! only the actors waiting on that object (directly, or through a condition built on it)
//! are looked at again.
//!
//! The cache outlives a step: when the next step's actor B starts running, only the actor
//! that just parked is looked at again (B itself is no longer an "other"). The step loop
//! drops the cache whenever something else may have changed: an actor ended or blocked, a
//! wait was completed, the clock moved.

use super::actor::ActorId;
use super::machine::Machine;
use super::pending::{PendingKind, Wait};
use super::state::State;
use super::value::ObjRef;

/// What is known about one actor. The owner's entry is the default one: not enabled, not
/// sensitive to anything.
#[derive(Clone, Copy)]
struct Entry {
    /// Enabled now; always `false` for the owner, which is running.
    enabled: bool,
    /// The lock or semaphore whose state decides whether it is enabled, if its wait can
    /// change through the fast lane; `INSENSITIVE` if none.
    sensitive: ObjRef,
    /// It waits to acquire the plain lock `sensitive`: it is enabled exactly when that
    /// lock is free.
    plain_lock: bool,
}

/// Every actor's enabledness, as of the last look, seen from the actor running now.
pub struct Others {
    /// The running actor the count is for; `NOBODY` when everything must be looked at
    /// again.
    owner: ActorId,
    /// How many actors other than the owner are enabled.
    enabled: usize,
    /// One entry per actor, by actor id.
    entries: Vec<Entry>,
}

const NOBODY: ActorId = ActorId::MAX;
const INSENSITIVE: ObjRef = ObjRef(u32::MAX);

impl Default for Entry {
    fn default() -> Entry {
        Entry {
            enabled: false,
            sensitive: INSENSITIVE,
            plain_lock: false,
        }
    }
}

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
    /// Forgets everything (something changed that the cache cannot follow).
    pub fn invalidate(&mut self) {
        self.owner = NOBODY;
    }
}

impl Machine<'_> {
    /// How many actors other than `me` are enabled now.
    #[inline]
    pub fn others_enabled(&mut self, me: ActorId) -> usize {
        // A lone actor has no others (the general path drops the cache at every step, and
        // looking again costs more than the step it guards).
        if self.actors.len() == 1 {
            return 0;
        }
        if self.others.owner != me {
            self.look_at_others(me);
        }
        self.others.enabled
    }

    /// Every enabled actor, `me` included, in actor order (as the step loop lists them),
    /// into `out`, which has exactly room for them (`others_enabled(me) + 1`). Valid
    /// after [`Machine::others_enabled`] for the same actor.
    pub fn enabled_into(&self, me: ActorId, out: &mut [ActorId]) {
        let mut n = 0;
        for (actor, e) in self.others.entries.iter().enumerate() {
            if e.enabled || actor == me {
                out[n] = actor;
                n += 1;
            }
        }
        debug_assert_eq!(n, out.len(), "the count of enabled actors is up to date");
    }

    /// The running actor acquired (`free` false) or released the plain lock `r`: the
    /// actors waiting to acquire it are now blocked, or enabled. Those waiting on it
    /// otherwise (through a condition) are looked at as by [`Machine::touched`].
    #[inline]
    pub fn lock_changed(&mut self, r: ObjRef, free: bool) {
        if self.others.owner == NOBODY {
            return;
        }
        let (mut gained, mut lost, mut others) = (0, 0, false);
        // The owner's entry is never sensitive (see `Machine::look_at_others`).
        for e in self.others.entries.iter_mut().filter(|e| e.sensitive == r) {
            if !e.plain_lock {
                others = true;
            } else if e.enabled != free {
                e.enabled = free;
                if free {
                    gained += 1;
                } else {
                    lost += 1;
                }
            }
        }
        self.others.enabled = self.others.enabled + gained - lost;
        if others {
            self.touched(r);
        }
    }

    /// The running actor changed the state of lock or semaphore `r`: the actors waiting on
    /// it may have become enabled or blocked.
    pub fn touched(&mut self, r: ObjRef) {
        if self.others.owner == NOBODY {
            return;
        }
        for actor in 0..self.others.entries.len() {
            let e = self.others.entries[actor];
            if e.sensitive != r {
                continue;
            }
            let enabled = match self.state(r) {
                Some(State::Lock(l)) if e.plain_lock => !l.locked,
                _ => self.is_enabled(actor),
            };
            if enabled != e.enabled {
                self.others.entries[actor].enabled = enabled;
                if enabled {
                    self.others.enabled += 1;
                } else {
                    self.others.enabled -= 1;
                }
            }
        }
    }

    /// The owner `from` parked at an operation it could have taken (the scheduler picked
    /// `to` instead), and `to` runs next: the same as [`Machine::look_at_others`] for
    /// `to`, with `from` known to be enabled.
    pub fn handed_over(&mut self, from: ActorId, to: ActorId) {
        if self.others.owner != from || self.others.entries.len() != self.actors.len() {
            return;
        }
        let pending = self.actors[from].pending;
        let was = match pending.kind {
            PendingKind::Wait(Wait::Lock(r)) if pending.deadline.is_none() => Entry {
                enabled: true,
                sensitive: r,
                plain_lock: true,
            },
            _ => self.entry(from),
        };
        debug_assert!(was.enabled && self.is_enabled(from), "a handed-over actor is enabled");
        let mine = std::mem::take(&mut self.others.entries[to]);
        self.others.entries[from] = was;
        self.others.enabled = self.others.enabled + 1 - usize::from(mine.enabled);
        self.others.owner = to;
    }

    /// Makes `me` the owner: looks again at the actor that ran before (it has parked since)
    /// if the cache is still valid, at every actor otherwise.
    #[inline(never)]
    fn look_at_others(&mut self, me: ActorId) {
        let previous = self.others.owner;
        if previous == NOBODY || self.others.entries.len() != self.actors.len() {
            self.look_at_all(me);
            return;
        }
        let was = self.entry(previous);
        let mine = std::mem::take(&mut self.others.entries[me]);
        self.others.entries[previous] = was;
        self.others.enabled = self.others.enabled + usize::from(was.enabled) - usize::from(mine.enabled);
        self.others.owner = me;
    }

    fn look_at_all(&mut self, me: ActorId) {
        let mut entries = std::mem::take(&mut self.others.entries);
        entries.clear();
        entries.extend((0..self.actors.len()).map(|actor| self.entry(actor)));
        entries[me] = Entry::default();
        self.others = Others {
            owner: me,
            enabled: entries.iter().filter(|e| e.enabled).count(),
            entries,
        };
    }

    fn entry(&self, actor: ActorId) -> Entry {
        let a = &self.actors[actor];
        // A wait whose deadline has passed is enabled until the clock moves: no lock
        // changes that.
        let expired = a.pending.deadline.is_some_and(|d| d <= self.now);
        let plain_lock = !expired && matches!(a.pending.kind, PendingKind::Wait(Wait::Lock(_)));
        if !a.done
            && plain_lock
            && let PendingKind::Wait(Wait::Lock(r)) = a.pending.kind
            && let Some(State::Lock(lock)) = self.state(r)
        {
            return Entry {
                enabled: !lock.locked,
                sensitive: r,
                plain_lock,
            };
        }
        Entry {
            enabled: self.is_enabled(actor),
            sensitive: self.sensitive(actor).unwrap_or(INSENSITIVE),
            plain_lock,
        }
    }

    /// The object a `with` in the fast lane could change that decides whether `actor`
    /// can go on: the lock or semaphore it waits to acquire, or the lock of the condition
    /// it waits on.
    fn sensitive(&self, actor: ActorId) -> Option<ObjRef> {
        let a = &self.actors[actor];
        if a.done {
            return None;
        }
        match a.pending.kind {
            PendingKind::Wait(Wait::Lock(r) | Wait::RLock(r) | Wait::Semaphore(r)) => Some(r),
            PendingKind::Wait(Wait::Condition(c, _)) => match self.state(c) {
                Some(State::Condition(state)) => state.lock.as_obj(),
                _ => None,
            },
            _ => None,
        }
    }
}
