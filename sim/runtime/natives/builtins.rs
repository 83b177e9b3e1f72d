//! Python's built-in functions (`print`, `len`, `sum`, `isinstance`, `pow`, `hex`, ...) and the
//! `math` module. Functions that must consume a generator hand it to their Python
//! counterpart in the library (`Flow::TailCall`), since natives never run Python code.

use super::super::classes;
use super::super::machine::Machine;
use super::super::object::{Iter, Obj, Range};
use super::super::value::Value;
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, kw, opt, req};
use crate::pyfmt;
use crate::runtime::python_text::Text;

pub const FUNCTIONS: &[NativeDef] = &[
    NativeDef::new(
        "print",
        &[
            kw("sep", Default::Absent),
            kw("end", Default::Absent),
            kw("file", Default::None),
            kw("flush", Default::Bool(false)),
        ],
        Effect::Step,
        print,
    )
    .varargs(),
    NativeDef::new("len", &[req("obj")], Effect::Data, len),
    NativeDef::new("repr", &[req("obj")], Effect::Pure, repr),
    NativeDef::new("ascii", &[req("obj")], Effect::Pure, ascii),
    NativeDef::new("abs", &[req("x")], Effect::Pure, abs),
    NativeDef::new(
        "min",
        &[kw("key", Default::None), kw("default", Default::Absent)],
        Effect::Pure,
        min,
    )
    .varargs(),
    NativeDef::new(
        "max",
        &[kw("key", Default::None), kw("default", Default::Absent)],
        Effect::Pure,
        max,
    )
    .varargs(),
    NativeDef::new(
        "sum",
        &[req("iterable"), opt("start", Default::Int(0))],
        Effect::Pure,
        sum,
    ),
    NativeDef::new("any", &[req("iterable")], Effect::Pure, any),
    NativeDef::new("all", &[req("iterable")], Effect::Pure, all),
    NativeDef::new(
        "sorted",
        &[
            req("iterable"),
            kw("key", Default::None),
            kw("reverse", Default::Bool(false)),
        ],
        Effect::Pure,
        sorted,
    ),
    NativeDef::new("reversed", &[req("seq")], Effect::Pure, reversed),
    NativeDef::new(
        "enumerate",
        &[req("iterable"), opt("start", Default::Int(0))],
        Effect::Pure,
        enumerate,
    ),
    NativeDef::new("zip", &[], Effect::Pure, zip).varargs(),
    NativeDef::new("map", &[req("func")], Effect::Pure, map).varargs(),
    NativeDef::new("filter", &[req("function"), req("iterable")], Effect::Pure, filter),
    NativeDef::new(
        "isinstance",
        &[req("obj"), req("class_or_tuple")],
        Effect::Pure,
        isinstance,
    ),
    NativeDef::new(
        "issubclass",
        &[req("cls"), req("class_or_tuple")],
        Effect::Pure,
        issubclass,
    ),
    NativeDef::new("callable", &[req("obj")], Effect::Pure, callable),
    NativeDef::new("iter", &[req("obj")], Effect::Pure, iter),
    NativeDef::new(
        "next",
        &[req("iterator"), opt("default", Default::Absent)],
        Effect::Pure,
        next,
    ),
    NativeDef::new(
        "round",
        &[req("number"), opt("ndigits", Default::None)],
        Effect::Pure,
        round,
    ),
    NativeDef::new("divmod", &[req("a"), req("b")], Effect::Pure, divmod),
    NativeDef::new(
        "pow",
        &[req("base"), req("exp"), opt("mod", Default::None)],
        Effect::Pure,
        pow,
    ),
    NativeDef::new("hex", &[req("number")], Effect::Pure, hex),
    NativeDef::new("oct", &[req("number")], Effect::Pure, oct),
    NativeDef::new("bin", &[req("number")], Effect::Pure, bin),
    NativeDef::new("hash", &[req("obj")], Effect::Pure, hash),
    NativeDef::new("chr", &[req("i")], Effect::Pure, chr),
    NativeDef::new("ord", &[req("c")], Effect::Pure, ord),
    NativeDef::new(
        "format",
        &[req("value"), opt("format_spec", Default::Str(""))],
        Effect::Pure,
        format,
    ),
    NativeDef::new(
        "getattr",
        &[req("object"), req("name"), opt("default", Default::Absent)],
        Effect::Pure,
        getattr,
    ),
    NativeDef::new("hasattr", &[req("object"), req("name")], Effect::Pure, hasattr),
    NativeDef::new("id", &[req("obj")], Effect::Pure, id),
];

pub const MATH: &[NativeDef] = &[
    NativeDef::new("sqrt", &[req("x")], Effect::Pure, sqrt),
    NativeDef::new("floor", &[req("x")], Effect::Pure, floor),
    NativeDef::new("ceil", &[req("x")], Effect::Pure, ceil),
    NativeDef::new(
        "isclose",
        &[
            req("a"),
            req("b"),
            kw("rel_tol", Default::Float(1e-9)),
            kw("abs_tol", Default::Float(0.0)),
        ],
        Effect::Pure,
        isclose,
    ),
];

fn ret(v: Value) -> NativeResult {
    Ok(Flow::Return(v))
}

/// Hands a call over to the library's Python function `name`.
pub(super) fn python(m: &Machine, name: &str, args: Vec<Value>) -> NativeResult {
    Ok(Flow::TailCall {
        func: m.library(name),
        args: super::TailArgs::Positional(args),
    })
}

/// Whether `v` can only be iterated by running Python code (a generator, or a lazy
/// iterator over one).
pub fn needs_python(m: &Machine, v: Value) -> bool {
    match v.as_obj().map(|r| m.heap.get(r)) {
        Some(Obj::Generator(_)) => true,
        Some(Obj::Iter(Iter::Enumerate { inner, .. })) => needs_python(m, *inner),
        Some(Obj::Iter(Iter::Zip(items))) => items.iter().any(|i| needs_python(m, *i)),
        _ => false,
    }
}

fn print(m: &mut Machine, call: &Call) -> NativeResult {
    if call.rest.iter().any(|v| m.text_in_python(*v, Text::Str)) {
        let args = m.tuple_value(call.rest.to_vec());
        let given = |v: Value| if matches!(v, Value::Unset) { Value::None } else { v };
        return python(m, "_py_print", vec![args, given(call.args[0]), given(call.args[1])]);
    }
    let sep = str_arg(m, call.args[0], " ", "sep")?;
    let end = str_arg(m, call.args[1], "\n", "end")?;
    let mut text = String::new();
    for (i, v) in call.rest.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(&m.display(*v)?);
    }
    text.push_str(&end);
    m.out.push_str(&text);
    ret(Value::None)
}

fn str_arg(m: &mut Machine, v: Value, default: &str, name: &str) -> Result<String, super::Raised> {
    match v {
        Value::None | Value::Unset => Ok(default.to_string()),
        v => match m.as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = m.type_name(v).to_string();
                m.type_error(format!("{name} must be None or a string, not {t}"))
            }
        },
    }
}

fn len(m: &mut Machine, call: &Call) -> NativeResult {
    m.len(call.args[0]).map(|n| Flow::Return(Value::Int(n)))
}

fn repr(m: &mut Machine, call: &Call) -> NativeResult {
    if m.text_in_python(call.args[0], Text::Repr) {
        return python(m, "_py_repr", vec![call.args[0], Value::None]);
    }
    let text = m.repr(call.args[0])?;
    ret(m.string_value(text))
}

fn ascii(m: &mut Machine, call: &Call) -> NativeResult {
    let text = m.ascii(call.args[0])?;
    ret(m.string_value(text))
}

fn abs(m: &mut Machine, call: &Call) -> NativeResult {
    match call.args[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => ret(Value::Int(a)),
            None => m.raise(classes::OVERFLOW_ERROR, "integer overflow: sim's integers are 64-bit"),
        },
        Value::Bool(b) => ret(Value::Int(b as i64)),
        Value::Float(f) => ret(Value::Float(f.abs())),
        v => {
            let t = m.type_name(v).to_string();
            m.type_error(format!("bad operand type for abs(): '{t}'"))
        }
    }
}

fn extreme(
    m: &mut Machine,
    call: &Call,
    name: &str,
    keep_new: fn(&mut Machine, Value, Value) -> Result<bool, super::Raised>,
) -> NativeResult {
    let (key, default) = (call.args[0], call.args[1]);
    let single = call.rest.len() == 1;
    if call.rest.is_empty() {
        return m.type_error(format!("{name} expected at least 1 argument, got 0"));
    }
    let source = if single {
        call.rest[0]
    } else {
        m.tuple_value(call.rest.to_vec())
    };
    let default_or_missing = |m: &Machine| {
        if matches!(default, Value::Unset) {
            m.library("_MISSING")
        } else {
            default
        }
    };
    if !key.is_none() || needs_python(m, source) {
        let default = default_or_missing(m);
        return python(m, &format!("_py_{name}"), vec![source, key, default]);
    }
    let items = m.collect(source)?;
    if items.iter().any(|v| m.compares_in_python(*v)) {
        let (items, default) = (m.list_value(items), default_or_missing(m));
        return python(m, &format!("_py_{name}"), vec![items, key, default]);
    }
    let Some(mut best) = items.first().copied() else {
        if !matches!(default, Value::Unset) {
            return ret(default);
        }
        return m.value_error(format!("{name}() arg is an empty sequence"));
    };
    for item in &items[1..] {
        if keep_new(m, *item, best)? {
            best = *item;
        }
    }
    ret(best)
}

fn min(m: &mut Machine, call: &Call) -> NativeResult {
    extreme(m, call, "min", |m, new, best| m.less(new, best))
}

fn max(m: &mut Machine, call: &Call) -> NativeResult {
    extreme(m, call, "max", |m, new, best| m.less(best, new))
}

fn sum(m: &mut Machine, call: &Call) -> NativeResult {
    if needs_python(m, call.args[0]) {
        return python(m, "_py_sum", vec![call.args[0], call.args[1]]);
    }
    let items = m.collect(call.args[0])?;
    let mut total = call.args[1];
    if m.as_str(total).is_some() {
        return m.type_error("sum() can't sum strings [use ''.join(seq) instead]");
    }
    for item in items {
        total = m.binary(crate::syntax::ast::BinOp::Add, total, item)?;
    }
    ret(total)
}

fn any(m: &mut Machine, call: &Call) -> NativeResult {
    if needs_python(m, call.args[0]) {
        return python(m, "_py_any", vec![call.args[0]]);
    }
    for item in m.collect(call.args[0])? {
        if m.truthy(item)? {
            return ret(Value::Bool(true));
        }
    }
    ret(Value::Bool(false))
}

fn all(m: &mut Machine, call: &Call) -> NativeResult {
    if needs_python(m, call.args[0]) {
        return python(m, "_py_all", vec![call.args[0]]);
    }
    for item in m.collect(call.args[0])? {
        if !m.truthy(item)? {
            return ret(Value::Bool(false));
        }
    }
    ret(Value::Bool(true))
}

fn sorted(m: &mut Machine, call: &Call) -> NativeResult {
    let (iterable, key, reverse) = (call.args[0], call.args[1], call.args[2]);
    if !key.is_none() || needs_python(m, iterable) {
        return python(m, "_py_sorted", vec![iterable, key, reverse]);
    }
    let mut items = m.collect(iterable)?;
    let descending = m.truthy(reverse)?;
    if !m.sort_simple(&mut items, descending) {
        let items = m.list_value(items);
        return python(m, "_py_sorted", vec![items, key, reverse]);
    }
    ret(m.list_value(items))
}

fn reversed(m: &mut Machine, call: &Call) -> NativeResult {
    let v = call.args[0];
    match v.as_obj().map(|r| m.heap.get(r)) {
        Some(Obj::List(items)) => {
            let len = items.len();
            ret(Value::Obj(m.heap.alloc(Obj::Iter(Iter::Reversed {
                seq: v.as_obj().expect("obj"),
                index: len,
            }))))
        }
        Some(Obj::Tuple(items)) => {
            let len = items.len();
            ret(Value::Obj(m.heap.alloc(Obj::Iter(Iter::Reversed {
                seq: v.as_obj().expect("obj"),
                index: len,
            }))))
        }
        Some(Obj::Range(r)) => {
            let r = *r;
            let last = r.start + (r.len() - 1) * r.step;
            let range = Range {
                start: last,
                stop: r.start - r.step,
                step: -r.step,
            };
            let obj = if r.len() == 0 {
                Obj::Range(Range {
                    start: 0,
                    stop: 0,
                    step: 1,
                })
            } else {
                Obj::Range(range)
            };
            let range_value = Value::Obj(m.heap.alloc(obj));
            m.get_iter(range_value).map(Flow::Return)
        }
        _ => {
            let items = m.collect(v)?;
            let list = m.list_value(items);
            let len = m.seq_items(list).map_or(0, <[Value]>::len);
            ret(Value::Obj(m.heap.alloc(Obj::Iter(Iter::Reversed {
                seq: list.as_obj().expect("obj"),
                index: len,
            }))))
        }
    }
}

fn enumerate(m: &mut Machine, call: &Call) -> NativeResult {
    let start = m.index_int(call.args[1])?;
    if needs_python(m, call.args[0]) {
        return python(m, "_py_enumerate", vec![call.args[0], Value::Int(start)]);
    }
    let inner = m.get_iter(call.args[0])?;
    ret(Value::Obj(
        m.heap.alloc(Obj::Iter(Iter::Enumerate { inner, count: start })),
    ))
}

fn zip(m: &mut Machine, call: &Call) -> NativeResult {
    if call.rest.iter().any(|v| needs_python(m, *v)) {
        let args = m.tuple_value(call.rest.to_vec());
        return python(m, "_py_zip", vec![args]);
    }
    let inners = call
        .rest
        .iter()
        .map(|v| m.get_iter(*v))
        .collect::<Result<Vec<_>, _>>()?;
    ret(Value::Obj(m.heap.alloc(Obj::Iter(Iter::Zip(inners.into())))))
}

fn map(m: &mut Machine, call: &Call) -> NativeResult {
    let iterables = m.tuple_value(call.rest.to_vec());
    python(m, "_py_map", vec![call.args[0], iterables])
}

fn filter(m: &mut Machine, call: &Call) -> NativeResult {
    python(m, "_py_filter", vec![call.args[0], call.args[1]])
}

fn class_list(m: &mut Machine, v: Value) -> Result<Vec<crate::compile::ClassId>, super::Raised> {
    match v {
        Value::Class(c) => Ok(vec![c]),
        v => match m.seq_items(v) {
            Some(items) if m.type_of(v) == classes::TUPLE => {
                let items = items.to_vec();
                let mut out = Vec::new();
                for item in items {
                    out.extend(class_list(m, item)?);
                }
                Ok(out)
            }
            _ => m.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"),
        },
    }
}

fn isinstance(m: &mut Machine, call: &Call) -> NativeResult {
    let classes = class_list(m, call.args[1])?;
    let t = m.type_of(call.args[0]);
    ret(Value::Bool(classes.iter().any(|c| m.program.is_subclass(t, *c))))
}

fn issubclass(m: &mut Machine, call: &Call) -> NativeResult {
    let Value::Class(c) = call.args[0] else {
        return m.type_error("issubclass() arg 1 must be a class");
    };
    let classes = class_list(m, call.args[1])?;
    ret(Value::Bool(classes.iter().any(|k| m.program.is_subclass(c, *k))))
}

fn callable(m: &mut Machine, call: &Call) -> NativeResult {
    let v = call.args[0];
    let yes = match v {
        Value::Class(_) | Value::Native(_) => true,
        Value::Obj(r) => matches!(m.heap.get(r), Obj::Function(_) | Obj::BoundMethod { .. }),
        _ => false,
    };
    ret(Value::Bool(yes))
}

fn iter(m: &mut Machine, call: &Call) -> NativeResult {
    m.get_iter(call.args[0]).map(Flow::Return)
}

fn next(m: &mut Machine, call: &Call) -> NativeResult {
    let it = call.args[0];
    let Some(r) = it.as_obj().filter(|r| matches!(m.heap.get(*r), Obj::Iter(_))) else {
        let t = m.type_name(it).to_string();
        return m.type_error(format!("'{t}' object is not an iterator"));
    };
    match m.iter_next(r)? {
        super::super::items::Next::Item(v) => ret(v),
        _ if !matches!(call.args[1], Value::Unset) => ret(call.args[1]),
        _ => m.raise(classes::STOP_ITERATION, ""),
    }
}

fn round(m: &mut Machine, call: &Call) -> NativeResult {
    let (x, nd) = (call.args[0], call.args[1]);
    match (x, nd) {
        (Value::Int(_) | Value::Bool(_), Value::None) => ret(Value::Int(m.index_int(x)?)),
        (Value::Int(i), nd) => {
            let nd = m.index_int(nd)?;
            if nd >= 0 {
                return ret(Value::Int(i));
            }
            let p = 10i64.checked_pow((-nd) as u32).unwrap_or(i64::MAX);
            let q = (i as f64 / p as f64).round_ties_even() as i64;
            ret(Value::Int(q.saturating_mul(p)))
        }
        (Value::Float(f), Value::None) => {
            if !f.is_finite() {
                return m.raise(
                    if f.is_nan() {
                        classes::VALUE_ERROR
                    } else {
                        classes::OVERFLOW_ERROR
                    },
                    "cannot convert float infinity to integer",
                );
            }
            ret(Value::Int(f.round_ties_even() as i64))
        }
        (Value::Float(f), nd) => {
            let nd = m.index_int(nd)?;
            ret(Value::Float(pyfmt::round_float(f, nd)))
        }
        _ => {
            let t = m.type_name(x).to_string();
            m.type_error(format!("type {t} doesn't define __round__ method"))
        }
    }
}

fn divmod(m: &mut Machine, call: &Call) -> NativeResult {
    use crate::syntax::ast::BinOp;
    let q = m.binary(BinOp::FloorDiv, call.args[0], call.args[1])?;
    let r = m.binary(BinOp::Mod, call.args[0], call.args[1])?;
    ret(m.tuple_value(vec![q, r]))
}

/// `pow(base, exp)` is `base ** exp`; `pow(base, exp, mod)` is modular exponentiation of
/// ints, with a negative `exp` meaning the modular inverse's power.
fn pow(m: &mut Machine, call: &Call) -> NativeResult {
    let (base, exp, modulus) = (call.args[0], call.args[1], call.args[2]);
    if modulus.is_none() {
        return m.binary(crate::syntax::ast::BinOp::Pow, base, exp).map(Flow::Return);
    }
    let int = |v: Value| match v {
        Value::Int(i) => Some(i),
        Value::Bool(b) => Some(i64::from(b)),
        _ => None,
    };
    let (Some(b), Some(e), Some(n)) = (int(base), int(exp), int(modulus)) else {
        // CPython tries each operand's `__pow__`; float's refuses a modulus outright.
        if [base, exp, modulus].iter().any(|v| matches!(v, Value::Float(_))) {
            return m.type_error("pow() 3rd argument not allowed unless all arguments are integers");
        }
        let names = [base, exp, modulus].map(|v| format!("'{}'", m.type_name(v)));
        return m.type_error(format!(
            "unsupported operand type(s) for ** or pow(): {}",
            names.join(", ")
        ));
    };
    if n == 0 {
        return m.value_error("pow() 3rd argument cannot be 0");
    }
    let modulus = i128::from(n.unsigned_abs());
    if modulus == 1 {
        return ret(Value::Int(0));
    }
    let mut b = i128::from(b).rem_euclid(modulus);
    if e < 0 {
        match mod_inverse(b, modulus) {
            Some(inverse) => b = inverse,
            None => return m.value_error("base is not invertible for the given modulus"),
        }
    }
    let mut e = e.unsigned_abs();
    let mut result: i128 = 1;
    while e > 0 {
        if e & 1 == 1 {
            result = result * b % modulus;
        }
        b = b * b % modulus;
        e >>= 1;
    }
    if n < 0 && result != 0 {
        result -= modulus;
    }
    // |result| < |n|, so it fits.
    ret(Value::Int(result as i64))
}

/// The inverse of `a` modulo `n` (`0 <= a < n`), if they are coprime.
fn mod_inverse(a: i128, n: i128) -> Option<i128> {
    let (mut r0, mut r1) = (n, a);
    let (mut t0, mut t1) = (0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    (r0 == 1).then(|| t0.rem_euclid(n))
}

/// `hex`, `oct` and `bin`: the int with its base's prefix, after the sign.
fn int_in_base(m: &mut Machine, call: &Call, prefix: &str, digits: fn(u64) -> String) -> NativeResult {
    let i = m.index_int(call.args[0])?;
    let sign = if i < 0 { "-" } else { "" };
    let text = format!("{sign}{prefix}{}", digits(i.unsigned_abs()));
    ret(m.string_value(text))
}

fn hex(m: &mut Machine, call: &Call) -> NativeResult {
    int_in_base(m, call, "0x", |n| format!("{n:x}"))
}

fn oct(m: &mut Machine, call: &Call) -> NativeResult {
    int_in_base(m, call, "0o", |n| format!("{n:o}"))
}

fn bin(m: &mut Machine, call: &Call) -> NativeResult {
    int_in_base(m, call, "0b", |n| format!("{n:b}"))
}

fn hash(m: &mut Machine, call: &Call) -> NativeResult {
    use std::hash::{Hash, Hasher};
    let key = m.hash_key(call.args[0])?;
    let h = match key {
        super::super::dict::HashKey::Int(i) => i,
        other => {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            other.hash(&mut hasher);
            hasher.finish() as i64
        }
    };
    ret(Value::Int(h))
}

fn chr(m: &mut Machine, call: &Call) -> NativeResult {
    let i = m.index_int(call.args[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => ret(m.string_value(c.to_string())),
        None => m.value_error("chr() arg not in range(0x110000)"),
    }
}

fn ord(m: &mut Machine, call: &Call) -> NativeResult {
    let text = m.as_str(call.args[0]).map(str::to_string);
    match text {
        Some(s) if s.chars().count() == 1 => ret(Value::Int(s.chars().next().expect("one") as i64)),
        Some(s) => m.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        )),
        None => {
            let t = m.type_name(call.args[0]).to_string();
            m.type_error(format!("ord() expected string of length 1, but {t} found"))
        }
    }
}

fn format(m: &mut Machine, call: &Call) -> NativeResult {
    let spec = match m.as_str(call.args[1]) {
        Some(s) => s.to_string(),
        None => return m.type_error("format() argument 2 must be str"),
    };
    let text = m.format_value(call.args[0], &spec)?;
    ret(m.string_value(text))
}

fn getattr(m: &mut Machine, call: &Call) -> NativeResult {
    let name = match m.as_str(call.args[1]) {
        Some(s) => s.to_string(),
        None => return m.type_error("attribute name must be string"),
    };
    match m.get_attr_by_name(call.args[0], &name) {
        Ok(v) => ret(v),
        Err(e) if !matches!(call.args[2], Value::Unset) && m.is_instance(e.0, classes::ATTRIBUTE_ERROR) => {
            ret(call.args[2])
        }
        Err(e) => Err(e),
    }
}

fn hasattr(m: &mut Machine, call: &Call) -> NativeResult {
    let name = match m.as_str(call.args[1]) {
        Some(s) => s.to_string(),
        None => return m.type_error("attribute name must be string"),
    };
    match m.get_attr_by_name(call.args[0], &name) {
        Ok(_) => ret(Value::Bool(true)),
        Err(e) if m.is_instance(e.0, classes::ATTRIBUTE_ERROR) => ret(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn id(_m: &mut Machine, call: &Call) -> NativeResult {
    let id = match call.args[0] {
        Value::Obj(r) => r.0 as i64 + 1,
        Value::Int(i) => i,
        _ => 0,
    };
    ret(Value::Int(id))
}

fn float_arg(m: &mut Machine, v: Value) -> Result<f64, super::Raised> {
    match v {
        Value::Int(i) => Ok(i as f64),
        Value::Bool(b) => Ok(b as i64 as f64),
        Value::Float(f) => Ok(f),
        _ => {
            let t = m.type_name(v).to_string();
            m.type_error(format!("must be real number, not {t}"))
        }
    }
}

fn sqrt(m: &mut Machine, call: &Call) -> NativeResult {
    let x = float_arg(m, call.args[0])?;
    if x < 0.0 {
        return m.value_error("math domain error");
    }
    ret(Value::Float(x.sqrt()))
}

fn floor(m: &mut Machine, call: &Call) -> NativeResult {
    match call.args[0] {
        Value::Int(i) => ret(Value::Int(i)),
        v => {
            let x = float_arg(m, v)?;
            ret(Value::Int(x.floor() as i64))
        }
    }
}

fn ceil(m: &mut Machine, call: &Call) -> NativeResult {
    match call.args[0] {
        Value::Int(i) => ret(Value::Int(i)),
        v => {
            let x = float_arg(m, v)?;
            ret(Value::Int(x.ceil() as i64))
        }
    }
}

fn isclose(m: &mut Machine, call: &Call) -> NativeResult {
    let a = float_arg(m, call.args[0])?;
    let b = float_arg(m, call.args[1])?;
    let rel = float_arg(m, call.args[2])?;
    let abs = float_arg(m, call.args[3])?;
    let close = a == b || (a - b).abs() <= (rel * b.abs()).max(rel * a.abs()).max(abs);
    ret(Value::Bool(close))
}
