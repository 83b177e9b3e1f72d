//! Attribute access: instance attributes, methods found along the class's MRO (Python
//! functions in class namespaces, natives of built-in classes), properties of built-in
//! objects, and module members.

use super::classes;
use super::exceptions::Raised;
use super::machine::Machine;
use super::natives::{Export, Namespace};
use super::object::Obj;
use super::state::State;
use super::sync;
use super::value::{ObjRef, Value};
use crate::compile::{ClassId, Member, Sym};

/// What a method lookup found: a callable and, for a method, the receiver to pass first.
pub struct Method {
    pub func: Value,
    pub recv: Option<Value>,
}

impl Machine<'_> {
    /// An attribute of a class or its bases (unbound).
    pub fn class_lookup(&self, class: ClassId, sym: Sym) -> Option<Value> {
        for c in &self.program.class(class).mro {
            if let Some((_, v)) = self.class_attrs[c.index()].iter().find(|(s, _)| *s == sym) {
                return Some(*v);
            }
            if let Some(Member::Native(id)) = self.program.class(*c).member(sym) {
                return Some(Value::Native(id));
            }
        }
        None
    }

    /// The value of a module-level name of the library's Python source.
    pub fn library(&self, name: &str) -> Value {
        match self.program.library.get(name) {
            Some(g) => self.globals[g.index()],
            None => Value::None,
        }
    }

    /// `module.sym`, through the cache of what each name resolved to (the exports are
    /// fixed; a library name is read from its global each time).
    fn module_attr_sym(&mut self, module: super::value::Module, sym: Sym) -> Option<Value> {
        let cached = self.module_attrs.get(sym.index()).copied().flatten();
        let found = match cached {
            Some((m, found)) if m == module => found,
            _ => {
                let found = match self.registry.export(Namespace::Module(module), self.program.sym(sym))? {
                    Export::Native(n) => ModuleAttr::Fixed(Value::Native(n)),
                    Export::Class(c) => ModuleAttr::Fixed(Value::Class(c)),
                    Export::Module(m) => ModuleAttr::Fixed(Value::Module(m)),
                    Export::Library(l) => match self.program.library.get(l) {
                        Some(g) => ModuleAttr::Library(*g),
                        None => ModuleAttr::Fixed(Value::None),
                    },
                    Export::Float(f) => ModuleAttr::Fixed(Value::Float(f)),
                };
                if self.module_attrs.len() <= sym.index() {
                    self.module_attrs.resize(sym.index() + 1, None);
                }
                self.module_attrs[sym.index()] = Some((module, found));
                found
            }
        };
        Some(match found {
            ModuleAttr::Fixed(v) => v,
            ModuleAttr::Library(g) => self.globals[g.index()],
        })
    }

    fn module_attr(&mut self, module: super::value::Module, name: &str) -> Option<Value> {
        Some(match self.registry.export(Namespace::Module(module), name)? {
            Export::Native(n) => Value::Native(n),
            Export::Class(c) => Value::Class(c),
            Export::Module(m) => Value::Module(m),
            Export::Library(l) => self.library(l),
            Export::Float(f) => Value::Float(f),
        })
    }

    /// A property of a built-in object (`thread.name`, `exc.args`, `q.maxsize`, ...).
    fn property(&self, r: ObjRef, name: &str) -> Option<Value> {
        match self.state(r)? {
            State::Thread(_) => sync::thread_property(self, r, name),
            State::Barrier(_) => sync::barrier_property(self, r, name),
            State::Queue(_) => sync::queue_property(self, r, name),
            State::Future(_) => super::aio::future::property(self, r, name),
            State::Exception(e) => match name {
                "args" => Some(e.args),
                "__cause__" => Some(e.cause),
                "__context__" => Some(e.context),
                "__suppress_context__" => Some(Value::Bool(e.suppress_context)),
                "value"
                    if self
                        .program
                        .is_subclass(self.type_of(Value::Obj(r)), classes::STOP_ITERATION) =>
                {
                    Some(
                        self.seq_items(e.args)
                            .and_then(|a| a.first().copied())
                            .unwrap_or(Value::None),
                    )
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Looks `sym` up as `obj.sym` is evaluated before a call: methods are returned with
    /// their receiver instead of being bound, which saves an allocation.
    pub fn load_method(&mut self, obj: Value, sym: Sym) -> Result<Method, Raised> {
        let name = self.program.sym(sym);
        if let Value::Obj(r) = obj {
            if let Some(v) = self.property(r, name) {
                return Ok(Method { func: v, recv: None });
            }
            if matches!(name, "exceptions" | "message")
                && let Some(v) = self.exception_group_property(r, name)
            {
                return Ok(Method { func: v, recv: None });
            }
            match self.heap.get(r) {
                Obj::Instance(inst) => {
                    if let Some(v) = inst.attr(sym) {
                        return Ok(Method { func: v, recv: None });
                    }
                }
                Obj::Function(f) => {
                    let (code, found) = (f.code, f.attrs.iter().find(|(s, _)| *s == sym).map(|(_, v)| *v));
                    if let Some(v) = found {
                        return Ok(Method { func: v, recv: None });
                    }
                    let text = match name {
                        "__name__" => Some(self.program.code(code).name.clone()),
                        "__qualname__" => Some(self.program.code(code).qualname.clone()),
                        "__module__" => Some("__main__".to_string()),
                        _ => None,
                    };
                    if let Some(text) = text {
                        return Ok(Method {
                            func: self.string_value(text),
                            recv: None,
                        });
                    }
                }
                Obj::Generator(g) => {
                    let code = self.program.code(g.code);
                    let text = match name {
                        "__name__" => Some(code.name.clone()),
                        "__qualname__" => Some(code.qualname.clone()),
                        _ => None,
                    };
                    if let Some(text) = text {
                        return Ok(Method {
                            func: self.string_value(text),
                            recv: None,
                        });
                    }
                }
                Obj::Super { class, obj: inner } => {
                    let (class, inner) = (*class, *inner);
                    if let Some(v) = self.lookup_after(self.type_of(inner), class, sym) {
                        let recv = self.binds(v).then_some(inner);
                        return Ok(Method { func: v, recv });
                    }
                    let n = self.class_name(class).to_string();
                    return self.raise(
                        classes::ATTRIBUTE_ERROR,
                        format!("'super' object has no attribute '{name}' (after {n})"),
                    );
                }
                _ => {}
            }
        }
        match obj {
            Value::Class(c) => {
                if let Some(v) = self.class_lookup(c, sym) {
                    return Ok(Method { func: v, recv: None });
                }
                if let Some(v) = self.class_special(c, name) {
                    return Ok(Method { func: v, recv: None });
                }
            }
            Value::Module(m) => {
                if let Some(v) = self.module_attr_sym(m, sym) {
                    return Ok(Method { func: v, recv: None });
                }
                let msg = format!("module '{}' has no attribute '{name}'", m.name());
                return self.raise(classes::ATTRIBUTE_ERROR, msg);
            }
            _ => {}
        }
        let class = self.type_of(obj);
        if let Some(v) = self.class_lookup(class, sym) {
            let recv = self.binds(v).then_some(obj);
            return Ok(Method { func: v, recv });
        }
        if name == "__class__" {
            return Ok(Method {
                func: Value::Class(class),
                recv: None,
            });
        }
        let t = self.type_name(obj).to_string();
        match obj {
            Value::Class(c) => {
                let n = self.class_name(c).to_string();
                self.raise(
                    classes::ATTRIBUTE_ERROR,
                    format!("type object '{n}' has no attribute '{name}'"),
                )
            }
            _ => self.raise(
                classes::ATTRIBUTE_ERROR,
                format!("'{t}' object has no attribute '{name}'"),
            ),
        }
    }

    /// The method `LoadMethod` instruction `site` found last time, if `obj` is of the same
    /// class, has no attribute of that name itself, and no class changed since.
    #[inline]
    pub fn cached_method(&self, site: usize, obj: Value, sym: Sym) -> Option<Value> {
        let (class, version, func) = self.method_cache[site];
        if version != self.class_version {
            return None;
        }
        let found = match obj {
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Instance(inst) => inst.class == class && inst.attr(sym).is_none(),
                Obj::List(_) => class == classes::LIST,
                Obj::Dict(_) => class == classes::DICT,
                Obj::Str(_) => class == classes::STR,
                _ => false,
            },
            _ => false,
        };
        found.then_some(func)
    }

    /// Remembers the method found for `recv` at `LoadMethod` instruction `site`.
    pub fn cache_method(&mut self, site: usize, recv: Value, func: Value) {
        let class = self.type_of(recv);
        if matches!(recv, Value::Obj(_)) {
            self.method_cache[site] = (class, self.class_version, func);
        }
    }

    /// Whether a class attribute becomes a bound method when read from an instance
    /// (functions do; data attributes are returned as they are).
    fn binds(&self, v: Value) -> bool {
        match v {
            Value::Native(_) => true,
            Value::Obj(r) => matches!(self.heap.get(r), Obj::Function(_)),
            _ => false,
        }
    }

    /// `obj.sym`, binding methods to their receiver.
    pub fn get_attr(&mut self, obj: Value, sym: Sym) -> Result<Value, Raised> {
        let Method { func, recv } = self.load_method(obj, sym)?;
        Ok(match recv {
            None => func,
            Some(recv) => Value::Obj(self.heap.alloc(Obj::BoundMethod { recv, func })),
        })
    }

    pub fn get_attr_by_name(&mut self, obj: Value, name: &str) -> Result<Value, Raised> {
        if let Value::Module(m) = obj
            && let Some(v) = self.module_attr(m, name)
        {
            return Ok(v);
        }
        match self.program.syms.lookup(name) {
            Some(sym) => self.get_attr(obj, sym),
            None => {
                let t = self.type_name(obj).to_string();
                self.raise(
                    classes::ATTRIBUTE_ERROR,
                    format!("'{t}' object has no attribute '{name}'"),
                )
            }
        }
    }

    /// An attribute found in the MRO of `class` after `after` (for `super()`).
    fn lookup_after(&self, class: ClassId, after: ClassId, sym: Sym) -> Option<Value> {
        let mro = &self.program.class(class).mro;
        let start = mro.iter().position(|c| *c == after)? + 1;
        mro[start..].iter().find_map(|c| {
            if let Some((_, v)) = self.class_attrs[c.index()].iter().find(|(s, _)| *s == sym) {
                return Some(*v);
            }
            match self.program.class(*c).member(sym) {
                Some(Member::Native(id)) => Some(Value::Native(id)),
                _ => None,
            }
        })
    }

    /// `__name__`, `__qualname__`, `__module__` of a class.
    fn class_special(&mut self, c: ClassId, name: &str) -> Option<Value> {
        let info = self.program.class(c);
        let text = match name {
            "__name__" | "__qualname__" => info.name.clone(),
            "__module__" => info.module.clone(),
            _ => return None,
        };
        Some(self.string_value(text))
    }

    /// `obj.sym = value`.
    pub fn set_attr(&mut self, obj: Value, sym: Sym, value: Value) -> Result<(), Raised> {
        let program = self.program;
        let name = program.sym(sym);
        match obj {
            Value::Class(c) => {
                self.class_version = self.class_version.wrapping_add(1);
                let attrs = &mut self.class_attrs[c.index()];
                match attrs.iter_mut().find(|(s, _)| *s == sym) {
                    Some(slot) => slot.1 = value,
                    None => attrs.push((sym, value)),
                }
                self.heap.share(value);
                return Ok(());
            }
            Value::Obj(r) => {
                if sync::set_thread_property(self, r, name, value)?
                    || super::aio::future::set_property(self, r, name, value)?
                {
                    return Ok(());
                }
                let shared = self.heap.is_shared(r);
                // Only an object can take a name from the attribute it is bound to.
                if matches!(value, Value::Obj(_))
                    && let Some(parent) = self.instance(r).and_then(|i| i.label.clone())
                {
                    self.label_value(value, &format!("{parent}.{name}"));
                }
                match self.heap.get_mut(r) {
                    Obj::Instance(inst) => {
                        inst.set_attr(sym, value);
                        if shared {
                            self.heap.share(value);
                        }
                        return Ok(());
                    }
                    Obj::Function(f) => {
                        match f.attrs.iter_mut().find(|(s, _)| *s == sym) {
                            Some(slot) => slot.1 = value,
                            None => f.attrs.push((sym, value)),
                        }
                        return Ok(());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        let t = self.type_name(obj).to_string();
        self.raise(
            classes::ATTRIBUTE_ERROR,
            format!("'{t}' object has no attribute '{name}'"),
        )
    }

    pub fn del_attr(&mut self, obj: Value, sym: Sym) -> Result<(), Raised> {
        if let Some(inst) = obj.as_obj().and_then(|r| self.instance_mut(r))
            && inst.remove_attr(sym)
        {
            return Ok(());
        }
        let (t, name) = (self.type_name(obj).to_string(), self.program.sym(sym).to_string());
        self.raise(
            classes::ATTRIBUTE_ERROR,
            format!("'{t}' object has no attribute '{name}'"),
        )
    }

    /// Names an unnamed object after the variable or attribute it is first bound to, and
    /// the objects inside a list, tuple or dict bound to a name after their position.
    pub fn label_value(&mut self, value: Value, label: &str) {
        self.label_nested(value, label, 3);
    }

    /// Labels `value`, then (for a newly labelled instance or a container) what it holds,
    /// down to `depth` levels.
    fn label_nested(&mut self, value: Value, label: &str, depth: u32) {
        let Value::Obj(r) = value else { return };
        let children: Vec<(String, Value)> = match self.heap.get_mut(r) {
            Obj::Instance(inst) if inst.label.is_none() => {
                inst.label = Some(label.into());
                let attrs = inst.attrs.clone();
                attrs
                    .into_iter()
                    .map(|(s, v)| (format!("{label}.{}", self.program.sym(s)), v))
                    .collect()
            }
            Obj::List(items) => items
                .iter()
                .take(64)
                .enumerate()
                .map(|(i, v)| (format!("{label}[{i}]"), *v))
                .collect(),
            Obj::Tuple(items) => items
                .iter()
                .take(64)
                .enumerate()
                .map(|(i, v)| (format!("{label}[{i}]"), *v))
                .collect(),
            _ => return,
        };
        if depth > 0 {
            for (child_label, v) in children {
                self.label_nested(v, &child_label, depth - 1);
            }
        }
    }
}

/// What a module's attribute resolves to: a fixed value, or a global of the library's
/// Python.
#[derive(Clone, Copy, Debug)]
pub enum ModuleAttr {
    Fixed(Value),
    Library(crate::compile::GlobalId),
}
