//! Methods of `list`, `dict` and `set`. Mutators and readers are visible steps when the
//! container is shared between threads (`Effect::Data`).
//!
//! Set methods follow CPython 3.11's `setobject.c` step by step (which set is walked, which
//! is copied, when the table is resized), because that decides the order in which the
//! resulting set iterates; the table itself is `pyset.rs`.

use super::super::classes;
use super::super::dict::Dict;
use super::super::items::SetOperand;
use super::super::machine::Machine;
use super::super::object::{ListItems, Obj};
use super::super::pyset::Set;
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
        classes::TUPLE,
        &[
            NativeDef::new("index", &[req("value")], Effect::Pure, tuple_index),
            NativeDef::new("count", &[req("value")], Effect::Pure, tuple_count),
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
            NativeDef::new("add", &[], Effect::Data, add).varargs(),
            NativeDef::new("discard", &[], Effect::Data, discard).varargs(),
            NativeDef::new("remove", &[], Effect::Data, set_remove).varargs(),
            NativeDef::new("pop", &[], Effect::Data, set_pop),
            NativeDef::new("clear", &[], Effect::Data, set_clear),
            NativeDef::new("copy", &[], Effect::Data, set_copy),
            NativeDef::new("union", &[], Effect::Data, union).varargs(),
            NativeDef::new("intersection", &[], Effect::Data, intersection).varargs(),
            NativeDef::new("difference", &[], Effect::Data, difference).varargs(),
            NativeDef::new("symmetric_difference", &[], Effect::Data, symmetric_difference).varargs(),
            NativeDef::new("update", &[], Effect::Data, set_update).varargs(),
            NativeDef::new("intersection_update", &[], Effect::Data, intersection_update).varargs(),
            NativeDef::new("difference_update", &[], Effect::Data, difference_update).varargs(),
            NativeDef::new(
                "symmetric_difference_update",
                &[],
                Effect::Data,
                symmetric_difference_update,
            )
            .varargs(),
            NativeDef::new("issubset", &[], Effect::Data, issubset).varargs(),
            NativeDef::new("issuperset", &[], Effect::Data, issuperset).varargs(),
            NativeDef::new("isdisjoint", &[], Effect::Data, isdisjoint).varargs(),
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

fn items_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut ListItems {
    match m.heap.get_mut(r) {
        Obj::List(items) => items,
        _ => unreachable!("checked list"),
    }
}

fn dict_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut Dict {
    match m.heap.get_mut(r) {
        Obj::Dict(d) => d,
        _ => unreachable!("checked dict"),
    }
}

fn set_mut<'m>(m: &'m mut Machine, r: ObjRef) -> &'m mut Set {
    match m.heap.get_mut(r) {
        Obj::Set(s) => s,
        _ => unreachable!("checked set"),
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
        _ => ListItems::new(),
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
    if m.equality_in_python(Value::Obj(r), call.args[0]) {
        return python(m, "_py_list_remove", call);
    }
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
    if m.equality_in_python(Value::Obj(r), call.args[0]) {
        return python(m, "_py_list_index", call);
    }
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
    if m.equality_in_python(Value::Obj(r), call.args[0]) {
        return python(m, "_py_list_count", call);
    }
    let items = m.collect(Value::Obj(r))?;
    count_of(m, &items, call.args[0])
}

/// How many of `items` equal `value`.
fn count_of(m: &mut Machine, items: &[Value], value: Value) -> NativeResult {
    let mut n = 0;
    for v in items {
        if m.eq(*v, value)? {
            n += 1;
        }
    }
    ret(Value::Int(n))
}

/// The receiver as a tuple, and its items.
fn tuple(m: &mut Machine, call: &Call) -> Result<(ObjRef, Vec<Value>), Raised> {
    let r = container(m, call.recv, false, |o| matches!(o, Obj::Tuple(_)), "tuple")?;
    let items = match m.heap.get(r) {
        Obj::Tuple(items) => items.to_vec(),
        _ => Vec::new(),
    };
    Ok((r, items))
}

fn tuple_index(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, items) = tuple(m, call)?;
    if m.equality_in_python(Value::Obj(r), call.args[0]) {
        return python(m, "_py_list_index", call);
    }
    for (i, v) in items.iter().enumerate() {
        if m.eq(*v, call.args[0])? {
            return ret(Value::Int(i as i64));
        }
    }
    m.value_error("tuple.index(x): x not in tuple")
}

fn tuple_count(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, items) = tuple(m, call)?;
    if m.equality_in_python(Value::Obj(r), call.args[0]) {
        return python(m, "_py_list_count", call);
    }
    count_of(m, &items, call.args[0])
}

/// The library's `name(sequence, value)`, for a method whose comparisons run Python.
fn python(m: &Machine, name: &str, call: &Call) -> NativeResult {
    super::builtins::python(m, name, vec![call.recv, call.args[0]])
}

fn list_clear(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    items_mut(m, r).clear();
    ret(Value::None)
}

fn sort(m: &mut Machine, call: &Call) -> NativeResult {
    let r = list(m, call, true)?;
    if call.args[0].is_none() {
        let reverse = m.truthy(call.args[1])?;
        let mut items = items_mut(m, r).to_vec();
        if m.sort_simple(&mut items, reverse) {
            *items_mut(m, r) = ListItems::from_vec(items);
            return ret(Value::None);
        }
    }
    Ok(Flow::TailCall {
        func: m.library("_py_sort"),
        args: super::TailArgs::Positional(vec![call.recv, call.args[0], call.args[1]]),
    })
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
    let r = dict(m, call, true)?;
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

/// The one argument of a set method that takes exactly one (CPython's `METH_O`).
fn one_arg(m: &mut Machine, call: &Call, name: &str) -> Result<Value, Raised> {
    match call.rest {
        [v] => Ok(*v),
        rest => m.type_error(format!(
            "set.{name}() takes exactly one argument ({} given)",
            rest.len()
        )),
    }
}

fn add(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let item = one_arg(m, call, "add")?;
    let key = m.hash_key(item)?;
    share_into(m, r, item);
    set_mut(m, r).add(key, item);
    ret(Value::None)
}

/// Removes `item` from set `r`; whether it was there.
fn discard_item(m: &mut Machine, r: ObjRef, item: Value) -> Result<bool, Raised> {
    Ok(match m.set_element_key(item)? {
        Some(key) => set_mut(m, r).discard(&key).is_some(),
        None => false,
    })
}

fn discard(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let item = one_arg(m, call, "discard")?;
    discard_item(m, r, item)?;
    ret(Value::None)
}

fn set_remove(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    let item = one_arg(m, call, "remove")?;
    if discard_item(m, r, item)? {
        return ret(Value::None);
    }
    let exc = m.new_exception(classes::KEY_ERROR, vec![item]);
    Err(Raised(exc))
}

fn set_pop(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    match set_mut(m, r).pop() {
        Some(v) => ret(v),
        None => m.raise(classes::KEY_ERROR, "pop from an empty set"),
    }
}

fn set_clear(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, true)?;
    set_mut(m, r).clear();
    ret(Value::None)
}

fn set_copy(m: &mut Machine, call: &Call) -> NativeResult {
    let r = set(m, call, false)?;
    let copy = m.set_copy_of(r).copy();
    ret(m.alloc_set(copy))
}

/// The receiver (for reading) and a copy of its contents.
fn receiver(m: &mut Machine, call: &Call, write: bool) -> Result<(ObjRef, Set), Raised> {
    let r = set(m, call, write)?;
    Ok((r, m.set_copy_of(r)))
}

/// The operands of a method taking any number of iterables, converted in order.
fn operands(m: &mut Machine, call: &Call) -> Result<Vec<SetOperand>, Raised> {
    call.rest.iter().map(|v| m.set_operand(*v)).collect()
}

fn union(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, so) = receiver(m, call, false)?;
    let mut result = so.copy();
    for other in call.rest {
        let operand = m.set_operand(*other)?;
        m.set_update_with(&mut result, Some(r), operand)?;
    }
    ret(m.alloc_set(result))
}

fn set_update(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, mut so) = receiver(m, call, true)?;
    for other in call.rest {
        let operand = match m.set_operand(*other) {
            Ok(operand) => operand,
            Err(e) => {
                m.store_set(r, so);
                return Err(e);
            }
        };
        if let Err(e) = m.set_update_with(&mut so, Some(r), operand) {
            m.store_set(r, so);
            return Err(e);
        }
    }
    m.store_set(r, so);
    ret(Value::None)
}

impl Machine<'_> {
    /// `set_intersection(so, other)`; `is_self`: `other` is `so` itself.
    fn set_intersection(&mut self, so: &Set, other: SetOperand, is_self: bool) -> Result<Set, Raised> {
        let items = match other {
            _ if is_self => return Ok(so.copy()),
            SetOperand::Set(_, other) => return Ok(so.intersection(&other)),
            SetOperand::Dict(keys) => keys.into_iter().map(|(_, k)| k).collect(),
            SetOperand::Items(items) => items,
        };
        let mut result = Set::new();
        for item in items {
            let key = self.hash_key(item)?;
            if so.contains(&key) {
                result.add(key, item);
                if result.len() >= so.len() {
                    break;
                }
            }
        }
        Ok(result)
    }

    /// `set.intersection(*others)` of set object `r` (contents `so`).
    fn set_intersection_multi(&mut self, r: ObjRef, so: Set, others: &[Value]) -> Result<Set, Raised> {
        if others.is_empty() {
            return Ok(so.copy());
        }
        let mut result = so;
        for (i, other) in others.iter().enumerate() {
            let operand = self.set_operand(*other)?;
            let is_self = i == 0 && matches!(operand, SetOperand::Set(o, _) if o == r);
            result = self.set_intersection(&result, operand, is_self)?;
        }
        Ok(result)
    }

    /// `set_difference_update_internal(so, other)`; `is_self`: `other` is `so` itself.
    /// Items before an unhashable one are removed before the error, as in CPython.
    fn set_difference_update(&mut self, so: &mut Set, other: SetOperand, is_self: bool) -> Result<(), Raised> {
        match other {
            _ if is_self => so.clear(),
            SetOperand::Set(_, other) => so.difference_update(&other),
            SetOperand::Dict(keys) => so.difference_update_keys(&keys),
            SetOperand::Items(items) => {
                let (keys, result) = self.hash_prefix(items);
                if result.is_err() {
                    for (key, _) in &keys {
                        so.discard(key);
                    }
                    return result;
                }
                so.difference_update_keys(&keys);
            }
        }
        Ok(())
    }

    /// `set_difference(so, other)`.
    fn set_difference(&mut self, so: &Set, other: SetOperand) -> Result<Set, Raised> {
        let other = match other {
            SetOperand::Set(_, other) => other,
            SetOperand::Dict(keys) => {
                let mut as_set = Set::new();
                for (key, value) in keys {
                    as_set.add(key, value);
                }
                as_set
            }
            items => {
                let mut result = so.copy();
                self.set_difference_update(&mut result, items, false)?;
                return Ok(result);
            }
        };
        Ok(so.difference(&other))
    }

    /// `set_symmetric_difference_update(so, other)`; `is_self`: `other` is `so` itself.
    fn set_symmetric_difference_update(
        &mut self,
        so: &mut Set,
        other: SetOperand,
        is_self: bool,
    ) -> Result<(), Raised> {
        match other {
            _ if is_self => so.clear(),
            SetOperand::Set(_, other) => so.symmetric_difference_update(&other),
            SetOperand::Dict(keys) => so.symmetric_difference_update_keys(keys),
            items => {
                let other = self.set_of(items)?;
                so.symmetric_difference_update(&other);
            }
        }
        Ok(())
    }

    /// The operand as a set (`set_issubset` and friends make one of a non-set).
    fn operand_set(&mut self, other: SetOperand) -> Result<Set, Raised> {
        match other {
            SetOperand::Set(_, other) => Ok(other),
            other => self.set_of(other),
        }
    }
}

fn intersection(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, so) = receiver(m, call, false)?;
    let result = m.set_intersection_multi(r, so, call.rest)?;
    ret(m.alloc_set(result))
}

fn intersection_update(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, so) = receiver(m, call, true)?;
    let result = m.set_intersection_multi(r, so, call.rest)?;
    m.store_set(r, result);
    ret(Value::None)
}

fn difference(m: &mut Machine, call: &Call) -> NativeResult {
    let (_, so) = receiver(m, call, false)?;
    let mut others = operands(m, call)?.into_iter();
    let Some(first) = others.next() else {
        return ret(m.alloc_set(so.copy()));
    };
    let mut result = m.set_difference(&so, first)?;
    for other in others {
        m.set_difference_update(&mut result, other, false)?;
    }
    ret(m.alloc_set(result))
}

fn difference_update(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, mut so) = receiver(m, call, true)?;
    for other in call.rest {
        let done = match m.set_operand(*other) {
            Ok(operand) => {
                let is_self = matches!(operand, SetOperand::Set(o, _) if o == r);
                m.set_difference_update(&mut so, operand, is_self)
            }
            Err(e) => Err(e),
        };
        if let Err(e) = done {
            m.store_set(r, so);
            return Err(e);
        }
    }
    m.store_set(r, so);
    ret(Value::None)
}

fn symmetric_difference(m: &mut Machine, call: &Call) -> NativeResult {
    let (_, so) = receiver(m, call, false)?;
    let other = one_arg(m, call, "symmetric_difference")?;
    let operand = m.set_operand(other)?;
    let mut result = m.set_of(operand)?;
    result.symmetric_difference_update(&so);
    ret(m.alloc_set(result))
}

fn symmetric_difference_update(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, mut so) = receiver(m, call, true)?;
    let other = one_arg(m, call, "symmetric_difference_update")?;
    let operand = m.set_operand(other)?;
    let is_self = matches!(operand, SetOperand::Set(o, _) if o == r);
    m.set_symmetric_difference_update(&mut so, operand, is_self)?;
    m.store_set(r, so);
    ret(Value::None)
}

fn issubset(m: &mut Machine, call: &Call) -> NativeResult {
    let (_, so) = receiver(m, call, false)?;
    let other = one_arg(m, call, "issubset")?;
    let operand = m.set_operand(other)?;
    let other = m.operand_set(operand)?;
    ret(Value::Bool(so.is_subset(&other)))
}

fn issuperset(m: &mut Machine, call: &Call) -> NativeResult {
    let (_, so) = receiver(m, call, false)?;
    let other = one_arg(m, call, "issuperset")?;
    let operand = m.set_operand(other)?;
    let other = m.operand_set(operand)?;
    ret(Value::Bool(other.is_subset(&so)))
}

fn isdisjoint(m: &mut Machine, call: &Call) -> NativeResult {
    let (r, so) = receiver(m, call, false)?;
    let other = one_arg(m, call, "isdisjoint")?;
    let items = match m.set_operand(other)? {
        SetOperand::Set(o, _) if o == r => return ret(Value::Bool(so.is_empty())),
        SetOperand::Set(_, other) => return ret(Value::Bool(so.is_disjoint(&other))),
        SetOperand::Dict(keys) => keys.into_iter().map(|(_, k)| k).collect(),
        SetOperand::Items(items) => items,
    };
    for item in items {
        let key = m.hash_key(item)?;
        if so.contains(&key) {
            return ret(Value::Bool(false));
        }
    }
    ret(Value::Bool(true))
}
