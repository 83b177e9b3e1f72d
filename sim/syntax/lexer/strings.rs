//! String literals: prefixes, the extent of a quoted literal (single, triple, and RON's raw
//! `r#"..."#`), and the decoding of escape sequences in its body.

use super::super::{Dialect, SyntaxError};
use super::source::{PResult, Source};

/// A string literal as the lexer found it; the body is decoded by whoever uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StrToken {
    /// Fragment offsets of the text between the quotes.
    pub(crate) body_start: usize,
    pub(crate) body_end: usize,
    /// Escapes are not decoded (`r"..."`).
    pub(crate) raw: bool,
    /// An f-string: the body holds replacement fields.
    pub(crate) format: bool,
}

/// What the letters before a quote say about the literal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prefix {
    raw: bool,
    format: bool,
    bytes: bool,
}

impl Prefix {
    /// The prefix spelled `word` (any case), or `None` when `word` is not a string prefix.
    pub(crate) fn parse(word: &str) -> Option<Prefix> {
        let (raw, format, bytes) = match word.to_ascii_lowercase().as_str() {
            "" | "u" => (false, false, false),
            "r" => (true, false, false),
            "f" => (false, true, false),
            "rf" | "fr" => (true, true, false),
            "b" => (false, false, true),
            "rb" | "br" => (true, false, true),
            _ => return None,
        };
        Some(Prefix { raw, format, bytes })
    }
}

/// Scans the Python literal that starts at `start` and whose opening quote is at `quote`:
/// the token and the offset just past the closing quote. A backslash always keeps the next
/// character from closing the literal, even in a raw string (as in Python).
pub(crate) fn scan_quoted(
    src: &Source,
    start: usize,
    quote: usize,
    end: usize,
    prefix: Prefix,
) -> PResult<(StrToken, usize)> {
    let text = &src.text[..end];
    let quote_char = &text[quote..=quote];
    let triple = quote_char.repeat(3);
    let delimiter = if text[quote..].starts_with(&triple) {
        triple.as_str()
    } else {
        quote_char
    };
    let body_start = quote + delimiter.len();
    let mut pos = body_start;
    loop {
        let rest = &text[pos..];
        let Some(c) = rest.chars().next() else {
            return Err(unterminated(src, start, pos, delimiter.len() == 3));
        };
        if rest.starts_with(delimiter) {
            break;
        }
        if matches!(c, '\n' | '\r') && delimiter.len() == 1 {
            return Err(unterminated(src, start, pos, false));
        }
        pos += c.len_utf8();
        if c == '\\' {
            let escaped = &rest[1..];
            pos += if escaped.starts_with("\r\n") {
                2
            } else {
                escaped.chars().next().map_or(0, char::len_utf8)
            };
        }
    }
    let literal_end = pos + delimiter.len();
    if prefix.bytes {
        return Err(src.error(start, literal_end, "bytes are not supported"));
    }
    let token = StrToken {
        body_start,
        body_end: pos,
        raw: prefix.raw,
        format: prefix.format,
    };
    Ok((token, literal_end))
}

fn unterminated(src: &Source, start: usize, pos: usize, triple: bool) -> SyntaxError {
    let kind = if triple { "triple-quoted " } else { "" };
    src.error(start, pos, format!("unterminated {kind}string literal"))
}

/// Scans RON's raw string `r"..."`, `r#"..."#`, ...: `start` is at the `r`. Nothing inside is
/// an escape; the literal ends at the first `"` followed by as many `#` as it opened with.
pub(crate) fn scan_ron_raw(src: &Source, start: usize, end: usize) -> PResult<(StrToken, usize)> {
    let text = &src.text[..end];
    let hashes = text[start + 1..].len() - text[start + 1..].trim_start_matches('#').len();
    let quote = start + 1 + hashes;
    if !text[quote..].starts_with('"') {
        return Err(src.error(start, quote, "expected '\"' to start the raw string"));
    }
    let closing = format!("\"{}", "#".repeat(hashes));
    let body_start = quote + 1;
    let Some(body_len) = text[body_start..].find(&closing) else {
        return Err(src.error(start, end, "unterminated raw string literal"));
    };
    let token = StrToken {
        body_start,
        body_end: body_start + body_len,
        raw: true,
        format: false,
    };
    Ok((token, body_start + body_len + closing.len()))
}

/// The value of the fragment bytes `start..end`, either verbatim (`raw`) or with escapes decoded.
pub(crate) fn string_value(src: &Source, start: usize, end: usize, raw: bool) -> PResult<String> {
    if raw {
        Ok(src.text[start..end].to_string())
    } else {
        decode_escapes(src, start, end)
    }
}

/// Replaces Python's escape sequences (and in RON also `\u{...}`) in `src.text[start..end]`.
/// An unknown escape such as `\d` stays as written, as in Python.
pub(crate) fn decode_escapes(src: &Source, start: usize, end: usize) -> PResult<String> {
    let body = &src.text[start..end];
    let mut value = String::with_capacity(body.len());
    let mut pos = 0;
    while let Some(found) = body[pos..].find('\\') {
        let backslash = pos + found;
        value.push_str(&body[pos..backslash]);
        let after = backslash + 1;
        let (escape, len) = escape(&body[after..], src.dialect)
            .map_err(|(len, message)| src.error(start + backslash, start + after + len, message))?;
        match escape {
            Escape::Char(c) => value.push(c),
            Escape::LineContinuation => {}
            Escape::Unknown => value.push('\\'),
        }
        pos = after + len;
    }
    value.push_str(&body[pos..]);
    Ok(value)
}

/// What a backslash and the text after it stand for.
enum Escape {
    Char(char),
    /// A backslash at the end of a line: both vanish.
    LineContinuation,
    /// Not an escape: the backslash stands for itself.
    Unknown,
}

type EscapeResult = Result<(Escape, usize), (usize, String)>;

/// The escape whose text after the backslash is `rest`: what it stands for and how many bytes
/// of `rest` it uses, or the length of the bad part and a message.
fn escape(rest: &str, dialect: Dialect) -> EscapeResult {
    let Some(letter) = rest.chars().next() else {
        return Ok((Escape::Unknown, 0));
    };
    let char = |c: char| Ok((Escape::Char(c), 1));
    match letter {
        '\n' => Ok((Escape::LineContinuation, 1)),
        '\r' => Ok((
            Escape::LineContinuation,
            if rest[1..].starts_with('\n') { 2 } else { 1 },
        )),
        '\\' | '\'' | '"' => char(letter),
        'a' => char('\x07'),
        'b' => char('\x08'),
        'f' => char('\x0c'),
        'n' => char('\n'),
        'r' => char('\r'),
        't' => char('\t'),
        'v' => char('\x0b'),
        '0'..='7' => octal_escape(rest),
        'x' => hex_escape(rest, 2),
        'u' if dialect == Dialect::Ron && rest[1..].starts_with('{') => braced_unicode_escape(rest),
        'u' => hex_escape(rest, 4),
        'U' => hex_escape(rest, 8),
        'N' => Err((1, "\\N{...} escapes are not supported".to_string())),
        _ => Ok((Escape::Unknown, 0)),
    }
}

/// `\o`, `\oo` or `\ooo`.
fn octal_escape(rest: &str) -> EscapeResult {
    let len = rest.bytes().take(3).take_while(|b| (b'0'..=b'7').contains(b)).count();
    code_point(u32::from_str_radix(&rest[..len], 8).unwrap_or(0), len)
}

/// `\xhh`, `\uhhhh`, `\Uhhhhhhhh`: exactly `digits` hex digits after the letter.
fn hex_escape(rest: &str, digits: usize) -> EscapeResult {
    let hex = rest
        .get(1..=digits)
        .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
    match hex.and_then(|hex| u32::from_str_radix(hex, 16).ok()) {
        Some(value) => code_point(value, 1 + digits),
        None => {
            let letter = &rest[..1];
            Err((
                1,
                format!("invalid \\{letter} escape: expected {digits} hex digits after '\\{letter}'"),
            ))
        }
    }
}

/// RON's `\u{1F600}`: one to six hex digits in braces.
fn braced_unicode_escape(rest: &str) -> EscapeResult {
    let digits = rest[2..].find('}').map(|close| &rest[2..2 + close]);
    let valid = digits.filter(|d| (1..=6).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_hexdigit()));
    match valid.and_then(|d| u32::from_str_radix(d, 16).ok()) {
        Some(value) => code_point(value, 3 + valid.map_or(0, str::len)),
        None => Err((
            1,
            "invalid \\u{...} escape: expected 1 to 6 hex digits in braces".to_string(),
        )),
    }
}

fn code_point(value: u32, len: usize) -> EscapeResult {
    match char::from_u32(value) {
        Some(c) => Ok((Escape::Char(c), len)),
        None => Err((len, format!("escape sequence U+{value:04X} is not a valid character"))),
    }
}
