//! Which values' text (`str`, `repr`) comes from methods written in Python: an instance of
//! a Python class that defines `__repr__` (or `__str__`, for `str`), or a list, tuple,
//! dict or set holding one. `str()`, `repr()`, `print` and f-strings hand such values to
//! the library (`_py_str`, `_py_repr`, `_py_print`, `_py_format` in `<sim>/builtins.py`),
//! which calls the methods as CPython does; every other value is written natively.

use super::classes;
use super::machine::Machine;
use super::object::Obj;
use super::value::Value;
use crate::compile::{Program, Sym};

/// The containers looked into: deeper (or longer) than this, a value is written natively.
const MAX_DEPTH: usize = 32;
const MAX_ITEMS: usize = 100_000;

/// Which text of a value is wanted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Str,
    Repr,
}

/// The names `__str__` and `__repr__`, where the program has them.
#[derive(Clone, Default)]
pub struct TextMethods {
    str: Option<Sym>,
    repr: Option<Sym>,
}

impl TextMethods {
    pub fn find(program: &Program) -> TextMethods {
        TextMethods {
            str: program.syms.lookup("__str__"),
            repr: program.syms.lookup("__repr__"),
        }
    }
}

impl Machine<'_> {
    /// Whether the `text` of `v` runs a method written in Python.
    pub fn text_in_python(&self, v: Value, text: Text) -> bool {
        if self.text_methods.str.is_none() && self.text_methods.repr.is_none() {
            return false;
        }
        let mut budget = MAX_ITEMS;
        self.text_runs_python(v, text, 0, &mut budget)
    }

    fn text_runs_python(&self, v: Value, text: Text, depth: usize, budget: &mut usize) -> bool {
        let Value::Obj(r) = v else { return false };
        if depth > MAX_DEPTH || *budget == 0 {
            return false;
        }
        *budget -= 1;
        let defines = |class, sym: Option<Sym>| sym.is_some_and(|s| self.class_lookup(class, s).is_some());
        let inner = |items: &mut dyn Iterator<Item = Value>, budget: &mut usize| {
            for item in items {
                if self.text_runs_python(item, Text::Repr, depth + 1, budget) {
                    return true;
                }
            }
            false
        };
        match self.heap.get(r) {
            Obj::Instance(inst) if !classes::is_builtin(inst.class) => {
                let exception = self.program.class(inst.class).mro.contains(&classes::BASE_EXCEPTION);
                (text == Text::Str && defines(inst.class, self.text_methods.str))
                    || ((text == Text::Repr || !exception) && defines(inst.class, self.text_methods.repr))
            }
            Obj::List(items) => inner(&mut items.iter().copied(), budget),
            Obj::Tuple(items) => inner(&mut items.iter().copied(), budget),
            Obj::Dict(d) => inner(&mut d.entries().flat_map(|(k, v)| [k, v]), budget),
            Obj::Set(s) => inner(&mut s.members(), budget),
            _ => false,
        }
    }
}
