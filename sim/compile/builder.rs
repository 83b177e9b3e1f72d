//! Assembling one code object: instructions with their spans, forward labels, the static
//! operand-stack depth (which exception handlers need), and the handler table.

use super::instr::Instr;
use super::program::ExcHandler;
use crate::syntax::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(usize);

#[derive(Default)]
pub struct Builder {
    pub instrs: Vec<Instr>,
    pub spans: Vec<Span>,
    pub handlers: Vec<ExcHandler>,
    labels: Vec<LabelState>,
    fixups: Vec<(usize, Label)>,
    /// Operand stack depth after the last emitted instruction; `None` after an
    /// unconditional jump until a label is placed.
    depth: Option<u32>,
    pub span: Span,
}

#[derive(Default, Clone, Copy)]
struct LabelState {
    target: Option<u32>,
    depth: Option<u32>,
}

impl Builder {
    pub fn new(span: Span) -> Builder {
        Builder {
            depth: Some(0),
            span,
            ..Builder::default()
        }
    }

    pub fn depth(&self) -> u32 {
        self.depth.unwrap_or(0)
    }

    /// Overrides the tracked depth (entering a handler, where the machine pushed the exception).
    pub fn set_depth(&mut self, depth: u32) {
        self.depth = Some(depth);
    }

    pub fn pc(&self) -> u32 {
        self.instrs.len() as u32
    }

    pub fn label(&mut self) -> Label {
        self.labels.push(LabelState::default());
        Label(self.labels.len() - 1)
    }

    pub fn place(&mut self, label: Label) {
        let state = &mut self.labels[label.0];
        state.target = Some(self.instrs.len() as u32);
        match (state.depth, self.depth) {
            (Some(d), _) => self.depth = Some(d),
            (None, d) => state.depth = d,
        }
    }

    /// Emits `instr`; jump targets are given by label and patched when placed.
    pub fn emit(&mut self, instr: Instr) {
        let depth = self.depth();
        let after = (depth as i64 + stack_effect(instr) as i64).max(0) as u32;
        self.instrs.push(instr);
        self.spans.push(self.span);
        self.depth = if ends_block(instr) { None } else { Some(after) };
    }

    pub fn emit_jump(&mut self, make: fn(u32) -> Instr, label: Label) {
        let before = self.depth();
        self.fixups.push((self.instrs.len(), label));
        self.emit(make(u32::MAX));
        let at_target = match make(0) {
            Instr::JumpIfFalseOrPop(_) | Instr::JumpIfTrueOrPop(_) => before,
            Instr::ForIter(_) => before.saturating_sub(1),
            _ => self.depth.unwrap_or(before),
        };
        let state = &mut self.labels[label.0];
        if state.depth.is_none() {
            state.depth = Some(at_target);
        }
    }

    /// Marks `start..end` as protected by the handler at `handler`, entered with `depth`
    /// values on the stack (plus the exception).
    pub fn protect(&mut self, start: u32, end: u32, handler: Label, depth: u32) {
        if start < end {
            self.handlers.push(ExcHandler {
                start,
                end,
                handler: handler.0 as u32,
                depth,
            });
        }
    }

    /// Resolves labels; returns instructions, spans and handlers.
    pub fn finish(mut self) -> (Vec<Instr>, Vec<Span>, Vec<ExcHandler>) {
        for (at, label) in std::mem::take(&mut self.fixups) {
            let target = self.labels[label.0].target.expect("label placed");
            self.instrs[at] = retarget(self.instrs[at], target);
        }
        for h in &mut self.handlers {
            h.handler = self.labels[h.handler as usize].target.expect("handler placed");
        }
        self.thread_jumps();
        (self.instrs, self.spans, self.handlers)
    }

    /// Points jumps whose target is an unconditional jump at that jump's target.
    fn thread_jumps(&mut self) {
        let final_target = |instrs: &[Instr], mut t: u32| {
            for _ in 0..8 {
                match instrs.get(t as usize) {
                    Some(Instr::Jump(next)) if *next != t => t = *next,
                    _ => break,
                }
            }
            t
        };
        for i in 0..self.instrs.len() {
            let instr = self.instrs[i];
            let target = match instr {
                Instr::Jump(t) | Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) | Instr::ForIter(t) => t,
                _ => continue,
            };
            self.instrs[i] = retarget(instr, final_target(&self.instrs, target));
        }
    }
}

fn retarget(instr: Instr, t: u32) -> Instr {
    match instr {
        Instr::Jump(_) => Instr::Jump(t),
        Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(t),
        Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(t),
        Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(t),
        Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(t),
        Instr::ForIter(_) => Instr::ForIter(t),
        other => other,
    }
}

fn ends_block(instr: Instr) -> bool {
    matches!(
        instr,
        Instr::Jump(_) | Instr::Return | Instr::Raise(_) | Instr::Reraise | Instr::AssertFail(..)
    )
}

/// Net change of the operand stack depth (on the fall-through path).
pub fn stack_effect(instr: Instr) -> i32 {
    use Instr::*;
    match instr {
        Nop
        | Rot2
        | Rot3
        | Rot4
        | Jump(_)
        | Unary(_)
        | GetIter
        | ListToTuple
        | GetYieldFromIter
        | GetAwaitable
        | Yield
        | FormatValue(_, false)
        | LoadAttr(_)
        | DeleteLocal(_)
        | DeleteDeref(_)
        | DeleteGlobal(_)
        | CheckExcMatch
        | TypeOf
        | WithExit => 0,
        Pop
        | StoreLocal(_)
        | StoreDeref(_)
        | StoreGlobal(_)
        | StoreShared(_)
        | DeleteAttr(_)
        | PopJumpIfFalse(_)
        | PopJumpIfTrue(_)
        | JumpIfFalseOrPop(_)
        | JumpIfTrueOrPop(_)
        | LoadSubscr
        | Binary(_)
        | Inplace(_)
        | Compare(_)
        | ListAppend(_)
        | SetAdd(_)
        | ListExtend(_)
        | SetUpdate(_)
        | DictUpdate(_)
        | PopExcept
        | FormatValue(_, true)
        | YieldFrom => -1,
        Dup | Const(_) | LoadLocal(_) | LoadDeref(_) | LoadClosure(_) | LoadGlobal(_) | LoadShared(_) | ForIter(_)
        | LoadMethod(_) | PushExcInfo | Copy(_) | WithEnter => 1,
        DupTwo => 2,
        StoreAttr(_) | MapAdd(_) | DeleteSubscr => -2,
        StoreSubscr => -3,
        Call(n) => -(n as i32),
        CallKw(n, _) => -(n as i32),
        // The spread values are accounted as one value until `CallSpread` consumes them.
        Spread(kw) => -(kw as i32),
        CallSpread => -1,
        CallMethod(n) | CallMethodKw(n, _) => -(n as i32) - 1,
        Return => -1,
        MakeFunction(_, flags) => 1 - flags.count_ones() as i32,
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) => 1 - n as i32,
        BuildMap(n) => 1 - 2 * n as i32,
        BuildSlice => -2,
        UnpackSequence(n) => n as i32 - 1,
        UnpackEx(a, b) => a as i32 + b as i32,
        Raise(n) => -(n as i32),
        Reraise => -1,
        AssertFail(_, msg) => -(msg as i32),
    }
}
