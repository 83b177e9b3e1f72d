//! Python's `dict`: insertion-ordered, keyed by a hashable image of the key so that `1`,
//! `1.0` and `True` are the same key, as in Python. The image also gives CPython's `hash()`
//! of the key ([`HashKey::py_hash`]), which `set` (in `pyset.rs`) lays its table out by.
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

/// CPython's modulus for numeric hashes (`sys.hash_info.modulus`, 2**61 - 1).
const MODULUS: u64 = (1 << 61) - 1;
const HASH_BITS: i32 = 61;
/// `hash(float('inf'))`.
const HASH_INF: i64 = 314_159;
/// `hash(None)`: CPython 3.11 hashes None by its address; any fixed value will do.
const HASH_NONE: i64 = 0xFCA8_6420;

impl HashKey {
    /// CPython 3.11's `hash()` of the key, where CPython's is deterministic: ints and bools
    /// (reduced modulo 2**61 - 1), floats (`_Py_HashDouble`), tuples (xxHash-based
    /// `tuplehash`) and strings (SipHash-1-3 of the code points, with the key CPython uses
    /// under `PYTHONHASHSEED=0`). None, NaN and objects hashed by identity get fixed
    /// stand-ins for CPython's addresses.
    pub fn py_hash(&self) -> i64 {
        match self {
            HashKey::None => HASH_NONE,
            HashKey::Int(i) => int_hash(*i),
            HashKey::Float(bits) => float_hash(f64::from_bits(*bits)),
            HashKey::Str(s) => str_hash(s),
            HashKey::Tuple(items) => tuple_hash(items),
            HashKey::Identity(r) => r.0 as i64,
            HashKey::Static(id) => *id as i64,
        }
    }
}

/// `-1` is CPython's error return, so no hash is ever `-1`.
fn not_minus_one(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

fn int_hash(i: i64) -> i64 {
    let magnitude = (i.unsigned_abs() % MODULUS) as i64;
    not_minus_one(if i < 0 { -magnitude } else { magnitude })
}

/// `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1`, for finite non-zero `v`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * 2f64.powi(54));
        return (m, e - 54);
    }
    (f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52)), exp - 1022)
}

/// `_Py_HashDouble`: equal to the hash of the int when the float is integral.
fn float_hash(v: f64) -> i64 {
    if v.is_nan() {
        // CPython 3.11 hashes a NaN by the address of its object.
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % HASH_BITS
    } else {
        HASH_BITS - 1 - ((-1 - e) % HASH_BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (HASH_BITS - e));
    not_minus_one((x as i64).wrapping_mul(sign))
}

/// CPython 3.11's `tuplehash` (xxHash's mixing over the items' hashes).
fn tuple_hash(items: &[HashKey]) -> i64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let mut acc = PRIME_5;
    for item in items {
        let lane = item.py_hash() as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add(items.len() as u64 ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX { 1_546_275_796 } else { acc as i64 }
}

/// A str's hash: SipHash-1-3 (keys zero, as under `PYTHONHASHSEED=0`) of the string's
/// code points in CPython's compact representation (1, 2 or 4 bytes each, little-endian).
fn str_hash(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let widest = s.chars().map(u32::from).max().unwrap_or(0);
    let width = if widest < 0x100 {
        1
    } else if widest < 0x1_0000 {
        2
    } else {
        4
    };
    let bytes: Vec<u8> = s
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes().into_iter().take(width))
        .collect();
    not_minus_one(siphash13(&bytes) as i64)
}

fn siphash13(data: &[u8]) -> u64 {
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[2] = v[2].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[1]);
        v[0] = v[0].wrapping_add(v[3]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].rotate_left(32);
    }
    let mut v = [
        0x736f_6d65_7073_6575u64,
        0x646f_7261_6e64_6f6d,
        0x6c79_6765_6e65_7261,
        0x7465_6462_7974_6573,
    ];
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let m = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    let b = ((data.len() as u64) << 56) | u64::from_le_bytes(tail);
    v[3] ^= b;
    round(&mut v);
    v[0] ^= b;
    v[2] ^= 0xff;
    for _ in 0..3 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

#[derive(Clone, Default)]
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
