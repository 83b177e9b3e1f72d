//! `threading.Lock` (`_thread.lock`) and `threading.RLock`.
//!
//! A plain lock may be released by any thread, as in CPython; the owner is remembered
//! only to name it in deadlock reports. An acquire that must wait is not a step until the
//! lock is free (or its timeout has come).

use super::super::actor::ActorId;
use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::truthy_arg;

#[derive(Clone, Default)]
pub struct LockState {
    pub locked: bool,
    /// The actor that acquired it last (for reports).
    pub owner: Option<ActorId>,
}

#[derive(Clone, Default)]
pub struct RLockState {
    pub owner: Option<ActorId>,
    pub count: u64,
    /// The condition that made this lock for itself (`Condition()` without a lock):
    /// observers name the lock after it.
    pub condition: Option<ObjRef>,
}

const ACQUIRE_PARAMS: &[super::super::natives::Param] =
    &[opt("blocking", Default::Bool(true)), opt("timeout", Default::Int(-1))];

pub const LOCK_METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[], Effect::Pure, init_lock),
    NativeDef::new("acquire", ACQUIRE_PARAMS, Effect::Step, acquire).waits(acquire_wait),
    NativeDef::new("__enter__", &[], Effect::Step, enter).waits(enter_wait),
    NativeDef::new("release", &[], Effect::Step, release),
    NativeDef::new("__exit__", &[], Effect::Step, release).varargs(),
    NativeDef::new("locked", &[], Effect::Step, locked),
];

pub const RLOCK_METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[], Effect::Pure, init_rlock),
    NativeDef::new("acquire", ACQUIRE_PARAMS, Effect::Step, acquire).waits(acquire_wait),
    NativeDef::new("__enter__", &[], Effect::Step, enter).waits(enter_wait),
    NativeDef::new("release", &[], Effect::Step, release),
    NativeDef::new("__exit__", &[], Effect::Step, release).varargs(),
    NativeDef::new("_is_owned", &[], Effect::Step, is_owned),
];

fn init_lock(m: &mut Machine, call: &Call) -> NativeResult {
    set_state(m, call.recv, State::Lock(LockState::default()))
}

fn init_rlock(m: &mut Machine, call: &Call) -> NativeResult {
    set_state(m, call.recv, State::RLock(RLockState::default()))
}

pub(super) fn set_state(m: &mut Machine, recv: Value, state: State) -> NativeResult {
    if let Some(inst) = recv.as_obj().and_then(|r| m.instance_mut(r)) {
        inst.state = Some(Box::new(state));
    }
    Ok(Flow::Return(Value::None))
}

/// Whether `actor` could take the lock or rlock `r` now.
pub fn is_free(m: &Machine, r: ObjRef, actor: ActorId) -> bool {
    match m.state(r) {
        Some(State::Lock(l)) => !l.locked,
        Some(State::RLock(l)) => l.owner.is_none() || l.owner == Some(actor),
        _ => true,
    }
}

pub fn owner(m: &Machine, r: ObjRef) -> Option<ActorId> {
    match m.state(r) {
        Some(State::Lock(l)) if l.locked => l.owner,
        Some(State::RLock(l)) => l.owner,
        _ => None,
    }
}

fn wait_kind(m: &Machine, r: ObjRef) -> Wait {
    match m.state(r) {
        Some(State::RLock(_)) => Wait::RLock(r),
        _ => Wait::Lock(r),
    }
}

/// The timeout of `acquire(blocking, timeout)`, or an error message as Python gives it.
fn acquire_timeout(blocking: Value, timeout: Value) -> Result<(bool, Option<f64>), &'static str> {
    let blocking = truthy_arg(blocking);
    let secs = super::timeout_secs(timeout).unwrap_or(-1.0);
    if !blocking && secs != -1.0 {
        return Err("can't specify a timeout for a non-blocking call");
    }
    if secs < 0.0 && secs != -1.0 {
        return Err("timeout value must be positive");
    }
    Ok((blocking, (secs != -1.0).then_some(secs)))
}

fn acquire_wait(m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    let (blocking, timeout) = acquire_timeout(call.args[0], call.args[1]).ok()?;
    blocking.then(|| (wait_kind(m, r), timeout))
}

fn enter_wait(m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    Some((wait_kind(m, r), None))
}

fn acquire(m: &mut Machine, call: &Call) -> NativeResult {
    if let Err(msg) = acquire_timeout(call.args[0], call.args[1]) {
        return m.value_error(msg);
    }
    take(m, call.recv, call.actor).map(|ok| Flow::Return(Value::Bool(ok)))
}

fn enter(m: &mut Machine, call: &Call) -> NativeResult {
    take(m, call.recv, call.actor).map(|ok| Flow::Return(Value::Bool(ok)))
}

/// Takes the lock if `actor` can; returns whether it did.
pub(super) fn take(m: &mut Machine, recv: Value, actor: ActorId) -> Result<bool, Raised> {
    let state = recv.as_obj().and_then(|r| m.state_mut(r));
    Ok(match state {
        Some(State::Lock(l)) if !l.locked => {
            l.locked = true;
            l.owner = Some(actor);
            true
        }
        Some(State::RLock(l)) if l.owner.is_none() || l.owner == Some(actor) => {
            l.owner = Some(actor);
            l.count += 1;
            true
        }
        Some(State::Lock(_) | State::RLock(_)) => false,
        _ => {
            lock_ref(m, recv)?;
            false
        }
    })
}

fn lock_ref(m: &mut Machine, recv: Value) -> Result<ObjRef, Raised> {
    match recv.as_obj() {
        Some(r) if matches!(m.state(r), Some(State::Lock(_) | State::RLock(_))) => Ok(r),
        _ => {
            let found = m.type_name(recv).to_string();
            m.type_error(format!("descriptor requires a 'lock' object but received a '{found}'"))
        }
    }
}

fn release(m: &mut Machine, call: &Call) -> NativeResult {
    release_lock(m, call.recv, call.actor)?;
    Ok(Flow::Return(Value::None))
}

pub(super) fn release_lock(m: &mut Machine, recv: Value, actor: ActorId) -> Result<(), Raised> {
    if let Some(r) = recv.as_obj() {
        m.signal(Signal::Released(r));
    }
    let state = recv.as_obj().and_then(|r| m.state_mut(r));
    match state {
        Some(State::Lock(l)) if l.locked => {
            l.locked = false;
            l.owner = None;
        }
        Some(State::Lock(_)) => return m.raise(classes::RUNTIME_ERROR, "release unlocked lock"),
        Some(State::RLock(l)) if l.owner == Some(actor) => {
            l.count -= 1;
            if l.count == 0 {
                l.owner = None;
            }
        }
        Some(State::RLock(_)) => return m.raise(classes::RUNTIME_ERROR, "cannot release un-acquired lock"),
        _ => {
            lock_ref(m, recv)?;
        }
    }
    Ok(())
}

fn locked(m: &mut Machine, call: &Call) -> NativeResult {
    let r = lock_ref(m, call.recv)?;
    let locked = matches!(m.state(r), Some(State::Lock(l)) if l.locked);
    Ok(Flow::Return(Value::Bool(locked)))
}

fn is_owned(m: &mut Machine, call: &Call) -> NativeResult {
    let r = lock_ref(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(owned_by(m, r, call.actor))))
}

/// Whether `actor` holds the lock (for a plain lock: whether it is locked at all, which is
/// all CPython's `Condition` can check).
pub fn owned_by(m: &Machine, r: ObjRef, actor: ActorId) -> bool {
    match m.state(r) {
        Some(State::Lock(l)) => l.locked,
        Some(State::RLock(l)) => l.owner == Some(actor),
        _ => false,
    }
}

/// Releases the lock completely for `Condition.wait`; returns what restores it.
pub fn release_all(m: &mut Machine, r: ObjRef) -> u64 {
    m.signal(Signal::Released(r));
    match m.state_mut(r) {
        Some(State::Lock(l)) => {
            l.locked = false;
            l.owner = None;
            1
        }
        Some(State::RLock(l)) => {
            let count = l.count;
            l.count = 0;
            l.owner = None;
            count
        }
        _ => 0,
    }
}

/// Takes the lock back after `Condition.wait` (the caller checked it is free).
pub fn restore(m: &mut Machine, r: ObjRef, actor: ActorId, count: u64) {
    match m.state_mut(r) {
        Some(State::Lock(l)) => {
            l.locked = true;
            l.owner = Some(actor);
        }
        Some(State::RLock(l)) => {
            l.owner = Some(actor);
            l.count = count;
        }
        _ => {}
    }
}
