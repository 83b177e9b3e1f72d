//! What lives on the heap: strings, containers, functions, instances of classes (with the
//! native state of built-in types such as locks and queues), iterators and generators.
//!
//! Each object can list the values it holds ([`Obj::for_each_child`]); the collector and
//! the sharing analysis both walk the object graph through it, so a new kind of object
//! only has to say what it references in one place.

use super::dict::Dict;
use super::pyset::Set;
use super::state::State;
use super::value::{ObjRef, Value};
use crate::compile::{ClassId, CodeId, Sym};

#[derive(Clone)]
pub enum Obj {
    /// An unused slot on the collector's free list.
    Free,
    Str(Box<str>),
    List(ListItems),
    Tuple(Box<[Value]>),
    Dict(Dict),
    Set(Set),
    Range(Range),
    Slice([Value; 3]),
    Iter(Iter),
    Function(Function),
    BoundMethod {
        recv: Value,
        func: Value,
    },
    Cell(Value),
    Instance(Instance),
    Generator(Box<Generator>),
    /// `super(class, obj)`: looks methods up in `obj`'s MRO after `class`.
    Super {
        class: ClassId,
        obj: Value,
    },
}

#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = if self.step > 0 {
            (self.start as i128, self.stop as i128, self.step as i128)
        } else {
            (self.stop as i128, self.start as i128, -(self.step as i128))
        };
        if hi <= lo {
            0
        } else {
            ((hi - lo + step - 1) / step) as i64
        }
    }

    pub fn get(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

#[derive(Clone)]
pub enum Iter {
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// Over a list, tuple or str, by position (a list may grow while iterated).
    Seq {
        seq: ObjRef,
        index: usize,
    },
    /// Over a dict's keys, values or items by position, or a set's members by slot of its
    /// table (`index` is the next slot to look at; `usize::MAX` once exhausted).
    Dict {
        dict: ObjRef,
        index: usize,
        kind: DictView,
        /// A set's length when the iteration began: CPython raises `RuntimeError` when it
        /// changes (`usize::MAX` after that, so that the error repeats). Unused for dicts.
        len: usize,
    },
    Enumerate {
        inner: Value,
        count: i64,
    },
    Zip(Box<[Value]>),
    Reversed {
        seq: ObjRef,
        index: usize,
    },
    /// An exhausted iterator.
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictView {
    Keys,
    Values,
    Items,
}

#[derive(Clone)]
pub struct Function {
    pub code: CodeId,
    pub defaults: Box<[Value]>,
    pub kwdefaults: Box<[(Sym, Value)]>,
    pub closure: Box<[ObjRef]>,
    /// Attributes set on the function (`__name__` after `functools.wraps`, ...).
    pub attrs: Vec<(Sym, Value)>,
}

#[derive(Clone)]
pub struct Instance {
    pub class: ClassId,
    /// What a native fast path last found true of this instance's own attributes (its
    /// own code, [`Instance::NOTHING_NOTED`] for nothing). [`Instance::set_attr`] and
    /// [`Instance::remove_attr`] forget it, so it holds until an attribute changes in any
    /// way but the fast path's own.
    pub note: u32,
    /// How traces and reports name this object: the name it was first bound to.
    pub label: Option<Box<str>>,
    /// Its own attributes. Names are added and removed only through [`Instance::set_attr`]
    /// and [`Instance::remove_attr`], which keep `names` up to date and forget `note`; a
    /// value replaced in place instead (a native fast path's own write) must leave what
    /// `note` says true.
    pub attrs: Vec<(Sym, Value)>,
    /// The native part of built-in types (a lock's owner, a queue's items, ...).
    pub state: Option<Box<State>>,
    /// A bit for every name among `attrs` (bit `sym % 64`; more bits may be set): a name
    /// whose bit is clear is not there, which a method lookup learns without reading
    /// `attrs`.
    names: u64,
}

/// The bit of name `sym` in [`Instance::names`].
fn name_bit(sym: Sym) -> u64 {
    1 << (sym.index() % 64)
}

impl Instance {
    /// [`Instance::note`] when nothing is noted.
    pub const NOTHING_NOTED: u32 = 0;

    pub fn new(class: ClassId, state: Option<Box<State>>) -> Instance {
        Instance {
            class,
            note: Instance::NOTHING_NOTED,
            label: None,
            attrs: Vec::new(),
            state,
            names: 0,
        }
    }

    pub fn attr(&self, sym: Sym) -> Option<Value> {
        if self.names & name_bit(sym) == 0 {
            return None;
        }
        self.attrs.iter().find(|(s, _)| *s == sym).map(|(_, v)| *v)
    }

    pub fn set_attr(&mut self, sym: Sym, value: Value) {
        self.note = Instance::NOTHING_NOTED;
        let bit = name_bit(sym);
        if self.names & bit != 0
            && let Some(slot) = self.attrs.iter_mut().find(|(s, _)| *s == sym)
        {
            slot.1 = value;
            return;
        }
        self.attrs.push((sym, value));
        self.names |= bit;
    }

    pub fn remove_attr(&mut self, sym: Sym) -> bool {
        self.note = Instance::NOTHING_NOTED;
        let before = self.attrs.len();
        self.attrs.retain(|(s, _)| *s != sym);
        self.attrs.len() != before
    }
}

/// A list's items: inline, in the object's slot, while there are few (a queue's waiters,
/// its items when bounded by a small `maxsize`), so reading them loads nothing more.
pub type ListItems = smallvec::SmallVec<[Value; 4]>;

/// A suspended frame's values.
pub type GenValues = smallvec::SmallVec<[Value; 8]>;

/// A suspended generator or coroutine: its frame's values and where it stopped.
#[derive(Clone)]
pub struct Generator {
    pub code: CodeId,
    pub pc: u32,
    /// Locals then operand stack, saved while suspended: inline for small frames (the
    /// generator's box holds them; resuming reads no other allocation).
    pub values: GenValues,
    pub state: GenState,
    pub kind: GenKind,
    /// The generator it is delegating to with `yield from`/`await`, if any.
    pub delegate: Value,
    /// Number of locals at the bottom of `values`.
    pub nlocals: u32,
    pub func: Value,
    /// How it was last resumed, which decides where what it yields or returns goes.
    pub resumer: Resumer,
}

/// Who resumed a generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resumer {
    /// A `for` loop (`ForIter`): yields feed the loop; returning ends it.
    Loop,
    /// `next`, `send` or `throw`: yields are the call's result; returning raises
    /// `StopIteration` with the value.
    Call,
    /// A delegating generator (`yield from`, `await`): yields pass through it; the return
    /// value is the result of its `yield from`.
    Delegate,
    /// `close()`: yielding is an error; returning or letting `GeneratorExit` out is the
    /// normal end.
    Close,
    /// `next(gen, default)`: as `Call`, but returning gives the default (already on the
    /// stack below the generator's frame).
    CallWithDefault,
    /// A step of this asyncio task: what the coroutine yields, returns or raises goes to
    /// the task, and the loop's `_run_once_step` call returns `True`.
    Task(ObjRef),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    Created,
    Running,
    Suspended,
    Closed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
}

impl Obj {
    /// Calls `f` with every value this object holds (inlined for the collector's loop;
    /// the native states' parts take it as a `dyn`).
    #[inline]
    pub fn for_each_child<F: FnMut(Value)>(&self, f: &mut F) {
        match self {
            Obj::Free | Obj::Str(_) | Obj::Range(_) => {}
            Obj::List(items) => items.iter().for_each(|v| f(*v)),
            Obj::Tuple(items) => items.iter().for_each(|v| f(*v)),
            Obj::Slice(parts) => parts.iter().for_each(|v| f(*v)),
            Obj::Dict(d) => d.for_each_value(f),
            Obj::Set(s) => s.for_each_value(f),
            Obj::Iter(it) => it.for_each_child(f),
            Obj::Function(func) => {
                func.defaults.iter().for_each(|v| f(*v));
                func.kwdefaults.iter().for_each(|(_, v)| f(*v));
                func.closure.iter().for_each(|c| f(Value::Obj(*c)));
                func.attrs.iter().for_each(|(_, v)| f(*v));
            }
            Obj::BoundMethod { recv, func } => {
                f(*recv);
                f(*func);
            }
            Obj::Cell(v) | Obj::Super { obj: v, .. } => f(*v),
            Obj::Instance(inst) => {
                inst.attrs.iter().for_each(|(_, v)| f(*v));
                if let Some(state) = &inst.state {
                    state.for_each_child(f);
                }
            }
            Obj::Generator(g) => {
                g.values.iter().for_each(|v| f(*v));
                f(g.delegate);
                f(g.func);
            }
        }
    }
}

impl Iter {
    fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        match self {
            Iter::Range { .. } | Iter::Done => {}
            Iter::Seq { seq, .. } | Iter::Reversed { seq, .. } => f(Value::Obj(*seq)),
            Iter::Dict { dict, .. } => f(Value::Obj(*dict)),
            Iter::Enumerate { inner, .. } => f(*inner),
            Iter::Zip(items) => items.iter().for_each(|v| f(*v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instance_finds_every_attribute_set_including_names_sharing_a_bit() {
        let mut inst = Instance::new(ClassId(0), None);
        // 3, 67 and 131 share bit 3 of the name mask; 5 has a bit of its own.
        for (i, s) in [3u32, 67, 131, 5].into_iter().enumerate() {
            assert_eq!(inst.attr(Sym(s)), None);
            inst.set_attr(Sym(s), Value::Int(i as i64));
        }
        inst.set_attr(Sym(67), Value::Int(10));
        assert_eq!(inst.attrs.len(), 4, "setting a name again replaces its value");
        for (s, v) in [(3, 0), (67, 10), (131, 2), (5, 3)] {
            assert_eq!(inst.attr(Sym(s)), Some(Value::Int(v)), "name {s}");
        }
        assert_eq!(inst.attr(Sym(4)), None);
        assert_eq!(inst.attr(Sym(195)), None, "a name whose bit is set but is not there");
        assert!(inst.remove_attr(Sym(67)));
        assert_eq!(inst.attr(Sym(67)), None);
        assert_eq!(inst.attr(Sym(131)), Some(Value::Int(2)));
        inst.set_attr(Sym(67), Value::Int(11));
        assert_eq!(inst.attr(Sym(67)), Some(Value::Int(11)));
    }

    #[test]
    fn changing_an_attribute_in_any_way_forgets_the_note() {
        let mut inst = Instance::new(ClassId(0), None);
        inst.set_attr(Sym(3), Value::Int(1));
        for change in 0..3 {
            inst.note = 7;
            match change {
                0 => inst.set_attr(Sym(3), Value::Int(2)),
                1 => inst.set_attr(Sym(4), Value::Int(3)),
                _ => assert!(inst.remove_attr(Sym(4))),
            }
            assert_eq!(inst.note, Instance::NOTHING_NOTED, "change {change}");
        }
    }

    #[test]
    fn slots_stay_80_bytes_with_a_short_list_inline_and_values_16() {
        // The arena is a vector of these: a larger object makes every slot larger.
        assert_eq!(size_of::<Obj>(), 80);
        assert_eq!(size_of::<Value>(), 16);
        assert_eq!(size_of::<Option<Value>>(), 16);
        let list = Obj::List(ListItems::from_slice(&[Value::Int(1); 4]));
        assert!(matches!(list, Obj::List(items) if !items.spilled()));
    }
}
