//! Methods of `str` that make new strings: joining, splitting and partitioning, stripping,
//! case mappings, replacing, tabs and padding. The registry of every `str` method is here
//! too; searching and the `is*` predicates are in `string_queries`, `str.format`,
//! `str.format_map` and `%` formatting in `string_format`.
//!
//! Whitespace, line boundaries, title case and case folding are CPython's (see
//! [`crate::pyfmt::chartype`]), and so are the error messages.

use super::super::classes;
use super::super::machine::Machine;
use super::super::value::Value;
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt, req};
use crate::compile::ClassId;
use crate::pyfmt::chartype;

pub const METHODS: &[(ClassId, &[NativeDef])] = &[
    (classes::STR, TRANSFORMS),
    (classes::STR, super::string_queries::METHODS),
    (classes::STR, super::string_format::METHODS),
];

const TRANSFORMS: &[NativeDef] = &[
    NativeDef::new("join", &[req("iterable")], Effect::Pure, join),
    NativeDef::new(
        "split",
        &[opt("sep", Default::None), opt("maxsplit", Default::Int(-1))],
        Effect::Pure,
        split,
    ),
    NativeDef::new(
        "rsplit",
        &[opt("sep", Default::None), opt("maxsplit", Default::Int(-1))],
        Effect::Pure,
        rsplit,
    ),
    NativeDef::new(
        "splitlines",
        &[opt("keepends", Default::Bool(false))],
        Effect::Pure,
        splitlines,
    ),
    NativeDef::new("partition", &[req("sep")], Effect::Pure, partition),
    NativeDef::new("rpartition", &[req("sep")], Effect::Pure, rpartition),
    NativeDef::new("strip", &[opt("chars", Default::None)], Effect::Pure, strip),
    NativeDef::new("lstrip", &[opt("chars", Default::None)], Effect::Pure, lstrip),
    NativeDef::new("rstrip", &[opt("chars", Default::None)], Effect::Pure, rstrip),
    NativeDef::new("upper", &[], Effect::Pure, upper),
    NativeDef::new("lower", &[], Effect::Pure, lower),
    NativeDef::new("casefold", &[], Effect::Pure, casefold),
    NativeDef::new("swapcase", &[], Effect::Pure, swapcase),
    NativeDef::new("title", &[], Effect::Pure, title),
    NativeDef::new("capitalize", &[], Effect::Pure, capitalize),
    NativeDef::new(
        "replace",
        &[req("old"), req("new"), opt("count", Default::Int(-1))],
        Effect::Pure,
        replace,
    ),
    NativeDef::new("removeprefix", &[req("prefix")], Effect::Pure, removeprefix),
    NativeDef::new("removesuffix", &[req("suffix")], Effect::Pure, removesuffix),
    NativeDef::new(
        "expandtabs",
        &[opt("tabsize", Default::Int(8))],
        Effect::Pure,
        expandtabs,
    ),
    NativeDef::new("zfill", &[req("width")], Effect::Pure, zfill),
    NativeDef::new(
        "ljust",
        &[req("width"), opt("fillchar", Default::Str(" "))],
        Effect::Pure,
        ljust,
    ),
    NativeDef::new(
        "rjust",
        &[req("width"), opt("fillchar", Default::Str(" "))],
        Effect::Pure,
        rjust,
    ),
    NativeDef::new(
        "center",
        &[req("width"), opt("fillchar", Default::Str(" "))],
        Effect::Pure,
        center,
    ),
];

/// The receiver's text.
pub(super) fn this(m: &mut Machine, call: &Call) -> Result<String, Raised> {
    match m.as_str(call.recv) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = m.type_name(call.recv).to_string();
            m.type_error(format!("descriptor requires a 'str' object but received a '{t}'"))
        }
    }
}

/// A str argument, or `TypeError: must be str, not <type>`; when `what` names the argument
/// (`replace() argument 1`), the message is Argument Clinic's, which calls None `None`.
pub(super) fn str_arg(m: &mut Machine, v: Value, what: &str) -> Result<String, Raised> {
    if let Some(s) = m.as_str(v) {
        return Ok(s.to_string());
    }
    let message = match (what, v) {
        ("", _) => format!("must be str, not {}", m.type_name(v)),
        (_, Value::None) => format!("{what} must be str, not None"),
        _ => format!("{what} must be str, not {}", m.type_name(v)),
    };
    m.type_error(message)
}

pub(super) fn text(m: &mut Machine, s: String) -> NativeResult {
    Ok(Flow::Return(m.string_value(s)))
}

fn str_list(m: &mut Machine, parts: Vec<&str>) -> NativeResult {
    let items = parts.into_iter().map(|p| m.str_value(p)).collect();
    Ok(Flow::Return(m.list_value(items)))
}

fn str_tuple(m: &mut Machine, parts: [&str; 3]) -> NativeResult {
    let items = parts.into_iter().map(|p| m.str_value(p)).collect();
    Ok(Flow::Return(m.tuple_value(items)))
}

fn join(m: &mut Machine, call: &Call) -> NativeResult {
    let sep = this(m, call)?;
    if super::builtins::needs_python(m, call.args[0]) {
        return Ok(Flow::TailCall {
            func: m.library("_py_join"),
            args: super::TailArgs::Positional(vec![call.recv, call.args[0]]),
        });
    }
    let items = m.collect(call.args[0])?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match m.as_str(item) {
            Some(s) => parts.push(s.to_string()),
            None => {
                let t = m.type_name(item).to_string();
                return m.type_error(format!("sequence item {i}: expected str instance, {t} found"));
            }
        }
    }
    text(m, parts.join(&sep))
}

/// The separator of `split`/`rsplit`: `None` for runs of whitespace.
fn separator(m: &mut Machine, v: Value) -> Result<Option<String>, Raised> {
    if v.is_none() {
        return Ok(None);
    }
    let Some(sep) = m.as_str(v).map(str::to_string) else {
        let t = m.type_name(v).to_string();
        return m.type_error(format!("must be str or None, not {t}"));
    };
    if sep.is_empty() {
        return m.value_error("empty separator");
    }
    Ok(Some(sep))
}

/// `maxsplit`: a negative one means no limit.
fn max_splits(m: &mut Machine, v: Value) -> Result<usize, Raised> {
    let max = m.index_int(v)?;
    Ok(usize::try_from(max).unwrap_or(usize::MAX))
}

fn split(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let sep = separator(m, call.args[0])?;
    let max = max_splits(m, call.args[1])?;
    let parts = match &sep {
        None => split_whitespace(&s, max),
        Some(sep) => s.splitn(max.saturating_add(1), sep.as_str()).collect(),
    };
    str_list(m, parts)
}

fn rsplit(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let sep = separator(m, call.args[0])?;
    let max = max_splits(m, call.args[1])?;
    let mut parts = match &sep {
        None => rsplit_whitespace(&s, max),
        Some(sep) => s.rsplitn(max.saturating_add(1), sep.as_str()).collect(),
    };
    parts.reverse();
    str_list(m, parts)
}

/// `str.split()` without a separator (stringlib's `split_whitespace`): words between runs
/// of whitespace; after `max` splits, the rest without its leading whitespace.
fn split_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_start_matches(chartype::is_space);
    while !rest.is_empty() {
        if parts.len() == max {
            parts.push(rest);
            break;
        }
        let end = rest.find(chartype::is_space).unwrap_or(rest.len());
        parts.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(chartype::is_space);
    }
    parts
}

/// `str.rsplit()` without a separator, last word first.
fn rsplit_whitespace(s: &str, max: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_end_matches(chartype::is_space);
    while !rest.is_empty() {
        if parts.len() == max {
            parts.push(rest);
            break;
        }
        let start = rest
            .rfind(chartype::is_space)
            .map_or(0, |i| i + rest[i..].chars().next().map_or(1, char::len_utf8));
        parts.push(&rest[start..]);
        rest = rest[..start].trim_end_matches(chartype::is_space);
    }
    parts
}

fn splitlines(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let keepends = m.index_int(call.args[0])? != 0;
    let mut parts = Vec::new();
    let mut start = 0;
    while start < s.len() {
        let end = s[start..].find(chartype::is_linebreak).map_or(s.len(), |i| start + i);
        let mut next = end;
        if let Some(c) = s[end..].chars().next() {
            next += if s[end..].starts_with("\r\n") { 2 } else { c.len_utf8() };
        }
        parts.push(&s[start..if keepends { next } else { end }]);
        start = next;
    }
    str_list(m, parts)
}

fn partition_sep(m: &mut Machine, call: &Call) -> Result<(String, String), Raised> {
    let s = this(m, call)?;
    let sep = str_arg(m, call.args[0], "")?;
    if sep.is_empty() {
        return m.value_error("empty separator");
    }
    Ok((s, sep))
}

fn partition(m: &mut Machine, call: &Call) -> NativeResult {
    let (s, sep) = partition_sep(m, call)?;
    match s.split_once(sep.as_str()) {
        Some((before, after)) => str_tuple(m, [before, &sep, after]),
        None => str_tuple(m, [&s, "", ""]),
    }
}

fn rpartition(m: &mut Machine, call: &Call) -> NativeResult {
    let (s, sep) = partition_sep(m, call)?;
    match s.rsplit_once(sep.as_str()) {
        Some((before, after)) => str_tuple(m, [before, &sep, after]),
        None => str_tuple(m, ["", "", &s]),
    }
}

/// `strip`, `lstrip` and `rstrip`: whitespace, or the characters of `chars`.
fn strip_sides(m: &mut Machine, call: &Call, name: &str, left: bool, right: bool) -> NativeResult {
    let s = this(m, call)?;
    let set = match call.args[0] {
        Value::None => None,
        v => match m.as_str(v) {
            Some(chars) => Some(chars.to_string()),
            None => return m.type_error(format!("{name} arg must be None or str")),
        },
    };
    let strip = |c: char| match &set {
        None => chartype::is_space(c),
        Some(set) => set.contains(c),
    };
    let mut result = s.as_str();
    if left {
        result = result.trim_start_matches(strip);
    }
    if right {
        result = result.trim_end_matches(strip);
    }
    let result = result.to_string();
    text(m, result)
}

fn strip(m: &mut Machine, call: &Call) -> NativeResult {
    strip_sides(m, call, "strip", true, true)
}

fn lstrip(m: &mut Machine, call: &Call) -> NativeResult {
    strip_sides(m, call, "lstrip", true, false)
}

fn rstrip(m: &mut Machine, call: &Call) -> NativeResult {
    strip_sides(m, call, "rstrip", false, true)
}

fn upper(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    text(m, s.to_uppercase())
}

fn lower(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    text(m, s.to_lowercase())
}

fn casefold(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        chartype::push_casefold(&mut out, c);
    }
    text(m, out)
}

/// Lower-casing characters in their context, as CPython's `lower_ucs4`: a capital sigma
/// ending a word becomes the final `ς`.
struct Lowering {
    /// Character positions of the capital sigmas that end a word.
    final_sigmas: Vec<usize>,
}

impl Lowering {
    fn new(s: &str) -> Lowering {
        let mut final_sigmas = Vec::new();
        if s.contains('Σ') {
            // Rust's `str::to_lowercase` applies the same final sigma rule; every other
            // character lowers on its own.
            let lowered: Vec<char> = s.to_lowercase().chars().collect();
            let mut at = 0;
            for (i, c) in s.chars().enumerate() {
                if c == 'Σ' {
                    if lowered.get(at) == Some(&'ς') {
                        final_sigmas.push(i);
                    }
                    at += 1;
                } else {
                    at += c.to_lowercase().count();
                }
            }
        }
        Lowering { final_sigmas }
    }

    /// Appends the lower case of `c`, the character at position `i`.
    fn push(&self, out: &mut String, i: usize, c: char) {
        if c == 'Σ' && self.final_sigmas.contains(&i) {
            out.push('ς');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn swapcase(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let lowering = Lowering::new(&s);
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() {
            lowering.push(&mut out, i, c);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    text(m, out)
}

fn title(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let lowering = Lowering::new(&s);
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for (i, c) in s.chars().enumerate() {
        if previous_cased {
            lowering.push(&mut out, i, c);
        } else {
            chartype::push_titlecase(&mut out, c);
        }
        previous_cased = chartype::is_cased(c);
    }
    text(m, out)
}

fn capitalize(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let lowering = Lowering::new(&s);
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            chartype::push_titlecase(&mut out, c);
        } else {
            lowering.push(&mut out, i, c);
        }
    }
    text(m, out)
}

fn replace(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let old = str_arg(m, call.args[0], "replace() argument 1")?;
    let new = str_arg(m, call.args[1], "replace() argument 2")?;
    let count = m.index_int(call.args[2])?;
    let out = if count < 0 {
        s.replace(&old, &new)
    } else {
        s.replacen(&old, &new, usize::try_from(count).unwrap_or(usize::MAX))
    };
    text(m, out)
}

fn removeprefix(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let prefix = str_arg(m, call.args[0], "removeprefix() argument")?;
    let out = s.strip_prefix(prefix.as_str()).unwrap_or(&s).to_string();
    text(m, out)
}

fn removesuffix(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let suffix = str_arg(m, call.args[0], "removesuffix() argument")?;
    let out = s.strip_suffix(suffix.as_str()).unwrap_or(&s).to_string();
    text(m, out)
}

fn expandtabs(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let tabsize = m.index_int(call.args[0])?;
    let mut out = String::with_capacity(s.len());
    let mut column: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' if tabsize > 0 => {
                let spaces = tabsize - column % tabsize;
                if out.try_reserve(spaces as usize).is_err() {
                    return m.raise(classes::OVERFLOW_ERROR, "new string is too long");
                }
                out.extend(std::iter::repeat_n(' ', spaces as usize));
                column += spaces;
            }
            '\t' => {}
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    text(m, out)
}

fn zfill(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let width = m.index_int(call.args[0])?.max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return text(m, s);
    }
    m.check_len(width)?;
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), s[1..].to_string()),
        _ => (String::new(), s.clone()),
    };
    text(m, format!("{sign}{}{digits}", "0".repeat(width - len)))
}

fn pad(m: &mut Machine, call: &Call, align: char) -> NativeResult {
    let s = this(m, call)?;
    let width = m.index_int(call.args[0])?.max(0) as usize;
    let Some(fill) = m.as_str(call.args[1]).map(str::to_string) else {
        let t = m.type_name(call.args[1]).to_string();
        return m.type_error(format!("The fill character must be a unicode character, not {t}"));
    };
    let mut fills = fill.chars();
    let (Some(fill), None) = (fills.next(), fills.next()) else {
        return m.type_error("The fill character must be exactly one character long");
    };
    let len = s.chars().count();
    if len >= width {
        return text(m, s);
    }
    m.check_len(width)?;
    let total = width - len;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        _ => {
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let f = |n| fill.to_string().repeat(n);
    text(m, format!("{}{s}{}", f(left), f(right)))
}

fn ljust(m: &mut Machine, call: &Call) -> NativeResult {
    pad(m, call, '<')
}

fn rjust(m: &mut Machine, call: &Call) -> NativeResult {
    pad(m, call, '>')
}

fn center(m: &mut Machine, call: &Call) -> NativeResult {
    pad(m, call, '^')
}
