//! Whether an instruction, given its operands, is a visible operation (a step of its own)
//! and, if so, how the actor waits before it; the call sites natives are found at.

use super::Exec;
use crate::compile::Instr;
use crate::runtime::call::Site;
use crate::runtime::natives::Effect;
use crate::runtime::object::{Iter, Obj};
use crate::runtime::pending::Pending;
use crate::runtime::value::Value;
use crate::syntax::ast::CmpOp;

impl Exec<'_, '_, '_> {
    /// Whether `instr`, given the operands on the stack, is a visible operation.
    pub(super) fn is_visible(&mut self, instr: Instr) -> bool {
        let site = match instr {
            Instr::Call(n) => self.call_site(n as usize, None),
            Instr::CallKw(n, names) => self.call_site(n as usize, Some(names)),
            Instr::CallMethod(n) => self.method_site(n as usize, None),
            Instr::CallMethodKw(n, names) => self.method_site(n as usize, Some(names)),
            Instr::CallSpread => self.spread_site(),
            _ => return self.visibility(instr).is_some(),
        };
        self.visible_call(site).is_some()
    }

    /// Whether `instr`, given the operands on the stack, is a visible operation; if so,
    /// how the actor waits before it. A call that cannot reach a native (a Python
    /// function's, the commonest) is told apart here, without a call.
    #[inline(always)]
    pub(super) fn visibility(&mut self, instr: Instr) -> Option<Pending> {
        match instr {
            Instr::Call(n) | Instr::CallKw(n, _) if !self.may_call_native(n as usize) => None,
            Instr::CallMethod(n) | Instr::CallMethodKw(n, _) if !self.may_call_native(n as usize + 1) => None,
            _ => self.any_visibility(instr),
        }
    }

    /// [`Exec::visibility`] of any instruction but a call that cannot reach a native.
    #[inline(never)]
    fn any_visibility(&mut self, instr: Instr) -> Option<Pending> {
        let shared = |e: &Self, v: Value| v.as_obj().is_some_and(|r| e.m.heap.is_shared(r));
        let mutable_shared = |e: &Self, v: Value| {
            v.as_obj().is_some_and(|r| {
                e.m.heap.is_shared(r)
                    && !e.m.heap.is_frozen(r)
                    && matches!(e.m.heap.get(r), Obj::List(_) | Obj::Dict(_) | Obj::Set(_))
            })
        };
        let visible = match instr {
            Instr::LoadShared(_) | Instr::StoreShared(_) => true,
            Instr::LoadAttr(s) | Instr::LoadMethod(s) => {
                let obj = self.top();
                shared(self, obj) && self.p.attr_is_mutable(s) && self.is_instance_attr(obj, s)
            }
            Instr::StoreAttr(_) | Instr::DeleteAttr(_) => {
                let obj = self.top();
                shared(self, obj) && obj.as_obj().is_some_and(|r| self.m.instance(r).is_some())
            }
            Instr::LoadSubscr | Instr::StoreSubscr | Instr::DeleteSubscr => mutable_shared(self, self.peek(2)),
            Instr::Compare(CmpOp::In | CmpOp::NotIn) => mutable_shared(self, self.top()),
            Instr::WithEnter => {
                let wait = self
                    .top()
                    .as_obj()
                    .and_then(|r| crate::runtime::sync::with_wait(self.m, r));
                return wait.map(|w| Pending::wait(w, None));
            }
            Instr::WithExit => self
                .top()
                .as_obj()
                .is_some_and(|r| crate::runtime::sync::with_wait(self.m, r).is_some()),
            Instr::ForIter(_) => self.iterates_shared(self.top()),
            Instr::Call(n) => return self.call_visibility(self.call_site(n as usize, None)),
            Instr::CallKw(n, names) => return self.call_visibility(self.call_site(n as usize, Some(names))),
            Instr::CallMethod(n) => return self.call_visibility(self.method_site(n as usize, None)),
            Instr::CallMethodKw(n, names) => return self.call_visibility(self.method_site(n as usize, Some(names))),
            Instr::CallSpread => {
                let site = self.spread_site();
                return self.call_visibility(site);
            }
            _ => false,
        };
        visible.then_some(Pending::RUN)
    }

    pub(super) fn is_instance_attr(&self, obj: Value, s: crate::compile::Sym) -> bool {
        obj.as_obj()
            .and_then(|r| self.m.instance(r))
            .is_some_and(|i| i.attr(s).is_some())
    }

    pub(super) fn iterates_shared(&self, it: Value) -> bool {
        let Some(r) = it.as_obj() else { return false };
        let seq = match self.m.heap.get(r) {
            Obj::Iter(Iter::Seq { seq, .. }) | Obj::Iter(Iter::Dict { dict: seq, .. }) => *seq,
            _ => return false,
        };
        self.m.heap.is_shared(seq)
            && !self.m.heap.is_frozen(seq)
            && !matches!(self.m.heap.get(seq), Obj::Str(_) | Obj::Tuple(_))
    }

    /// The site of `Call(n)`/`CallKw(n, names)`: callable below `n` arguments.
    pub(in crate::runtime) fn call_site(&self, n: usize, names: Option<crate::compile::ConstId>) -> Site {
        let kwnames = names.map(|c| self.m.consts[c.index()]);
        let nkw = kwnames.and_then(|t| self.m.seq_items(t)).map_or(0, <[Value]>::len);
        Site {
            func: self.stack.len() - n - 1,
            npos: n - nkw,
            kwnames,
        }
    }

    /// The site of `CallMethod(n)`: callable, receiver (or the no-receiver marker), args.
    pub(in crate::runtime) fn method_site(&self, n: usize, names: Option<crate::compile::ConstId>) -> Site {
        let site = self.call_site(n + 1, names);
        if matches!(self.stack[site.func + 1], Value::Unset) {
            Site {
                npos: site.npos - 1,
                ..site
            }
        } else {
            site
        }
    }

    /// Whether the callable below `n` operands may reach a native (only a native call can
    /// be visible; see [`Exec::native_target`]): a quick look before the call site is
    /// laid out.
    #[inline]
    fn may_call_native(&self, n: usize) -> bool {
        let at = self.stack.len() - n - 1;
        match self.stack[at] {
            Value::Native(_) => true,
            Value::Obj(r) => matches!(self.m.heap.get(r), Obj::BoundMethod { .. }),
            _ => false,
        }
    }

    /// The native a visible call reaches, if the call is visible.
    pub(in crate::runtime) fn visible_call(&self, site: Site) -> Option<crate::compile::NativeId> {
        if matches!(self.stack.get(site.func + 1), Some(Value::Unset)) && site.npos < self.stack.len() - site.func - 1 {
            return None;
        }
        let (id, recv) = self.native_target(site)?;
        self.native_is_visible(id, recv).then_some(id)
    }

    /// Whether calling native `id` on `recv` (its receiver, or the object a function
    /// such as `len` works on) is a visible operation, by the native's effect.
    pub(super) fn native_is_visible(&self, id: crate::compile::NativeId, recv: Value) -> bool {
        match self.m.registry.def(id).effect {
            Effect::Pure => false,
            Effect::Step => true,
            Effect::Data => recv
                .as_obj()
                .is_some_and(|r| self.m.heap.is_shared(r) && !self.m.heap.is_frozen(r)),
        }
    }

    /// How the actor waits before a visible native call, from what the native's wait
    /// function found (nothing: it can go on).
    pub(super) fn pending_of(&self, found: Option<(crate::runtime::pending::Wait, Option<f64>)>) -> Pending {
        match found {
            None => Pending::RUN,
            Some((w, timeout)) => Pending::wait(w, timeout.map(|t| self.m.now.after(t.max(0.0)))),
        }
    }

    #[inline(never)]
    pub(super) fn call_visibility(&mut self, site: Site) -> Option<Pending> {
        let id = self.visible_call(site)?;
        let Some(wait) = self.m.registry.def(id).wait else {
            return Some(Pending::RUN);
        };
        let Ok(binding) = self.bind_native(id, site) else {
            return Some(Pending::RUN);
        };
        let found = self.with_call(id, &binding, false, |m, call| wait(m, call));
        Some(self.pending_of(found))
    }

    /// Removes the "no receiver" marker `LoadMethod` leaves for plain attributes.
    pub(super) fn normalize_method_site(&mut self, site: Site) -> Site {
        if matches!(self.stack[site.func + 1], Value::Unset) && site.npos < self.stack.len() - site.func - 1 {
            let n_after = self.stack.len() - site.func - 2;
            if n_after >= site.npos {
                self.stack.remove(site.func + 1);
            }
        }
        site
    }
}

/// Instructions that can be visible operations (checked against their operands).
pub(super) fn may_be_visible(instr: Instr) -> bool {
    matches!(
        instr,
        Instr::LoadShared(_)
            | Instr::StoreShared(_)
            | Instr::LoadAttr(_)
            | Instr::LoadMethod(_)
            | Instr::StoreAttr(_)
            | Instr::DeleteAttr(_)
            | Instr::LoadSubscr
            | Instr::StoreSubscr
            | Instr::DeleteSubscr
            | Instr::Compare(CmpOp::In | CmpOp::NotIn)
            | Instr::ForIter(_)
            | Instr::Call(_)
            | Instr::CallKw(..)
            | Instr::CallMethod(_)
            | Instr::CallMethodKw(..)
            | Instr::CallSpread
            | Instr::WithEnter
            | Instr::WithExit
    )
}
