//! Statements: assignment, control flow, `try`/`with` with CPython 3.11's exception-table
//! layout, `def` and `class`, `assert` with captured values.

use super::{FunctionBody, Gen, Loop, Result, Unwind};
use crate::compile::builder::Label;
use crate::compile::resolve::Resolved;
use crate::compile::{AssertInfo, Const, Instr, sym};
use crate::diagnostic::Diagnostic;
use crate::syntax::Span;
use crate::syntax::ast::{ClassDef, Expr, ExprKind, FunctionDef, Handler, Stmt, StmtKind, WithItem};

impl Gen<'_> {
    pub fn stmts(&mut self, stmts: &[Stmt]) -> Result<()> {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        self.at(s.span);
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Instr::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::Dup);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::If { branches, orelse } => self.if_stmt(branches, orelse)?,
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse)?,
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return Err(Diagnostic::new("`async for` is not supported yet", s.span));
                }
                self.for_stmt(target, iter, body, orelse)?;
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::With { items, body, is_async } => {
                if *is_async {
                    self.require_async("async with", s.span)?;
                }
                self.with_stmt(items, body, *is_async)?;
            }
            StmtKind::FunctionDef(def) => self.function_def(def)?,
            StmtKind::ClassDef(class) => {
                if self.scope.is_some() {
                    return Err(Diagnostic::new(
                        "classes must be declared at module level (under classes:)",
                        s.span,
                    ));
                }
                self.class_def(class)?;
            }
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), s.span)?,
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
                self.emit(Instr::Raise(exc.is_some() as u8 + cause.is_some() as u8));
            }
            StmtKind::Assert { test, msg } => self.assert_stmt(test, msg.as_ref(), s.span)?,
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.delete_target(t))?,
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Break => self.break_stmt(s.span)?,
            StmtKind::Continue => self.continue_stmt(s.span)?,
        }
        Ok(())
    }

    pub fn store_target(&mut self, t: &Expr) -> Result<()> {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n, t.span)?,
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let s = self.attr_written(attr);
                self.emit(Instr::StoreAttr(s));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items.iter().position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    Some(at) => self.emit(Instr::UnpackEx(at as u8, (items.len() - at - 1) as u8)),
                    None => self.emit(Instr::UnpackSequence(items.len() as u16)),
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(item)?,
                    }
                }
            }
            _ => {
                return Err(
                    Diagnostic::new("cannot assign to this expression", t.span).with_label("not an assignment target")
                );
            }
        }
        Ok(())
    }

    /// The symbol of an attribute being assigned; outside `__init__` it makes reads of that
    /// attribute from shared objects visible steps.
    fn attr_written(&mut self, attr: &str) -> crate::compile::Sym {
        let s = self.c.syms.intern(attr);
        if self.name != "__init__" {
            self.c.mutable_attrs.insert(s);
        }
        s
    }

    fn delete_target(&mut self, t: &Expr) -> Result<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n, t.span),
            ExprKind::Attribute { value, attr, .. } => {
                self.expr(value)?;
                let s = self.attr_written(attr);
                self.emit(Instr::DeleteAttr(s));
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|i| self.delete_target(i)),
            _ => Err(Diagnostic::new("cannot delete this expression", t.span)),
        }
    }

    fn aug_assign(&mut self, target: &Expr, op: crate::syntax::ast::BinOp, value: &Expr) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n, target.span)?;
                self.expr(value)?;
                self.emit(Instr::Inplace(op));
                self.store_name(n, target.span)
            }
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.expr(obj)?;
                self.emit(Instr::Dup);
                let s = self.attr_written(attr);
                self.emit(Instr::LoadAttr(s));
                self.expr(value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::Rot2);
                self.emit(Instr::StoreAttr(s));
                Ok(())
            }
            ExprKind::Subscript {
                value: container,
                index,
            } => {
                self.expr(container)?;
                self.expr(index)?;
                self.emit(Instr::DupTwo);
                self.emit(Instr::LoadSubscr);
                self.expr(value)?;
                self.emit(Instr::Inplace(op));
                self.emit(Instr::Rot3);
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            _ => Err(Diagnostic::new(
                "illegal expression for augmented assignment",
                target.span,
            )),
        }
    }

    fn if_stmt(&mut self, branches: &[(Expr, Vec<Stmt>)], orelse: &[Stmt]) -> Result<()> {
        let end = self.b.label();
        for (cond, body) in branches {
            let next = self.b.label();
            self.at(cond.span);
            self.expr(cond)?;
            self.b.emit_jump(Instr::PopJumpIfFalse, next);
            self.stmts(body)?;
            self.b.emit_jump(Instr::Jump, end);
            self.b.place(next);
        }
        self.stmts(orelse)?;
        self.b.place(end);
        Ok(())
    }

    fn loop_body(&mut self, top: Label, end: Label, is_for: bool, body: &[Stmt]) -> Result<()> {
        self.loops.push(Loop {
            top,
            end,
            depth: self.unwinds.len(),
            is_for,
        });
        if is_for {
            self.unwinds.push(Unwind::ForIter);
        }
        let result = self.stmts(body);
        if is_for {
            self.unwinds.pop();
        }
        self.loops.pop();
        result
    }

    fn while_stmt(&mut self, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<()> {
        let (top, otherwise, end) = (self.b.label(), self.b.label(), self.b.label());
        self.b.place(top);
        self.at(test.span);
        self.expr(test)?;
        self.b.emit_jump(Instr::PopJumpIfFalse, otherwise);
        self.loop_body(top, end, false, body)?;
        self.b.emit_jump(Instr::Jump, top);
        self.b.place(otherwise);
        self.stmts(orelse)?;
        self.b.place(end);
        Ok(())
    }

    fn for_stmt(&mut self, target: &Expr, iter: &Expr, body: &[Stmt], orelse: &[Stmt]) -> Result<()> {
        let (top, otherwise, end) = (self.b.label(), self.b.label(), self.b.label());
        self.at(iter.span);
        self.expr(iter)?;
        self.emit(Instr::GetIter);
        self.b.place(top);
        self.at(iter.span);
        self.b.emit_jump(Instr::ForIter, otherwise);
        self.store_target(target)?;
        self.loop_body(top, end, true, body)?;
        self.b.emit_jump(Instr::Jump, top);
        self.b.place(otherwise);
        self.stmts(orelse)?;
        self.b.place(end);
        Ok(())
    }

    /// Emits the cleanup of the unwind entries above `depth`, innermost first.
    fn unwind_to(&mut self, depth: usize) -> Result<()> {
        for i in (depth..self.unwinds.len()).rev() {
            let entry = self.unwinds[i].clone();
            match entry {
                Unwind::Finally(body) => {
                    let saved = self.unwinds.split_off(i);
                    let result = self.stmts(&body);
                    self.unwinds.extend(saved);
                    result?;
                }
                Unwind::FinallyHandler => {
                    self.emit(Instr::Pop);
                    self.emit(Instr::PopExcept);
                }
                Unwind::Handler(name) => {
                    self.emit(Instr::PopExcept);
                    if let Some(n) = name {
                        self.none();
                        self.store_name(&n, self.b.span)?;
                    }
                }
                Unwind::With(is_async) => self.exit_with(is_async),
                Unwind::ForIter => self.emit(Instr::Pop),
            }
        }
        Ok(())
    }

    fn break_stmt(&mut self, span: Span) -> Result<()> {
        let Some(l) = self.loops.last() else {
            return Err(Diagnostic::new("'break' outside loop", span));
        };
        let (end, depth) = (l.end, l.depth);
        self.unwind_to(depth)?;
        self.b.emit_jump(Instr::Jump, end);
        Ok(())
    }

    fn continue_stmt(&mut self, span: Span) -> Result<()> {
        let Some(l) = self.loops.last() else {
            return Err(Diagnostic::new("'continue' not properly in loop", span));
        };
        let (top, depth, is_for) = (l.top, l.depth, l.is_for);
        self.unwind_to(depth + is_for as usize)?;
        self.b.emit_jump(Instr::Jump, top);
        Ok(())
    }

    fn return_stmt(&mut self, value: Option<&Expr>, span: Span) -> Result<()> {
        if self.scope.is_none() {
            return Err(Diagnostic::new("'return' outside function", span));
        }
        match value {
            Some(v) => self.expr(v)?,
            None => self.none(),
        }
        if !self.unwinds.is_empty() {
            let slot = self.hidden(".return");
            self.emit(Instr::StoreLocal(slot));
            self.unwind_to(0)?;
            self.emit(Instr::LoadLocal(slot));
        }
        self.emit(Instr::Return);
        Ok(())
    }

    /// `try`: the body protected by the handlers, `else` after a clean body, `finally` on
    /// every way out.
    fn try_stmt(&mut self, body: &[Stmt], handlers: &[Handler], orelse: &[Stmt], finalbody: &[Stmt]) -> Result<()> {
        if finalbody.is_empty() {
            return self.try_except(body, handlers, orelse);
        }
        let end = self.b.label();
        let handler = self.b.label();
        let depth = self.b.depth();
        let start = self.b.pc();
        self.unwinds.push(Unwind::Finally(finalbody.to_vec()));
        let result = if handlers.is_empty() {
            self.stmts(body).and_then(|_| self.stmts(orelse))
        } else {
            self.try_except(body, handlers, orelse)
        };
        self.unwinds.pop();
        result?;
        let stop = self.b.pc();
        self.b.protect(start, stop, handler, depth);
        self.stmts(finalbody)?;
        self.b.emit_jump(Instr::Jump, end);
        self.b.place(handler);
        self.b.set_depth(depth + 1);
        self.emit(Instr::PushExcInfo);
        let cleanup = self.b.label();
        let inner = self.b.pc();
        self.unwinds.push(Unwind::FinallyHandler);
        let result = self.stmts(finalbody);
        self.unwinds.pop();
        result?;
        self.emit(Instr::Reraise);
        let inner_end = self.b.pc();
        self.b.protect(inner, inner_end, cleanup, depth + 1);
        self.reraise_cleanup(cleanup, depth + 1);
        self.b.place(end);
        Ok(())
    }

    /// The handler that restores the exception info when an exception leaves a handler:
    /// `prev exc -> ` re-raising `exc`.
    fn reraise_cleanup(&mut self, label: Label, depth: u32) {
        self.b.place(label);
        self.b.set_depth(depth + 1);
        self.emit(Instr::Rot2);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
    }

    fn try_except(&mut self, body: &[Stmt], handlers: &[Handler], orelse: &[Stmt]) -> Result<()> {
        let end = self.b.label();
        let handler = self.b.label();
        let depth = self.b.depth();
        let start = self.b.pc();
        self.stmts(body)?;
        let stop = self.b.pc();
        self.b.protect(start, stop, handler, depth);
        self.stmts(orelse)?;
        self.b.emit_jump(Instr::Jump, end);
        self.b.place(handler);
        self.b.set_depth(depth + 1);
        self.emit(Instr::PushExcInfo);
        let cleanup = self.b.label();
        let inner = self.b.pc();
        for h in handlers {
            self.at(h.span);
            let next = self.b.label();
            if let Some(ty) = &h.ty {
                self.expr(ty)?;
                self.emit(Instr::CheckExcMatch);
                self.b.emit_jump(Instr::PopJumpIfFalse, next);
            }
            match &h.name {
                Some(n) => self.store_name(n, h.span)?,
                None => self.emit(Instr::Pop),
            }
            self.unwinds.push(Unwind::Handler(h.name.clone()));
            let result = self.stmts(&h.body);
            self.unwinds.pop();
            result?;
            self.emit(Instr::PopExcept);
            if let Some(n) = &h.name {
                self.none();
                self.store_name(n, h.span)?;
            }
            self.b.emit_jump(Instr::Jump, end);
            self.b.place(next);
            if h.ty.is_none() {
                break;
            }
        }
        if handlers.last().is_none_or(|h| h.ty.is_some()) {
            self.emit(Instr::Reraise);
        }
        let inner_end = self.b.pc();
        self.b.protect(inner, inner_end, cleanup, depth + 1);
        self.reraise_cleanup(cleanup, depth + 1);
        self.b.place(end);
        Ok(())
    }

    /// Calls `mgr.__exit__(None, None, None)` (or awaits `mgr.__aexit__(None, None, None)`)
    /// with the manager on top, and drops it.
    fn exit_with(&mut self, is_async: bool) {
        if is_async {
            self.emit(Instr::LoadMethod(sym::AEXIT));
            self.none();
            self.none();
            self.none();
            self.emit(Instr::CallMethod(3));
            self.await_top();
        } else {
            self.emit(Instr::WithExit);
        }
        self.emit(Instr::Pop);
    }

    /// `await` of the value on top of the stack.
    pub fn await_top(&mut self) {
        self.emit(Instr::GetAwaitable);
        self.none();
        self.emit(Instr::YieldFrom);
    }

    fn with_stmt(&mut self, items: &[WithItem], body: &[Stmt], is_async: bool) -> Result<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let end = self.b.label();
        let handler = self.b.label();
        self.at(first.context.span);
        self.expr(&first.context)?;
        if is_async {
            self.emit(Instr::Dup);
            self.emit(Instr::LoadMethod(sym::AENTER));
            self.emit(Instr::CallMethod(0));
            self.await_top();
        } else {
            self.emit(Instr::WithEnter);
        }
        match &first.target {
            Some(t) => self.store_target(t)?,
            None => self.emit(Instr::Pop),
        }
        let depth = self.b.depth();
        let start = self.b.pc();
        self.unwinds.push(Unwind::With(is_async));
        let result = if rest.is_empty() {
            self.stmts(body)
        } else {
            self.with_stmt(rest, body, is_async)
        };
        self.unwinds.pop();
        result?;
        let stop = self.b.pc();
        self.b.protect(start, stop, handler, depth);
        self.at(first.context.span);
        self.exit_with(is_async);
        self.b.emit_jump(Instr::Jump, end);
        self.b.place(handler);
        self.b.set_depth(depth + 1);
        self.emit(Instr::PushExcInfo);
        let cleanup = self.b.label();
        let inner = self.b.pc();
        self.emit(Instr::Copy(3));
        self.emit(Instr::LoadMethod(if is_async { sym::AEXIT } else { sym::EXIT }));
        self.emit(Instr::Copy(3));
        self.emit(Instr::TypeOf);
        self.emit(Instr::Copy(4));
        self.none();
        self.emit(Instr::CallMethod(3));
        if is_async {
            self.await_top();
        }
        let suppress = self.b.label();
        self.b.emit_jump(Instr::PopJumpIfTrue, suppress);
        self.emit(Instr::Reraise);
        self.b.place(suppress);
        self.emit(Instr::Pop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Pop);
        self.b.emit_jump(Instr::Jump, end);
        let inner_end = self.b.pc();
        self.b.protect(inner, inner_end, cleanup, depth + 1);
        self.b.place(cleanup);
        self.b.set_depth(depth + 2);
        self.emit(Instr::Rot2);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Rot2);
        self.emit(Instr::Pop);
        self.emit(Instr::Reraise);
        self.b.place(end);
        Ok(())
    }

    pub fn function_def(&mut self, def: &FunctionDef) -> Result<()> {
        self.at(def.span);
        for d in &def.decorators {
            self.expr(d)?;
        }
        self.make_function(FunctionBody::def(def, None))?;
        for _ in &def.decorators {
            self.emit(Instr::Call(1));
        }
        self.store_name(&def.name, def.name_span)
    }

    /// A module-level class: its methods and attributes stored into its namespace.
    pub fn class_def(&mut self, class: &ClassDef) -> Result<()> {
        let id = self.c.class_of[&(self.source.0, class.span)];
        // The class's Python name (a library class may declare CPython's).
        let class_name = self.c.classes[id.index()].name.clone();
        for member in &class.body {
            self.at(member.span);
            match &member.kind {
                StmtKind::FunctionDef(def) => {
                    self.make_function(FunctionBody::def(def, Some((id, &class_name))))?;
                    self.constant(Const::Class(id));
                    let s = self.c.syms.intern(&def.name);
                    self.emit(Instr::StoreAttr(s));
                }
                StmtKind::Assign { targets, value } => {
                    let ExprKind::Name(n) = &targets[0].kind else {
                        return Err(Diagnostic::new("a class attribute must be a name", targets[0].span));
                    };
                    self.expr(value)?;
                    self.constant(Const::Class(id));
                    let s = self.c.syms.intern(n);
                    self.emit(Instr::StoreAttr(s));
                }
                StmtKind::Pass | StmtKind::Expr(_) => {}
                _ => {
                    return Err(Diagnostic::new(
                        "a class body may only define methods and attributes",
                        member.span,
                    ));
                }
            }
        }
        self.constant(Const::Class(id));
        self.store_name(&class.name, class.name_span)
    }

    /// `assert test, msg`: on failure, `AssertionError(msg)` carrying the values of the
    /// names and sub-expressions of `test`.
    pub fn assert_stmt(&mut self, test: &Expr, msg: Option<&Expr>, span: Span) -> Result<()> {
        let text = self.source_text(test.span);
        let id = self.c.asserts.len() as u32;
        self.c.asserts.push(AssertInfo {
            text,
            span: test.span,
            source: self.source,
            captures: Vec::new(),
        });
        let ok = self.b.label();
        self.at(span);
        let captures = self.capturing_expr(test)?;
        self.c.asserts[id as usize].captures = captures;
        self.b.emit_jump(Instr::PopJumpIfTrue, ok);
        if let Some(m) = msg {
            self.expr(m)?;
        }
        self.emit(Instr::AssertFail(id, msg.is_some()));
        self.b.place(ok);
        Ok(())
    }

    pub fn source_text(&self, span: Span) -> String {
        let text = &self.c.sources[self.source.index()].text;
        text.get(span.start as usize..span.end as usize)
            .unwrap_or("")
            .to_string()
    }

    /// Whether `e` names a built-in or a module (not worth showing in an assertion report).
    pub fn is_static(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name(n) => {
                matches!(self.binding(n), crate::compile::scope::Binding::Global)
                    && matches!(self.c.resolve_name(self.ns, n), Some(Resolved::Constant(_)) | None)
            }
            _ => false,
        }
    }
}
