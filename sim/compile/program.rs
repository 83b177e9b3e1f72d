//! The compiled program: immutable, shared read-only by every run and worker thread.
//!
//! Names are resolved to indices here (globals, locals, classes, attribute symbols,
//! native functions), so the step loop never looks up a string.

use std::collections::HashMap;

use super::instr::Instr;
use crate::runtime::value::Module;
use crate::syntax::Span;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// A compiled function body (or module, lambda, comprehension).
    CodeId
);
index_type!(
    /// A class: built-in ones first, then the library's, then the scenario's.
    ClassId
);
index_type!(
    /// An interned attribute or keyword name.
    Sym
);
index_type!(
    /// A native (Rust) function or method in the registry.
    NativeId
);
index_type!(
    /// A module-level variable.
    GlobalId
);
index_type!(
    /// An entry of the constant pool.
    ConstId
);
index_type!(
    /// A source text: the scenario file or one of the library's files.
    SourceId
);

/// A constant, materialised into a run-time value once per machine.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Class(ClassId),
    Native(NativeId),
    Module(Module),
    /// A tuple of constants (keyword names of a call, for instance).
    Tuple(Vec<ConstId>),
}

#[derive(Clone, Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Module,
    Function,
    Generator,
    Coroutine,
}

/// How a function binds its arguments (Python's signature, by slot).
#[derive(Clone, Debug, Default)]
pub struct ParamSpec {
    /// Names of the positional parameters (positional-only first), then keyword-only ones.
    pub names: Vec<Sym>,
    pub posonly: u16,
    /// Positional parameters (including positional-only).
    pub positional: u16,
    pub kwonly: u16,
    /// Local slot of `*args` / `**kwargs` when present (they follow the named ones).
    pub vararg: bool,
    pub kwarg: bool,
}

impl ParamSpec {
    /// Number of local slots the parameters occupy.
    pub fn slots(&self) -> u16 {
        self.positional + self.kwonly + self.vararg as u16 + self.kwarg as u16
    }
}

/// One `try` region: an exception raised at `start..end` jumps to `handler` with the
/// operand stack cut back to `depth` values above the locals.
#[derive(Clone, Copy, Debug)]
pub struct ExcHandler {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub depth: u32,
}

#[derive(Clone, Debug)]
pub struct Code {
    pub name: String,
    pub qualname: String,
    pub kind: CodeKind,
    pub source: SourceId,
    pub span: Span,
    pub instrs: Vec<Instr>,
    /// The same instructions as the interpreter's fast lane runs them.
    pub fused: Vec<super::fused::Fused>,
    /// The source span of each instruction.
    pub spans: Vec<Span>,
    pub params: ParamSpec,
    pub nlocals: u16,
    pub local_names: Vec<String>,
    /// Local slots holding a cell created when the frame starts (captured by inner functions).
    pub cells: Vec<u16>,
    /// Local slots filled from the function's closure, in closure order.
    pub frees: Vec<u16>,
    pub handlers: Vec<ExcHandler>,
}

impl Code {
    pub fn span_at(&self, pc: u32) -> Span {
        self.spans.get(pc as usize).copied().unwrap_or(self.span)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlobalKind {
    /// A variable: declared under `globals:` or assigned at module level.
    Variable,
    /// Declared under `objects:`: never rebound, contents frozen.
    Object,
    Function,
    Class,
}

#[derive(Clone, Debug)]
pub struct GlobalInfo {
    pub name: String,
    pub kind: GlobalKind,
    /// Loads and stores are visible steps (a variable that threads share and that is
    /// stored after the program starts).
    pub shared: bool,
    /// Reachable from functions, so from other threads: what it holds is shared.
    pub escapes: bool,
    /// Part of the built-in library rather than the scenario.
    pub library: bool,
    pub span: Span,
}

/// A method or attribute a class defines itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Member {
    Native(NativeId),
    /// A value stored in the class namespace at run time (functions of Python-defined classes).
    Runtime,
}

#[derive(Clone, Debug)]
pub struct ClassInfo {
    pub name: String,
    pub module: String,
    pub bases: Vec<ClassId>,
    /// Method resolution order, starting with the class itself.
    pub mro: Vec<ClassId>,
    pub members: Vec<(Sym, Member)>,
    /// Defined in Python (the library's source or the scenario) rather than natively.
    pub python: bool,
    pub span: Span,
}

impl ClassInfo {
    pub fn member(&self, sym: Sym) -> Option<Member> {
        self.members.iter().find(|(s, _)| *s == sym).map(|(_, m)| *m)
    }
}

/// An `expect` or `invariant` expression, compiled as a function of no arguments.
#[derive(Clone, Debug)]
pub struct Check {
    pub code: CodeId,
    pub text: String,
    pub span: Span,
}

/// What an `assert` reports when it fails: its text and the names whose values it shows.
#[derive(Clone, Debug)]
pub struct AssertInfo {
    pub text: String,
    pub span: Span,
    pub source: SourceId,
    /// Source text of each captured subexpression and the local slot holding its value.
    pub captures: Vec<(String, u16)>,
}

#[derive(Default, Debug, Clone)]
pub struct Symbols {
    names: Vec<String>,
    index: HashMap<String, Sym>,
}

impl Symbols {
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(s) = self.index.get(name) {
            return *s;
        }
        let s = Sym(self.names.len() as u32);
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), s);
        s
    }

    pub fn lookup(&self, name: &str) -> Option<Sym> {
        self.index.get(name).copied()
    }

    pub fn name(&self, s: Sym) -> &str {
        &self.names[s.index()]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

#[derive(Clone, Debug)]
pub struct Program {
    pub name: String,
    pub sources: Vec<Source>,
    pub codes: Vec<Code>,
    pub consts: Vec<Const>,
    pub syms: Symbols,
    /// Per symbol: an attribute of that name is stored somewhere outside `__init__`, so
    /// reading it from a shared object is a visible step.
    pub mutable_attrs: Vec<bool>,
    pub globals: Vec<GlobalInfo>,
    pub classes: Vec<ClassInfo>,
    /// The main thread's module code: creates the library, globals, functions, classes and
    /// objects, then runs `main`.
    pub init: CodeId,
    pub expects: Vec<Check>,
    pub invariants: Vec<Check>,
    pub asserts: Vec<AssertInfo>,
    pub max_steps: Option<u64>,
    /// What `sim check` records for this scenario.
    pub check: crate::scenario::CheckPlan,
    /// Module-level names of the library's Python source.
    pub library: HashMap<String, GlobalId>,
    /// The library function every thread starts in.
    pub bootstrap: GlobalId,
    /// Flat index of each code's first instruction (and the total at the end), for
    /// per-instruction caches.
    pub code_base: Vec<u32>,
}

impl Program {
    pub fn code(&self, id: CodeId) -> &Code {
        &self.codes[id.index()]
    }

    pub fn class(&self, id: ClassId) -> &ClassInfo {
        &self.classes[id.index()]
    }

    pub fn sym(&self, s: Sym) -> &str {
        self.syms.name(s)
    }

    pub fn is_subclass(&self, class: ClassId, of: ClassId) -> bool {
        self.class(class).mro.contains(&of)
    }

    pub fn attr_is_mutable(&self, s: Sym) -> bool {
        self.mutable_attrs.get(s.index()).copied().unwrap_or(true)
    }
}
