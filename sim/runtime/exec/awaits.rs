//! Awaits done in place: `await asyncio.sleep(delay)`, `await queue.put(item)` and
//! `await queue.get()` calling the library's own coroutines, done at the await site
//! without making the coroutine: finished there, or left awaiting the future the
//! coroutine would await (`aio/in_place.rs`).
//!
//! Only where the coroutine would do exactly that: the call is the whole operand of the
//! `await`, with plain positional arguments, the callee is the library's function, and
//! the native fast path the coroutine itself would take applies (`aio/queue.rs`,
//! `aio/sleep.rs`). Otherwise nothing happens here and the call makes the coroutine.
//! When the awaiter resumes from such a future, the coroutine's remaining part is done:
//! natively where that is again the fast path (a sleep's end, a woken `get` taking its
//! item), otherwise by making the coroutine as it stands at its await and resuming it.
//! A step that describes itself takes the coroutine too: its native calls would
//! describe the step.
//!
//! The interpreter runs the instructions of an await site here (`CallMethod`,
//! `GetAwaitable`) rather than in its general `execute`, whose large frame costs more
//! than they do; a pending future left in place of the coroutine is yielded to the task
//! at once, as the site's `GetAwaitable`, `Const None` and `YieldFrom` (none of them a
//! visible operation) would.

use super::{Exec, Next};
use crate::compile::Instr;
use crate::runtime::actor::FrameKind;
use crate::runtime::aio::in_place::{self, Coro};
use crate::runtime::aio::{future, queue, sleep};
use crate::runtime::call::Site;
use crate::runtime::exceptions::Raised;
use crate::runtime::natives::Call;
use crate::runtime::object::{Obj, Resumer};
use crate::runtime::value::{ObjRef, Value};

impl Exec<'_, '_, '_> {
    /// `CallMethod(n)` at `pc`: an await done in place, or the call.
    pub(super) fn call_method(&mut self, n: u16, pc: u32) -> Result<Next, Raised> {
        let site = self.method_site(n as usize, None);
        let site = self.normalize_method_site(site);
        if let Some(next) = self.await_in_place(site, pc) {
            return next;
        }
        self.call(site)
    }

    /// `GetAwaitable`: what `await` iterates, in place of its operand.
    pub(super) fn await_operand(&mut self) -> Result<Next, Raised> {
        let v = self.pop();
        if self.has_await_method(v) {
            return self.call_dunder(v, crate::compile::sym::AWAIT, 0, true);
        }
        let it = self.get_awaitable(v)?;
        self.push(it);
        Ok(Next::Continue)
    }

    /// The call at `pc`, about to call `site`, as an await done in place: `None` if it
    /// is not one. The await then stands after it, or the awaiter awaits the future left
    /// in its place (having yielded it, as `GetAwaitable`, `Const None` and `YieldFrom`
    /// would, none of them a visible operation).
    #[inline]
    pub(super) fn await_in_place(&mut self, site: Site, pc: u32) -> Option<Result<Next, Raised>> {
        let frame = self.frames.last().expect("frame");
        let instrs = &self.p.codes[frame.code.index()].instrs[pc as usize + 1..];
        let [Instr::GetAwaitable, Instr::Const(c), Instr::YieldFrom, ..] = *instrs else {
            return None;
        };
        if !self.m.consts[c.index()].is_none() || site.kwnames.is_some() || self.describe {
            return None;
        }
        let FrameKind::Generator(awaiter) = frame.kind else {
            return None;
        };
        let Value::Obj(callee) = self.stack[site.func] else {
            return None;
        };
        let Obj::Function(f) = self.m.heap.get(callee) else {
            return None;
        };
        let code = f.code;
        if self.m.aio_sleep.is_some_and(|s| s.code == code) {
            let fut = self.sleep_in_place(site, callee, awaiter)?;
            return Some(self.await_future(fut, pc));
        }
        let args = &self.stack[site.func + 1..];
        let (done, waits) = match queue::awaited(self.m, code) {
            Some(queue::Awaited::Put) if site.npos == 2 => {
                let put = queue::put_in_place(self.m, args[0], args[1]);
                (put.then_some(Value::None), None)
            }
            Some(queue::Awaited::Get) if site.npos == 1 => match queue::get_in_place(self.m, self.aid, args[0]) {
                Some(queue::GetInPlace::Item(item)) => (Some(item), None),
                Some(queue::GetInPlace::Waits(getter)) => (None, Some((args[0], getter))),
                None => (None, None),
            },
            _ => (None, None),
        };
        self.timed_out &= done.is_none() && waits.is_none();
        if let Some((Value::Obj(q), getter)) = waits {
            in_place::mark(self.m, getter, awaiter, Coro::Get { queue: q, func: callee });
            self.stack.truncate(site.func);
            self.stack.push(Value::Obj(getter));
            return Some(self.await_future(getter, pc));
        }
        let v = done?;
        self.stack.truncate(site.func);
        self.stack.push(v);
        self.frames.last_mut().expect("frame").pc = pc + 4;
        Some(Ok(Next::Continue))
    }

    /// The await of future `fut`, on top of the stack in place of the call at `pc`: what
    /// `GetAwaitable` (a future is its own awaitable), `Const None` and `YieldFrom` do
    /// with it. A pending future is yielded to the task at once; a done one is left to
    /// those instructions.
    fn await_future(&mut self, fut: ObjRef, pc: u32) -> Result<Next, Raised> {
        match future::peek_mut(self.m, fut) {
            Some(f) if !f.done() => {
                f.blocking = true;
                self.frames.last_mut().expect("frame").pc = pc + 3;
                self.yield_value(Value::Obj(fut))
            }
            _ => Ok(Next::Continue),
        }
    }

    /// `await asyncio.sleep(delay[, result])`: the sleep's future in place of the
    /// coroutine, for the await that follows.
    fn sleep_in_place(&mut self, site: Site, callee: ObjRef, awaiter: ObjRef) -> Option<ObjRef> {
        let Obj::Function(f) = self.m.heap.get(callee) else {
            return None;
        };
        let result = match (site.npos, &f.defaults[..]) {
            (2, _) => self.stack[site.func + 2],
            (1, [.., default]) => *default,
            _ => return None,
        };
        let delay = self.stack[site.func + 1];
        let fut = sleep::in_place(self.m, self.aid, awaiter, delay, result)?;
        self.stack.truncate(site.func);
        self.stack.push(Value::Obj(fut));
        self.timed_out = false;
        Some(fut)
    }

    /// The coroutine awaiting done future `fut` (on top of the stack) resumes from it,
    /// with `sent`: if `fut` stands for a coroutine awaited in place, what the coroutine
    /// does next is done. `None`: the await goes on as any await of a future.
    pub(crate) fn resumed_in_place(&mut self, fut: ObjRef, sent: Value) -> Option<Result<Next, Raised>> {
        let Some(FrameKind::Generator(g)) = self.frames.last().map(|f| f.kind) else {
            return None;
        };
        match in_place::of(self.m, fut, g)? {
            Coro::Sleep => {
                self.sleep_ends(fut);
                let outcome = future::outcome(self.m, fut);
                if let (Err(Raised(exc)), Some((code, pc))) = (&outcome, sleep::traceback_entry(self.m, false)) {
                    self.m.add_traceback(*exc, code, pc);
                }
                Some(outcome.map(|v| {
                    self.stack.pop();
                    self.stack.push(v);
                    Next::Continue
                }))
            }
            Coro::Get { queue: q, func } => {
                let woken = future::peek(self.m, fut)
                    .is_some_and(|f| f.status == future::Status::Finished && f.exception.is_none() && !self.describe);
                if let Some(item) = woken.then(|| queue::woken_get(self.m, q)).flatten() {
                    in_place::clear(self.m, fut);
                    self.timed_out = false;
                    self.stack.pop();
                    self.stack.push(item);
                    return Some(Ok(Next::Continue));
                }
                let coro = self.get_coroutine(q, func, fut)?;
                Some(self.resume_as(coro, sent, None, Resumer::Delegate))
            }
        }
    }

    /// `exc` is thrown into coroutine `g`, just resumed where it awaits: if it awaits a
    /// future in place of a coroutine, the coroutine it would be delegating to (made now,
    /// for a `get`); a sleep ends there, the exception passing through its frame.
    pub(crate) fn thrown_in_place(&mut self, g: ObjRef, exc: Value) -> Option<ObjRef> {
        let frame = self.frames.last()?;
        if !matches!(self.p.code(frame.code).instrs[frame.pc as usize], Instr::YieldFrom) {
            return None;
        }
        let fut = self.stack.last()?.as_obj()?;
        match in_place::of(self.m, fut, g)? {
            Coro::Sleep => {
                self.sleep_ends(fut);
                if let Some((code, pc)) = sleep::traceback_entry(self.m, true) {
                    self.m.add_traceback(exc, code, pc);
                }
                None
            }
            Coro::Get { queue: q, func } => self.get_coroutine(q, func, fut),
        }
    }

    /// The `get` coroutine awaiting `getter`, made in place of the getter on top of the
    /// stack.
    fn get_coroutine(&mut self, q: ObjRef, func: ObjRef, getter: ObjRef) -> Option<ObjRef> {
        let coro = queue::get_coroutine(self.m, q, func, getter)?;
        in_place::clear(self.m, getter);
        *self.stack.last_mut().expect("the awaited future") = Value::Obj(coro);
        Some(coro)
    }

    /// A sleep done in place ends: what its `finally` does, `_sleep_ended(future)`,
    /// including what that native call does to the step (it would describe it).
    fn sleep_ends(&mut self, fut: ObjRef) {
        sleep::end(self.m, fut);
        self.timed_out = false;
        if std::mem::take(&mut self.describe)
            && let Some(id) = sleep::ended_native(self.m)
        {
            let args = [Value::Obj(fut)];
            let call = Call {
                actor: self.aid,
                recv: Value::None,
                args: &args,
                rest: &[],
                kwargs: &[],
                timed_out: false,
            };
            let mut op = crate::runtime::describe::native_call(self.m, id, &call);
            if crate::runtime::describe::shows_result(self.m.registry.def(id).name, Value::None) {
                op.result = Some("None".to_string());
            }
            self.m.op = Some(op);
        }
    }
}
