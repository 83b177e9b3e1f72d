//! F-string bodies, as CPython 3.11 parses them: literal text with `{{` and `}}`, and
//! replacement fields `{expr=!conv:spec}` whose expression is found by scanning to the
//! matching `}`, `!`, `:` or `=` (respecting brackets and quotes) and then parsed on its own.
//! A format spec is itself literal text and fields, nested at most one level.

use std::ops::Range;

use super::super::ast::{Expr, FPart};
use super::super::lexer::{PResult, Source, string_value};
use super::{MAX_DEPTH, Parser, SyntaxError, TOO_DEEP};

/// Fields inside a format spec may have a spec, but the fields in that may not.
const MAX_SPEC_NESTING: usize = 2;

const BACKSLASH: &str = "f-string expression part cannot include a backslash";

/// The parts of the f-string body `src.text[range]`; `escapes` says whether backslash escapes
/// in its literal text are decoded. `depth` is the nesting of the expression it is part of.
pub(crate) fn parse_body(src: Source, range: Range<usize>, escapes: bool, depth: usize) -> PResult<Vec<FPart>> {
    let body = Body {
        src,
        end: range.end,
        escapes,
        depth,
    };
    let (parts, _) = body.parts(range.start, 0)?;
    Ok(parts)
}

/// Appends a part, merging adjacent literal text and dropping empty text.
pub(crate) fn push_part(parts: &mut Vec<FPart>, part: FPart) {
    match part {
        FPart::Literal(text) => push_literal(parts, text),
        field => parts.push(field),
    }
}

pub(crate) fn push_literal(parts: &mut Vec<FPart>, text: String) {
    if text.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(FPart::Literal(last)) => last.push_str(&text),
        _ => parts.push(FPart::Literal(text)),
    }
}

struct Body<'a> {
    src: Source<'a>,
    end: usize,
    escapes: bool,
    depth: usize,
}

impl Body<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        if i < self.end {
            self.src.text.as_bytes().get(i).copied()
        } else {
            None
        }
    }

    /// An error about the character at `at`.
    fn error(&self, at: usize, message: &str) -> SyntaxError {
        let len = self.src.text[..self.end]
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        self.src.error(at, at + len, message)
    }

    /// Literal text and fields from `pos` to the end of the body or, inside a format spec
    /// (`spec_level > 0`), to the spec's closing `}`: the parts and where they stopped.
    fn parts(&self, mut pos: usize, spec_level: usize) -> PResult<(Vec<FPart>, usize)> {
        let mut parts = Vec::new();
        let mut literal = pos;
        loop {
            let byte = self.byte(pos);
            let doubled = spec_level == 0 && byte.is_some() && self.byte(pos + 1) == byte;
            match byte {
                None if spec_level > 0 => return Err(self.error(pos, "f-string: expecting '}'")),
                None => {
                    self.push_text(&mut parts, literal..pos)?;
                    return Ok((parts, pos));
                }
                Some(b'{' | b'}') if doubled => {
                    self.push_text(&mut parts, literal..pos + 1)?;
                    pos += 2;
                    literal = pos;
                }
                Some(b'}') if spec_level == 0 => {
                    return Err(self.error(pos, "f-string: single '}' is not allowed"));
                }
                Some(b'}') => {
                    self.push_text(&mut parts, literal..pos)?;
                    return Ok((parts, pos));
                }
                Some(b'{') => {
                    self.push_text(&mut parts, literal..pos)?;
                    let (field, next) = self.field(pos + 1, spec_level)?;
                    parts.push(field);
                    pos = next;
                    literal = pos;
                }
                Some(_) => pos += 1,
            }
        }
    }

    fn push_text(&self, parts: &mut Vec<FPart>, range: Range<usize>) -> PResult<()> {
        let text = string_value(&self.src, range.start, range.end, !self.escapes)?;
        push_literal(parts, text);
        Ok(())
    }

    /// The field whose expression starts at `start` (after its `{`): the part and the offset
    /// after its closing `}`.
    fn field(&self, start: usize, spec_level: usize) -> PResult<(FPart, usize)> {
        if spec_level >= MAX_SPEC_NESTING {
            return Err(self.error(start - 1, "f-string: expressions nested too deeply"));
        }
        let mut pos = self.expression_end(start)?;
        let expr = self.expression(start..pos)?;
        let debug_text = if self.byte(pos) == Some(b'=') {
            pos += 1;
            while self.byte(pos).is_some_and(|b| b.is_ascii_whitespace()) {
                pos += 1;
            }
            Some(self.src.text[start..pos].to_string())
        } else {
            None
        };
        let conversion = if self.byte(pos) == Some(b'!') {
            let conversion = self.conversion(pos + 1)?;
            pos += 2;
            Some(conversion)
        } else {
            None
        };
        let spec = if self.byte(pos) == Some(b':') {
            let (spec, end) = self.parts(pos + 1, spec_level + 1)?;
            pos = end;
            spec
        } else {
            Vec::new()
        };
        if self.byte(pos) != Some(b'}') {
            return Err(self.error(pos, "f-string: expecting '}'"));
        }
        let field = FPart::Field {
            expr: Box::new(expr),
            conversion,
            spec,
            debug_text,
        };
        Ok((field, pos + 1))
    }

    /// The conversion character at `at` (after `!`), which must be followed by `:` or `}`.
    fn conversion(&self, at: usize) -> PResult<char> {
        let conversion = match self.byte(at) {
            Some(c @ (b's' | b'r' | b'a')) => char::from(c),
            _ => {
                let message = "f-string: invalid conversion character: expected 's', 'r', or 'a'";
                return Err(self.error(at, message));
            }
        };
        match self.byte(at + 1) {
            Some(b':' | b'}') => Ok(conversion),
            _ => Err(self.error(at + 1, "f-string: expecting '}'")),
        }
    }

    /// Parses a field's expression text on its own, one level deeper.
    fn expression(&self, range: Range<usize>) -> PResult<Expr> {
        if self.src.text[range.clone()].trim().is_empty() {
            return Err(self.error(range.end, "f-string: empty expression not allowed"));
        }
        if self.depth >= MAX_DEPTH {
            return Err(self.error(range.start, TOO_DEEP));
        }
        Parser::new(self.src, range, false, self.depth + 1)?.parse_all(Parser::star_expressions_or_yield)
    }

    /// Where the expression of a field starting at `start` ends: at the first `}`, `!`, `:` or
    /// `=` outside brackets and quotes (but not in `!=`, `==`, `<=`, `>=`).
    fn expression_end(&self, start: usize) -> PResult<usize> {
        let mut brackets = Vec::new();
        let mut pos = start;
        loop {
            let Some(byte) = self.byte(pos) else {
                return Err(self.error(pos, "f-string: expecting '}'"));
            };
            match byte {
                b'\\' => return Err(self.error(pos, BACKSLASH)),
                b'#' => return Err(self.error(pos, "f-string expression part cannot include '#'")),
                b'\'' | b'"' => {
                    pos = self.quoted_end(pos)?;
                    continue;
                }
                b'(' | b'[' | b'{' => brackets.push(byte),
                b')' | b']' | b'}' => match brackets.pop() {
                    None if byte == b'}' => return Ok(pos),
                    None => {
                        return Err(self.error(pos, &format!("f-string: unmatched '{}'", char::from(byte))));
                    }
                    Some(open) if closing(open) != byte => {
                        let message = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            char::from(byte),
                            char::from(open)
                        );
                        return Err(self.error(pos, &message));
                    }
                    Some(_) => {}
                },
                b'!' | b'=' | b'<' | b'>' if brackets.is_empty() && self.byte(pos + 1) == Some(b'=') => pos += 1,
                b'!' | b'=' | b':' if brackets.is_empty() => return Ok(pos),
                _ => {}
            }
            pos += 1;
        }
    }

    /// The offset after the string literal whose opening quote is at `quote`.
    fn quoted_end(&self, quote: usize) -> PResult<usize> {
        let text = &self.src.text[..self.end];
        let quote_char = &text[quote..=quote];
        let triple = quote_char.repeat(3);
        let delimiter = if text[quote..].starts_with(&triple) {
            triple.as_str()
        } else {
            quote_char
        };
        let body = quote + delimiter.len();
        let Some(len) = text[body..].find(delimiter) else {
            return Err(self.error(quote, "f-string: unterminated string"));
        };
        match text[body..body + len].find('\\') {
            Some(backslash) => Err(self.error(body + backslash, BACKSLASH)),
            None => Ok(body + len + delimiter.len()),
        }
    }
}

fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}
