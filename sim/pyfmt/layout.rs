//! Padding, alignment and digit grouping shared by every `format_*` function: CPython's
//! `calc_number_widths` and `fill_number`, `_PyUnicode_InsertThousandsGrouping` and
//! `calc_padding`. Widths count characters (Unicode scalar values).

use super::spec::{Align, FormatSpec, Grouping, Sign};
use std::iter::repeat_n;

/// A number cut as `fill_number` writes it: sign, prefix (`0x`), integer digits, point and
/// the remainder (fraction digits, exponent, `%`; or the character for type `c`).
pub(super) struct Number<'a> {
    pub(super) negative: bool,
    pub(super) prefix: &'a str,
    pub(super) digits: &'a str,
    pub(super) point: bool,
    pub(super) remainder: &'a str,
}

impl<'a> Number<'a> {
    /// Cuts a float's text such as `-12.50e+03`, `inf` or `5%`.
    pub(super) fn parse(text: &'a str) -> Number<'a> {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(unsigned) => (true, unsigned),
            None => (false, text),
        };
        let end = unsigned.find(|c: char| !c.is_ascii_digit()).unwrap_or(unsigned.len());
        let (digits, rest) = unsigned.split_at(end);
        let (point, remainder) = match rest.strip_prefix('.') {
            Some(remainder) => (true, remainder),
            None => (false, rest),
        };
        Number {
            negative,
            prefix: "",
            digits,
            point,
            remainder,
        }
    }
}

/// Writes a number per `spec`: sign, grouping, and padding; zero padding (fill `0` with
/// `=` alignment) goes into the grouped digits so that separators appear among the zeros.
pub(super) fn render_number(number: &Number, spec: &FormatSpec, grouping: Option<Grouping>) -> Result<String, String> {
    let sign = match (number.negative, spec.sign) {
        (true, _) => "-",
        (false, Some(Sign::Plus)) => "+",
        (false, Some(Sign::Space)) => " ",
        (false, _) => "",
    };
    let point = if number.point { "." } else { "" };
    let (fill, align) = spec.fill_align(Align::Right);
    let others = sign.len() + number.prefix.len() + point.len() + number.remainder.chars().count();
    let min_width = match (fill, align, spec.width) {
        ('0', Align::AfterSign, Some(width)) => width.saturating_sub(others),
        _ => 0,
    };
    // Only type `c` has no digits; it gets no zeros either.
    let grouped = if number.digits.is_empty() {
        String::new()
    } else {
        group_digits(number.digits, min_width, grouping)?
    };
    pad(
        &[sign, number.prefix],
        &[&grouped, point, number.remainder],
        fill,
        align,
        spec.width,
    )
}

/// `head` then `tail`, padded with `fill` to `width` characters: on the left, the right,
/// both sides (the extra one on the right), or between head and tail for `=`.
pub(super) fn pad(
    head: &[&str],
    tail: &[&str],
    fill: char,
    align: Align,
    width: Option<usize>,
) -> Result<String, String> {
    let parts = head.iter().chain(tail);
    let chars: usize = parts.clone().map(|part| part.chars().count()).sum();
    let bytes: usize = parts.map(|part| part.len()).sum();
    let padding = width.unwrap_or(0).saturating_sub(chars);
    let (left, middle, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out = buffer(bytes.saturating_add(padding.saturating_mul(fill.len_utf8())))?;
    out.extend(repeat_n(fill, left));
    out.extend(head.iter().copied());
    out.extend(repeat_n(fill, middle));
    out.extend(tail.iter().copied());
    out.extend(repeat_n(fill, right));
    Ok(out)
}

/// The digits with separators every `grouping.size` digits from the right, after leading
/// zeros that bring the result to at least `min_width` characters. As CPython, a separator
/// never starts the result: one more zero is added instead.
fn group_digits(digits: &str, min_width: usize, grouping: Option<Grouping>) -> Result<String, String> {
    let count = digits.len();
    let Some(Grouping { separator, size }) = grouping else {
        let mut out = buffer(count.max(min_width))?;
        out.extend(repeat_n('0', min_width.saturating_sub(count)));
        out.push_str(digits);
        return Ok(out);
    };
    // Full groups before the leftmost one, which holds the remaining digits or fills up to
    // the minimum width, and has at least one character.
    let full = (count.saturating_sub(size).div_ceil(size)).max(min_width.saturating_sub(size).div_ceil(size + 1));
    let leftmost = (count.saturating_sub(full * size))
        .max(min_width.saturating_sub(full * (size + 1)))
        .max(1);
    let positions = full * size + leftmost;
    let zeros = positions - count;
    let mut out = buffer(positions + full * separator.len_utf8())?;
    for position in 0..positions {
        if position > 0 && (positions - position) % size == 0 {
            out.push(separator);
        }
        out.push(match position.checked_sub(zeros) {
            Some(index) => char::from(digits.as_bytes()[index]),
            None => '0',
        });
    }
    Ok(out)
}

/// An empty string with room for `bytes`; failing as Python's `MemoryError` does, rather
/// than aborting, when a width or precision asks for more memory than there is.
pub(super) fn buffer(bytes: usize) -> Result<String, String> {
    let mut out = String::new();
    if bytes > super::MAX_LEN || out.try_reserve_exact(bytes).is_err() {
        return Err(format!(
            "MemoryError: cannot allocate {bytes} bytes for the formatted text"
        ));
    }
    Ok(out)
}
