//! `format(i, spec)` for ints, following `format_long_internal` in CPython's
//! Python/formatter_unicode.c; the float types convert the int to a float first.

use super::float::{Presentation, format_as_float};
use super::layout::{Number, render_number};
use super::spec::{FormatSpec, Grouping};

/// `format(i, spec)` for an int: types `b c d o x X n` (`n` as `d`: the C locale), the
/// float types `e E f F g G %` (on the int converted to a float) and none (`d`).
pub fn format_int(i: i64, spec: &FormatSpec) -> Result<String, String> {
    let kind = spec.kind.unwrap_or('d');
    let grouping = spec.validate("int", Some(kind))?;
    match kind {
        'b' | 'c' | 'd' | 'n' | 'o' | 'x' | 'X' => format_integer(i, kind, spec, grouping),
        // An i64 always converts, rounding half to even, as int.__float__.
        _ => format_as_float(i as f64, Presentation::of(Some(kind), "int")?, spec, grouping),
    }
}

fn format_integer(i: i64, kind: char, spec: &FormatSpec, grouping: Option<Grouping>) -> Result<String, String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err("Negative zero coercion (z) not allowed in integer format specifier".to_string());
    }
    if kind == 'c' {
        return format_char(i, spec);
    }
    let magnitude = i.unsigned_abs();
    let (digits, prefix) = match kind {
        'b' => (format!("{magnitude:b}"), "0b"),
        'o' => (format!("{magnitude:o}"), "0o"),
        'x' => (format!("{magnitude:x}"), "0x"),
        'X' => (format!("{magnitude:X}"), "0X"),
        _ => (magnitude.to_string(), ""),
    };
    let number = Number {
        negative: i < 0,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        point: false,
        remainder: "",
    };
    render_number(&number, spec, grouping)
}

/// Type `c`: the character with code point `i`, padded like a number.
fn format_char(i: i64, spec: &FormatSpec) -> Result<String, String> {
    if spec.sign.is_some() {
        return Err("Sign not allowed with integer format specifier 'c'".to_string());
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string());
    }
    let code = u32::try_from(i)
        .ok()
        .filter(|&code| code < 0x11_0000)
        .ok_or("%c arg not in range(0x110000)")?;
    // Python makes a one-character string holding the surrogate; a Rust string cannot.
    let c =
        char::from_u32(code).ok_or_else(|| format!("%c arg {code:#x} is a surrogate, which has no text of its own"))?;
    let mut utf8 = [0; 4];
    let number = Number {
        negative: false,
        prefix: "",
        digits: "",
        point: false,
        remainder: c.encode_utf8(&mut utf8),
    };
    render_number(&number, spec, None)
}
