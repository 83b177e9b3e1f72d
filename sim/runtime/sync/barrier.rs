//! `threading.Barrier`'s state machine, as in CPython 3.11 (filling, draining, resetting,
//! broken). `wait` itself is in the library's Python source, because the last party runs
//! the barrier's action; the natives here are its atomic pieces.

use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt, req};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::lock::set_state;

const FILLING: i8 = 0;
const DRAINING: i8 = 1;
const RESETTING: i8 = -1;
const BROKEN: i8 = -2;

#[derive(Clone)]
pub struct BarrierState {
    pub parties: i64,
    pub action: Value,
    pub timeout: Value,
    state: i8,
    count: i64,
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new(
        "__init__",
        &[
            req("parties"),
            opt("action", Default::None),
            opt("timeout", Default::None),
        ],
        Effect::Pure,
        init,
    ),
    NativeDef::new("_enter", &[], Effect::Step, enter).waits(enter_wait),
    NativeDef::new("_drain", &[], Effect::Step, drain),
    NativeDef::new("_wait", &[opt("timeout", Default::None)], Effect::Step, wait).waits(release_wait),
    NativeDef::new("_exit", &[], Effect::Step, exit),
    NativeDef::new("_break", &[], Effect::Step, abort),
    NativeDef::new("abort", &[], Effect::Step, abort),
    NativeDef::new("reset", &[], Effect::Step, reset),
];

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let parties = m.index_int(call.args[0])?;
    let state = BarrierState {
        parties,
        action: call.args[1],
        timeout: call.args[2],
        state: FILLING,
        count: 0,
    };
    set_state(m, call.recv, State::Barrier(state))
}

fn this<'m>(m: &'m mut Machine, recv: Value) -> Result<&'m mut BarrierState, Raised> {
    super::receiver(m, recv, "Barrier", |s| match s {
        State::Barrier(b) => Some(b),
        _ => None,
    })
}

fn peek<'m>(m: &'m Machine, r: ObjRef) -> Option<&'m BarrierState> {
    match m.state(r) {
        Some(State::Barrier(b)) => Some(b),
        _ => None,
    }
}

pub fn can_enter(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|b| b.state != DRAINING && b.state != RESETTING)
}

pub fn released(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|b| b.state != FILLING)
}

fn enter_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    Some((Wait::BarrierEnter(r), None))
}

fn enter(m: &mut Machine, call: &Call) -> NativeResult {
    let b = this(m, call.recv)?;
    if b.state < 0 {
        return m.raise(classes::BROKEN_BARRIER_ERROR, "");
    }
    let index = b.count;
    b.count += 1;
    Ok(Flow::Return(Value::Int(index)))
}

fn drain(m: &mut Machine, call: &Call) -> NativeResult {
    this(m, call.recv)?.state = DRAINING;
    changed(m, call);
    Ok(Flow::Return(Value::None))
}

fn release_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    Some((Wait::BarrierRelease(r), super::timeout_secs(call.args[0])))
}

fn wait(m: &mut Machine, call: &Call) -> NativeResult {
    let b = this(m, call.recv)?;
    if b.state == FILLING {
        b.state = BROKEN;
        changed(m, call);
        return m.raise(classes::BROKEN_BARRIER_ERROR, "");
    }
    if b.state < 0 {
        return m.raise(classes::BROKEN_BARRIER_ERROR, "");
    }
    Ok(Flow::Return(Value::None))
}

fn exit(m: &mut Machine, call: &Call) -> NativeResult {
    let b = this(m, call.recv)?;
    b.count -= 1;
    if b.count == 0 && (b.state == RESETTING || b.state == DRAINING) {
        b.state = FILLING;
    }
    changed(m, call);
    Ok(Flow::Return(Value::None))
}

fn abort(m: &mut Machine, call: &Call) -> NativeResult {
    this(m, call.recv)?.state = BROKEN;
    changed(m, call);
    Ok(Flow::Return(Value::None))
}

fn reset(m: &mut Machine, call: &Call) -> NativeResult {
    let b = this(m, call.recv)?;
    if b.count > 0 {
        if b.state == FILLING || b.state == BROKEN {
            b.state = RESETTING;
        }
    } else {
        b.state = FILLING;
    }
    changed(m, call);
    Ok(Flow::Return(Value::None))
}

/// Notes that the barrier changed state: waiters to enter or to be released may go on.
fn changed(m: &mut Machine, call: &Call) {
    if let Some(r) = call.recv.as_obj() {
        m.signal(Signal::Barrier(r));
    }
}

/// Python properties of a barrier: `parties`, `n_waiting`, `broken`, and the library's
/// `_action` and `_timeout`.
pub fn property(m: &Machine, r: ObjRef, name: &str) -> Option<Value> {
    let b = peek(m, r)?;
    Some(match name {
        "parties" => Value::Int(b.parties),
        "n_waiting" => Value::Int(if b.state == FILLING { b.count } else { 0 }),
        "broken" => Value::Bool(b.state == BROKEN),
        "_action" => b.action,
        "_timeout" => b.timeout,
        _ => return None,
    })
}
