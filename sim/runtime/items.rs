//! Containers as Python sees them: hashing keys, `len`, `in`, indexing and slicing,
//! item assignment and deletion, and iteration over built-in iterables.

use super::classes;
use super::dict::{Dict, HashKey};
use super::exceptions::Raised;
use super::machine::Machine;
use super::object::{DictView, Iter, Obj, Range};
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

    pub fn len(&mut self, v: Value) -> Result<i64, Raised> {
        if let Value::Obj(r) = v {
            let n = match self.heap.get(r) {
                Obj::Str(s) => Some(s.chars().count()),
                Obj::List(items) => Some(items.len()),
                Obj::Tuple(items) => Some(items.len()),
                Obj::Dict(d) | Obj::Set(d) => Some(d.len()),
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
            Obj::Dict(_) | Obj::Set(_) => {
                let key = self.hash_key(item)?;
                Ok(matches!(self.heap.get(r), Obj::Dict(d) | Obj::Set(d) if d.contains(&key)))
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
            items.splice(start..end, new);
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
            Obj::Dict(_) | Obj::Set(_) => Iter::Dict {
                dict: r,
                index: 0,
                kind: DictView::Keys,
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
            Obj::Iter(Iter::Dict { dict, index, kind }) => {
                let (d, i, k) = (*dict, *index, *kind);
                *index += 1;
                IterStep::Dict(d, i, k)
            }
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
                let entry = match self.heap.get(d) {
                    Obj::Dict(d) | Obj::Set(d) => d.entry_at(i),
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
        let it = self.get_iter(v)?.as_obj().expect("iterator");
        let mut out = Vec::new();
        loop {
            match self.iter_next(it)? {
                Next::Item(x) => out.push(x),
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

    /// A new set of `items` (duplicates collapse as in Python).
    pub fn new_set(&mut self, items: Vec<Value>) -> Result<Value, Raised> {
        let set = Value::Obj(self.heap.alloc(Obj::Set(Dict::new())));
        for item in items {
            self.set_add(set.as_obj().expect("set"), item)?;
        }
        Ok(set)
    }

    /// `set.add(item)` on set object `set`.
    pub fn set_add(&mut self, set: ObjRef, item: Value) -> Result<(), Raised> {
        let key = self.hash_key(item)?;
        if let Obj::Set(d) = self.heap.get_mut(set) {
            d.insert(key, item, Value::None);
        }
        Ok(())
    }

    pub fn new_dict(&mut self) -> Value {
        Value::Obj(self.heap.alloc(Obj::Dict(Dict::new())))
    }
}

enum IterStep {
    Seq(ObjRef, usize),
    Dict(ObjRef, usize, DictView),
    Enumerate(Value, i64),
    Zip(Vec<Value>),
}
