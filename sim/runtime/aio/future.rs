//! `asyncio.Future` as CPython 3.11's `_asyncio.Future` implements it: a pending,
//! finished or cancelled result, and done-callbacks scheduled on the future's loop (one
//! `call_soon` each, in registration order) when it completes.
//!
//! Tasks and gathering futures are futures too; their extra parts live here so one state
//! serves every kind, and cancelling any of them is one native function.

use super::super::classes;
use super::super::exceptions::Raised;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, kw, opt, req};
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::event_loop::{self, Ready};
use super::task::TaskPart;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pending,
    Cancelled,
    Finished,
}

/// A done-callback: a Python callable called with the future, or a task's wake-up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Callback {
    Call(Value),
    Wakeup(ObjRef),
}

/// A future's done-callbacks.
pub type Callbacks = smallvec::SmallVec<[Callback; 1]>;

/// What `gather` adds to a future: its children, cancelled with it.
#[derive(Clone)]
pub struct GatherPart {
    pub children: Vec<Value>,
    pub cancel_requested: bool,
}

/// Laid out in declaration order, what a wake-up reads and writes first (status, flags,
/// result, loop, callbacks, what is awaited in place): those fields share the box's
/// first cache lines, and a future woken from the cold costs as few misses as can be.
#[derive(Clone)]
#[repr(C)]
pub struct FutureState {
    pub status: Status,
    /// `_asyncio_future_blocking`: set while a task waits on it through `await`.
    pub blocking: bool,
    /// An exception was set and nobody has looked at it yet.
    pub log_traceback: bool,
    /// `asyncio.sleep`'s future: the sleep is over, so its timer must not fire (what
    /// cancelling the sleep's `TimerHandle` does).
    pub sleep_ended: bool,
    /// The library coroutine this future stands for, awaited in place (see
    /// [`super::in_place`]).
    pub in_place: Option<super::in_place::InPlace>,
    pub result: Value,
    pub event_loop: Value,
    /// Inline for the usual one (a task waiting on it): no allocation per future.
    pub callbacks: Callbacks,
    pub exception: Value,
    pub cancel_message: Value,
    /// The `CancelledError` that cancelled a task, re-raised to whoever awaits it.
    pub cancelled_exc: Value,
    /// A task's own part, in the same box: a task's step reads it first.
    pub task: Option<TaskPart>,
    pub gather: Option<Box<GatherPart>>,
}

impl FutureState {
    pub fn new(event_loop: Value) -> FutureState {
        FutureState {
            status: Status::Pending,
            result: Value::None,
            exception: Value::None,
            event_loop,
            callbacks: Callbacks::new(),
            cancel_message: Value::None,
            cancelled_exc: Value::None,
            blocking: false,
            log_traceback: false,
            sleep_ended: false,
            in_place: None,
            task: None,
            gather: None,
        }
    }

    pub fn done(&self) -> bool {
        self.status != Status::Pending
    }

    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        f(self.result);
        f(self.exception);
        f(self.event_loop);
        f(self.cancel_message);
        f(self.cancelled_exc);
        if let Some(in_place) = &self.in_place {
            in_place.for_each_child(f);
        }
        for cb in &self.callbacks {
            match cb {
                Callback::Call(v) => f(*v),
                Callback::Wakeup(t) => f(Value::Obj(*t)),
            }
        }
        if let Some(t) = &self.task {
            t.for_each_child(f);
        }
        if let Some(g) = &self.gather {
            g.children.iter().for_each(|c| f(*c));
        }
    }
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[kw("loop", Default::None)], Effect::Pure, init),
    NativeDef::new("result", &[], Effect::Pure, result),
    NativeDef::new("exception", &[], Effect::Pure, exception),
    NativeDef::new("done", &[], Effect::Pure, done),
    NativeDef::new("cancelled", &[], Effect::Pure, cancelled),
    NativeDef::new("cancel", &[opt("msg", Default::None)], Effect::Pure, cancel_method),
    NativeDef::new("set_result", &[req("result")], Effect::Pure, set_result_method),
    NativeDef::new("set_exception", &[req("exception")], Effect::Pure, set_exception_method),
    NativeDef::new(
        "add_done_callback",
        &[req("fn"), kw("context", Default::None)],
        Effect::Pure,
        add_done_callback,
    ),
    NativeDef::new("remove_done_callback", &[req("fn")], Effect::Pure, remove_done_callback),
    NativeDef::new("get_loop", &[], Effect::Pure, get_loop),
    NativeDef::new("_make_cancelled_error", &[], Effect::Pure, make_cancelled_error),
];

pub const GATHERING_METHODS: &[NativeDef] = &[NativeDef::new(
    "__init__",
    &[req("children"), kw("loop", Default::Required)],
    Effect::Pure,
    init_gathering,
)];

fn init_gathering(m: &mut Machine, call: &Call) -> NativeResult {
    let children = m.seq_items(call.arg(0)).map(<[Value]>::to_vec).unwrap_or_default();
    let mut state = FutureState::new(call.arg(1));
    state.gather = Some(Box::new(GatherPart {
        children,
        cancel_requested: false,
    }));
    set(m, call.recv, state);
    Ok(Flow::Return(Value::None))
}

fn make_cancelled_error(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(cancelled_error(m, r)))
}

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let event_loop = match call.arg(0) {
        Value::None => super::functions::get_event_loop(m, call.actor)?,
        l => l,
    };
    set(m, call.recv, FutureState::new(event_loop));
    Ok(Flow::Return(Value::None))
}

/// Gives instance `recv` the state of a future.
pub fn set(m: &mut Machine, recv: Value, state: FutureState) {
    if let Some(inst) = recv.as_obj().and_then(|r| m.instance_mut(r)) {
        inst.state = Some(Box::new(State::Future(state)));
    }
}

/// A new future (of `class`) on `event_loop`.
pub fn new_future(m: &mut Machine, class: crate::compile::ClassId, state: FutureState) -> ObjRef {
    m.alloc_instance(class, Some(State::Future(state)))
}

#[inline]
pub fn peek<'a>(m: &'a Machine<'_>, r: ObjRef) -> Option<&'a FutureState> {
    match m.state(r) {
        Some(State::Future(f)) => Some(f),
        _ => None,
    }
}

#[inline]
pub fn peek_mut<'m>(m: &'m mut Machine, r: ObjRef) -> Option<&'m mut FutureState> {
    match m.state_mut(r) {
        Some(State::Future(f)) => Some(f),
        _ => None,
    }
}

/// Whether `v` is an asyncio future (a task, a gathering future, ...).
pub fn is_future(m: &Machine, v: Value) -> bool {
    v.as_obj().is_some_and(|r| peek(m, r).is_some())
}

/// The receiver's future state, or CPython's error for anything else.
pub fn this(m: &mut Machine, recv: Value) -> Result<ObjRef, Raised> {
    match recv.as_obj().filter(|r| peek(m, *r).is_some()) {
        Some(r) => Ok(r),
        None => {
            let found = m.type_name(recv).to_string();
            m.type_error(format!(
                "descriptor requires a '_asyncio.Future' object but received a '{found}'"
            ))
        }
    }
}

#[inline]
fn get<'a>(m: &'a Machine<'_>, r: ObjRef) -> &'a FutureState {
    peek(m, r).expect("a future")
}

#[inline]
fn get_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut FutureState {
    peek_mut(m, r).expect("a future")
}

/// The `CancelledError` to raise for cancelled future `r` (`_make_cancelled_error`).
pub fn cancelled_error(m: &mut Machine, r: ObjRef) -> Value {
    let f = get_mut(m, r);
    let saved = std::mem::replace(&mut f.cancelled_exc, Value::None);
    if !saved.is_none() {
        return saved;
    }
    let msg = f.cancel_message;
    let args = if msg.is_none() { Vec::new() } else { vec![msg] };
    m.new_exception(classes::CANCELLED_ERROR, args)
}

/// `fut.result()`: the value, or the exception to raise.
pub fn outcome(m: &mut Machine, r: ObjRef) -> Result<Value, Raised> {
    match get(m, r).status {
        Status::Cancelled => Err(Raised(cancelled_error(m, r))),
        Status::Pending => m.raise(classes::INVALID_STATE_ERROR, "Result is not set."),
        Status::Finished => {
            let f = get_mut(m, r);
            f.log_traceback = false;
            if f.exception.is_none() {
                Ok(f.result)
            } else {
                Err(Raised(f.exception))
            }
        }
    }
}

fn result(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    outcome(m, r).map(Flow::Return)
}

fn exception(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    match get(m, r).status {
        Status::Cancelled => Err(Raised(cancelled_error(m, r))),
        Status::Pending => m.raise(classes::INVALID_STATE_ERROR, "Exception is not set."),
        Status::Finished => {
            let f = get_mut(m, r);
            f.log_traceback = false;
            Ok(Flow::Return(f.exception))
        }
    }
}

fn done(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(get(m, r).done())))
}

fn cancelled(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(get(m, r).status == Status::Cancelled)))
}

fn cancel_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(cancel(m, r, call.arg(0))?)))
}

/// `fut.cancel(msg)` for any kind of future: a task cancels what it waits on, a
/// gathering future its children, a plain future itself.
pub fn cancel(m: &mut Machine, r: ObjRef, msg: Value) -> Result<bool, Raised> {
    if get(m, r).task.is_some() {
        return super::task::cancel(m, r, msg);
    }
    if get(m, r).gather.is_some() {
        return cancel_gathering(m, r, msg);
    }
    Ok(cancel_plain(m, r, msg))
}

/// `Future.cancel` itself.
pub fn cancel_plain(m: &mut Machine, r: ObjRef, msg: Value) -> bool {
    let f = get_mut(m, r);
    f.log_traceback = false;
    if f.done() {
        return false;
    }
    f.status = Status::Cancelled;
    f.cancel_message = msg;
    schedule_callbacks(m, r);
    true
}

/// `_GatheringFuture.cancel`: cancels every child; asks for cancellation if any took it.
fn cancel_gathering(m: &mut Machine, r: ObjRef, msg: Value) -> Result<bool, Raised> {
    if get(m, r).done() {
        return Ok(false);
    }
    let children = get(m, r)
        .gather
        .as_ref()
        .map(|g| g.children.clone())
        .unwrap_or_default();
    let mut any = false;
    for child in children {
        if let Some(c) = child.as_obj().filter(|c| peek(m, *c).is_some())
            && cancel(m, c, msg)?
        {
            any = true;
        }
    }
    if any && let Some(g) = get_mut(m, r).gather.as_mut() {
        g.cancel_requested = true;
    }
    Ok(any)
}

fn set_result_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    if get(m, r).done() {
        return m.raise(classes::INVALID_STATE_ERROR, "invalid state");
    }
    set_result(m, r, call.arg(0));
    Ok(Flow::Return(Value::None))
}

/// Finishes pending future `r` with `v`.
pub fn set_result(m: &mut Machine, r: ObjRef, v: Value) {
    let f = get_mut(m, r);
    f.result = v;
    f.status = Status::Finished;
    schedule_callbacks(m, r);
}

fn set_exception_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    if get(m, r).done() {
        return m.raise(classes::INVALID_STATE_ERROR, "invalid state");
    }
    let mut exc = call.arg(0);
    if let Value::Class(c) = exc
        && m.program.is_subclass(c, classes::BASE_EXCEPTION)
    {
        exc = m.new_exception(c, Vec::new());
    }
    if !m.is_instance(exc, classes::BASE_EXCEPTION) {
        return m.type_error("invalid exception object");
    }
    if m.type_of(exc) == classes::STOP_ITERATION {
        return m.type_error("StopIteration interacts badly with generators and cannot be raised into a Future");
    }
    set_exception(m, r, exc);
    Ok(Flow::Return(Value::None))
}

/// Finishes pending future `r` with exception `exc`.
pub fn set_exception(m: &mut Machine, r: ObjRef, exc: Value) {
    let f = get_mut(m, r);
    f.exception = exc;
    f.status = Status::Finished;
    f.log_traceback = true;
    schedule_callbacks(m, r);
}

/// Schedules every done-callback of `r` on its loop, in registration order, and forgets
/// them.
fn schedule_callbacks(m: &mut Machine, r: ObjRef) {
    m.signal(Signal::Completed(r));
    let f = get_mut(m, r);
    let callbacks = std::mem::take(&mut f.callbacks);
    let event_loop = f.event_loop;
    for cb in callbacks {
        event_loop::call_soon(m, event_loop, ready_for(cb, r));
    }
}

fn ready_for(cb: Callback, fut: ObjRef) -> Ready {
    match cb {
        Callback::Call(func) => Ready::Callback {
            func,
            arg: Value::Obj(fut),
        },
        Callback::Wakeup(task) => Ready::Wakeup { task, fut },
    }
}

fn add_done_callback(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    add_callback(m, r, Callback::Call(call.arg(0)));
    Ok(Flow::Return(Value::None))
}

/// Adds a done-callback, or schedules it at once when `r` is already done.
pub fn add_callback(m: &mut Machine, r: ObjRef, cb: Callback) {
    let f = get_mut(m, r);
    if f.done() {
        let event_loop = f.event_loop;
        event_loop::call_soon(m, event_loop, ready_for(cb, r));
    } else {
        f.callbacks.push(cb);
    }
}

fn remove_done_callback(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let target = call.arg(0);
    let callbacks = get(m, r).callbacks.clone();
    let mut kept = Callbacks::with_capacity(callbacks.len());
    for cb in callbacks {
        let same = match cb {
            Callback::Call(v) => m.eq(v, target)?,
            Callback::Wakeup(_) => false,
        };
        if !same {
            kept.push(cb);
        }
    }
    let f = get_mut(m, r);
    let removed = f.callbacks.len() - kept.len();
    f.callbacks = kept;
    Ok(Flow::Return(Value::Int(removed as i64)))
}

fn get_loop(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(get(m, r).event_loop))
}

/// `_asyncio_future_blocking`, `_state`, `_loop`, ... as attributes.
pub fn property(m: &Machine, r: ObjRef, name: &str) -> Option<Value> {
    let f = peek(m, r)?;
    Some(match name {
        "_asyncio_future_blocking" => Value::Bool(f.blocking),
        "_loop" => f.event_loop,
        "_log_traceback" => Value::Bool(f.log_traceback),
        "_cancel_message" => f.cancel_message,
        "_cancel_requested" => Value::Bool(f.gather.as_ref()?.cancel_requested),
        _ => return super::task::property(f, name),
    })
}

/// Assigning `_asyncio_future_blocking` or `_log_traceback` (to `False`) on a future.
pub fn set_property(m: &mut Machine, r: ObjRef, name: &str, v: Value) -> Result<bool, Raised> {
    let truthy = matches!(v, Value::Bool(true));
    let Some(f) = peek_mut(m, r) else { return Ok(false) };
    match name {
        "_asyncio_future_blocking" => f.blocking = truthy,
        "_log_traceback" => {
            if truthy {
                return m.value_error("_log_traceback can only be set to False");
            }
            f.log_traceback = false;
        }
        "_cancel_requested" => match f.gather.as_mut() {
            Some(g) => g.cancel_requested = truthy,
            None => return Ok(false),
        },
        _ => return Ok(false),
    }
    Ok(true)
}

/// `<Future pending>`, `<Future finished result=1>`, `<Task cancelled name='Task-2'
/// coro=<main()>>`: CPython's repr without the file positions and memory addresses.
pub fn repr(m: &Machine, r: ObjRef, value_repr: &dyn Fn(Value) -> String) -> String {
    let f = get(m, r);
    let name = m.class_name(m.type_of(Value::Obj(r)));
    let mut text = format!("<{name} ");
    let cancelling = f
        .task
        .as_ref()
        .is_some_and(|t| t.must_cancel || t.num_cancels_requested > 0);
    text.push_str(match f.status {
        Status::Pending if cancelling => "cancelling",
        Status::Pending => "pending",
        Status::Cancelled => "cancelled",
        Status::Finished => "finished",
    });
    if let Some(t) = &f.task {
        let coro = super::task::coro_name(m, t.coro);
        text.push_str(&format!(" name={} coro=<{coro}()>", value_repr(t.name)));
    }
    if f.status == Status::Finished {
        if f.exception.is_none() {
            text.push_str(&format!(" result={}", value_repr(f.result)));
        } else {
            text.push_str(&format!(" exception={}", value_repr(f.exception)));
        }
    }
    text.push('>');
    text
}
