//! Awaits done in place: `await asyncio.sleep(delay)`, `await queue.put(item)` and
//! `await queue.get()` calling the library's own coroutines, finished (or, for the sleep,
//! suspended on its future) at the await site without making the coroutine.
//!
//! Only where the coroutine would do exactly that: the call is the whole operand of the
//! `await`, with plain positional arguments, the callee is the library's function, and
//! the native fast path the coroutine itself would take applies (`aio/queue.rs`,
//! `aio/sleep.rs`). Otherwise nothing happens here and the call makes the coroutine.
//! A step that describes itself takes the coroutine too: its native calls would
//! describe the step.

use super::Exec;
use crate::compile::Instr;
use crate::runtime::actor::FrameKind;
use crate::runtime::aio::{future, queue, sleep};
use crate::runtime::call::Site;
use crate::runtime::exceptions::Raised;
use crate::runtime::object::Obj;
use crate::runtime::value::{ObjRef, Value};

impl Exec<'_, '_, '_> {
    /// The call at `pc`, about to call `site`: whether it was an await done in place
    /// (the stack and `pc` then stand after it, or for a sleep, at the await of its
    /// future).
    #[inline]
    pub(super) fn await_in_place(&mut self, site: Site, pc: u32) -> bool {
        let frame = self.frames.last().expect("frame");
        let instrs = &self.p.codes[frame.code.index()].instrs[pc as usize + 1..];
        let [Instr::GetAwaitable, Instr::Const(c), Instr::YieldFrom, ..] = *instrs else {
            return false;
        };
        if !self.m.consts[c.index()].is_none() || site.kwnames.is_some() || self.describe {
            return false;
        }
        let FrameKind::Generator(awaiter) = frame.kind else {
            return false;
        };
        let Value::Obj(callee) = self.stack[site.func] else {
            return false;
        };
        let Obj::Function(f) = self.m.heap.get(callee) else {
            return false;
        };
        let code = f.code;
        if self.m.aio_sleep.is_some_and(|s| s.code == code) {
            return self.sleep_in_place(site, callee, awaiter);
        }
        let args = &self.stack[site.func + 1..];
        let done = match queue::awaited(self.m, code) {
            Some(queue::Awaited::Put) if site.npos == 2 => {
                queue::put_in_place(self.m, args[0], args[1]).then_some(Value::None)
            }
            Some(queue::Awaited::Get) if site.npos == 1 => queue::get_in_place(self.m, args[0]),
            _ => None,
        };
        let Some(v) = done else { return false };
        self.stack.truncate(site.func);
        self.stack.push(v);
        self.frames.last_mut().expect("frame").pc = pc + 4;
        self.timed_out = false;
        true
    }

    /// `await asyncio.sleep(delay[, result])`: the sleep's future in place of the
    /// coroutine, for the await that follows.
    fn sleep_in_place(&mut self, site: Site, callee: ObjRef, awaiter: ObjRef) -> bool {
        let Obj::Function(f) = self.m.heap.get(callee) else {
            return false;
        };
        let result = match (site.npos, &f.defaults[..]) {
            (2, _) => self.stack[site.func + 2],
            (1, [.., default]) => *default,
            _ => return false,
        };
        let delay = self.stack[site.func + 1];
        let Some(fut) = sleep::in_place(self.m, self.aid, awaiter, delay, result) else {
            return false;
        };
        self.stack.truncate(site.func);
        self.stack.push(Value::Obj(fut));
        self.timed_out = false;
        true
    }

    /// The running coroutine resumes from awaiting future `fut`, about to take its
    /// outcome: ends a sleep it awaits in place; an exception it raises passes through
    /// the sleep's frame first.
    pub(crate) fn resumed_from(&mut self, fut: ObjRef, outcome: &Result<Value, Raised>) {
        let Some(FrameKind::Generator(g)) = self.frames.last().map(|f| f.kind) else {
            return;
        };
        if !sleep::resumed(self.m, fut, g) {
            return;
        }
        if let (Err(Raised(exc)), Some((code, pc))) = (outcome, sleep::traceback_entry(self.m, false)) {
            self.m.add_traceback(*exc, code, pc);
        }
    }

    /// `exc` is thrown into coroutine `g`, just resumed where it awaits: if it awaits a
    /// sleep in place, the sleep ends and the exception passes through the sleep's frame
    /// first.
    pub(crate) fn thrown_into_await(&mut self, g: ObjRef, exc: Value) {
        let Some(frame) = self.frames.last() else { return };
        if !matches!(self.p.code(frame.code).instrs[frame.pc as usize], Instr::YieldFrom) {
            return;
        }
        let Some(fut) = self.stack.last().and_then(|v| v.as_obj()) else {
            return;
        };
        if future::peek(self.m, fut).is_none_or(|f| f.sleep_awaited_by != Some(g)) {
            return;
        }
        sleep::resumed(self.m, fut, g);
        if let Some((code, pc)) = sleep::traceback_entry(self.m, true) {
            self.m.add_traceback(exc, code, pc);
        }
    }
}
