//! Python's `dict` (and the storage of `set`): insertion-ordered, keyed by a hashable
//! image of the key so that `1`, `1.0` and `True` are the same key, as in Python.
//!
//! The image owns copies of string contents, so lookups never touch the heap once the
//! key has been converted; the original key value is kept beside the value so that
//! iteration returns the object that was first inserted.

use indexmap::IndexMap;

use super::value::{ObjRef, Value};

/// The hashable image of a key. Built by the machine, which can read strings and tuples.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    None,
    /// Ints, bools and floats with an integral value.
    Int(i64),
    /// Other floats, by bit pattern.
    Float(u64),
    Str(Box<str>),
    Tuple(Box<[HashKey]>),
    /// Objects hashed by identity (instances, functions, locks, ...).
    Identity(ObjRef),
    /// Classes, native functions and modules: static identities.
    Static(u64),
}

#[derive(Default)]
pub struct Dict {
    entries: IndexMap<HashKey, (Value, Value)>,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &HashKey) -> Option<Value> {
        self.entries.get(key).map(|(_, v)| *v)
    }

    pub fn contains(&self, key: &HashKey) -> bool {
        self.entries.contains_key(key)
    }

    /// Sets `key` to `value`; an existing entry keeps its original key object and place.
    pub fn insert(&mut self, hash: HashKey, key: Value, value: Value) {
        match self.entries.get_mut(&hash) {
            Some(entry) => entry.1 = value,
            None => {
                self.entries.insert(hash, (key, value));
            }
        }
    }

    /// Removes `key`, keeping the order of the others; returns the removed (key, value).
    pub fn remove(&mut self, key: &HashKey) -> Option<(Value, Value)> {
        self.entries.shift_remove(key)
    }

    /// Removes and returns the last inserted entry.
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.entries.pop().map(|(_, kv)| kv)
    }

    /// The entry at position `i` in insertion order.
    pub fn entry_at(&self, i: usize) -> Option<(Value, Value)> {
        self.entries.get_index(i).map(|(_, kv)| *kv)
    }

    pub fn entries(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.entries.values().copied()
    }

    pub fn hashed_entries(&self) -> impl Iterator<Item = (&HashKey, Value, Value)> + '_ {
        self.entries.iter().map(|(h, (k, v))| (h, *k, *v))
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn for_each_value(&self, f: &mut dyn FnMut(Value)) {
        for (k, v) in self.entries.values() {
            f(*k);
            f(*v);
        }
    }
}
