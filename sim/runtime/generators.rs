//! Generators and coroutines on the interpreter: resuming a suspended frame (`next`,
//! `send`, `throw`, `close`, `for`, `yield from`), suspending it at `yield`, and
//! delivering what it yields or returns to whoever resumed it.

use super::actor::{Frame, FrameKind};
use super::call::Site;
use super::classes;
use super::exceptions::Raised;
use super::exec::{Exec, Next};
use super::items::Next as IterNext;
use super::object::{GenKind, GenState, Obj, Resumer};
use super::value::{ObjRef, Value};
use crate::compile::NativeId;

impl Exec<'_, '_, '_> {
    fn generator(&mut self, g: ObjRef) -> &mut super::object::Generator {
        generator_in(&mut self.m.heap, g)
    }

    /// Resumes generator `g` with `sent` (or by throwing `throw` into it).
    #[inline(never)]
    pub fn resume(&mut self, g: ObjRef, sent: Value, throw: Option<Value>) -> Result<Next, Raised> {
        let resumer = match self
            .frames
            .last()
            .map(|f| self.p.code(f.code).instrs[f.pc as usize - 1])
        {
            Some(crate::compile::Instr::ForIter(_)) => Resumer::Loop,
            Some(crate::compile::Instr::YieldFrom) => Resumer::Delegate,
            _ => Resumer::Call,
        };
        self.resume_as(g, sent, throw, resumer)
    }

    pub(crate) fn resume_as(
        &mut self,
        g: ObjRef,
        sent: Value,
        throw: Option<Value>,
        resumer: Resumer,
    ) -> Result<Next, Raised> {
        let state = self.generator(g).state;
        let coroutine = self.generator(g).kind == GenKind::Coroutine;
        match state {
            GenState::Running if coroutine => return self.m.value_error("coroutine already executing"),
            GenState::Running => return self.m.value_error("generator already executing"),
            GenState::Closed if coroutine && throw.is_none() => {
                return self
                    .m
                    .raise(classes::RUNTIME_ERROR, "cannot reuse already awaited coroutine");
            }
            GenState::Closed => {
                if let Some(exc) = throw {
                    return Err(Raised(exc));
                }
                return self.deliver_return(Value::None, resumer);
            }
            GenState::Created if throw.is_none() && !sent.is_none() => {
                return self
                    .m
                    .type_error("can't send non-None value to a just-started generator");
            }
            GenState::Created if throw.is_some() => {
                self.close_generator(g);
                return Err(Raised(throw.expect("checked")));
            }
            _ => {}
        }
        let base = self.stack.len();
        // Through the heap alone: the interpreter's stack is used alongside.
        let g_state = generator_in(&mut self.m.heap, g);
        g_state.state = GenState::Running;
        g_state.resumer = resumer;
        let (code, pc) = (g_state.code, g_state.pc);
        // The saved values are copied back; the generator keeps their buffer for its
        // next suspension (no allocation per resume).
        self.stack.extend_from_slice(&g_state.values);
        g_state.values.clear();
        self.frames.push(Frame {
            code,
            pc,
            base: base as u32,
            kind: FrameKind::Generator(g),
        });
        match throw {
            Some(exc) if state == GenState::Suspended => {
                // Thrown into the generator it delegates to, as CPython does (made now if
                // it was awaited in place).
                match self.delegating_to().or_else(|| self.thrown_in_place(g, exc)) {
                    Some(inner) => self.resume_as(inner, Value::None, Some(exc), Resumer::Delegate),
                    None => Ok(match self.unwind(exc, true) {
                        Some(stop) => Next::Stop(stop),
                        None => Next::Continue,
                    }),
                }
            }
            Some(exc) => Ok(match self.unwind(exc, true) {
                Some(stop) => Next::Stop(stop),
                None => Next::Continue,
            }),
            None => {
                if state == GenState::Suspended {
                    self.stack.push(sent);
                }
                Ok(Next::Continue)
            }
        }
    }

    /// The generator the top frame (a suspended generator just resumed) is delegating
    /// to: it stopped at `yield from`/`await` with a generator below the sent value.
    fn delegating_to(&self) -> Option<ObjRef> {
        let frame = self.frames.last()?;
        if !matches!(
            self.p.code(frame.code).instrs[frame.pc as usize],
            crate::compile::Instr::YieldFrom
        ) {
            return None;
        }
        let r = self.stack.last()?.as_obj()?;
        matches!(self.m.heap.get(r), Obj::Generator(_)).then_some(r)
    }

    /// Suspends the running generator frame, handing `v` to its resumer.
    #[inline(never)]
    pub fn yield_value(&mut self, mut v: Value) -> Result<Next, Raised> {
        loop {
            let frame = self.frames.pop().expect("generator frame");
            let FrameKind::Generator(g) = frame.kind else {
                return self.m.raise(classes::RUNTIME_ERROR, "yield outside a generator");
            };
            let g_state = generator_in(&mut self.m.heap, g);
            g_state.values.extend_from_slice(&self.stack[frame.base as usize..]);
            self.stack.truncate(frame.base as usize);
            g_state.pc = frame.pc;
            g_state.state = GenState::Suspended;
            match g_state.resumer {
                Resumer::Task(task) => return self.task_yielded(task, v),
                Resumer::Delegate => {
                    let caller = self.frames.last_mut().expect("delegating frame");
                    caller.pc -= 1;
                    continue;
                }
                Resumer::Close => return self.m.raise(classes::RUNTIME_ERROR, "generator ignored GeneratorExit"),
                Resumer::CallWithDefault => {
                    *self.stack.last_mut().expect("default") = v;
                    return Ok(Next::Continue);
                }
                Resumer::Loop | Resumer::Call => {
                    self.stack.push(v);
                    v = Value::None;
                    let _ = v;
                    return Ok(Next::Continue);
                }
            }
        }
    }

    /// The running generator frame returned `v`.
    #[inline(never)]
    pub fn generator_return(&mut self, g: ObjRef, v: Value) -> Result<Next, Raised> {
        let frame = self.frames.pop().expect("generator frame");
        self.stack.truncate(frame.base as usize);
        let resumer = self.generator(g).resumer;
        self.close_generator(g);
        self.deliver_return(v, resumer)
    }

    fn deliver_return(&mut self, v: Value, resumer: Resumer) -> Result<Next, Raised> {
        match resumer {
            Resumer::Loop => {
                self.stack.pop();
                let frame = self.frames.last_mut().expect("loop frame");
                let code = self.p.code(frame.code);
                if let crate::compile::Instr::ForIter(target) = code.instrs[frame.pc as usize - 1] {
                    frame.pc = target;
                }
                Ok(Next::Continue)
            }
            Resumer::Delegate => {
                self.stack.pop();
                self.stack.push(v);
                Ok(Next::Continue)
            }
            Resumer::Close => {
                self.stack.push(Value::None);
                Ok(Next::Continue)
            }
            Resumer::CallWithDefault => Ok(Next::Continue),
            Resumer::Task(task) => {
                super::aio::task::after_return(self.m, task, v);
                self.returned_true()
            }
            Resumer::Call => {
                let args = if v.is_none() { Vec::new() } else { vec![v] };
                let exc = self.m.new_exception(classes::STOP_ITERATION, args);
                Err(Raised(exc))
            }
        }
    }

    /// Who last resumed generator `g`, and whether it is a coroutine.
    pub fn generator_info(&mut self, g: ObjRef) -> (Resumer, GenKind) {
        let g_state = self.generator(g);
        (g_state.resumer, g_state.kind)
    }

    /// An asyncio task step: resumes the task's coroutine (`Flow::Resume`).
    pub fn resume_task(&mut self, coro: ObjRef, throw: Option<Value>, task: ObjRef) -> Result<Next, Raised> {
        match self.resume_as(coro, Value::None, throw, Resumer::Task(task)) {
            Ok(next) => Ok(next),
            Err(Raised(exc)) => {
                super::aio::task::after_raise(self.m, task, exc)?;
                self.stack.push(Value::Bool(true));
                Ok(Next::Continue)
            }
        }
    }

    /// The task's coroutine yielded `v` (a future it awaits, or `None`).
    fn task_yielded(&mut self, task: ObjRef, v: Value) -> Result<Next, Raised> {
        super::aio::task::after_yield(self.m, task, v)?;
        self.returned_true()
    }

    /// Whether `await v` calls a Python `__await__` method of `v`'s class.
    pub fn has_await_method(&self, v: Value) -> bool {
        let Some(r) = v.as_obj() else { return false };
        let Some(inst) = self.m.instance(r) else { return false };
        !super::classes::is_builtin(inst.class) && self.m.class_lookup(inst.class, crate::compile::sym::AWAIT).is_some()
    }

    pub fn close_generator(&mut self, g: ObjRef) {
        let g_state = self.generator(g);
        g_state.state = GenState::Closed;
        g_state.values.clear();
        g_state.delegate = Value::None;
    }

    /// Whether an exception leaving generator `g` ends a `close()` normally.
    pub fn closes_quietly(&mut self, g: ObjRef, exc: Value) -> bool {
        self.generator(g).resumer == Resumer::Close
            && (self.m.is_instance(exc, classes::GENERATOR_EXIT) || self.m.is_instance(exc, classes::STOP_ITERATION))
    }

    /// `yield from`/`await` with `delegate sent` on the stack.
    #[inline(never)]
    pub fn yield_from(&mut self) -> Result<Next, Raised> {
        let sent = self.stack.pop().expect("sent value");
        let delegate = *self.stack.last().expect("delegate");
        let Some(r) = delegate.as_obj() else {
            return self.m.type_error("yield from needs an iterable");
        };
        if let Obj::Generator(_) = self.m.heap.get(r) {
            return self.resume_as(r, sent, None, Resumer::Delegate);
        }
        if let Some(f) = super::aio::future::peek(self.m, r) {
            // `Future.__await__`: yield the future to the task until it is done.
            if !f.done() {
                super::aio::future::peek_mut(self.m, r).expect("checked").blocking = true;
                self.frames.last_mut().expect("frame").pc -= 1;
                return self.yield_value(delegate);
            }
            if let Some(next) = self.resumed_in_place(r, sent) {
                return next;
            }
            let v = super::aio::future::outcome(self.m, r)?;
            self.stack.pop();
            self.stack.push(v);
            return Ok(Next::Continue);
        }
        match self.m.iter_next(r)? {
            IterNext::Item(x) => {
                self.frames.last_mut().expect("frame").pc -= 1;
                self.yield_value(x)
            }
            IterNext::Done => {
                self.stack.pop();
                self.stack.push(Value::None);
                Ok(Next::Continue)
            }
            IterNext::Generator(g) => self.resume_as(g, sent, None, Resumer::Delegate),
        }
    }

    /// What `await v` iterates: a coroutine or an asyncio future itself.
    pub fn get_awaitable(&mut self, v: Value) -> Result<Value, Raised> {
        if super::aio::future::is_future(self.m, v) {
            return Ok(v);
        }
        match v.as_obj().map(|r| self.m.heap.get(r)) {
            Some(Obj::Generator(g)) if g.kind == super::object::GenKind::Coroutine => Ok(v),
            _ => {
                let t = self.m.type_name(v).to_string();
                self.m
                    .type_error(format!("object {t} can't be used in 'await' expression"))
            }
        }
    }

    /// Natives the interpreter runs itself because they resume frames: `next(generator)` and the
    /// generator methods.
    pub fn intercept(&mut self, id: NativeId, site: Site) -> Result<Option<Next>, Raised> {
        let special = &self.m.registry.special;
        let first = self.stack.get(site.func + 1).copied().filter(|_| site.npos > 0);
        let found = first
            .and_then(|v| v.as_obj())
            .filter(|r| matches!(self.m.heap.get(*r), Obj::Generator(_)));
        let Some(g) = found else { return Ok(None) };
        let arg = |e: &Self, i: usize| {
            if site.npos > i {
                e.stack[site.func + 1 + i]
            } else {
                Value::None
            }
        };
        let next = if id == special.next || id == special.gen_next {
            let default = (id == special.next && site.npos > 1).then(|| arg(self, 1));
            self.stack.truncate(site.func);
            match default {
                Some(d) => {
                    self.stack.push(d);
                    self.resume_as(g, Value::None, None, Resumer::CallWithDefault)?
                }
                None => self.resume_as(g, Value::None, None, Resumer::Call)?,
            }
        } else if special.is_send(id) {
            let sent = arg(self, 1);
            self.stack.truncate(site.func);
            self.resume_as(g, sent, None, Resumer::Call)?
        } else if special.is_throw(id) {
            let exc = arg(self, 1);
            let exc = self.normalize_exception(exc)?;
            self.stack.truncate(site.func);
            self.resume_as(g, Value::None, Some(exc), Resumer::Call)?
        } else if special.is_close(id) {
            self.stack.truncate(site.func);
            let state = self.generator(g).state;
            if state != GenState::Suspended {
                self.close_generator(g);
                self.stack.push(Value::None);
                return Ok(Some(Next::Continue));
            }
            let exit = self.m.new_exception(classes::GENERATOR_EXIT, Vec::new());
            self.resume_as(g, Value::None, Some(exit), Resumer::Close)?
        } else {
            return Ok(None);
        };
        Ok(Some(next))
    }
}

/// Generator `g`'s state in `heap`.
#[inline]
fn generator_in(heap: &mut super::heap::Heap, g: ObjRef) -> &mut super::object::Generator {
    match heap.get_mut(g) {
        Obj::Generator(g_state) => g_state,
        _ => unreachable!("not a generator"),
    }
}
