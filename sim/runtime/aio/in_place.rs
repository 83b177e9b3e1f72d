//! Awaits of the library's coroutines done in place (`exec/awaits.rs`): the future the
//! awaiter was left awaiting remembers which coroutine it stands for and who awaits it,
//! so that the coroutine's remaining part is done when the awaiter resumes from it, and
//! its name stands in a stuck task's chain of awaits as the coroutine's would.

use super::super::machine::Machine;
use super::super::value::{ObjRef, Value};
use super::future;

/// A coroutine an await did in place, and the coroutine that awaits its future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InPlace {
    pub awaiter: ObjRef,
    pub coro: Coro,
}

/// The library coroutine the future stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coro {
    /// `asyncio.sleep`, waiting for its timer.
    Sleep,
    /// `Queue.get` (the function `func`) on `queue`, waiting for an item.
    Get { queue: ObjRef, func: ObjRef },
}

impl Coro {
    /// The coroutine's qualified name.
    pub fn qualname(self) -> &'static str {
        match self {
            Coro::Sleep => "sleep",
            Coro::Get { .. } => "Queue.get",
        }
    }
}

impl InPlace {
    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        f(Value::Obj(self.awaiter));
        if let Coro::Get { queue, func } = self.coro {
            f(Value::Obj(queue));
            f(Value::Obj(func));
        }
    }
}

/// Notes that `awaiter` awaits future `fut` in place of `coro`.
pub fn mark(m: &mut Machine, fut: ObjRef, awaiter: ObjRef, coro: Coro) {
    if let Some(f) = future::peek_mut(m, fut) {
        f.in_place = Some(InPlace { awaiter, coro });
    }
}

/// The coroutine `fut` stands for, if `awaiter` awaits it in place.
pub fn of(m: &Machine, fut: ObjRef, awaiter: ObjRef) -> Option<Coro> {
    let in_place = future::peek(m, fut)?.in_place?;
    (in_place.awaiter == awaiter).then_some(in_place.coro)
}

/// The awaiter no longer awaits `fut` in place (it resumed from it, or the coroutine was
/// made after all).
pub fn clear(m: &mut Machine, fut: ObjRef) {
    if let Some(f) = future::peek_mut(m, fut) {
        f.in_place = None;
    }
}
