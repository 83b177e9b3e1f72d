//! `str()`, `repr()` and `ascii()` of values, byte for byte as CPython 3.11 prints them,
//! except that where CPython prints a memory address sim prints the object's label, which
//! is stable from run to run.

use super::classes;
use super::exceptions::Raised;
use super::machine::Machine;
use super::object::{GenKind, Obj};
use super::state::State;
use super::value::{ObjRef, Value};
use crate::pyfmt;

impl Machine<'_> {
    /// `str(v)`.
    pub fn display(&mut self, v: Value) -> Result<String, Raised> {
        if let Some(s) = self.as_str(v) {
            return Ok(s.to_string());
        }
        if let Value::Obj(r) = v
            && let Some(State::Exception(_)) = self.state(r)
        {
            return Ok(self.exception_message(r));
        }
        self.repr(v)
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: Value) -> Result<String, Raised> {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.write_repr(v, &mut out, &mut seen);
        Ok(out)
    }

    /// `ascii(v)`: `repr(v)` with every non-ASCII character escaped (`\xe9`, `\u4e2d`,
    /// `\U0001f600`).
    pub fn ascii(&mut self, v: Value) -> Result<String, Raised> {
        let repr = self.repr(v)?;
        Ok(pyfmt::ascii_escape(&repr))
    }

    fn write_repr(&self, v: Value, out: &mut String, seen: &mut Vec<ObjRef>) {
        match v {
            Value::Unset | Value::None => out.push_str("None"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&pyfmt::float_repr(f)),
            Value::Class(c) => {
                let info = self.program.class(c);
                if info.module == "builtins" {
                    out.push_str(&format!("<class '{}'>", info.name));
                } else {
                    out.push_str(&format!("<class '{}.{}'>", info.module, info.name));
                }
            }
            Value::Native(n) => {
                let name = self.registry.def(n).name;
                match self.registry.owner(n) {
                    Some(c) => out.push_str(&format!("<method '{name}' of '{}' objects>", self.class_name(c))),
                    None => out.push_str(&format!("<built-in function {name}>")),
                }
            }
            Value::Module(m) => out.push_str(&format!("<module '{}'>", m.name())),
            Value::Obj(r) => self.write_obj_repr(r, out, seen),
        }
    }

    fn write_obj_repr(&self, r: ObjRef, out: &mut String, seen: &mut Vec<ObjRef>) {
        let container = matches!(
            self.heap.get(r),
            Obj::List(_) | Obj::Tuple(_) | Obj::Dict(_) | Obj::Set(_)
        );
        if container && seen.contains(&r) {
            out.push_str(match self.heap.get(r) {
                Obj::Dict(_) => "{...}",
                _ => "[...]",
            });
            return;
        }
        if container {
            seen.push(r);
        }
        match self.heap.get(r) {
            Obj::Free => out.push_str("<freed>"),
            Obj::Str(s) => out.push_str(&pyfmt::str_repr(s)),
            Obj::List(items) => self.write_items("[", items, "]", out, seen),
            Obj::Tuple(items) if items.len() == 1 => self.write_items("(", items, ",)", out, seen),
            Obj::Tuple(items) => self.write_items("(", items, ")", out, seen),
            Obj::Set(d) if d.is_empty() => out.push_str("set()"),
            Obj::Set(d) => {
                let keys: Vec<Value> = d.entries().map(|(k, _)| k).collect();
                self.write_items("{", &keys, "}", out, seen);
            }
            Obj::Dict(d) => {
                out.push('{');
                for (i, (k, v)) in d.entries().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_repr(k, out, seen);
                    out.push_str(": ");
                    self.write_repr(v, out, seen);
                }
                out.push('}');
            }
            Obj::Range(range) => {
                if range.step == 1 {
                    out.push_str(&format!("range({}, {})", range.start, range.stop));
                } else {
                    out.push_str(&format!("range({}, {}, {})", range.start, range.stop, range.step));
                }
            }
            Obj::Slice(parts) => {
                out.push_str("slice(");
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_repr(*p, out, seen);
                }
                out.push(')');
            }
            Obj::Iter(_) => out.push_str(&format!("<{} object>", self.anonymous_label(r))),
            Obj::Function(f) => {
                let code = self.program.code(f.code);
                out.push_str(&format!("<function {}>", code.qualname));
            }
            Obj::BoundMethod { recv, func } => {
                let name = self.callable_name(*func).unwrap_or_else(|| "?".into());
                let mut recv_text = String::new();
                self.write_repr(*recv, &mut recv_text, seen);
                let owner = self.type_name(*recv).to_string();
                out.push_str(&format!("<bound method {owner}.{name} of {recv_text}>"));
            }
            Obj::Cell(_) => out.push_str("<cell>"),
            Obj::Super { class, .. } => out.push_str(&format!("<super: <class '{}'>>", self.class_name(*class))),
            Obj::Generator(g) => {
                let code = self.program.code(g.code);
                let kind = match g.kind {
                    GenKind::Generator => "generator",
                    GenKind::Coroutine => "coroutine",
                };
                out.push_str(&format!("<{kind} object {}>", code.qualname));
            }
            Obj::Instance(_) => out.push_str(&self.instance_repr(r)),
        }
        if container {
            seen.pop();
        }
    }

    fn write_items(&self, open: &str, items: &[Value], close: &str, out: &mut String, seen: &mut Vec<ObjRef>) {
        out.push_str(open);
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.write_repr(*v, out, seen);
        }
        out.push_str(close);
    }

    /// `repr(v)` for a part of another object's repr.
    fn short_repr(&self, v: Value) -> String {
        let mut s = String::new();
        self.write_repr(v, &mut s, &mut Vec::new());
        s
    }

    /// CPython's repr of instances, with the object's label where CPython has an address.
    fn instance_repr(&self, r: ObjRef) -> String {
        let inst = self.instance(r).expect("instance");
        let class = inst.class;
        let name = self.class_name(class).to_string();
        let label = super::sync::object_label(self, r);
        match inst.state.as_deref() {
            Some(State::Exception(e)) => {
                let args = self.seq_items(e.args).unwrap_or(&[]).to_vec();
                let mut text = format!("{name}(");
                let mut seen = Vec::new();
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        text.push_str(", ");
                    }
                    self.write_repr(*a, &mut text, &mut seen);
                }
                text.push(')');
                text
            }
            Some(State::Thread(t)) => {
                let status = if t.finished {
                    "stopped"
                } else if t.started {
                    "started"
                } else {
                    "initial"
                };
                let daemon = if t.daemon { " daemon" } else { "" };
                let ident = match t.actor {
                    Some(a) if t.started => format!(" {}", a + 1),
                    _ => String::new(),
                };
                let tname = self.as_str(t.name).unwrap_or("?");
                format!("<{name}({tname}, {status}{daemon}{ident})>")
            }
            Some(State::Lock(l)) => {
                let state = if l.locked { "locked" } else { "unlocked" };
                format!("<{state} _thread.lock object {label}>")
            }
            Some(State::RLock(l)) => {
                let state = if l.owner.is_some() { "locked" } else { "unlocked" };
                let owner = l.owner.map_or(0, |a| a + 1);
                format!("<{state} _thread.RLock object owner={owner} count={} {label}>", l.count)
            }
            Some(State::Event(e)) => format!("<threading.Event {label}: {}>", if e.flag { "set" } else { "unset" }),
            Some(State::Semaphore(s)) => format!("<threading.{name} {label}: value={}>", s.value),
            Some(State::Queue(_)) => format!("<queue.{name} object {label}>"),
            Some(State::Condition(_)) | Some(State::Barrier(_)) => format!("<threading.{name} {label}>"),
            Some(State::Future(_)) => super::aio::future::repr(self, r, &|v| self.short_repr(v)),
            Some(State::Handle(_)) => super::aio::handle::repr(self, r, &|v| self.short_repr(v)),
            Some(State::Loop(_)) => super::aio::event_loop::repr(self, r),
            None => {
                let module = &self.program.class(class).module;
                format!("<{module}.{name} object {label}>")
            }
        }
    }

    /// `str(exception)`: its single argument, its arguments as a tuple, or empty; a
    /// `KeyError` shows its key's repr.
    pub fn exception_message(&self, r: ObjRef) -> String {
        let Some(State::Exception(e)) = self.state(r) else {
            return String::new();
        };
        let args = self.seq_items(e.args).unwrap_or(&[]).to_vec();
        let mut out = String::new();
        let mut seen = Vec::new();
        if self.is_instance(Value::Obj(r), classes::BASE_EXCEPTION_GROUP)
            && let [message, exceptions] = args.as_slice()
        {
            let n = self.seq_items(*exceptions).map_or(0, <[Value]>::len);
            let s = if n == 1 { "" } else { "s" };
            return format!("{} ({n} sub-exception{s})", self.as_str(*message).unwrap_or(""));
        }
        match args.as_slice() {
            [] => {}
            [one]
                if self
                    .program
                    .is_subclass(self.type_of(Value::Obj(r)), classes::KEY_ERROR) =>
            {
                self.write_repr(*one, &mut out, &mut seen);
            }
            [one] => match self.as_str(*one) {
                Some(s) => out.push_str(s),
                None => self.write_repr(*one, &mut out, &mut seen),
            },
            many => self.write_items("(", many, ")", &mut out, &mut seen),
        }
        out
    }

    /// The `__name__` of a function, method, class or native, if it has one.
    pub fn callable_name(&self, v: Value) -> Option<String> {
        match v {
            Value::Class(c) => Some(self.class_name(c).to_string()),
            Value::Native(n) => Some(self.registry.def(n).name.to_string()),
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Function(f) => {
                    let renamed = f
                        .attrs
                        .iter()
                        .find(|(s, _)| self.program.sym(*s) == "__name__")
                        .map(|(_, v)| *v);
                    match renamed.and_then(|v| self.as_str(v)) {
                        Some(name) => Some(name.to_string()),
                        None => Some(self.program.code(f.code).name.clone()),
                    }
                }
                Obj::BoundMethod { func, .. } => self.callable_name(*func),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Machine<'_> {
    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: Value, spec: &str) -> Result<String, Raised> {
        use crate::pyfmt;
        let parsed = match pyfmt::parse_format_spec(spec) {
            Ok(p) => p,
            Err(msg) => return self.format_error(msg),
        };
        let result = match v {
            Value::Bool(_) if spec.is_empty() => return self.display(v),
            Value::Int(i) => pyfmt::format_int(i, &parsed),
            Value::Bool(b) => pyfmt::format_int(b as i64, &parsed),
            Value::Float(f) => pyfmt::format_float(f, &parsed),
            v if self.as_str(v).is_some() => {
                let s = self.as_str(v).expect("str").to_string();
                pyfmt::format_str(&s, &parsed)
            }
            v if spec.is_empty() => return self.display(v),
            v => {
                let t = self.type_name(v).to_string();
                return self.type_error(format!("unsupported format string passed to {t}.__format__"));
            }
        };
        result.or_else(|msg| self.format_error(msg))
    }
}
