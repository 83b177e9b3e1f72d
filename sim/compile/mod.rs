//! Compiling a scenario (and the built-in library written in Python) into a [`Program`]:
//! names resolved to slots, classes laid out, every function turned into bytecode, and the
//! visibility of each global decided.
//!
//! Errors point at the scenario file with what was expected. The library is compiled with
//! every scenario; an error in it is a bug in sim, reported as such.

mod builder;
mod codegen;
mod disassemble;
pub mod fused;
mod instr;
mod program;
mod resolve;
mod scope;

use std::collections::{HashMap, HashSet};

pub use disassemble::disassemble;
pub use instr::{FN_CLOSURE, FN_DEFAULTS, FN_KWDEFAULTS, Instr};
pub use program::*;
use resolve::Namespace;
use scope::{Body, ScopeTag, Scopes};

use crate::diagnostic::Diagnostic;
use crate::runtime::classes as builtin;
use crate::runtime::natives::registry;
use crate::scenario::Scenario;
use crate::syntax::ast::{ClassDef, Expr, ExprKind, Stmt, StmtKind};
use crate::syntax::{self, Span, TextOrigin};

/// Attribute names the runtime refers to, interned first so their symbols are constants.
pub mod sym {
    use super::Sym;
    pub const INIT: Sym = Sym(0);
    pub const ENTER: Sym = Sym(1);
    pub const EXIT: Sym = Sym(2);
    pub const AENTER: Sym = Sym(3);
    pub const AEXIT: Sym = Sym(4);
    pub const AWAIT: Sym = Sym(5);
    pub const NAMES: &[&str] = &[
        "__init__",
        "__enter__",
        "__exit__",
        "__aenter__",
        "__aexit__",
        "__await__",
    ];
}

/// The library's Python sources, compiled with every scenario.
const LIBRARY: &[(&str, &str)] = &[
    ("<sim>/threading.py", include_str!("../library/threading.py")),
    (BUILTINS, include_str!("../library/builtins.py")),
    ("<sim>/asyncio.py", include_str!("../library/asyncio.py")),
];

/// The library source that stands for CPython's built-ins written in C (`sorted`,
/// `list.sort` beyond what is done natively, ...): tracebacks leave its frames out, as
/// CPython's have no frames for them.
pub const BUILTINS: &str = "<sim>/builtins.py";

/// The scenario file is always source 0.
pub const SCENARIO: SourceId = SourceId(0);

/// Compiles `scenario`, loaded from `text` (named `file` in messages).
pub fn compile(scenario: &Scenario, file: &str, text: &str) -> Result<Program, Diagnostic> {
    let mut c = Compiler::new(file, text);
    let library = c.parse_library()?;
    for (source, body) in &library {
        c.declare_module(*source, body, Namespace::Library)?;
    }
    c.declare_scenario(scenario)?;
    c.analyze(&library, scenario);
    c.decide_visibility(scenario);
    let init = c
        .generate_init(&library, scenario)
        .map_err(|e| c.locate_library_error(e))?;
    let expects = c.generate_checks(&scenario.expect, "expect")?;
    let invariants = c.generate_checks(&scenario.invariants, "invariant")?;
    Ok(c.finish(scenario, init, expects, invariants))
}

pub struct Compiler {
    pub sources: Vec<Source>,
    pub codes: Vec<Code>,
    pub consts: Vec<Const>,
    const_index: HashMap<String, ConstId>,
    pub syms: Symbols,
    pub mutable_attrs: HashSet<Sym>,
    pub globals: Vec<GlobalInfo>,
    pub global_index: [HashMap<String, GlobalId>; 2],
    pub classes: Vec<ClassInfo>,
    /// Class of each `class` statement, by source and span.
    pub class_of: HashMap<(u32, Span), ClassId>,
    /// The class each class-defining global names.
    pub class_of_name: HashMap<GlobalId, ClassId>,
    pub scopes: Scopes,
    pub asserts: Vec<AssertInfo>,
    /// Per global: referenced from a function (another thread may reach it).
    escapes: Vec<bool>,
    /// Per global: assigned after the program starts.
    stored: Vec<bool>,
    /// Statically known classes of some globals (objects, single assignments in main).
    pub known_types: HashMap<GlobalId, ClassId>,
}

impl Compiler {
    fn new(file: &str, text: &str) -> Compiler {
        let mut syms = Symbols::default();
        for name in sym::NAMES {
            syms.intern(name);
        }
        let mut c = Compiler {
            sources: vec![Source {
                name: file.to_string(),
                text: text.to_string(),
            }],
            codes: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            syms,
            mutable_attrs: HashSet::new(),
            globals: Vec::new(),
            global_index: [HashMap::new(), HashMap::new()],
            classes: Vec::new(),
            class_of: HashMap::new(),
            class_of_name: HashMap::new(),
            scopes: Scopes::default(),
            asserts: Vec::new(),
            escapes: Vec::new(),
            stored: Vec::new(),
            known_types: HashMap::new(),
        };
        c.add_builtin_classes();
        c
    }

    fn add_builtin_classes(&mut self) {
        let reg = registry();
        for (i, (name, module, base)) in builtin::BUILTIN.iter().enumerate() {
            let id = ClassId(i as u32);
            let mut mro = vec![id];
            let mut b = *base;
            while let Some(c) = b {
                mro.push(c);
                b = builtin::BUILTIN[c.index()].2;
            }
            let mut bases: Vec<ClassId> = base.iter().copied().collect();
            if id == builtin::EXCEPTION_GROUP {
                // ExceptionGroup(BaseExceptionGroup, Exception).
                mro = vec![
                    id,
                    builtin::BASE_EXCEPTION_GROUP,
                    builtin::EXCEPTION,
                    builtin::BASE_EXCEPTION,
                    builtin::OBJECT,
                ];
                bases.push(builtin::EXCEPTION);
            }
            let members = reg
                .methods_of(id)
                .iter()
                .map(|(n, native)| (self.syms.intern(n), Member::Native(*native)))
                .collect();
            self.classes.push(ClassInfo {
                name: name.to_string(),
                module: module.to_string(),
                bases,
                mro,
                members,
                python: false,
                span: Span::default(),
            });
        }
    }

    fn parse_library(&mut self) -> Result<Vec<(SourceId, Vec<Stmt>)>, Diagnostic> {
        let mut modules = Vec::new();
        for (name, text) in LIBRARY {
            let source = SourceId(self.sources.len() as u32);
            self.sources.push(Source {
                name: name.to_string(),
                text: text.to_string(),
            });
            let body = syntax::parse_module(text, TextOrigin::at(0)).map_err(|e| library_bug(name, &e.message))?;
            modules.push((source, body));
        }
        Ok(modules)
    }

    fn locate_library_error(&self, d: Diagnostic) -> Diagnostic {
        d
    }

    pub fn intern_const(&mut self, c: Const) -> ConstId {
        let key = format!("{c:?}");
        if let Some(id) = self.const_index.get(&key) {
            return *id;
        }
        let id = ConstId(self.consts.len() as u32);
        self.consts.push(c);
        self.const_index.insert(key, id);
        id
    }

    pub fn declare_global(&mut self, ns: Namespace, name: &str, kind: GlobalKind, span: Span) -> GlobalId {
        if let Some(g) = self.global_index[ns as usize].get(name) {
            return *g;
        }
        let id = GlobalId(self.globals.len() as u32);
        self.globals.push(GlobalInfo {
            name: name.to_string(),
            kind,
            shared: false,
            escapes: false,
            library: ns == Namespace::Library,
            span,
        });
        self.escapes.push(false);
        self.stored.push(false);
        self.global_index[ns as usize].insert(name.to_string(), id);
        id
    }

    /// Declares the module-level names of a body (functions, classes, assigned names).
    fn declare_module(&mut self, source: SourceId, body: &[Stmt], ns: Namespace) -> Result<(), Diagnostic> {
        for stmt in body {
            match &stmt.kind {
                StmtKind::FunctionDef(def) => {
                    self.declare_global(ns, &def.name, GlobalKind::Function, def.name_span);
                }
                StmtKind::ClassDef(class) => {
                    self.declare_class(source, class, ns)?;
                }
                _ => {}
            }
        }
        if ns == Namespace::Library {
            self.declare_library_members(body);
        }
        let key = module_key(source);
        self.scopes.analyze(key, "<module>", None, Body::Stmts(body), false);
        let assigned: Vec<String> = self.scopes.assigned(key).map(str::to_string).collect();
        for name in assigned {
            self.declare_global(ns, &name, GlobalKind::Variable, Span::default());
        }
        Ok(())
    }

    fn declare_class(&mut self, source: SourceId, class: &ClassDef, ns: Namespace) -> Result<ClassId, Diagnostic> {
        let mut bases = Vec::new();
        for base in &class.bases {
            match self.static_class(ns, base) {
                Some(c) => bases.push(c),
                None => {
                    return Err(Diagnostic::new(
                        "a base class must be a built-in class or one declared under classes: before it",
                        base.span,
                    )
                    .with_label("expected a class"));
                }
            }
        }
        if bases.is_empty() {
            bases.push(builtin::OBJECT);
        }
        if let Some((base, expr)) = bases
            .iter()
            .zip(&class.bases)
            .find(|(b, _)| builtin::is_value_type(**b))
        {
            let name = &self.classes[base.index()].name;
            return Err(
                Diagnostic::new(format!("sim cannot subclass the built-in type `{name}`"), expr.span)
                    .with_label("not supported as a base class")
                    .with_help("hold a value of that type in an attribute instead"),
            );
        }
        let id = ClassId(self.classes.len() as u32);
        let mro = self.linearize(id, &bases).ok_or_else(|| {
            Diagnostic::new(
                format!(
                    "cannot create a consistent method resolution order for `{}`",
                    class.name
                ),
                class.name_span,
            )
        })?;
        let members = class
            .body
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::FunctionDef(def) => Some(def.name.clone()),
                StmtKind::Assign { targets, .. } => match &targets[0].kind {
                    ExprKind::Name(n) => Some(n.clone()),
                    _ => None,
                },
                _ => None,
            })
            .map(|n| (self.syms.intern(&n), Member::Runtime))
            .collect();
        // A library class may give itself the name and module CPython's has
        // (`__qualname__ = "Event"`, `__module__ = "asyncio.locks"`), so that it does not
        // clash with another library name.
        let declared = |key: &str| {
            class.body.iter().find_map(|s| match &s.kind {
                StmtKind::Assign { targets, value } => match (&targets[0].kind, &value.kind) {
                    (ExprKind::Name(n), ExprKind::Str(text)) if n == key => Some(text.clone()),
                    _ => None,
                },
                _ => None,
            })
        };
        let library = ns == Namespace::Library;
        self.classes.push(ClassInfo {
            name: declared("__qualname__")
                .filter(|_| library)
                .unwrap_or_else(|| class.name.clone()),
            module: match declared("__module__").filter(|_| library) {
                Some(m) => m,
                None if library => "threading".into(),
                None => "__main__".into(),
            },
            bases,
            mro,
            members,
            python: true,
            span: class.name_span,
        });
        self.class_of.insert((source.0, class.span), id);
        let g = self.declare_global(ns, &class.name, GlobalKind::Class, class.name_span);
        self.class_of_name.insert(g, id);
        self.known_types.insert(g, builtin::TYPE);
        Ok(id)
    }

    /// `Class.method = function` at the library's module level adds a method to a class
    /// (a built-in one, such as `Barrier.wait`).
    fn declare_library_members(&mut self, body: &[Stmt]) {
        for stmt in body {
            let StmtKind::Assign { targets, .. } = &stmt.kind else {
                continue;
            };
            let ExprKind::Attribute { value, attr, .. } = &targets[0].kind else {
                continue;
            };
            if let Some(class) = self.static_class(Namespace::Library, value) {
                let s = self.syms.intern(attr);
                self.classes[class.index()].members.push((s, Member::Runtime));
            }
        }
    }

    /// C3 linearisation of a new class with `bases`.
    fn linearize(&self, id: ClassId, bases: &[ClassId]) -> Option<Vec<ClassId>> {
        let mut seqs: Vec<Vec<ClassId>> = bases.iter().map(|b| self.classes[b.index()].mro.clone()).collect();
        seqs.push(bases.to_vec());
        let mut out = vec![id];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Some(out);
            }
            let head = seqs
                .iter()
                .map(|s| s[0])
                .find(|h| !seqs.iter().any(|s| s[1..].contains(h)))?;
            out.push(head);
            for s in &mut seqs {
                if s[0] == head {
                    s.remove(0);
                }
            }
        }
    }

    fn declare_scenario(&mut self, scenario: &Scenario) -> Result<(), Diagnostic> {
        let ns = Namespace::Scenario;
        for b in &scenario.globals {
            self.declare_global(ns, &b.name, GlobalKind::Variable, b.span);
        }
        for f in &scenario.functions {
            self.declare_unique(&f.name, f.name_span, GlobalKind::Function)?;
        }
        for class in &scenario.classes {
            if self.global_index[ns as usize].contains_key(&class.name) {
                return Err(Diagnostic::new(
                    format!("`{}` is declared twice", class.name),
                    class.name_span,
                ));
            }
            self.declare_class(SCENARIO, class, ns)?;
        }
        for b in &scenario.objects {
            let g = self.declare_unique(&b.name, b.span, GlobalKind::Object)?;
            if let Some(c) = self.constructed_class(ns, &b.value) {
                self.known_types.insert(g, c);
            }
        }
        let key = module_key(SCENARIO);
        self.scopes
            .analyze(key, "<module>", None, Body::Stmts(&scenario.main), false);
        let assigned: Vec<String> = self.scopes.assigned(key).map(str::to_string).collect();
        for name in assigned {
            self.declare_global(ns, &name, GlobalKind::Variable, Span::default());
        }
        Ok(())
    }

    fn declare_unique(&mut self, name: &str, span: Span, kind: GlobalKind) -> Result<GlobalId, Diagnostic> {
        if self.global_index[Namespace::Scenario as usize].contains_key(name) {
            return Err(Diagnostic::new(format!("`{name}` is declared twice"), span).with_label("already declared"));
        }
        Ok(self.declare_global(Namespace::Scenario, name, kind, span))
    }

    /// The class `expr` statically names (a built-in class or a declared class).
    pub fn static_class(&self, ns: Namespace, expr: &Expr) -> Option<ClassId> {
        match self.resolve_expr_constant(ns, expr)? {
            Const::Class(c) => Some(c),
            _ => None,
        }
    }

    /// The class an expression `Class(...)` constructs, when statically known.
    pub fn constructed_class(&self, ns: Namespace, expr: &Expr) -> Option<ClassId> {
        match &expr.kind {
            ExprKind::Call { func, .. } => self.static_class(ns, func),
            _ => None,
        }
    }

    /// Scope analysis of every function-like scope.
    fn analyze(&mut self, library: &[(SourceId, Vec<Stmt>)], scenario: &Scenario) {
        for (source, body) in library {
            for stmt in body {
                self.analyze_definitions(source.0, stmt);
            }
            self.scopes.resolve_module(module_key(*source));
        }
        for f in &scenario.functions {
            let key = (SCENARIO.0, f.span, ScopeTag::Node);
            self.scopes
                .analyze(key, &f.name, Some(&f.params), Body::Stmts(&f.body), f.is_async);
            self.scopes.resolve_module_child(key);
        }
        for class in &scenario.classes {
            for stmt in &class.body {
                if let StmtKind::FunctionDef(def) = &stmt.kind {
                    let key = (SCENARIO.0, def.span, ScopeTag::Node);
                    self.scopes
                        .analyze(key, &def.name, Some(&def.params), Body::Stmts(&def.body), def.is_async);
                    self.scopes.resolve_module_child(key);
                }
            }
        }
        let init_key = (SCENARIO.0, Span::new(u32::MAX - 1, u32::MAX - 1), ScopeTag::Module);
        self.scopes.analyze(
            init_key,
            "<init>",
            None,
            Body::Exprs(initial_expressions(scenario)),
            false,
        );
        self.scopes.resolve_module(init_key);
        for check in scenario.expect.iter().chain(&scenario.invariants) {
            let key = (SCENARIO.0, check.span, ScopeTag::Check);
            self.scopes.analyze(key, "<check>", None, Body::Expr(check), false);
            self.scopes.resolve_module_child(key);
        }
        self.scopes.resolve_module(module_key(SCENARIO));
    }

    /// Class bodies of the library are not walked by the module analysis: their methods are.
    fn analyze_definitions(&mut self, source: u32, stmt: &Stmt) {
        if let StmtKind::ClassDef(class) = &stmt.kind {
            for member in &class.body {
                if let StmtKind::FunctionDef(def) = &member.kind {
                    let key = (source, def.span, ScopeTag::Node);
                    self.scopes
                        .analyze(key, &def.name, Some(&def.params), Body::Stmts(&def.body), def.is_async);
                    self.scopes.resolve_module_child(key);
                }
            }
        }
    }

    /// Decides which globals are shared (their loads and stores are visible steps): those
    /// reached from a function, and stored after the program starts.
    fn decide_visibility(&mut self, scenario: &Scenario) {
        let mut stored_by_function = vec![false; self.globals.len()];
        let keys: Vec<scope::ScopeKey> = self.scopes.map.keys().copied().collect();
        for key in keys {
            let ns = if key.0 == SCENARIO.0 {
                Namespace::Scenario
            } else {
                Namespace::Library
            };
            let s = self.scopes.get(key);
            let module = key.2 == ScopeTag::Module;
            let globals_here: Vec<(String, bool)> = s
                .used
                .iter()
                .map(|n| (n.clone(), false))
                .chain(s.assigned.iter().map(|n| (n.clone(), true)))
                .filter(|(n, _)| module || s.binding(n) == scope::Binding::Global)
                .collect();
            for (name, store) in globals_here {
                let Some(g) = self.global_index[ns as usize].get(&name).copied() else {
                    continue;
                };
                if !module {
                    self.escapes[g.index()] = true;
                }
                if store && ns == Namespace::Scenario {
                    self.stored[g.index()] = true;
                    stored_by_function[g.index()] |= !module;
                }
            }
        }
        for (g, info) in self.globals.iter_mut().enumerate() {
            info.escapes = self.escapes[g] || info.library;
            info.shared = info.kind == GlobalKind::Variable && self.escapes[g] && self.stored[g] && !info.library;
        }
        for (name, value) in single_assignments(&scenario.main) {
            let Some(g) = self.global_index[Namespace::Scenario as usize].get(&name).copied() else {
                continue;
            };
            if stored_by_function[g.index()] || self.globals[g.index()].kind != GlobalKind::Variable {
                continue;
            }
            if let Some(class) = self.constructed_class(Namespace::Scenario, value) {
                self.known_types.entry(g).or_insert(class);
            }
        }
    }

    fn finish(self, scenario: &Scenario, init: CodeId, expects: Vec<Check>, invariants: Vec<Check>) -> Program {
        let mut mutable_attrs = vec![false; self.syms.len()];
        for s in &self.mutable_attrs {
            mutable_attrs[s.index()] = true;
        }
        let library: HashMap<String, GlobalId> = self.global_index[Namespace::Library as usize].clone();
        let bootstrap = library["_bootstrap"];
        let mut code_base = vec![0u32];
        for code in &self.codes {
            code_base.push(code_base.last().copied().unwrap_or(0) + code.instrs.len() as u32);
        }
        Program {
            name: scenario.name.clone(),
            sources: self.sources,
            codes: self.codes,
            consts: self.consts,
            syms: self.syms,
            mutable_attrs,
            globals: self.globals,
            classes: self.classes,
            init,
            expects,
            invariants,
            asserts: self.asserts,
            max_steps: scenario.max_steps,
            check: scenario.check.clone(),
            library,
            bootstrap,
            code_base,
        }
    }
}

/// Names `main` binds exactly once, by a top-level `name = value`, with that value.
fn single_assignments(main: &[Stmt]) -> Vec<(String, &Expr)> {
    fn count(stmts: &[Stmt], counts: &mut HashMap<String, usize>) {
        for s in stmts {
            let targets: Vec<&Expr> = match &s.kind {
                StmtKind::Assign { targets, .. } => targets.iter().collect(),
                StmtKind::AugAssign { target, .. } | StmtKind::For { target, .. } => vec![target],
                StmtKind::Delete(targets) => targets.iter().collect(),
                _ => Vec::new(),
            };
            for t in targets {
                bound_names(t, counts);
            }
            match &s.kind {
                StmtKind::FunctionDef(def) => *counts.entry(def.name.clone()).or_default() += 2,
                StmtKind::If { branches, orelse } => {
                    branches.iter().for_each(|(_, b)| count(b, counts));
                    count(orelse, counts);
                }
                StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                    count(body, counts);
                    count(orelse, counts);
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } => {
                    count(body, counts);
                    for h in handlers {
                        if let Some(n) = &h.name {
                            *counts.entry(n.clone()).or_default() += 2;
                        }
                        count(&h.body, counts);
                    }
                    count(orelse, counts);
                    count(finalbody, counts);
                }
                StmtKind::With { items, body, .. } => {
                    items
                        .iter()
                        .filter_map(|i| i.target.as_ref())
                        .for_each(|t| bound_names(t, counts));
                    count(body, counts);
                }
                _ => {}
            }
        }
    }
    fn bound_names(t: &Expr, counts: &mut HashMap<String, usize>) {
        match &t.kind {
            ExprKind::Name(n) => *counts.entry(n.clone()).or_default() += 1,
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| bound_names(i, counts)),
            ExprKind::Starred(inner) => bound_names(inner, counts),
            _ => {}
        }
    }
    let mut counts = HashMap::new();
    count(main, &mut counts);
    main.iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 => match &targets[0].kind {
                ExprKind::Name(n) if counts.get(n) == Some(&1) => Some((n.clone(), value)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Expressions the scenario evaluates at module level outside `main`: initial values of
/// globals and objects, decorators and defaults of functions and methods, class attributes.
fn initial_expressions(scenario: &Scenario) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = scenario
        .globals
        .iter()
        .chain(&scenario.objects)
        .map(|b| &b.value)
        .collect();
    let defs = scenario.functions.iter().chain(scenario.classes.iter().flat_map(|c| {
        c.body.iter().filter_map(|s| match &s.kind {
            StmtKind::FunctionDef(def) => Some(def.as_ref()),
            _ => None,
        })
    }));
    for def in defs {
        out.extend(&def.decorators);
        let params = &def.params;
        out.extend(
            params
                .posonly
                .iter()
                .chain(&params.args)
                .chain(&params.kwonly)
                .filter_map(|p| p.default.as_ref()),
        );
    }
    for class in &scenario.classes {
        for s in &class.body {
            if let StmtKind::Assign { value, .. } = &s.kind {
                out.push(value);
            }
        }
    }
    out
}

pub fn module_key(source: SourceId) -> scope::ScopeKey {
    (source.0, Span::new(u32::MAX, u32::MAX), ScopeTag::Module)
}

fn library_bug(file: &str, message: &str) -> Diagnostic {
    Diagnostic::new(
        format!("internal error: the built-in library {file} does not compile: {message}"),
        Span::default(),
    )
}
