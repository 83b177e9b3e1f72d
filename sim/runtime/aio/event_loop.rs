//! The asyncio event loop, as CPython 3.11's `BaseEventLoop` runs it on the virtual
//! clock: a FIFO of ready callbacks, timers ordered by deadline then by scheduling
//! order (`timers.rs`), and `_run_once` iterations that move due timers to the ready queue
//! and run exactly the callbacks that were ready when the iteration began.
//!
//! `run_forever` (in the library's Python) calls `_run_once_step` until it returns
//! `False`; each call is one step of the thread running the loop and runs one callback:
//! a task step resumes the task's coroutine on the thread (`Flow::Resume`), a Python
//! callback runs through the library's `_run_handle`. With nothing ready, the step waits
//! for the next timer's deadline (the clock moves) or, with no timer, for another thread
//! to call `call_soon_threadsafe`; if nothing can ever wake it, the run is a deadlock.

use std::collections::VecDeque;

use super::super::actor::ActorId;
use super::super::classes;
use super::super::events::{Op, OpKind};
use super::super::exceptions::Raised;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, TailArgs, kw, req};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::time::{MAX_DURATION, Time, signed_ns};
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::future::{self, Status};
use super::handle::{self, HandleState};
use super::task;
use super::timers::{Timed, Timer, Timers};

/// A callback waiting in the ready queue.
#[derive(Clone, Copy, Debug)]
pub enum Ready {
    /// A `Handle` or `TimerHandle` (`call_soon`, `call_later`, ...): skipped if cancelled.
    Handle(ObjRef),
    /// A future's done-callback: `func(arg)`.
    Callback { func: Value, arg: Value },
    /// A task waking because the future it awaited is done.
    Wakeup { task: ObjRef, fut: ObjRef },
    /// A task's next step, throwing `exc` into it unless it is `None`.
    Step { task: ObjRef, exc: Value },
    /// `asyncio.sleep`'s timer: `_set_result_unless_cancelled(fut, result)`, skipped if
    /// the sleep ended before (see [`super::sleep`]).
    Sleep { fut: ObjRef, result: Value },
}

impl Ready {
    fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        match *self {
            Ready::Handle(h) => f(Value::Obj(h)),
            Ready::Callback { func, arg } => {
                f(func);
                f(arg);
            }
            Ready::Wakeup { task, fut } => {
                f(Value::Obj(task));
                f(Value::Obj(fut));
            }
            Ready::Step { task, exc } => {
                f(Value::Obj(task));
                f(exc);
            }
            Ready::Sleep { fut, result } => {
                f(Value::Obj(fut));
                f(result);
            }
        }
    }
}

/// The ready callback a due timer becomes.
fn ready(t: &Timer) -> Ready {
    match t.what {
        Timed::Handle(h) => Ready::Handle(h),
        Timed::Sleep { fut, result } => Ready::Sleep { fut, result },
    }
}

#[derive(Clone)]
pub struct LoopState {
    ready: VecDeque<Ready>,
    timers: Timers,
    /// Callbacks of the current iteration still to run (`ntodo` in `_run_once`).
    todo: usize,
    in_iteration: bool,
    /// The thread running the loop, while it runs.
    pub running: Option<ActorId>,
    stopping: bool,
    closed: bool,
    debug: bool,
    pub(super) current_task: Value,
    /// Tasks created on this loop, in creation order (finished ones are dropped now and
    /// then).
    tasks: Vec<ObjRef>,
    unfinished: usize,
}

impl std::default::Default for LoopState {
    fn default() -> Self {
        LoopState {
            ready: VecDeque::new(),
            timers: Timers::default(),
            todo: 0,
            in_iteration: false,
            running: None,
            stopping: false,
            closed: false,
            debug: false,
            current_task: Value::None,
            tasks: Vec::new(),
            unfinished: 0,
        }
    }
}

impl LoopState {
    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        self.ready.iter().for_each(|r| r.for_each_child(f));
        self.timers.iter().for_each(|t| t.for_each_child(f));
        f(self.current_task);
        self.tasks.iter().for_each(|t| f(Value::Obj(*t)));
    }
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[], Effect::Pure, init),
    NativeDef::new("time", &[], Effect::Pure, time),
    NativeDef::new(
        "call_soon",
        &[req("callback"), kw("context", Default::None)],
        Effect::Pure,
        call_soon_method,
    )
    .varargs(),
    NativeDef::new(
        "call_soon_threadsafe",
        &[req("callback"), kw("context", Default::None)],
        Effect::Step,
        call_soon_threadsafe,
    )
    .varargs(),
    NativeDef::new(
        "call_later",
        &[req("delay"), req("callback"), kw("context", Default::None)],
        Effect::Pure,
        call_later,
    )
    .varargs(),
    NativeDef::new(
        "call_at",
        &[req("when"), req("callback"), kw("context", Default::None)],
        Effect::Pure,
        call_at,
    )
    .varargs(),
    NativeDef::new("create_future", &[], Effect::Pure, create_future),
    NativeDef::new(
        "create_task",
        &[req("coro"), kw("name", Default::None), kw("context", Default::None)],
        Effect::Pure,
        create_task,
    ),
    NativeDef::new("stop", &[], Effect::Pure, stop),
    NativeDef::new("is_running", &[], Effect::Pure, is_running),
    NativeDef::new("is_closed", &[], Effect::Pure, is_closed),
    NativeDef::new("close", &[], Effect::Pure, close),
    NativeDef::new("get_debug", &[], Effect::Pure, get_debug),
    NativeDef::new("set_debug", &[req("enabled")], Effect::Pure, set_debug),
    NativeDef::new("_begin_running", &[], Effect::Pure, begin_running),
    NativeDef::new("_end_running", &[], Effect::Pure, end_running),
    NativeDef::new("_run_once_step", &[], Effect::Step, run_once_step).waits(run_once_wait),
    NativeDef::new("_check_closed", &[], Effect::Pure, check_closed_method),
    NativeDef::new("_check_running", &[], Effect::Pure, check_running_method),
];

#[inline]
pub(super) fn peek<'a>(m: &'a Machine<'_>, r: ObjRef) -> Option<&'a LoopState> {
    match m.state(r) {
        Some(State::Loop(l)) => Some(l),
        _ => None,
    }
}

#[inline]
fn peek_mut<'m>(m: &'m mut Machine, r: ObjRef) -> Option<&'m mut LoopState> {
    match m.state_mut(r) {
        Some(State::Loop(l)) => Some(l),
        _ => None,
    }
}

#[inline]
pub(super) fn get_mut<'m>(m: &'m mut Machine, v: Value) -> Option<&'m mut LoopState> {
    peek_mut(m, v.as_obj()?)
}

pub(super) fn this(m: &mut Machine, recv: Value) -> Result<ObjRef, Raised> {
    match recv.as_obj().filter(|r| peek(m, *r).is_some()) {
        Some(r) => Ok(r),
        None => {
            let found = m.type_name(recv).to_string();
            m.type_error(format!(
                "descriptor requires a '_UnixSelectorEventLoop' object but received a '{found}'"
            ))
        }
    }
}

#[inline]
pub(super) fn state<'a>(m: &'a Machine<'_>, r: ObjRef) -> &'a LoopState {
    peek(m, r).expect("a loop")
}

#[inline]
fn state_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut LoopState {
    peek_mut(m, r).expect("a loop")
}

/// A new, idle event loop.
pub fn new_loop(m: &mut Machine) -> Value {
    Value::Obj(m.alloc_instance(classes::EVENT_LOOP, Some(State::Loop(LoopState::default()))))
}

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    if let Some(inst) = call.recv.as_obj().and_then(|r| m.instance_mut(r)) {
        inst.state = Some(Box::new(State::Loop(LoopState::default())));
    }
    Ok(Flow::Return(Value::None))
}

/// Appends `ready` to the loop's ready queue (`call_soon`).
pub fn call_soon(m: &mut Machine, event_loop: Value, ready: Ready) {
    if let Some(l) = get_mut(m, event_loop) {
        l.ready.push_back(ready);
        if let Some(r) = event_loop.as_obj() {
            m.signal(Signal::Called(r));
        }
    }
}

/// The task running on actor `aid`'s event loop, if it is inside one.
pub fn current_task(m: &Machine, aid: ActorId) -> Option<ObjRef> {
    let l = peek(m, m.actors[aid].running_loop.as_obj()?)?;
    l.current_task.as_obj()
}

pub fn register_task(m: &mut Machine, event_loop: Value, task: ObjRef) {
    let Some(l) = get_mut(m, event_loop) else { return };
    l.tasks.push(task);
    l.unfinished += 1;
}

/// A task of the loop finished: forgets finished tasks once they are most of the list.
pub fn task_finished(m: &mut Machine, event_loop: Value) {
    let Some(r) = event_loop.as_obj() else { return };
    let Some(l) = peek_mut(m, r) else { return };
    l.unfinished = l.unfinished.saturating_sub(1);
    if l.tasks.len() < 64 || l.tasks.len() < 2 * l.unfinished {
        return;
    }
    let tasks = std::mem::take(&mut l.tasks);
    let kept: Vec<ObjRef> = tasks
        .into_iter()
        .filter(|t| future::peek(m, *t).is_some_and(|f| !f.done() || f.log_traceback))
        .collect();
    state_mut(m, r).tasks = kept;
}

pub fn enter_task(m: &mut Machine, event_loop: Value, task: ObjRef) -> Result<(), Raised> {
    let current = get_mut(m, event_loop).map_or(Value::None, |l| l.current_task);
    if !current.is_none() {
        let (t, c) = (m.repr(Value::Obj(task))?, m.repr(current)?);
        return m.raise(
            classes::RUNTIME_ERROR,
            format!("Cannot enter into task {t} while another task {c} is being executed."),
        );
    }
    if let Some(l) = get_mut(m, event_loop) {
        l.current_task = Value::Obj(task);
    }
    m.wakes_task_entered(task);
    Ok(())
}

pub fn leave_task(m: &mut Machine, event_loop: Value) {
    if let Some(l) = get_mut(m, event_loop) {
        l.current_task = Value::None;
    }
}

pub(super) fn check_closed(m: &mut Machine, r: ObjRef) -> Result<(), Raised> {
    if state(m, r).closed {
        return m.raise(classes::RUNTIME_ERROR, "Event loop is closed");
    }
    Ok(())
}

fn check_closed_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    check_closed(m, r)?;
    Ok(Flow::Return(Value::None))
}

fn check_running_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    if state(m, r).running.is_some() {
        return m.raise(classes::RUNTIME_ERROR, "This event loop is already running");
    }
    if !m.actors[call.actor].running_loop.is_none() {
        return m.raise(
            classes::RUNTIME_ERROR,
            "Cannot run the event loop while another loop is running",
        );
    }
    Ok(Flow::Return(Value::None))
}

fn time(m: &mut Machine, call: &Call) -> NativeResult {
    this(m, call.recv)?;
    Ok(Flow::Return(Value::Float(m.now.as_secs_f64())))
}

fn new_handle(m: &mut Machine, r: ObjRef, call: &Call, callback: Value, when: Option<Time>) -> ObjRef {
    let class = if when.is_some() {
        classes::TIMER_HANDLE
    } else {
        classes::HANDLE
    };
    let state = HandleState {
        callback,
        args: call.rest.into(),
        cancelled: false,
        when,
        event_loop: Value::Obj(r),
    };
    m.alloc_instance(class, Some(State::Handle(state)))
}

fn call_soon_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    check_closed(m, r)?;
    let h = new_handle(m, r, call, call.arg(0), None);
    state_mut(m, r).ready.push_back(Ready::Handle(h));
    m.signal(Signal::Called(r));
    Ok(Flow::Return(Value::Obj(h)))
}

fn call_soon_threadsafe(m: &mut Machine, call: &Call) -> NativeResult {
    call_soon_method(m, call)
}

fn seconds(m: &mut Machine, v: Value) -> Result<f64, Raised> {
    match v {
        Value::Int(i) => Ok(i as f64),
        Value::Bool(b) => Ok(b as i64 as f64),
        Value::Float(f) if f.is_nan() => m.value_error("Invalid value NaN (not a number)"),
        Value::Float(f) => Ok(f),
        _ => {
            let t = m.type_name(v).to_string();
            m.type_error(format!("unsupported operand type(s) for +: 'float' and '{t}'"))
        }
    }
}

/// Schedules a timer handle for `when`.
fn schedule_timer(m: &mut Machine, r: ObjRef, call: &Call, callback: Value, deadline: i128) -> NativeResult {
    check_closed(m, r)?;
    let when = Time(deadline.clamp(0, MAX_DURATION as i128) as u64);
    let h = new_handle(m, r, call, callback, Some(when));
    push_timer(m, r, deadline, Timed::Handle(h));
    Ok(Flow::Return(Value::Obj(h)))
}

fn push_timer(m: &mut Machine, r: ObjRef, deadline: i128, what: Timed) {
    let l = state_mut(m, r);
    l.timers.push(Timer { deadline, what });
}

/// `asyncio.sleep`'s timer on open loop `r`: `_set_result_unless_cancelled(fut, result)`
/// after `delay` seconds, scheduled as `call_later` schedules it.
pub(super) fn sleep_timer(m: &mut Machine, r: ObjRef, delay: f64, fut: ObjRef, result: Value) {
    let deadline = m.now.0 as i128 + signed_ns(delay);
    push_timer(m, r, deadline, Timed::Sleep { fut, result });
}

/// Whether loop `r` is closed.
pub(super) fn is_closed_loop(m: &Machine, r: ObjRef) -> bool {
    state(m, r).closed
}

fn call_later(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let delay = seconds(m, call.arg(0))?;
    let deadline = m.now.0 as i128 + signed_ns(delay);
    schedule_timer(m, r, call, call.arg(1), deadline)
}

fn call_at(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let when = seconds(m, call.arg(0))?;
    schedule_timer(m, r, call, call.arg(1), signed_ns(when))
}

fn create_future(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let fut = future::new_future(m, classes::FUTURE, future::FutureState::new(Value::Obj(r)));
    Ok(Flow::Return(Value::Obj(fut)))
}

fn create_task(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    if state(m, r).closed {
        return m.raise(classes::RUNTIME_ERROR, "Event loop is closed");
    }
    let t = task::create(m, call.arg(0), Value::Obj(r), call.arg(1))?;
    Ok(Flow::Return(Value::Obj(t)))
}

fn stop(m: &mut Machine, call: &Call) -> NativeResult {
    this(m, call.recv)?;
    stop_loop(m, call.recv);
    Ok(Flow::Return(Value::None))
}

/// `loop.stop()`: the loop ends after the current iteration.
pub(super) fn stop_loop(m: &mut Machine, event_loop: Value) {
    if let Some(l) = get_mut(m, event_loop) {
        l.stopping = true;
        if let Some(r) = event_loop.as_obj() {
            m.signal(Signal::Called(r));
        }
    }
}

fn is_running(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(state(m, r).running.is_some())))
}

fn is_closed(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(state(m, r).closed)))
}

fn close(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    if state(m, r).running.is_some() {
        return m.raise(classes::RUNTIME_ERROR, "Cannot close a running event loop");
    }
    if state(m, r).closed {
        return Ok(Flow::Return(Value::None));
    }
    let l = state_mut(m, r);
    l.closed = true;
    l.ready.clear();
    l.timers.clear();
    let tasks = std::mem::take(&mut l.tasks);
    l.unfinished = 0;
    for t in tasks {
        report_unretrieved(m, t);
    }
    Ok(Flow::Return(Value::None))
}

/// "Task exception was never retrieved": what CPython logs when a failed task nobody
/// asked about goes away (here: when its loop closes).
fn report_unretrieved(m: &mut Machine, t: ObjRef) {
    let Some(f) = future::peek(m, t) else { return };
    if !(f.status == Status::Finished && f.log_traceback) {
        return;
    }
    let exc = f.exception;
    let what = m.repr(Value::Obj(t)).unwrap_or_default();
    let traceback = m.traceback_text(exc);
    m.err.push_str(&format!(
        "Task exception was never retrieved\nfuture: {what}\n{traceback}"
    ));
}

fn get_debug(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(state(m, r).debug)))
}

fn set_debug(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let on = m.truthy(call.arg(0))?;
    state_mut(m, r).debug = on;
    Ok(Flow::Return(Value::None))
}

/// The start of `run_forever`: the loop now runs on this thread.
fn begin_running(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    check_closed(m, r)?;
    check_running_method(m, call)?;
    state_mut(m, r).running = Some(call.actor);
    m.actors[call.actor].running_loop = call.recv;
    Ok(Flow::Return(Value::None))
}

/// The end of `run_forever`, however it ends.
fn end_running(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let l = state_mut(m, r);
    l.stopping = false;
    l.running = None;
    l.in_iteration = false;
    l.todo = 0;
    m.actors[call.actor].running_loop = Value::None;
    Ok(Flow::Return(Value::None))
}

/// Drops cancelled timers from the front of the heap, as `_run_once` does first.
fn drop_cancelled_timers(m: &mut Machine, r: ObjRef) {
    while let Some(t) = state(m, r).timers.peek().copied() {
        if !t.cancelled(m) {
            break;
        }
        state_mut(m, r).timers.pop();
    }
}

/// What `_run_once_step` waits for when an iteration would start with nothing to run:
/// the next timer (its deadline) or a callback from another thread (no deadline).
fn run_once_wait(m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    let l = peek(m, r)?;
    // At the end of an iteration (`todo == 0`) the next one is about to start.
    if (l.in_iteration && l.todo > 0) || !l.ready.is_empty() || l.stopping || l.running.is_none() {
        return None;
    }
    // The head of the heap, unless it was cancelled since the last iteration dropped the
    // cancelled ones (then the earliest live timer, found by a scan).
    let next = match l.timers.peek() {
        Some(head) if !head.cancelled(m) => Some(*head),
        _ => l.timers.iter().find(|t| !t.cancelled(m)).copied(),
    };
    match next {
        Some(t) if t.deadline <= m.now.0 as i128 => None,
        Some(t) => Some((Wait::Loop(r), Some((t.deadline - m.now.0 as i128) as f64 / 1e9))),
        None => Some((Wait::Loop(r), None)),
    }
}

/// Whether a loop waiting for work has some (a callback from another thread).
pub fn has_work(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|l| !l.ready.is_empty() || l.stopping)
}

/// One callback of `_run_once`; `False` once the loop has stopped.
fn run_once_step(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    loop {
        let l = state_mut(m, r);
        if l.in_iteration && l.todo == 0 {
            l.in_iteration = false;
            if l.stopping {
                describe(m, OpKind::Loop, "loop stops".to_string());
                return Ok(Flow::Return(Value::Bool(false)));
            }
        }
        if !l.in_iteration {
            start_iteration(m, r);
            let l = state_mut(m, r);
            if l.todo == 0 {
                l.in_iteration = false;
                if l.stopping {
                    describe(m, OpKind::Loop, "loop stops".to_string());
                    return Ok(Flow::Return(Value::Bool(false)));
                }
                describe(m, OpKind::Loop, "loop wakes with nothing to run".to_string());
                return Ok(Flow::Return(Value::Bool(true)));
            }
        }
        let l = state_mut(m, r);
        l.todo -= 1;
        let Some(ready) = l.ready.pop_front() else { continue };
        super::prefetch::ahead(m, &state(m, r).ready);
        super::prefetch::waiters(m, &ready);
        if let Some(flow) = run_ready(m, call.actor, r, ready)? {
            return Ok(flow);
        }
        if state(m, r).todo == 0 {
            return Ok(Flow::Return(Value::Bool(true)));
        }
    }
}

/// The start of a `_run_once` iteration: due timers join the ready queue.
fn start_iteration(m: &mut Machine, r: ObjRef) {
    drop_cancelled_timers(m, r);
    let now = m.now;
    let l = state_mut(m, r);
    while let Some(t) = l.timers.peek().copied() {
        if t.deadline > now.0 as i128 {
            break;
        }
        l.timers.pop();
        l.ready.push_back(ready(&t));
    }
    l.todo = l.ready.len();
    l.in_iteration = true;
}

/// Sets the description of the current step, when tracing.
fn describe(m: &mut Machine, kind: OpKind, text: String) {
    if m.tracing {
        m.op = Some(Op::of(kind, &text));
    }
}

/// Runs one ready callback; `None` when it was skipped (a cancelled handle) or done
/// natively without a visible effect worth a step of its own.
fn run_ready(m: &mut Machine, actor: ActorId, r: ObjRef, ready: Ready) -> Result<Option<Flow>, Raised> {
    match ready {
        Ready::Handle(h) => {
            if handle::is_cancelled(m, h) {
                return Ok(None);
            }
            let (callback, args, timer) = handle::call_of(m, h);
            if m.tracing {
                let kind = if timer { OpKind::Timer } else { OpKind::Loop };
                let text = match args
                    .first()
                    .and_then(|f| f.as_obj())
                    .filter(|f| future::peek(m, *f).is_some())
                {
                    Some(f) if timer && callback == Value::Native(m.registry.special.set_result_unless_cancelled) => {
                        format!("timer fires: {} done", task::future_label(m, f))
                    }
                    _ if timer => format!("timer fires: {}()", callable_name(m, callback)),
                    _ => format!("callback {}()", callable_name(m, callback)),
                };
                describe(m, kind, text);
            }
            run_callback(m, actor, r, callback, &args).map(Some)
        }
        Ready::Callback { func, arg } => {
            if m.tracing {
                let name = callable_name(m, func);
                describe(m, OpKind::Loop, format!("callback {name}()"));
            }
            run_callback(m, actor, r, func, &[arg]).map(Some)
        }
        Ready::Wakeup { task, fut } => {
            if future::peek(m, task).is_none_or(future::FutureState::done) {
                return Ok(None);
            }
            let exc = match future::outcome(m, fut) {
                Ok(_) => Value::None,
                Err(Raised(e)) => e,
            };
            if m.tracing {
                let text = format!("wake {} ({} done)", task::label(m, task), task::future_label(m, fut));
                describe(m, OpKind::Future, text);
                m.wakes_task_woken(fut);
            }
            step(m, task, exc).map(Some)
        }
        Ready::Step { task, exc } => {
            if m.tracing {
                describe(m, OpKind::Task, format!("step {}", task::label(m, task)));
            }
            step(m, task, exc).map(Some)
        }
        Ready::Sleep { fut, result } => {
            if super::sleep::ended(m, fut) {
                return Ok(None);
            }
            if m.tracing {
                let text = format!("timer fires: {} done", task::future_label(m, fut));
                describe(m, OpKind::Timer, text);
            }
            let callback = Value::Native(m.registry.special.set_result_unless_cancelled);
            run_callback(m, actor, r, callback, &[Value::Obj(fut), result]).map(Some)
        }
    }
}

fn step(m: &mut Machine, task: ObjRef, exc: Value) -> Result<Flow, Raised> {
    let (coro, throw) = task::begin_step(m, task, exc)?;
    Ok(Flow::Resume { coro, throw, task })
}

pub fn callable_name(m: &Machine, v: Value) -> String {
    match v {
        Value::Native(id) => m.registry.def(id).name.to_string(),
        Value::Obj(o) => match m.heap.get(o) {
            super::super::object::Obj::Function(f) => m.program.code(f.code).qualname.clone(),
            super::super::object::Obj::BoundMethod { func, .. } => callable_name(m, *func),
            _ => m.type_name(v).to_string(),
        },
        _ => m.type_name(v).to_string(),
    }
}

/// Calls `callback(*args)` for the loop: the two callbacks asyncio itself schedules
/// most are done natively; anything else runs through the library's `_run_handle`,
/// which reports an exception instead of letting it stop the loop.
fn run_callback(m: &mut Machine, actor: ActorId, r: ObjRef, callback: Value, args: &[Value]) -> Result<Flow, Raised> {
    if let Value::Native(id) = callback {
        let special = &m.registry.special;
        let def = m.registry.def(id);
        let native = id == special.set_result_unless_cancelled || id == special.run_until_complete_cb;
        if native && args.len() == def.params.len() {
            let call = Call {
                actor,
                recv: Value::None,
                args,
                rest: &[],
                kwargs: &[],
                timed_out: false,
            };
            // These fail before any effect; a failure is reported as any callback's is.
            if (def.call)(m, &call).is_ok() {
                return Ok(Flow::Return(Value::Bool(true)));
            }
        }
    }
    let run_handle = m.run_handle();
    let args = m.tuple_value(args.to_vec());
    Ok(Flow::TailCall {
        func: run_handle,
        args: TailArgs::Positional(vec![Value::Obj(r), callback, args]),
    })
}

/// `<_UnixSelectorEventLoop running=False closed=False debug=False>`.
pub fn repr(m: &Machine, r: ObjRef) -> String {
    let l = state(m, r);
    let py = |b: bool| if b { "True" } else { "False" };
    format!(
        "<_UnixSelectorEventLoop running={} closed={} debug={}>",
        py(l.running.is_some()),
        py(l.closed),
        py(l.debug)
    )
}

/// The pending tasks of a loop, in creation order.
pub fn pending_tasks(m: &Machine, r: ObjRef) -> Vec<ObjRef> {
    peek(m, r).map_or_else(Vec::new, |l| {
        l.tasks
            .iter()
            .copied()
            .filter(|t| future::peek(m, *t).is_some_and(|f| !f.done()))
            .collect()
    })
}

// ----- deadlock reports -----

/// Each pending task of a loop that waits for nothing that can happen, and what it
/// awaits.
pub fn stuck_tasks(m: &Machine, r: ObjRef) -> Vec<(String, String)> {
    pending_tasks(m, r)
        .into_iter()
        .map(|t| (task::label(m, t), task::awaiting(m, t)))
        .collect()
}
