//! Methods of `list`, `dict` and `set`. Mutators and readers are visible steps when the
//! container is shared between threads (`Effect::Data`).

use super::super::classes;
use super::super::dict::Dict;
use super::super::machine::Machine;
use super::super::object::Obj;
use super::super::value::{ObjRef, Value};
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, kw, opt, req};
use crate::compile::ClassId;

pub const METHODS: &[(ClassId, &[NativeDef])] = &[
    (
        classes::LIST,
        &[
            NativeDef::new("append", &[req("object")], Effect::Data, append),
            NativeDef::new("extend", &[req("iterable")], Effect::Data, extend),
            NativeDef::new("insert", &[req("index"), req("object")], Effect::Data, insert),
            NativeDef::new("pop", &[opt("index", Default::Int(-1))], Effect::Data, list_pop),
            NativeDef::new("remove", &[req("value")], Effect::Data, remove),
            NativeDef::new("index", &[req("value")], Effect::Data, index),
            NativeDef::new("count", &[req("value")], Effect::Data, count),
            NativeDef::new("clear", &[], Effect::Data, list_clear),
            NativeDef::new(
                "sort",
                &[kw("key", Default::None), kw("reverse", Default::Bool(false))],
                Effect::Data,
                sort,
            ),
            NativeDef::new("reverse", &[], Effect::Data, reverse),
            NativeDef::new("copy", &[], Effect::Data, list_copy),
        ],
    ),
    (
        classes::DICT,
        &[
            NativeDef::new("get", &[req("key"), opt("default", Default::None)], Effect::Data, get),
            NativeDef::new("keys", &[], Effect::Data, keys),
            NativeDef::new("values", &[], Effect::Data, values),
            NativeDef::new("items", &[], Effect::Data, items),
            NativeDef::new(
                "pop",
                &[req("key"), opt("default", Default::Absent)],
                Effect::Data,
                dict_pop,
            ),
            NativeDef::new("popitem", &[], Effect::Data, popitem),
            NativeDef::new(
                "setdefault",
                &[req("key"), opt("default", Default::None)],
                Effect::Data,
                setdefault,
            ),
            NativeDef::new("update", &[opt("other", Default::Absent)], Effect::Data, update).kwargs(),
            NativeDef::new("clear", &[], Effect::Data, dict_clear),
            NativeDef::new("copy", &[], Effect::Data, dict_copy),
        ],
    ),
    (
        classes::SET,
        &[
            NativeDef::new("add", &[req("elem")], Effect::Data, add),
            NativeDef::new("discard", &[req("elem")], Effect::Data, discard),
            NativeDef::new("remove", &[req("elem")], Effect::Data, set_remove),
            NativeDef::new("pop", &[], Effect::Data, set_pop),
            NativeDef::new("clear", &[], Effect::Data, dict_clear),
            NativeDef::new("copy", &[], Effect::Data, set_copy),
        ],
    ),
];

fn ret(v: Value) -> NativeResult {
    Ok(Flow::Return(v))
}

/// The receiver as a list (frozen ones only for reading).
fn list(m: &mut Machine, call: &Call, write: bool) -> Result<ObjRef, Raised> {
    container(m, call.recv, write, |o| matches!(o, Obj::List(_)), "list")
}

fn dict(m: &mut Machine, call: &Call, write: bool) -> Result<ObjRef, Raised> {
    container(m, call.recv, write, |o| matches!(o, Obj::Dict(_)), "dict")
}

fn set(m: &mut Machine, call: &Call, write: bool) -> Result<ObjRef, Raised> {
    container(m, call.recv, write, |o| matches!(o, Obj::Set(_)), "set")
}

fn container(m: &mut Machine, recv: Value, write: bool, is: fn(&Obj) -> bool, what: &str) -> Result<ObjRef, Raised> {
    match recv.as_obj() {
        Some(r) if is(m.heap.get(r)) => {
            if write {
                m.check_mutable(r)?;
            }
            Ok(r)
        }
        _ => {
            let t = m.type_name(recv).to_string();
            m.type_error(format!("descriptor requires a '{what}' object but received a '{t}'"))
        }
    }
}

fn items_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut Vec<Value> {
    match m.heap.get_mut(r) {
        Obj::List(items) => items,
        _ => unreachable!("checked list"),
    }
}

fn dict_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut Dict {
    match m.heap.get_mut(r) {
        Obj::Dict(d) | Obj::Set(d) => d,
        _ => unreachable!("checked dict"),
    }
}

fn share_into(m: &mut Machine, r: ObjRef, v: Value) {
    if m.heap.is_shared(r) {
        m.heap.share(v);
    }
}

fn append(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    share_into(m, r, call.args[0]);
    items_mut(m, r).push(call.args[0]);
    ret(Value::None)
}

fn extend(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    if super::builtins::needs_python(m, call.args[0]) {
        return Ok(Flow::TailCall {
            func: m.library("_py_extend"),
            args: super::TailArgs::Positional(vec![call.recv, call.args[0]]),
        });
    }
    let new = m.collect(call.args[0])?;
    for v in &new {
        share_into(m, r, *v);
    }
    items_mut(m, r).extend(new);
    ret(Value::None)
}

fn insert(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    let i = m.index_int(call.args[0])?;
    share_into(m, r, call.args[1]);
    let items = items_mut(m, r);
    let len = items.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) };
    items.insert(at as usize, call.args[1]);
    ret(Value::None)
}

fn list_pop(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    let i = m.index_int(call.args[0])?;
    let items = items_mut(m, r);
    if items.is_empty() {
        return m.raise(classes::INDEX_ERROR, "pop from empty list");
    }
    let len = items.len() as i64;
    let at = if i < 0 { i + len } else { i };
    if !(0..len).contains(&at) {
        return m.raise(classes::INDEX_ERROR, "pop index out of range");
    }
    ret(items.remove(at as usize))
}

fn position(m: &mut Machine, r: ObjRef, value: Value) -> Result<Option<usize>, Raised> {
    let items = match m.heap.get(r) {
        Obj::List(items) => items.clone(),
        _ => Vec::new(),
    };
    for (i, v) in items.iter().enumerate() {
        if m.eq(*v, value)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    match position(m, r, call.args[0])? {
        Some(i) => {
            items_mut(m, r).remove(i);
            ret(Value::None)
        }
        None => m.value_error("list.remove(x): x not in list"),
    }
}

fn index(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, false)?;
    match position(m, r, call.args[0])? {
        Some(i) => ret(Value::Int(i as i64)),
        None => {
            let text = m.repr(call.args[0])?;
            m.value_error(format!("{text} is not in list"))
        }
    }
}

fn count(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, false)?;
    let items = m.collect(Value::Obj(r))?;
    let mut n = 0;
    for v in items {
        if m.eq(v, call.args[0])? {
            n += 1;
        }
    }
    ret(Value::Int(n))
}

fn list_clear(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    items_mut(m, r).clear();
    ret(Value::None)
}

fn sort(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    if !call.args[0].is_none() {
        return Ok(Flow::TailCall {
            func: m.library("_py_sort"),
            args: super::TailArgs::Positional(vec![call.recv, call.args[0], call.args[1]]),
        });
    }
    let items = std::mem::take(items_mut(m, r));
    let reverse = m.truthy(call.args[1])?;
    let sorted = m.sort_values(items, reverse)?;
    *items_mut(m, r) = sorted;
    ret(Value::None)
}

fn reverse(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    items_mut(m, r).reverse();
    ret(Value::None)
}

fn list_copy(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, false)?;
    let items = m.collect(Value::Obj(r))?;
    ret(m.list_value(items))
}

fn get(m: &mut Machine, call: &Call) -> NativeResult {
    let r = dict(m, call, false)?;
    let key = m.hash_key(call.args[0])?;
    ret(dict_mut(m, r).get(&key).unwrap_or(call.args[1]))
}

fn view(m: &mut Machine, call: &Call, pick: fn(Value, Value, &mut Machine) -> Value) -> NativeResult {
    let r = dict(m, call, false)?;
    let entries: Vec<(Value, Value)> = dict_mut(m, r).entries().collect();
    let items = entries.into_iter().map(|(k, v)| pick(k, v, m)).collect();
    ret(m.list_value(items))
}

fn keys(m: &mut Machine, call: &Call) -> NativeResult {
    view(m, call, |k, _, _| k)
}

fn values(m: &mut Machine, call: &Call) -> NativeResult {
    view(m, call, |_, v, _| v)
}

fn items(m: &mut Machine, call: &Call) -> NativeResult {
    view(m, call, |k, v, m| m.tuple_value(vec![k, v]))
}

fn dict_pop(m: &mut Machine, call: &Call) -> NativeResult {
    let r = dict(m, call, true)?;
    let key = m.hash_key(call.args[0])?;
    match dict_mut(m, r).remove(&key) {
        Some((_, v)) => ret(v),
        None if !matches!(call.args[1], Value::Unset) => ret(call.args[1]),
        None => {
            let exc = m.new_exception(classes::KEY_ERROR, vec![call.args[0]]);
            Err(Raised(exc))
        }
    }
}

fn popitem(m: &mut Machine, call: &Call) -> NativeResult {
    let r = dict(m, call, true)?;
    match dict_mut(m, r).pop_last() {
        Some((k, v)) => ret(m.tuple_value(vec![k, v])),
        None => m.raise(classes::KEY_ERROR, "popitem(): dictionary is empty"),
    }
}

fn setdefault(m: &mut Machine, call: &Call) -> NativeResult {
    let r = dict(m, call, true)?;
    let key = m.hash_key(call.args[0])?;
    if let Some(v) = dict_mut(m, r).get(&key) {
        return ret(v);
    }
    share_into(m, r, call.args[1]);
    dict_mut(m, r).insert(key, call.args[0], call.args[1]);
    ret(call.args[1])
}

fn update(m: &mut Machine, call: &Call) -> NativeResult {
    let r = dict(m, call, true)?;
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    if !matches!(call.args[0], Value::Unset) {
        match call.args[0].as_obj().map(|o| m.heap.get(o)) {
            Some(Obj::Dict(d)) => pairs.extend(d.entries()),
            _ => {
                for pair in m.collect(call.args[0])? {
                    let kv = m.seq_items(pair).map(<[Value]>::to_vec).unwrap_or_default();
                    if let [k, v] = kv[..] {
                        pairs.push((k, v));
                    } else {
                        return m.value_error("dictionary update sequence element has the wrong length; 2 is required");
                    }
                }
            }
        }
    }
    pairs.extend(call.kwargs.iter().copied());
    for (k, v) in pairs {
        let key = m.hash_key(k)?;
        share_into(m, r, v);
        dict_mut(m, r).insert(key, k, v);
    }
    ret(Value::None)
}

fn dict_clear(m: &mut Machine, call: &Call) -> NativeResult {
    let r = container(m, call.recv, true, |o| matches!(o, Obj::Dict(_) | Obj::Set(_)), "dict")?;
    dict_mut(m, r).clear();
    ret(Value::None)
}

fn dict_copy(m: &mut Machine, call: &Call) -> NativeResult {
    let r = dict(m, call, false)?;
    let mut copy = Dict::new();
    for (h, k, v) in dict_mut(m, r).hashed_entries() {
        copy.insert(h.clone(), k, v);
    }
    ret(Value::Obj(m.heap.alloc(Obj::Dict(copy))))
}

fn add(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let key = m.hash_key(call.args[0])?;
    share_into(m, r, call.args[0]);
    dict_mut(m, r).insert(key, call.args[0], Value::None);
    ret(Value::None)
}

fn discard(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let key = m.hash_key(call.args[0])?;
    dict_mut(m, r).remove(&key);
    ret(Value::None)
}

fn set_remove(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let key = m.hash_key(call.args[0])?;
    match dict_mut(m, r).remove(&key) {
        Some(_) => ret(Value::None),
        None => {
            let exc = m.new_exception(classes::KEY_ERROR, vec![call.args[0]]);
            Err(Raised(exc))
        }
    }
}

fn set_pop(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let first = dict_mut(m, r).entry_at(0);
    match first {
        Some((k, _)) => {
            let key = m.hash_key(k)?;
            dict_mut(m, r).remove(&key);
            ret(k)
        }
        None => m.raise(classes::KEY_ERROR, "pop from an empty set"),
    }
}

fn set_copy(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, false)?;
    let mut copy = Dict::new();
    for (h, k, v) in dict_mut(m, r).hashed_entries() {
        copy.insert(h.clone(), k, v);
    }
    ret(Value::Obj(m.heap.alloc(Obj::Set(copy))))
}

impl Machine<'_> {
    /// A stable sort with Python's `<` (merge sort, so equal items keep their order as in
    /// CPython's timsort).
    pub fn sort_values(&mut self, items: Vec<Value>, reverse: bool) -> Result<Vec<Value>, Raised> {
        let mut items = items;
        if reverse {
            items.reverse();
        }
        let mut sorted = self.merge_sort(items)?;
        if reverse {
            sorted.reverse();
        }
        Ok(sorted)
    }

    fn merge_sort(&mut self, items: Vec<Value>) -> Result<Vec<Value>, Raised> {
        if items.len() <= 1 {
            return Ok(items);
        }
        let mut left = items;
        let right = left.split_off(left.len() / 2);
        let left = self.merge_sort(left)?;
        let right = self.merge_sort(right)?;
        let mut out = Vec::with_capacity(left.len() + right.len());
        let (mut i, mut j) = (0, 0);
        while i < left.len() && j < right.len() {
            if self.less(right[j], left[i])? {
                out.push(right[j]);
                j += 1;
            } else {
                out.push(left[i]);
                i += 1;
            }
        }
        out.extend_from_slice(&left[i..]);
        out.extend_from_slice(&right[j..]);
        Ok(out)
    }
}
