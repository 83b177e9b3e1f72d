//! Exceptions in the interpreter: `raise`, normalising what is raised, `except` matching,
//! assertion failures, exception context, and unwinding frames to a handler.

use super::{Exec, Stop};
use crate::runtime::actor::FrameKind;
use crate::runtime::classes;
use crate::runtime::exceptions::{AssertionReport, Raised};
use crate::runtime::value::Value;

impl Exec<'_, '_, '_> {
    /// `raise`, `raise exc`, `raise exc from cause`: the exception to raise.
    #[inline(never)]
    pub(super) fn raise(&mut self, n: u8) -> Result<Raised, Raised> {
        let cause = if n == 2 { Some(self.pop()) } else { None };
        let exc = if n >= 1 {
            let v = self.pop();
            self.normalize_exception(v)?
        } else {
            let current = self.m.actors[self.aid].exc_info;
            if current.is_none() {
                return Err(self
                    .m
                    .exception(classes::RUNTIME_ERROR, "No active exception to reraise"));
            }
            return Ok(Raised(current));
        };
        if let Some(cause) = cause {
            let cause = if cause.is_none() {
                cause
            } else {
                self.normalize_exception(cause)?
            };
            if let Some(e) = exc.as_obj().and_then(|r| self.m.exc_state_mut(r)) {
                e.cause = cause;
                e.suppress_context = true;
            }
        }
        Ok(Raised(exc))
    }

    /// An exception instance from what `raise` was given (a class is instantiated).
    pub fn normalize_exception(&mut self, v: Value) -> Result<Value, Raised> {
        match v {
            Value::Class(c) if self.p.is_subclass(c, classes::BASE_EXCEPTION) => {
                Ok(self.m.new_exception(c, Vec::new()))
            }
            v if self.m.is_instance(v, classes::BASE_EXCEPTION) => Ok(v),
            _ => Err(self
                .m
                .exception(classes::TYPE_ERROR, "exceptions must derive from BaseException")),
        }
    }

    #[inline(never)]
    pub(super) fn exception_matches(&mut self, exc: Value, ty: Value) -> Result<bool, Raised> {
        let classes_to_match: Vec<Value> = match ty {
            Value::Class(_) => vec![ty],
            _ => match self.m.seq_items(ty) {
                Some(items) => items.to_vec(),
                None => vec![ty],
            },
        };
        let mut found = false;
        for c in classes_to_match {
            match c {
                Value::Class(c) if self.p.is_subclass(c, classes::BASE_EXCEPTION) => {
                    found |= self.m.is_instance(exc, c)
                }
                _ => {
                    return self
                        .m
                        .type_error("catching classes that do not inherit from BaseException is not allowed");
                }
            }
        }
        Ok(found)
    }

    #[inline(never)]
    pub(super) fn assertion_error(&mut self, id: u32, msg: Vec<Value>) -> Raised {
        let info = &self.p.asserts[id as usize];
        let base = self.base();
        let mut values = Vec::new();
        for (text, slot) in &info.captures {
            let v = self.stack[base + *slot as usize];
            if !matches!(v, Value::Unset) {
                values.push((text.clone(), self.m.repr(v).unwrap_or_default()));
            }
        }
        let exc = self.m.new_exception(classes::ASSERTION_ERROR, msg);
        if let Some(e) = exc.as_obj().and_then(|r| self.m.exc_state_mut(r)) {
            e.assertion = Some(Box::new(AssertionReport { assert: id, values }));
        }
        Raised(exc)
    }

    /// An exception raised while another is handled gets that one as `__context__`, as
    /// in CPython (unless that would make a cycle).
    pub(super) fn set_context(&mut self, exc: Value) {
        let handled = self.m.actors[self.aid].exc_info;
        if handled.is_none() || handled.is(exc) {
            return;
        }
        let mut link = handled;
        while let Some(e) = link.as_obj().and_then(|r| self.m.exc_state(r)) {
            if e.context.is(exc) {
                return;
            }
            link = e.context;
        }
        if let Some(e) = exc.as_obj().and_then(|r| self.m.exc_state_mut(r))
            && e.context.is_none()
        {
            e.context = handled;
        }
    }

    /// Unwinds frames to the innermost handler of `exc`. `None`: a handler runs next.
    #[inline(never)]
    pub fn unwind(&mut self, mut exc: Value, add_traceback: bool) -> Option<Stop> {
        let mut add = add_traceback;
        loop {
            let frame = *self.frames.last()?;
            let code = self.p.code(frame.code);
            let pc = frame.pc.saturating_sub(1);
            if add {
                self.m.add_traceback(exc, frame.code, pc);
            }
            add = true;
            if let Some(h) = code.handlers.iter().find(|h| h.start <= pc && pc < h.end) {
                let depth = frame.base as usize + code.nlocals as usize + h.depth as usize;
                self.stack.truncate(depth);
                self.stack.push(exc);
                self.frames.last_mut().expect("frame").pc = h.handler;
                return None;
            }
            self.frames.pop();
            match frame.kind {
                FrameKind::Root => {
                    self.stack.truncate(frame.base.saturating_sub(1) as usize);
                    return Some(Stop::Died(exc));
                }
                FrameKind::Call | FrameKind::Init(_) => self.stack.truncate(frame.base as usize - 1),
                FrameKind::Generator(g) => {
                    self.stack.truncate(frame.base as usize);
                    let quiet = self.closes_quietly(g, exc);
                    let (resumer, kind) = self.generator_info(g);
                    self.close_generator(g);
                    if quiet {
                        self.stack.push(Value::None);
                        return None;
                    }
                    if self.m.is_instance(exc, classes::STOP_ITERATION) {
                        let what = match kind {
                            crate::runtime::object::GenKind::Generator => "generator raised StopIteration",
                            crate::runtime::object::GenKind::Coroutine => "coroutine raised StopIteration",
                        };
                        let replaced = self.m.exception(classes::RUNTIME_ERROR, what).0;
                        if let Some(e) = replaced.as_obj().and_then(|r| self.m.exc_state_mut(r)) {
                            e.context = exc;
                        }
                        exc = replaced;
                    }
                    if let crate::runtime::object::Resumer::Task(task) = resumer {
                        match crate::runtime::aio::task::after_raise(self.m, task, exc) {
                            Ok(()) => {
                                self.stack.push(Value::Bool(true));
                                return None;
                            }
                            Err(Raised(e)) => exc = e,
                        }
                    }
                }
            }
        }
    }
}
