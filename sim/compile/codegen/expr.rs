//! Expressions: constants, names, operators with short-circuits and comparison chains,
//! calls (method calls without allocating bound methods), displays, comprehensions as
//! nested functions, f-strings, `yield` and `await`.

use super::{BodyKind, FunctionBody, Gen, Result};
use crate::compile::resolve::Resolved;
use crate::compile::scope::ScopeTag;
use crate::compile::{ClassId, Const, GlobalKind, Instr, Member};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::runtime::classes as builtin;
use crate::runtime::natives::registry;
use crate::syntax::Span;
use crate::syntax::ast::{Arg, CompKind, Expr, ExprKind, FPart, Param, Params};

impl Gen<'_> {
    pub fn expr(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::None => self.none(),
            ExprKind::Bool(b) => self.constant(Const::Bool(*b)),
            ExprKind::Int(i) => self.constant(Const::Int(*i)),
            ExprKind::Float(f) => self.constant(Const::Float(*f)),
            ExprKind::Str(s) => self.constant(Const::Str(s.clone())),
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Name(n) => self.load_name(n, e.span)?,
            ExprKind::Attribute { value, attr, attr_span } => {
                if let Some(r) = self.module_member(value, attr, *attr_span)? {
                    self.resolved(r);
                } else {
                    self.expr(value)?;
                    let s = self.c.syms.intern(attr);
                    self.at(e.span);
                    self.emit(Instr::LoadAttr(s));
                }
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.at(e.span);
                self.emit(Instr::LoadSubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.none(),
                    }
                }
                self.emit(Instr::BuildSlice);
            }
            ExprKind::Call { func, args } => self.call(func, args, e.span)?,
            ExprKind::Unary { op, operand } => {
                self.expr(operand)?;
                self.emit(Instr::Unary(*op));
            }
            ExprKind::Binary { op, left, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.at(e.span);
                self.emit(Instr::Binary(*op));
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.b.label();
                let jump = match op {
                    crate::syntax::ast::BoolOpKind::And => Instr::JumpIfFalseOrPop,
                    crate::syntax::ast::BoolOpKind::Or => Instr::JumpIfTrueOrPop,
                };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.b.emit_jump(jump, end);
                    }
                }
                self.b.place(end);
            }
            ExprKind::Compare { left, ops } => self.compare(left, ops, e.span)?,
            ExprKind::IfExp { test, body, orelse } => {
                let (otherwise, end) = (self.b.label(), self.b.label());
                self.expr(test)?;
                self.b.emit_jump(Instr::PopJumpIfFalse, otherwise);
                self.expr(body)?;
                self.b.emit_jump(Instr::Jump, end);
                self.b.place(otherwise);
                self.expr(orelse)?;
                self.b.place(end);
            }
            ExprKind::Tuple(items) => self.display(items, Display::Tuple)?,
            ExprKind::List(items) => self.display(items, Display::List)?,
            ExprKind::Set(items) => self.display(items, Display::Set)?,
            ExprKind::Dict(items) => self.dict(items)?,
            ExprKind::Starred(_) => {
                return Err(Diagnostic::new("can't use starred expression here", e.span));
            }
            ExprKind::Comprehension { generators, .. } => {
                let params = Params {
                    args: vec![Param {
                        name: ".0".into(),
                        span: e.span,
                        default: None,
                        annotation: None,
                    }],
                    ..Params::default()
                };
                self.make_function(FunctionBody {
                    name: crate::compile::scope::comprehension_name(e),
                    params: &params,
                    body: BodyKind::Comprehension(e),
                    span: e.span,
                    tag: ScopeTag::Node,
                    is_async: false,
                    class: None,
                    class_name: None,
                })?;
                self.expr(&generators[0].iter)?;
                self.emit(Instr::GetIter);
                self.emit(Instr::Call(1));
                if self.c.scopes.get((self.source.0, e.span, ScopeTag::Node)).is_async {
                    // An asynchronous comprehension: its function is a coroutine, awaited.
                    self.require_async("asynchronous comprehension", e.span)?;
                    self.await_top();
                }
            }
            ExprKind::Lambda { params, body } => {
                self.make_function(FunctionBody {
                    name: "<lambda>",
                    params,
                    body: BodyKind::Expr(body),
                    span: e.span,
                    tag: ScopeTag::Node,
                    is_async: false,
                    class: None,
                    class_name: None,
                })?;
            }
            ExprKind::Yield(v) => {
                self.require_function("yield", e.span)?;
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.none(),
                }
                self.emit(Instr::Yield);
            }
            ExprKind::YieldFrom(v) => {
                self.require_function("yield from", e.span)?;
                self.expr(v)?;
                self.emit(Instr::GetYieldFromIter);
                self.none();
                self.emit(Instr::YieldFrom);
            }
            ExprKind::Await(v) => {
                self.require_async("await", e.span)?;
                self.expr(v)?;
                self.await_top();
            }
        }
        self.capture(e);
        Ok(())
    }

    /// `what` (`await`, `async with`) belongs in an `async def` body.
    pub fn require_async(&self, what: &str, span: Span) -> Result<()> {
        self.require_function(what, span)?;
        if self.is_async {
            return Ok(());
        }
        Err(Diagnostic::new(format!("'{what}' outside async function"), span)
            .with_help("declare the function with `async`: \"async name(params)\""))
    }

    fn require_function(&self, what: &str, span: Span) -> Result<()> {
        match self.scope {
            None => Err(Diagnostic::new(format!("'{what}' outside function"), span)),
            Some((_, _, ScopeTag::Check)) => Err(Diagnostic::new(format!("'{what}' in a check"), span)
                .with_help("`expect` and `invariants` are conditions evaluated at once; they cannot suspend")),
            Some(_) => Ok(()),
        }
    }

    fn resolved(&mut self, r: Resolved) {
        match r {
            Resolved::Global(g) => {
                let shared = self.c.globals[g.index()].shared;
                self.emit(if shared {
                    Instr::LoadShared(g)
                } else {
                    Instr::LoadGlobal(g)
                });
            }
            Resolved::Constant(k) => self.constant(k),
        }
    }

    /// `module.name` for a built-in module, or an error if the module has no such member.
    fn module_member(&mut self, value: &Expr, attr: &str, attr_span: Span) -> Result<Option<Resolved>> {
        let ExprKind::Name(m) = &value.kind else {
            return Ok(None);
        };
        if !matches!(self.binding(m), crate::compile::scope::Binding::Global) {
            return Ok(None);
        }
        let Some(Resolved::Constant(Const::Module(module))) = self.c.resolve_name(self.ns, m) else {
            return Ok(None);
        };
        match self.c.module_member(self.ns, value, attr) {
            Some(r) => Ok(Some(r)),
            None => Err(self.c.unknown_member(module, attr, attr_span)),
        }
    }

    fn fstring(&mut self, parts: &[FPart]) -> Result<()> {
        let mut n = 0;
        for part in parts {
            match part {
                FPart::Literal(text) => self.constant(Const::Str(text.clone())),
                FPart::Field {
                    expr,
                    conversion,
                    spec,
                    debug_text,
                } => {
                    if let Some(text) = debug_text {
                        self.constant(Const::Str(text.clone()));
                        n += 1;
                    }
                    self.expr(expr)?;
                    let conversion = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        None if debug_text.is_some() && spec.is_empty() => 2,
                        _ => 0,
                    };
                    if !spec.is_empty() {
                        self.fstring(spec)?;
                    }
                    self.emit(Instr::FormatValue(conversion, !spec.is_empty()));
                }
            }
            n += 1;
        }
        if n != 1 {
            self.emit(Instr::BuildString(n as u16));
        } else if matches!(parts.first(), Some(FPart::Literal(_))) {
            self.emit(Instr::BuildString(1));
        }
        Ok(())
    }

    fn compare(&mut self, left: &Expr, ops: &[(crate::syntax::ast::CmpOp, Expr)], span: Span) -> Result<()> {
        self.expr(left)?;
        let cleanup = self.b.label();
        let end = self.b.label();
        for (i, (op, right)) in ops.iter().enumerate() {
            self.expr(right)?;
            self.at(span);
            if i + 1 < ops.len() {
                self.emit(Instr::Dup);
                self.emit(Instr::Rot3);
                self.emit(Instr::Compare(*op));
                self.b.emit_jump(Instr::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit(Instr::Compare(*op));
            }
        }
        if ops.len() > 1 {
            self.b.emit_jump(Instr::Jump, end);
            self.b.place(cleanup);
            self.emit(Instr::Rot2);
            self.emit(Instr::Pop);
            self.b.place(end);
        }
        Ok(())
    }

    fn display(&mut self, items: &[Expr], kind: Display) -> Result<()> {
        let starred = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !starred {
            for item in items {
                self.expr(item)?;
            }
            let n = items.len() as u16;
            self.emit(match kind {
                Display::Tuple => Instr::BuildTuple(n),
                Display::List => Instr::BuildList(n),
                Display::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        self.emit(if kind == Display::Set {
            Instr::BuildSet(0)
        } else {
            Instr::BuildList(0)
        });
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(if kind == Display::Set {
                        Instr::SetUpdate(1)
                    } else {
                        Instr::ListExtend(1)
                    });
                }
                _ => {
                    self.expr(item)?;
                    self.emit(if kind == Display::Set {
                        Instr::SetAdd(1)
                    } else {
                        Instr::ListAppend(1)
                    });
                }
            }
        }
        if kind == Display::Tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    fn dict(&mut self, items: &[(Option<Expr>, Expr)]) -> Result<()> {
        if items.iter().all(|(k, _)| k.is_some()) {
            for (k, v) in items {
                self.expr(k.as_ref().expect("checked"))?;
                self.expr(v)?;
            }
            self.emit(Instr::BuildMap(items.len() as u16));
            return Ok(());
        }
        self.emit(Instr::BuildMap(0));
        for (k, v) in items {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instr::MapAdd(1));
                }
                None => {
                    self.expr(v)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn call(&mut self, func: &Expr, args: &[Arg], span: Span) -> Result<()> {
        let saved = self.captures.take();
        let unpacking = args.iter().any(|a| matches!(a, Arg::Star(_) | Arg::StarStar(_)));
        let method = match &func.kind {
            ExprKind::Attribute { value, attr, attr_span } if !unpacking => {
                match self.module_member(value, attr, *attr_span)? {
                    Some(r) => {
                        self.resolved(r);
                        None
                    }
                    None => {
                        self.check_method(value, attr, *attr_span, args)?;
                        self.expr(value)?;
                        Some(self.c.syms.intern(attr))
                    }
                }
            }
            ExprKind::Name(n)
                if n == "super" && args.is_empty() && self.binding(n) == crate::compile::scope::Binding::Global =>
            {
                self.zero_arg_super(func.span)?;
                self.captures = saved;
                return Ok(());
            }
            _ => {
                self.expr(func)?;
                None
            }
        };
        self.captures = saved;
        if let Some(s) = method {
            self.at(span);
            self.emit(Instr::LoadMethod(s));
        }
        if unpacking {
            self.unpacked_args(args)?;
            self.at(span);
            let kw = args.iter().any(|a| matches!(a, Arg::Keyword(..) | Arg::StarStar(_)));
            self.emit(Instr::Spread(kw));
            self.emit(Instr::CallSpread);
            return Ok(());
        }
        let mut names = Vec::new();
        for a in args {
            match a {
                Arg::Positional(v) => self.expr(v)?,
                Arg::Keyword(name, _, v) => {
                    self.expr(v)?;
                    names.push(self.c.intern_const(Const::Str(name.clone())));
                }
                Arg::Star(_) | Arg::StarStar(_) => unreachable!("handled above"),
            }
        }
        self.at(span);
        let n = args.len() as u16;
        let kwnames = (!names.is_empty()).then(|| self.c.intern_const(Const::Tuple(names)));
        self.emit(match (method.is_some(), kwnames) {
            (false, None) => Instr::Call(n),
            (false, Some(k)) => Instr::CallKw(n, k),
            (true, None) => Instr::CallMethod(n),
            (true, Some(k)) => Instr::CallMethodKw(n, k),
        });
        Ok(())
    }

    /// `*args` and `**kwargs` in a call: a tuple of positional arguments and, if any
    /// keywords, a dict.
    fn unpacked_args(&mut self, args: &[Arg]) -> Result<()> {
        self.emit(Instr::BuildList(0));
        for a in args {
            match a {
                Arg::Positional(v) => {
                    self.expr(v)?;
                    self.emit(Instr::ListAppend(1));
                }
                Arg::Star(v) => {
                    self.expr(v)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {}
            }
        }
        self.emit(Instr::ListToTuple);
        if args.iter().any(|a| matches!(a, Arg::Keyword(..) | Arg::StarStar(_))) {
            self.emit(Instr::BuildMap(0));
            for a in args {
                match a {
                    Arg::Keyword(name, _, v) => {
                        self.constant(Const::Str(name.clone()));
                        self.expr(v)?;
                        self.emit(Instr::MapAdd(1));
                    }
                    Arg::StarStar(v) => {
                        self.expr(v)?;
                        self.emit(Instr::DictUpdate(1));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// `super()` in a method: `super(ThisClass, first_parameter)`.
    fn zero_arg_super(&mut self, span: Span) -> Result<()> {
        let Some((class, first)) = self.method_of.clone() else {
            return Err(Diagnostic::new(
                "super() without arguments works only in a method",
                span,
            ));
        };
        self.constant(Const::Class(builtin::SUPER));
        self.constant(Const::Class(class));
        self.load_name(&first, span)?;
        self.emit(Instr::Call(2));
        Ok(())
    }

    /// Checks `obj.method(...)` when `obj` is a global whose class is known: the method
    /// must exist, and a native one must accept the arguments.
    fn check_method(&mut self, value: &Expr, attr: &str, attr_span: Span, args: &[Arg]) -> Result<()> {
        let ExprKind::Name(n) = &value.kind else { return Ok(()) };
        if !matches!(self.binding(n), crate::compile::scope::Binding::Global) {
            return Ok(());
        }
        let Some(Resolved::Global(g)) = self.c.resolve_name(self.ns, n) else {
            return Ok(());
        };
        let Some(class) = self.c.known_types.get(&g).copied() else {
            return Ok(());
        };
        if class == builtin::TYPE || self.c.globals[g.index()].kind == GlobalKind::Class {
            return Ok(());
        }
        let type_name = self.describe_class(class);
        if !self.c.class_has(class, attr) {
            let methods = self.method_names(class);
            let mut d = Diagnostic::new(format!("`{n}` is {type_name}, which has no method `{attr}`"), attr_span)
                .with_label(format!(
                    "not a method of {}",
                    type_name.trim_start_matches("a ").trim_start_matches("an ")
                ));
            if let Some(s) = did_you_mean(attr, methods.iter().map(String::as_str)) {
                d = d.with_help(format!("did you mean `{s}`?"));
            } else if !methods.is_empty() {
                d = d.with_help(format!("its methods are: {}", methods.join(", ")));
            }
            return Err(d);
        }
        self.check_native_arity(class, attr, attr_span, args)
    }

    fn describe_class(&self, class: ClassId) -> String {
        let info = &self.c.classes[class.index()];
        let article = if info.name.starts_with(['A', 'E', 'I', 'O', 'U']) {
            "an"
        } else {
            "a"
        };
        match info.name.as_str() {
            "lock" => "a Lock".into(),
            name => format!("{article} {name}"),
        }
    }

    fn method_names(&self, class: ClassId) -> Vec<String> {
        let mut names: Vec<String> = self.c.classes[class.index()]
            .mro
            .iter()
            .flat_map(|c| self.c.classes[c.index()].members.iter())
            .map(|(s, _)| self.c.syms.name(*s).to_string())
            .filter(|n| !n.starts_with('_'))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn check_native_arity(&mut self, class: ClassId, attr: &str, span: Span, args: &[Arg]) -> Result<()> {
        let Some(s) = self.c.syms.lookup(attr) else {
            return Ok(());
        };
        let native = self.c.classes[class.index()]
            .mro
            .iter()
            .find_map(|c| match self.c.classes[c.index()].member(s) {
                Some(Member::Native(id)) => Some(Some(id)),
                Some(Member::Runtime) => Some(None),
                None => None,
            });
        let Some(Some(id)) = native else { return Ok(()) };
        let def = registry().def(id);
        let positional = args.iter().filter(|a| matches!(a, Arg::Positional(_))).count();
        if !def.varargs && positional > def.positional() {
            return Err(Diagnostic::new(
                format!(
                    "{attr}() takes at most {} argument{} ({positional} given)",
                    def.positional(),
                    if def.positional() == 1 { "" } else { "s" }
                ),
                span,
            )
            .with_label("too many arguments"));
        }
        for a in args {
            if let Arg::Keyword(name, kspan, _) = a
                && !def.kwargs
                && !def.params.iter().any(|p| p.name == name)
            {
                let names: Vec<&str> = def.params.iter().map(|p| p.name).collect();
                let mut d = Diagnostic::new(format!("{attr}() got an unexpected keyword argument '{name}'"), *kspan);
                d = d.with_label(if names.is_empty() {
                    "it takes no keyword arguments".to_string()
                } else {
                    format!("expected one of: {}", names.join(", "))
                });
                return Err(d);
            }
        }
        Ok(())
    }

    /// Generates an assertion's test, saving the values of its names and sub-expressions
    /// in hidden locals for the report; returns (source text, slot) of each.
    pub fn capturing_expr(&mut self, test: &Expr) -> Result<Vec<(String, u16)>> {
        self.captures = Some(Vec::new());
        let result = self.expr(test);
        let captures = self.captures.take().unwrap_or_default();
        result?;
        Ok(captures)
    }

    /// While generating an assertion: saves the value of `e` if it is worth reporting.
    fn capture(&mut self, e: &Expr) {
        if self.captures.is_none() {
            return;
        }
        let worth = match &e.kind {
            ExprKind::Name(_) => !self.is_static(e),
            ExprKind::Attribute { .. } | ExprKind::Subscript { .. } | ExprKind::Call { .. } => true,
            _ => false,
        };
        if !worth {
            return;
        }
        let text = self.source_text(e.span);
        if text.is_empty()
            || self
                .captures
                .as_ref()
                .is_some_and(|c| c.iter().any(|(t, _)| *t == text))
        {
            return;
        }
        let slot = self.hidden(&format!(".capture{}", self.captures.as_ref().map_or(0, Vec::len)));
        self.emit(Instr::Dup);
        self.emit(Instr::StoreLocal(slot));
        if let Some(c) = &mut self.captures {
            c.push((text, slot));
        }
    }

    /// The body of a comprehension's own function: the loops over its clauses, adding
    /// each element to the result (or yielding it).
    pub fn comprehension_body(&mut self, e: &Expr) -> Result<()> {
        let ExprKind::Comprehension {
            kind,
            elt,
            value,
            generators,
        } = &e.kind
        else {
            unreachable!("comprehension")
        };
        match kind {
            CompKind::List => self.emit(Instr::BuildList(0)),
            CompKind::Set => self.emit(Instr::BuildSet(0)),
            CompKind::Dict => self.emit(Instr::BuildMap(0)),
            CompKind::Generator => {}
        }
        self.emit(Instr::LoadLocal(0));
        self.comprehension_level(*kind, elt, value.as_deref(), generators, 0)?;
        if *kind == CompKind::Generator {
            self.none();
        }
        self.emit(Instr::Return);
        Ok(())
    }

    fn comprehension_level(
        &mut self,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        gens: &[crate::syntax::ast::CompFor],
        i: usize,
    ) -> Result<()> {
        let (top, end) = (self.b.label(), self.b.label());
        let g = &gens[i];
        if i > 0 {
            self.expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        self.b.place(top);
        self.b.emit_jump(Instr::ForIter, end);
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.expr(cond)?;
            self.b.emit_jump(Instr::PopJumpIfFalse, top);
        }
        if i + 1 < gens.len() {
            self.comprehension_level(kind, elt, value, gens, i + 1)?;
        } else {
            let depth = (gens.len() + 1) as u16;
            match kind {
                CompKind::Generator => {
                    self.expr(elt)?;
                    self.emit(Instr::Yield);
                    self.emit(Instr::Pop);
                }
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth));
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    self.expr(value.expect("dict comprehension value"))?;
                    self.emit(Instr::MapAdd(depth));
                }
            }
        }
        self.b.emit_jump(Instr::Jump, top);
        self.b.place(end);
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Display {
    Tuple,
    List,
    Set,
}
