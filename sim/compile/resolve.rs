//! Name resolution at module level: a name is a global of its namespace (the library's or
//! the scenario's), else a built-in (function, class, module, or a library export such as
//! `Timer`). Also folds `module.name` to the constant it denotes and knows the static
//! class of some globals, for checking method calls before the program runs.

use super::Compiler;
use super::program::{ClassId, Const, GlobalId, GlobalKind};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::runtime::natives::{Export, Namespace as Exports, registry};
use crate::runtime::value::Module;
use crate::syntax::Span;
use crate::syntax::ast::{Expr, ExprKind};

/// Which module-level namespace code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Namespace {
    Library = 0,
    Scenario = 1,
}

/// What a module-level name denotes.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Global(GlobalId),
    Constant(Const),
}

impl Compiler {
    pub fn resolve_name(&self, ns: Namespace, name: &str) -> Option<Resolved> {
        if let Some(g) = self.global_index[ns as usize].get(name) {
            return Some(Resolved::Global(*g));
        }
        self.export(Exports::Builtins, name)
    }

    fn export(&self, where_: Exports, name: &str) -> Option<Resolved> {
        Some(match registry().export(where_, name)? {
            Export::Native(n) => Resolved::Constant(Const::Native(n)),
            Export::Class(c) => Resolved::Constant(Const::Class(c)),
            Export::Module(m) => Resolved::Constant(Const::Module(m)),
            Export::Float(f) => Resolved::Constant(Const::Float(f)),
            Export::Library(l) => Resolved::Global(*self.global_index[Namespace::Library as usize].get(l)?),
        })
    }

    /// `module.name` when `module` is an unshadowed built-in module.
    pub fn module_member(&self, ns: Namespace, value: &Expr, attr: &str) -> Option<Resolved> {
        let ExprKind::Name(m) = &value.kind else { return None };
        let Resolved::Constant(Const::Module(module)) = self.resolve_name(ns, m)? else {
            return None;
        };
        self.export(Exports::Module(module), attr)
    }

    /// The error for a name that resolves to nothing, with a suggestion.
    pub fn unknown_name(&self, ns: Namespace, name: &str, span: Span) -> Diagnostic {
        let mut candidates: Vec<&str> = self.global_index[ns as usize].keys().map(String::as_str).collect();
        candidates.extend(registry().names(Exports::Builtins));
        let mut d =
            Diagnostic::new(format!("unknown name `{name}`"), span).with_label("not defined anywhere in the scenario");
        if let Some(s) = did_you_mean(name, candidates.iter().copied().filter(|c| !c.starts_with('_'))) {
            d = d.with_help(format!("did you mean `{s}`?"));
        } else {
            d = d.with_help("declare it under globals:, objects:, functions: or classes:, or assign it in main");
        }
        d
    }

    /// The error for a module member that does not exist.
    pub fn unknown_member(&self, module: Module, attr: &str, span: Span) -> Diagnostic {
        let names = registry().names(Exports::Module(module));
        let mut d = Diagnostic::new(format!("module `{}` has no member `{attr}`", module.name()), span)
            .with_label("not in this module");
        if let Some(s) = did_you_mean(attr, names.iter().copied()) {
            d = d.with_help(format!("did you mean `{}.{s}`?", module.name()));
        }
        d
    }

    /// The constant an expression statically denotes (a built-in, a class, a module member).
    pub fn resolve_expr_constant(&self, ns: Namespace, expr: &Expr) -> Option<Const> {
        let resolved = match &expr.kind {
            ExprKind::Name(n) => self.resolve_name(ns, n)?,
            ExprKind::Attribute { value, attr, .. } => self.module_member(ns, value, attr)?,
            _ => return None,
        };
        match resolved {
            Resolved::Constant(c) => Some(c),
            Resolved::Global(g) => match self.globals[g.index()].kind {
                GlobalKind::Class => self.class_of_global(g).map(Const::Class),
                _ => None,
            },
        }
    }

    fn class_of_global(&self, g: GlobalId) -> Option<ClassId> {
        self.class_of_name.get(&g).copied()
    }

    /// Whether instances of `class` have an attribute or method `name` known statically.
    pub fn class_has(&self, class: ClassId, name: &str) -> bool {
        let Some(s) = self.syms.lookup(name) else { return false };
        self.classes[class.index()]
            .mro
            .iter()
            .any(|c| self.classes[c.index()].member(s).is_some())
    }
}
