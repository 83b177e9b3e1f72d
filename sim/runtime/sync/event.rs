//! `threading.Event`: `wait` returns at once when the flag is set; otherwise it registers
//! (one step) and wakes when a `set` notifies it or its timeout passes (a second step). A
//! waiter woken by `set` returns `True` even if the flag was cleared again, as in CPython.

use super::super::machine::Machine;
use super::super::natives::{Block, Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::lock::set_state;

#[derive(Clone, Default)]
pub struct EventState {
    pub flag: bool,
    /// Every wait registered with a token up to this one was woken by a `set`: tokens
    /// grow with each registration, so the last `set` wakes exactly the earlier ones.
    woken_upto: u64,
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[], Effect::Pure, init),
    NativeDef::new("is_set", &[], Effect::Step, is_set),
    NativeDef::new("isSet", &[], Effect::Step, is_set),
    NativeDef::new("set", &[], Effect::Step, set),
    NativeDef::new("clear", &[], Effect::Step, clear),
    NativeDef::new("wait", &[opt("timeout", Default::None)], Effect::Step, wait),
];

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    set_state(m, call.recv, State::Event(EventState::default()))
}

fn this<'m>(m: &'m mut Machine, recv: Value) -> Result<&'m mut EventState, Raised> {
    super::receiver(m, recv, "Event", |s| match s {
        State::Event(e) => Some(e),
        _ => None,
    })
}

fn is_set(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(this(m, call.recv)?.flag)))
}

fn set(m: &mut Machine, call: &Call) -> NativeResult {
    let issued = m.next_token;
    let e = this(m, call.recv)?;
    e.flag = true;
    e.woken_upto = issued;
    if let Some(r) = call.recv.as_obj() {
        m.signal(Signal::Set(r));
    }
    Ok(Flow::Return(Value::None))
}

fn clear(m: &mut Machine, call: &Call) -> NativeResult {
    this(m, call.recv)?.flag = false;
    Ok(Flow::Return(Value::None))
}

fn wait(m: &mut Machine, call: &Call) -> NativeResult {
    let timeout = super::timeout_secs(call.args[0]);
    let token = m.token();
    let now = m.now;
    let e = this(m, call.recv)?;
    if e.flag {
        return Ok(Flow::Return(Value::Bool(true)));
    }
    Ok(Flow::Block(Block {
        wait: Wait::Event(call.recv.as_obj().expect("checked"), token),
        deadline: timeout.map(|t| now.after(t.max(0.0))),
    }))
}

pub fn woken(m: &Machine, r: ObjRef, token: u64) -> bool {
    match m.state(r) {
        Some(State::Event(e)) => token <= e.woken_upto,
        _ => true,
    }
}

pub fn finish_wait(m: &mut Machine, r: ObjRef, token: u64) -> NativeResult {
    let woken = woken(m, r, token);
    Ok(Flow::Return(Value::Bool(woken)))
}
