//! Parsing of Python-subset text into the shared syntax tree ([`ast`]).
//!
//! Two dialects share one grammar. `Python` is what expression strings inside a scenario
//! and the built-in library's source use. `Ron` is for the values of a scenario's
//! `globals:` and `objects:` sections, which are RON text: there `true`/`false` are
//! booleans, `//` and `/* */` are comments, `r#"..."#` is a raw string and a call may
//! spell a keyword argument `name: value`.
//!
//! Every function takes a [`TextOrigin`] so that spans point into the scenario file even
//! when the text came out of a RON string. Errors say what was found and what was
//! expected; nothing here panics on any input.

pub mod ast;
mod lexer;
mod parser;
pub mod span;
mod statements;
#[cfg(test)]
mod tests;

use ast::{Expr, FPart, Params, Stmt, WithItem};
pub use span::{Span, TextOrigin};

/// A parse failure: where, and a message that says what was found and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Python,
    Ron,
}

/// `[@decorator ...] [async] name(params)`: the key of a function in a scenario's
/// `functions:` map, or of a method in a class.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub name: String,
    pub name_span: Span,
    pub params: Params,
    pub decorators: Vec<Expr>,
    pub is_async: bool,
}

/// `Name` or `Name(Base, ...)`: the key of a class in a scenario's `classes:` map.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassHeader {
    pub name: String,
    pub name_span: Span,
    pub bases: Vec<Expr>,
}

/// What follows `except` in Python: nothing, a type expression, and optionally `as name`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptClause {
    pub ty: Option<Expr>,
    pub name: Option<(String, Span)>,
}

/// One expression; the whole text must be consumed. A bare tuple (`a, b`) and a top-level
/// `yield`, `yield from` or `await` are accepted.
pub fn parse_expr(text: &str, origin: TextOrigin, dialect: Dialect) -> Result<Expr, SyntaxError> {
    parser::parse_expr(text, origin, dialect)
}

/// An assignment target: a name, attribute, subscript, or a tuple/list of targets (with at
/// most one starred), e.g. `a, b`, `self.x`, `items[i]`.
pub fn parse_target(text: &str, origin: TextOrigin) -> Result<Expr, SyntaxError> {
    parser::parse_target(text, origin)
}

/// The inside of an f-string (no prefix, no quotes), e.g. `Number: {i:>3}`.
pub fn parse_fstring(text: &str, origin: TextOrigin) -> Result<Vec<FPart>, SyntaxError> {
    parser::parse_fstring(text, origin)
}

pub fn parse_signature(text: &str, origin: TextOrigin) -> Result<Signature, SyntaxError> {
    parser::parse_signature(text, origin)
}

pub fn parse_class_header(text: &str, origin: TextOrigin) -> Result<ClassHeader, SyntaxError> {
    parser::parse_class_header(text, origin)
}

/// `""`, `queue.Empty`, `(KeyError, IndexError) as e`, `Exception as e`.
pub fn parse_except_clause(text: &str, origin: TextOrigin) -> Result<ExceptClause, SyntaxError> {
    parser::parse_except_clause(text, origin)
}

/// `lock` or `cond as c`: what follows `with`.
pub fn parse_with_item(text: &str, origin: TextOrigin) -> Result<WithItem, SyntaxError> {
    parser::parse_with_item(text, origin)
}

/// A whole Python-subset source file (indentation-based statements).
pub fn parse_module(text: &str, origin: TextOrigin) -> Result<Vec<Stmt>, SyntaxError> {
    statements::parse_module(text, origin)
}
