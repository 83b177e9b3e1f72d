//! Strings: `repr(s)` (`unicode_repr` in CPython's Objects/unicodeobject.c), the escaping
//! of `ascii()`, and `format(s, spec)` (`format_string_internal` in
//! Python/formatter_unicode.c).

use super::layout::pad;
use super::spec::{Align, FormatSpec, Sign, unknown_code};
use super::unicode::is_printable;

/// `repr(s)`: single quotes unless `s` contains `'` and no `"`; backslash, the quote,
/// `\n \r \t` escaped, other non-printable characters as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        push_escaped(&mut out, c, quote);
    }
    out.push(quote);
    out
}

/// `ascii()` of an object given its repr: every non-ASCII character escaped as `\xhh`,
/// `\uhhhh` or `\Uhhhhhhhh` (the "backslashreplace" error handler of `PyObject_ASCII`).
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_code(&mut out, c);
        }
    }
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ if c == quote => {
            out.push('\\');
            out.push(c);
        }
        _ if is_printable(c) => out.push(c),
        _ => push_code(out, c),
    }
}

/// `c` as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
fn push_code(out: &mut String, c: char) {
    let (prefix, width) = match u32::from(c) {
        ..0x100 => ("\\x", 2),
        0x100..0x1_0000 => ("\\u", 4),
        _ => ("\\U", 8),
    };
    out.push_str(prefix);
    out.push_str(&format!("{:0width$x}", u32::from(c)));
}

/// `format(s, spec)` for a string: type `s` or none; fill, alignment (`<` by default),
/// width and precision, which truncates to that many characters.
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, String> {
    let kind = spec.kind.unwrap_or('s');
    spec.validate("str", Some(kind))?;
    if kind != 's' {
        return Err(unknown_code(kind, "str"));
    }
    let (fill, align) = spec.fill_align(Align::Left);
    let refusal = match (spec.sign, align) {
        (Some(Sign::Space), _) => Some("Space not allowed"),
        (Some(_), _) => Some("Sign not allowed"),
        _ if spec.no_neg_zero => Some("Negative zero coercion (z) not allowed"),
        _ if spec.alternate => Some("Alternate form (#) not allowed"),
        (None, Align::AfterSign) => Some("'=' alignment not allowed"),
        (None, _) => None,
    };
    if let Some(refusal) = refusal {
        return Err(format!("{refusal} in string format specifier"));
    }
    let text = match spec.precision {
        Some(precision) => s.char_indices().nth(precision).map_or(s, |(end, _)| &s[..end]),
        None => s,
    };
    pad(&[], &[text], fill, align, spec.width)
}
