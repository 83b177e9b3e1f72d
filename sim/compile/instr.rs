//! The instruction set of the virtual machine: a stack machine close to CPython 3.11's
//! bytecode, so the compiler can follow CPython construct by construct.
//!
//! Instructions are `Copy` and eight bytes. Which ones are visible operations (scheduling
//! points) is decided by the machine from the operands at run time, except for
//! `LoadShared`/`StoreShared`, which the compiler chose because the variable is shared.

use super::program::{CodeId, ConstId, GlobalId, Sym};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Instr {
    Nop,
    Pop,
    /// `a -> a a`
    Dup,
    /// `a b -> a b a b`
    DupTwo,
    /// `a b -> b a`
    Rot2,
    /// `a b c -> c a b`
    Rot3,
    /// `a b c d -> d a b c`
    Rot4,
    Const(ConstId),
    LoadLocal(u16),
    StoreLocal(u16),
    DeleteLocal(u16),
    /// Read/write the cell held in a local slot (a variable shared with inner functions).
    LoadDeref(u16),
    StoreDeref(u16),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u16),
    DeleteDeref(u16),
    LoadGlobal(GlobalId),
    StoreGlobal(GlobalId),
    DeleteGlobal(GlobalId),
    /// Load/store of a global that threads share: each one is a visible step.
    LoadShared(GlobalId),
    StoreShared(GlobalId),
    LoadAttr(Sym),
    /// `value obj -> `: sets `obj.sym = value`.
    StoreAttr(Sym),
    DeleteAttr(Sym),
    /// `obj -> callable self` (or `attr NoSelf` when the attribute is not a method), for
    /// `CallMethod`.
    LoadMethod(Sym),
    /// `container index -> item`
    LoadSubscr,
    /// `value container index -> `
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    /// Augmented assignment (`+=`): in place for lists, otherwise as `Binary`.
    Inplace(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// `iter -> iter next`, or pop the iterator and jump when it is exhausted.
    ForIter(u32),
    /// `callable args... -> result`
    Call(u16),
    /// `callable args... kwvalues... -> result`; the constant is the tuple of keyword names.
    CallKw(u16, ConstId),
    /// `callable args_tuple [kwargs_dict] -> callable args... kwvalues... kwnames count`:
    /// spreads the arguments of a call with `*args`/`**kwargs` for `CallSpread`.
    Spread(bool),
    /// Calls what `Spread` laid out (its count and keyword names on top).
    CallSpread,
    /// `callable self args... -> result` after `LoadMethod`.
    CallMethod(u16),
    /// As `CallMethod`, with keyword arguments named by the constant tuple.
    CallMethodKw(u16, ConstId),
    Return,
    /// Creates a function from `code`; the flags say which of defaults tuple, keyword
    /// defaults dict and closure tuple are on the stack (in that order).
    MakeFunction(CodeId, u8),
    BuildTuple(u16),
    BuildList(u16),
    BuildSet(u16),
    /// `k1 v1 .. kn vn -> dict`
    BuildMap(u16),
    /// `lower upper step -> slice`
    BuildSlice,
    /// Add TOS to the list/set/dict found `n` entries down (comprehensions).
    ListAppend(u16),
    SetAdd(u16),
    MapAdd(u16),
    ListExtend(u16),
    SetUpdate(u16),
    DictUpdate(u16),
    ListToTuple,
    UnpackSequence(u16),
    /// Unpack with a starred target: `before` names, the star, `after` names.
    UnpackEx(u8, u8),
    /// Convert TOS (with a format spec below it when the flag is set) to str;
    /// conversion 0 none, 1 `!s`, 2 `!r`, 3 `!a`.
    FormatValue(u8, bool),
    BuildString(u16),
    /// `raise` (0), `raise exc` (1), `raise exc from cause` (2).
    Raise(u8),
    /// Re-raise the exception on top of the stack (end of a `finally` or unmatched `except`).
    Reraise,
    /// `exc -> saved_exc_info exc`: enter an exception handler.
    PushExcInfo,
    /// `saved_exc_info -> `: leave an exception handler.
    PopExcept,
    /// `exc type -> exc bool`
    CheckExcMatch,
    /// `mgr -> mgr result`: `with` calls `mgr.__enter__()`.
    WithEnter,
    /// `mgr -> result`: leaving a `with` normally calls `mgr.__exit__(None, None, None)`.
    WithExit,
    /// Push a copy of the value `n` entries down (`Copy(1)` is `Dup`).
    Copy(u16),
    /// Replace the value on top with its class.
    TypeOf,
    /// Raise `AssertionError` for assert number `n`; the flag says a message is on the stack.
    AssertFail(u32, bool),
    /// Generators: `value -> sent`
    Yield,
    /// `yield from`/`await` delegation: `iter value -> iter result` until the delegate finishes.
    YieldFrom,
    /// `x -> iterator` for `yield from` (generators pass through).
    GetYieldFromIter,
    /// `x -> awaitable iterator` for `await`.
    GetAwaitable,
}

/// `MakeFunction` flags.
pub const FN_DEFAULTS: u8 = 1;
pub const FN_KWDEFAULTS: u8 = 2;
pub const FN_CLOSURE: u8 = 4;

#[cfg(test)]
mod tests {
    #[test]
    fn instructions_are_eight_bytes() {
        assert_eq!(std::mem::size_of::<super::Instr>(), 8);
    }
}
