//! `threading.Semaphore` and `BoundedSemaphore`. An acquire that must wait is not a step
//! until the counter is positive (or its timeout has come), which is what CPython's
//! re-checking loop amounts to.

use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::lock::set_state;
use super::truthy_arg;

#[derive(Clone)]
pub struct SemaphoreState {
    pub value: i64,
    /// The initial value of a bounded semaphore.
    pub bound: Option<i64>,
}

const ACQUIRE: &[super::super::natives::Param] = &[opt("blocking", Default::Bool(true)), opt("timeout", Default::None)];

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[opt("value", Default::Int(1))], Effect::Pure, init),
    NativeDef::new("acquire", ACQUIRE, Effect::Step, acquire).waits(acquire_wait),
    NativeDef::new("__enter__", ACQUIRE, Effect::Step, acquire).waits(acquire_wait),
    NativeDef::new("release", &[opt("n", Default::Int(1))], Effect::Step, release),
    NativeDef::new("__exit__", &[], Effect::Step, exit).varargs(),
];

pub const BOUNDED_METHODS: &[NativeDef] = &[NativeDef::new(
    "__init__",
    &[opt("value", Default::Int(1))],
    Effect::Pure,
    init_bounded,
)];

fn initial(m: &mut Machine, v: Value) -> Result<i64, Raised> {
    let value = m.index_int(v)?;
    if value < 0 {
        return m.value_error("semaphore initial value must be >= 0");
    }
    Ok(value)
}

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let value = initial(m, call.args[0])?;
    set_state(m, call.recv, State::Semaphore(SemaphoreState { value, bound: None }))
}

fn init_bounded(m: &mut Machine, call: &Call) -> NativeResult {
    let value = initial(m, call.args[0])?;
    set_state(
        m,
        call.recv,
        State::Semaphore(SemaphoreState {
            value,
            bound: Some(value),
        }),
    )
}

fn this<'m>(m: &'m mut Machine, recv: Value) -> Result<&'m mut SemaphoreState, Raised> {
    super::receiver(m, recv, "Semaphore", |s| match s {
        State::Semaphore(s) => Some(s),
        _ => None,
    })
}

pub fn available(m: &Machine, r: ObjRef) -> bool {
    matches!(m.state(r), Some(State::Semaphore(s)) if s.value > 0)
}

fn acquire_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    let blocking = truthy_arg(call.args[0]);
    blocking.then(|| (Wait::Semaphore(r), super::timeout_secs(call.args[1])))
}

fn acquire(m: &mut Machine, call: &Call) -> NativeResult {
    if !truthy_arg(call.args[0]) && !call.args[1].is_none() {
        return m.value_error("can't specify timeout for non-blocking acquire");
    }
    let s = this(m, call.recv)?;
    let ok = s.value > 0;
    if ok {
        s.value -= 1;
    }
    Ok(Flow::Return(Value::Bool(ok)))
}

fn release(m: &mut Machine, call: &Call) -> NativeResult {
    let n = m.index_int(call.args[0])?;
    add(m, call.recv, n)
}

fn exit(m: &mut Machine, call: &Call) -> NativeResult {
    add(m, call.recv, 1)
}

/// Takes one from semaphore `r` (the caller knows it is positive).
pub fn take(m: &mut Machine, r: ObjRef) {
    if let Some(State::Semaphore(s)) = m.state_mut(r) {
        s.value -= 1;
    }
}

/// Gives one back to semaphore `r`, as `release()`.
pub fn give(m: &mut Machine, r: ObjRef) -> Result<(), Raised> {
    add(m, Value::Obj(r), 1).map(|_| ())
}

fn add(m: &mut Machine, recv: Value, n: i64) -> NativeResult {
    if n < 1 {
        return m.value_error("n must be one or more");
    }
    let s = this(m, recv)?;
    if s.bound.is_some_and(|b| s.value + n > b) {
        return m.value_error("Semaphore released too many times");
    }
    s.value += n;
    if let Some(r) = recv.as_obj() {
        m.signal(Signal::Released(r));
    }
    Ok(Flow::Return(Value::None))
}
