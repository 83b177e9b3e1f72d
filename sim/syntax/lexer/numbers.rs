//! Numeric literals: integers in bases 10, 16, 8 and 2 and floats, with single `_` between
//! digits, checked the way CPython's tokenizer checks them.

use super::{Tok, is_identifier_continue};

/// Why a literal is invalid; offsets are relative to the literal's start.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct NumberError {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) message: String,
}

impl NumberError {
    fn new(start: usize, end: usize, message: impl Into<String>) -> NumberError {
        NumberError {
            start,
            end,
            message: message.into(),
        }
    }

    /// An error about the character at `at` (an empty span at the end of `text`).
    fn at(text: &str, at: usize, message: impl Into<String>) -> NumberError {
        let len = text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        NumberError::new(at, at + len, message)
    }
}

/// Scans the numeric literal at the start of `text`: its token and its length in bytes.
pub(crate) fn scan(text: &str) -> Result<(Tok<'static>, usize), NumberError> {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.get(1).map(u8::to_ascii_lowercase)) {
        (Some(b'0'), Some(b'x')) => prefixed(text, 16, "hexadecimal"),
        (Some(b'0'), Some(b'o')) => prefixed(text, 8, "octal"),
        (Some(b'0'), Some(b'b')) => prefixed(text, 2, "binary"),
        _ => decimal(text),
    }
}

/// `0x1f`, `0o17`, `0b_1010`: the prefix may be followed by one `_`.
fn prefixed(text: &str, radix: u32, base: &str) -> Result<(Tok<'static>, usize), NumberError> {
    let invalid = |at: usize| NumberError::at(text, at, format!("invalid {base} literal"));
    let mut digits = Digits::new(text, 2);
    if digits.peek() == Some(b'_') {
        digits.pos += 1;
    }
    let has_digits = digits.run(radix).map_err(invalid)?;
    let len = digits.pos;
    match identifier_char_at(text, len) {
        Some(c) if c.is_ascii_digit() => {
            let message = format!("invalid digit '{c}' in {base} literal");
            return Err(NumberError::at(text, len, message));
        }
        Some(_) => return Err(invalid(len)),
        None if !has_digits => return Err(invalid(len)),
        None => {}
    }
    let value = i64::from_str_radix(&without_underscores(&text[2..len]), radix).map_err(|_| too_large(len))?;
    Ok((Tok::Int(value), len))
}

/// `12`, `1_000`, `1.`, `.5`, `1e5`, `1_0.5e-3`.
fn decimal(text: &str) -> Result<(Tok<'static>, usize), NumberError> {
    let invalid = |at: usize| NumberError::at(text, at, "invalid decimal literal");
    let mut digits = Digits::new(text, 0);
    digits.run(10).map_err(invalid)?;
    let mut is_float = false;
    if digits.peek() == Some(b'.') {
        digits.pos += 1;
        digits.run(10).map_err(invalid)?;
        is_float = true;
    }
    if matches!(digits.peek(), Some(b'e' | b'E')) {
        digits.pos += 1;
        if matches!(digits.peek(), Some(b'+' | b'-')) {
            digits.pos += 1;
        }
        if !digits.run(10).map_err(invalid)? {
            return Err(invalid(digits.pos));
        }
        is_float = true;
    }
    let len = digits.pos;
    if let Some(c) = identifier_char_at(text, len) {
        if matches!(c, 'j' | 'J') {
            return Err(NumberError::new(0, len + 1, "imaginary numbers are not supported"));
        }
        return Err(invalid(len));
    }
    let literal = without_underscores(&text[..len]);
    if is_float {
        let value = literal.parse().map_err(|_| invalid(0))?;
        return Ok((Tok::Float(value), len));
    }
    if literal.starts_with('0') && literal.bytes().any(|b| b != b'0') {
        return Err(NumberError::new(
            0,
            len,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        ));
    }
    let value = literal.parse().map_err(|_| too_large(len))?;
    Ok((Tok::Int(value), len))
}

fn too_large(len: usize) -> NumberError {
    NumberError::new(0, len, "integer literal too large")
}

fn identifier_char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next().filter(|c| is_identifier_continue(*c))
}

fn without_underscores(digits: &str) -> String {
    digits.chars().filter(|c| *c != '_').collect()
}

/// A cursor over the ASCII digits of a literal.
struct Digits<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Digits<'_> {
    fn new(text: &str, pos: usize) -> Digits<'_> {
        Digits {
            bytes: text.as_bytes(),
            pos,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn is_digit_at(&self, at: usize, radix: u32) -> bool {
        self.bytes.get(at).is_some_and(|b| char::from(*b).is_digit(radix))
    }

    /// Consumes `digit ('_'? digit)*`: whether there was a digit, or the offset of a `_` that
    /// is not followed by a digit.
    fn run(&mut self, radix: u32) -> Result<bool, usize> {
        let start = self.pos;
        while self.is_digit_at(self.pos, radix) {
            self.pos += 1;
            if self.peek() == Some(b'_') {
                if !self.is_digit_at(self.pos + 1, radix) {
                    return Err(self.pos);
                }
                self.pos += 1;
            }
        }
        Ok(self.pos > start)
    }
}
