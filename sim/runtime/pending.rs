//! What a parked actor will do next, and what it waits for.
//!
//! An actor runs its local code until its next visible operation and parks there. The
//! machine asks each parked actor whether it is enabled: a plain operation always is; a
//! waiting one is when its condition holds (the lock is free, the queue has an item, ...)
//! or its deadline has come.

use super::time::Time;
use super::value::ObjRef;

/// A condition a blocked actor waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    /// A `Lock` to be free.
    Lock(ObjRef),
    /// An `RLock` to be free or already owned by the waiting actor.
    RLock(ObjRef),
    /// A `Semaphore`'s counter to be positive.
    Semaphore(ObjRef),
    /// A thread to finish.
    Thread(ObjRef),
    /// An `Event` waiter (by token) to be woken by `set`.
    Event(ObjRef, u64),
    /// A `Condition` waiter (by token) to be notified, and the condition's lock to be free.
    Condition(ObjRef, u64),
    QueueGet(ObjRef),
    QueuePut(ObjRef),
    /// Every item put into a queue to be marked done.
    QueueJoin(ObjRef),
    /// A `Barrier` to be ready for new arrivals (not draining or resetting).
    BarrierEnter(ObjRef),
    /// A `Barrier` to release (or break) the arrivals it is filling with.
    BarrierRelease(ObjRef),
    /// Nothing but the deadline (`time.sleep`).
    Sleep,
    /// An asyncio event loop with nothing to run: a callback from another thread, or the
    /// deadline (its next timer).
    Loop(ObjRef),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PendingKind {
    /// A thread's first step: it starts running its code.
    Begin,
    /// A visible operation that can always proceed.
    Run,
    Wait(Wait),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pending {
    pub kind: PendingKind,
    /// When a timeout ends the wait, if it has one.
    pub deadline: Option<Time>,
}

impl Pending {
    pub const BEGIN: Pending = Pending {
        kind: PendingKind::Begin,
        deadline: None,
    };
    pub const RUN: Pending = Pending {
        kind: PendingKind::Run,
        deadline: None,
    };

    pub fn wait(wait: Wait, deadline: Option<Time>) -> Pending {
        Pending {
            kind: PendingKind::Wait(wait),
            deadline,
        }
    }
}

impl Wait {
    /// The object waited on, if any.
    pub fn object(self) -> Option<ObjRef> {
        match self {
            Wait::Lock(r)
            | Wait::RLock(r)
            | Wait::Semaphore(r)
            | Wait::Thread(r)
            | Wait::Event(r, _)
            | Wait::Condition(r, _)
            | Wait::QueueGet(r)
            | Wait::QueuePut(r)
            | Wait::QueueJoin(r)
            | Wait::BarrierEnter(r)
            | Wait::BarrierRelease(r)
            | Wait::Loop(r) => Some(r),
            Wait::Sleep => None,
        }
    }
}
