//! A readable listing of a program's bytecode (for `sim dis`, when debugging scenarios or
//! sim itself).

use std::fmt::Write;

use super::{Instr, Program};

pub fn disassemble(p: &Program, include_library: bool) -> String {
    let mut out = String::new();
    for (i, code) in p.codes.iter().enumerate() {
        if !include_library && code.source.0 != 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "code {i} {} ({:?}, {} locals: {})",
            code.qualname,
            code.kind,
            code.nlocals,
            code.local_names.join(", ")
        );
        for (pc, instr) in code.instrs.iter().enumerate() {
            let _ = writeln!(out, "  {pc:4} {}", describe(p, *instr));
        }
        for h in &code.handlers {
            let _ = writeln!(
                out,
                "  handler {}..{} -> {} (depth {})",
                h.start, h.end, h.handler, h.depth
            );
        }
    }
    out
}

fn describe(p: &Program, instr: Instr) -> String {
    match instr {
        Instr::Const(c) => format!("Const {:?}", p.consts[c.index()]),
        Instr::LoadGlobal(g)
        | Instr::StoreGlobal(g)
        | Instr::LoadShared(g)
        | Instr::StoreShared(g)
        | Instr::DeleteGlobal(g) => {
            format!("{instr:?} {}", p.globals[g.index()].name)
        }
        Instr::LoadAttr(s) | Instr::StoreAttr(s) | Instr::LoadMethod(s) | Instr::DeleteAttr(s) => {
            format!("{instr:?} {}", p.sym(s))
        }
        other => format!("{other:?}"),
    }
}
