//! printf-style formatting, `template % args`, as CPython 3.11's `PyUnicode_Format`
//! (Objects/unicodeobject.c): directives `%[(key)][flags][width][.precision][h|l|L]type`,
//! CPython's rules for the right operand (a tuple gives one argument per directive, a
//! mapping is looked up by key, anything else is a single argument), and its layout of
//! signs, `0x`/`0o` prefixes and padding.
//!
//! The interpreter supplies its values through [`Operand`] (what kind of value an argument
//! is, its `str`/`repr`/`ascii`, and mapping lookups); the directives, the conversions of
//! numbers and every error message are here. Arguments are taken, and errors raised, in the
//! order CPython takes and raises them.

use super::digits::{Decimal, Rounding, rounded};
use super::float::format_float;
use super::spec::FormatSpec;
use std::iter::repeat_n;

/// The Python exception a formatting error raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    Type,
    Value,
    Overflow,
    /// The result would not fit in memory (Python's `MemoryError`).
    Memory,
}

/// A formatting error: the exception's class and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PercentError {
    pub kind: ErrorKind,
    pub message: String,
}

impl PercentError {
    fn new(kind: ErrorKind, message: impl Into<String>) -> PercentError {
        PercentError {
            kind,
            message: message.into(),
        }
    }
}

/// What an argument is, as far as the numeric and `%c` conversions care.
#[derive(Clone, Copy, Debug)]
pub enum Kind<'a> {
    Int(i64),
    /// A `bool`: an int everywhere but in `%s` (which gives `True`).
    Bool(bool),
    Float(f64),
    Str(&'a str),
    /// Anything else.
    Other,
}

/// The interpreter's side of the formatting.
pub trait Operand {
    type Value: Copy;
    type Error;
    fn kind(&self, v: Self::Value) -> Kind<'_>;
    /// The name of `v`'s type, for messages.
    fn type_name(&self, v: Self::Value) -> String;
    /// `str(v)`, `repr(v)` or `ascii(v)`, for `conversion` `s`, `r` or `a`.
    fn text(&mut self, v: Self::Value, conversion: char) -> Result<String, Self::Error>;
    /// `mapping[key]`.
    fn lookup(&mut self, mapping: Self::Value, key: &str) -> Result<Self::Value, Self::Error>;
    /// The exception for a formatting error.
    fn error(&mut self, error: PercentError) -> Self::Error;
}

/// The right operand of `%`.
pub enum Args<V> {
    /// A tuple: its items, one per directive.
    Tuple(Vec<V>),
    /// Any other value; `mapping` when it supports `[key]` (a dict, a list, ...), which
    /// allows `%(key)s` directives and leaving it unused.
    Single { value: V, mapping: bool },
}

/// `template % args`.
pub fn percent_format<O: Operand>(template: &str, args: Args<O::Value>, op: &mut O) -> Result<String, O::Error> {
    let (items, mapping) = match args {
        Args::Tuple(items) => (items, None),
        Args::Single { value, mapping } => (vec![value], mapping.then_some(value)),
    };
    let mut formatter = Formatter {
        chars: template.chars().collect(),
        pos: 0,
        items,
        next: 0,
        mapping,
        out: String::with_capacity(template.len() + 100),
    };
    while let Some(c) = formatter.advance() {
        if c == '%' {
            formatter.directive(op)?;
        } else {
            formatter.out.push(c);
        }
    }
    if formatter.next < formatter.items.len() && formatter.mapping.is_none() {
        return Err(op.error(type_error("not all arguments converted during string formatting")));
    }
    Ok(formatter.out)
}

/// The flags of a directive.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    /// `-`
    left: bool,
    /// `+`
    sign: bool,
    /// ` `
    blank: bool,
    /// `#`
    alternate: bool,
    /// `0`
    zero: bool,
}

/// A parsed directive, as `unicode_format_arg_t`.
#[derive(Clone, Copy, Debug)]
struct Directive {
    kind: char,
    flags: Flags,
    width: Option<usize>,
    precision: Option<usize>,
}

struct Formatter<V> {
    chars: Vec<char>,
    /// The next character of the template.
    pos: usize,
    /// The arguments directives take from: the tuple's items, the single argument, or the
    /// value of the last `%(key)`.
    items: Vec<V>,
    next: usize,
    mapping: Option<V>,
    out: String,
}

impl<V: Copy> Formatter<V> {
    fn advance(&mut self) -> Option<char> {
        let c = self.chars.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    /// The next argument, or CPython's error when there is none.
    fn next_arg<O: Operand<Value = V>>(&mut self, op: &mut O) -> Result<V, O::Error> {
        match self.items.get(self.next) {
            Some(&v) => {
                self.next += 1;
                Ok(v)
            }
            None => Err(op.error(type_error("not enough arguments for format string"))),
        }
    }

    /// One directive, after its `%`: parsed, its argument converted, and written.
    fn directive<O: Operand<Value = V>>(&mut self, op: &mut O) -> Result<(), O::Error> {
        if self.chars.get(self.pos) == Some(&'%') {
            self.pos += 1;
            self.out.push('%');
            return Ok(());
        }
        let directive = self.parse(op)?;
        let v = self.next_arg(op)?;
        let (text, numeric) = match directive.kind {
            's' | 'r' | 'a' => (op.text(v, directive.kind)?, false),
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let name = op.type_name(v);
                let text = integer(op.kind(v), &name, &directive).map_err(|e| op.error(e))?;
                (text, true)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let name = op.type_name(v);
                (real(op.kind(v), &name, &directive).map_err(|e| op.error(e))?, true)
            }
            'c' => (character(op.kind(v)).map_err(|e| op.error(e))?.to_string(), false),
            other => {
                let shown = if (' '..='~').contains(&other) { other } else { '?' };
                let message = format!(
                    "unsupported format character '{shown}' ({:#x}) at index {}",
                    u32::from(other),
                    self.pos - 1
                );
                return Err(op.error(PercentError::new(ErrorKind::Value, message)));
            }
        };
        output(&mut self.out, &directive, &text, numeric).map_err(|e| op.error(e))
    }

    /// `unicode_format_arg_parse`: the key, flags, width, precision and type of a
    /// directive, taking the arguments of `*` and selecting the value of a key on the way.
    fn parse<O: Operand<Value = V>>(&mut self, op: &mut O) -> Result<Directive, O::Error> {
        if self.chars.get(self.pos) == Some(&'(') {
            let Some(mapping) = self.mapping else {
                return Err(op.error(type_error("format requires a mapping")));
            };
            self.pos += 1;
            let start = self.pos;
            let mut depth = 1;
            while depth > 0 {
                match self.advance() {
                    Some(')') => depth -= 1,
                    Some('(') => depth += 1,
                    Some(_) => {}
                    None => return Err(op.error(value_error("incomplete format key"))),
                }
            }
            let key: String = self.chars[start..self.pos - 1].iter().collect();
            let value = op.lookup(mapping, &key)?;
            self.items = vec![value];
            self.next = 0;
        }
        let mut flags = Flags::default();
        let mut ch = self.advance();
        while let Some(c) = ch {
            match c {
                '-' => flags.left = true,
                '+' => flags.sign = true,
                ' ' => flags.blank = true,
                '#' => flags.alternate = true,
                '0' => flags.zero = true,
                _ => break,
            }
            ch = self.advance();
        }
        let mut width = None;
        if ch == Some('*') {
            let n = self.star(op)?;
            if n < 0 {
                flags.left = true;
            }
            width = Some(n.unsigned_abs() as usize);
            ch = self.advance();
        } else if let Some(digit) = ch.and_then(|c| c.to_digit(10)) {
            let (n, next) = self
                .number(digit, isize::MAX as usize, "width too big")
                .map_err(|e| op.error(e))?;
            (width, ch) = (Some(n), next);
        }
        let mut precision = None;
        if ch == Some('.') {
            precision = Some(0);
            ch = self.advance();
            if ch == Some('*') {
                let n = self.star(op)?;
                if n > i64::from(i32::MAX) || n < i64::from(i32::MIN) {
                    return Err(op.error(PercentError::new(
                        ErrorKind::Overflow,
                        "Python int too large to convert to C int",
                    )));
                }
                precision = Some(n.max(0) as usize);
                ch = self.advance();
            } else if let Some(digit) = ch.and_then(|c| c.to_digit(10)) {
                let (n, next) = self
                    .number(digit, i32::MAX as usize, "precision too big")
                    .map_err(|e| op.error(e))?;
                (precision, ch) = (Some(n), next);
            }
        }
        if matches!(ch, Some('h' | 'l' | 'L')) {
            ch = self.advance();
        }
        let Some(kind) = ch else {
            return Err(op.error(value_error("incomplete format")));
        };
        Ok(Directive {
            kind,
            flags,
            width,
            precision,
        })
    }

    /// The int argument of a `*`.
    fn star<O: Operand<Value = V>>(&mut self, op: &mut O) -> Result<i64, O::Error> {
        let v = self.next_arg(op)?;
        match op.kind(v) {
            Kind::Int(n) => Ok(n),
            Kind::Bool(b) => Ok(i64::from(b)),
            _ => Err(op.error(type_error("* wants int"))),
        }
    }

    /// A decimal number whose first digit was read, up to `max`; and the character after
    /// it (`None` at the end of the template).
    fn number(&mut self, first: u32, max: usize, too_big: &str) -> Result<(usize, Option<char>), PercentError> {
        let mut n = first as usize;
        loop {
            let ch = self.advance();
            let Some(digit) = ch.and_then(|c| c.to_digit(10)) else {
                return Ok((n, ch));
            };
            if n > (max - digit as usize) / 10 {
                return Err(value_error(too_big));
            }
            n = n * 10 + digit as usize;
        }
    }
}

fn type_error(message: &str) -> PercentError {
    PercentError::new(ErrorKind::Type, message)
}

fn value_error(message: &str) -> PercentError {
    PercentError::new(ErrorKind::Value, message)
}

/// `%d %i %u %o %x %X` (`mainformatlong` and `_PyUnicode_FormatLong`): the sign, the `0x`
/// or `0o` prefix for `#`, zeros up to the precision, the digits.
fn integer(kind: Kind, type_name: &str, directive: &Directive) -> Result<String, PercentError> {
    let code = directive.kind;
    let hex_or_octal = matches!(code, 'o' | 'x' | 'X');
    let wrong_type = || {
        let wanted = if hex_or_octal { "an integer" } else { "a real number" };
        type_error(&format!("%{code} format: {wanted} is required, not {type_name}"))
    };
    let (negative, digits) = match kind {
        Kind::Int(i) => (i < 0, radix_digits(i.unsigned_abs(), code)),
        Kind::Bool(b) => (false, u8::from(b).to_string()),
        Kind::Float(_) if hex_or_octal => return Err(wrong_type()),
        Kind::Float(x) if x.is_nan() => return Err(value_error("cannot convert float NaN to integer")),
        Kind::Float(x) if x.is_infinite() => {
            return Err(PercentError::new(
                ErrorKind::Overflow,
                "cannot convert float infinity to integer",
            ));
        }
        Kind::Float(x) => {
            let Decimal { digits, point } = rounded(x.trunc(), Rounding::Places(0));
            if digits.is_empty() || digits == "0" {
                (false, "0".to_string())
            } else {
                let zeros = (point - digits.len() as i64).max(0) as usize;
                (x < 0.0, digits + &"0".repeat(zeros))
            }
        }
        Kind::Str(_) | Kind::Other => return Err(wrong_type()),
    };
    let precision = directive.precision.unwrap_or(0);
    if precision > i32::MAX as usize - 3 {
        return Err(PercentError::new(ErrorKind::Overflow, "precision too large"));
    }
    let prefix = match (directive.flags.alternate, code) {
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let zeros = precision.saturating_sub(digits.len());
    let mut out = reserve(
        String::new(),
        usize::from(negative) + prefix.len() + zeros + digits.len(),
    )?;
    if negative {
        out.push('-');
    }
    out.push_str(prefix);
    out.extend(repeat_n('0', zeros));
    out.push_str(&digits);
    Ok(out)
}

/// A magnitude's digits in the base of `code`.
fn radix_digits(magnitude: u64, code: char) -> String {
    match code {
        'o' => format!("{magnitude:o}"),
        'x' => format!("{magnitude:x}"),
        'X' => format!("{magnitude:X}"),
        _ => magnitude.to_string(),
    }
}

/// `%e %E %f %F %g %G` (`formatfloat`): the number as `PyOS_double_to_string` writes it,
/// without sign flags or padding (the layout adds them).
fn real(kind: Kind, type_name: &str, directive: &Directive) -> Result<String, PercentError> {
    let x = match kind {
        Kind::Float(x) => x,
        // An i64 always converts, rounding half to even, as int.__float__.
        Kind::Int(i) => i as f64,
        Kind::Bool(b) => f64::from(u8::from(b)),
        Kind::Str(_) | Kind::Other => return Err(type_error(&format!("must be real number, not {type_name}"))),
    };
    let spec = FormatSpec {
        alternate: directive.flags.alternate,
        precision: Some(directive.precision.unwrap_or(6)),
        kind: Some(directive.kind),
        ..FormatSpec::default()
    };
    format_float(x, &spec).map_err(|message| {
        let kind = if message.starts_with("MemoryError") {
            ErrorKind::Memory
        } else {
            ErrorKind::Value
        };
        PercentError::new(kind, message)
    })
}

/// `%c` (`formatchar`): a one-character string, or an int code point.
fn character(kind: Kind) -> Result<char, PercentError> {
    let code = match kind {
        Kind::Str(s) => {
            let mut chars = s.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(type_error("%c requires int or char")),
            };
        }
        Kind::Int(i) => i,
        Kind::Bool(b) => i64::from(b),
        Kind::Float(_) | Kind::Other => return Err(type_error("%c requires int or char")),
    };
    let code = u32::try_from(code)
        .ok()
        .filter(|&code| code < 0x11_0000)
        .ok_or_else(|| PercentError::new(ErrorKind::Overflow, "%c arg not in range(0x110000)"))?;
    // Python makes a one-character string holding the surrogate; a Rust string cannot.
    char::from_u32(code).ok_or_else(|| {
        value_error(&format!(
            "%c arg {code:#x} is a surrogate, which has no text of its own"
        ))
    })
}

/// `unicode_format_arg_output`: the converted text padded to the width, truncated to the
/// precision for `%s %r %a`, and for numbers with the sign of the `+` and ` ` flags and
/// zeros between the sign (and prefix) and the digits for the `0` flag.
fn output(out: &mut String, directive: &Directive, text: &str, numeric: bool) -> Result<(), PercentError> {
    let Directive {
        kind,
        flags,
        width,
        precision,
    } = *directive;
    let chars: Vec<char> = text.chars().collect();
    let mut len = chars.len();
    if width.is_none_or(|w| w <= len) && precision.is_none_or(|p| p >= len) && !flags.sign && !flags.blank {
        out.push_str(text);
        return Ok(());
    }
    if matches!(kind, 's' | 'r' | 'a')
        && let Some(precision) = precision
    {
        len = len.min(precision);
    }
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let mut start = 0;
    let mut sign = None;
    if numeric {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                sign = Some(c);
                len -= 1;
                start = 1;
            }
            _ if flags.sign => sign = Some('+'),
            _ if flags.blank => sign = Some(' '),
            _ => {}
        }
    }
    let mut width = width.unwrap_or(0).max(len);
    let bytes = width
        .saturating_add(1)
        .saturating_mul(chars.iter().map(|c| c.len_utf8()).max().unwrap_or(1));
    *out = reserve(std::mem::take(out), bytes)?;
    if let Some(sign) = sign {
        if fill != ' ' {
            out.push(sign);
        }
        if width > len {
            width -= 1;
        }
    }
    let prefixed = flags.alternate && matches!(kind, 'x' | 'X' | 'o');
    if prefixed {
        if fill != ' ' {
            out.extend(&chars[start..start + 2]);
            start += 2;
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !flags.left {
        out.extend(repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        if let Some(sign) = sign {
            out.push(sign);
        }
        if prefixed {
            out.extend(&chars[start..start + 2]);
            start += 2;
        }
    }
    out.extend(&chars[start..start + len]);
    if width > len {
        out.extend(repeat_n(' ', width - len));
    }
    Ok(())
}

/// `text` with room for `additional` more bytes, or Python's `MemoryError` when a width or
/// precision asks for more memory than there is.
fn reserve(mut text: String, additional: usize) -> Result<String, PercentError> {
    text.try_reserve(additional)
        .map_err(|_| PercentError::new(ErrorKind::Memory, ""))?;
    Ok(text)
}
