//! `threading.Condition`, following CPython 3.11: `wait` registers a waiter and releases
//! the lock (one step), then wakes when notified or timed out and the lock is free, taking
//! it back (a second step). `notify(n)` wakes the first `n` waiters in order; one whose
//! timeout already passed uses up a notification without being woken, as in CPython.

use super::super::actor::ActorId;
use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::time::Time;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::lock;

#[derive(Clone)]
pub struct ConditionState {
    pub lock: Value,
    waiters: Vec<Waiter>,
}

#[derive(Clone)]
struct Waiter {
    token: u64,
    deadline: Option<Time>,
    /// What restores an RLock's recursion count.
    saved: u64,
    status: Status,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Waiting,
    Notified,
    /// Picked by `notify` after its timeout had passed: it still returns `False`.
    Consumed,
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[opt("lock", Default::None)], Effect::Pure, init),
    NativeDef::new(
        "acquire",
        &[opt("blocking", Default::Bool(true)), opt("timeout", Default::Int(-1))],
        Effect::Step,
        acquire,
    )
    .waits(acquire_wait),
    NativeDef::new("__enter__", &[], Effect::Step, acquire).waits(acquire_wait),
    NativeDef::new("release", &[], Effect::Step, release),
    NativeDef::new("__exit__", &[], Effect::Step, release).varargs(),
    NativeDef::new("wait", &[opt("timeout", Default::None)], Effect::Step, wait),
    NativeDef::new("notify", &[opt("n", Default::Int(1))], Effect::Step, notify),
    NativeDef::new("notify_all", &[], Effect::Step, notify_all),
    NativeDef::new("notifyAll", &[], Effect::Step, notify_all),
    NativeDef::new("_is_owned", &[], Effect::Step, is_owned),
];

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let lock = match call.args[0] {
        Value::None => {
            let state = lock::RLockState {
                owner: None,
                count: 0,
                condition: call.recv.as_obj(),
            };
            Value::Obj(m.alloc_instance(classes::RLOCK, Some(State::RLock(state))))
        }
        given => given,
    };
    lock::set_state(
        m,
        call.recv,
        State::Condition(ConditionState {
            lock,
            waiters: Vec::new(),
        }),
    )
}

fn this<'m>(m: &'m Machine, recv: Value) -> Option<&'m ConditionState> {
    match m.state(recv.as_obj()?) {
        Some(State::Condition(c)) => Some(c),
        _ => None,
    }
}

fn this_mut<'m>(m: &'m mut Machine, r: ObjRef) -> Option<&'m mut ConditionState> {
    match m.state_mut(r) {
        Some(State::Condition(c)) => Some(c),
        _ => None,
    }
}

fn lock_of(m: &mut Machine, recv: Value) -> Result<Value, Raised> {
    match this(m, recv) {
        Some(c) => Ok(c.lock),
        None => {
            let found = m.type_name(recv).to_string();
            m.type_error(format!(
                "descriptor requires a 'Condition' object but received a '{found}'"
            ))
        }
    }
}

fn acquire_wait(m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let lock = this(m, call.recv)?.lock.as_obj()?;
    let blocking = call.args.first().is_none_or(|b| super::truthy_arg(*b));
    let timeout = call
        .args
        .get(1)
        .and_then(|t| super::timeout_secs(*t))
        .filter(|t| *t >= 0.0);
    let wait = match m.state(lock) {
        Some(State::RLock(_)) => Wait::RLock(lock),
        _ => Wait::Lock(lock),
    };
    blocking.then_some((wait, timeout))
}

fn acquire(m: &mut Machine, call: &Call) -> NativeResult {
    let lock = lock_of(m, call.recv)?;
    lock::take(m, lock, call.actor).map(|ok| Flow::Return(Value::Bool(ok)))
}

fn release(m: &mut Machine, call: &Call) -> NativeResult {
    let lock = lock_of(m, call.recv)?;
    lock::release_lock(m, lock, call.actor)?;
    Ok(Flow::Return(Value::None))
}

fn owns(m: &mut Machine, recv: Value, actor: ActorId) -> Result<bool, Raised> {
    let lock = lock_of(m, recv)?;
    Ok(lock.as_obj().is_some_and(|l| lock::owned_by(m, l, actor)))
}

fn is_owned(m: &mut Machine, call: &Call) -> NativeResult {
    owns(m, call.recv, call.actor).map(|b| Flow::Return(Value::Bool(b)))
}

fn wait(m: &mut Machine, call: &Call) -> NativeResult {
    if !owns(m, call.recv, call.actor)? {
        return m.raise(classes::RUNTIME_ERROR, "cannot wait on un-acquired lock");
    }
    let r = call.recv.as_obj().expect("checked");
    let lock = lock_of(m, call.recv)?.as_obj().expect("checked");
    let deadline = match super::timeout_secs(call.args[0]) {
        None => None,
        Some(t) => Some(m.now.after(t.max(0.0))),
    };
    let saved = lock::release_all(m, lock);
    let token = m.token();
    if let Some(c) = this_mut(m, r) {
        c.waiters.push(Waiter {
            token,
            deadline,
            saved,
            status: Status::Waiting,
        });
    }
    Ok(Flow::Block(super::super::natives::Block {
        wait: Wait::Condition(r, token),
        deadline,
    }))
}

fn waiter<'m>(m: &'m Machine, r: ObjRef, token: u64) -> Option<&'m Waiter> {
    match m.state(r) {
        // Waiters are pushed as they register, so their tokens are in increasing order.
        Some(State::Condition(c)) => {
            let i = c.waiters.binary_search_by_key(&token, |w| w.token).ok()?;
            c.waiters.get(i)
        }
        _ => None,
    }
}

/// Whether the condition's lock could be taken back by `actor`.
pub fn lock_available(m: &Machine, r: ObjRef, actor: ActorId) -> bool {
    match m.state(r) {
        Some(State::Condition(c)) => c.lock.as_obj().is_none_or(|l| lock::is_free(m, l, actor)),
        _ => true,
    }
}

/// Notified (or timed out, checked by the caller through the deadline) and the lock free.
pub fn ready(m: &Machine, r: ObjRef, token: u64, actor: ActorId) -> bool {
    waiter(m, r, token).is_none_or(|w| w.status != Status::Waiting) && lock_available(m, r, actor)
}

/// The tokens of the condition's waiters, in the order they registered.
pub fn tokens(c: &ConditionState) -> impl Iterator<Item = u64> + '_ {
    c.waiters.iter().map(|w| w.token)
}

/// The tokens of the waiters a `notify` picked (woken, or consumed after their timeout).
pub fn notified_tokens(c: &ConditionState) -> impl Iterator<Item = u64> + '_ {
    c.waiters
        .iter()
        .filter(|w| w.status != Status::Waiting)
        .map(|w| w.token)
}

/// How deep the waiter with `token` held the lock when it began waiting.
pub fn saved(m: &Machine, r: ObjRef, token: u64) -> u64 {
    waiter(m, r, token).map_or(1, |w| w.saved)
}

pub fn finish_wait(m: &mut Machine, actor: ActorId, r: ObjRef, token: u64) -> NativeResult {
    let Some(c) = this_mut(m, r) else {
        return Ok(Flow::Return(Value::Bool(false)));
    };
    let lock = c.lock;
    let Ok(pos) = c.waiters.binary_search_by_key(&token, |w| w.token) else {
        return Ok(Flow::Return(Value::Bool(false)));
    };
    let w = c.waiters.remove(pos);
    if let Some(l) = lock.as_obj() {
        lock::restore(m, l, actor, w.saved);
    }
    Ok(Flow::Return(Value::Bool(w.status == Status::Notified)))
}

fn notify(m: &mut Machine, call: &Call) -> NativeResult {
    let n = match call.args[0] {
        Value::Int(n) => n,
        Value::Bool(b) => b as i64,
        other => {
            let t = m.type_name(other).to_string();
            return m.type_error(format!("'{t}' object cannot be interpreted as an integer"));
        }
    };
    wake(m, call, n)
}

fn notify_all(m: &mut Machine, call: &Call) -> NativeResult {
    wake(m, call, i64::MAX)
}

fn wake(m: &mut Machine, call: &Call, mut n: i64) -> NativeResult {
    if !owns(m, call.recv, call.actor)? {
        return m.raise(classes::RUNTIME_ERROR, "cannot notify on un-acquired lock");
    }
    let now = m.now;
    let r = call.recv.as_obj().expect("checked");
    let mut notified = Vec::new();
    if let Some(c) = this_mut(m, r) {
        for w in c.waiters.iter_mut().filter(|w| w.status == Status::Waiting) {
            if n <= 0 {
                break;
            }
            w.status = if w.deadline.is_some_and(|d| d < now) {
                Status::Consumed
            } else {
                notified.push(w.token);
                Status::Notified
            };
            n -= 1;
        }
    }
    for token in notified {
        m.signal(Signal::Notified(r, token));
    }
    Ok(Flow::Return(Value::None))
}
