//! Containers as Python sees them: hashing keys, `len`, `in`, indexing and slicing,
//! item assignment and deletion, and iteration over built-in iterables.

use super::classes;
use super::dict::{Dict, HashKey};
use super::exceptions::Raised;
use super::machine::Machine;
use super::object::{DictView, Iter, Obj, Range};
use super::pyset::{self, Set};
use super::value::{ObjRef, Value};

/// What one step of an iterator produced.
pub enum Next {
    Item(Value),
    Done,
    /// A generator: the machine must resume its frame.
    Generator(ObjRef),
}

impl Machine<'_> {
    /// An integer argument (`int` or `bool`), or Python's TypeError.
    pub fn index_int(&mut self, v: Value) -> Result<i64, Raised> {
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(b as i64),
            _ => {
                let t = self.type_name(v).to_string();
                self.type_error(format!("'{t}' object cannot be interpreted as an integer"))
            }
        }
    }

    pub fn hash_key(&mut self, v: Value) -> Result<HashKey, Raised> {
        Ok(match v {
            Value::Unset | Value::None => HashKey::None,
            Value::Bool(b) => HashKey::Int(b as i64),
            Value::Int(i) => HashKey::Int(i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => HashKey::Int(f as i64),
            Value::Float(f) => HashKey::Float(f.to_bits()),
            Value::Class(c) => HashKey::Static(c.0 as u64),
            Value::Native(n) => HashKey::Static((1 << 32) | n.0 as u64),
            Value::Module(m) => HashKey::Static((2 << 32) | m as u64),
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Str(s) => HashKey::Str(s.clone()),
                Obj::Tuple(items) => {
                    let items = items.to_vec();
                    let keys = items
                        .into_iter()
                        .map(|i| self.hash_key(i))
                        .collect::<Result<Vec<_>, _>>()?;
                    HashKey::Tuple(keys.into())
                }
                Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Slice(_) => {
                    let t = self.type_name(v).to_string();
                    return self.type_error(format!("unhashable type: '{t}'"));
                }
                _ => HashKey::Identity(r),
            },
        })
    }

    /// CPython's `hash(v)` (see [`HashKey::py_hash`]), or its TypeError for unhashable `v`.
    pub fn py_hash(&mut self, v: Value) -> Result<i64, Raised> {
        Ok(self.hash_key(v)?.py_hash())
    }

    pub fn len(&mut self, v: Value) -> Result<i64, Raised> {
        if let Value::Obj(r) = v {
            let n = match self.heap.get(r) {
                Obj::Str(s) => Some(s.chars().count()),
                Obj::List(items) => Some(items.len()),
                Obj::Tuple(items) => Some(items.len()),
                Obj::Dict(d) => Some(d.len()),
                Obj::Set(s) => Some(s.len()),
                Obj::Range(range) => Some(range.len() as usize),
                _ => None,
            };
            if let Some(n) = n {
                return Ok(n as i64);
            }
        }
        let t = self.type_name(v).to_string();
        self.type_error(format!("object of type '{t}' has no len()"))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: Value, item: Value) -> Result<bool, Raised> {
        let Value::Obj(r) = container else {
            let t = self.type_name(container).to_string();
            return self.type_error(format!("argument of type '{t}' is not iterable"));
        };
        match self.heap.get(r) {
            Obj::Str(s) => {
                let s = s.clone();
                match self.as_str(item) {
                    Some(needle) => Ok(s.contains(needle)),
                    None => {
                        let t = self.type_name(item).to_string();
                        self.type_error(format!("'in <string>' requires string as left operand, not {t}"))
                    }
                }
            }
            Obj::List(items) => {
                let items = items.clone();
                self.any_eq(&items, item)
            }
            Obj::Tuple(items) => {
                let items = items.to_vec();
                self.any_eq(&items, item)
            }
            Obj::Dict(_) => {
                let key = self.hash_key(item)?;
                Ok(matches!(self.heap.get(r), Obj::Dict(d) if d.contains(&key)))
            }
            Obj::Set(_) => {
                let Some(key) = self.set_element_key(item)? else {
                    return Ok(false);
                };
                Ok(matches!(self.heap.get(r), Obj::Set(s) if s.contains(&key)))
            }
            Obj::Range(range) => {
                let range = *range;
                Ok(match item {
                    Value::Int(i) => (0..range.len()).any(|k| range.get(k) == i),
                    _ => false,
                })
            }
            _ => {
                let t = self.type_name(container).to_string();
                self.type_error(format!("argument of type '{t}' is not iterable"))
            }
        }
    }

    fn any_eq(&mut self, items: &[Value], item: Value) -> Result<bool, Raised> {
        for v in items {
            if self.eq(*v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// A Python index into a sequence of `len`, or `None` when out of range.
    fn position(i: i64, len: usize) -> Option<usize> {
        let i = if i < 0 { i + len as i64 } else { i };
        (0..len as i64).contains(&i).then_some(i as usize)
    }

    /// `container[index]`.
    pub fn get_item(&mut self, container: Value, index: Value) -> Result<Value, Raised> {
        let Value::Obj(r) = container else {
            let t = self.type_name(container).to_string();
            return self.type_error(format!("'{t}' object is not subscriptable"));
        };
        if let Some(slice) = self.slice_of(index) {
            return self.get_slice(r, slice);
        }
        match self.heap.get(r) {
            Obj::List(_) | Obj::Tuple(_) | Obj::Str(_) | Obj::Range(_) => {
                let i = self.seq_index(container, index)?;
                let found = match self.heap.get(r) {
                    Obj::List(items) => Self::position(i, items.len()).map(|p| items[p]),
                    Obj::Tuple(items) => Self::position(i, items.len()).map(|p| items[p]),
                    Obj::Range(range) => {
                        let range = *range;
                        Self::position(i, range.len() as usize).map(|p| Value::Int(range.get(p as i64)))
                    }
                    Obj::Str(s) => {
                        let chars: Vec<char> = s.chars().collect();
                        match Self::position(i, chars.len()) {
                            Some(p) => return Ok(self.string_value(chars[p].to_string())),
                            None => None,
                        }
                    }
                    _ => None,
                };
                match found {
                    Some(v) => Ok(v),
                    None => {
                        let t = self.type_name(container).to_string();
                        let t = if t == "str" { "string".to_string() } else { t };
                        self.raise(classes::INDEX_ERROR, format!("{t} index out of range"))
                    }
                }
            }
            Obj::Dict(_) => {
                let key = self.hash_key(index)?;
                match self.heap.get(r) {
                    Obj::Dict(d) => match d.get(&key) {
                        Some(v) => Ok(v),
                        None => {
                            let exc = self.new_exception(classes::KEY_ERROR, vec![index]);
                            Err(Raised(exc))
                        }
                    },
                    _ => unreachable!(),
                }
            }
            _ => {
                let t = self.type_name(container).to_string();
                self.type_error(format!("'{t}' object is not subscriptable"))
            }
        }
    }

    fn seq_index(&mut self, container: Value, index: Value) -> Result<i64, Raised> {
        match index {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(b as i64),
            _ => {
                let (t, it) = (self.type_name(container).to_string(), self.type_name(index).to_string());
                let t = if t == "str" { "string".to_string() } else { t };
                self.type_error(format!("{t} indices must be integers or slices, not {it}"))
            }
        }
    }

    fn slice_of(&self, index: Value) -> Option<[Value; 3]> {
        match self.heap.get(index.as_obj()?) {
            Obj::Slice(parts) => Some(*parts),
            _ => None,
        }
    }

    /// The positions a slice selects from a sequence of `len`.
    fn slice_positions(&mut self, slice: [Value; 3], len: usize) -> Result<Vec<usize>, Raised> {
        let step = match slice[2] {
            Value::None => 1,
            v => self.index_int(v)?,
        };
        if step == 0 {
            return self.value_error("slice step cannot be zero");
        }
        let len = len as i64;
        let clamp = |v: i64, lo: i64, hi: i64| v.max(lo).min(hi);
        let bound = |m: &mut Self, v: Value, default: i64, lo: i64, hi: i64| -> Result<i64, Raised> {
            Ok(match v {
                Value::None => default,
                v => {
                    let i = m.index_int(v)?;
                    clamp(if i < 0 { i + len } else { i }, lo, hi)
                }
            })
        };
        let (start, stop) = if step > 0 {
            (bound(self, slice[0], 0, 0, len)?, bound(self, slice[1], len, 0, len)?)
        } else {
            (
                bound(self, slice[0], len - 1, -1, len - 1)?,
                bound(self, slice[1], -1, -1, len - 1)?,
            )
        };
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i += step;
        }
        Ok(out)
    }

    fn get_slice(&mut self, r: ObjRef, slice: [Value; 3]) -> Result<Value, Raised> {
        let len = match self.heap.get(r) {
            Obj::List(items) => items.len(),
            Obj::Tuple(items) => items.len(),
            Obj::Str(s) => s.chars().count(),
            Obj::Range(range) => range.len() as usize,
            _ => {
                let t = self.type_name(Value::Obj(r)).to_string();
                return self.type_error(format!("'{t}' object is not subscriptable"));
            }
        };
        let positions = self.slice_positions(slice, len)?;
        let obj = match self.heap.get(r) {
            Obj::List(items) => Obj::List(positions.iter().map(|p| items[*p]).collect()),
            Obj::Tuple(items) => Obj::Tuple(positions.iter().map(|p| items[*p]).collect()),
            Obj::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                Obj::Str(positions.iter().map(|p| chars[*p]).collect::<String>().into())
            }
            Obj::Range(range) => {
                let range = *range;
                Obj::List(positions.iter().map(|p| Value::Int(range.get(*p as i64))).collect())
            }
            _ => unreachable!(),
        };
        Ok(Value::Obj(self.heap.alloc(obj)))
    }

    /// `container[index] = value`.
    pub fn set_item(&mut self, container: Value, index: Value, value: Value) -> Result<(), Raised> {
        let Value::Obj(r) = container else {
            let t = self.type_name(container).to_string();
            return self.type_error(format!("'{t}' object does not support item assignment"));
        };
        self.check_mutable(r)?;
        if self.heap.is_shared(r) {
            self.heap.share(value);
        }
        match self.heap.get(r) {
            Obj::List(items) => {
                let len = items.len();
                if let Some(slice) = self.slice_of(index) {
                    let positions = self.slice_positions(slice, len)?;
                    let new = self.collect(value)?;
                    return self.assign_slice(r, slice, positions, new);
                }
                let i = self.seq_index(container, index)?;
                match Self::position(i, len) {
                    Some(p) => {
                        if let Obj::List(items) = self.heap.get_mut(r) {
                            items[p] = value;
                        }
                        Ok(())
                    }
                    None => self.raise(classes::INDEX_ERROR, "list assignment index out of range"),
                }
            }
            Obj::Dict(_) => {
                let key = self.hash_key(index)?;
                if let Obj::Dict(d) = self.heap.get_mut(r) {
                    d.insert(key, index, value);
                }
                Ok(())
            }
            _ => {
                let t = self.type_name(container).to_string();
                self.type_error(format!("'{t}' object does not support item assignment"))
            }
        }
    }

    fn assign_slice(
        &mut self,
        r: ObjRef,
        slice: [Value; 3],
        positions: Vec<usize>,
        new: Vec<Value>,
    ) -> Result<(), Raised> {
        let Obj::List(items) = self.heap.get_mut(r) else {
            return Ok(());
        };
        if slice[2].is_none() || slice[2] == Value::Int(1) {
            let start = positions.first().copied().unwrap_or_else(|| match slice[0] {
                Value::Int(i) if i < 0 => (items.len() as i64 + i).max(0) as usize,
                Value::Int(i) => (i as usize).min(items.len()),
                _ => 0,
            });
            let end = start + positions.len();
            items.drain(start..end);
            items.insert_many(start, new);
            return Ok(());
        }
        if positions.len() != new.len() {
            let msg = format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                new.len(),
                positions.len()
            );
            return self.value_error(msg);
        }
        for (p, v) in positions.into_iter().zip(new) {
            items[p] = v;
        }
        Ok(())
    }

    /// `del container[index]`.
    pub fn del_item(&mut self, container: Value, index: Value) -> Result<(), Raised> {
        let Value::Obj(r) = container else {
            let t = self.type_name(container).to_string();
            return self.type_error(format!("'{t}' object does not support item deletion"));
        };
        self.check_mutable(r)?;
        match self.heap.get(r) {
            Obj::List(items) => {
                let len = items.len();
                let positions = match self.slice_of(index) {
                    Some(slice) => self.slice_positions(slice, len)?,
                    None => {
                        let i = self.seq_index(container, index)?;
                        match Self::position(i, len) {
                            Some(p) => vec![p],
                            None => return self.raise(classes::INDEX_ERROR, "list assignment index out of range"),
                        }
                    }
                };
                if let Obj::List(items) = self.heap.get_mut(r) {
                    let mut k = 0;
                    items.retain(|_| {
                        k += 1;
                        !positions.contains(&(k - 1))
                    });
                }
                Ok(())
            }
            Obj::Dict(_) => {
                let key = self.hash_key(index)?;
                let removed = match self.heap.get_mut(r) {
                    Obj::Dict(d) => d.remove(&key),
                    _ => None,
                };
                match removed {
                    Some(_) => Ok(()),
                    None => {
                        let exc = self.new_exception(classes::KEY_ERROR, vec![index]);
                        Err(Raised(exc))
                    }
                }
            }
            _ => {
                let t = self.type_name(container).to_string();
                self.type_error(format!("'{t}' object does not support item deletion"))
            }
        }
    }

    /// Raises if `r` was declared under `objects:` (frozen).
    pub fn check_mutable(&mut self, r: ObjRef) -> Result<(), Raised> {
        if self.heap.is_frozen(r) {
            let t = self.type_name(Value::Obj(r)).to_string();
            return self.type_error(format!(
                "this {t} is declared under objects: and cannot be changed (declare it under globals: to share mutable data)"
            ));
        }
        Ok(())
    }

    /// `iter(v)` for built-in iterables (generators are their own iterators).
    pub fn get_iter(&mut self, v: Value) -> Result<Value, Raised> {
        let Value::Obj(r) = v else {
            let t = self.type_name(v).to_string();
            return self.type_error(format!("'{t}' object is not iterable"));
        };
        let it = match self.heap.get(r) {
            Obj::Iter(_) | Obj::Generator(_) => return Ok(v),
            Obj::List(_) | Obj::Tuple(_) | Obj::Str(_) => Iter::Seq { seq: r, index: 0 },
            Obj::Dict(_) => Iter::Dict {
                dict: r,
                index: 0,
                kind: DictView::Keys,
                len: 0,
            },
            Obj::Set(s) => Iter::Dict {
                dict: r,
                index: 0,
                kind: DictView::Keys,
                len: s.len(),
            },
            Obj::Range(Range { start, stop, step }) => Iter::Range {
                next: *start,
                stop: *stop,
                step: *step,
            },
            _ => {
                let t = self.type_name(v).to_string();
                return self.type_error(format!("'{t}' object is not iterable"));
            }
        };
        Ok(Value::Obj(self.heap.alloc(Obj::Iter(it))))
    }

    /// Advances a built-in iterator.
    pub fn iter_next(&mut self, it: ObjRef) -> Result<Next, Raised> {
        let step = match self.heap.get_mut(it) {
            Obj::Generator(_) => return Ok(Next::Generator(it)),
            Obj::Iter(Iter::Range { next, stop, step }) => {
                let cur = *next;
                if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                    *next = cur.saturating_add(*step);
                    return Ok(Next::Item(Value::Int(cur)));
                }
                return Ok(Next::Done);
            }
            Obj::Iter(Iter::Seq { seq, index }) => {
                let (seq, i) = (*seq, *index);
                *index += 1;
                IterStep::Seq(seq, i)
            }
            Obj::Iter(Iter::Reversed { seq, index }) => {
                if *index == 0 {
                    return Ok(Next::Done);
                }
                *index -= 1;
                IterStep::Seq(*seq, *index)
            }
            Obj::Iter(Iter::Dict { dict, index, kind, .. }) => IterStep::Dict(*dict, *index, *kind),
            Obj::Iter(Iter::Enumerate { inner, count }) => {
                let (inner, n) = (*inner, *count);
                *count += 1;
                IterStep::Enumerate(inner, n)
            }
            Obj::Iter(Iter::Zip(inners)) => IterStep::Zip(inners.to_vec()),
            Obj::Iter(Iter::Done) => return Ok(Next::Done),
            _ => {
                let t = self.type_name(Value::Obj(it)).to_string();
                return self.type_error(format!("'{t}' object is not an iterator"));
            }
        };
        match step {
            IterStep::Seq(seq, i) => Ok(match self.heap.get(seq) {
                Obj::List(items) => items.get(i).map_or(Next::Done, |v| Next::Item(*v)),
                Obj::Tuple(items) => items.get(i).map_or(Next::Done, |v| Next::Item(*v)),
                Obj::Str(s) => match s.chars().nth(i) {
                    Some(c) => Next::Item(self.string_value(c.to_string())),
                    None => Next::Done,
                },
                _ => Next::Done,
            }),
            IterStep::Dict(d, i, kind) => {
                if let Obj::Set(_) = self.heap.get(d) {
                    return self.set_iter_next(it);
                }
                if let Obj::Iter(Iter::Dict { index, .. }) = self.heap.get_mut(it) {
                    *index += 1;
                }
                let entry = match self.heap.get(d) {
                    Obj::Dict(d) => d.entry_at(i),
                    _ => None,
                };
                Ok(match (entry, kind) {
                    (None, _) => Next::Done,
                    (Some((k, _)), DictView::Keys) => Next::Item(k),
                    (Some((_, v)), DictView::Values) => Next::Item(v),
                    (Some((k, v)), DictView::Items) => Next::Item(self.tuple_value(vec![k, v])),
                })
            }
            IterStep::Enumerate(inner, n) => match self.iter_next(inner.as_obj().expect("iterator"))? {
                Next::Item(v) => Ok(Next::Item(self.tuple_value(vec![Value::Int(n), v]))),
                other => Ok(other),
            },
            IterStep::Zip(inners) => {
                let mut items = Vec::with_capacity(inners.len());
                for inner in inners {
                    match self.iter_next(inner.as_obj().expect("iterator"))? {
                        Next::Item(v) => items.push(v),
                        other => return Ok(other),
                    }
                }
                Ok(Next::Item(self.tuple_value(items)))
            }
        }
    }

    /// All items of a built-in iterable (not a generator) as a vector.
    pub fn collect(&mut self, v: Value) -> Result<Vec<Value>, Raised> {
        if let Some(items) = self.seq_items(v) {
            return Ok(items.to_vec());
        }
        if let Some(Obj::Range(range)) = v.as_obj().map(|r| self.heap.get(r)) {
            let len = range.len() as usize;
            self.check_len(len)?;
        }
        let it = self.get_iter(v)?.as_obj().expect("iterator");
        let mut out = Vec::new();
        loop {
            match self.iter_next(it)? {
                Next::Item(x) => {
                    self.check_len(out.len() + 1)?;
                    out.push(x);
                }
                Next::Done => return Ok(out),
                Next::Generator(_) => {
                    return self.raise(
                        classes::TYPE_ERROR,
                        "sim cannot consume a generator here; use a for loop",
                    );
                }
            }
        }
    }

    /// A set iterator's next element: the next active slot of the table, as CPython's
    /// `setiter_iternext` walks it; `RuntimeError` if the set's size changed meanwhile.
    fn set_iter_next(&mut self, it: ObjRef) -> Result<Next, Raised> {
        let (dict, index, len) = match self.heap.get(it) {
            Obj::Iter(Iter::Dict { dict, index, len, .. }) => (*dict, *index, *len),
            _ => return Ok(Next::Done),
        };
        if index == usize::MAX {
            return Ok(Next::Done);
        }
        let Obj::Set(set) = self.heap.get(dict) else {
            return Ok(Next::Done);
        };
        let (changed, found) = (set.len() != len, set.next_from(index));
        let next = match found {
            _ if changed => usize::MAX,
            Some((slot, _)) => slot + 1,
            None => usize::MAX,
        };
        if let Obj::Iter(Iter::Dict { index, len, .. }) = self.heap.get_mut(it) {
            if changed {
                *len = usize::MAX;
            } else {
                *index = next;
            }
        }
        if changed {
            return self.raise(classes::RUNTIME_ERROR, "Set changed size during iteration");
        }
        Ok(found.map_or(Next::Done, |(_, v)| Next::Item(v)))
    }

    /// The hashable image of a value looked up in a set (`in`, `remove`, `discard`), or
    /// `None` for a set: CPython 3.11 then looks up the equal frozenset, which no set in
    /// sim can hold.
    pub fn set_element_key(&mut self, item: Value) -> Result<Option<HashKey>, Raised> {
        if let Some(r) = item.as_obj()
            && let Obj::Set(_) = self.heap.get(r)
        {
            return Ok(None);
        }
        self.hash_key(item).map(Some)
    }

    /// The hashable images of `items`, in order, as far as they are hashable, and the
    /// error of the first that is not (CPython adds the ones before it, then raises).
    pub fn hash_prefix(&mut self, items: Vec<Value>) -> (Vec<(HashKey, Value)>, Result<(), Raised>) {
        let mut keys = Vec::with_capacity(items.len());
        for item in items {
            match self.hash_key(item) {
                Ok(key) => keys.push((key, item)),
                Err(e) => return (keys, Err(e)),
            }
        }
        (keys, Ok(()))
    }

    /// The hashable images of all of `items`, or the error of the first unhashable one.
    pub fn hash_all(&mut self, items: Vec<Value>) -> Result<Vec<(HashKey, Value)>, Raised> {
        let (keys, result) = self.hash_prefix(items);
        result.map(|()| keys)
    }

    /// How a set operation sees its argument `v`: another set, a dict (its keys), or any
    /// other iterable (its items, not hashed yet).
    pub fn set_operand(&mut self, v: Value) -> Result<SetOperand, Raised> {
        if let Some(r) = v.as_obj() {
            match self.heap.get(r) {
                Obj::Set(s) => return Ok(SetOperand::Set(r, s.clone())),
                Obj::Dict(d) => {
                    let keys = d.hashed_entries().map(|(h, k, _)| (h.clone(), k)).collect();
                    return Ok(SetOperand::Dict(keys));
                }
                _ => {}
            }
        }
        self.collect(v).map(SetOperand::Items)
    }

    /// `set(v)`: a new set of the operand's elements, built as CPython builds it (a merge
    /// of a set, a dict's keys with one resize up front, or the items one by one).
    pub fn set_of(&mut self, operand: SetOperand) -> Result<Set, Raised> {
        let mut set = Set::new();
        self.set_update_with(&mut set, None, operand)?;
        Ok(set)
    }

    /// `set_update_internal`: adds the operand's elements to `set` (the set object `target`
    /// when it is on the heap: updating a set with itself changes nothing). Hashable items
    /// before an unhashable one are added before the error, as in CPython.
    pub fn set_update_with(
        &mut self,
        set: &mut Set,
        target: Option<ObjRef>,
        operand: SetOperand,
    ) -> Result<(), Raised> {
        match operand {
            SetOperand::Set(r, _) if Some(r) == target => Ok(()),
            SetOperand::Set(_, other) => {
                set.merge(&other);
                Ok(())
            }
            SetOperand::Dict(keys) => {
                set.merge_keys(keys);
                Ok(())
            }
            SetOperand::Items(items) => {
                let (keys, result) = self.hash_prefix(items);
                for (key, value) in keys {
                    set.add(key, value);
                }
                result
            }
        }
    }

    /// The set object `r` (a copy), for an operation that then stores it back.
    pub fn set_copy_of(&self, r: ObjRef) -> Set {
        match self.heap.get(r) {
            Obj::Set(s) => s.clone(),
            _ => Set::new(),
        }
    }

    /// Stores `set` as the contents of set object `r` (keeping its pop finger), sharing its
    /// elements when `r` is shared between threads.
    pub fn store_set(&mut self, r: ObjRef, set: Set) {
        if self.heap.is_shared(r) {
            for v in set.members().collect::<Vec<_>>() {
                self.heap.share(v);
            }
        }
        if let Obj::Set(s) = self.heap.get_mut(r) {
            s.take_body(set);
        }
    }

    pub fn alloc_set(&mut self, set: Set) -> Value {
        Value::Obj(self.heap.alloc(Obj::Set(set)))
    }

    /// A new set from a display `{a, b, c}`. CPython builds a display whose three or more
    /// elements are all constants differently from one with computed elements (see
    /// [`pyset::constant_display`]), and the two can iterate in different orders. The
    /// instruction does not say which it was, so displays of three or more constant-valued
    /// elements (numbers, strings, None, tuples of those) are taken to be literal.
    pub fn new_set(&mut self, items: Vec<Value>) -> Result<Value, Raised> {
        if items.len() > 2 && items.iter().all(|v| self.is_constant_value(*v)) {
            return self.new_const_set(items);
        }
        self.build_set(items)
    }

    /// `BUILD_SET`: a new set with `items` added one by one.
    pub fn build_set(&mut self, items: Vec<Value>) -> Result<Value, Raised> {
        let keys = self.hash_all(items)?;
        let mut set = Set::new();
        for (key, value) in keys {
            set.add(key, value);
        }
        Ok(self.alloc_set(set))
    }

    /// The value of a display of three or more constants, laid out as CPython lays it out.
    pub fn new_const_set(&mut self, items: Vec<Value>) -> Result<Value, Raised> {
        let keys = self.hash_all(items)?;
        Ok(self.alloc_set(pyset::constant_display(keys)))
    }

    /// The frozenset CPython iterates for `for x in {constants}` (and searches for `x in
    /// {constants}`), as a set.
    pub fn const_frozenset(&mut self, items: Vec<Value>) -> Result<Value, Raised> {
        let keys = self.hash_all(items)?;
        Ok(self.alloc_set(pyset::constant_frozenset(keys)))
    }

    /// Whether `v` could be the value of a constant in Python source.
    fn is_constant_value(&self, v: Value) -> bool {
        match v {
            Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => true,
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Str(_) => true,
                Obj::Tuple(items) => items.iter().all(|i| self.is_constant_value(*i)),
                _ => false,
            },
            _ => false,
        }
    }

    /// `set.add(item)` on set object `set`.
    pub fn set_add(&mut self, set: ObjRef, item: Value) -> Result<(), Raised> {
        let key = self.hash_key(item)?;
        if self.heap.is_shared(set) {
            self.heap.share(item);
        }
        if let Obj::Set(s) = self.heap.get_mut(set) {
            s.add(key, item);
        }
        Ok(())
    }

    /// `SET_UPDATE` (`{*a, *b}`) and `set.update(v)`: adds the elements of iterable `v` to
    /// set object `set` as CPython's `set_update_internal` does.
    pub fn set_update(&mut self, set: ObjRef, v: Value) -> Result<(), Raised> {
        let operand = self.set_operand(v)?;
        let mut target = self.set_copy_of(set);
        let result = self.set_update_with(&mut target, Some(set), operand);
        self.store_set(set, target);
        result
    }

    pub fn new_dict(&mut self) -> Value {
        Value::Obj(self.heap.alloc(Obj::Dict(Dict::new())))
    }
}

/// The argument of a set operation, as CPython's set code distinguishes it.
pub enum SetOperand {
    /// A set (the object, and a copy of it).
    Set(ObjRef, Set),
    /// A dict's keys, in order.
    Dict(Vec<(HashKey, Value)>),
    /// Any other iterable's items.
    Items(Vec<Value>),
}

enum IterStep {
    Seq(ObjRef, usize),
    Dict(ObjRef, usize, DictView),
    Enumerate(Value, i64),
    Zip(Vec<Value>),
}
