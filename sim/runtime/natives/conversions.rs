//! Calling a built-in type: `int(...)`, `str(...)`, `list(...)`, `range(...)`, `type(x)`.
//! Each is the `__new__` of its class.

use super::super::classes;
use super::super::dict::Dict;
use super::super::machine::Machine;
use super::super::object::{Obj, Range};
use super::super::pyset::Set;
use super::super::value::Value;
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt, req};
use crate::compile::ClassId;

pub const FUNCTIONS: &[NativeDef] = &[];

pub const CONSTRUCTORS: &[(ClassId, &[NativeDef])] = &[
    (
        classes::INT,
        &[NativeDef::new(
            "__new__",
            &[opt("x", Default::Int(0)), opt("base", Default::None)],
            Effect::Pure,
            new_int,
        )],
    ),
    (
        classes::FLOAT,
        &[NativeDef::new(
            "__new__",
            &[opt("x", Default::Float(0.0))],
            Effect::Pure,
            new_float,
        )],
    ),
    (
        classes::STR,
        &[NativeDef::new(
            "__new__",
            &[opt("object", Default::Str(""))],
            Effect::Pure,
            new_str,
        )],
    ),
    (
        classes::BOOL,
        &[NativeDef::new(
            "__new__",
            &[opt("x", Default::Bool(false))],
            Effect::Pure,
            new_bool,
        )],
    ),
    (
        classes::LIST,
        &[NativeDef::new(
            "__new__",
            &[opt("iterable", Default::Absent)],
            Effect::Pure,
            new_list,
        )],
    ),
    (
        classes::TUPLE,
        &[NativeDef::new(
            "__new__",
            &[opt("iterable", Default::Absent)],
            Effect::Pure,
            new_tuple,
        )],
    ),
    (
        classes::SET,
        &[NativeDef::new("__new__", &[], Effect::Pure, new_set).varargs().kwargs()],
    ),
    (
        classes::DICT,
        &[NativeDef::new("__new__", &[opt("iterable", Default::Absent)], Effect::Pure, new_dict).kwargs()],
    ),
    (
        classes::RANGE,
        &[NativeDef::new(
            "__new__",
            &[
                opt("start", Default::Absent),
                opt("stop", Default::Absent),
                opt("step", Default::Int(1)),
            ],
            Effect::Pure,
            new_range,
        )],
    ),
    (
        classes::TYPE,
        &[NativeDef::new(
            "__new__",
            &[opt("object", Default::Absent)],
            Effect::Pure,
            new_type,
        )],
    ),
    (
        classes::OBJECT,
        &[NativeDef::new("__new__", &[], Effect::Pure, new_object)],
    ),
    (
        classes::SUPER,
        &[NativeDef::new(
            "__new__",
            &[req("type"), req("obj")],
            Effect::Pure,
            new_super,
        )],
    ),
    (
        classes::SLICE,
        &[NativeDef::new(
            "__new__",
            &[
                opt("start", Default::None),
                opt("stop", Default::Absent),
                opt("step", Default::None),
            ],
            Effect::Pure,
            new_slice,
        )],
    ),
];

fn ret(v: Value) -> NativeResult {
    Ok(Flow::Return(v))
}

fn given(v: Value) -> bool {
    !matches!(v, Value::Unset)
}

fn parse_int(text: &str, base: u32) -> Option<i64> {
    let t = text.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let digits = match base {
        16 => digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
            .unwrap_or(digits),
        8 => digits
            .strip_prefix("0o")
            .or_else(|| digits.strip_prefix("0O"))
            .unwrap_or(digits),
        2 => digits
            .strip_prefix("0b")
            .or_else(|| digits.strip_prefix("0B"))
            .unwrap_or(digits),
        _ => digits,
    };
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let v = i64::from_str_radix(&clean, base).ok()?;
    Some(if neg { -v } else { v })
}

fn new_int(m: &mut Machine, call: &Call) -> NativeResult {
    let (x, base) = (call.args[0], call.args[1]);
    if let Some(text) = m.as_str(x).map(str::to_string) {
        let base = if base.is_none() { 10 } else { m.index_int(base)? };
        return match parse_int(&text, base as u32) {
            Some(i) => ret(Value::Int(i)),
            None => m.value_error(format!(
                "invalid literal for int() with base {base}: {}",
                crate::pyfmt::str_repr(&text)
            )),
        };
    }
    if !base.is_none() {
        return m.type_error("int() can't convert non-string with explicit base");
    }
    match x {
        Value::Int(i) => ret(Value::Int(i)),
        Value::Bool(b) => ret(Value::Int(b as i64)),
        Value::Float(f) if f.is_nan() => m.value_error("cannot convert float NaN to integer"),
        Value::Float(f) if f.is_infinite() => {
            m.raise(classes::OVERFLOW_ERROR, "cannot convert float infinity to integer")
        }
        Value::Float(f) if f.abs() >= 9.2e18 => {
            m.raise(classes::OVERFLOW_ERROR, "integer overflow: sim's integers are 64-bit")
        }
        Value::Float(f) => ret(Value::Int(f.trunc() as i64)),
        _ => {
            let t = m.type_name(x).to_string();
            m.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
            ))
        }
    }
}

fn new_float(m: &mut Machine, call: &Call) -> NativeResult {
    let x = call.args[0];
    if let Some(text) = m.as_str(x).map(str::to_string) {
        let t = text.trim().to_lowercase().replace('_', "");
        let parsed = match t.trim_start_matches(['+', '-']) {
            "inf" | "infinity" => Some(if t.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }),
            "nan" => Some(f64::NAN),
            _ => t.parse::<f64>().ok(),
        };
        return match parsed {
            Some(f) => ret(Value::Float(f)),
            None => m.value_error(format!(
                "could not convert string to float: {}",
                crate::pyfmt::str_repr(&text)
            )),
        };
    }
    match x {
        Value::Int(i) => ret(Value::Float(i as f64)),
        Value::Bool(b) => ret(Value::Float(b as i64 as f64)),
        Value::Float(f) => ret(Value::Float(f)),
        _ => {
            let t = m.type_name(x).to_string();
            m.type_error(format!("float() argument must be a string or a real number, not '{t}'"))
        }
    }
}

fn new_str(m: &mut Machine, call: &Call) -> NativeResult {
    if m.text_in_python(call.args[0], crate::runtime::python_text::Text::Str) {
        return Ok(Flow::TailCall {
            func: m.library("_py_str"),
            args: super::TailArgs::Positional(vec![call.args[0]]),
        });
    }
    let text = m.display(call.args[0])?;
    ret(m.string_value(text))
}

fn new_bool(m: &mut Machine, call: &Call) -> NativeResult {
    m.truthy(call.args[0]).map(|b| Flow::Return(Value::Bool(b)))
}

/// The items of an iterable argument, or `Err(TailCall)` to the library when it needs Python.
fn items_of(m: &mut Machine, v: Value, python: &str) -> Result<Result<Vec<Value>, Flow>, Raised> {
    if super::builtins::needs_python(m, v) {
        return Ok(Err(Flow::TailCall {
            func: m.library(python),
            args: super::TailArgs::Positional(vec![v]),
        }));
    }
    m.collect(v).map(Ok)
}

fn new_list(m: &mut Machine, call: &Call) -> NativeResult {
    if !given(call.args[0]) {
        return ret(m.list_value(Vec::new()));
    }
    match items_of(m, call.args[0], "_py_list")? {
        Ok(items) => ret(m.list_value(items)),
        Err(flow) => Ok(flow),
    }
}

fn new_tuple(m: &mut Machine, call: &Call) -> NativeResult {
    if !given(call.args[0]) {
        return ret(m.tuple_value(Vec::new()));
    }
    if m.type_of(call.args[0]) == classes::TUPLE {
        return ret(call.args[0]);
    }
    match items_of(m, call.args[0], "_py_tuple")? {
        Ok(items) => ret(m.tuple_value(items)),
        Err(flow) => Ok(flow),
    }
}

/// `set()` and `set(iterable)`, built as CPython builds them (see `Machine::set_of`).
fn new_set(m: &mut Machine, call: &Call) -> NativeResult {
    if !call.kwargs.is_empty() {
        return m.type_error("set() takes no keyword arguments");
    }
    let iterable = match call.rest {
        [] => return ret(m.alloc_set(Set::new())),
        [v] => *v,
        rest => return m.type_error(format!("set expected at most 1 argument, got {}", rest.len())),
    };
    if super::builtins::needs_python(m, iterable) {
        return Ok(Flow::TailCall {
            func: m.library("_py_set"),
            args: super::TailArgs::Positional(vec![iterable]),
        });
    }
    let operand = m.set_operand(iterable)?;
    let set = m.set_of(operand)?;
    ret(m.alloc_set(set))
}

fn new_dict(m: &mut Machine, call: &Call) -> NativeResult {
    let mut dict = Dict::new();
    if given(call.args[0]) {
        let source = call.args[0];
        if let Some(Obj::Dict(d)) = source.as_obj().map(|r| m.heap.get(r)) {
            for (h, k, v) in d.hashed_entries() {
                dict.insert(h.clone(), k, v);
            }
        } else {
            let pairs = match items_of(m, source, "_py_dict")? {
                Ok(items) => items,
                Err(flow) => return Ok(flow),
            };
            for (i, pair) in pairs.into_iter().enumerate() {
                let kv = m.seq_items(pair).map(<[Value]>::to_vec).unwrap_or_default();
                let [k, v] = kv[..] else {
                    return m.value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        kv.len()
                    ));
                };
                let key = m.hash_key(k)?;
                dict.insert(key, k, v);
            }
        }
    }
    for (k, v) in call.kwargs {
        let key = m.hash_key(*k)?;
        dict.insert(key, *k, *v);
    }
    ret(Value::Obj(m.heap.alloc(Obj::Dict(dict))))
}

fn new_range(m: &mut Machine, call: &Call) -> NativeResult {
    let (a, b, c) = (call.args[0], call.args[1], call.args[2]);
    if !given(a) {
        return m.type_error("range expected at least 1 argument, got 0");
    }
    let (start, stop) = if given(b) {
        (m.index_int(a)?, m.index_int(b)?)
    } else {
        (0, m.index_int(a)?)
    };
    let step = m.index_int(c)?;
    if step == 0 {
        return m.value_error("range() arg 3 must not be zero");
    }
    ret(Value::Obj(m.heap.alloc(Obj::Range(Range { start, stop, step }))))
}

fn new_type(m: &mut Machine, call: &Call) -> NativeResult {
    if !given(call.args[0]) {
        return m.type_error("type() takes 1 or 3 arguments");
    }
    ret(Value::Class(m.type_of(call.args[0])))
}

fn new_object(m: &mut Machine, _call: &Call) -> NativeResult {
    ret(Value::Obj(m.alloc_instance(classes::OBJECT, None)))
}

fn new_slice(m: &mut Machine, call: &Call) -> NativeResult {
    let (a, b, c) = (call.args[0], call.args[1], call.args[2]);
    let parts = if given(b) {
        [a, b, c]
    } else {
        [Value::None, a, Value::None]
    };
    ret(Value::Obj(m.heap.alloc(Obj::Slice(parts))))
}

fn new_super(m: &mut Machine, call: &Call) -> NativeResult {
    let Value::Class(class) = call.args[0] else {
        return m.type_error("super() argument 1 must be a type");
    };
    let obj = call.args[1];
    if !m.program.is_subclass(m.type_of(obj), class) {
        return m.type_error("super(type, obj): obj must be an instance or subtype of type");
    }
    ret(Value::Obj(m.heap.alloc(Obj::Super { class, obj })))
}
