//! Assignment and deletion targets: parsing target lists where only a target may stand
//! (`for` and comprehensions, `with ... as`), and checking an expression that turned out to be
//! a target, with Python's messages for those that cannot be one.

use super::super::ast::{CompKind, Expr, ExprKind};
use super::super::lexer::PResult;
use super::{Parser, error};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TargetUse {
    Assign,
    Delete,
}

impl Parser<'_> {
    /// A whole assignment target list, as in `parse_target`.
    pub(crate) fn assignment_target(&mut self) -> PResult<Expr> {
        let target = self.star_expressions_or_star()?;
        check_target(&target, TargetUse::Assign)?;
        Ok(target)
    }

    /// `a`, `a, *b`, `(a, b), c,` before `in`: the target of `for` and of a comprehension.
    pub(crate) fn target_list(&mut self) -> PResult<Expr> {
        let start = self.start();
        let first = self.target_item()?;
        let target = if self.at_op(",") {
            let (items, _) = self.comma_list(first, Self::target_item, Self::starts_expression)?;
            Expr::new(ExprKind::Tuple(items), self.span_from(start))
        } else {
            first
        };
        check_target(&target, TargetUse::Assign)?;
        Ok(target)
    }

    /// One target, as after `with ... as`.
    pub(crate) fn single_target(&mut self) -> PResult<Expr> {
        let target = self.target_item()?;
        check_target(&target, TargetUse::Assign)?;
        Ok(target)
    }

    /// An item of a target list, parsed as an operand so that `in` and `=` end it.
    pub(crate) fn target_item(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            self.starred()
        } else {
            self.bitwise_or()
        }
    }
}

/// Checks that `target` can be assigned to (or deleted): a name, attribute, subscript, or a
/// tuple or list of targets with at most one starred item.
pub(crate) fn check_target(target: &Expr, usage: TargetUse) -> PResult<()> {
    match &target.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => check_target_items(items, usage),
        ExprKind::Starred(_) if usage == TargetUse::Delete => Err(error(target.span, "cannot delete starred")),
        ExprKind::Starred(_) => Err(error(
            target.span,
            "starred assignment target must be in a list or tuple",
        )),
        _ => {
            let verb = match usage {
                TargetUse::Assign => "assign to",
                TargetUse::Delete => "delete",
            };
            Err(error(target.span, format!("cannot {verb} {}", describe(target))))
        }
    }
}

fn check_target_items(items: &[Expr], usage: TargetUse) -> PResult<()> {
    let mut starred = false;
    for item in items {
        match &item.kind {
            ExprKind::Starred(_) if usage == TargetUse::Delete => {
                return Err(error(item.span, "cannot delete starred"));
            }
            ExprKind::Starred(_) if starred => {
                return Err(error(item.span, "multiple starred expressions in assignment"));
            }
            ExprKind::Starred(inner) => {
                starred = true;
                check_target(inner, usage)?;
            }
            _ => check_target(item, usage)?,
        }
    }
    Ok(())
}

/// The target of `x += 1`: a name, attribute or subscript only.
pub(crate) fn check_augmented_target(target: &Expr) -> PResult<()> {
    match target.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        _ => Err(error(
            target.span,
            format!(
                "'{}' is an illegal expression for augmented assignment",
                describe(target)
            ),
        )),
    }
}

/// The target of `x: int = 1`: a single name, attribute or subscript.
pub(crate) fn check_annotated_target(target: &Expr) -> PResult<()> {
    match target.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(_) | ExprKind::List(_) => Err(error(
            target.span,
            format!("only single target (not {}) can be annotated", describe(target)),
        )),
        _ => Err(error(target.span, "illegal target for annotation")),
    }
}

/// What Python calls an expression in its "cannot assign to ..." messages.
fn describe(expr: &Expr) -> &'static str {
    match &expr.kind {
        ExprKind::None => "None",
        ExprKind::Bool(true) => "True",
        ExprKind::Bool(false) => "False",
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Name(_) => "name",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Call { .. } => "function call",
        ExprKind::Unary { .. } | ExprKind::Binary { .. } | ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Set(_) => "set display",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Starred(_) => "starred",
        ExprKind::Comprehension { kind, .. } => match kind {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        },
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
    }
}
