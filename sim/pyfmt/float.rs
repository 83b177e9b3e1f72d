//! Floats as CPython writes them: `repr(x)`, `format(x, spec)` (`format_float_internal` in
//! Python/formatter_unicode.c over `format_float_short` in Python/pystrtod.c) and
//! `round(x, ndigits)` (`double_round` in Objects/floatobject.c).

use super::digits::{Decimal, Rounding, rounded, shortest};
use super::layout::{Number, buffer, render_number};
use super::spec::{FormatSpec, Grouping, unknown_code};
use std::iter::repeat_n;

/// `repr(x)` and `str(x)`: the shortest round-trip digits, in scientific notation when the
/// decimal exponent is below -4 or at least 16, else fixed with at least one fractional
/// digit; `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    let text = FloatText::new(x, &Style::REPR);
    let mut out = String::with_capacity(text.len());
    text.write_to(&mut out);
    out
}

/// `format(x, spec)` for a float: presentation types `e E f F g G n %` and none.
pub fn format_float(x: f64, spec: &FormatSpec) -> Result<String, String> {
    let grouping = spec.validate("float", spec.kind)?;
    let presentation = Presentation::of(spec.kind, "float")?;
    format_as_float(x, presentation, spec, grouping)
}

/// Python's `round(x, ndigits)`: `x` correctly rounded, half to even, to `ndigits` places.
/// The result is infinite, for a finite `x`, exactly where Python raises
/// `OverflowError("rounded value too large to represent")`.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    // Beyond these, x is its own rounding, or rounds to zero (floatobject.c's NDIGITS_MAX
    // and NDIGITS_MIN).
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return x;
    }
    if ndigits < NDIGITS_MIN {
        return 0.0 * x;
    }
    let Decimal { digits, point } = rounded(x, Rounding::Places(ndigits));
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let exponent = point - digits.len() as i64;
    // Always parses: the text is digits and an exponent.
    format!("{sign}0{digits}e{exponent}").parse().unwrap_or(x)
}

/// How a presentation type writes a float.
#[derive(Clone, Copy)]
pub(super) struct Presentation {
    notation: Notation,
    upper: bool,
    percent: bool,
}

impl Presentation {
    /// A float presentation type (`None`: the default, repr-like one), or Python's error
    /// for any other type code on an object of `type_name`.
    pub(super) fn of(kind: Option<char>, type_name: &str) -> Result<Presentation, String> {
        let (notation, upper, percent) = match kind {
            None => (Notation::Repr, false, false),
            Some('e') => (Notation::Exponent, false, false),
            Some('E') => (Notation::Exponent, true, false),
            Some('f') => (Notation::Fixed, false, false),
            Some('F') => (Notation::Fixed, true, false),
            Some('%') => (Notation::Fixed, false, true),
            Some('g' | 'n') => (Notation::General, false, false),
            Some('G') => (Notation::General, true, false),
            Some(other) => return Err(unknown_code(other, type_name)),
        };
        Ok(Presentation {
            notation,
            upper,
            percent,
        })
    }
}

/// `format_float_internal`: a float (or an int converted to one) written per `spec`.
pub(super) fn format_as_float(
    x: f64,
    presentation: Presentation,
    spec: &FormatSpec,
    grouping: Option<Grouping>,
) -> Result<String, String> {
    let precision = match spec.precision {
        Some(precision) if precision > i32::MAX as usize => {
            return Err("precision too big".to_string());
        }
        precision => precision.map(|precision| precision as i64),
    };
    let Presentation {
        notation,
        upper,
        percent,
    } = presentation;
    // The default type is repr-like; with a precision, it is `g` that keeps a digit after
    // the point.
    let add_dot_0 = notation == Notation::Repr;
    let style = Style {
        notation: match precision {
            Some(_) if add_dot_0 => Notation::General,
            _ => notation,
        },
        precision: precision.unwrap_or(if add_dot_0 { 0 } else { 6 }),
        upper,
        alternate: spec.alternate,
        add_dot_0,
        no_neg_0: spec.no_neg_zero,
    };
    let text = FloatText::new(if percent { x * 100.0 } else { x }, &style);
    let mut body = buffer(text.len() + usize::from(percent))?;
    text.write_to(&mut body);
    if percent {
        body.push('%');
    }
    render_number(&Number::parse(&body), spec, grouping)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Notation {
    /// `e`: one digit before the point and `precision` after, then the exponent.
    Exponent,
    /// `f`: `precision` digits after the point.
    Fixed,
    /// `g`: `precision` significant digits, with an exponent when it is below -4 or not
    /// below the precision.
    General,
    /// `repr`: the shortest round-trip digits.
    Repr,
}

/// The arguments of `PyOS_double_to_string`.
struct Style {
    notation: Notation,
    precision: i64,
    /// `E`, `INF`, `NAN`.
    upper: bool,
    /// `#`: keep the point and, for `g`, trailing zeros.
    alternate: bool,
    /// Keep at least one digit after the point when there is no exponent.
    add_dot_0: bool,
    /// `z`: no sign on a zero.
    no_neg_0: bool,
}

impl Style {
    const REPR: Style = Style {
        notation: Notation::Repr,
        precision: 0,
        upper: false,
        alternate: false,
        add_dot_0: true,
        no_neg_0: false,
    };
}

/// A float's text as `format_float_short` lays it out: the sign, positions `start..end` of
/// `digits` extended with zeros on both sides, with a point before position `point`, and
/// the exponent (possibly empty).
struct FloatText {
    negative: bool,
    digits: String,
    start: i64,
    point: i64,
    end: i64,
    show_point: bool,
    exponent: String,
}

impl FloatText {
    fn new(x: f64, style: &Style) -> FloatText {
        let word = |word: &str| {
            if style.upper {
                word.to_uppercase()
            } else {
                word.to_string()
            }
        };
        if x.is_nan() {
            FloatText::word(false, word("nan"))
        } else if x.is_infinite() {
            FloatText::word(x < 0.0, word("inf"))
        } else {
            FloatText::finite(x, style)
        }
    }

    fn word(negative: bool, word: String) -> FloatText {
        let end = word.len() as i64;
        FloatText {
            negative,
            digits: word,
            start: 0,
            point: end,
            end,
            show_point: false,
            exponent: String::new(),
        }
    }

    fn finite(x: f64, style: &Style) -> FloatText {
        let precision = style.precision;
        let Decimal { digits, mut point } = match style.notation {
            Notation::Exponent => rounded(x, Rounding::Significant(precision + 1)),
            Notation::Fixed => rounded(x, Rounding::Places(precision)),
            Notation::General => rounded(x, Rounding::Significant(precision)),
            Notation::Repr => shortest(x),
        };
        let zero = digits.is_empty() || digits == "0";
        let negative = x.is_sign_negative() && !(style.no_neg_0 && zero);
        let count = digits.len() as i64;
        let (use_exponent, end) = match style.notation {
            Notation::Exponent => (true, precision + 1),
            Notation::Fixed => (false, point + precision),
            Notation::General => {
                let precision = precision.max(1);
                let limit = if style.add_dot_0 { precision - 1 } else { precision };
                let end = if style.alternate { precision } else { count };
                (point <= -4 || point > limit, end)
            }
            Notation::Repr => (point <= -4 || point > 16, count),
        };
        let mut exponent = String::new();
        if use_exponent {
            let letter = if style.upper { 'E' } else { 'e' };
            exponent = format!("{letter}{:+03}", point - 1);
            point = 1;
        }
        let min_end = if style.add_dot_0 && !use_exponent {
            point + 1
        } else {
            point
        };
        let end = end.max(min_end);
        FloatText {
            negative,
            digits,
            start: point.min(1) - 1,
            point,
            end,
            show_point: point < end || style.alternate,
            exponent,
        }
    }

    fn len(&self) -> usize {
        usize::from(self.negative)
            + (self.end - self.start) as usize
            + usize::from(self.show_point)
            + self.exponent.len()
    }

    fn write_to(&self, out: &mut String) {
        if self.negative {
            out.push('-');
        }
        self.push_positions(out, self.start, self.point);
        if self.show_point {
            out.push('.');
        }
        self.push_positions(out, self.point, self.end);
        out.push_str(&self.exponent);
    }

    /// Positions `from..to` of the digits extended with zeros on both sides.
    fn push_positions(&self, out: &mut String, from: i64, to: i64) {
        let count = self.digits.len() as i64;
        out.extend(repeat_n('0', (to.min(0) - from).max(0) as usize));
        out.push_str(&self.digits[from.clamp(0, count) as usize..to.clamp(0, count) as usize]);
        out.extend(repeat_n('0', (to - from.max(count)).max(0) as usize));
    }
}
