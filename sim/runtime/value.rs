//! The run-time value: small, `Copy`, and either immediate (None, bools, ints, floats) or
//! a handle to something that lives elsewhere (a heap object, a class, a native function,
//! a module).
//!
//! Handles are plain indices, so values carry no lifetimes and copying one costs nothing;
//! the heap owns what they point to.

use crate::compile::{ClassId, NativeId};

/// Index of an object in the run's heap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef(pub u32);

/// The built-in modules a scenario can name (`threading.Lock`, `time.sleep`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Module {
    Threading,
    Queue,
    Time,
    Asyncio,
    Inspect,
    Functools,
    Math,
}

impl Module {
    pub const ALL: [Module; 7] = [
        Module::Threading,
        Module::Queue,
        Module::Time,
        Module::Asyncio,
        Module::Inspect,
        Module::Functools,
        Module::Math,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Module::Threading => "threading",
            Module::Queue => "queue",
            Module::Time => "time",
            Module::Asyncio => "asyncio",
            Module::Inspect => "inspect",
            Module::Functools => "functools",
            Module::Math => "math",
        }
    }
}

/// `repr(u64)`: the tag takes a whole word, so a value is copied as two aligned words.
/// With a one-byte tag the payload was copied as two overlapping unaligned words, and a
/// value pushed right after it was loaded waited on the store buffer.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(u64)]
pub enum Value {
    /// An unbound variable's slot. Never seen by Python code: reading it raises
    /// `NameError` or `UnboundLocalError`.
    Unset,
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Obj(ObjRef),
    Class(ClassId),
    /// A built-in function, or a native method not yet bound to its receiver.
    Native(NativeId),
    Module(Module),
}

impl Value {
    pub fn as_obj(self) -> Option<ObjRef> {
        match self {
            Value::Obj(r) => Some(r),
            _ => None,
        }
    }

    pub fn is_none(self) -> bool {
        matches!(self, Value::None)
    }

    /// `a is b`: identity for handles, value identity for immediates (CPython caches small
    /// ints and makes None/True/False singletons; sim treats equal immediates as identical).
    pub fn is(self, other: Value) -> bool {
        match (self, other) {
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (a, b) => a == b,
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<ObjRef> for Value {
    fn from(r: ObjRef) -> Value {
        Value::Obj(r)
    }
}
