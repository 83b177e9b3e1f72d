//! The fast lane's instruction stream: each instruction of a code object pre-decoded for
//! the interpreter's fast lane, with common sequences fused into one superinstruction.
//!
//! Entry `i` stands for the instructions starting at `i`: a fused entry runs the
//! instructions `i..i + width` in order, exactly as they would run one by one, and the
//! entries inside it stay valid for jumps that land there. Whatever the fast lane does not
//! do is `Slow`: the general path runs that instruction.

use super::instr::Instr;
use super::program::{ConstId, GlobalId, Sym};
use crate::syntax::ast::{BinOp, CmpOp};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fused {
    /// Not in the fast lane.
    Slow,
    LoadLocal(u16),
    StoreLocal(u16),
    Const(ConstId),
    LoadGlobal(GlobalId),
    Pop,
    Dup,
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    LoadShared(GlobalId),
    StoreShared(GlobalId),
    /// `Binary(op)`, or `Inplace(op)` (the same on ints, the only operands the lane takes).
    Binary(BinOp),
    Compare(CmpOp),
    ForIter(u32),
    WithEnter,
    WithExit,
    /// `LoadMethod(s)`, taken in the lane when the method cache holds the method.
    LoadMethod(Sym),
    /// `Const(c) Binary(op)`.
    ConstBinary(ConstId, BinOp),
    /// `Compare(op) PopJumpIfFalse(t)`.
    CompareJumpIfFalse(CmpOp, u32),
    /// `ForIter(t) StoreLocal(i)`: the loop variable stored at once.
    ForIterStore(u32, u16),
    /// `WithEnter Pop`.
    WithEnterPop,
    /// `LoadGlobal(g) WithEnter Pop`: `with lock:` on a global lock.
    GlobalWithEnterPop(GlobalId),
    /// `WithExit Pop`.
    WithExitPop,
    /// `WithExit Pop Jump(t)`: the end of a `with` that ends a loop body.
    WithExitPopJump(u32),
}

/// The most instructions one entry covers.
pub const MAX_WIDTH: u64 = 3;

impl Fused {
    /// How many instructions the entry covers.
    pub fn width(self) -> u32 {
        match self {
            Fused::ConstBinary(..)
            | Fused::CompareJumpIfFalse(..)
            | Fused::ForIterStore(..)
            | Fused::WithEnterPop
            | Fused::WithExitPop => 2,
            Fused::GlobalWithEnterPop(_) | Fused::WithExitPopJump(_) => 3,
            _ => 1,
        }
    }
}

/// The fast lane's stream for `instrs`, one entry per instruction.
pub fn fuse(instrs: &[Instr]) -> Vec<Fused> {
    (0..instrs.len()).map(|i| decode(&instrs[i..])).collect()
}

fn decode(at: &[Instr]) -> Fused {
    use Instr as I;
    match *at {
        [I::Const(c), I::Binary(op), ..]
            if matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::FloorDiv | BinOp::Mod) =>
        {
            Fused::ConstBinary(c, op)
        }
        [I::Compare(op), I::PopJumpIfFalse(t), ..] => Fused::CompareJumpIfFalse(op, t),
        [I::ForIter(t), I::StoreLocal(i), ..] => Fused::ForIterStore(t, i),
        [I::LoadGlobal(g), I::WithEnter, I::Pop, ..] => Fused::GlobalWithEnterPop(g),
        [I::WithEnter, I::Pop, ..] => Fused::WithEnterPop,
        [I::WithExit, I::Pop, I::Jump(t), ..] => Fused::WithExitPopJump(t),
        [I::WithExit, I::Pop, ..] => Fused::WithExitPop,
        [I::LoadLocal(i), ..] => Fused::LoadLocal(i),
        [I::StoreLocal(i), ..] => Fused::StoreLocal(i),
        [I::Const(c), ..] => Fused::Const(c),
        [I::LoadGlobal(g), ..] => Fused::LoadGlobal(g),
        [I::Pop, ..] => Fused::Pop,
        [I::Dup, ..] => Fused::Dup,
        [I::Jump(t), ..] => Fused::Jump(t),
        [I::PopJumpIfFalse(t), ..] => Fused::PopJumpIfFalse(t),
        [I::PopJumpIfTrue(t), ..] => Fused::PopJumpIfTrue(t),
        [I::LoadShared(g), ..] => Fused::LoadShared(g),
        [I::StoreShared(g), ..] => Fused::StoreShared(g),
        [I::Binary(op) | I::Inplace(op), ..] => Fused::Binary(op),
        [I::Compare(op), ..] => Fused::Compare(op),
        [I::ForIter(t), ..] => Fused::ForIter(t),
        [I::WithEnter, ..] => Fused::WithEnter,
        [I::WithExit, ..] => Fused::WithExit,
        [I::LoadMethod(s), ..] => Fused::LoadMethod(s),
        _ => Fused::Slow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_loop_body_fuses_into_few_entries() {
        // for _ in range(n): with lock: counter = counter + 1
        let (lock, counter) = (GlobalId(3), GlobalId(4));
        let instrs = [
            Instr::ForIter(11),
            Instr::StoreLocal(0),
            Instr::LoadGlobal(lock),
            Instr::WithEnter,
            Instr::Pop,
            Instr::LoadShared(counter),
            Instr::Const(ConstId(1)),
            Instr::Binary(BinOp::Add),
            Instr::StoreShared(counter),
            Instr::WithExit,
            Instr::Pop,
            Instr::Jump(0),
        ];
        let fused = fuse(&instrs);
        assert_eq!(fused[0], Fused::ForIterStore(11, 0));
        assert_eq!(fused[2], Fused::GlobalWithEnterPop(lock));
        // Entries inside a fused one still decode on their own, for jumps landing there.
        assert_eq!(fused[3], Fused::WithEnterPop);
        assert_eq!(fused[4], Fused::Pop);
        assert_eq!(fused[6], Fused::ConstBinary(ConstId(1), BinOp::Add));
        assert_eq!(fused[9], Fused::WithExitPopJump(0));
        assert_eq!(fused[11], Fused::Jump(0));
        let mut at = 0;
        let mut entries = Vec::new();
        while at < fused.len() {
            entries.push(fused[at]);
            at += fused[at].width() as usize;
        }
        assert_eq!(at, instrs.len());
        assert_eq!(
            entries,
            [
                Fused::ForIterStore(11, 0),
                Fused::GlobalWithEnterPop(lock),
                Fused::LoadShared(counter),
                Fused::ConstBinary(ConstId(1), BinOp::Add),
                Fused::StoreShared(counter),
                Fused::WithExitPopJump(0),
            ]
        );
    }

    #[test]
    fn a_method_load_is_in_the_lane_and_its_call_is_not() {
        let fused = fuse(&[Instr::LoadMethod(Sym(7)), Instr::CallMethod(0)]);
        assert_eq!(fused, [Fused::LoadMethod(Sym(7)), Fused::Slow]);
    }

    #[test]
    fn a_division_by_a_constant_is_not_fused() {
        let fused = fuse(&[Instr::Const(ConstId(0)), Instr::Binary(BinOp::Div)]);
        assert_eq!(fused[0], Fused::Const(ConstId(0)));
        assert_eq!(fused[1], Fused::Binary(BinOp::Div));
    }
}
