//! The interpreter's fast lane: the most common instructions (locals, constants, globals,
//! jumps, int and float arithmetic that cannot raise, comparisons, identity tests, `for`
//! over a range, method loads the method cache holds, and the visible steps of shared
//! globals and `with` on built-in locks), run in a tight loop over one frame's pre-decoded
//! stream (`compile::fused`, with its superinstructions). Anything else, or any case
//! needing more care (an unbound local, an overflow, a division by zero or by a negative
//! number, a collection due, a step to describe), leaves the lane for the general path,
//! which runs the instruction.

use super::classes;
use super::exec::{Exec, FUEL};
use super::object::{Iter, Obj};
use super::pending::{Pending, Wait};
use super::state::State;
use super::value::{ObjRef, Value};
use crate::compile::fused::{Fused, MAX_WIDTH};
use crate::syntax::ast::{BinOp, CmpOp};

impl Exec<'_, '_, '_> {
    /// Runs instructions of the current frame while they are in the fast lane; returns
    /// with the frame's `pc` at the first one that is not (or when fuel runs out), or the
    /// pending operation to park at.
    pub fn fast_lane(&mut self) -> Option<Pending> {
        let frame = *self.frames.last().expect("a running actor has a frame");
        let code = &self.p.codes[frame.code.index()].fused[..];
        let base = frame.base as usize;
        let mut pc = frame.pc as usize;
        let mut fuel = self.fuel;
        // Where the lane stops: `pc` is the instruction the general path runs next, or
        // the one to park at.
        let parked = loop {
            if fuel <= MAX_WIDTH {
                break None;
            }
            let op = code[pc];
            match op {
                Fused::LoadLocal(i) => {
                    let v = self.stack[base + i as usize];
                    if matches!(v, Value::Unset) {
                        break None;
                    }
                    self.stack.push(v);
                }
                Fused::StoreLocal(i) => {
                    let v = self.stack.pop().expect("operand");
                    self.stack[base + i as usize] = v;
                }
                Fused::Const(c) => self.stack.push(self.m.consts[c.index()]),
                Fused::ConstBinary(c, op) => {
                    let v = self.m.consts[c.index()];
                    if let (Value::Int(b), Some(Value::Int(a))) = (v, self.stack.last_mut())
                        && let Some(r) = int_op(op, *a, b)
                    {
                        *a = r;
                        pc += 2;
                        fuel -= 2;
                        continue;
                    }
                    self.stack.push(v);
                }
                Fused::LoadGlobal(g) => {
                    let v = self.m.globals[g.index()];
                    if matches!(v, Value::Unset) {
                        break None;
                    }
                    self.stack.push(v);
                }
                Fused::Pop => {
                    self.stack.pop();
                }
                Fused::Dup => {
                    let v = *self.stack.last().expect("operand");
                    self.stack.push(v);
                }
                Fused::Jump(t) => {
                    if self.jumps_back_to_collect(pc, t) {
                        break None;
                    }
                    pc = t as usize;
                    fuel -= 1;
                    continue;
                }
                Fused::PopJumpIfFalse(t) | Fused::PopJumpIfTrue(t) => {
                    let Some(Value::Bool(b)) = self.stack.last().copied() else {
                        break None;
                    };
                    self.stack.pop();
                    if b == matches!(op, Fused::PopJumpIfTrue(_)) {
                        pc = t as usize;
                        fuel -= 1;
                        continue;
                    }
                }
                Fused::LoadShared(g) => {
                    let v = self.m.globals[g.index()];
                    // An unbound global raises: the general path does that step.
                    if self.describe || self.record || matches!(v, Value::Unset) {
                        break None;
                    }
                    if !self.step_here_enabled() {
                        break Some(Pending::RUN);
                    }
                    fuel = FUEL;
                    self.stack.push(v);
                }
                Fused::StoreShared(g) => {
                    if self.describe || self.record {
                        break None;
                    }
                    if !self.step_here_enabled() {
                        break Some(Pending::RUN);
                    }
                    fuel = FUEL;
                    let v = self.stack.pop().expect("operand");
                    self.store_global(g, v);
                }
                Fused::Binary(op) => {
                    if !self.fast_binary(op) {
                        break None;
                    }
                }
                Fused::Compare(op) => {
                    if !self.fast_compare(op) {
                        break None;
                    }
                }
                Fused::CompareJumpIfFalse(op, t) => {
                    if !self.fast_compare(op) {
                        break None;
                    }
                    let Some(Value::Bool(b)) = self.stack.pop() else {
                        unreachable!("a comparison pushed a bool")
                    };
                    if !b {
                        pc = t as usize;
                        fuel -= 2;
                        continue;
                    }
                    pc += 2;
                    fuel -= 2;
                    continue;
                }
                Fused::ForIter(t) | Fused::ForIterStore(t, _) => match self.fast_range_next() {
                    Some(Some(v)) => {
                        if let Fused::ForIterStore(_, i) = op {
                            self.stack[base + i as usize] = Value::Int(v);
                            pc += 2;
                            fuel -= 2;
                            continue;
                        }
                        self.stack.push(Value::Int(v));
                    }
                    Some(None) => {
                        self.stack.pop();
                        pc = t as usize;
                        fuel -= 1;
                        continue;
                    }
                    None => break None,
                },
                Fused::WithEnter
                | Fused::WithEnterPop
                | Fused::GlobalWithEnterPop(_)
                | Fused::WithExit
                | Fused::WithExitPop
                | Fused::WithExitPopJump(_) => {
                    if let Fused::GlobalWithEnterPop(g) = op {
                        let v = self.m.globals[g.index()];
                        if matches!(v, Value::Unset) {
                            break None;
                        }
                        self.stack.push(v);
                        pc += 1;
                    }
                    let enter = matches!(
                        op,
                        Fused::WithEnter | Fused::WithEnterPop | Fused::GlobalWithEnterPop(_)
                    );
                    let then_pop = !matches!(op, Fused::WithEnter | Fused::WithExit);
                    match self.fast_with(enter, then_pop) {
                        WithStep::Done => {}
                        WithStep::Park(pending) => break Some(pending),
                        WithStep::Leave => break None,
                    }
                    let done = 1 + usize::from(then_pop);
                    pc += done;
                    fuel = FUEL - done as u64;
                    if let Fused::WithExitPopJump(t) = op {
                        if self.jumps_back_to_collect(pc, t) {
                            break None;
                        }
                        pc = t as usize;
                        fuel -= 1;
                    }
                    continue;
                }
                Fused::LoadMethod(s) => {
                    // What the general path does when the cache holds the method: the
                    // object has no attribute of that name itself, so reading it is not
                    // a visible operation even on a shared object.
                    let obj = *self.stack.last().expect("operand");
                    let site = self.p.code_base[frame.code.index()] as usize + pc;
                    let Some(func) = self.m.cached_method(site, obj, s) else {
                        break None;
                    };
                    *self.stack.last_mut().expect("operand") = func;
                    self.stack.push(obj);
                }
                Fused::Slow => break None,
            }
            pc += 1;
            fuel -= 1;
        };
        self.fuel = fuel;
        self.frames.last_mut().expect("frame").pc = pc as u32;
        parked
    }

    /// A jump from `pc` back to `target` while a collection is due: the general path
    /// takes it and collects.
    #[inline]
    fn jumps_back_to_collect(&self, pc: usize, target: u32) -> bool {
        (target as usize) <= pc && self.m.heap.wants_collect()
    }

    /// `with` entering or leaving the manager on top of the stack, as a step (and the
    /// `Pop` after it when `then_pop`).
    #[inline]
    fn fast_with(&mut self, enter: bool, then_pop: bool) -> WithStep {
        if self.describe || self.record {
            return WithStep::Leave;
        }
        let mgr = *self.stack.last().expect("manager");
        let Some(r) = mgr.as_obj() else {
            return WithStep::Leave;
        };
        match self.plain_lock_with(r, enter) {
            PlainLock::Done => {}
            PlainLock::Park(pending) => return WithStep::Park(pending),
            PlainLock::Error => {
                self.armed = true;
                return WithStep::Leave;
            }
            PlainLock::Other => {
                let Some(wait) = super::sync::with_wait(self.m, r) else {
                    return WithStep::Leave;
                };
                let pending = if enter { Pending::wait(wait, None) } else { Pending::RUN };
                if !self.step_here(pending) {
                    return WithStep::Park(pending);
                }
                let done = if enter {
                    super::sync::with_enter(self.m, wait, self.aid)
                } else {
                    super::sync::with_release(self.m, wait, self.aid)
                };
                if let Some(r) = wait.object() {
                    self.m.touched(r);
                }
                if done.is_err() {
                    self.armed = true;
                    return WithStep::Leave;
                }
            }
        }
        // The stack as the instruction leaves it (`enter`: the flag pushed; exit: the
        // manager replaced by the result), and as the `Pop` after it leaves it.
        match (enter, then_pop) {
            (true, true) => {}
            (true, false) => self.stack.push(Value::Bool(true)),
            (false, true) => {
                self.stack.pop();
            }
            (false, false) => *self.stack.last_mut().expect("manager") = Value::None,
        }
        WithStep::Done
    }

    /// Whether the visible operation reached now is taken here as a step: the scheduled
    /// one (the actor is armed), a forced step taken in place, or any operation while
    /// evaluating a check.
    fn step_here(&mut self, pending: Pending) -> bool {
        if self.observer {
            return true;
        }
        if self.armed {
            self.armed = false;
            return true;
        }
        self.take_inline(pending)
    }

    /// [`Exec::step_here`] for an operation that can always proceed.
    #[inline]
    fn step_here_enabled(&mut self) -> bool {
        if self.observer {
            return true;
        }
        if self.armed {
            self.armed = false;
            return true;
        }
        self.take_enabled(true)
    }

    /// `with` entering or leaving a built-in `Lock` (the most common step of all), done
    /// here as a step if it can be.
    fn plain_lock_with(&mut self, r: ObjRef, enter: bool) -> PlainLock {
        let locked = match self.m.heap.get(r) {
            Obj::Instance(i) if classes::is_builtin(i.class) => match i.state.as_deref() {
                Some(State::Lock(lock)) => lock.locked,
                _ => return PlainLock::Other,
            },
            _ => return PlainLock::Other,
        };
        let pending = if enter {
            Pending::wait(Wait::Lock(r), None)
        } else {
            Pending::RUN
        };
        if self.observer {
            return PlainLock::Other;
        }
        if self.armed {
            self.armed = false;
        } else if (enter && locked) || !self.take_enabled(true) {
            return PlainLock::Park(pending);
        }
        if !enter && !locked {
            return PlainLock::Error;
        }
        if let Some(State::Lock(lock)) = self.m.state_mut(r) {
            lock.locked = enter;
            lock.owner = enter.then_some(self.aid);
        }
        self.m.lock_changed(r, !enter);
        PlainLock::Done
    }

    /// `a op b` on two ints without overflow.
    fn fast_binary(&mut self, op: BinOp) -> bool {
        let len = self.stack.len();
        let r = match (self.stack[len - 2], self.stack[len - 1]) {
            (Value::Int(a), Value::Int(b)) => int_op(op, a, b).map(Value::Int),
            (Value::Float(x), Value::Float(y)) => float_op(op, x, y),
            (Value::Float(x), Value::Int(i)) => float_op(op, x, i as f64),
            (Value::Int(i), Value::Float(y)) => float_op(op, i as f64, y),
            _ => None,
        };
        match r {
            Some(r) => {
                self.stack.pop();
                self.stack[len - 2] = r;
                true
            }
            None => false,
        }
    }

    /// An identity test (`is`, `is not`), or an ordering or equality comparison of two
    /// ints, two floats, or a float and an int a float holds exactly.
    fn fast_compare(&mut self, op: CmpOp) -> bool {
        let len = self.stack.len();
        if let CmpOp::Is | CmpOp::IsNot = op {
            let same = self.stack[len - 2].is(self.stack[len - 1]);
            self.stack.pop();
            self.stack[len - 2] = Value::Bool(same == (op == CmpOp::Is));
            return true;
        }
        /// Ints a float holds exactly: compared as floats, they compare as Python does.
        const EXACT: u64 = 1 << 53;
        let r = match (self.stack[len - 2], self.stack[len - 1]) {
            (Value::Int(a), Value::Int(b)) => ordered(op, a, b),
            (Value::Float(x), Value::Float(y)) => ordered(op, x, y),
            (Value::Float(x), Value::Int(i)) if i.unsigned_abs() <= EXACT => ordered(op, x, i as f64),
            (Value::Int(i), Value::Float(y)) if i.unsigned_abs() <= EXACT => ordered(op, i as f64, y),
            _ => None,
        };
        let Some(r) = r else { return false };
        self.stack.pop();
        self.stack[len - 2] = Value::Bool(r);
        true
    }

    /// The next value of the range iterator on top of the stack (`Some(None)` when it is
    /// exhausted), or `None` if it is not a range iterator.
    fn fast_range_next(&mut self) -> Option<Option<i64>> {
        let Some(Value::Obj(r)) = self.stack.last().copied() else {
            return None;
        };
        let Obj::Iter(Iter::Range { next, stop, step }) = self.m.heap.get_mut(r) else {
            return None;
        };
        let cur = *next;
        if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
            *next = cur.saturating_add(*step);
            Some(Some(cur))
        } else {
            Some(None)
        }
    }
}

/// How [`Exec::fast_with`] went.
enum WithStep {
    /// The step was taken.
    Done,
    /// The actor parks at this operation.
    Park(Pending),
    /// The general path runs the instruction.
    Leave,
}

/// How [`Exec::plain_lock_with`] went.
enum PlainLock {
    /// The step was taken.
    Done,
    /// The actor parks at this operation.
    Park(Pending),
    /// Releasing an unlocked lock: the general path raises the error.
    Error,
    /// Not a built-in `Lock`, or evaluating a check.
    Other,
}

/// `a op b` for the operators the fast lane does on ints, `None` on overflow.
fn int_op(op: BinOp, a: i64, b: i64) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        // By a positive divisor, Python's floor division and modulo are Euclid's; the
        // general path raises for zero and handles negative divisors.
        BinOp::FloorDiv if b > 0 => Some(a.div_euclid(b)),
        BinOp::Mod if b > 0 => Some(a.rem_euclid(b)),
        _ => None,
    }
}

/// `a op b` on floats (an int operand converted as Python converts it), for the
/// operators that cannot raise.
fn float_op(op: BinOp, a: f64, b: f64) -> Option<Value> {
    Some(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        _ => return None,
    }))
}

/// An ordering or equality comparison of two numbers of one type; `None` for other
/// operators.
fn ordered<T: PartialOrd>(op: CmpOp, a: T, b: T) -> Option<bool> {
    Some(match op {
        CmpOp::Eq => a == b,
        CmpOp::NotEq => a != b,
        CmpOp::Lt => a < b,
        CmpOp::LtE => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::GtE => a >= b,
        _ => return None,
    })
}
