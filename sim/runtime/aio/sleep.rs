//! `asyncio.sleep`'s future and timer, natively: what `loop.create_future()` and
//! `loop.call_later(delay, _set_result_unless_cancelled, future, result)` do, without the
//! `TimerHandle` nobody but the sleep sees. The timer is the loop's (same deadline, same
//! place among timers scheduled at once, the same step when it fires); the handle's
//! `cancel()` in the sleep's `finally` becomes `_sleep_ended(future)`, after which the
//! timer is dropped or skipped as a cancelled handle is.
//!
//! Only where those are the methods that would run: the running loop is a plain event
//! loop whose class and instance hide neither method; otherwise `_sleep_timer` does
//! nothing and the library's Python calls them.
//!
//! `await asyncio.sleep(delay)` may also be done in place, with no sleep coroutine (see
//! `exec/awaits.rs`): the caller awaits the sleep's future itself, which remembers the
//! coroutine awaiting it; what the sleep's `finally` does (`_sleep_ended`) is done when
//! that coroutine resumes from the future, and an exception passing through notes the
//! sleep's frame in its traceback, as the sleep coroutine would have.

use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Effect, Flow, NativeDef, NativeResult, req};
use super::super::value::{ObjRef, Value};
use super::event_loop;
use super::future;
use super::in_place;
use crate::compile::{CodeId, CodeKind, Instr, Program, Sym};

pub const FUNCTIONS: &[NativeDef] = &[
    NativeDef::new(
        "_sleep_timer",
        &[req("delay"), req("result")],
        Effect::Pure,
        sleep_timer,
    ),
    NativeDef::new("_sleep_ended", &[req("future")], Effect::Pure, sleep_ended),
];

/// The names of the loop methods the native timer stands for, and the library's
/// `sleep` coroutine.
#[derive(Clone, Copy)]
pub struct SleepNames {
    create_future: Sym,
    call_later: Sym,
    /// The code of the library's `sleep`.
    pub code: CodeId,
    /// Where in it the sleep awaits its future (`return await future`).
    await_pc: u32,
    /// Whether a class of the event loop's was last found to define either method (at
    /// which `class_version`).
    overridden: Option<(u32, bool)>,
}

impl SleepNames {
    pub fn find(p: &Program) -> Option<SleepNames> {
        let (code, await_pc) = p.codes.iter().enumerate().find_map(|(i, c)| {
            let library = p.sources[c.source.index()].name == "<sim>/asyncio.py";
            let sleep = library && c.qualname == "sleep" && c.kind == CodeKind::Coroutine;
            let at = c.instrs.iter().rposition(|i| matches!(i, Instr::YieldFrom))?;
            sleep.then_some((CodeId(i as u32), at as u32))
        })?;
        Some(SleepNames {
            create_future: p.syms.lookup("create_future")?,
            call_later: p.syms.lookup("call_later")?,
            code,
            await_pc,
            overridden: None,
        })
    }
}

/// Whether the sleep whose future is `fut` is over (its timer must not fire).
pub fn ended(m: &Machine, fut: ObjRef) -> bool {
    future::peek(m, fut).is_none_or(|f| f.sleep_ended)
}

/// `_sleep_timer(delay, result)`: the sleep's future, its timer scheduled; `None`,
/// having done nothing, where the Python must do it.
fn sleep_timer(m: &mut Machine, call: &Call) -> NativeResult {
    let made = timer(m, call.actor, call.arg(0), call.arg(1));
    Ok(Flow::Return(made.map_or(Value::None, Value::Obj)))
}

fn timer(m: &mut Machine, actor: usize, delay: Value, result: Value) -> Option<ObjRef> {
    let names = m.aio_sleep?;
    let running = m.actors[actor].running_loop;
    let r = running.as_obj()?;
    let inst = m.instance(r)?;
    let hides = |s: &Sym| *s == names.create_future || *s == names.call_later;
    if inst.class != classes::EVENT_LOOP || inst.attrs.iter().any(|(s, _)| hides(s)) {
        return None;
    }
    let overridden = match names.overridden {
        Some((version, overridden)) if version == m.class_version => overridden,
        _ => {
            let overridden = m
                .program
                .class(classes::EVENT_LOOP)
                .mro
                .iter()
                .any(|c| m.class_attrs[c.index()].iter().any(|(s, _)| hides(s)));
            if let Some(names) = &mut m.aio_sleep {
                names.overridden = Some((m.class_version, overridden));
            }
            overridden
        }
    };
    if overridden || event_loop::is_closed_loop(m, r) {
        return None;
    }
    // `call_later`'s reading of the delay; anything else raises there.
    let delay = match delay {
        Value::Int(i) => i as f64,
        Value::Bool(b) => f64::from(u8::from(b)),
        Value::Float(f) if !f.is_nan() => f,
        _ => return None,
    };
    let fut = future::new_future(m, classes::FUTURE, future::FutureState::new(running));
    event_loop::sleep_timer(m, r, delay, fut, result);
    Some(fut)
}

/// `await asyncio.sleep(delay, result)` in coroutine `awaiter`, in place: the sleep's
/// future, its timer scheduled, for the awaiter to await; `None`, having done nothing,
/// where the sleep coroutine must run (a delay it would not hand to the native timer, or
/// a timer it would not get).
pub fn in_place(m: &mut Machine, actor: usize, awaiter: ObjRef, delay: Value, result: Value) -> Option<ObjRef> {
    // `if delay <= 0` is the sleep's first test: only a delay it passes is taken.
    let positive = match delay {
        Value::Int(i) => i > 0,
        Value::Bool(b) => b,
        Value::Float(f) => f > 0.0,
        _ => false,
    };
    if !positive {
        return None;
    }
    let fut = timer(m, actor, delay, result)?;
    in_place::mark(m, fut, awaiter, in_place::Coro::Sleep);
    Some(fut)
}

/// The awaiter of a sleep done in place resumes from its future: the sleep is over (its
/// `finally`).
pub fn end(m: &mut Machine, fut: ObjRef) {
    in_place::clear(m, fut);
    if let Some(f) = future::peek_mut(m, fut) {
        f.sleep_ended = true;
    }
}

/// `_sleep_ended`, which the sleep's `finally` calls.
pub fn ended_native(m: &Machine) -> Option<crate::compile::NativeId> {
    use super::super::natives::Export;
    use super::super::value::Module;
    match m.registry.export(
        super::super::natives::Namespace::Module(Module::Asyncio),
        "_sleep_ended",
    )? {
        Export::Native(id) => Some(id),
        _ => None,
    }
}

/// The sleep coroutine's place in a traceback an exception leaving a sleep done in place
/// gets: thrown in while it waited (`thrown`), or raised by the future it awaited.
pub fn traceback_entry(m: &Machine, thrown: bool) -> Option<(CodeId, u32)> {
    let names = m.aio_sleep?;
    Some((names.code, if thrown { names.await_pc - 1 } else { names.await_pc }))
}

/// `_sleep_ended(future)`: the sleep is over; its timer, if still to fire, will not.
fn sleep_ended(m: &mut Machine, call: &Call) -> NativeResult {
    if let Some(f) = call.arg(0).as_obj().and_then(|r| future::peek_mut(m, r)) {
        f.sleep_ended = true;
    }
    Ok(Flow::Return(Value::None))
}
