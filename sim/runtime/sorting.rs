//! `list.sort` and `sorted` done natively where the order cannot differ from CPython's.
//!
//! CPython sorts with timsort, comparing with `<` only. Where any two items compare
//! without raising and without running Python, and consistently (a total preorder: no
//! NaN, no int too large for a float among floats), every stable sort puts them in the
//! one order timsort does, and the comparisons cannot be seen: then the items are sorted
//! here, in one step. Numbers, strings, and tuples of them whose items at each place are
//! all numbers or all strings qualify. Anything else goes to the library's port of
//! timsort (`_py_sort` in `<sim>/builtins.py`), which makes CPython's very comparisons in
//! its order, and leaves a list as far as it got when one raises.

use super::machine::Machine;
use super::object::Obj;
use super::value::Value;
use std::cmp::Ordering;

/// Ints (and bools) this large or smaller convert to floats exactly.
const EXACT_IN_FLOAT: i64 = 1 << 53;

/// What the items hold at one place (the items themselves, or a place in their tuples).
#[derive(Default)]
enum Shape {
    #[default]
    Unseen,
    Number,
    Str,
    Tuple(Vec<Shape>),
}

/// What the items hold anywhere: floats and ints a float cannot hold exactly do not mix.
#[derive(Default)]
struct Seen {
    floats: bool,
    big_ints: bool,
}

impl Machine<'_> {
    /// Sorts `items` as `list.sort(reverse=reverse)` would, when they qualify (see the
    /// module); `false`, leaving them as they were, when they do not.
    pub fn sort_simple(&self, items: &mut [Value], reverse: bool) -> bool {
        let (mut shape, mut seen) = (Shape::Unseen, Seen::default());
        if !items.iter().all(|v| self.fits(*v, &mut shape, &mut seen)) || (seen.floats && seen.big_ints) {
            return false;
        }
        // CPython reverses, sorts stably, and reverses again.
        if reverse {
            items.reverse();
        }
        items.sort_by(|a, b| self.simple_order(*a, *b));
        if reverse {
            items.reverse();
        }
        true
    }

    /// Whether `v` has the shape of the items before it (which it extends).
    fn fits(&self, v: Value, shape: &mut Shape, seen: &mut Seen) -> bool {
        match v {
            Value::Bool(_) => fits_kind(shape, Shape::Number),
            Value::Int(i) => {
                seen.big_ints |= !(-EXACT_IN_FLOAT..=EXACT_IN_FLOAT).contains(&i);
                fits_kind(shape, Shape::Number)
            }
            Value::Float(f) => {
                seen.floats = true;
                !f.is_nan() && fits_kind(shape, Shape::Number)
            }
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Str(_) => fits_kind(shape, Shape::Str),
                Obj::Tuple(items) => {
                    if matches!(shape, Shape::Unseen) {
                        *shape = Shape::Tuple(Vec::new());
                    }
                    let Shape::Tuple(places) = shape else {
                        return false;
                    };
                    if places.len() < items.len() {
                        places.resize_with(items.len(), Shape::default);
                    }
                    items
                        .iter()
                        .zip(places.iter_mut())
                        .all(|(v, place)| self.fits(*v, place, seen))
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// `a` against `b`, items of one shape: what `<` (and `==` inside tuples) decide.
    fn simple_order(&self, a: Value, b: Value) -> Ordering {
        match (a, b) {
            (Value::Obj(x), Value::Obj(y)) => match (self.heap.get(x), self.heap.get(y)) {
                (Obj::Str(x), Obj::Str(y)) => x.cmp(y),
                (Obj::Tuple(x), Obj::Tuple(y)) => x
                    .iter()
                    .zip(y.iter())
                    .map(|(a, b)| self.simple_order(*a, *b))
                    .find(|o| o.is_ne())
                    .unwrap_or_else(|| x.len().cmp(&y.len())),
                _ => Ordering::Equal,
            },
            (a, b) => match (integer(a), integer(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                _ => float(a).partial_cmp(&float(b)).unwrap_or(Ordering::Equal),
            },
        }
    }
}

/// Whether a place that held `shape` can hold a `kind` too (and now does).
fn fits_kind(shape: &mut Shape, kind: Shape) -> bool {
    match (&*shape, &kind) {
        (Shape::Unseen, _) => {
            *shape = kind;
            true
        }
        (Shape::Number, Shape::Number) | (Shape::Str, Shape::Str) => true,
        _ => false,
    }
}

fn integer(v: Value) -> Option<i64> {
    match v {
        Value::Bool(b) => Some(i64::from(b)),
        Value::Int(i) => Some(i),
        _ => None,
    }
}

fn float(v: Value) -> f64 {
    match v {
        Value::Bool(b) => f64::from(u8::from(b)),
        Value::Int(i) => i as f64,
        Value::Float(f) => f,
        _ => 0.0,
    }
}
