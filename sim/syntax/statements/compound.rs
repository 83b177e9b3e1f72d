//! Compound statements: `if`, `while`, `for`, `try`, `with`, `def` and `class` (with their
//! `async` forms and decorators). A statement's span runs from its first token (a decorator's
//! `@`) to the end of its last body.

use super::super::ast::{ClassDef, Expr, FunctionDef, Handler, Stmt, StmtKind, WithItem};
use super::super::lexer::{PResult, Tok};
use super::super::parser::{Parser, error};

impl Parser<'_> {
    /// A statement that starts with `@` or one of the keywords `statement` dispatches here.
    pub(super) fn compound_statement(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let decorators = self.decorators()?;
        let is_async = self.eat_keyword("async");
        let kind = match self.peek() {
            Tok::Keyword("def") => self.function_def(decorators, is_async, start)?,
            Tok::Keyword("class") if !is_async => self.class_def(decorators, start)?,
            _ if !decorators.is_empty() => {
                return Err(self.unexpected("'def' or 'class' after decorators"));
            }
            Tok::Keyword("for") => self.for_statement(is_async)?,
            Tok::Keyword("with") => self.with_statement(is_async)?,
            _ if is_async => return Err(self.unexpected("'def', 'for' or 'with' after 'async'")),
            Tok::Keyword("if") => self.if_statement()?,
            Tok::Keyword("while") => self.while_statement()?,
            // `try`, the last keyword `statement` dispatches here.
            _ => self.try_statement()?,
        };
        Ok(Stmt::new(kind, self.span_from(start)))
    }

    /// `if test: body`, `elif test: body`..., `else: body`.
    fn if_statement(&mut self) -> PResult<StmtKind> {
        let mut branches = Vec::new();
        let mut owner = "'if' statement";
        loop {
            self.advance();
            let test = self.expression()?;
            branches.push((test, self.block(owner)?));
            if !self.at_keyword("elif") {
                break;
            }
            owner = "'elif' statement";
        }
        let orelse = self.else_block()?;
        Ok(StmtKind::If { branches, orelse })
    }

    fn while_statement(&mut self) -> PResult<StmtKind> {
        self.advance();
        let test = self.expression()?;
        let body = self.block("'while' statement")?;
        let orelse = self.else_block()?;
        Ok(StmtKind::While { test, body, orelse })
    }

    fn for_statement(&mut self, is_async: bool) -> PResult<StmtKind> {
        self.advance();
        let target = self.target_list()?;
        self.expect_keyword("in")?;
        let iter = self.star_expressions()?;
        let body = self.block("'for' statement")?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async,
        })
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.eat_keyword("else") {
            self.block("'else' statement")
        } else {
            Ok(Vec::new())
        }
    }

    /// `try:` with `except` handlers, `else:` (only after handlers) and `finally:`.
    fn try_statement(&mut self) -> PResult<StmtKind> {
        self.advance();
        let body = self.block("'try' statement")?;
        let mut handlers = Vec::new();
        while self.at_keyword("except") {
            if let Some(bare) = handlers.last().filter(|h: &&Handler| h.ty.is_none()) {
                return Err(error(bare.span, "default 'except:' must be last"));
            }
            handlers.push(self.handler()?);
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let finalbody = if self.eat_keyword("finally") {
            self.block("'finally' statement")?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.error_here("expected 'except' or 'finally' block"));
        }
        Ok(StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        })
    }

    fn handler(&mut self) -> PResult<Handler> {
        let start = self.start();
        self.advance();
        let clause = self.except_clause()?;
        let body = self.block("'except' statement")?;
        Ok(Handler {
            ty: clause.ty,
            name: clause.name.map(|(name, _)| name),
            body,
            span: self.span_from(start),
        })
    }

    fn with_statement(&mut self, is_async: bool) -> PResult<StmtKind> {
        self.advance();
        let items = self.with_items()?;
        let body = self.block("'with' statement")?;
        Ok(StmtKind::With { items, body, is_async })
    }

    /// `a as b, c`, or the same in parentheses: `with (a as b, c,):`. `with (a, b):` is two
    /// items, as in Python, while `with (a, b) as c:` is one.
    fn with_items(&mut self) -> PResult<Vec<WithItem>> {
        if self.at_op("(")
            && let Some(items) = self.attempt(Self::parenthesized_with_items)
        {
            return Ok(items);
        }
        let first = self.with_item()?;
        let (items, _) = self.comma_list(first, Self::with_item, |_| true)?;
        Ok(items)
    }

    fn parenthesized_with_items(&mut self) -> PResult<Vec<WithItem>> {
        let open = self.advance();
        let first = self.with_item()?;
        let (items, _) = self.comma_list(first, Self::with_item, |p| !p.at_op(")"))?;
        self.expect_closing(open)?;
        if !self.at_op(":") {
            return Err(self.unexpected("':'"));
        }
        Ok(items)
    }

    fn function_def(&mut self, decorators: Vec<Expr>, is_async: bool, start: u32) -> PResult<StmtKind> {
        self.advance();
        let (name, name_span, params) = self.function_head()?;
        let body = self.block("function definition")?;
        Ok(StmtKind::FunctionDef(Box::new(FunctionDef {
            name,
            name_span,
            params,
            body,
            decorators,
            is_async,
            span: self.span_from(start),
        })))
    }

    fn class_def(&mut self, decorators: Vec<Expr>, start: u32) -> PResult<StmtKind> {
        self.advance();
        let header = self.class_head()?;
        let body = self.block("class definition")?;
        Ok(StmtKind::ClassDef(Box::new(ClassDef {
            name: header.name,
            name_span: header.name_span,
            bases: header.bases,
            body,
            decorators,
            span: self.span_from(start),
        })))
    }
}
