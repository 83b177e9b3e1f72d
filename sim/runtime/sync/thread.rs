//! `threading.Thread` and the module functions about threads (`current_thread`, ...).
//!
//! Starting a thread creates an actor whose first step calls the library's `_bootstrap`,
//! which calls `self.run()`: a subclass's `run` or the default one, which calls the target.

use super::super::actor::{Actor, ActorId};
use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, kw, opt};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::{object_label, receiver, timeout_secs};

#[derive(Clone)]
pub struct ThreadState {
    /// The actor running the thread, once started.
    pub actor: Option<ActorId>,
    pub name: Value,
    pub daemon: bool,
    pub target: Value,
    pub args: Value,
    pub kwargs: Value,
    pub started: bool,
    pub finished: bool,
}

impl ThreadState {
    pub fn main(name: Value) -> ThreadState {
        ThreadState {
            actor: None,
            name,
            daemon: false,
            target: Value::None,
            args: Value::None,
            kwargs: Value::None,
            started: true,
            finished: false,
        }
    }

    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        for v in [self.name, self.target, self.args, self.kwargs] {
            f(v);
        }
    }
}

pub const METHODS: &[NativeDef] = &[
    NativeDef::new(
        "__init__",
        &[
            opt("group", Default::None),
            opt("target", Default::None),
            opt("name", Default::None),
            opt("args", Default::None),
            opt("kwargs", Default::None),
            kw("daemon", Default::None),
        ],
        Effect::Pure,
        init,
    ),
    NativeDef::new("start", &[], Effect::Step, start),
    NativeDef::new("join", &[opt("timeout", Default::None)], Effect::Step, join).waits(join_wait),
    NativeDef::new("is_alive", &[], Effect::Step, is_alive),
    NativeDef::new("getName", &[], Effect::Pure, get_name),
    NativeDef::new("isDaemon", &[], Effect::Pure, get_daemon),
];

pub const FUNCTIONS: &[NativeDef] = &[
    NativeDef::new("current_thread", &[], Effect::Pure, current_thread),
    NativeDef::new("main_thread", &[], Effect::Pure, main_thread),
    NativeDef::new("active_count", &[], Effect::Step, active_count),
    NativeDef::new("get_ident", &[], Effect::Pure, get_ident),
];

fn this<'m>(m: &'m mut Machine, recv: Value) -> Result<&'m mut ThreadState, super::Raised> {
    receiver(m, recv, "Thread", |s| match s {
        State::Thread(t) => Some(t),
        _ => None,
    })
}

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let [_group, target, name, args, kwargs, daemon] = *call.args else {
        unreachable!()
    };
    let named = super::truthy_arg(name);
    let name = if named {
        match m.as_str(name) {
            Some(_) => name,
            None => {
                let text = m.display(name)?;
                m.string_value(text)
            }
        }
    } else {
        m.thread_counter += 1;
        let mut text = format!("Thread-{}", m.thread_counter);
        if !target.is_none()
            && let Some(target_name) = m.callable_name(target)
        {
            text.push_str(&format!(" ({target_name})"));
        }
        m.string_value(text)
    };
    let args = if args.is_none() {
        m.tuple_value(Vec::new())
    } else {
        args
    };
    let kwargs = if kwargs.is_none() { m.new_dict() } else { kwargs };
    let daemon = match daemon {
        Value::None => m.actors[call.actor].daemon,
        other => super::truthy_arg(other),
    };
    let Some(r) = call.recv.as_obj().filter(|r| m.instance(*r).is_some()) else {
        return m.type_error("Thread.__init__() needs a Thread instance");
    };
    let state = ThreadState {
        actor: None,
        name,
        daemon,
        target,
        args,
        kwargs,
        started: false,
        finished: false,
    };
    let label = named.then(|| m.as_str(name).unwrap_or_default().into());
    if let Some(inst) = m.instance_mut(r) {
        inst.state = Some(Box::new(State::Thread(state)));
        if inst.label.is_none() {
            inst.label = label;
        }
    }
    Ok(Flow::Return(Value::None))
}

fn start(m: &mut Machine, call: &Call) -> NativeResult {
    let Some(r) = call.recv.as_obj().filter(|r| m.thread_state(*r).is_some()) else {
        return m.raise(classes::RUNTIME_ERROR, "thread.__init__() not called");
    };
    if this(m, call.recv)?.started {
        return m.raise(classes::RUNTIME_ERROR, "threads can only be started once");
    }
    start_actor(m, r);
    Ok(Flow::Return(Value::None))
}

/// Creates the actor that runs thread object `r`; its first step calls `_bootstrap(r)`.
pub fn start_actor(m: &mut Machine, r: ObjRef) -> ActorId {
    let id = m.actors.len();
    let daemon = m.thread_state(r).is_some_and(|t| t.daemon);
    let label = object_label(m, r);
    m.label_value(Value::Obj(r), &label);
    m.heap.share(Value::Obj(r));
    let mut actor = Actor::new(r, label, daemon);
    if !daemon {
        m.foreground += 1;
    }
    actor.stack.push(m.globals[m.program.bootstrap.index()]);
    actor.stack.push(Value::Obj(r));
    m.actors.push(actor);
    if let Some(t) = m.thread_state_mut(r) {
        t.started = true;
        t.actor = Some(id);
    }
    id
}

fn join_wait(m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    let t = m.thread_state(r)?;
    if !t.started || t.actor == Some(call.actor) {
        return None;
    }
    Some((Wait::Thread(r), timeout_secs(call.args[0]).map(|s| s.max(0.0))))
}

fn join(m: &mut Machine, call: &Call) -> NativeResult {
    let actor = call.actor;
    let t = this(m, call.recv)?;
    if !t.started {
        return m.raise(classes::RUNTIME_ERROR, "cannot join thread before it is started");
    }
    if t.actor == Some(actor) {
        return m.raise(classes::RUNTIME_ERROR, "cannot join current thread");
    }
    Ok(Flow::Return(Value::None))
}

fn is_alive(m: &mut Machine, call: &Call) -> NativeResult {
    let t = this(m, call.recv)?;
    Ok(Flow::Return(Value::Bool(t.started && !t.finished)))
}

fn get_name(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(this(m, call.recv)?.name))
}

fn get_daemon(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(this(m, call.recv)?.daemon)))
}

fn current_thread(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Obj(m.actors[call.actor].thread)))
}

fn main_thread(m: &mut Machine, _call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Obj(m.actors[0].thread)))
}

fn active_count(m: &mut Machine, _call: &Call) -> NativeResult {
    let alive = m.actors.iter().filter(|a| !a.done).count();
    Ok(Flow::Return(Value::Int(alive as i64)))
}

fn get_ident(_m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Int(call.actor as i64 + 1)))
}

/// Attributes of thread objects that are properties in Python (`name`, `daemon`, `ident`).
pub fn property(m: &Machine, r: ObjRef, name: &str) -> Option<Value> {
    let t = m.thread_state(r)?;
    Some(match name {
        "name" => t.name,
        "daemon" => Value::Bool(t.daemon),
        "_target" => t.target,
        "_args" => t.args,
        "_kwargs" => t.kwargs,
        "ident" | "native_id" => match t.actor {
            Some(a) if t.started => Value::Int(a as i64 + 1),
            _ => Value::None,
        },
        _ => return None,
    })
}

/// Sets a thread property; `Ok(false)` when `name` is not one.
pub fn set_property(m: &mut Machine, r: ObjRef, name: &str, value: Value) -> Result<bool, super::Raised> {
    if m.thread_state(r).is_none() {
        return Ok(false);
    }
    match name {
        "name" => {
            let text = m.display(value)?;
            let v = m.string_value(text);
            if let Some(t) = m.thread_state_mut(r) {
                t.name = v;
            }
        }
        "daemon" => {
            if m.thread_state(r).is_some_and(|t| t.started) {
                return m.raise(classes::RUNTIME_ERROR, "cannot set daemon status of active thread");
            }
            let daemon = m.truthy(value)?;
            if let Some(t) = m.thread_state_mut(r) {
                t.daemon = daemon;
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}
