//! Format specs, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`: parsing
//! as CPython's `parse_internal_render_format_spec` does, and the per-type resolution of
//! defaults (fill, alignment, grouping) that it does with the formatted object's type.

use super::unicode::decimal_value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
    Center,
    /// `=`: padding between the sign (and `0x` prefix) and the digits.
    AfterSign,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sign {
    Plus,
    Minus,
    Space,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Separator {
    Comma,
    Underscore,
}

/// Thousands grouping as applied: `separator` every `size` digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Grouping {
    pub(super) separator: char,
    pub(super) size: usize,
}

/// A parsed format spec, holding what was written; defaults that depend on the formatted
/// object's type are resolved by the `format_*` functions. The default is the empty spec.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatSpec {
    pub(super) fill: Option<char>,
    pub(super) align: Option<Align>,
    pub(super) sign: Option<Sign>,
    /// `z`: negative zero is written without its sign.
    pub(super) no_neg_zero: bool,
    /// `#`: alternate form.
    pub(super) alternate: bool,
    /// A `0` before the width (only when no fill was given).
    pub(super) zero_pad: bool,
    pub(super) width: Option<usize>,
    pub(super) separator: Option<Separator>,
    pub(super) precision: Option<usize>,
    pub(super) kind: Option<char>,
    /// The whole spec, when more than one character was left where the type goes: an error
    /// whose message names the formatted object's type, so it is reported by `format_*`.
    pub(super) invalid: Option<String>,
}

/// Parses a format spec. Errors are Python's `ValueError` messages. A spec with junk where
/// the type goes parses, and every `format_*` function then fails with Python's
/// "Invalid format specifier '...' for object of type '...'", which names the type.
pub fn parse_format_spec(spec: &str) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut cursor = Cursor { rest: &chars };
    let mut parsed = FormatSpec::default();
    if let [fill, align, rest @ ..] = cursor.rest
        && let Some(align) = Align::from_char(*align)
    {
        (parsed.fill, parsed.align, cursor.rest) = (Some(*fill), Some(align), rest);
    } else {
        parsed.align = cursor.eat_if(Align::from_char);
    }
    parsed.sign = cursor.eat_if(Sign::from_char);
    parsed.no_neg_zero = cursor.eat('z');
    parsed.alternate = cursor.eat('#');
    parsed.zero_pad = parsed.fill.is_none() && cursor.eat('0');
    parsed.width = cursor.integer()?;
    parsed.separator = cursor.separator()?;
    if cursor.eat('.') {
        let precision = cursor.integer()?;
        parsed.precision = Some(precision.ok_or("Format specifier missing precision")?);
    }
    match cursor.rest {
        [] => {}
        [kind] => parsed.kind = Some(*kind),
        _ => parsed.invalid = Some(spec.to_string()),
    }
    Ok(parsed)
}

impl FormatSpec {
    /// Finishes CPython's parse for an object of `type_name` whose presentation type is
    /// `kind` (`None`: a float's default): reports a deferred invalid spec and checks that
    /// the type allows the grouping, which it returns.
    pub(super) fn validate(&self, type_name: &str, kind: Option<char>) -> Result<Option<Grouping>, String> {
        if let Some(spec) = &self.invalid {
            return Err(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            ));
        }
        let Some(separator) = self.separator else {
            return Ok(None);
        };
        let size = match (kind, separator) {
            (None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F'), _) => 3,
            (Some('b' | 'o' | 'x' | 'X'), Separator::Underscore) => 4,
            (Some(kind), _) => {
                let separator = separator.as_char();
                return Err(format!("Cannot specify '{separator}' with {}.", quoted_code(kind)));
            }
        };
        Ok(Some(Grouping {
            separator: separator.as_char(),
            size,
        }))
    }

    /// The fill character and alignment, given the type's default alignment: a `0` before
    /// the width means fill with zeros, after the sign for numbers (whose default is right).
    pub(super) fn fill_align(&self, default: Align) -> (char, Align) {
        let fill = self.fill.unwrap_or(if self.zero_pad { '0' } else { ' ' });
        let align = self.align.unwrap_or(if self.zero_pad && default == Align::Right {
            Align::AfterSign
        } else {
            default
        });
        (fill, align)
    }
}

/// Python's "Unknown format code" error.
pub(super) fn unknown_code(kind: char, type_name: &str) -> String {
    format!(
        "Unknown format code {} for object of type '{type_name}'",
        quoted_code(kind)
    )
}

/// A type code in an error message: `'x'` when printable ASCII, else `'\xNN'`.
fn quoted_code(kind: char) -> String {
    if (33..128).contains(&u32::from(kind)) {
        format!("'{kind}'")
    } else {
        format!("'\\x{:x}'", u32::from(kind))
    }
}

impl Align {
    fn from_char(c: char) -> Option<Align> {
        match c {
            '<' => Some(Align::Left),
            '>' => Some(Align::Right),
            '^' => Some(Align::Center),
            '=' => Some(Align::AfterSign),
            _ => None,
        }
    }
}

impl Sign {
    fn from_char(c: char) -> Option<Sign> {
        match c {
            '+' => Some(Sign::Plus),
            '-' => Some(Sign::Minus),
            ' ' => Some(Sign::Space),
            _ => None,
        }
    }
}

impl Separator {
    fn as_char(self) -> char {
        match self {
            Separator::Comma => ',',
            Separator::Underscore => '_',
        }
    }
}

/// The unparsed rest of a spec.
struct Cursor<'a> {
    rest: &'a [char],
}

impl Cursor<'_> {
    /// Consumes the next character if `parse` accepts it.
    fn eat_if<T>(&mut self, parse: impl FnOnce(char) -> Option<T>) -> Option<T> {
        let (&first, rest) = self.rest.split_first()?;
        let value = parse(first)?;
        self.rest = rest;
        Some(value)
    }

    fn eat(&mut self, expected: char) -> bool {
        self.eat_if(|c| (c == expected).then_some(())).is_some()
    }

    /// A run of decimal digits (of any script, as CPython reads them), if any.
    fn integer(&mut self) -> Result<Option<usize>, String> {
        let mut value = None;
        while let Some(digit) = self.eat_if(decimal_value) {
            let digit = digit as usize;
            let sofar = value.unwrap_or(0);
            if sofar > (isize::MAX as usize - digit) / 10 {
                return Err("Too many decimal digits in format string".to_string());
            }
            value = Some(sofar * 10 + digit);
        }
        Ok(value)
    }

    /// `,` or `_`; a second separator of the other kind is an error.
    fn separator(&mut self) -> Result<Option<Separator>, String> {
        let comma = self.eat(',');
        if self.eat('_') {
            if comma || self.rest.first() == Some(&',') {
                return Err("Cannot specify both ',' and '_'.".to_string());
            }
            return Ok(Some(Separator::Underscore));
        }
        Ok(comma.then_some(Separator::Comma))
    }
}
