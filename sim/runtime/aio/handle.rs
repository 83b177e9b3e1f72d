//! `asyncio.Handle` and `asyncio.TimerHandle`: a callback with its arguments that the
//! loop will call, and can be cancelled until then.

use super::super::exceptions::Raised;
use super::super::machine::Machine;
use super::super::natives::{Call, Effect, Flow, NativeDef, NativeResult};
use super::super::state::State;
use super::super::time::Time;
use super::super::value::{ObjRef, Value};

/// A handle's callback arguments.
pub type HandleArgs = smallvec::SmallVec<[Value; 2]>;

#[derive(Clone)]
pub struct HandleState {
    pub callback: Value,
    /// Inline for the usual one or two arguments (no allocation per handle).
    pub args: HandleArgs,
    pub cancelled: bool,
    /// A timer's deadline.
    pub when: Option<Time>,
    pub event_loop: Value,
}

impl HandleState {
    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        f(self.callback);
        self.args.iter().for_each(|a| f(*a));
        f(self.event_loop);
    }
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("cancel", &[], Effect::Pure, cancel),
    NativeDef::new("cancelled", &[], Effect::Pure, cancelled),
];

pub const TIMER_METHODS: &[NativeDef] = &[
    NativeDef::new("cancel", &[], Effect::Pure, cancel),
    NativeDef::new("cancelled", &[], Effect::Pure, cancelled),
    NativeDef::new("when", &[], Effect::Pure, when),
];

fn peek<'a>(m: &'a Machine<'_>, r: ObjRef) -> Option<&'a HandleState> {
    match m.state(r) {
        Some(State::Handle(h)) => Some(h),
        _ => None,
    }
}

fn this<'m>(m: &'m mut Machine, recv: Value) -> Result<&'m mut HandleState, Raised> {
    if recv.as_obj().and_then(|r| peek(m, r)).is_none() {
        let found = m.type_name(recv).to_string();
        return m.type_error(format!(
            "descriptor requires a 'Handle' object but received a '{found}'"
        ));
    }
    match m.state_mut(recv.as_obj().expect("checked")) {
        Some(State::Handle(h)) => Ok(h),
        _ => unreachable!("checked"),
    }
}

pub fn is_cancelled(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|h| h.cancelled)
}

/// The callback, its arguments, and whether the handle is a timer.
pub fn call_of(m: &Machine, r: ObjRef) -> (Value, HandleArgs, bool) {
    let h = peek(m, r).expect("a handle");
    (h.callback, h.args.clone(), h.when.is_some())
}

/// `<Handle cb(1)>`, `<TimerHandle when=1.0 cb()>`, `<Handle cancelled>`.
pub fn repr(m: &Machine, r: ObjRef, value_repr: &dyn Fn(Value) -> String) -> String {
    let h = peek(m, r).expect("a handle");
    let class = m.class_name(m.type_of(Value::Obj(r)));
    let mut text = format!("<{class}");
    if h.cancelled {
        text.push_str(" cancelled");
    }
    if let Some(w) = h.when {
        text.push_str(&format!(" when={}", value_repr(Value::Float(w.as_secs_f64()))));
    }
    if !h.callback.is_none() {
        let args: Vec<String> = h.args.iter().map(|a| value_repr(*a)).collect();
        let name = super::event_loop::callable_name(m, h.callback);
        text.push_str(&format!(" {name}({})", args.join(", ")));
    }
    text.push('>');
    text
}

fn cancel(m: &mut Machine, call: &Call) -> NativeResult {
    let h = this(m, call.recv)?;
    if !h.cancelled {
        h.cancelled = true;
        h.callback = Value::None;
        h.args.clear();
    }
    Ok(Flow::Return(Value::None))
}

fn cancelled(m: &mut Machine, call: &Call) -> NativeResult {
    let h = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(h.cancelled)))
}

fn when(m: &mut Machine, call: &Call) -> NativeResult {
    let h = this(m, call.recv)?;
    Ok(Flow::Return(Value::Float(h.when.unwrap_or(Time::ZERO).as_secs_f64())))
}
