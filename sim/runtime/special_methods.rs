//! Which of the special methods sim calls from native code a Python class defines (the
//! comparison methods, `__str__`, `__repr__`): found once per class, and again only after
//! a class namespace changed (`class_version`), since operators ask on every use.

use super::classes;
use super::machine::Machine;
use super::value::Value;
use crate::compile::{ClassId, Program, Sym};
use std::cell::RefCell;

/// A comparison method (`__lt__`, `__le__`, `__eq__`, `__ne__`, `__gt__`, `__ge__`).
pub const COMPARES: u8 = 1;
pub const STR: u8 = 2;
pub const REPR: u8 = 4;

const COMPARISON_METHODS: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

/// The names of those methods the program has, and what each class was found to define.
#[derive(Default)]
pub struct SpecialMethods {
    comparisons: Box<[Sym]>,
    str: Option<Sym>,
    repr: Option<Sym>,
    /// Per class: the `class_version` its flags were found at, and the flags.
    found: RefCell<Vec<Option<(u32, u8)>>>,
}

impl SpecialMethods {
    pub fn find(program: &Program) -> SpecialMethods {
        SpecialMethods {
            comparisons: COMPARISON_METHODS
                .iter()
                .filter_map(|name| program.syms.lookup(name))
                .collect(),
            str: program.syms.lookup("__str__"),
            repr: program.syms.lookup("__repr__"),
            found: RefCell::new(Vec::new()),
        }
    }
}

impl Machine<'_> {
    /// The special methods class `class` defines, itself or through a base, as flags
    /// (none for a built-in class).
    pub fn special_methods(&self, class: ClassId) -> u8 {
        if classes::is_builtin(class) {
            return 0;
        }
        let mut found = self.special.found.borrow_mut();
        if found.len() <= class.index() {
            found.resize(class.index() + 1, None);
        }
        if let Some((version, flags)) = found[class.index()]
            && version == self.class_version
        {
            return flags;
        }
        let special = &self.special;
        let defines = |sym: Option<Sym>| sym.is_some_and(|s| self.class_lookup(class, s).is_some());
        let mut flags = 0;
        if special.comparisons.iter().any(|s| defines(Some(*s))) {
            flags |= COMPARES;
        }
        if defines(special.str) {
            flags |= STR;
        }
        if defines(special.repr) {
            flags |= REPR;
        }
        found[class.index()] = Some((self.class_version, flags));
        flags
    }

    /// Whether comparing `v` runs Python: it is an instance of a class that defines a
    /// comparison method.
    pub fn compares_in_python(&self, v: Value) -> bool {
        v.as_obj()
            .and_then(|r| self.instance(r))
            .is_some_and(|inst| self.special_methods(inst.class) & COMPARES != 0)
    }
}
