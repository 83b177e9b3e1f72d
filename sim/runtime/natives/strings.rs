//! Methods of `str`.

use super::super::classes;
use super::super::machine::Machine;
use super::super::value::Value;
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt, req};
use crate::compile::ClassId;

pub const METHODS: &[(ClassId, &[NativeDef])] = &[(
    classes::STR,
    &[
        NativeDef::new("join", &[req("iterable")], Effect::Pure, join),
        NativeDef::new(
            "split",
            &[opt("sep", Default::None), opt("maxsplit", Default::Int(-1))],
            Effect::Pure,
            split,
        ),
        NativeDef::new("strip", &[opt("chars", Default::None)], Effect::Pure, strip),
        NativeDef::new("lstrip", &[opt("chars", Default::None)], Effect::Pure, lstrip),
        NativeDef::new("rstrip", &[opt("chars", Default::None)], Effect::Pure, rstrip),
        NativeDef::new("upper", &[], Effect::Pure, upper),
        NativeDef::new("lower", &[], Effect::Pure, lower),
        NativeDef::new("title", &[], Effect::Pure, title),
        NativeDef::new("capitalize", &[], Effect::Pure, capitalize),
        NativeDef::new("startswith", &[req("prefix")], Effect::Pure, startswith),
        NativeDef::new("endswith", &[req("suffix")], Effect::Pure, endswith),
        NativeDef::new(
            "replace",
            &[req("old"), req("new"), opt("count", Default::Int(-1))],
            Effect::Pure,
            replace,
        ),
        NativeDef::new("find", &[req("sub")], Effect::Pure, find),
        NativeDef::new("index", &[req("sub")], Effect::Pure, index),
        NativeDef::new("count", &[req("sub")], Effect::Pure, count),
        NativeDef::new("isdigit", &[], Effect::Pure, isdigit),
        NativeDef::new("isalpha", &[], Effect::Pure, isalpha),
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
        NativeDef::new("format", &[], Effect::Pure, format).varargs().kwargs(),
    ],
)];

fn this(m: &mut Machine, call: &Call) -> Result<String, Raised> {
    match m.as_str(call.recv) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = m.type_name(call.recv).to_string();
            m.type_error(format!("descriptor requires a 'str' object but received a '{t}'"))
        }
    }
}

fn str_arg(m: &mut Machine, v: Value, what: &str) -> Result<String, Raised> {
    match m.as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = m.type_name(v).to_string();
            m.type_error(format!("{what} must be str, not {t}"))
        }
    }
}

fn text(m: &mut Machine, s: String) -> NativeResult {
    Ok(Flow::Return(m.string_value(s)))
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

fn split(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let max = m.index_int(call.args[1])?;
    let parts: Vec<String> = match call.args[0] {
        Value::None => {
            let mut out: Vec<String> = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if max >= 0 && out.len() as i64 == max {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            out
        }
        sep => {
            let sep = str_arg(m, sep, "sep")?;
            if sep.is_empty() {
                return m.value_error("empty separator");
            }
            if max < 0 {
                s.split(sep.as_str()).map(str::to_string).collect()
            } else {
                s.splitn(max as usize + 1, sep.as_str()).map(str::to_string).collect()
            }
        }
    };
    let items = parts.into_iter().map(|p| m.string_value(p)).collect();
    Ok(Flow::Return(m.list_value(items)))
}

fn strip_with(m: &mut Machine, call: &Call, how: fn(&str, &dyn Fn(char) -> bool) -> String) -> NativeResult {
    let s = this(m, call)?;
    let chars = match call.args[0] {
        Value::None => None,
        v => Some(str_arg(m, v, "strip arg")?),
    };
    let result = match chars {
        None => how(&s, &|c: char| c.is_whitespace()),
        Some(set) => how(&s, &|c: char| set.contains(c)),
    };
    text(m, result)
}

fn strip(m: &mut Machine, call: &Call) -> NativeResult {
    strip_with(m, call, |s, p| s.trim_matches(p).to_string())
}

fn lstrip(m: &mut Machine, call: &Call) -> NativeResult {
    strip_with(m, call, |s, p| s.trim_start_matches(p).to_string())
}

fn rstrip(m: &mut Machine, call: &Call) -> NativeResult {
    strip_with(m, call, |s, p| s.trim_end_matches(p).to_string())
}

fn upper(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    text(m, s.to_uppercase())
}

fn lower(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    text(m, s.to_lowercase())
}

fn title(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    text(m, out)
}

fn capitalize(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let mut chars = s.chars();
    let out = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    };
    text(m, out)
}

fn affix(m: &mut Machine, call: &Call, test: fn(&str, &str) -> bool) -> NativeResult {
    let s = this(m, call)?;
    let options = match m.seq_items(call.args[0]) {
        Some(items) if m.type_of(call.args[0]) == classes::TUPLE => items.to_vec(),
        _ => vec![call.args[0]],
    };
    for option in options {
        let p = str_arg(m, option, "affix")?;
        if test(&s, &p) {
            return Ok(Flow::Return(Value::Bool(true)));
        }
    }
    Ok(Flow::Return(Value::Bool(false)))
}

fn startswith(m: &mut Machine, call: &Call) -> NativeResult {
    affix(m, call, |s, p| s.starts_with(p))
}

fn endswith(m: &mut Machine, call: &Call) -> NativeResult {
    affix(m, call, |s, p| s.ends_with(p))
}

fn replace(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let old = str_arg(m, call.args[0], "replace() argument 1")?;
    let new = str_arg(m, call.args[1], "replace() argument 2")?;
    let count = m.index_int(call.args[2])?;
    let out = if count < 0 {
        s.replace(&old, &new)
    } else {
        s.replacen(&old, &new, count as usize)
    };
    text(m, out)
}

fn char_position(s: &str, sub: &str) -> Option<i64> {
    s.find(sub).map(|b| s[..b].chars().count() as i64)
}

fn find(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let sub = str_arg(m, call.args[0], "find() argument")?;
    Ok(Flow::Return(Value::Int(char_position(&s, &sub).unwrap_or(-1))))
}

fn index(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let sub = str_arg(m, call.args[0], "index() argument")?;
    match char_position(&s, &sub) {
        Some(i) => Ok(Flow::Return(Value::Int(i))),
        None => m.value_error("substring not found"),
    }
}

fn count(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let sub = str_arg(m, call.args[0], "count() argument")?;
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(sub.as_str()).count()
    };
    Ok(Flow::Return(Value::Int(n as i64)))
}

fn isdigit(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    Ok(Flow::Return(Value::Bool(
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
    )))
}

fn isalpha(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    Ok(Flow::Return(Value::Bool(
        !s.is_empty() && s.chars().all(char::is_alphabetic),
    )))
}

fn zfill(m: &mut Machine, call: &Call) -> NativeResult {
    let s = this(m, call)?;
    let width = m.index_int(call.args[0])?.max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return text(m, s);
    }
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), s[1..].to_string()),
        _ => (String::new(), s.clone()),
    };
    text(m, format!("{sign}{}{digits}", "0".repeat(width - len)))
}

fn pad(m: &mut Machine, call: &Call, align: char) -> NativeResult {
    let s = this(m, call)?;
    let width = m.index_int(call.args[0])?.max(0) as usize;
    let fill = str_arg(m, call.args[1], "fill character")?;
    let mut fills = fill.chars();
    let (Some(fill), None) = (fills.next(), fills.next()) else {
        return m.type_error("The fill character must be exactly one character long");
    };
    let len = s.chars().count();
    if len >= width {
        return text(m, s);
    }
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

/// `str.format`: `{}`, `{0}`, `{name}`, with `!r`/`!s` and format specs.
fn format(m: &mut Machine, call: &Call) -> NativeResult {
    let template = this(m, call)?;
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    let mut auto = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                for f in chars.by_ref() {
                    if f == '}' {
                        break;
                    }
                    field.push(f);
                }
                let (name, spec) = field.split_once(':').unwrap_or((field.as_str(), ""));
                let (name, conversion) = name.split_once('!').map_or((name, None), |(n, c)| (n, Some(c)));
                let value = if name.is_empty() {
                    auto += 1;
                    call.rest.get(auto - 1).copied()
                } else if let Ok(i) = name.parse::<usize>() {
                    call.rest.get(i).copied()
                } else {
                    call.kwargs
                        .iter()
                        .find(|(k, _)| m.as_str(*k) == Some(name))
                        .map(|(_, v)| *v)
                };
                let Some(value) = value else {
                    if name.is_empty() || name.parse::<usize>().is_ok() {
                        let index = name.parse().unwrap_or(auto.saturating_sub(1));
                        return m.raise(
                            classes::INDEX_ERROR,
                            format!("Replacement index {index} out of range for positional args tuple"),
                        );
                    }
                    let key = m.str_value(name);
                    let exc = m.new_exception(classes::KEY_ERROR, vec![key]);
                    return Err(Raised(exc));
                };
                let value = match conversion {
                    Some("r") => {
                        let r = m.repr(value)?;
                        m.string_value(r)
                    }
                    _ => value,
                };
                out.push_str(&m.format_value(value, spec)?);
            }
            '}' => return m.value_error("Single '}' encountered in format string"),
            other => out.push(other),
        }
    }
    text(m, out)
}

impl Machine<'_> {
    /// `template % args`: printf-style formatting.
    pub fn percent_format(&mut self, template: &str, args: Value) -> Result<Value, Raised> {
        let _ = (template, args);
        self.type_error("sim does not support '%' string formatting yet; use an f-string")
    }
}
