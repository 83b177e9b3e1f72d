//! Python's `set`, laid out as CPython 3.11 lays it out (Objects/setobject.c): an
//! open-addressing table probed linearly then by perturbation, with dummies left by
//! deletions and the resizing rules of `set_add_entry`, `set_merge` and friends. Iteration
//! walks the table, so the order in which a set prints, iterates and pops is CPython's
//! whenever the elements' hashes are ([`HashKey::py_hash`]).
//!
//! Pure data: elements arrive already hashed (as [`HashKey`]s, so `1`, `1.0` and `True` are
//! one element); converting Python values, and Python's errors, are the machine's business.

use super::dict::HashKey;
use super::value::Value;

/// The size of a new table (`PySet_MINSIZE`).
const MINSIZE: usize = 8;
/// Slots probed after the home slot before jumping elsewhere.
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Default)]
enum Slot {
    #[default]
    Empty,
    /// A deleted element: probing goes on past it, insertion may reuse it.
    Dummy,
    Active(Entry),
}

#[derive(Clone)]
struct Entry {
    hash: i64,
    key: HashKey,
    /// The element as it was inserted (`{1, 1.0}` keeps the int).
    value: Value,
}

#[derive(Clone)]
pub struct Set {
    table: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots: the set's length.
    used: usize,
    /// Where `pop` resumes its search.
    finger: usize,
}

impl Default for Set {
    fn default() -> Set {
        Set::new()
    }
}

/// The first probe of `hash`, and the sequence after it.
struct Probe {
    i: usize,
    perturb: u64,
    mask: usize,
}

impl Probe {
    fn new(hash: i64, mask: usize) -> Probe {
        Probe {
            i: hash as u64 as usize & mask,
            perturb: hash as u64,
            mask,
        }
    }

    /// The slots examined from the current probe: the slot and, when they fit without
    /// wrapping, the `LINEAR_PROBES` after it.
    fn run(&self) -> std::ops::RangeInclusive<usize> {
        let last = if self.i + LINEAR_PROBES <= self.mask {
            self.i + LINEAR_PROBES
        } else {
            self.i
        };
        self.i..=last
    }

    fn advance(&mut self) {
        self.perturb >>= PERTURB_SHIFT;
        self.i = (self
            .i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(self.perturb as usize))
            & self.mask;
    }
}

impl Set {
    pub fn new() -> Set {
        Set {
            table: vec![Slot::Empty; MINSIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// `set_lookkey`: the slot holding `key`, if any.
    fn find(&self, hash: i64, key: &HashKey) -> Option<usize> {
        let mut probe = Probe::new(hash, self.mask());
        loop {
            for j in probe.run() {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Active(e) if e.hash == hash && e.key == *key => return Some(j),
                    _ => {}
                }
            }
            probe.advance();
        }
    }

    pub fn contains(&self, key: &HashKey) -> bool {
        self.find(key.py_hash(), key).is_some()
    }

    /// `set.add`; returns whether the element was new.
    pub fn add(&mut self, key: HashKey, value: Value) -> bool {
        let hash = key.py_hash();
        self.add_entry(Entry { hash, key, value })
    }

    /// `set_add_entry`.
    fn add_entry(&mut self, entry: Entry) -> bool {
        let mask = self.mask();
        let mut probe = Probe::new(entry.hash, mask);
        let mut freeslot = None;
        let empty = 'search: loop {
            for j in probe.run() {
                match &self.table[j] {
                    Slot::Empty => break 'search j,
                    Slot::Active(e) if e.hash == entry.hash && e.key == entry.key => return false,
                    Slot::Active(_) => {}
                    Slot::Dummy => freeslot = Some(j),
                }
            }
            probe.advance();
        };
        self.used += 1;
        if let Some(j) = freeslot {
            self.table[j] = Slot::Active(entry);
            return true;
        }
        self.fill += 1;
        self.table[empty] = Slot::Active(entry);
        if self.fill * 5 >= mask * 3 {
            self.resize(self.growth());
        }
        true
    }

    /// The `minused` CPython resizes to after an insertion fills the table.
    fn growth(&self) -> usize {
        if self.used > 50_000 {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// `set_insert_clean`: places an element known to be absent in a table without dummies.
    fn insert_clean(table: &mut [Slot], entry: Entry) {
        let mut probe = Probe::new(entry.hash, table.len() - 1);
        loop {
            if let Some(j) = probe.run().find(|j| matches!(table[*j], Slot::Empty)) {
                table[j] = Slot::Active(entry);
                return;
            }
            probe.advance();
        }
    }

    /// `set_table_resize`: rebuilds the table with the smallest size above `minused`,
    /// dropping dummies.
    fn resize(&mut self, minused: usize) {
        let mut size = MINSIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MINSIZE && self.table.len() == MINSIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(e) = slot {
                Self::insert_clean(&mut self.table, e);
            }
        }
    }

    /// `set_discard_entry`: removes `key`, returning the element that was in the set.
    pub fn discard(&mut self, key: &HashKey) -> Option<Value> {
        let j = self.find(key.py_hash(), key)?;
        let Slot::Active(e) = std::mem::replace(&mut self.table[j], Slot::Dummy) else {
            unreachable!("find returns active slots")
        };
        self.used -= 1;
        Some(e.value)
    }

    /// `set.pop`: the first element at or after the finger, wrapping around.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut j = self.finger & mask;
        while !matches!(self.table[j], Slot::Active(_)) {
            j = if j == mask { 0 } else { j + 1 };
        }
        let Slot::Active(e) = std::mem::replace(&mut self.table[j], Slot::Dummy) else {
            unreachable!("stopped on an active slot")
        };
        self.used -= 1;
        self.finger = j + 1;
        Some(e.value)
    }

    /// `set.clear` (the pop finger stays where it was, as in CPython).
    pub fn clear(&mut self) {
        self.table = vec![Slot::Empty; MINSIZE];
        self.fill = 0;
        self.used = 0;
    }

    /// The first element at slot `pos` or after, and its slot: how iterators walk a set.
    pub fn next_from(&self, pos: usize) -> Option<(usize, Value)> {
        self.table
            .get(pos..)?
            .iter()
            .enumerate()
            .find_map(|(k, slot)| match slot {
                Slot::Active(e) => Some((pos + k, e.value)),
                _ => None,
            })
    }

    fn active(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.table.iter().filter_map(|slot| match slot {
            Slot::Active(e) => Some(e),
            _ => None,
        })
    }

    /// The elements in iteration order.
    pub fn members(&self) -> impl Iterator<Item = Value> + '_ {
        self.active().map(|e| e.value)
    }

    /// The elements in iteration order, each with `None` (the shape of a dict's entries).
    pub fn entries(&self) -> impl Iterator<Item = (Value, Value)> + '_ {
        self.members().map(|v| (v, Value::None))
    }

    /// The elements with their hashable images, in iteration order.
    pub fn hashed(&self) -> impl Iterator<Item = (&HashKey, Value)> + '_ {
        self.active().map(|e| (&e.key, e.value))
    }

    pub fn for_each_value(&self, f: &mut dyn FnMut(Value)) {
        self.members().for_each(f);
    }

    /// A copy laid out as CPython's `set.copy()` lays it out (a merge into a new set).
    pub fn copy(&self) -> Set {
        let mut copy = Set::new();
        copy.merge(self);
        copy
    }

    /// Replaces the table with `other`'s, keeping the pop finger (`set_swap_bodies`).
    pub fn take_body(&mut self, other: Set) {
        let finger = self.finger;
        *self = other;
        self.finger = finger;
    }

    /// `set_merge`: adds every element of `other` (which must not be `self`), resizing once
    /// up front.
    pub fn merge(&mut self, other: &Set) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.table.clone_from(&other.table);
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for e in other.active() {
                Self::insert_clean(&mut self.table, e.clone());
            }
            return;
        }
        for e in other.active() {
            self.add_entry(e.clone());
        }
    }

    /// `set.update(d)` for a dict `d`, given its keys in order: one resize up front, then
    /// the keys one by one.
    pub fn merge_keys(&mut self, keys: Vec<(HashKey, Value)>) {
        if (self.fill + keys.len()) * 5 >= self.mask() * 3 {
            self.resize((self.used + keys.len()) * 2);
        }
        for (key, value) in keys {
            self.add(key, value);
        }
    }

    /// `set_intersection` of two sets: walks the smaller one (the elements come from it).
    pub fn intersection(&self, other: &Set) -> Set {
        let (big, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        let mut result = Set::new();
        for e in small.active() {
            if big.find(e.hash, &e.key).is_some() {
                result.add_entry(e.clone());
            }
        }
        result
    }

    /// `set_difference` with another set (or a dict, as a set of its keys): a new set of
    /// the elements not in `other`, or a copy with `other` removed when `other` is much
    /// smaller.
    pub fn difference(&self, other: &Set) -> Set {
        if (self.len() >> 2) > other.len() {
            let mut result = self.copy();
            result.difference_update(other);
            return result;
        }
        let mut result = Set::new();
        for e in self.active() {
            if other.find(e.hash, &e.key).is_none() {
                result.add_entry(e.clone());
            }
        }
        result
    }

    /// `set_difference_update_internal` with another set (not `self`).
    pub fn difference_update(&mut self, other: &Set) {
        let narrowed;
        let other = if (other.len() >> 3) > self.len() {
            narrowed = self.intersection(other);
            &narrowed
        } else {
            other
        };
        for e in other.active() {
            if let Some(j) = self.find(e.hash, &e.key) {
                self.table[j] = Slot::Dummy;
                self.used -= 1;
            }
        }
        self.purge_dummies();
    }

    /// `set_difference_update_internal` with an iterable's elements.
    pub fn difference_update_keys(&mut self, keys: &[(HashKey, Value)]) {
        for (key, _) in keys {
            self.discard(key);
        }
        self.purge_dummies();
    }

    /// After a difference update: if more than a quarter of the table is dummies, resize
    /// them away.
    pub fn purge_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            self.resize(self.growth());
        }
    }

    /// `set_symmetric_difference_update` with another set (not `self`), walked in its order.
    pub fn symmetric_difference_update(&mut self, other: &Set) {
        for e in other.active() {
            match self.find(e.hash, &e.key) {
                Some(j) => {
                    self.table[j] = Slot::Dummy;
                    self.used -= 1;
                }
                None => {
                    self.add_entry(e.clone());
                }
            }
        }
    }

    /// `set_symmetric_difference_update` with a dict's keys, in the dict's order.
    pub fn symmetric_difference_update_keys(&mut self, keys: Vec<(HashKey, Value)>) {
        for (key, value) in keys {
            if self.discard(&key).is_none() {
                self.add(key, value);
            }
        }
    }

    /// `self <= other`.
    pub fn is_subset(&self, other: &Set) -> bool {
        self.len() <= other.len() && self.active().all(|e| other.find(e.hash, &e.key).is_some())
    }

    /// Whether no element is in both (walking the smaller set).
    pub fn is_disjoint(&self, other: &Set) -> bool {
        let (big, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        small.active().all(|e| big.find(e.hash, &e.key).is_none())
    }
}

/// How CPython builds the set a display of constants evaluates to (`{3, 1, 2}` with three
/// or more constant elements): the compiler folds the elements into a frozenset (added in
/// source order), rebuilds it from its own iteration order when merging constants, and the
/// display merges that frozenset into a new set (`BUILD_SET 0; SET_UPDATE`).
pub fn constant_display(keys: Vec<(HashKey, Value)>) -> Set {
    let mut result = Set::new();
    result.merge(&constant_frozenset(keys));
    result
}

/// The frozenset CPython makes of a display of constants that is only iterated or
/// searched (`for x in {3, 1, 2}`, `x in {3, 1, 2}`), as [`constant_display`] describes.
pub fn constant_frozenset(keys: Vec<(HashKey, Value)>) -> Set {
    let mut folded = Set::new();
    for (key, value) in keys {
        folded.add(key, value);
    }
    let mut rebuilt = Set::new();
    for e in folded.active() {
        rebuilt.add_entry(e.clone());
    }
    rebuilt
}
