//! Scope analysis, as Python's `symtable` does it: for every function-like scope (function,
//! lambda, comprehension), which names are locals, which are cells captured by inner
//! functions, which are free (read from an enclosing function), and which are global.
//!
//! Scopes are found by walking the tree and keyed by their node's span, so code
//! generation can look up the scope of each nested function it meets.

use std::collections::{HashMap, HashSet};

use indexmap::IndexSet;

use crate::syntax::Span;
use crate::syntax::ast::{Arg, CompKind, Expr, ExprKind, FPart, Params, Stmt, StmtKind};

/// How a name is bound in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    Local(u16),
    /// A local captured by an inner function (its slot holds a cell).
    Cell(u16),
    /// Read from an enclosing function (its slot holds the closure's cell).
    Free(u16),
    /// Module-level or built-in.
    Global,
}

#[derive(Debug, Default)]
pub struct Scope {
    pub name: String,
    /// All local slots in order: parameters first.
    pub slots: IndexSet<String>,
    pub cells: HashSet<String>,
    /// Free names in closure order.
    pub frees: Vec<String>,
    pub globals: HashSet<String>,
    pub nonlocals: HashSet<String>,
    pub assigned: IndexSet<String>,
    pub used: IndexSet<String>,
    pub is_generator: bool,
    pub is_async: bool,
    /// The body contains `await` (a comprehension with one is asynchronous).
    pub awaits: bool,
    pub children: Vec<ScopeKey>,
    /// Spans of `nonlocal` declarations, for errors.
    pub nonlocal_spans: Vec<(String, Span)>,
}

impl Scope {
    pub fn binding(&self, name: &str) -> Binding {
        match self.slots.get_index_of(name) {
            Some(i) if self.frees.iter().any(|f| f == name) => Binding::Free(i as u16),
            Some(i) if self.cells.contains(name) => Binding::Cell(i as u16),
            Some(i) => Binding::Local(i as u16),
            None => Binding::Global,
        }
    }

    /// A hidden local for the compiler's own use (never a Python name).
    pub fn hidden(&mut self, name: &str) -> u16 {
        let (i, _) = self.slots.insert_full(name.to_string());
        i as u16
    }
}

/// Identifies a scope by its node: source, span, and what kind of node it is (so that a
/// check wrapping an expression and a comprehension with the same span differ).
pub type ScopeKey = (u32, Span, ScopeTag);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeTag {
    /// A `def`, lambda or comprehension.
    Node,
    /// An `expect`/`invariant` check.
    Check,
    /// Module-level code.
    Module,
}

#[derive(Default)]
pub struct Scopes {
    pub map: HashMap<ScopeKey, Scope>,
}

/// A function-like node: parameters and body.
pub enum Body<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
    /// A comprehension: element(s) and clauses; the first iterable is evaluated outside.
    Comprehension(&'a Expr),
    /// Expressions evaluated at module level outside any statement (initial values,
    /// decorators, defaults): only their nested scopes matter.
    Exprs(Vec<&'a Expr>),
}

impl Scopes {
    /// Analyses a function-like scope and everything nested in it.
    pub fn analyze(&mut self, key: ScopeKey, name: &str, params: Option<&Params>, body: Body<'_>, is_async: bool) {
        let source = key.0;
        let mut scope = Scope {
            name: name.to_string(),
            is_async,
            ..Scope::default()
        };
        let mut walker = Walker {
            source,
            scope: &mut scope,
            scopes: self,
        };
        if let Some(params) = params {
            for p in all_params(params) {
                walker.scope.slots.insert(p.to_string());
                walker.scope.assigned.insert(p.to_string());
            }
        }
        match body {
            Body::Stmts(stmts) => stmts.iter().for_each(|s| walker.stmt(s)),
            Body::Expr(e) => walker.expr(e),
            Body::Comprehension(e) => {
                walker.comprehension_body(e);
                if walker.scope.awaits {
                    walker.scope.is_async = true;
                }
            }
            Body::Exprs(exprs) => exprs.into_iter().for_each(|e| walker.expr(e)),
        }
        for name in scope.assigned.clone() {
            if !scope.globals.contains(&name) && !scope.nonlocals.contains(&name) {
                scope.slots.insert(name);
            }
        }
        self.map.insert(key, scope);
    }

    /// Decides cells and frees for everything nested in a module-level scope (whose own
    /// names are globals, so it encloses nothing).
    pub fn resolve_module(&mut self, key: ScopeKey) {
        for child in self.map[&key].children.clone() {
            self.resolve_in(child, &mut Vec::new());
        }
    }

    /// Decides cells and frees for a module-level function (enclosed by no function).
    pub fn resolve_module_child(&mut self, key: ScopeKey) {
        self.resolve_in(key, &mut Vec::new());
    }

    /// Names a module-level scope assigns (they become globals).
    pub fn assigned(&self, key: ScopeKey) -> impl Iterator<Item = &str> {
        self.map[&key].assigned.iter().map(String::as_str)
    }

    fn resolve_in(&mut self, key: ScopeKey, enclosing: &mut Vec<ScopeKey>) {
        let (used, nonlocals, children): (Vec<String>, Vec<String>, Vec<ScopeKey>) = {
            let s = &self.map[&key];
            (
                s.used.iter().cloned().collect(),
                s.nonlocals.iter().cloned().collect(),
                s.children.clone(),
            )
        };
        for name in used.iter().chain(nonlocals.iter()) {
            let s = &self.map[&key];
            if s.slots.contains(name) || s.globals.contains(name) {
                continue;
            }
            self.capture(key, name, enclosing);
        }
        enclosing.push(key);
        for child in children {
            self.resolve_in(child, enclosing);
        }
        enclosing.pop();
    }

    /// Makes `name` free in `key` if an enclosing function binds it (cell there, free in
    /// every scope between).
    fn capture(&mut self, key: ScopeKey, name: &str, enclosing: &[ScopeKey]) {
        let Some(pos) = enclosing.iter().rposition(|k| {
            let s = &self.map[k];
            (s.slots.contains(name) && !s.frees.iter().any(|f| f == name)) || s.frees.iter().any(|f| f == name)
        }) else {
            return;
        };
        let owner = enclosing[pos];
        if !self.map[&owner].frees.iter().any(|f| f == name) {
            self.map.get_mut(&owner).expect("scope").cells.insert(name.to_string());
        }
        for k in enclosing[pos + 1..].iter().chain(std::iter::once(&key)) {
            let s = self.map.get_mut(k).expect("scope");
            if !s.frees.iter().any(|f| f == name) {
                s.frees.push(name.to_string());
                s.slots.insert(name.to_string());
            }
        }
    }

    pub fn get(&self, key: ScopeKey) -> &Scope {
        &self.map[&key]
    }
}

pub fn all_params(params: &Params) -> impl Iterator<Item = &str> {
    params
        .posonly
        .iter()
        .chain(&params.args)
        .chain(&params.kwonly)
        .chain(params.vararg.iter())
        .chain(params.kwarg.iter())
        .map(|p| p.name.as_str())
}

struct Walker<'a> {
    source: u32,
    scope: &'a mut Scope,
    scopes: &'a mut Scopes,
}

impl Walker<'_> {
    fn stmts(&mut self, stmts: &[Stmt]) {
        stmts.iter().for_each(|s| self.stmt(s));
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                targets.iter().for_each(|t| self.target(t));
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                if let ExprKind::Name(n) = &target.kind {
                    self.scope.used.insert(n.clone());
                }
                self.target(target);
            }
            StmtKind::If { branches, orelse } => {
                for (cond, body) in branches {
                    self.expr(cond);
                    self.stmts(body);
                }
                self.stmts(orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter);
                self.target(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(ty) = &h.ty {
                        self.expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.scope.assigned.insert(n.clone());
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.expr(&item.context);
                    if let Some(t) = &item.target {
                        self.target(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::FunctionDef(def) => {
                def.decorators.iter().for_each(|d| self.expr(d));
                self.defaults(&def.params);
                self.scope.assigned.insert(def.name.clone());
                let key = (self.source, def.span, ScopeTag::Node);
                self.scope.children.push(key);
                self.scopes
                    .analyze(key, &def.name, Some(&def.params), Body::Stmts(&def.body), def.is_async);
            }
            StmtKind::ClassDef(class) => {
                class.bases.iter().for_each(|b| self.expr(b));
                self.scope.assigned.insert(class.name.clone());
            }
            StmtKind::Return(e) => {
                if let Some(e) = e {
                    self.expr(e);
                }
            }
            StmtKind::Raise { exc, cause } => {
                exc.iter().chain(cause.iter()).for_each(|e| self.expr(e));
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Delete(targets) => targets.iter().for_each(|t| self.target(t)),
            StmtKind::Global(names) => {
                for n in names {
                    self.scope.globals.insert(n.clone());
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    self.scope.nonlocals.insert(n.clone());
                    self.scope.nonlocal_spans.push((n.clone(), s.span));
                }
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
        }
    }

    fn defaults(&mut self, params: &Params) {
        for p in params.posonly.iter().chain(&params.args).chain(&params.kwonly) {
            if let Some(d) = &p.default {
                self.expr(d);
            }
        }
    }

    fn target(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Name(n) => {
                self.scope.assigned.insert(n.clone());
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| self.target(i)),
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::None | ExprKind::Bool(_) | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => {}
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::Name(n) => {
                self.scope.used.insert(n.clone());
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index);
            }
            ExprKind::Slice { lower, upper, step } => {
                lower
                    .iter()
                    .chain(upper.iter())
                    .chain(step.iter())
                    .for_each(|x| self.expr(x));
            }
            ExprKind::Call { func, args } => {
                self.expr(func);
                for a in args {
                    match a {
                        Arg::Positional(x) | Arg::Star(x) | Arg::Keyword(_, _, x) | Arg::StarStar(x) => self.expr(x),
                    }
                }
            }
            ExprKind::Unary { operand, .. } => self.expr(operand),
            ExprKind::Binary { left, right, .. } => {
                self.expr(left);
                self.expr(right);
            }
            ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| self.expr(v)),
            ExprKind::Compare { left, ops } => {
                self.expr(left);
                ops.iter().for_each(|(_, x)| self.expr(x));
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => {
                items.iter().for_each(|i| self.expr(i))
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k);
                    }
                    self.expr(v);
                }
            }
            ExprKind::Starred(inner) => self.expr(inner),
            ExprKind::Comprehension { generators, .. } => {
                if let Some(first) = generators.first() {
                    self.expr(&first.iter);
                }
                let key = (self.source, e.span, ScopeTag::Node);
                self.scope.children.push(key);
                self.scopes
                    .analyze(key, comprehension_name(e), None, Body::Comprehension(e), false);
            }
            ExprKind::Lambda { params, body } => {
                self.defaults(params);
                let key = (self.source, e.span, ScopeTag::Node);
                self.scope.children.push(key);
                self.scopes
                    .analyze(key, "<lambda>", Some(params), Body::Expr(body), false);
            }
            ExprKind::Yield(v) => {
                self.scope.is_generator = true;
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.scope.is_generator = true;
                self.expr(v);
            }
            ExprKind::Await(v) => {
                self.scope.awaits = true;
                self.expr(v)
            }
        }
    }

    fn fparts(&mut self, parts: &[FPart]) {
        for p in parts {
            if let FPart::Field { expr, spec, .. } = p {
                self.expr(expr);
                self.fparts(spec);
            }
        }
    }

    /// Inside a comprehension's own scope: the hidden iterator parameter, targets, the
    /// later iterables, conditions and the element.
    fn comprehension_body(&mut self, e: &Expr) {
        let ExprKind::Comprehension {
            kind,
            elt,
            value,
            generators,
        } = &e.kind
        else {
            return;
        };
        self.scope.slots.insert(".0".into());
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter);
            }
            self.target(&g.target);
            g.ifs.iter().for_each(|c| self.expr(c));
            if g.is_async {
                self.scope.is_async = true;
            }
        }
        self.expr(elt);
        if let Some(v) = value {
            self.expr(v);
        }
        if *kind == CompKind::Generator {
            self.scope.is_generator = true;
        }
    }
}

pub fn comprehension_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Comprehension {
            kind: CompKind::List, ..
        } => "<listcomp>",
        ExprKind::Comprehension {
            kind: CompKind::Set, ..
        } => "<setcomp>",
        ExprKind::Comprehension {
            kind: CompKind::Dict, ..
        } => "<dictcomp>",
        _ => "<genexpr>",
    }
}
