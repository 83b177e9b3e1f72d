//! Statements that start with an expression: expression statements, assignments (chained and
//! unpacking), augmented assignments and annotated assignments.

use super::super::ast::{BinOp, Expr, Stmt, StmtKind};
use super::super::lexer::{PResult, Tok};
use super::super::parser::{
    Parser, TargetUse, check_annotated_target, check_augmented_target, check_target, reject_star,
};

const AUGMENTED_OPERATORS: &[(&str, BinOp)] = &[
    ("+=", BinOp::Add),
    ("-=", BinOp::Sub),
    ("*=", BinOp::Mul),
    ("/=", BinOp::Div),
    ("//=", BinOp::FloorDiv),
    ("%=", BinOp::Mod),
    ("**=", BinOp::Pow),
    ("@=", BinOp::MatMul),
    ("<<=", BinOp::LShift),
    (">>=", BinOp::RShift),
    ("&=", BinOp::BitAnd),
    ("|=", BinOp::BitOr),
    ("^=", BinOp::BitXor),
];

impl Parser<'_> {
    pub(super) fn expression_statement(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let first = self.assignment_side()?;
        let kind = if self.at_op(":") {
            self.annotated_assignment(first)?
        } else if let Some(op) = self.augmented_operator() {
            self.augmented_assignment(first, op)?
        } else if self.at_op("=") {
            self.assignment(first)?
        } else {
            StmtKind::Expr(reject_star(first)?)
        };
        Ok(Stmt::new(kind, self.span_from(start)))
    }

    /// Either side of `=`: a `yield`, or expressions where a lone `*a` may still be a target.
    fn assignment_side(&mut self) -> PResult<Expr> {
        if self.at_keyword("yield") {
            self.yield_expr()
        } else {
            self.star_expressions_or_star()
        }
    }

    /// `t1 = t2 = value`.
    fn assignment(&mut self, first: Expr) -> PResult<StmtKind> {
        let mut targets = vec![first];
        let value = loop {
            self.advance();
            let value = self.assignment_side()?;
            if !self.at_op("=") {
                break reject_star(value)?;
            }
            targets.push(value);
        };
        for target in &targets {
            check_target(target, TargetUse::Assign)?;
        }
        Ok(StmtKind::Assign { targets, value })
    }

    fn augmented_operator(&self) -> Option<BinOp> {
        let Tok::Op(symbol) = self.peek() else {
            return None;
        };
        AUGMENTED_OPERATORS
            .iter()
            .find(|(s, _)| *s == symbol)
            .map(|(_, op)| *op)
    }

    fn augmented_assignment(&mut self, target: Expr, op: BinOp) -> PResult<StmtKind> {
        check_augmented_target(&target)?;
        self.advance();
        let value = self.star_expressions_or_yield()?;
        Ok(StmtKind::AugAssign { target, op, value })
    }

    /// `x: int = 1` assigns; a bare `x: int` does nothing at run time.
    fn annotated_assignment(&mut self, target: Expr) -> PResult<StmtKind> {
        check_annotated_target(&target)?;
        self.advance();
        self.expression()?;
        if !self.eat_op("=") {
            return Ok(StmtKind::Pass);
        }
        let value = self.star_expressions_or_yield()?;
        Ok(StmtKind::Assign {
            targets: vec![target],
            value,
        })
    }
}
