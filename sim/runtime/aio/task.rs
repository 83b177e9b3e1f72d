//! `asyncio.Task` as CPython 3.11's `_asyncio.Task` implements it: a future driven by a
//! coroutine. Each step sends `None` (or throws an exception) into the coroutine on the
//! loop's thread; what the coroutine then yields decides what happens next: a future it
//! awaits gets the task's wake-up as a done-callback, a bare `yield` reschedules the
//! step, anything else is an error thrown back in. Returning or raising finishes the
//! task.
//!
//! The interpreter resumes the coroutine (`Flow::Resume`); the functions here are the
//! parts of `__step` before and after that.

use super::super::classes;
use super::super::exceptions::Raised;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, kw, opt, req};
use super::super::object::{GenKind, Obj};
use super::super::value::{ObjRef, Value};
use super::event_loop::{self, Ready};
use super::future::{self, Callback, FutureState, Status};

/// What a task adds to a future.
#[derive(Clone)]
pub struct TaskPart {
    pub coro: Value,
    pub name: Value,
    /// The future the task waits on, while it waits.
    pub fut_waiter: Value,
    /// A cancellation asked for while nothing was awaited: thrown in at the next step.
    pub must_cancel: bool,
    pub num_cancels_requested: u32,
    /// Tasks are numbered from 1 as they are created (for observers; names may repeat).
    pub serial: u64,
}

impl TaskPart {
    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        f(self.coro);
        f(self.name);
        f(self.fut_waiter);
    }
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new(
        "__init__",
        &[
            req("coro"),
            kw("loop", Default::None),
            kw("name", Default::None),
            kw("context", Default::None),
        ],
        Effect::Pure,
        init,
    ),
    NativeDef::new("get_name", &[], Effect::Pure, get_name),
    NativeDef::new("set_name", &[req("value")], Effect::Pure, set_name),
    NativeDef::new("get_coro", &[], Effect::Pure, get_coro),
    NativeDef::new("cancel", &[opt("msg", Default::None)], Effect::Pure, cancel_method),
    NativeDef::new("cancelling", &[], Effect::Pure, cancelling),
    NativeDef::new("uncancel", &[], Effect::Pure, uncancel),
];

fn part<'a>(m: &'a Machine<'_>, r: ObjRef) -> Option<&'a TaskPart> {
    future::peek(m, r)?.task.as_ref()
}

fn part_mut<'m>(m: &'m mut Machine, r: ObjRef) -> Option<&'m mut TaskPart> {
    future::peek_mut(m, r)?.task.as_mut()
}

fn this(m: &mut Machine, recv: Value) -> Result<ObjRef, Raised> {
    match recv.as_obj().filter(|r| part(m, *r).is_some()) {
        Some(r) => Ok(r),
        None => {
            let found = m.type_name(recv).to_string();
            m.type_error(format!(
                "descriptor requires a '_asyncio.Task' object but received a '{found}'"
            ))
        }
    }
}

/// Whether `v` is a coroutine object.
pub fn is_coroutine(m: &Machine, v: Value) -> bool {
    matches!(v.as_obj().map(|r| m.heap.get(r)), Some(Obj::Generator(g)) if g.kind == GenKind::Coroutine)
}

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let coro = call.arg(0);
    let event_loop = match call.arg(1) {
        Value::None => super::functions::get_event_loop(m, call.actor)?,
        l => l,
    };
    let state = prepare(m, coro, event_loop, call.arg(2))?;
    future::set(m, call.recv, state);
    let task = call.recv.as_obj().expect("an instance");
    register(m, task, event_loop);
    Ok(Flow::Return(Value::None))
}

/// A new task running `coro` on `event_loop`, its first step scheduled.
pub fn create(m: &mut Machine, coro: Value, event_loop: Value, name: Value) -> Result<ObjRef, Raised> {
    let state = prepare(m, coro, event_loop, name)?;
    let task = future::new_future(m, classes::TASK, state);
    register(m, task, event_loop);
    Ok(task)
}

fn prepare(m: &mut Machine, coro: Value, event_loop: Value, name: Value) -> Result<FutureState, Raised> {
    if !is_coroutine(m, coro) {
        let text = m.repr(coro)?;
        return m.type_error(format!("a coroutine was expected, got {text}"));
    }
    let name = if name.is_none() {
        m.task_counter += 1;
        let n = m.task_counter;
        m.string_value(format!("Task-{n}"))
    } else {
        let text = m.display(name)?;
        m.string_value(text)
    };
    m.tasks_created += 1;
    let mut state = FutureState::new(event_loop);
    state.task = Some(TaskPart {
        coro,
        name,
        fut_waiter: Value::None,
        must_cancel: false,
        num_cancels_requested: 0,
        serial: m.tasks_created,
    });
    Ok(state)
}

fn register(m: &mut Machine, task: ObjRef, event_loop: Value) {
    event_loop::call_soon(m, event_loop, Ready::Step { task, exc: Value::None });
    event_loop::register_task(m, event_loop, task);
}

fn get_name(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(part(m, r).expect("checked").name))
}

fn set_name(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    rename(m, r, call.arg(0))?;
    Ok(Flow::Return(Value::None))
}

/// `task.set_name(value)`: the name is `str(value)`.
pub fn rename(m: &mut Machine, r: ObjRef, value: Value) -> Result<(), Raised> {
    let text = m.display(value)?;
    let name = m.string_value(text);
    part_mut(m, r).expect("a task").name = name;
    Ok(())
}

fn get_coro(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(part(m, r).expect("checked").coro))
}

fn cancel_method(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(cancel(m, r, call.arg(0))?)))
}

/// `Task.cancel`: cancels the awaited future if it takes the cancellation, else throws
/// `CancelledError` into the coroutine at its next step.
pub fn cancel(m: &mut Machine, r: ObjRef, msg: Value) -> Result<bool, Raised> {
    let f = future::peek_mut(m, r).expect("a task");
    f.log_traceback = false;
    if f.done() {
        return Ok(false);
    }
    let t = f.task.as_mut().expect("a task");
    t.num_cancels_requested += 1;
    let waiter = t.fut_waiter;
    if let Some(w) = waiter.as_obj().filter(|w| future::peek(m, *w).is_some())
        && future::cancel(m, w, msg)?
    {
        return Ok(true);
    }
    let f = future::peek_mut(m, r).expect("a task");
    f.cancel_message = msg;
    f.task.as_mut().expect("a task").must_cancel = true;
    Ok(true)
}

fn cancelling(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    Ok(Flow::Return(Value::Int(
        part(m, r).expect("checked").num_cancels_requested as i64,
    )))
}

fn uncancel(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.recv)?;
    let t = part_mut(m, r).expect("checked");
    t.num_cancels_requested = t.num_cancels_requested.saturating_sub(1);
    Ok(Flow::Return(Value::Int(t.num_cancels_requested as i64)))
}

/// `_coro`, `_fut_waiter`, `_must_cancel`, ... of a task.
pub fn property(f: &FutureState, name: &str) -> Option<Value> {
    let t = f.task.as_ref()?;
    Some(match name {
        "_coro" => t.coro,
        "_fut_waiter" => t.fut_waiter,
        "_must_cancel" => Value::Bool(t.must_cancel),
        "_num_cancels_requested" => Value::Int(t.num_cancels_requested as i64),
        "_name" => t.name,
        _ => return None,
    })
}

/// The qualified name of a coroutine's function (`main`, `Queue.get`).
pub fn coro_name(m: &Machine, coro: Value) -> String {
    match coro.as_obj().map(|r| m.heap.get(r)) {
        Some(Obj::Generator(g)) => m.program.code(g.code).qualname.clone(),
        _ => "?".to_string(),
    }
}

/// A task's serial number (see [`TaskPart::serial`]).
pub fn serial(m: &Machine, r: ObjRef) -> Option<u64> {
    part(m, r).map(|t| t.serial)
}

/// A task's serial number, name and coroutine name, for observers.
pub fn identity(m: &Machine, r: ObjRef) -> Option<(u64, String, String)> {
    let t = part(m, r)?;
    let name = m.as_str(t.name).unwrap_or("?").to_string();
    Some((t.serial, name, coro_name(m, t.coro)))
}

/// How traces and deadlock reports name a task: `Task-2 (task1)`.
pub fn label(m: &Machine, r: ObjRef) -> String {
    match part(m, r) {
        Some(t) => format!("{} ({})", m.as_str(t.name).unwrap_or("?"), coro_name(m, t.coro)),
        None => super::super::sync::object_label(m, r),
    }
}

/// The first half of `__step`: the coroutine to resume and the exception to throw into
/// it, with the task entered as its loop's current task.
pub fn begin_step(m: &mut Machine, task: ObjRef, exc: Value) -> Result<(ObjRef, Option<Value>), Raised> {
    if future::peek(m, task).is_none_or(FutureState::done) {
        let (t, e) = (m.repr(Value::Obj(task))?, m.repr(exc)?);
        return m.raise(classes::INVALID_STATE_ERROR, format!("_step(): already done: {t}, {e}"));
    }
    // One look at the state for what the step reads and clears.
    let f = future::peek_mut(m, task).expect("a task");
    let event_loop = f.event_loop;
    let t = f.task.as_mut().expect("a task");
    let must_cancel = std::mem::take(&mut t.must_cancel);
    t.fut_waiter = Value::None;
    let coro = t.coro.as_obj().expect("a coroutine");
    let mut exc = exc;
    if must_cancel && !m.is_instance(exc, classes::CANCELLED_ERROR) {
        exc = future::cancelled_error(m, task);
    }
    event_loop::enter_task(m, event_loop, task)?;
    Ok((coro, (!exc.is_none()).then_some(exc)))
}

fn leave(m: &mut Machine, task: ObjRef) -> Value {
    let event_loop = future::peek(m, task).expect("a task").event_loop;
    event_loop::leave_task(m, event_loop);
    event_loop
}

/// Adds what the task's step ended with to the step's trace line.
fn note(m: &mut Machine, what: String) {
    if let Some(op) = &mut m.op {
        op.note = Some(what);
    }
}

/// Schedules a step that throws a `RuntimeError` with `msg` into the task.
fn reject(m: &mut Machine, event_loop: Value, task: ObjRef, msg: String) {
    let exc = m.exception(classes::RUNTIME_ERROR, msg).0;
    event_loop::call_soon(m, event_loop, Ready::Step { task, exc });
}

/// The coroutine yielded `v`: wait on the future it awaits, or go on at the next
/// iteration after a bare `yield`.
pub fn after_yield(m: &mut Machine, task: ObjRef, v: Value) -> Result<(), Raised> {
    let event_loop = leave(m, task);
    let mut awaited = None;
    if m.tracing {
        awaited = v
            .as_obj()
            .filter(|r| future::peek(m, *r).is_some())
            .map(|f| future_label(m, f));
        let what = match &awaited {
            Some(label) => format!("awaits {label}"),
            None => "yields".to_string(),
        };
        note(m, what);
    }
    if let Some(fut) = v.as_obj()
        && let Some(f) = future::peek_mut(m, fut)
    {
        let (other_loop, blocking) = (!f.event_loop.is(event_loop), f.blocking);
        let describe =
            |m: &mut Machine| -> Result<(String, String), Raised> { Ok((m.repr(Value::Obj(task))?, m.repr(v)?)) };
        if !other_loop && blocking && fut != task {
            f.blocking = false;
            if f.done() {
                future::add_callback(m, fut, Callback::Wakeup(task));
            } else {
                // What `add_callback` does to a pending future, without looking it up again.
                f.callbacks.push(Callback::Wakeup(task));
            }
            if let Some(label) = awaited {
                m.wakes_task_awaits(label);
            }
            let t = part_mut(m, task).expect("a task");
            t.fut_waiter = v;
            if t.must_cancel {
                let msg = future::peek(m, task).expect("a task").cancel_message;
                if future::cancel(m, fut, msg)? {
                    part_mut(m, task).expect("a task").must_cancel = false;
                }
            }
        } else if other_loop {
            let (t, r) = describe(m)?;
            reject(
                m,
                event_loop,
                task,
                format!("Task {t} got Future {r} attached to a different loop"),
            );
        } else if !blocking {
            let (t, r) = describe(m)?;
            reject(
                m,
                event_loop,
                task,
                format!("yield was used instead of yield from in task {t} with {r}"),
            );
        } else {
            let (t, _) = describe(m)?;
            reject(m, event_loop, task, format!("Task cannot await on itself: {t}"));
        }
    } else if v.is_none() {
        event_loop::call_soon(m, event_loop, Ready::Step { task, exc: Value::None });
    } else {
        let t = m.repr(Value::Obj(task))?;
        let r = m.repr(v)?;
        let generator =
            matches!(v.as_obj().map(|o| m.heap.get(o)), Some(Obj::Generator(g)) if g.kind == GenKind::Generator);
        let msg = if generator {
            format!("yield was used instead of yield from for generator in task {t} with {r}")
        } else {
            format!("Task got bad yield: {r}")
        };
        reject(m, event_loop, task, msg);
    }
    Ok(())
}

/// The coroutine returned `v`: the task's result (or its cancellation, if one came in
/// during the last step).
pub fn after_return(m: &mut Machine, task: ObjRef, v: Value) {
    let event_loop = leave(m, task);
    if m.tracing {
        let what = format!("returns {}", m.repr(v).unwrap_or_default());
        note(m, what);
        m.wakes_task_finished();
    }
    let t = part_mut(m, task).expect("a task");
    if std::mem::take(&mut t.must_cancel) {
        let msg = future::peek(m, task).expect("a task").cancel_message;
        future::cancel_plain(m, task, msg);
    } else {
        future::set_result(m, task, v);
    }
    event_loop::task_finished(m, event_loop);
}

/// The coroutine raised `exc`: the task is cancelled by a `CancelledError`, failed by
/// anything else. `KeyboardInterrupt` and `SystemExit` also leave the loop.
pub fn after_raise(m: &mut Machine, task: ObjRef, exc: Value) -> Result<(), Raised> {
    let event_loop = leave(m, task);
    if m.tracing {
        let what = format!("raises {}", m.exception_line(exc));
        note(m, what);
        m.wakes_task_finished();
    }
    event_loop::task_finished(m, event_loop);
    if m.is_instance(exc, classes::CANCELLED_ERROR) {
        future::peek_mut(m, task).expect("a task").cancelled_exc = exc;
        future::cancel_plain(m, task, Value::None);
        return Ok(());
    }
    future::set_exception(m, task, exc);
    if m.is_instance(exc, classes::KEYBOARD_INTERRUPT) || m.is_instance(exc, classes::SYSTEM_EXIT) {
        return Err(Raised(exc));
    }
    Ok(())
}

/// What a pending task waits for, for deadlock reports: the coroutines it is suspended
/// in, innermost last, and the future at the end.
pub fn awaiting(m: &Machine, task: ObjRef) -> String {
    let Some(t) = part(m, task) else { return String::new() };
    let mut chain = Vec::new();
    let mut at = t.coro;
    let mut end = String::new();
    for _ in 0..64 {
        let Some(Obj::Generator(g)) = at.as_obj().map(|r| m.heap.get(r)) else {
            break;
        };
        let delegate = g.values.last().copied().unwrap_or(Value::None);
        let suspended_in_await = matches!(
            m.program.code(g.code).instrs.get(g.pc as usize),
            Some(crate::compile::Instr::YieldFrom)
        );
        if !suspended_in_await {
            break;
        }
        match delegate.as_obj().map(|r| m.heap.get(r)) {
            Some(Obj::Generator(inner)) => {
                chain.push(format!("{}()", m.program.code(inner.code).qualname));
                at = delegate;
            }
            _ => {
                if let Some(r) = delegate.as_obj().filter(|r| future::peek(m, *r).is_some()) {
                    // A coroutine awaited in place stands in the chain as it would.
                    if let Some(coro) = at.as_obj().and_then(|g| super::in_place::of(m, r, g)) {
                        chain.push(format!("{}()", coro.qualname()));
                    }
                    end = future_label(m, r);
                }
                break;
            }
        }
    }
    let status = future::peek(m, task).map(|f| f.status);
    if status != Some(Status::Pending) {
        return String::new();
    }
    match (chain.is_empty(), end.is_empty()) {
        (true, true) => "is ready to run".to_string(),
        (true, false) => format!("awaits {end}"),
        (false, true) => format!("awaits {}", chain.join(" -> ")),
        (false, false) => format!("awaits {} -> {end}", chain.join(" -> ")),
    }
}

/// How a deadlock report names a future: a task by its label, a gathering future by
/// its children, another future by its label.
pub fn future_label(m: &Machine, r: ObjRef) -> String {
    let Some(f) = future::peek(m, r) else {
        return super::super::sync::object_label(m, r);
    };
    if f.task.is_some() {
        return label(m, r);
    }
    if let Some(g) = &f.gather {
        let children: Vec<String> = g
            .children
            .iter()
            .filter_map(|c| c.as_obj())
            .map(|c| future_label(m, c))
            .collect();
        return format!("gather({})", children.join(", "));
    }
    super::super::sync::object_label(m, r)
}
