//! Operator expressions with Python's precedence, loosest first: bare tuples, `yield`,
//! `lambda`, `x if c else y`, `or`, `and`, `not`, comparisons, the binary operators `|` to
//! `*`, unary `+ - ~`, `**` and `await`. Primaries and atoms live in their own modules.

use super::super::ast::{BinOp, BoolOpKind, CmpOp, Expr, ExprKind, UnaryOp};
use super::super::lexer::{PResult, Tok};
use super::{Parser, error};

/// Binary operators from `|` to `*`: symbol, operator, precedence (higher binds tighter).
const BINARY_OPERATORS: &[(&str, BinOp, u8)] = &[
    ("|", BinOp::BitOr, 1),
    ("^", BinOp::BitXor, 2),
    ("&", BinOp::BitAnd, 3),
    ("<<", BinOp::LShift, 4),
    (">>", BinOp::RShift, 4),
    ("+", BinOp::Add, 5),
    ("-", BinOp::Sub, 5),
    ("*", BinOp::Mul, 6),
    ("/", BinOp::Div, 6),
    ("//", BinOp::FloorDiv, 6),
    ("%", BinOp::Mod, 6),
    ("@", BinOp::MatMul, 6),
];

/// The precedence of `|`.
const LOOSEST_BINARY: u8 = 1;

const COMPARISON_OPERATORS: &[(&str, CmpOp)] = &[
    ("==", CmpOp::Eq),
    ("!=", CmpOp::NotEq),
    ("<", CmpOp::Lt),
    ("<=", CmpOp::LtE),
    (">", CmpOp::Gt),
    (">=", CmpOp::GtE),
];

impl Parser<'_> {
    /// A `yield` expression, or [`Parser::star_expressions`]: what may stand alone as a statement
    /// or on the right of `=`.
    pub(crate) fn star_expressions_or_yield(&mut self) -> PResult<Expr> {
        if self.at_keyword("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    /// `a`, `a, b`, `*a, b,`: a value, so a lone `*a` is an error.
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        let value = self.star_expressions_or_star()?;
        reject_star(value)
    }

    /// Like [`Parser::star_expressions`] but a lone `*a` is returned: it may turn out to be an
    /// assignment target.
    pub(crate) fn star_expressions_or_star(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.star_expression()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let (items, _) = self.comma_list(first, Self::star_expression, Self::starts_expression)?;
        Ok(Expr::new(ExprKind::Tuple(items), self.span_from(start)))
    }

    /// `*a` or an expression: an item of a tuple, list or set display.
    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            self.starred()
        } else {
            self.expression()
        }
    }

    /// `*` and a `|`-level operand.
    pub(crate) fn starred(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.advance();
        let value = self.bitwise_or()?;
        Ok(Expr::new(ExprKind::Starred(Box::new(value)), self.span_from(start)))
    }

    /// `yield`, `yield a, b`, `yield from a`.
    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.advance();
        let kind = if self.eat_keyword("from") {
            ExprKind::YieldFrom(Box::new(self.expression()?))
        } else if self.starts_expression() {
            ExprKind::Yield(Some(Box::new(self.star_expressions()?)))
        } else {
            ExprKind::Yield(None)
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    /// `lambda ...: body`, `body if test else orelse`, or a disjunction.
    ///
    /// From here down to atoms, each level parses its operand and returns it unless an
    /// operator follows, which a separate function handles: this keeps the frames on the
    /// recursion path through brackets small, so that deep nesting fits the stack.
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        if self.at_keyword("lambda") {
            return self.lambda();
        }
        let start = self.start();
        let body = self.disjunction()?;
        if self.at_keyword("if") {
            self.conditional(start, body)
        } else {
            Ok(body)
        }
    }

    /// `if test else orelse` after `body`.
    fn conditional(&mut self, start: u32, body: Expr) -> PResult<Expr> {
        self.advance();
        let test = self.disjunction()?;
        if !self.eat_keyword("else") {
            return Err(self.unexpected("'else' after 'if' expression"));
        }
        let orelse = self.nested_expr(Self::expression)?;
        let kind = ExprKind::IfExp {
            test: Box::new(test),
            body: Box::new(body),
            orelse: Box::new(orelse),
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.advance();
        self.nested_expr(|p| {
            let params = p.lambda_parameters()?;
            p.expect_op(":")?;
            let body = p.expression()?;
            let kind = ExprKind::Lambda {
                params,
                body: Box::new(body),
            };
            Ok(Expr::new(kind, p.span_from(start)))
        })
    }

    /// `a or b and c`: an `or` of `and`s of operands.
    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.inversion()?;
        if self.at_keyword("and") || self.at_keyword("or") {
            self.bool_ops(start, first)
        } else {
            Ok(first)
        }
    }

    fn bool_ops(&mut self, start: u32, first: Expr) -> PResult<Expr> {
        let mut alternatives = Vec::new();
        let mut conjunction = (start, vec![first]);
        loop {
            if self.eat_keyword("and") {
                conjunction.1.push(self.inversion()?);
                continue;
            }
            alternatives.push(self.bool_op(BoolOpKind::And, conjunction.1, conjunction.0));
            if !self.eat_keyword("or") {
                return Ok(self.bool_op(BoolOpKind::Or, alternatives, start));
            }
            conjunction = (self.start(), vec![self.inversion()?]);
        }
    }

    /// The single value, or a `BoolOp` of several.
    fn bool_op(&self, op: BoolOpKind, mut values: Vec<Expr>, start: u32) -> Expr {
        if values.len() == 1 {
            return values.remove(0);
        }
        Expr::new(ExprKind::BoolOp { op, values }, self.span_from(start))
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if self.at_keyword("not") {
            self.unary(UnaryOp::Not, Self::inversion)
        } else {
            self.comparison()
        }
    }

    /// `a < b <= c`, `a not in b`, `a is not b`.
    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.start();
        let left = self.binary(LOOSEST_BINARY)?;
        match self.comparison_operator() {
            Some(op) => self.comparisons(start, left, op),
            None => Ok(left),
        }
    }

    /// The chain after `left` and its first operator.
    fn comparisons(&mut self, start: u32, left: Expr, first: CmpOp) -> PResult<Expr> {
        let mut ops = vec![(first, self.binary(LOOSEST_BINARY)?)];
        while let Some(op) = self.comparison_operator() {
            ops.push((op, self.binary(LOOSEST_BINARY)?));
        }
        let kind = ExprKind::Compare {
            left: Box::new(left),
            ops,
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    /// Consumes a comparison operator, if one is next.
    fn comparison_operator(&mut self) -> Option<CmpOp> {
        let op = match (self.peek(), self.peek_second()) {
            (Tok::Keyword("in"), _) => CmpOp::In,
            (Tok::Keyword("not"), Tok::Keyword("in")) => CmpOp::NotIn,
            (Tok::Keyword("is"), Tok::Keyword("not")) => CmpOp::IsNot,
            (Tok::Keyword("is"), _) => CmpOp::Is,
            (Tok::Op(symbol), _) => COMPARISON_OPERATORS
                .iter()
                .find(|(s, _)| *s == symbol)
                .map(|(_, op)| *op)?,
            _ => return None,
        };
        self.advance();
        if matches!(op, CmpOp::NotIn | CmpOp::IsNot) {
            self.advance();
        }
        Some(op)
    }

    /// The binary operators from `|` down to `*`.
    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(LOOSEST_BINARY)
    }

    /// Precedence climbing: an operand and the operators of at least `min_precedence` after it.
    fn binary(&mut self, min_precedence: u8) -> PResult<Expr> {
        let start = self.start();
        let left = self.factor()?;
        if self.binary_operator(min_precedence).is_some() {
            self.chained(|p| p.binary_operations(start, left, min_precedence))
        } else {
            Ok(left)
        }
    }

    fn binary_operations(&mut self, start: u32, mut left: Expr, min_precedence: u8) -> PResult<Expr> {
        while let Some((op, precedence)) = self.binary_operator(min_precedence) {
            self.advance();
            self.deepen()?;
            let right = self.binary(precedence + 1)?;
            left = self.binary_node(op, left, right, start);
        }
        Ok(left)
    }

    /// The binary operator next, if it binds at least as tightly as `min_precedence`.
    fn binary_operator(&self, min_precedence: u8) -> Option<(BinOp, u8)> {
        let Tok::Op(symbol) = self.peek() else {
            return None;
        };
        BINARY_OPERATORS
            .iter()
            .find(|(s, _, precedence)| *s == symbol && *precedence >= min_precedence)
            .map(|(_, op, precedence)| (*op, *precedence))
    }

    fn binary_node(&self, op: BinOp, left: Expr, right: Expr, start: u32) -> Expr {
        let kind = ExprKind::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        };
        Expr::new(kind, self.span_from(start))
    }

    /// Unary `-`, `+`, `~`, or a power.
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Op("-") => UnaryOp::Neg,
            Tok::Op("+") => UnaryOp::Pos,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.unary(op, Self::factor)
    }

    fn unary(&mut self, op: UnaryOp, operand: fn(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        let start = self.start();
        self.advance();
        let operand = self.nested_expr(operand)?;
        let kind = ExprKind::Unary {
            op,
            operand: Box::new(operand),
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    /// `base ** exponent`: right-associative, and tighter than a unary operator on its left
    /// but not on its right (`-2**-1` is `-(2**(-1))`). The base may be `await primary`.
    fn power(&mut self) -> PResult<Expr> {
        let start = self.start();
        let base = if self.at_keyword("await") {
            self.await_expr()?
        } else {
            self.primary()?
        };
        if self.at_op("**") {
            self.exponent(start, base)
        } else {
            Ok(base)
        }
    }

    fn exponent(&mut self, start: u32, base: Expr) -> PResult<Expr> {
        self.advance();
        let exponent = self.nested_expr(Self::factor)?;
        Ok(self.binary_node(BinOp::Pow, base, exponent, start))
    }

    /// `await` and a primary.
    fn await_expr(&mut self) -> PResult<Expr> {
        let start = self.start();
        self.advance();
        let value = self.primary()?;
        Ok(Expr::new(ExprKind::Await(Box::new(value)), self.span_from(start)))
    }
}

/// A value may not be a lone `*a`.
pub(crate) fn reject_star(value: Expr) -> PResult<Expr> {
    match value.kind {
        ExprKind::Starred(_) => Err(error(value.span, "can't use starred expression here")),
        _ => Ok(value),
    }
}
