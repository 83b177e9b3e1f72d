//! The text being parsed: the fragment itself, where it sits in its file and its dialect.
//! Everything that turns a fragment offset into a file span goes through here.

use super::super::{Dialect, Span, SyntaxError, TextOrigin};

pub(crate) type PResult<T> = Result<T, SyntaxError>;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Source<'a> {
    pub(crate) text: &'a str,
    pub(crate) origin: TextOrigin<'a>,
    pub(crate) dialect: Dialect,
}

impl<'a> Source<'a> {
    pub(crate) fn new(text: &'a str, origin: TextOrigin<'a>, dialect: Dialect) -> Source<'a> {
        Source { text, origin, dialect }
    }

    pub(crate) fn python(text: &'a str, origin: TextOrigin<'a>) -> Source<'a> {
        Source::new(text, origin, Dialect::Python)
    }

    pub(crate) fn is_ron(&self) -> bool {
        self.dialect == Dialect::Ron
    }

    /// File offset of fragment byte `i`.
    pub(crate) fn offset(&self, i: usize) -> u32 {
        self.origin.abs(i)
    }

    /// File span of fragment bytes `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        self.origin.span(start, end)
    }

    pub(crate) fn error(&self, start: usize, end: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span: self.span(start, end),
        }
    }
}
