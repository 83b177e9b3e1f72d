//! Python statements in a module: the layout of lines and indented blocks, and the simple
//! statements (`pass`, `return`, `raise`, `del`, ...). Compound statements and expression
//! statements (assignments) have their own modules.

mod assignment;
mod compound;

use super::TextOrigin;
use super::ast::{Expr, Stmt, StmtKind};
use super::lexer::{PResult, Source, Tok};
use super::parser::{Parser, TargetUse, check_target};

const IMPORT: &str = "import is not supported: the modules are always available";

pub(super) fn parse_module(text: &str, origin: TextOrigin) -> PResult<Vec<Stmt>> {
    Parser::new(Source::python(text, origin), 0..text.len(), true, 0)?.parse_all(|p| {
        let mut body = Vec::new();
        while !p.at_end() {
            p.statement(&mut body)?;
        }
        Ok(body)
    })
}

impl Parser<'_> {
    /// One line of simple statements, or one compound statement, appended to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        match self.peek() {
            Tok::Indent => Err(self.error_here("unexpected indent")),
            Tok::Op("@") | Tok::Keyword("if" | "while" | "for" | "try" | "with" | "def" | "class" | "async") => {
                out.push(self.compound_statement()?);
                Ok(())
            }
            Tok::Keyword(clause @ ("elif" | "else" | "except" | "finally")) => {
                let owner = match clause {
                    "elif" => "'if'",
                    "else" => "'if', 'for', 'while' or 'try'",
                    _ => "'try'",
                };
                Err(self.error_here(format!("invalid syntax: '{clause}' without {owner}")))
            }
            _ => self.simple_statements(out),
        }
    }

    /// `: body` after a compound statement's header: either simple statements on the same
    /// line, or an indented block on the following lines. `owner` names the statement for the
    /// error message.
    fn block(&mut self, owner: &str) -> PResult<Vec<Stmt>> {
        self.expect_op(":")?;
        let mut body = Vec::new();
        if !self.eat(Tok::Newline) {
            self.simple_statements(&mut body)?;
            return Ok(body);
        }
        if !self.eat(Tok::Indent) {
            return Err(self.error_here(format!("expected an indented block after {owner}")));
        }
        self.nested_block(|p| {
            while !p.eat(Tok::Dedent) && !p.at_end() {
                p.statement(&mut body)?;
            }
            Ok(body)
        })
    }

    /// `stmt; stmt;` and the end of the line.
    fn simple_statements(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.simple_statement()?);
            if !self.eat_op(";") || self.peek() == Tok::Newline {
                break;
            }
        }
        self.expect_newline()
    }

    fn simple_statement(&mut self) -> PResult<Stmt> {
        let start = self.start();
        let Tok::Keyword(keyword) = self.peek() else {
            return self.expression_statement();
        };
        let kind = match keyword {
            "pass" => self.keyword_only(StmtKind::Pass),
            "break" => self.keyword_only(StmtKind::Break),
            "continue" => self.keyword_only(StmtKind::Continue),
            "return" => self.return_statement()?,
            "raise" => self.raise_statement()?,
            "assert" => self.assert_statement()?,
            "del" => self.del_statement()?,
            "global" => StmtKind::Global(self.names()?),
            "nonlocal" => StmtKind::Nonlocal(self.names()?),
            "import" | "from" => return Err(self.error_here(IMPORT)),
            _ => return self.expression_statement(),
        };
        Ok(Stmt::new(kind, self.span_from(start)))
    }

    fn keyword_only(&mut self, kind: StmtKind) -> StmtKind {
        self.advance();
        kind
    }

    fn return_statement(&mut self) -> PResult<StmtKind> {
        self.advance();
        let value = self.optional_value(Self::star_expressions)?;
        Ok(StmtKind::Return(value))
    }

    /// `raise [exc [from cause]]`.
    fn raise_statement(&mut self) -> PResult<StmtKind> {
        self.advance();
        let exc = self.optional_value(Self::expression)?;
        let cause = if exc.is_some() && self.eat_keyword("from") {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(StmtKind::Raise { exc, cause })
    }

    /// `assert test [, msg]`.
    fn assert_statement(&mut self) -> PResult<StmtKind> {
        self.advance();
        let test = self.expression()?;
        let msg = if self.eat_op(",") {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(StmtKind::Assert { test, msg })
    }

    /// `del a, b[0], c.d`.
    fn del_statement(&mut self) -> PResult<StmtKind> {
        self.advance();
        let first = self.target_item()?;
        let (targets, _) = self.comma_list(first, Self::target_item, Self::starts_expression)?;
        for target in &targets {
            check_target(target, TargetUse::Delete)?;
        }
        Ok(StmtKind::Delete(targets))
    }

    /// The names of `global` and `nonlocal`.
    fn names(&mut self) -> PResult<Vec<String>> {
        self.advance();
        let name = |p: &mut Self| Ok(p.expect_name("a name")?.0);
        let first = name(self)?;
        let (names, _) = self.comma_list(first, name, |_| true)?;
        Ok(names)
    }

    /// `parse` if an expression follows, otherwise nothing.
    fn optional_value(&mut self, parse: fn(&mut Self) -> PResult<Expr>) -> PResult<Option<Expr>> {
        if self.starts_expression() {
            parse(self).map(Some)
        } else {
            Ok(None)
        }
    }
}
