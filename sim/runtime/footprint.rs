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
    /// The location's bit in a footprint's summary: locations that overlap share it (an
    /// item and its whole container are summarised by the container).
    fn summary_bit(self) -> u64 {
        let (tag, a, b): (u64, u64, u64) = match self {
            Loc::Global(g) => (1, g as u64, 0),
            Loc::Attr(o, sym) => (2, o, sym as u64),
            Loc::Item(o, _) | Loc::Whole(o) => (3, o, 0),
            Loc::Sync(o) => (4, o, 0),
            Loc::Threads => (5, 0, 0),
            Loc::Output => (6, 0, 0),
        };
        let h = (a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
            .wrapping_add(tag.wrapping_mul(0x1656_67B1_9E37_79F9));
        1u64 << (h.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 58)
    }

    /// Whether two locations share any memory.
    fn overlaps(self, other: Loc) -> bool {
        match (self, other) {
            (Loc::Whole(a), Loc::Item(b, _)) | (Loc::Item(a, _), Loc::Whole(b)) => a == b,
            _ => self == other,
        }
    }
}

/// How a step touches a location. Every operation on a synchronisation object writes its
/// state: an acquire and the release it waited for are dependent too, since the acquire
/// could not have gone first (leaving that edge out of the happens-before order would make
/// reversals that cannot run stand for ones that can).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Read,
    Write,
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
        !matches!((self.mode, other.mode), (Mode::Read, Mode::Read))
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
    /// An `Event`: its flag, and (as bit sets over thread ids below 64) the threads waiting
    /// on it and those a `set` woke that have not returned yet.
    Event { flag: bool, waiting: u64, woken: u64 },
    /// A `Condition`: its waiters in the order they registered (thread ids, a byte each,
    /// at most eight) and, as a bit set, those notified.
    Condition { order: u64, len: u8, notified: u64 },
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
    /// The event's flag set (a `wait` that returns at once).
    Flag,
    /// The event's flag clear (a `wait` that registers and blocks).
    NoFlag,
    /// This thread woken by a `set` since it began waiting.
    Woken,
    /// This thread notified since it began waiting on the condition.
    Notified,
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
    /// A condition's `wait` releasing its lock however deep it is held.
    ReleaseAll,
    /// A woken condition waiter taking its lock back, `n` levels deep.
    Restore(u64),
    Take,
    Give(i64),
    Put,
    Get,
    TaskDone,
    Start,
    Finish,
    /// An event's `set` (waking every waiter), `clear`, a wait registering and a waiter
    /// leaving (woken or timed out).
    Set,
    Clear,
    Register,
    Unregister,
    /// A condition's `notify(n)`.
    Notify(i64),
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
            (Need::Flag, Abstract::Event { flag, .. }) => flag,
            (Need::NoFlag, Abstract::Event { flag, .. }) => !flag,
            (Need::Woken, Abstract::Event { woken, .. }) => bit(actor).is_some_and(|b| woken & b != 0),
            (Need::Notified, Abstract::Condition { notified, .. }) => bit(actor).is_some_and(|b| notified & b != 0),
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
            (Change::ReleaseAll, Abstract::Lock { .. }) => Abstract::Lock { owner: None, count: 0 },
            (Change::Restore(count), Abstract::Lock { .. }) => Abstract::Lock {
                owner: Some(actor),
                count,
            },
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
            (Change::Set, Abstract::Event { waiting, woken, .. }) => Abstract::Event {
                flag: true,
                waiting: 0,
                woken: woken | waiting,
            },
            (Change::Clear, Abstract::Event { waiting, woken, .. }) => Abstract::Event {
                flag: false,
                waiting,
                woken,
            },
            (Change::Register, Abstract::Event { flag, waiting, woken }) => Abstract::Event {
                flag,
                waiting: waiting | bit(actor)?,
                woken,
            },
            (Change::Unregister, Abstract::Event { flag, waiting, woken }) => {
                let b = bit(actor)?;
                Abstract::Event {
                    flag,
                    waiting: waiting & !b,
                    woken: woken & !b,
                }
            }
            (Change::Register, Abstract::Condition { order, len, notified }) => {
                if len >= 8 || actor > 0xff {
                    return None;
                }
                Abstract::Condition {
                    order: order | (actor as u64) << (8 * len),
                    len: len + 1,
                    notified,
                }
            }
            (Change::Unregister, Abstract::Condition { order, len, notified }) => {
                let b = bit(actor)?;
                let kept = waiters(order, len).filter(|&a| a != actor);
                let (order, len) = kept.fold((0u64, 0u8), |(o, l), a| (o | (a as u64) << (8 * l), l + 1));
                Abstract::Condition {
                    order,
                    len,
                    notified: notified & !b,
                }
            }
            (Change::Notify(n), Abstract::Condition { order, len, notified }) => {
                // The first `n` waiters not notified yet, in order.
                let mut left = n.max(0);
                let mut now = notified;
                for a in waiters(order, len) {
                    let b = bit(a)?;
                    if left > 0 && notified & b == 0 {
                        now |= b;
                        left -= 1;
                    }
                }
                Abstract::Condition {
                    order,
                    len,
                    notified: now,
                }
            }
            _ => return None,
        })
    }
}

/// The threads of a condition's packed waiter list, in order.
fn waiters(order: u64, len: u8) -> impl Iterator<Item = ActorId> {
    (0..len).map(move |k| ((order >> (8 * k)) & 0xff) as ActorId)
}

/// Thread `actor`'s bit in the thread sets of simulated events and conditions, if it has
/// one (thread ids below 64).
pub fn bit(actor: ActorId) -> Option<u64> {
    (actor < 64).then(|| 1u64 << actor)
}

/// Everything one step touched.
#[derive(Debug, Default, PartialEq)]
pub struct Footprint {
    accesses: Vec<Access>,
    pub sync: Vec<SyncUse>,
    /// The summary bits of the locations touched, and of those written: two footprints
    /// whose summaries do not meet cannot conflict (most pairs are told apart by these).
    touched: u64,
    written: u64,
}

impl Clone for Footprint {
    fn clone(&self) -> Footprint {
        Footprint {
            accesses: self.accesses.clone(),
            sync: self.sync.clone(),
            touched: self.touched,
            written: self.written,
        }
    }

    /// Reuses the lists' room (steps are recorded again and again).
    fn clone_from(&mut self, source: &Footprint) {
        self.accesses.clone_from(&source.accesses);
        self.sync.clone_from(&source.sync);
        self.touched = source.touched;
        self.written = source.written;
    }
}

impl Footprint {
    pub fn clear(&mut self) {
        self.accesses.clear();
        self.sync.clear();
        self.touched = 0;
        self.written = 0;
    }

    pub fn touch(&mut self, loc: Loc, mode: Mode) {
        let bit = loc.summary_bit();
        self.touched |= bit;
        if mode == Mode::Write {
            self.written |= bit;
        }
        self.accesses.push(Access::new(loc, mode));
    }

    /// Whether steps with these footprints (by different threads) are dependent.
    #[inline]
    /// The summary bits of the locations touched, and of those written.
    pub fn summary(&self) -> (u64, u64) {
        (self.touched, self.written)
    }

    /// Whether this footprint may conflict with footprints whose summaries together are
    /// `(touched, written)`: if not, it conflicts with none of them.
    pub fn may_conflict(&self, (touched, written): (u64, u64)) -> bool {
        (self.written & touched) | (self.touched & written) != 0
    }

    pub fn conflicts(&self, other: &Footprint) -> bool {
        if (self.written & other.touched) | (self.touched & other.written) == 0 {
            return false;
        }
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
    fn simulated_conditions_notify_waiters_in_order() {
        let empty = Abstract::Condition {
            order: 0,
            len: 0,
            notified: 0,
        };
        let two = empty
            .after(Change::Register, 3)
            .and_then(|c| c.after(Change::Register, 1))
            .unwrap();
        let one = two.after(Change::Notify(1), 2).unwrap();
        assert!(one.allows(Need::Notified, 3) && !one.allows(Need::Notified, 1));
        let all = one.after(Change::Notify(5), 2).unwrap();
        assert!(all.allows(Need::Notified, 1));
        let left = all.after(Change::Unregister, 3).unwrap();
        assert_eq!(
            left,
            Abstract::Condition {
                order: 1,
                len: 1,
                notified: 0b10
            }
        );
        let held = Abstract::Lock {
            owner: Some(1),
            count: 2,
        };
        let free = held.after(Change::ReleaseAll, 1).unwrap();
        assert_eq!(free, Abstract::Lock { owner: None, count: 0 });
        assert_eq!(free.after(Change::Restore(2), 1), Some(held));
    }

    #[test]
    fn simulated_events_wake_only_their_waiters() {
        let clear = Abstract::Event {
            flag: false,
            waiting: 0,
            woken: 0,
        };
        assert!(clear.allows(Need::NoFlag, 1) && !clear.allows(Need::Flag, 1));
        let waiting = clear.after(Change::Register, 1).unwrap();
        assert!(!waiting.allows(Need::Woken, 1));
        let set = waiting.after(Change::Set, 2).unwrap();
        // Woken by the set, thread 1 returns even after a clear; thread 3 never waited.
        let cleared = set.after(Change::Clear, 2).unwrap();
        assert!(cleared.allows(Need::Woken, 1) && !cleared.allows(Need::Woken, 3));
        assert_eq!(cleared.after(Change::Unregister, 1), Some(clear));
        assert_eq!(clear.after(Change::Register, 64), None);
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
