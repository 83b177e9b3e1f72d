//! Python's `threading` and `queue` objects, natively: their state, their methods, and for
//! blocking methods the conditions a waiting actor needs to proceed.
//!
//! Semantics follow CPython 3.11's `threading.py` and `queue.py`, with each method call an
//! atomic step: a blocked acquire is not a step until it can succeed (as in loom and
//! shuttle), while waits that register themselves (`Event.wait`, `Condition.wait`,
//! `Barrier.wait`) take one step to register and one to wake, as CPython's do.

mod barrier;
pub mod condition;
pub mod event;
mod lock;
mod queue;
mod semaphore;
mod thread;

pub use barrier::{BarrierState, property as barrier_property};
pub use condition::ConditionState;
pub use event::EventState;
pub use lock::{LockState, RLockState};
pub use queue::{QueueState, property as queue_property};
pub use semaphore::SemaphoreState;
pub use thread::{ThreadState, property as thread_property, set_property as set_thread_property};

use super::actor::ActorId;
use super::classes;
use super::events::{Blocked, OpKind, WaitKind};
use super::machine::Machine;
use super::natives::{NativeDef, NativeResult, Raised};
use super::pending::Wait;
use super::state::State;
use super::value::{ObjRef, Value};
use crate::compile::ClassId;

pub const METHODS: &[(ClassId, &[NativeDef])] = &[
    (classes::THREAD, thread::METHODS),
    (classes::LOCK, lock::LOCK_METHODS),
    (classes::RLOCK, lock::RLOCK_METHODS),
    (classes::CONDITION, condition::METHODS),
    (classes::SEMAPHORE, semaphore::METHODS),
    (classes::BOUNDED_SEMAPHORE, semaphore::BOUNDED_METHODS),
    (classes::EVENT, event::METHODS),
    (classes::BARRIER, barrier::METHODS),
    (classes::QUEUE, queue::METHODS),
];

pub const FUNCTIONS: &[NativeDef] = thread::FUNCTIONS;

/// Whether the condition of `wait` holds for `actor` now (its deadline aside).
pub fn holds(m: &Machine, actor: ActorId, wait: Wait) -> bool {
    match wait {
        Wait::Lock(r) => lock::is_free(m, r, actor),
        Wait::RLock(r) => lock::is_free(m, r, actor),
        Wait::Semaphore(r) => semaphore::available(m, r),
        Wait::Thread(r) => m.thread_state(r).is_none_or(|t| t.finished),
        Wait::Event(r, token) => event::woken(m, r, token),
        Wait::Condition(r, token) => condition::ready(m, r, token, actor),
        Wait::QueueGet(r) => queue::can_get(m, r),
        Wait::QueuePut(r) => queue::can_put(m, r),
        Wait::QueueJoin(r) => queue::all_done(m, r),
        Wait::BarrierEnter(r) => barrier::can_enter(m, r),
        Wait::BarrierRelease(r) => barrier::released(m, r),
        Wait::Sleep => false,
        Wait::Loop(r) => super::aio::event_loop::has_work(m, r),
    }
}

/// Whether a timeout alone lets the waiting actor proceed (a condition waiter still needs
/// its lock back).
pub fn timeout_suffices(m: &Machine, actor: ActorId, wait: Wait) -> bool {
    match wait {
        Wait::Condition(r, _) => condition::lock_available(m, r, actor),
        _ => true,
    }
}

/// Completes a native call that blocked (`Flow::Block`) once its wait is over.
pub fn finish(m: &mut Machine, actor: ActorId, wait: Wait) -> NativeResult {
    match wait {
        Wait::Event(r, token) => event::finish_wait(m, r, token),
        Wait::Condition(r, token) => condition::finish_wait(m, actor, r, token),
        other => unreachable!("{other:?} does not block through Flow::Block"),
    }
}

/// Who a blocked actor waits on, for the wait-for graph of deadlock reports.
pub enum Holder {
    /// The actor holding a lock, and the lock's label.
    Lock(ActorId, String),
    /// The thread being joined.
    Thread(ActorId, String),
}

impl Holder {
    pub fn actor(&self) -> ActorId {
        match self {
            Holder::Lock(a, _) | Holder::Thread(a, _) => *a,
        }
    }

    pub fn object(&self) -> &str {
        match self {
            Holder::Lock(_, o) | Holder::Thread(_, o) => o,
        }
    }
}

/// What a blocked actor waits for, in words, and who it waits on if known.
pub fn describe_wait(m: &Machine, wait: Wait) -> (String, Option<Holder>) {
    let label = |r: ObjRef| object_label(m, r);
    match wait {
        Wait::Lock(r) | Wait::RLock(r) => {
            let owner = lock::owner(m, r).map(|a| Holder::Lock(a, label(r)));
            (format!("to acquire {}", label(r)), owner)
        }
        Wait::Semaphore(r) => (format!("to acquire {}", label(r)), None),
        Wait::Thread(r) => {
            let actor = m
                .thread_state(r)
                .and_then(|t| t.actor)
                .map(|a| Holder::Thread(a, label(r)));
            (format!("to join {}", label(r)), actor)
        }
        Wait::Event(r, _) => (format!("for {} to be set", label(r)), None),
        Wait::Condition(r, _) => (format!("to be notified by {}", label(r)), None),
        Wait::QueueGet(r) => (format!("to get from {} (empty)", label(r)), None),
        Wait::QueuePut(r) => (format!("to put into {} (full)", label(r)), None),
        Wait::QueueJoin(r) => (format!("for all tasks of {} to be done", label(r)), None),
        Wait::BarrierEnter(r) => (format!("to enter {} (draining)", label(r)), None),
        Wait::BarrierRelease(r) => (format!("for the other parties at {}", label(r)), None),
        Wait::Sleep => ("to wake up".to_string(), None),
        Wait::Loop(_) => (
            "in its event loop, with no callback ready and no timer pending".to_string(),
            None,
        ),
    }
}

/// What a blocked actor waits on, for observers: the kind of wait and the object's label
/// (see [`quiet_label`]).
pub fn blocked_on(m: &Machine, wait: Wait) -> Blocked {
    let (kind, object) = match wait {
        Wait::Lock(r) | Wait::RLock(r) => (WaitKind::Lock, Some(r)),
        Wait::Semaphore(r) => (WaitKind::Semaphore, Some(r)),
        Wait::Thread(r) => (WaitKind::Join, Some(r)),
        Wait::Event(r, _) => (WaitKind::Event, Some(r)),
        Wait::Condition(r, _) => (WaitKind::Condition, Some(r)),
        Wait::QueueGet(r) => (WaitKind::QueueGet, Some(r)),
        Wait::QueuePut(r) => (WaitKind::QueuePut, Some(r)),
        Wait::QueueJoin(r) => (WaitKind::QueueJoin, Some(r)),
        Wait::BarrierEnter(r) | Wait::BarrierRelease(r) => (WaitKind::Barrier, Some(r)),
        Wait::Sleep => (WaitKind::Sleep, None),
        Wait::Loop(_) => (WaitKind::EventLoop, None),
    };
    Blocked {
        kind,
        object: object.map(|r| quiet_label(m, r)),
    }
}

/// The name traces give an object, without numbering an unnamed one for the first time
/// (observing a run must not change the numbers its trace shows): its label, a
/// condition's own lock by its condition's, an object already numbered by its number,
/// else its type's name.
pub fn quiet_label(m: &Machine, r: ObjRef) -> String {
    let Some(inst) = m.instance(r) else {
        return m
            .known_anonymous_label(r)
            .unwrap_or_else(|| m.type_name(Value::Obj(r)).to_string());
    };
    if let Some(l) = &inst.label {
        return l.to_string();
    }
    match inst.state.as_deref() {
        Some(State::Thread(_)) => return object_label(m, r),
        Some(State::RLock(l)) if l.condition.is_some_and(|c| c != r) => {
            return quiet_label(m, l.condition.expect("checked"));
        }
        _ => {}
    }
    m.known_anonymous_label(r)
        .unwrap_or_else(|| m.type_name(Value::Obj(r)).to_string())
}

/// What kind of thing a synchronisation object's operations work on, for observers.
pub fn op_kind(state: &State) -> OpKind {
    match state {
        State::Thread(_) => OpKind::Thread,
        State::Lock(_) | State::RLock(_) => OpKind::Lock,
        State::Condition(_) => OpKind::Condition,
        State::Semaphore(_) => OpKind::Semaphore,
        State::Event(_) => OpKind::Event,
        State::Barrier(_) => OpKind::Barrier,
        State::Queue(_) => OpKind::Queue,
        State::Future(_) => OpKind::Future,
        State::Loop(_) => OpKind::Loop,
        State::Handle(_) => OpKind::Timer,
        State::Exception(_) => OpKind::Other,
    }
}

/// The name traces give an object: its label, else its type and serial.
pub fn object_label(m: &Machine, r: ObjRef) -> String {
    match m.instance(r) {
        Some(inst) => match &inst.label {
            Some(l) => l.to_string(),
            None => match &inst.state {
                Some(s) if matches!(**s, State::Thread(_)) => m
                    .thread_state(r)
                    .map(|t| m.as_str(t.name).unwrap_or("?").to_string())
                    .unwrap_or_default(),
                _ => m.anonymous_label(r),
            },
        },
        None => m.anonymous_label(r),
    }
}

/// The receiver's state of the expected kind, or Python's TypeError for a wrong receiver.
fn receiver<'m, T>(
    m: &'m mut Machine,
    recv: Value,
    what: &str,
    pick: fn(&mut State) -> Option<&mut T>,
) -> Result<&'m mut T, Raised> {
    let ok = recv
        .as_obj()
        .and_then(|r| m.state_mut(r))
        .is_some_and(|s| pick(s).is_some());
    if !ok {
        let found = m.type_name(recv).to_string();
        return m.type_error(format!(
            "descriptor requires a '{what}' object but received a '{found}'"
        ));
    }
    Ok(pick(m.state_mut(recv.as_obj().expect("checked")).expect("checked")).expect("checked"))
}

/// A timeout argument in seconds: `None` (or `-1` where Python allows it) means none.
fn timeout_secs(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        Value::Bool(b) => Some(b as i64 as f64),
        _ => None,
    }
}

fn truthy_arg(v: Value) -> bool {
    match v {
        Value::None | Value::Unset => false,
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::Float(f) => f != 0.0,
        _ => true,
    }
}

/// `with obj:` on a built-in lock, rlock, condition or semaphore (exactly that class):
/// what entering waits for. `None` for other context managers, which `with` calls
/// through their Python `__enter__`/`__exit__`.
pub fn with_wait(m: &Machine, r: ObjRef) -> Option<Wait> {
    let inst = m.instance(r)?;
    if !classes::is_builtin(inst.class) {
        return None;
    }
    match inst.state.as_deref()? {
        State::Lock(_) => Some(Wait::Lock(r)),
        State::RLock(_) => Some(Wait::RLock(r)),
        State::Semaphore(_) => Some(Wait::Semaphore(r)),
        State::Condition(c) => {
            let l = c.lock.as_obj()?;
            match m.state(l)? {
                State::Lock(_) => Some(Wait::Lock(l)),
                State::RLock(_) => Some(Wait::RLock(l)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Enters `with` on a built-in manager whose wait (from [`with_wait`]) holds.
pub fn with_enter(m: &mut Machine, wait: Wait, actor: ActorId) -> Result<(), Raised> {
    match wait {
        Wait::Lock(l) | Wait::RLock(l) => {
            lock::take(m, Value::Obj(l), actor)?;
        }
        Wait::Semaphore(s) => semaphore::take(m, s),
        _ => {}
    }
    Ok(())
}

/// Leaves `with` on a built-in manager (`r` is the managed object itself).
pub fn with_exit(m: &mut Machine, r: ObjRef, actor: ActorId) -> Result<(), Raised> {
    match with_wait(m, r) {
        Some(wait) => with_release(m, wait, actor),
        None => Ok(()),
    }
}

/// Leaves `with` on a built-in manager given what entering it waits for.
pub fn with_release(m: &mut Machine, wait: Wait, actor: ActorId) -> Result<(), Raised> {
    match wait {
        Wait::Lock(l) | Wait::RLock(l) => lock::release_lock(m, Value::Obj(l), actor),
        Wait::Semaphore(s) => semaphore::give(m, s),
        _ => Ok(()),
    }
}
