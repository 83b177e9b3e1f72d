//! Primaries: an atom followed by trailers — `.attr`, `(arguments)` and `[subscript]` —
//! including the call argument list with Python's ordering rules and the slices of a subscript.

use std::collections::HashSet;

use super::super::ast::{Arg, CompKind, Expr, ExprKind};
use super::super::lexer::{PResult, Tok, Token};
use super::{Parser, error};

/// What kinds of argument were seen so far in a call, for Python's ordering rules.
#[derive(Default)]
struct SeenArguments {
    keywords: HashSet<String>,
    double_star: bool,
}

impl Parser<'_> {
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let start = self.start();
        let value = self.atom()?;
        if self.at_trailer() {
            self.chained(|p| p.trailers(start, value))
        } else {
            Ok(value)
        }
    }

    fn at_trailer(&self) -> bool {
        matches!(self.peek(), Tok::Op("." | "(" | "["))
    }

    fn trailers(&mut self, start: u32, mut value: Expr) -> PResult<Expr> {
        while self.at_trailer() {
            self.deepen()?;
            value = self.trailer(start, value)?;
        }
        Ok(value)
    }

    /// `.attr`, `(arguments)` or `[index]` after `value`, which started at `start`.
    fn trailer(&mut self, start: u32, value: Expr) -> PResult<Expr> {
        let trailer = self.advance();
        match trailer.tok {
            Tok::Op(".") => self.attribute(value, start),
            Tok::Op("(") => self.call(value, trailer, start),
            _ => self.subscript(value, trailer, start),
        }
    }

    fn attribute(&mut self, value: Expr, start: u32) -> PResult<Expr> {
        let (attr, attr_span) = self.expect_name("an attribute name after '.'")?;
        let kind = ExprKind::Attribute {
            value: Box::new(value),
            attr,
            attr_span,
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    fn call(&mut self, func: Expr, open: Token, start: u32) -> PResult<Expr> {
        let args = self.arguments(open)?;
        let kind = ExprKind::Call {
            func: Box::new(func),
            args,
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    /// The arguments after `open` (a consumed `(`), through the closing `)`.
    pub(crate) fn arguments(&mut self, open: Token) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        let mut seen = SeenArguments::default();
        while !self.at_op(")") {
            args.push(self.argument(open, &mut seen, args.is_empty())?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_closing(open)?;
        Ok(args)
    }

    fn argument(&mut self, open: Token, seen: &mut SeenArguments, first: bool) -> PResult<Arg> {
        if self.at_op("*") || self.at_op("**") || self.at_keyword_argument() {
            return self.named_or_unpacked_argument(seen);
        }
        let start = self.start();
        let value = self.expression()?;
        self.positional_argument(open, seen, start, value, first)
    }

    /// `*args`, `**kwargs` or `name=value`.
    fn named_or_unpacked_argument(&mut self, seen: &mut SeenArguments) -> PResult<Arg> {
        let marker = self.advance();
        match marker.tok {
            Tok::Op("*") if seen.double_star => Err(error(
                self.token_span(marker),
                "iterable argument unpacking follows keyword argument unpacking",
            )),
            Tok::Op("*") => self.expression().map(Arg::Star),
            Tok::Op("**") => {
                seen.double_star = true;
                self.expression().map(Arg::StarStar)
            }
            _ => self.keyword_argument(marker, seen),
        }
    }

    /// `= value` after the name `name` (in RON also `: value`).
    fn keyword_argument(&mut self, name: Token, seen: &mut SeenArguments) -> PResult<Arg> {
        let span = self.token_span(name);
        let name = self.src().text[name.start..name.end].to_string();
        if !seen.keywords.insert(name.clone()) {
            return Err(error(span, format!("keyword argument repeated: {name}")));
        }
        self.advance();
        let value = self.expression()?;
        Ok(Arg::Keyword(name, span, value))
    }

    /// Checks the order of a positional argument `value`, which may turn out to be the element
    /// of a generator expression.
    fn positional_argument(
        &mut self,
        open: Token,
        seen: &SeenArguments,
        start: u32,
        value: Expr,
        first: bool,
    ) -> PResult<Arg> {
        if self.at_op("=") {
            return Err(error(
                value.span,
                "expression cannot contain assignment, perhaps you meant \"==\"?",
            ));
        }
        if seen.double_star {
            return Err(error(
                value.span,
                "positional argument follows keyword argument unpacking",
            ));
        }
        if !seen.keywords.is_empty() {
            return Err(error(value.span, "positional argument follows keyword argument"));
        }
        if self.starts_comprehension() {
            return self.generator_argument(open, start, value, first);
        }
        Ok(Arg::Positional(value))
    }

    /// Whether `name=` (or in RON also `name:`) is next.
    fn at_keyword_argument(&self) -> bool {
        matches!(self.peek(), Tok::Name(_))
            && match self.peek_second() {
                Tok::Op("=") => true,
                Tok::Op(":") => self.src().is_ron(),
                _ => false,
            }
    }

    /// `f(x for x in xs)`: a generator expression as the sole argument needs no parentheses
    /// of its own; its span covers the call's.
    fn generator_argument(&mut self, open: Token, start: u32, elt: Expr, first: bool) -> PResult<Arg> {
        let generators = self.comprehension_clauses()?;
        if !first || !self.at_op(")") {
            return Err(error(
                self.span_from(start),
                "Generator expression must be parenthesized",
            ));
        }
        let close = self.current();
        let span = self.src().span(open.start, close.end);
        let kind = ExprKind::Comprehension {
            kind: CompKind::Generator,
            elt: Box::new(elt),
            value: None,
            generators,
        };
        Ok(Arg::Positional(Expr::new(kind, span)))
    }

    fn subscript(&mut self, value: Expr, open: Token, start: u32) -> PResult<Expr> {
        let index = self.slices()?;
        self.expect_closing(open)?;
        let kind = ExprKind::Subscript {
            value: Box::new(value),
            index: Box::new(index),
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    /// `i`, `a:b:c`, or a tuple of those and starred items: `a[1:2, *b]`.
    fn slices(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.slice()?;
        if self.at_op(",") || matches!(first.kind, ExprKind::Starred(_)) {
            self.slice_tuple(start, first)
        } else {
            Ok(first)
        }
    }

    fn slice_tuple(&mut self, start: u32, first: Expr) -> PResult<Expr> {
        let (items, _) = self.comma_list(first, Self::slice, |p| p.starts_expression() || p.at_op(":"))?;
        Ok(Expr::new(ExprKind::Tuple(items), self.span_from(start)))
    }

    fn slice(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            return self.starred();
        }
        let start = self.start();
        if self.at_op(":") {
            return self.slice_rest(start, None);
        }
        let index = self.expression()?;
        if self.at_op(":") {
            self.slice_rest(start, Some(index))
        } else {
            Ok(index)
        }
    }

    /// `:upper:step` after the lower bound.
    fn slice_rest(&mut self, start: u32, lower: Option<Expr>) -> PResult<Expr> {
        self.advance();
        let upper = self.slice_bound()?;
        let step = if self.eat_op(":") { self.slice_bound()? } else { None };
        let kind = ExprKind::Slice {
            lower: lower.map(Box::new),
            upper,
            step,
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    fn slice_bound(&mut self) -> PResult<Option<Box<Expr>>> {
        if self.starts_expression() {
            Ok(Some(Box::new(self.expression()?)))
        } else {
            Ok(None)
        }
    }
}
