//! The interpreter's fast lane: the most common instructions (locals, constants, globals,
//! jumps, integer arithmetic and comparisons, `for` over a range, and the visible steps
//! of shared globals and `with` on built-in locks), run in a tight loop over one frame.
//! Anything else, or any case needing more care (an unbound local, an overflow, a
//! collection due, a step to describe), leaves the lane for the general path, which runs
//! the instruction.

use super::classes;
use super::exec::{Exec, FUEL};
use super::object::{Iter, Obj};
use super::pending::{Pending, Wait};
use super::state::State;
use super::value::{ObjRef, Value};
use crate::compile::Instr;
use crate::syntax::ast::{BinOp, CmpOp};

impl Exec<'_, '_, '_> {
    /// Runs instructions of the current frame while they are in the fast lane; returns
    /// with the frame's `pc` at the first one that is not (or when fuel runs out), or the
    /// pending operation to park at.
    pub fn fast_lane(&mut self) -> Option<Pending> {
        let frame = *self.frames.last().expect("a running actor has a frame");
        let code = &self.p.codes[frame.code.index()].instrs[..];
        let base = frame.base as usize;
        let mut pc = frame.pc as usize;
        let mut fuel = self.fuel;
        while fuel > 1 {
            let instr = code[pc];
            let ok = match instr {
                Instr::LoadLocal(i) => {
                    let v = self.stack[base + i as usize];
                    let bound = !matches!(v, Value::Unset);
                    if bound {
                        self.stack.push(v);
                    }
                    bound
                }
                Instr::StoreLocal(i) => {
                    let v = self.stack.pop().expect("operand");
                    self.stack[base + i as usize] = v;
                    true
                }
                Instr::Const(c) => {
                    let v = self.m.consts[c.index()];
                    // Fused with a following `Binary` on two ints: the same result, one
                    // dispatch and no push.
                    if let (Value::Int(b), Some(Instr::Binary(op)), Some(Value::Int(a))) =
                        (v, code.get(pc + 1), self.stack.last())
                        && let Some(r) = int_op(*op, *a, b)
                    {
                        *self.stack.last_mut().expect("operand") = Value::Int(r);
                        pc += 2;
                        fuel -= 2;
                        continue;
                    }
                    self.stack.push(v);
                    true
                }
                Instr::LoadGlobal(g) => {
                    let v = self.m.globals[g.index()];
                    let bound = !matches!(v, Value::Unset);
                    if bound {
                        self.stack.push(v);
                    }
                    bound
                }
                Instr::Pop => {
                    self.stack.pop();
                    true
                }
                Instr::Dup => {
                    let v = *self.stack.last().expect("operand");
                    self.stack.push(v);
                    true
                }
                Instr::Jump(t) => {
                    if (t as usize) <= pc && self.m.heap.wants_collect() {
                        false
                    } else {
                        pc = t as usize;
                        fuel -= 1;
                        continue;
                    }
                }
                Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => match self.stack.last() {
                    Some(Value::Bool(b)) => {
                        let jump = *b == matches!(instr, Instr::PopJumpIfTrue(_));
                        self.stack.pop();
                        if jump {
                            pc = t as usize;
                            fuel -= 1;
                            continue;
                        }
                        true
                    }
                    _ => false,
                },
                Instr::LoadShared(g) | Instr::StoreShared(g) => {
                    if self.describe {
                        false
                    } else if !self.step_here_enabled() {
                        self.frames.last_mut().expect("frame").pc = pc as u32;
                        self.fuel = fuel;
                        return Some(Pending::RUN);
                    } else if let Instr::StoreShared(_) = instr {
                        fuel = FUEL;
                        let v = self.stack.pop().expect("operand");
                        self.store_global(g, v);
                        true
                    } else {
                        fuel = FUEL;
                        let v = self.m.globals[g.index()];
                        let bound = !matches!(v, Value::Unset);
                        if bound {
                            self.stack.push(v);
                        }
                        bound
                    }
                }
                Instr::WithEnter | Instr::WithExit if !self.describe => {
                    let mgr = *self.stack.last().expect("manager");
                    let Some(r) = mgr.as_obj() else { break };
                    let enter = matches!(instr, Instr::WithEnter);
                    match self.plain_lock_with(r, enter) {
                        PlainLock::Done => {
                            fuel = FUEL;
                            // Fused with the `Pop` that follows: the flag pushed on entry,
                            // or the manager on exit, is dropped at once.
                            if let Some(Instr::Pop) = code.get(pc + 1) {
                                if !enter {
                                    self.stack.pop();
                                }
                                pc += 2;
                                fuel -= 2;
                                continue;
                            }
                            if enter {
                                self.stack.push(Value::Bool(true));
                            } else {
                                *self.stack.last_mut().expect("manager") = Value::None;
                            }
                            pc += 1;
                            fuel -= 1;
                            continue;
                        }
                        PlainLock::Park(pending) => {
                            self.frames.last_mut().expect("frame").pc = pc as u32;
                            self.fuel = fuel;
                            return Some(pending);
                        }
                        PlainLock::Error => {
                            self.armed = true;
                            break;
                        }
                        PlainLock::Other => {}
                    }
                    let Some(wait) = super::sync::with_wait(self.m, r) else {
                        break;
                    };
                    let pending = if matches!(instr, Instr::WithEnter) {
                        Pending::wait(wait, None)
                    } else {
                        Pending::RUN
                    };
                    if !self.step_here(pending) {
                        self.frames.last_mut().expect("frame").pc = pc as u32;
                        self.fuel = fuel;
                        return Some(pending);
                    }
                    fuel = FUEL;
                    let done = if matches!(instr, Instr::WithEnter) {
                        super::sync::with_enter(self.m, wait, self.aid).map(|()| self.stack.push(Value::Bool(true)))
                    } else {
                        super::sync::with_release(self.m, wait, self.aid)
                            .map(|()| *self.stack.last_mut().expect("manager") = Value::None)
                    };
                    if let Some(r) = wait.object() {
                        self.m.touched(r);
                    }
                    if done.is_err() {
                        self.armed = true;
                        break;
                    }
                    true
                }
                Instr::Binary(op) => self.fast_binary(op),
                Instr::Compare(op) => self.fast_compare(op),
                Instr::ForIter(t) => match self.fast_range_next() {
                    Some(true) => {
                        // Fused with the `StoreLocal` of the loop variable.
                        if let Some(Instr::StoreLocal(i)) = code.get(pc + 1) {
                            let v = self.stack.pop().expect("operand");
                            self.stack[base + *i as usize] = v;
                            pc += 2;
                            fuel -= 2;
                            continue;
                        }
                        true
                    }
                    Some(false) => {
                        self.stack.pop();
                        pc = t as usize;
                        fuel -= 1;
                        continue;
                    }
                    None => false,
                },
                _ => false,
            };
            if !ok {
                break;
            }
            pc += 1;
            fuel -= 1;
        }
        self.fuel = fuel;
        self.frames.last_mut().expect("frame").pc = pc as u32;
        None
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
        let (Value::Int(a), Value::Int(b)) = (self.stack[len - 2], self.stack[len - 1]) else {
            return false;
        };
        match int_op(op, a, b) {
            Some(r) => {
                self.stack.pop();
                self.stack[len - 2] = Value::Int(r);
                true
            }
            None => false,
        }
    }

    /// An ordering or equality comparison of two ints.
    fn fast_compare(&mut self, op: CmpOp) -> bool {
        let len = self.stack.len();
        let (Value::Int(a), Value::Int(b)) = (self.stack[len - 2], self.stack[len - 1]) else {
            return false;
        };
        let r = match op {
            CmpOp::Eq => a == b,
            CmpOp::NotEq => a != b,
            CmpOp::Lt => a < b,
            CmpOp::LtE => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::GtE => a >= b,
            _ => return false,
        };
        self.stack.pop();
        self.stack[len - 2] = Value::Bool(r);
        true
    }

    /// The next value of a range iterator on top of the stack: `Some(true)` pushed it,
    /// `Some(false)` it is exhausted, `None` it is not a range iterator.
    fn fast_range_next(&mut self) -> Option<bool> {
        let Some(Value::Obj(r)) = self.stack.last().copied() else {
            return None;
        };
        let Obj::Iter(Iter::Range { next, stop, step }) = self.m.heap.get_mut(r) else {
            return None;
        };
        let cur = *next;
        if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
            *next = cur.saturating_add(*step);
            self.stack.push(Value::Int(cur));
            Some(true)
        } else {
            Some(false)
        }
    }
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
        _ => None,
    }
}
