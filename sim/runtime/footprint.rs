//! What a step touched, for exploring interleavings: the shared locations it read or
//! wrote, and for steps on synchronisation objects what they need from the object's state
//! and what they do to it.
//!
//! Two steps of different threads are *dependent* when their footprints conflict:
//! they touch an overlapping location and at least one writes. Exploration treats
//! independent steps as commuting, so a footprint must never leave out a location the step
//! reads or writes; saying too much only costs executions.
//!
//! Objects are named by their [`Birth`], which does not depend on the interleaving, so steps
//! of different runs compare.

use super::actor::ActorId;
use super::heap::Birth;

/// A location a step reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loc {
    /// A module-level variable (by global index).
    Global(u32),
    /// An attribute of an instance (by symbol).
    Attr(Birth, u32),
    /// One element of a list (by index) or entry of a dict (by a hash of its key).
    Item(Birth, u64),
    /// A container as a whole: its length, its order, and every element.
    Whole(Birth),
    /// The state of a synchronisation object (lock, queue, event, thread, event loop, ...).
    Sync(Birth),
    /// The set of threads that exist (`threading.active_count`, `enumerate`).
    Threads,
    /// What the program printed (stdout and stderr together: their order is the output).
    Output,
}

impl Loc {
    /// Whether two locations share any memory.
    fn overlaps(self, other: Loc) -> bool {
        match (self, other) {
            (Loc::Whole(a), Loc::Item(b, _)) | (Loc::Item(a, _), Loc::Whole(b)) => a == b,
            _ => self == other,
        }
    }
}

/// How a step touches a location.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Read,
    Write,
    /// A blocking acquire of a lock or semaphore: acquires conflict with each other, but not
    /// with releases (a release never happens while another thread's blocking acquire of a
    /// lock could, and releasing a semaphore commutes with acquiring it when both can go).
    Acquire,
    /// A release of a lock or semaphore.
    Release,
}

/// One location touched one way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Access {
    pub loc: Loc,
    pub mode: Mode,
}

impl Access {
    pub fn new(loc: Loc, mode: Mode) -> Access {
        Access { loc, mode }
    }

    /// Whether the order of two accesses (by different threads) can matter.
    pub fn conflicts(&self, other: &Access) -> bool {
        if !self.loc.overlaps(other.loc) {
            return false;
        }
        !matches!(
            (self.mode, other.mode),
            (Mode::Read, Mode::Read) | (Mode::Acquire, Mode::Release) | (Mode::Release, Mode::Acquire)
        )
    }
}

/// A synchronisation object's state as far as whether a thread can proceed depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abstract {
    /// A `Lock` or `RLock`: who holds it and how many times.
    Lock { owner: Option<ActorId>, count: u64 },
    /// A semaphore's counter.
    Semaphore(i64),
    /// A queue's length, its `maxsize` (0: unbounded) and its unfinished tasks.
    Queue { len: i64, max: i64, unfinished: i64 },
    /// A thread object.
    Thread { started: bool, finished: bool },
}

/// What a step needs from the object's state to be able to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// It can always run.
    Nothing,
    /// It depends on state not simulated here (a waiter's wake-up, an event loop's work).
    Unknown,
    /// The lock free, or (reentrant) held by this thread.
    Lock { reentrant: bool },
    /// A positive semaphore counter.
    Positive,
    /// An item in the queue.
    Item,
    /// Room in the queue.
    Room,
    /// No unfinished tasks in the queue.
    AllDone,
    /// The thread started.
    Started,
    /// The thread finished.
    Finished,
}

/// What a step does to the object's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Nothing,
    /// Something that depends on the state in ways not simulated (a `put_nowait` that may
    /// raise `Full`): the simulated state is unknown afterwards.
    Opaque,
    Acquire,
    Release,
    Take,
    Give(i64),
    Put,
    Get,
    TaskDone,
    Start,
    Finish,
}

/// A step's use of one synchronisation object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyncUse {
    pub obj: Birth,
    /// The object's state just before the step, when it is simulated.
    pub before: Option<Abstract>,
    pub need: Need,
    pub change: Change,
}

impl Abstract {
    /// Whether `actor` can take a step needing `need` in this state.
    pub fn allows(self, need: Need, actor: ActorId) -> bool {
        match (need, self) {
            (Need::Nothing, _) => true,
            (Need::Lock { reentrant }, Abstract::Lock { owner, .. }) => {
                owner.is_none() || (reentrant && owner == Some(actor))
            }
            (Need::Positive, Abstract::Semaphore(n)) => n > 0,
            (Need::Item, Abstract::Queue { len, .. }) => len > 0,
            (Need::Room, Abstract::Queue { len, max, .. }) => max <= 0 || len < max,
            (Need::AllDone, Abstract::Queue { unfinished, .. }) => unfinished == 0,
            (Need::Started, Abstract::Thread { started, .. }) => started,
            (Need::Finished, Abstract::Thread { finished, .. }) => finished,
            _ => false,
        }
    }

    /// The state after `actor` makes `change`; `None` once it is no longer known.
    pub fn after(self, change: Change, actor: ActorId) -> Option<Abstract> {
        Some(match (change, self) {
            (Change::Nothing, s) => s,
            (Change::Acquire, Abstract::Lock { count, .. }) => Abstract::Lock {
                owner: Some(actor),
                count: count + 1,
            },
            (Change::Release, Abstract::Lock { count, owner }) => {
                let count = count.saturating_sub(1);
                Abstract::Lock {
                    owner: if count == 0 { None } else { owner },
                    count,
                }
            }
            (Change::Take, Abstract::Semaphore(n)) => Abstract::Semaphore(n - 1),
            (Change::Give(k), Abstract::Semaphore(n)) => Abstract::Semaphore(n + k),
            (Change::Put, Abstract::Queue { len, max, unfinished }) => Abstract::Queue {
                len: len + 1,
                max,
                unfinished: unfinished + 1,
            },
            (Change::Get, Abstract::Queue { len, max, unfinished }) => Abstract::Queue {
                len: len - 1,
                max,
                unfinished,
            },
            (Change::TaskDone, Abstract::Queue { len, max, unfinished }) => Abstract::Queue {
                len,
                max,
                unfinished: unfinished - 1,
            },
            (Change::Start, Abstract::Thread { finished, .. }) => Abstract::Thread {
                started: true,
                finished,
            },
            (Change::Finish, Abstract::Thread { started, .. }) => Abstract::Thread {
                started,
                finished: true,
            },
            _ => return None,
        })
    }
}

/// Everything one step touched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Footprint {
    pub accesses: Vec<Access>,
    pub sync: Vec<SyncUse>,
}

impl Footprint {
    pub fn clear(&mut self) {
        self.accesses.clear();
        self.sync.clear();
    }

    pub fn touch(&mut self, loc: Loc, mode: Mode) {
        self.accesses.push(Access::new(loc, mode));
    }

    /// Whether steps with these footprints (by different threads) are dependent.
    pub fn conflicts(&self, other: &Footprint) -> bool {
        self.accesses
            .iter()
            .any(|a| other.accesses.iter().any(|b| a.conflicts(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_commute_and_writes_do_not() {
        let r = Access::new(Loc::Global(1), Mode::Read);
        let w = Access::new(Loc::Global(1), Mode::Write);
        let other = Access::new(Loc::Global(2), Mode::Write);
        assert!(!r.conflicts(&r));
        assert!(r.conflicts(&w) && w.conflicts(&r) && w.conflicts(&w));
        assert!(!w.conflicts(&other));
    }

    #[test]
    fn a_whole_container_overlaps_its_items_only() {
        let item = Access::new(Loc::Item(7, 0), Mode::Write);
        let other_item = Access::new(Loc::Item(7, 1), Mode::Write);
        let whole = Access::new(Loc::Whole(7), Mode::Read);
        let elsewhere = Access::new(Loc::Whole(8), Mode::Write);
        assert!(whole.conflicts(&item) && item.conflicts(&whole));
        assert!(!item.conflicts(&other_item));
        assert!(!elsewhere.conflicts(&item));
    }

    #[test]
    fn acquires_conflict_with_each_other_not_with_releases() {
        let acquire = Access::new(Loc::Sync(3), Mode::Acquire);
        let release = Access::new(Loc::Sync(3), Mode::Release);
        let query = Access::new(Loc::Sync(3), Mode::Read);
        assert!(acquire.conflicts(&acquire));
        assert!(!acquire.conflicts(&release) && !release.conflicts(&acquire));
        assert!(release.conflicts(&release));
        assert!(query.conflicts(&acquire) && query.conflicts(&release));
    }

    #[test]
    fn simulated_locks_and_queues_follow_their_rules() {
        let free = Abstract::Lock { owner: None, count: 0 };
        assert!(free.allows(Need::Lock { reentrant: false }, 1));
        let held = free.after(Change::Acquire, 1).unwrap();
        assert!(!held.allows(Need::Lock { reentrant: false }, 2));
        assert!(held.allows(Need::Lock { reentrant: true }, 1));
        assert_eq!(held.after(Change::Release, 1), Some(free));
        let q = Abstract::Queue {
            len: 0,
            max: 1,
            unfinished: 0,
        };
        assert!(!q.allows(Need::Item, 0) && q.allows(Need::Room, 0));
        let q = q.after(Change::Put, 0).unwrap();
        assert!(q.allows(Need::Item, 0) && !q.allows(Need::Room, 0) && !q.allows(Need::AllDone, 0));
        assert_eq!(free.after(Change::Put, 0), None);
    }
}
