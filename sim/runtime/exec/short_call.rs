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

use super::{Exec, Next};
use crate::compile::NativeId;
use crate::runtime::exceptions::Raised;
use crate::runtime::natives::Call;
use crate::runtime::pending::Pending;
use crate::runtime::value::Value;

impl Exec<'_, '_, '_> {
    /// The native method and its receiver, if the `CallMethod(0)` about to run calls a
    /// native method that takes no arguments, and the short path may take it.
    pub(super) fn short_call_target(&self) -> Option<(NativeId, Value)> {
        if self.observer || self.armed || self.describe || self.record {
            return None;
        }
        let n = self.stack.len();
        let (Value::Native(id), recv) = (self.stack[n - 2], self.stack[n - 1]) else {
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
        let def = self.m.registry.def(id);
        let timed_out = std::mem::take(&mut self.timed_out);
        let call = self.short_call_of(recv, timed_out);
        let flow = (def.call)(self.m, &call)?;
        let n = self.stack.len();
        self.stack.truncate(n - 2);
        self.follow(flow)
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
