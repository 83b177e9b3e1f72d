//! Methods of `str` that look at a string without making a new one: searching (`find`,
//! `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith`, each with CPython's
//! optional `start` and `end`) and the `is*` predicates.
//!
//! `start` and `end` count characters and work as slice bounds (`s[start:end]`, negative
//! ones from the end), and positions found are character positions, as in CPython.

use super::super::classes;
use super::super::machine::Machine;
use super::super::value::Value;
use super::strings::{str_arg, this};
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt, req};
use crate::pyfmt::{chartype, is_printable};

const RANGE: [super::Param; 2] = [opt("start", Default::None), opt("end", Default::None)];

pub(super) const METHODS: &[NativeDef] = &[
    NativeDef::new(
        "startswith",
        &[req("prefix"), RANGE[0], RANGE[1]],
        Effect::Pure,
        startswith,
    ),
    NativeDef::new("endswith", &[req("suffix"), RANGE[0], RANGE[1]], Effect::Pure, endswith),
    NativeDef::new("find", &[req("sub"), RANGE[0], RANGE[1]], Effect::Pure, find),
    NativeDef::new("rfind", &[req("sub"), RANGE[0], RANGE[1]], Effect::Pure, rfind),
    NativeDef::new("index", &[req("sub"), RANGE[0], RANGE[1]], Effect::Pure, index),
    NativeDef::new("rindex", &[req("sub"), RANGE[0], RANGE[1]], Effect::Pure, rindex),
    NativeDef::new("count", &[req("sub"), RANGE[0], RANGE[1]], Effect::Pure, count),
    NativeDef::new("isdigit", &[], Effect::Pure, isdigit),
    NativeDef::new("isdecimal", &[], Effect::Pure, isdecimal),
    NativeDef::new("isnumeric", &[], Effect::Pure, isnumeric),
    NativeDef::new("isalpha", &[], Effect::Pure, isalpha),
    NativeDef::new("isalnum", &[], Effect::Pure, isalnum),
    NativeDef::new("isspace", &[], Effect::Pure, isspace),
    NativeDef::new("isupper", &[], Effect::Pure, isupper),
    NativeDef::new("islower", &[], Effect::Pure, islower),
    NativeDef::new("istitle", &[], Effect::Pure, istitle),
    NativeDef::new("isascii", &[], Effect::Pure, isascii),
    NativeDef::new("isprintable", &[], Effect::Pure, isprintable),
];

/// The part of a string that `start` and `end` select.
struct Window<'a> {
    /// The whole string.
    s: &'a str,
    /// The selected characters, as positions (`start..end`, possibly empty or reversed)
    /// and byte offsets.
    start: i64,
    end: i64,
    bytes: std::ops::Range<usize>,
}

impl<'a> Window<'a> {
    /// CPython's `ADJUST_INDICES`: `end` clamped to the length, negative bounds counted
    /// from the end and clamped to zero; `start` may still be past the end.
    fn new(m: &mut Machine, s: &'a str, start: Value, end: Value) -> Result<Window<'a>, Raised> {
        let len = s.chars().count() as i64;
        let mut start = bound(m, start)?.unwrap_or(0);
        let mut end = bound(m, end)?.unwrap_or(i64::MAX);
        if end > len {
            end = len;
        } else if end < 0 {
            end = (end + len).max(0);
        }
        if start < 0 {
            start = (start + len).max(0);
        }
        let from = byte_offset(s, start.min(end).min(len));
        let to = byte_offset(s, end);
        Ok(Window {
            s,
            start,
            end,
            bytes: from..to.max(from),
        })
    }

    fn text(&self) -> &'a str {
        &self.s[self.bytes.clone()]
    }

    /// Whether there is room for a substring of `sub` characters.
    fn fits(&self, sub: &str) -> bool {
        self.end - self.start >= sub.chars().count() as i64
    }

    /// The character position of byte offset `at` of the window's text.
    fn position(&self, at: usize) -> i64 {
        self.start + self.text()[..at].chars().count() as i64
    }
}

/// A `start` or `end` argument: an int, or `None` for the default.
fn bound(m: &mut Machine, v: Value) -> Result<Option<i64>, Raised> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(i)),
        Value::Bool(b) => Ok(Some(i64::from(b))),
        _ => m.type_error("slice indices must be integers or None or have an __index__ method"),
    }
}

/// The byte offset of character position `i` (the length past the last character).
fn byte_offset(s: &str, i: i64) -> usize {
    if s.is_ascii() {
        return (i.max(0) as usize).min(s.len());
    }
    s.char_indices().nth(i.max(0) as usize).map_or(s.len(), |(b, _)| b)
}

/// The substring argument and the window of a search.
fn search_args<'a>(m: &mut Machine, call: &Call, s: &'a str) -> Result<(String, Window<'a>), Raised> {
    let window = Window::new(m, s, call.args[1], call.args[2])?;
    let sub = str_arg(m, call.args[0], "")?;
    Ok((sub, window))
}

/// `find` (from the left) or `rfind`: the character position of `sub` in the window.
fn search(m: &mut Machine, call: &Call, from_right: bool) -> Result<Option<i64>, Raised> {
    let s = this(m, call)?;
    let (sub, window) = search_args(m, call, &s)?;
    if !window.fits(&sub) {
        return Ok(None);
    }
    let text = window.text();
    let at = if from_right { text.rfind(&sub) } else { text.find(&sub) };
    Ok(at.map(|at| window.position(at)))
}

fn find(m: &mut Machine, call: &Call) -> NativeResult {
    let found = search(m, call, false)?;
    Ok(Flow::Return(Value::Int(found.unwrap_or(-1))))
}

fn rfind(m: &mut Machine, call: &Call) -> NativeResult {
    let found = search(m, call, true)?;
    Ok(Flow::Return(Value::Int(found.unwrap_or(-1))))
}

fn index(m: &mut Machine, call: &Call) -> NativeResult {
    match search(m, call, false)? {
        Some(i) => Ok(Flow::Return(Value::Int(i))),
        None => m.value_error("substring not found"),
    }
}

fn rindex(m: &mut Machine, call: &Call) -> NativeResult {
    match search(m, call, true)? {
        Some(i) => Ok(Flow::Return(Value::Int(i))),
        None => m.value_error("substring not found"),
    }
}

fn count(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let (sub, window) = search_args(m, call, &s)?;
    let n = if !window.fits(&sub) {
        0
    } else if sub.is_empty() {
        window.end - window.start + 1
    } else {
        window.text().matches(sub.as_str()).count() as i64
    };
    Ok(Flow::Return(Value::Int(n)))
}

/// `startswith` and `endswith` (CPython's `tailmatch`): a str or a tuple of them, tried in
/// order.
fn affix(m: &mut Machine, call: &Call, name: &str, at_end: bool) -> NativeResult {
    let s = this(m, call)?;
    let window = Window::new(m, &s, call.args[1], call.args[2])?;
    let options = match m.seq_items(call.args[0]) {
        Some(items) if m.type_of(call.args[0]) == classes::TUPLE => items.to_vec(),
        _ => {
            if m.as_str(call.args[0]).is_none() {
                let t = m.type_name(call.args[0]).to_string();
                return m.type_error(format!("{name} first arg must be str or a tuple of str, not {t}"));
            }
            vec![call.args[0]]
        }
    };
    for option in options {
        let Some(affix) = m.as_str(option) else {
            let t = m.type_name(option).to_string();
            return m.type_error(format!("tuple for {name} must only contain str, not {t}"));
        };
        let text = window.text();
        let found = window.fits(affix)
            && if at_end {
                text.ends_with(affix)
            } else {
                text.starts_with(affix)
            };
        if found {
            return Ok(Flow::Return(Value::Bool(true)));
        }
    }
    Ok(Flow::Return(Value::Bool(false)))
}

fn startswith(m: &mut Machine, call: &Call) -> NativeResult {
    affix(m, call, "startswith", false)
}

fn endswith(m: &mut Machine, call: &Call) -> NativeResult {
    affix(m, call, "endswith", true)
}

/// A predicate true of a non-empty string whose every character passes `test`.
fn every(m: &mut Machine, call: &Call, test: fn(char) -> bool) -> NativeResult {
    let s = this(m, call)?;
    Ok(Flow::Return(Value::Bool(!s.is_empty() && s.chars().all(test))))
}

fn isdigit(m: &mut Machine, call: &Call) -> NativeResult {
    every(m, call, chartype::is_digit)
}

fn isdecimal(m: &mut Machine, call: &Call) -> NativeResult {
    every(m, call, chartype::is_decimal)
}

fn isnumeric(m: &mut Machine, call: &Call) -> NativeResult {
    every(m, call, chartype::is_numeric)
}

fn isalpha(m: &mut Machine, call: &Call) -> NativeResult {
    every(m, call, chartype::is_alpha)
}

fn isalnum(m: &mut Machine, call: &Call) -> NativeResult {
    every(m, call, chartype::is_alnum)
}

fn isspace(m: &mut Machine, call: &Call) -> NativeResult {
    every(m, call, chartype::is_space)
}

/// `isupper` and `islower`: at least one cased character, and none of the other case (nor
/// title case).
fn one_case(m: &mut Machine, call: &Call, upper: bool) -> NativeResult {
    let s = this(m, call)?;
    let mut cased = false;
    for c in s.chars() {
        let (this_case, other_case) = if upper {
            (c.is_uppercase(), c.is_lowercase())
        } else {
            (c.is_lowercase(), c.is_uppercase())
        };
        if other_case || chartype::is_titlecase(c) {
            return Ok(Flow::Return(Value::Bool(false)));
        }
        cased |= this_case;
    }
    Ok(Flow::Return(Value::Bool(cased)))
}

fn isupper(m: &mut Machine, call: &Call) -> NativeResult {
    one_case(m, call, true)
}

fn islower(m: &mut Machine, call: &Call) -> NativeResult {
    one_case(m, call, false)
}

/// Every word starts with an upper- or title-case character followed only by lower-case
/// ones, and there is at least one cased character.
fn istitle(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let mut cased = false;
    let mut previous_cased = false;
    for c in s.chars() {
        if c.is_uppercase() || chartype::is_titlecase(c) {
            if previous_cased {
                return Ok(Flow::Return(Value::Bool(false)));
            }
            previous_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !previous_cased {
                return Ok(Flow::Return(Value::Bool(false)));
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    Ok(Flow::Return(Value::Bool(cased)))
}

fn isascii(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    Ok(Flow::Return(Value::Bool(s.is_ascii())))
}

fn isprintable(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    Ok(Flow::Return(Value::Bool(s.chars().all(is_printable))))
}
