//! The `asyncio` module's own functions: the running and current loop of a thread
//! (`get_running_loop`, `get_event_loop`, `set_event_loop`, `new_event_loop`), tasks
//! (`create_task`, `ensure_future`, `current_task`, `all_tasks`), type tests, and the
//! helpers the library's Python calls (`_set_result_unless_cancelled`, `_log_error`, ...).

use super::super::actor::{ActorId, MAIN};
use super::super::classes;
use super::super::exceptions::Raised;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, kw, opt, req};
use super::super::value::{ObjRef, Value};
use super::event_loop::{callable_name, check_closed, new_loop, peek, pending_tasks, state, this};
use super::future::{self, Status};
use super::task;

pub const FUNCTIONS: &[NativeDef] = &[
    NativeDef::new("get_running_loop", &[], Effect::Pure, get_running_loop),
    NativeDef::new("_get_running_loop", &[], Effect::Pure, get_running_loop_or_none),
    NativeDef::new("get_event_loop", &[], Effect::Pure, get_event_loop_fn),
    NativeDef::new("set_event_loop", &[req("loop")], Effect::Pure, set_event_loop),
    NativeDef::new("new_event_loop", &[], Effect::Pure, new_event_loop),
    NativeDef::new(
        "current_task",
        &[opt("loop", Default::None)],
        Effect::Pure,
        current_task,
    ),
    NativeDef::new("all_tasks", &[opt("loop", Default::None)], Effect::Pure, all_tasks),
    NativeDef::new("iscoroutine", &[req("obj")], Effect::Pure, iscoroutine),
    NativeDef::new("isfuture", &[req("obj")], Effect::Pure, isfuture),
    NativeDef::new(
        "create_task",
        &[req("coro"), kw("name", Default::None), kw("context", Default::None)],
        Effect::Pure,
        create_task_fn,
    ),
    NativeDef::new(
        "ensure_future",
        &[req("coro_or_future"), kw("loop", Default::None)],
        Effect::Pure,
        ensure_future,
    ),
    NativeDef::new(
        "_set_result_unless_cancelled",
        &[req("fut"), req("result")],
        Effect::Pure,
        set_result_unless_cancelled,
    ),
    NativeDef::new(
        "_run_until_complete_cb",
        &[req("fut")],
        Effect::Pure,
        run_until_complete_cb,
    ),
    NativeDef::new("_pending_tasks", &[req("loop")], Effect::Pure, pending_tasks_fn),
    NativeDef::new(
        "_callback_text",
        &[req("callback"), req("args")],
        Effect::Pure,
        callback_text,
    ),
    NativeDef::new(
        "_log_error",
        &[req("message"), req("exception")],
        Effect::Pure,
        log_error,
    ),
    NativeDef::new("_executor_thread_number", &[], Effect::Pure, executor_thread_number),
];

fn pending_tasks_fn(m: &mut Machine, call: &Call) -> NativeResult {
    let r = this(m, call.arg(0))?;
    let tasks = pending_tasks(m, r).into_iter().map(Value::Obj).collect();
    Ok(Flow::Return(m.list_value(tasks)))
}

/// `cb(1, 'a')`: how "Exception in callback" names the callback.
fn callback_text(m: &mut Machine, call: &Call) -> NativeResult {
    let name = callable_name(m, call.arg(0));
    let args = m.seq_items(call.arg(1)).map(<[Value]>::to_vec).unwrap_or_default();
    let mut shown = Vec::new();
    for a in args {
        shown.push(m.repr(a)?);
    }
    Ok(Flow::Return(m.string_value(format!("{name}({})", shown.join(", ")))))
}

/// What asyncio's logger prints for an error: the message, then the traceback.
fn log_error(m: &mut Machine, call: &Call) -> NativeResult {
    let message = m.display(call.arg(0))?;
    let exc = call.arg(1);
    m.err.push_str(&message);
    m.err.push('\n');
    if m.is_instance(exc, classes::BASE_EXCEPTION) {
        let traceback = m.traceback_text(exc);
        m.err.push_str(&traceback);
    }
    Ok(Flow::Return(Value::None))
}

/// Numbers for the default executor's threads (`asyncio_0`, `asyncio_1`, ...).
fn executor_thread_number(m: &mut Machine, _call: &Call) -> NativeResult {
    let n = m.executor_threads;
    m.executor_threads += 1;
    Ok(Flow::Return(Value::Int(n as i64)))
}

fn get_running_loop(m: &mut Machine, call: &Call) -> NativeResult {
    let l = m.actors[call.actor].running_loop;
    if l.is_none() {
        return m.raise(classes::RUNTIME_ERROR, "no running event loop");
    }
    Ok(Flow::Return(l))
}

fn get_running_loop_or_none(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(m.actors[call.actor].running_loop))
}

/// `events._get_event_loop()`: the running loop, else the thread's current loop (the
/// main thread gets a new one the first time, unless `set_event_loop` was called).
pub fn get_event_loop(m: &mut Machine, actor: ActorId) -> Result<Value, Raised> {
    let a = &m.actors[actor];
    if !a.running_loop.is_none() {
        return Ok(a.running_loop);
    }
    if !a.event_loop.is_none() {
        return Ok(a.event_loop);
    }
    if actor == MAIN && !a.event_loop_set {
        let l = new_loop(m);
        m.actors[actor].event_loop = l;
        m.actors[actor].event_loop_set = true;
        return Ok(l);
    }
    let thread = m.actors[actor].thread;
    let name = m
        .thread_state(thread)
        .and_then(|t| m.as_str(t.name))
        .unwrap_or("?")
        .to_string();
    m.raise(
        classes::RUNTIME_ERROR,
        format!("There is no current event loop in thread '{name}'."),
    )
}

fn get_event_loop_fn(m: &mut Machine, call: &Call) -> NativeResult {
    get_event_loop(m, call.actor).map(Flow::Return)
}

fn set_event_loop(m: &mut Machine, call: &Call) -> NativeResult {
    let l = call.arg(0);
    if !l.is_none() && l.as_obj().is_none_or(|r| peek(m, r).is_none()) {
        let t = m.type_name(l).to_string();
        return m.type_error(format!(
            "loop must be an instance of AbstractEventLoop or None, not '{t}'"
        ));
    }
    let a = &mut m.actors[call.actor];
    a.event_loop = l;
    a.event_loop_set = true;
    Ok(Flow::Return(Value::None))
}

fn new_event_loop(m: &mut Machine, _call: &Call) -> NativeResult {
    Ok(Flow::Return(new_loop(m)))
}

fn loop_arg(m: &mut Machine, call: &Call, v: Value) -> Result<ObjRef, Raised> {
    let l = if v.is_none() {
        get_running_loop(m, call).map(|f| match f {
            Flow::Return(v) => v,
            _ => Value::None,
        })?
    } else {
        v
    };
    this(m, l)
}

fn current_task(m: &mut Machine, call: &Call) -> NativeResult {
    let r = loop_arg(m, call, call.arg(0))?;
    Ok(Flow::Return(state(m, r).current_task))
}

fn all_tasks(m: &mut Machine, call: &Call) -> NativeResult {
    let r = loop_arg(m, call, call.arg(0))?;
    let pending = pending_tasks(m, r).into_iter().map(Value::Obj).collect();
    m.new_set(pending).map(Flow::Return)
}

fn iscoroutine(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(task::is_coroutine(m, call.arg(0)))))
}

fn isfuture(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(future::is_future(m, call.arg(0)))))
}

fn create_task_fn(m: &mut Machine, call: &Call) -> NativeResult {
    let l = match get_running_loop(m, call) {
        Ok(Flow::Return(l)) => l,
        Err(e) => return Err(e),
        Ok(_) => Value::None,
    };
    // As CPython: the task gets a default name (spending a number), then the given one.
    let t = task::create(m, call.arg(0), l, Value::None)?;
    if !call.arg(1).is_none() {
        task::rename(m, t, call.arg(1))?;
    }
    Ok(Flow::Return(Value::Obj(t)))
}

fn ensure_future(m: &mut Machine, call: &Call) -> NativeResult {
    let v = call.arg(0);
    if future::is_future(m, v) {
        return Ok(Flow::Return(v));
    }
    if !task::is_coroutine(m, v) {
        return m.type_error("An asyncio.Future, a coroutine or an awaitable is required");
    }
    let l = match call.arg(1) {
        Value::None => get_event_loop(m, call.actor)?,
        l => l,
    };
    let r = this(m, l)?;
    check_closed(m, r)?;
    let t = task::create(m, v, l, Value::None)?;
    Ok(Flow::Return(Value::Obj(t)))
}

fn set_result_unless_cancelled(m: &mut Machine, call: &Call) -> NativeResult {
    let f = future::this(m, call.arg(0))?;
    if future::peek(m, f).expect("checked").status != Status::Cancelled {
        if future::peek(m, f).expect("checked").done() {
            return m.raise(classes::INVALID_STATE_ERROR, "invalid state");
        }
        future::set_result(m, f, call.arg(1));
    }
    Ok(Flow::Return(Value::None))
}

fn run_until_complete_cb(m: &mut Machine, call: &Call) -> NativeResult {
    let f = future::this(m, call.arg(0))?;
    let l = future::peek(m, f).expect("checked").event_loop;
    super::event_loop::stop_loop(m, l);
    Ok(Flow::Return(Value::None))
}
