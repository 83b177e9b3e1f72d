//! The headers of compound constructs, shared by the entry points and the statement parser:
//! decorators, function signatures, class headers, `except` clauses and `with` items.

use super::super::ast::{Arg, Expr, Params, WithItem};
use super::super::lexer::PResult;
use super::super::{ClassHeader, ExceptClause, Signature};
use super::{Parser, Span, error};

const KEYWORDS_IN_BASES: &str = "class keyword arguments are not supported";

/// The name, its span and the parameters of `name(params) [-> annotation]`.
pub(crate) type FunctionHead = (String, Span, Params);

impl Parser<'_> {
    /// `@decorator`s. In a module each ends its line and may be any expression. Elsewhere
    /// they are separated by whitespace only, so that `@` would read as matrix multiplication:
    /// there a decorator is a primary (a name, attribute, call or subscript), as in Python
    /// before 3.9.
    pub(crate) fn decorators(&mut self) -> PResult<Vec<Expr>> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            if self.in_layout() {
                decorators.push(self.expression()?);
                self.expect_newline()?;
            } else {
                decorators.push(self.primary()?);
            }
        }
        Ok(decorators)
    }

    /// `[@decorator ...] [async] name(params)`.
    pub(crate) fn signature(&mut self) -> PResult<Signature> {
        let decorators = self.decorators()?;
        let is_async = self.eat_keyword("async");
        let (name, name_span, params) = self.function_head()?;
        Ok(Signature {
            name,
            name_span,
            params,
            decorators,
            is_async,
        })
    }

    /// `name(params) [-> annotation]`; the annotation is parsed and dropped.
    pub(crate) fn function_head(&mut self) -> PResult<FunctionHead> {
        let (name, name_span) = self.expect_name("a function name")?;
        let open = self.expect_op("(")?;
        let params = self.def_parameters()?;
        self.expect_closing(open)?;
        if self.eat_op("->") {
            self.expression()?;
        }
        Ok((name, name_span, *params))
    }

    /// `Name` or `Name(Base, ...)`.
    pub(crate) fn class_head(&mut self) -> PResult<ClassHeader> {
        let (name, name_span) = self.expect_name("a class name")?;
        let bases = if self.at_op("(") {
            let open = self.advance();
            let args = self.arguments(open)?;
            args.into_iter().map(class_base).collect::<PResult<_>>()?
        } else {
            Vec::new()
        };
        Ok(ClassHeader { name, name_span, bases })
    }

    /// What follows `except`: nothing, or a type expression and optionally `as name`.
    pub(crate) fn except_clause(&mut self) -> PResult<ExceptClause> {
        if self.at_end() || self.at_op(":") {
            return Ok(ExceptClause { ty: None, name: None });
        }
        let ty = self.expression()?;
        if self.at_op(",") {
            return Err(error(ty.span, "multiple exception types must be parenthesized"));
        }
        let name = if self.eat_keyword("as") {
            Some(self.expect_name("a name after 'as'")?)
        } else {
            None
        };
        Ok(ExceptClause { ty: Some(ty), name })
    }

    /// `context [as target]`.
    pub(crate) fn with_item(&mut self) -> PResult<WithItem> {
        let context = self.expression()?;
        let target = if self.eat_keyword("as") {
            Some(self.single_target()?)
        } else {
            None
        };
        Ok(WithItem { context, target })
    }
}

/// A base in a class header: only positional ones are supported.
fn class_base(arg: Arg) -> PResult<Expr> {
    match arg {
        Arg::Positional(base) => Ok(base),
        Arg::Star(bases) => Err(error(bases.span, "unpacking in class bases is not supported")),
        Arg::Keyword(_, span, _) => Err(error(span, KEYWORDS_IN_BASES)),
        Arg::StarStar(mapping) => Err(error(mapping.span, KEYWORDS_IN_BASES)),
    }
}
