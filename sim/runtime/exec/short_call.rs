//! The short path of a native method called with no arguments (`obj.method()` where the
//! method is a native taking none: `loop._run_once_step()`, `lock.release()`,
//! `event.set()`, ...): whether it is a visible step and how the actor waits before it,
//! and the call, straight from the two stack slots `LoadMethod` left, without laying out
//! and binding a general call site twice.
//!
//! It decides and does exactly what the general path (`visibility.rs`, `call.rs`) would:
//! the same effect rule, the same wait, the same call. Steps that must describe
//! themselves or note what they touch, and the scheduled operation of a step (`armed`),
//! take the general path.
//!
//! It also goes round `while obj.method(): pass` in place (the library's event loop,
//! `while self._run_once_step(): pass`): when `obj.method()` returned `True`, the frame
//! would pop it, jump back, load the method and call it again as its next step; where
//! that call would take the short path as a step taken in place, it is made at once,
//! with none of the frame's instructions in between.

use super::{Exec, FUEL, Next};
use crate::compile::{Instr, NativeId};
use crate::runtime::exceptions::Raised;
use crate::runtime::natives::{Call, Flow};
use crate::runtime::pending::Pending;
use crate::runtime::value::Value;

impl Exec<'_, '_, '_> {
    /// The native method and its receiver, if the `CallMethod(0)` about to run calls a
    /// native method that takes no arguments, and the short path may take it.
    pub(super) fn short_call_target(&self) -> Option<(NativeId, Value)> {
        let n = self.stack.len();
        self.short_target_of(self.stack[n - 2], self.stack[n - 1])
    }

    /// [`Exec::short_call_target`] for method `func` loaded from `recv`.
    #[inline]
    fn short_target_of(&self, func: Value, recv: Value) -> Option<(NativeId, Value)> {
        if self.observer || self.armed || self.describe || self.record {
            return None;
        }
        let Value::Native(id) = func else {
            return None;
        };
        let registry = &self.m.registry;
        let def = registry.def(id);
        let plain = def.params.is_empty() && !def.varargs && !def.kwargs;
        let short =
            plain && !matches!(recv, Value::Unset) && registry.owner(id).is_some() && !registry.special.contains(id);
        short.then_some((id, recv))
    }

    /// Whether calling native method `id` on `recv` is a visible operation; if so, how the
    /// actor waits before it (as [`Exec::visibility`] decides for the general call).
    pub(super) fn short_call_visibility(&mut self, id: NativeId, recv: Value) -> Option<Pending> {
        if !self.native_is_visible(id, recv) {
            return None;
        }
        let Some(wait) = self.m.registry.def(id).wait else {
            return Some(Pending::RUN);
        };
        let call = self.short_call_of(recv, false);
        let found = wait(self.m, &call);
        Some(self.pending_of(found))
    }

    /// Calls native method `id` on `recv`, the two slots on top of the stack, as
    /// [`Exec::call`] would.
    pub(super) fn short_call(&mut self, id: NativeId, recv: Value) -> Result<Next, Raised> {
        let flow = self.short_native_call(id, recv)?;
        let n = self.stack.len();
        self.stack.truncate(n - 2);
        if matches!(flow, Flow::Return(Value::Bool(true))) {
            return self.returned_true();
        }
        self.follow(flow)
    }

    fn short_native_call(&mut self, id: NativeId, recv: Value) -> Result<Flow, Raised> {
        let def = self.m.registry.def(id);
        let timed_out = std::mem::take(&mut self.timed_out);
        let call = self.short_call_of(recv, timed_out);
        (def.call)(self.m, &call)
    }

    /// Gives `True`, what a call just returned, to the frame on top. If that frame is
    /// going round `while obj.method(): pass`, and its next call of `obj.method()` would
    /// take the short path as a step this actor takes in place at once (no other actor
    /// to choose from, no collection due at the jump back), the step is taken here, as
    /// many times as the call returns `True` again.
    pub(crate) fn returned_true(&mut self) -> Result<Next, Raised> {
        loop {
            let Some((id, recv)) = self.next_round() else {
                self.stack.push(Value::Bool(true));
                return Ok(Next::Continue);
            };
            self.fuel = FUEL;
            self.m.others.invalidate();
            let flow = self.short_native_call(id, recv)?;
            if !matches!(flow, Flow::Return(Value::Bool(true))) {
                return self.follow(flow);
            }
        }
    }

    /// The method a `while obj.method(): pass` frame on top calls next, and its receiver,
    /// once its call is counted as the step this actor takes now; `None` (and nothing
    /// done) where the frame is not such a loop or the general path must take the call.
    fn next_round(&mut self) -> Option<(NativeId, Value)> {
        let frame = self.frames.last()?;
        let at = frame.pc as usize;
        let instrs = &self.p.codes[frame.code.index()].instrs;
        let (Instr::PopJumpIfFalse(_), Instr::Jump(head)) = (*instrs.get(at)?, *instrs.get(at + 1)?) else {
            return None;
        };
        let head = head as usize;
        let (Instr::LoadLocal(local), Instr::LoadMethod(name), Instr::CallMethod(0)) =
            (*instrs.get(head)?, *instrs.get(head + 1)?, *instrs.get(head + 2)?)
        else {
            return None;
        };
        if head + 3 != at || self.m.heap.wants_collect() || self.m.others_enabled(self.aid) > 0 {
            return None;
        }
        let obj = self.stack[frame.base as usize + local as usize];
        let site = self.p.code_base[frame.code.index()] as usize + head + 1;
        let func = self.m.cached_method(site, obj, name)?;
        let (id, recv) = self.short_target_of(func, obj)?;
        let pending = self.short_call_visibility(id, recv)?;
        self.take_inline(pending).then_some((id, recv))
    }

    fn short_call_of(&self, recv: Value, timed_out: bool) -> Call<'static> {
        Call {
            actor: self.aid,
            recv,
            args: &[],
            rest: &[],
            kwargs: &[],
            timed_out,
        }
    }
}
