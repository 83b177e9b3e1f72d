//! Code generation: one [`Gen`] per code object (module code, function, lambda,
//! comprehension, check), emitting instructions with CPython 3.11's structure.
//!
//! Statements are in `stmt.rs`, expressions in `expr.rs`; this file owns the generator's
//! state, name loads and stores, and turning finished builders into code objects.

mod expr;
mod stmt;

use super::builder::{Builder, Label};
use super::resolve::{Namespace, Resolved};
use super::scope::{Binding, ScopeKey, ScopeTag};
use super::{
    Check, ClassId, Code, CodeId, CodeKind, Compiler, Const, GlobalKind, Instr, ParamSpec, SCENARIO, SourceId,
    module_key,
};
use crate::diagnostic::Diagnostic;
use crate::scenario::Scenario;
use crate::syntax::Span;
use crate::syntax::ast::{Expr, FunctionDef, Params, Stmt};

pub type Result<T> = std::result::Result<T, Diagnostic>;

/// Cleanup a `break`, `continue` or `return` must run when it leaves a block.
#[derive(Clone, Debug)]
enum Unwind {
    /// A `finally:` body to run.
    Finally(Vec<Stmt>),
    /// Inside a `finally:` entered by an exception: the exception and the saved
    /// exception info are on the stack.
    FinallyHandler,
    /// Inside an `except:` body: the saved exception info is on the stack; a named
    /// exception variable is cleared.
    Handler(Option<String>),
    /// Inside a `with` (or `async with`) body: the context manager is on the stack.
    With(bool),
    /// Inside a `for` body: the iterator is on the stack.
    ForIter,
}

struct Loop {
    top: Label,
    end: Label,
    /// How many unwind entries were open when the loop started.
    depth: usize,
    is_for: bool,
}

pub struct Gen<'c> {
    c: &'c mut Compiler,
    b: Builder,
    ns: Namespace,
    source: SourceId,
    /// The function-like scope being compiled; `None` for module code.
    scope: Option<ScopeKey>,
    hidden: Vec<String>,
    loops: Vec<Loop>,
    unwinds: Vec<Unwind>,
    name: String,
    qualname: String,
    /// In a method: its class and first parameter (for `super()`).
    method_of: Option<(ClassId, String)>,
    /// Compiling the initial values of `globals:` and `objects:`.
    initializing: bool,
    /// While generating an assertion's test: the sub-expressions saved for its report.
    captures: Option<Vec<(String, u16)>>,
    /// Compiling an `async def` body (where `await`, `async with` and `async for` belong).
    is_async: bool,
}

impl<'c> Gen<'c> {
    fn new(
        c: &'c mut Compiler,
        ns: Namespace,
        source: SourceId,
        scope: Option<ScopeKey>,
        name: &str,
        qualname: &str,
        span: Span,
    ) -> Gen<'c> {
        Gen {
            c,
            b: Builder::new(span),
            ns,
            source,
            scope,
            hidden: Vec::new(),
            loops: Vec::new(),
            unwinds: Vec::new(),
            name: name.to_string(),
            qualname: qualname.to_string(),
            is_async: false,
            method_of: None,
            initializing: false,
            captures: None,
        }
    }

    fn emit(&mut self, instr: Instr) {
        self.b.emit(instr);
    }

    fn at(&mut self, span: Span) {
        self.b.span = span;
    }

    fn constant(&mut self, c: Const) {
        let id = self.c.intern_const(c);
        self.emit(Instr::Const(id));
    }

    fn none(&mut self) {
        self.constant(Const::None);
    }

    fn nslots(&self) -> usize {
        self.scope.map_or(0, |k| self.c.scopes.get(k).slots.len())
    }

    /// A local slot of the compiler's own (named so it can never clash with Python's).
    fn hidden(&mut self, name: &str) -> u16 {
        let i = match self.hidden.iter().position(|h| h == name) {
            Some(i) => i,
            None => {
                self.hidden.push(name.to_string());
                self.hidden.len() - 1
            }
        };
        (self.nslots() + i) as u16
    }

    fn binding(&self, name: &str) -> Binding {
        match self.scope {
            Some(k) => self.c.scopes.get(k).binding(name),
            None => Binding::Global,
        }
    }

    fn load_name(&mut self, name: &str, span: Span) -> Result<()> {
        match self.binding(name) {
            Binding::Local(i) => self.emit(Instr::LoadLocal(i)),
            Binding::Cell(i) | Binding::Free(i) => self.emit(Instr::LoadDeref(i)),
            Binding::Global => match self.c.resolve_name(self.ns, name) {
                Some(Resolved::Global(g)) => {
                    let shared = self.c.globals[g.index()].shared;
                    self.emit(if shared {
                        Instr::LoadShared(g)
                    } else {
                        Instr::LoadGlobal(g)
                    });
                }
                Some(Resolved::Constant(k)) => self.constant(k),
                None => return Err(self.c.unknown_name(self.ns, name, span)),
            },
        }
        Ok(())
    }

    fn store_name(&mut self, name: &str, span: Span) -> Result<()> {
        match self.binding(name) {
            Binding::Local(i) => self.emit(Instr::StoreLocal(i)),
            Binding::Cell(i) | Binding::Free(i) => self.emit(Instr::StoreDeref(i)),
            Binding::Global => {
                let g = match self.c.resolve_name(self.ns, name) {
                    Some(Resolved::Global(g)) => g,
                    _ => {
                        return Err(Diagnostic::new(format!("`{name}` is not a global variable"), span)
                            .with_label("cannot assign here")
                            .with_help("declare it under globals: to assign it from a function"));
                    }
                };
                let info = &self.c.globals[g.index()];
                if info.kind == GlobalKind::Object && !self.initializing {
                    return Err(Diagnostic::new(
                        format!("cannot assign to `{name}`: it is declared under objects:"),
                        span,
                    )
                    .with_label("objects are never rebound")
                    .with_help("declare it under globals: to make it a variable"));
                }
                let visible = info.shared && !self.initializing;
                self.emit(if visible {
                    Instr::StoreShared(g)
                } else {
                    Instr::StoreGlobal(g)
                });
            }
        }
        Ok(())
    }

    fn delete_name(&mut self, name: &str, span: Span) -> Result<()> {
        match self.binding(name) {
            Binding::Local(i) => self.emit(Instr::DeleteLocal(i)),
            Binding::Cell(i) | Binding::Free(i) => self.emit(Instr::DeleteDeref(i)),
            Binding::Global => match self.c.resolve_name(self.ns, name) {
                Some(Resolved::Global(g)) => self.emit(Instr::DeleteGlobal(g)),
                _ => return Err(self.c.unknown_name(self.ns, name, span)),
            },
        }
        Ok(())
    }

    /// Turns the finished generator into a code object.
    fn finish(mut self, kind: CodeKind, params: ParamSpec, span: Span) -> CodeId {
        if self.b.depth() > 0 || self.b.instrs.is_empty() || !matches!(self.b.instrs.last(), Some(Instr::Return)) {
            self.none();
            self.emit(Instr::Return);
        }
        let (slots, cells, frees) = match self.scope {
            Some(k) => {
                let s = self.c.scopes.get(k);
                let slots: Vec<String> = s.slots.iter().cloned().collect();
                let cells = slots
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| s.cells.contains(*n))
                    .map(|(i, _)| i as u16)
                    .collect();
                let frees = s
                    .frees
                    .iter()
                    .filter_map(|f| s.slots.get_index_of(f))
                    .map(|i| i as u16)
                    .collect();
                (slots, cells, frees)
            }
            None => (Vec::new(), Vec::new(), Vec::new()),
        };
        let mut local_names = slots;
        local_names.extend(self.hidden.iter().cloned());
        let (instrs, spans, handlers) = self.b.finish();
        let code = Code {
            name: self.name,
            qualname: self.qualname,
            kind,
            source: self.source,
            span,
            fused: super::fused::fuse(&instrs),
            instrs,
            spans,
            params,
            nlocals: local_names.len() as u16,
            local_names,
            cells,
            frees,
            handlers,
        };
        self.c.codes.push(code);
        CodeId(self.c.codes.len() as u32 - 1)
    }

    /// Compiles a nested function-like scope and emits the instructions that create it:
    /// defaults, keyword defaults, closure, `MakeFunction`.
    fn make_function(&mut self, def: FunctionBody<'_>) -> Result<()> {
        let mut flags = 0;
        let defaults: Vec<&Expr> = def
            .params
            .posonly
            .iter()
            .chain(&def.params.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as u16));
            flags |= super::FN_DEFAULTS;
        }
        let kwdefaults: Vec<(&str, &Expr)> = def
            .params
            .kwonly
            .iter()
            .filter_map(|p| p.default.as_ref().map(|d| (p.name.as_str(), d)))
            .collect();
        if !kwdefaults.is_empty() {
            for (name, d) in &kwdefaults {
                self.constant(Const::Str(name.to_string()));
                self.expr(d)?;
            }
            self.emit(Instr::BuildMap(kwdefaults.len() as u16));
            flags |= super::FN_KWDEFAULTS;
        }
        let key = (self.source.0, def.span, def.tag);
        let frees = self.c.scopes.get(key).frees.clone();
        if !frees.is_empty() {
            for f in &frees {
                match self.binding(f) {
                    Binding::Cell(i) | Binding::Free(i) => self.emit(Instr::LoadClosure(i)),
                    _ => {
                        return Err(Diagnostic::new(
                            format!("internal error: `{f}` is not a cell"),
                            def.span,
                        ));
                    }
                }
            }
            self.emit(Instr::BuildTuple(frees.len() as u16));
            flags |= super::FN_CLOSURE;
        }
        let qualname = if self.scope.is_some() && self.method_of.is_none() {
            format!("{}.<locals>.{}", self.qualname, def.name)
        } else {
            match def.class_name {
                Some(c) => format!("{c}.{}", def.name),
                None => def.name.to_string(),
            }
        };
        let code = compile_function(self.c, self.ns, self.source, key, &qualname, def)?;
        self.emit(Instr::MakeFunction(code, flags));
        Ok(())
    }
}

/// What a function-like scope consists of.
pub struct FunctionBody<'a> {
    pub name: &'a str,
    pub params: &'a Params,
    pub body: BodyKind<'a>,
    pub span: Span,
    pub tag: ScopeTag,
    pub is_async: bool,
    /// For a method: its class (id and name).
    pub class: Option<ClassId>,
    pub class_name: Option<&'a str>,
}

pub enum BodyKind<'a> {
    Stmts(&'a [Stmt]),
    /// A lambda's expression.
    Expr(&'a Expr),
    /// A comprehension (its own expression).
    Comprehension(&'a Expr),
}

impl<'a> FunctionBody<'a> {
    pub fn def(def: &'a FunctionDef, class: Option<(ClassId, &'a str)>) -> FunctionBody<'a> {
        FunctionBody {
            name: &def.name,
            params: &def.params,
            body: BodyKind::Stmts(&def.body),
            span: def.span,
            tag: ScopeTag::Node,
            is_async: def.is_async,
            class: class.map(|c| c.0),
            class_name: class.map(|c| c.1),
        }
    }
}

fn param_spec(c: &mut Compiler, params: &Params) -> ParamSpec {
    let names = params
        .posonly
        .iter()
        .chain(&params.args)
        .chain(&params.kwonly)
        .map(|p| c.syms.intern(&p.name))
        .collect();
    ParamSpec {
        names,
        posonly: params.posonly.len() as u16,
        positional: (params.posonly.len() + params.args.len()) as u16,
        kwonly: params.kwonly.len() as u16,
        vararg: params.vararg.is_some(),
        kwarg: params.kwarg.is_some(),
    }
}

pub fn compile_function(
    c: &mut Compiler,
    ns: Namespace,
    source: SourceId,
    key: ScopeKey,
    qualname: &str,
    def: FunctionBody<'_>,
) -> Result<CodeId> {
    let scope = c.scopes.get(key);
    let kind = match (scope.is_generator, def.is_async || scope.is_async) {
        (true, true) => return Err(Diagnostic::new("asynchronous generators are not supported", def.span)),
        (true, false) => CodeKind::Generator,
        (false, true) => CodeKind::Coroutine,
        (false, false) => CodeKind::Function,
    };
    let params = param_spec(c, def.params);
    let mut g = Gen::new(c, ns, source, Some(key), def.name, qualname, def.span);
    if let (Some(class), Some(first)) = (def.class, def.params.posonly.iter().chain(&def.params.args).next()) {
        g.method_of = Some((class, first.name.clone()));
    }
    g.is_async = kind == CodeKind::Coroutine;
    match def.body {
        BodyKind::Stmts(body) => g.stmts(body)?,
        BodyKind::Expr(e) => {
            g.expr(e)?;
            g.emit(Instr::Return);
        }
        BodyKind::Comprehension(e) => g.comprehension_body(e)?,
    }
    Ok(g.finish(kind, params, def.span))
}

impl Compiler {
    /// The main thread's module code: the library, then the scenario's globals, functions,
    /// classes, objects, and its `main`.
    pub(super) fn generate_init(&mut self, library: &[(SourceId, Vec<Stmt>)], scenario: &Scenario) -> Result<CodeId> {
        let mut modules = Vec::new();
        for (source, body) in library {
            let mut g = Gen::new(
                self,
                Namespace::Library,
                *source,
                None,
                "<module>",
                "<module>",
                Span::default(),
            );
            g.stmts(body).map_err(|d| {
                Diagnostic::new(
                    format!("internal error in the built-in library: {}", d.message),
                    Span::default(),
                )
            })?;
            modules.push(g.finish(CodeKind::Module, ParamSpec::default(), Span::default()));
        }
        let mut g = Gen::new(
            self,
            Namespace::Scenario,
            SCENARIO,
            None,
            "<module>",
            "<module>",
            scenario.main_span,
        );
        for module in modules {
            g.emit(Instr::MakeFunction(module, 0));
            g.emit(Instr::Call(0));
            g.emit(Instr::Pop);
        }
        g.initializing = true;
        for b in &scenario.globals {
            g.at(b.span);
            g.expr(&b.value)?;
            g.store_name(&b.name, b.span)?;
        }
        for f in &scenario.functions {
            g.function_def(f)?;
        }
        for class in &scenario.classes {
            g.class_def(class)?;
        }
        for b in &scenario.objects {
            g.at(b.span);
            g.expr(&b.value)?;
            g.store_name(&b.name, b.span)?;
        }
        g.initializing = false;
        g.stmts(&scenario.main)?;
        let _ = module_key;
        Ok(g.finish(CodeKind::Module, ParamSpec::default(), scenario.main_span))
    }

    /// Each check compiles to a function asserting its expression.
    pub(super) fn generate_checks(&mut self, exprs: &[Expr], kind: &str) -> Result<Vec<Check>> {
        let mut checks = Vec::new();
        for e in exprs {
            let key = (SCENARIO.0, e.span, ScopeTag::Check);
            let text = self.sources[0]
                .text
                .get(e.span.start as usize..e.span.end as usize)
                .unwrap_or("")
                .trim_matches('"')
                .to_string();
            let mut g = Gen::new(self, Namespace::Scenario, SCENARIO, Some(key), kind, kind, e.span);
            g.assert_stmt(e, None, e.span)?;
            let code = g.finish(CodeKind::Function, ParamSpec::default(), e.span);
            checks.push(Check {
                code,
                text,
                span: e.span,
            });
        }
        Ok(checks)
    }
}
