//! Which values' text (`str`, `repr`) comes from methods written in Python: an instance of
//! a Python class that defines `__repr__` (or `__str__`, for `str`), or a list, tuple,
//! dict or set holding one. `str()`, `repr()`, `print` and f-strings hand such values to
//! the library (`_py_str`, `_py_repr`, `_py_print`, `_py_format` in `<sim>/builtins.py`),
//! which calls the methods as CPython does; every other value is written natively.

use super::classes;
use super::machine::Machine;
use super::object::Obj;
use super::special_methods::{REPR, STR};
use super::value::Value;

/// The containers looked into: deeper (or longer) than this, a value is written natively.
const MAX_DEPTH: usize = 32;
const MAX_ITEMS: usize = 100_000;

/// Which text of a value is wanted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Str,
    Repr,
}

impl Machine<'_> {
    /// Whether the `text` of `v` runs a method written in Python.
    pub fn text_in_python(&self, v: Value, text: Text) -> bool {
        let mut budget = MAX_ITEMS;
        self.text_runs_python(v, text, 0, &mut budget)
    }

    fn text_runs_python(&self, v: Value, text: Text, depth: usize, budget: &mut usize) -> bool {
        let Value::Obj(r) = v else { return false };
        if depth > MAX_DEPTH || *budget == 0 {
            return false;
        }
        *budget -= 1;
        let inner = |items: &mut dyn Iterator<Item = Value>, budget: &mut usize| {
            for item in items {
                if self.text_runs_python(item, Text::Repr, depth + 1, budget) {
                    return true;
                }
            }
            false
        };
        match self.heap.get(r) {
            Obj::Instance(inst) => {
                let methods = self.special_methods(inst.class);
                // An exception's str() is its arguments', whatever its __repr__.
                let exception = || self.program.class(inst.class).mro.contains(&classes::BASE_EXCEPTION);
                (text == Text::Str && methods & STR != 0)
                    || (methods & REPR != 0 && (text == Text::Repr || !exception()))
            }
            Obj::List(items) => inner(&mut items.iter().copied(), budget),
            Obj::Tuple(items) => inner(&mut items.iter().copied(), budget),
            Obj::Dict(d) => inner(&mut d.entries().flat_map(|(k, v)| [k, v]), budget),
            Obj::Set(s) => inner(&mut s.members(), budget),
            _ => false,
        }
    }
}
