//! The interpreter: runs one actor's bytecode until its next visible operation, its end,
//! or a wait inside a native call.
//!
//! An `Exec` borrows the machine and takes the actor's stack and frames out of it while it
//! runs, so natives can use the machine freely. When `armed`, the first visible
//! instruction it meets is executed (it is the scheduled step); the next one parks the
//! actor in front of it.
//!
//! Here: the run loop and the instructions. Beside it: `visibility.rs` (whether an
//! instruction is a visible operation, and how the actor waits before it), `awaits.rs`
//! (an await site's `CallMethod` and `GetAwaitable`, run outside [`Exec::execute`]'s large
//! frame, and awaits of the library's sleep and queue coroutines done in place), `short_call.rs`
//! (native methods called with no arguments), `labels.rs`
//! (how accesses name what they touch, for traces) and `unwind.rs` (raising, matching and
//! unwinding exceptions).

mod awaits;
mod labels;
mod short_call;
mod unwind;
mod visibility;

use visibility::may_be_visible;

use super::actor::{ActorId, Frame, FrameKind};
use super::call::Site;
use super::classes;
use super::exceptions::Raised;
use super::items::Next as IterNext;
use super::machine::Machine;
use super::natives::Block;
use super::object::{Function, Iter, Obj};
use super::pending::Pending;
use super::python_text::Text;
use super::value::{ObjRef, Value};
use crate::compile::{Instr, Program};
use crate::syntax::ast::{BinOp, CmpOp};

/// Instructions one step may run without a visible operation before the run is declared
/// endless.
pub const FUEL: u64 = 20_000_000;

pub struct Exec<'m, 'p, 's> {
    pub m: &'m mut Machine<'p>,
    /// The run's scheduler, when forced and chosen steps may be taken in place.
    pub chooser: Option<&'s mut dyn crate::sched::Scheduler>,
    pub p: &'p Program,
    pub aid: ActorId,
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    /// The next visible instruction is this step's operation.
    pub armed: bool,
    /// The scheduled operation's wait ended by timeout.
    pub timed_out: bool,
    /// The scheduled operation should describe itself for the trace.
    pub describe: bool,
    /// The scheduled operation should note what it touches (exploring).
    pub record: bool,
    /// Evaluating an `expect` or `invariant`: nothing parks.
    pub observer: bool,
    pub(super) fuel: u64,
    /// Bound parameters of a native call that could not be read in place.
    pub scratch: [Value; super::call::MAX_PARAMS],
}

pub enum Next {
    Continue,
    Stop(Stop),
}

pub enum Stop {
    /// Parked before its next visible operation.
    Parked(Pending),
    /// Waiting inside a native call.
    Blocked(Block),
    /// The bottom frame returned.
    Returned,
    /// An exception escaped the bottom frame.
    Died(Value),
    /// Ran too many instructions without a visible operation.
    OutOfFuel,
}

impl<'m, 'p, 's> Exec<'m, 'p, 's> {
    /// Takes actor `aid`'s stack and frames out of the machine to run it.
    pub fn new(m: &'m mut Machine<'p>, aid: ActorId) -> Exec<'m, 'p, 's> {
        let p = m.program;
        m.heap.allocator = aid;
        let stack = std::mem::take(&mut m.actors[aid].stack);
        let frames = std::mem::take(&mut m.actors[aid].frames);
        Exec {
            m,
            chooser: None,
            p,
            aid,
            stack,
            frames,
            armed: false,
            timed_out: false,
            describe: false,
            record: false,
            observer: false,
            fuel: FUEL,
            scratch: [Value::Unset; super::call::MAX_PARAMS],
        }
    }

    /// An interpreter for evaluating an expression on its own stack (`expect`,
    /// `invariants`): nothing parks and no actor's state is touched.
    pub fn detached(m: &'m mut Machine<'p>, code: crate::compile::CodeId) -> Exec<'m, 'p, 's> {
        let p = m.program;
        m.heap.allocator = super::heap::OBSERVER;
        let nlocals = p.code(code).nlocals as usize;
        let mut stack = vec![Value::None];
        stack.resize(1 + nlocals, Value::Unset);
        Exec {
            m,
            chooser: None,
            p,
            aid: super::actor::MAIN,
            stack,
            frames: vec![Frame {
                code,
                pc: 0,
                base: 1,
                kind: FrameKind::Root,
            }],
            armed: false,
            timed_out: false,
            describe: false,
            record: false,
            observer: true,
            fuel: FUEL,
            scratch: [Value::Unset; super::call::MAX_PARAMS],
        }
    }

    /// A thread's first step: calls the callable on its stack (`_bootstrap(thread)`) as its
    /// bottom frame, then runs to the first visible operation.
    pub fn begin(&mut self) -> Stop {
        let site = Site {
            func: 0,
            npos: self.stack.len() - 1,
            kwnames: None,
        };
        let started = self.call_root(site);
        match started {
            Ok(super::exec::Next::Continue) => self.run(),
            Ok(super::exec::Next::Stop(stop)) => stop,
            Err(Raised(exc)) => Stop::Died(exc),
        }
    }

    pub fn stack_push(&mut self, v: Value) {
        self.stack.push(v);
    }

    /// Puts the stack and frames back into the actor.
    pub fn finish(self) {
        let actor = &mut self.m.actors[self.aid];
        actor.stack = self.stack;
        actor.frames = self.frames;
    }

    /// Runs until the actor parks, blocks, ends or runs out of fuel.
    pub fn run(&mut self) -> Stop {
        loop {
            if let Some(pending) = self.fast_lane() {
                if self.hand_over(pending) {
                    continue;
                }
                return Stop::Parked(pending);
            }
            if self.fuel == 0 {
                return Stop::OutOfFuel;
            }
            self.fuel -= 1;
            let frame = self.frames.last().expect("a running actor has a frame");
            let pc = frame.pc;
            let instr = self.p.codes[frame.code.index()].instrs[pc as usize];
            let short = match instr {
                Instr::CallMethod(0) => self.short_call_target(),
                _ => None,
            };
            if let Some((id, recv)) = short {
                if let Some(pending) = self.short_call_visibility(id, recv) {
                    if !self.take_inline(pending) {
                        if self.hand_over(pending) {
                            continue;
                        }
                        return Stop::Parked(pending);
                    }
                    self.fuel = FUEL;
                }
            } else if !self.observer && may_be_visible(instr) {
                if self.armed {
                    if self.is_visible(instr) {
                        if std::mem::take(&mut self.record) {
                            self.note_touches(instr);
                        }
                        self.armed = false;
                        self.fuel = FUEL;
                    }
                } else if let Some(pending) = self.visibility(instr) {
                    if !self.take_inline(pending) {
                        if self.hand_over(pending) {
                            continue;
                        }
                        return Stop::Parked(pending);
                    }
                    self.fuel = FUEL;
                }
            }
            self.frames.last_mut().expect("frame").pc = pc + 1;
            self.m.others.invalidate();
            let executed = match (short, instr) {
                (Some((id, recv)), _) => self.short_call(id, recv),
                // The awaits' own instructions, without `execute`'s large frame.
                (None, Instr::YieldFrom) => self.yield_from(),
                (None, Instr::CallMethod(n)) => self.call_method(n, pc),
                (None, Instr::GetAwaitable) => self.await_operand(),
                (None, _) => self.execute(instr, pc),
            };
            let outcome = match executed {
                Ok(Next::Continue) => continue,
                Ok(Next::Stop(stop)) => Some(stop),
                Err(Raised(exc)) => {
                    self.set_context(exc);
                    self.unwind(exc, true)
                }
            };
            if let Some(stop) = outcome {
                return stop;
            }
        }
    }

    /// Whether the operation this actor just reached can be taken as the next step right
    /// away, without going back to the scheduler: allowed by the run, and a forced step
    /// (this actor can proceed, no other can). If so, it is counted as a step.
    pub(super) fn take_inline(&mut self, pending: Pending) -> bool {
        let m = &*self.m;
        let holds = match pending.kind {
            super::pending::PendingKind::Wait(w) => {
                let holds = super::sync::holds(m, self.aid, w);
                let timed_out =
                    pending.deadline.is_some_and(|d| d <= m.now) && super::sync::timeout_suffices(m, self.aid, w);
                if !holds && !timed_out {
                    return false;
                }
                holds
            }
            _ => true,
        };
        self.take_enabled(holds)
    }

    /// [`Exec::take_inline`] for an operation this actor can perform now (`holds`: its
    /// condition holds, rather than its timeout having passed).
    #[inline]
    pub(super) fn take_enabled(&mut self, holds: bool) -> bool {
        if self.m.steps >= self.m.inline_until {
            return false;
        }
        if self.m.others_enabled(self.aid) > 0 && !self.choose_here() {
            return false;
        }
        self.m.steps += 1;
        self.timed_out = !holds;
        true
    }

    /// Other actors can run too: asks the scheduler now, with the same enabled list the
    /// step loop would give it. Whether it picked this actor; if not, the choice is
    /// handed to the step loop.
    #[inline(never)]
    fn choose_here(&mut self) -> bool {
        /// Enabled lists up to this long are built on the stack.
        const FEW: usize = 8;
        if self.chooser.is_none() {
            return false;
        }
        let count = self.m.others_enabled(self.aid) + 1;
        let chosen = if count <= FEW {
            let mut few = [0; FEW];
            self.m.enabled_into(self.aid, &mut few[..count]);
            self.ask(&few[..count])
        } else {
            // Longer lists reuse the machine's buffer: no allocation per choice.
            let mut many = std::mem::take(&mut self.m.enabled_many);
            many.resize(count, 0);
            self.m.enabled_into(self.aid, &mut many);
            let chosen = self.ask(&many);
            self.m.enabled_many = many;
            chosen
        };
        if chosen != self.aid {
            self.m.preselected = Some(chosen);
        }
        chosen == self.aid
    }

    /// The scheduler's choice among `enabled`, asked from inside this step.
    #[inline]
    fn ask(&mut self, enabled: &[ActorId]) -> ActorId {
        let choice = crate::sched::Choice {
            enabled,
            previous: Some(self.aid),
            step: self.m.steps,
            now: self.m.now,
            actors: &self.m.actors,
        };
        self.chooser.as_deref_mut().expect("a chooser").choose(&choice)
    }

    fn base(&self) -> usize {
        self.frames.last().expect("frame").base as usize
    }

    #[inline]
    fn pop(&mut self) -> Value {
        self.stack.pop().expect("operand stack underflow")
    }

    fn top(&self) -> Value {
        *self.stack.last().expect("operand stack underflow")
    }

    fn peek(&self, n: usize) -> Value {
        self.stack[self.stack.len() - n]
    }

    fn push(&mut self, v: Value) {
        self.stack.push(v);
    }

    fn jump(&mut self, target: u32) {
        let frame = self.frames.last_mut().expect("frame");
        let backward = target < frame.pc;
        frame.pc = target;
        if backward && self.m.heap.wants_collect() {
            self.collect();
        }
    }

    /// Collects garbage with the running actor's values as extra roots.
    #[inline(never)]
    pub fn collect(&mut self) {
        let mut roots = self.stack.clone();
        for f in &self.frames {
            if let FrameKind::Init(r) | FrameKind::Generator(r) = f.kind {
                roots.push(Value::Obj(r));
            }
        }
        self.m.maybe_collect(&roots);
    }

    fn execute(&mut self, instr: Instr, pc: u32) -> Result<Next, Raised> {
        match instr {
            Instr::Nop => {}
            Instr::Pop => {
                self.pop();
            }
            Instr::Dup => self.push(self.top()),
            Instr::DupTwo => {
                let (a, b) = (self.peek(2), self.peek(1));
                self.push(a);
                self.push(b);
            }
            Instr::Copy(n) => self.push(self.peek(n as usize)),
            Instr::Rot2 => {
                let len = self.stack.len();
                self.stack.swap(len - 1, len - 2);
            }
            Instr::Rot3 => {
                let v = self.pop();
                let at = self.stack.len() - 2;
                self.stack.insert(at, v);
            }
            Instr::Rot4 => {
                let v = self.pop();
                let at = self.stack.len() - 3;
                self.stack.insert(at, v);
            }
            Instr::TypeOf => {
                let v = self.pop();
                self.push(Value::Class(self.m.type_of(v)));
            }
            Instr::Const(c) => self.push(self.m.consts[c.index()]),
            Instr::LoadLocal(i) => {
                let v = self.stack[self.base() + i as usize];
                if matches!(v, Value::Unset) {
                    return self.unbound_local(i);
                }
                self.push(v);
            }
            Instr::StoreLocal(i) => {
                let v = self.pop();
                let at = self.base() + i as usize;
                self.stack[at] = v;
            }
            Instr::DeleteLocal(i) => {
                let at = self.base() + i as usize;
                if matches!(self.stack[at], Value::Unset) {
                    return self.unbound_local(i);
                }
                self.stack[at] = Value::Unset;
            }
            Instr::LoadDeref(i) => {
                let cell = self.stack[self.base() + i as usize];
                let v = match cell.as_obj().map(|r| self.m.heap.get(r)) {
                    Some(Obj::Cell(v)) => *v,
                    _ => Value::Unset,
                };
                if matches!(v, Value::Unset) {
                    let name = self.local_name(i);
                    return self.m.raise(classes::NAME_ERROR, format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"));
                }
                self.push(v);
            }
            Instr::StoreDeref(i) | Instr::DeleteDeref(i) => {
                let v = if matches!(instr, Instr::StoreDeref(_)) {
                    self.pop()
                } else {
                    Value::Unset
                };
                let cell = self.stack[self.base() + i as usize];
                if let Some(r) = cell.as_obj() {
                    if self.m.heap.is_shared(r) {
                        self.m.heap.share(v);
                    }
                    if let Obj::Cell(slot) = self.m.heap.get_mut(r) {
                        *slot = v;
                    }
                }
            }
            Instr::LoadClosure(i) => self.push(self.stack[self.base() + i as usize]),
            Instr::LoadGlobal(g) | Instr::LoadShared(g) => {
                let v = self.m.globals[g.index()];
                if matches!(v, Value::Unset) {
                    let name = &self.p.globals[g.index()].name;
                    return self
                        .m
                        .raise(classes::NAME_ERROR, format!("name '{name}' is not defined"));
                }
                if self.describe {
                    self.describe_access("read", self.p.globals[g.index()].name.clone(), v);
                }
                self.push(v);
            }
            Instr::StoreGlobal(g) | Instr::StoreShared(g) => {
                let v = self.pop();
                if self.describe {
                    self.describe_access("write", self.p.globals[g.index()].name.clone(), v);
                }
                self.store_global(g, v);
            }
            Instr::WithEnter => {
                let mgr = self.top();
                match mgr.as_obj().and_then(|r| super::sync::with_wait(self.m, r)) {
                    Some(wait) => {
                        if std::mem::take(&mut self.describe) {
                            let kind = super::describe::manager_kind(self.m, mgr);
                            self.m.op = Some(super::events::Op::of(kind, "acquire"));
                            self.m.op.as_mut().expect("op").object = Some(self.label_of(mgr));
                        }
                        super::sync::with_enter(self.m, wait, self.aid)?;
                        self.push(Value::Bool(true));
                    }
                    None => return self.call_dunder(mgr, crate::compile::sym::ENTER, 0, true),
                }
            }
            Instr::WithExit => {
                let mgr = self.top();
                match mgr.as_obj().filter(|r| super::sync::with_wait(self.m, *r).is_some()) {
                    Some(r) => {
                        if std::mem::take(&mut self.describe) {
                            let kind = super::describe::manager_kind(self.m, mgr);
                            self.m.op = Some(super::events::Op::of(kind, "release"));
                            self.m.op.as_mut().expect("op").object = Some(self.label_of(mgr));
                        }
                        super::sync::with_exit(self.m, r, self.aid)?;
                        *self.stack.last_mut().expect("manager") = Value::None;
                    }
                    None => {
                        self.pop();
                        return self.call_dunder(mgr, crate::compile::sym::EXIT, 3, false);
                    }
                }
            }
            Instr::DeleteGlobal(g) => {
                if matches!(self.m.globals[g.index()], Value::Unset) {
                    let name = &self.p.globals[g.index()].name;
                    return self
                        .m
                        .raise(classes::NAME_ERROR, format!("name '{name}' is not defined"));
                }
                self.m.globals[g.index()] = Value::Unset;
            }
            Instr::LoadAttr(s) => {
                let obj = self.pop();
                let v = self.m.get_attr(obj, s)?;
                if self.describe {
                    let label = format!("{}.{}", self.label_of(obj), self.p.sym(s));
                    self.describe_access("read", label, v);
                }
                self.push(v);
            }
            Instr::StoreAttr(s) => {
                let obj = self.pop();
                let v = self.pop();
                if self.describe {
                    let label = format!("{}.{}", self.label_of(obj), self.p.sym(s));
                    self.describe_access("write", label, v);
                }
                self.m.set_attr(obj, s, v)?;
            }
            Instr::DeleteAttr(s) => {
                let obj = self.pop();
                self.m.del_attr(obj, s)?;
            }
            Instr::LoadMethod(s) => {
                let obj = self.pop();
                let site = self.p.code_base[self.frames.last().expect("frame").code.index()] as usize + pc as usize;
                if let Some(func) = self.m.cached_method(site, obj, s) {
                    self.push(func);
                    self.push(obj);
                    return Ok(Next::Continue);
                }
                let method = self.m.load_method(obj, s)?;
                if let Some(recv) = method.recv {
                    self.m.cache_method(site, recv, method.func);
                }
                if self.describe && method.recv.is_none() {
                    let label = format!("{}.{}", self.label_of(obj), self.p.sym(s));
                    self.describe_access("read", label, method.func);
                }
                self.push(method.func);
                self.push(method.recv.unwrap_or(Value::Unset));
            }
            Instr::LoadSubscr => {
                let index = self.pop();
                let container = self.pop();
                let v = self.m.get_item(container, index)?;
                if self.describe {
                    let label = self.item_label(container, index);
                    self.describe_access("read", label, v);
                }
                self.push(v);
            }
            Instr::StoreSubscr => {
                let index = self.pop();
                let container = self.pop();
                let v = self.pop();
                if self.describe {
                    let label = self.item_label(container, index);
                    self.describe_access("write", label, v);
                }
                self.m.set_item(container, index, v)?;
            }
            Instr::DeleteSubscr => {
                let index = self.pop();
                let container = self.pop();
                self.m.del_item(container, index)?;
            }
            Instr::Binary(op) => {
                let b = self.pop();
                let a = self.pop();
                let v = self.m.binary(op, a, b)?;
                self.push(v);
            }
            Instr::Inplace(op) => {
                let b = self.pop();
                let a = self.pop();
                let v = self.inplace(op, a, b)?;
                self.push(v);
            }
            Instr::Unary(op) => {
                let v = self.pop();
                let r = self.m.unary(op, v)?;
                self.push(r);
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                if let Some(code) = super::ops::rich_comparison(op)
                    && (self.m.compares_in_python(a) || self.m.compares_in_python(b))
                {
                    return self.call_library("_rich_compare", &[a, b, Value::Int(code)]);
                }
                if matches!(op, CmpOp::In | CmpOp::NotIn) && self.m.equality_in_python(b, a) {
                    return self.call_library("_py_contains", &[b, a, Value::Bool(op == CmpOp::NotIn)]);
                }
                let v = self.m.compare(op, a, b)?;
                if self.describe && matches!(op, CmpOp::In | CmpOp::NotIn) {
                    let label = self.label_of(b);
                    self.describe_access("read", label, v);
                }
                self.push(v);
            }
            Instr::Jump(t) => self.jump(t),
            Instr::PopJumpIfFalse(t) => {
                let v = self.pop();
                if !self.m.truthy(v)? {
                    self.jump(t);
                }
            }
            Instr::PopJumpIfTrue(t) => {
                let v = self.pop();
                if self.m.truthy(v)? {
                    self.jump(t);
                }
            }
            Instr::JumpIfFalseOrPop(t) => {
                if self.m.truthy(self.top())? {
                    self.pop();
                } else {
                    self.jump(t);
                }
            }
            Instr::JumpIfTrueOrPop(t) => {
                if self.m.truthy(self.top())? {
                    self.jump(t);
                } else {
                    self.pop();
                }
            }
            Instr::GetIter => {
                let v = self.pop();
                let it = self.m.get_iter(v)?;
                self.push(it);
            }
            Instr::ForIter(t) => return self.for_iter(t),
            Instr::Call(n) => {
                let site = self.call_site(n as usize, None);
                if let Some(next) = self.await_in_place(site, pc) {
                    return next;
                }
                return self.call(site);
            }
            Instr::CallKw(n, names) => {
                let site = self.call_site(n as usize, Some(names));
                return self.call(site);
            }
            Instr::CallMethod(n) => return self.call_method(n, pc),
            Instr::CallMethodKw(n, names) => {
                let site = self.method_site(n as usize, Some(names));
                let site = self.normalize_method_site(site);
                return self.call(site);
            }
            Instr::Spread(kw) => self.spread(kw)?,
            Instr::CallSpread => {
                let site = self.spread_site();
                self.stack.truncate(self.stack.len() - 2);
                return self.call(site);
            }
            Instr::Return => {
                let v = self.pop();
                return self.do_return(v);
            }
            Instr::MakeFunction(code, flags) => self.make_function(code, flags),
            Instr::BuildTuple(n) => {
                let items = self.stack.split_off(self.stack.len() - n as usize);
                let v = self.m.tuple_value(items);
                self.push(v);
            }
            Instr::BuildList(n) => {
                let items = self.stack.split_off(self.stack.len() - n as usize);
                let v = self.m.list_value(items);
                self.push(v);
            }
            Instr::BuildSet(n) => {
                let items = self.stack.split_off(self.stack.len() - n as usize);
                let v = self.m.new_set(items)?;
                self.push(v);
            }
            Instr::BuildMap(n) => {
                let items = self.stack.split_off(self.stack.len() - 2 * n as usize);
                let dict = self.m.new_dict();
                for pair in items.chunks(2) {
                    self.m.set_item(dict, pair[0], pair[1])?;
                }
                self.push(dict);
            }
            Instr::BuildSlice => {
                let step = self.pop();
                let upper = self.pop();
                let lower = self.pop();
                let v = Value::Obj(self.m.heap.alloc(Obj::Slice([lower, upper, step])));
                self.push(v);
            }
            Instr::ListAppend(n) | Instr::SetAdd(n) => {
                let v = self.pop();
                let target = self.peek(n as usize);
                self.add_to(target, v)?;
            }
            Instr::MapAdd(n) => {
                let v = self.pop();
                let k = self.pop();
                let target = self.peek(n as usize);
                self.m.set_item(target, k, v)?;
            }
            Instr::ListExtend(n) | Instr::SetUpdate(n) => {
                let iterable = self.pop();
                if let Some(Obj::Generator(_)) = iterable.as_obj().map(|r| self.m.heap.get(r)) {
                    // `[*gen]`, `f(*gen)`: the library's `list` drains the generator, then
                    // this instruction runs again with the list.
                    self.frames.last_mut().expect("frame").pc = pc;
                    return self.call_library("_py_list", &[iterable]);
                }
                let target = self.peek(n as usize);
                for v in self.m.collect(iterable)? {
                    self.add_to(target, v)?;
                }
            }
            Instr::DictUpdate(n) => {
                let other = self.pop();
                let target = self.peek(n as usize);
                let pairs: Vec<(Value, Value)> = match other.as_obj().map(|r| self.m.heap.get(r)) {
                    Some(Obj::Dict(d)) => d.entries().collect(),
                    _ => {
                        let t = self.m.type_name(other).to_string();
                        return self.m.type_error(format!("'{t}' object is not a mapping"));
                    }
                };
                for (k, v) in pairs {
                    self.m.set_item(target, k, v)?;
                }
            }
            Instr::ListToTuple => {
                let v = self.pop();
                let items = self.m.collect(v)?;
                let t = self.m.tuple_value(items);
                self.push(t);
            }
            Instr::UnpackSequence(n) => {
                let v = self.pop();
                let items = self.unpack_items(v)?;
                if items.len() != n as usize {
                    return self.unpack_error(n as usize, items.len());
                }
                self.stack.extend(items.into_iter().rev());
            }
            Instr::UnpackEx(before, after) => {
                let v = self.pop();
                let items = self.unpack_items(v)?;
                let (before, after) = (before as usize, after as usize);
                if items.len() < before + after {
                    let msg = format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    );
                    return self.m.value_error(msg);
                }
                let tail = items[items.len() - after..].to_vec();
                let middle = items[before..items.len() - after].to_vec();
                self.stack.extend(tail.into_iter().rev());
                let list = self.m.list_value(middle);
                self.push(list);
                self.stack.extend(items[..before].iter().rev().copied());
            }
            Instr::FormatValue(conversion, has_spec) => {
                let spec = if has_spec { self.pop() } else { Value::None };
                let v = self.pop();
                let text = if conversion == 2 { Text::Repr } else { Text::Str };
                if conversion != 3 && self.m.text_in_python(v, text) {
                    return self.call_library("_py_format", &[v, Value::Int(i64::from(conversion)), spec]);
                }
                let v = match conversion {
                    1 => {
                        let s = self.m.display(v)?;
                        self.m.string_value(s)
                    }
                    2 => {
                        let s = self.m.repr(v)?;
                        self.m.string_value(s)
                    }
                    3 => {
                        let s = self.m.ascii(v)?;
                        self.m.string_value(s)
                    }
                    _ => v,
                };
                let spec = self.m.as_str(spec).unwrap_or("").to_string();
                let text = self.m.format_value(v, &spec)?;
                let s = self.m.string_value(text);
                self.push(s);
            }
            Instr::BuildString(n) => {
                let parts = self.stack.split_off(self.stack.len() - n as usize);
                let mut text = String::new();
                for p in parts {
                    text.push_str(self.m.as_str(p).unwrap_or(""));
                }
                let s = self.m.string_value(text);
                self.push(s);
            }
            Instr::Raise(n) => return Err(self.raise(n)?),
            Instr::Reraise => {
                let exc = self.pop();
                return match self.unwind(exc, false) {
                    Some(stop) => Ok(Next::Stop(stop)),
                    None => Ok(Next::Continue),
                };
            }
            Instr::PushExcInfo => {
                let exc = self.pop();
                let prev = self.m.actors[self.aid].exc_info;
                self.push(prev);
                self.push(exc);
                self.m.actors[self.aid].exc_info = exc;
            }
            Instr::PopExcept => {
                let prev = self.pop();
                self.m.actors[self.aid].exc_info = prev;
            }
            Instr::CheckExcMatch => {
                let ty = self.pop();
                let exc = self.top();
                let matches = self.exception_matches(exc, ty)?;
                self.push(Value::Bool(matches));
            }
            Instr::AssertFail(id, has_msg) => {
                let msg = if has_msg { vec![self.pop()] } else { Vec::new() };
                return Err(self.assertion_error(id, msg));
            }
            Instr::Yield => {
                let v = self.pop();
                return self.yield_value(v);
            }
            Instr::YieldFrom => return self.yield_from(),
            Instr::GetYieldFromIter => {
                let v = self.pop();
                let it = match v.as_obj().map(|r| self.m.heap.get(r)) {
                    Some(Obj::Generator(_)) => v,
                    _ => self.m.get_iter(v)?,
                };
                self.push(it);
            }
            Instr::GetAwaitable => return self.await_operand(),
        }
        let _ = pc;
        Ok(Next::Continue)
    }

    /// Stores a global: objects are frozen, values reachable from other threads shared,
    /// and the value takes the global's name as its label.
    #[inline]
    pub fn store_global(&mut self, g: crate::compile::GlobalId, v: Value) {
        if let Value::Obj(_) = v {
            self.adopt_global(g, v);
        }
        self.m.globals[g.index()] = v;
    }

    #[inline(never)]
    fn adopt_global(&mut self, g: crate::compile::GlobalId, v: Value) {
        let info = &self.p.globals[g.index()];
        if info.kind == crate::compile::GlobalKind::Object {
            self.m.heap.freeze(v);
        } else if info.escapes {
            self.m.heap.share(v);
        }
        self.m.label_value(v, &info.name);
    }

    /// Calls the library's function `name` with `args`: what it returns is this
    /// instruction's result.
    fn call_library(&mut self, name: &str, args: &[Value]) -> Result<Next, Raised> {
        let func = self.stack.len();
        self.push(self.m.library(name));
        self.stack.extend_from_slice(args);
        self.call(Site {
            func,
            npos: args.len(),
            kwnames: None,
        })
    }

    /// Calls `obj.<dunder>(None, ...)` (`nones` arguments) through the general call path,
    /// for `with` on a context manager written in Python.
    #[inline(never)]
    pub(super) fn call_dunder(
        &mut self,
        obj: Value,
        dunder: crate::compile::Sym,
        nones: usize,
        keep: bool,
    ) -> Result<Next, Raised> {
        let method = self.m.load_method(obj, dunder)?;
        let func = self.stack.len();
        self.push(method.func);
        let mut npos = nones;
        if let Some(recv) = method.recv {
            self.push(recv);
            npos += 1;
        }
        for _ in 0..nones {
            self.push(Value::None);
        }
        let _ = keep;
        self.call(Site {
            func,
            npos,
            kwnames: None,
        })
    }

    fn unbound_local(&mut self, i: u16) -> Result<Next, Raised> {
        let name = self.local_name(i);
        self.m.raise(
            classes::UNBOUND_LOCAL_ERROR,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }

    #[inline(never)]
    fn inplace(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, Raised> {
        if let (BinOp::Add, Some(r)) = (op, a.as_obj())
            && let Obj::List(_) = self.m.heap.get(r)
        {
            self.m.check_mutable(r)?;
            let items = self.m.collect(b)?;
            if self.m.heap.is_shared(r) {
                items.iter().for_each(|v| self.m.heap.share(*v));
            }
            if let Obj::List(list) = self.m.heap.get_mut(r) {
                list.extend(items);
            }
            return Ok(a);
        }
        self.m.binary(op, a, b)
    }

    #[inline(never)]
    fn add_to(&mut self, target: Value, v: Value) -> Result<(), Raised> {
        let Some(r) = target.as_obj() else { return Ok(()) };
        match self.m.heap.get(r) {
            Obj::List(_) => {
                if let Obj::List(items) = self.m.heap.get_mut(r) {
                    items.push(v);
                }
            }
            Obj::Set(_) => self.m.set_add(r, v)?,
            _ => {}
        }
        Ok(())
    }

    #[inline(never)]
    fn unpack_items(&mut self, v: Value) -> Result<Vec<Value>, Raised> {
        if let Some(Obj::Generator(_)) = v.as_obj().map(|r| self.m.heap.get(r)) {
            return self
                .m
                .type_error("sim cannot unpack a generator directly; use list(...) first");
        }
        match self.m.collect(v) {
            Ok(items) => Ok(items),
            Err(_) => {
                let t = self.m.type_name(v).to_string();
                self.m.type_error(format!("cannot unpack non-iterable {t} object"))
            }
        }
    }

    #[inline(never)]
    fn unpack_error(&mut self, expected: usize, got: usize) -> Result<Next, Raised> {
        if got > expected {
            self.m
                .value_error(format!("too many values to unpack (expected {expected})"))
        } else {
            self.m
                .value_error(format!("not enough values to unpack (expected {expected}, got {got})"))
        }
    }

    fn for_iter(&mut self, target: u32) -> Result<Next, Raised> {
        let it = self.top();
        let Some(r) = it.as_obj() else {
            return self.m.type_error("for loop over a non-iterator");
        };
        match self.m.iter_next(r)? {
            IterNext::Item(v) => {
                if self.describe {
                    let label = match self.m.heap.get(r) {
                        Obj::Iter(Iter::Seq { index, .. }) | Obj::Iter(Iter::Dict { index, .. }) => {
                            let index = *index;
                            self.iterated_label(r).map(|owner| format!("{owner}[{}]", index - 1))
                        }
                        _ => None,
                    };
                    let label = label.unwrap_or_else(|| self.label_of(it));
                    self.describe_access("read", label, v);
                }
                self.push(v);
                Ok(Next::Continue)
            }
            IterNext::Done => {
                if self.describe {
                    let label = self.iterated_label(r).unwrap_or_else(|| self.label_of(it));
                    self.describe_access("read", label, Value::None);
                    if let Some(op) = &mut self.m.op {
                        op.result = None;
                        op.note = Some("no more items".into());
                    }
                }
                self.pop();
                self.jump(target);
                Ok(Next::Continue)
            }
            IterNext::Generator(g) => self.resume(g, Value::None, None),
        }
    }

    #[inline(never)]
    fn make_function(&mut self, code: crate::compile::CodeId, flags: u8) {
        use crate::compile::{FN_CLOSURE, FN_DEFAULTS, FN_KWDEFAULTS};
        let closure = if flags & FN_CLOSURE != 0 {
            self.pop()
        } else {
            Value::None
        };
        let kwdefaults = if flags & FN_KWDEFAULTS != 0 {
            self.pop()
        } else {
            Value::None
        };
        let defaults = if flags & FN_DEFAULTS != 0 {
            self.pop()
        } else {
            Value::None
        };
        let defaults: Box<[Value]> = self.m.seq_items(defaults).map(|d| d.into()).unwrap_or_default();
        let closure: Box<[ObjRef]> = self
            .m
            .seq_items(closure)
            .map(|c| c.iter().filter_map(|v| v.as_obj()).collect())
            .unwrap_or_default();
        let kwdefaults: Box<[(crate::compile::Sym, Value)]> = match kwdefaults.as_obj().map(|r| self.m.heap.get(r)) {
            Some(Obj::Dict(d)) => d
                .entries()
                .filter_map(|(k, v)| self.m.as_str(k).and_then(|n| self.p.syms.lookup(n)).map(|s| (s, v)))
                .collect(),
            _ => Box::default(),
        };
        let f = Function {
            code,
            defaults,
            kwdefaults,
            closure,
            attrs: Vec::new(),
        };
        let v = Value::Obj(self.m.heap.alloc(Obj::Function(f)));
        self.push(v);
    }

    #[inline(never)]
    fn do_return(&mut self, v: Value) -> Result<Next, Raised> {
        let frame = self.frames.pop().expect("frame");
        match frame.kind {
            FrameKind::Root => {
                self.stack.truncate(frame.base.saturating_sub(1) as usize);
                Ok(Next::Stop(Stop::Returned))
            }
            FrameKind::Call => {
                self.stack.truncate(frame.base as usize - 1);
                self.push(v);
                Ok(Next::Continue)
            }
            FrameKind::Init(inst) => {
                self.stack.truncate(frame.base as usize - 1);
                if !v.is_none() {
                    let t = self.m.type_name(v).to_string();
                    return self.m.type_error(format!("__init__() should return None, not '{t}'"));
                }
                self.push(Value::Obj(inst));
                Ok(Next::Continue)
            }
            FrameKind::Generator(g) => {
                self.frames.push(frame);
                self.generator_return(g, v)
            }
        }
    }
}
