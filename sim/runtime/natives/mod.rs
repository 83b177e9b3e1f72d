//! Functions and methods implemented in Rust, and the registry that names them.
//!
//! A native is a leaf: it never calls back into Python code (built-ins that must, such as
//! `Timer.run` or `Condition.wait_for`, are written in the library's Python source). It
//! declares its parameters so the machine binds arguments the way Python does, whether
//! calling it is a visible step, and, for blocking operations, the condition it waits for.

mod builtins;
mod containers;
mod conversions;
mod generators;
mod string_format;
mod string_queries;
mod strings;
mod time;

use std::collections::HashMap;
use std::sync::OnceLock;

use super::classes;
use super::machine::Machine;
use super::pending::Wait;
use super::value::{Module, Value};
use crate::compile::{ClassId, NativeId};

pub use super::exceptions::Raised;

/// What a native call produced.
pub enum Flow {
    Return(Value),
    /// The call waits; the actor parks until the wait ends, then
    /// [`super::sync::finish`] gives the call's result.
    Block(Block),
    /// The call continues as a call of a Python function (a library fallback, or a
    /// thread's target): its result is the call's result.
    TailCall {
        func: Value,
        args: TailArgs,
    },
    /// The call continues by resuming a task's coroutine (an asyncio task step); when the
    /// coroutine yields, returns or raises, the task takes the outcome and the call
    /// returns `True`.
    Resume {
        coro: super::value::ObjRef,
        throw: Option<Value>,
        task: super::value::ObjRef,
    },
}

/// A wait a native call entered.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub wait: Wait,
    pub deadline: Option<super::time::Time>,
}

/// Arguments of a tail call.
pub enum TailArgs {
    Positional(Vec<Value>),
    /// `*args, **kwargs` from a tuple and a dict.
    Unpack {
        args: Value,
        kwargs: Value,
    },
}

pub type NativeResult = Result<Flow, Raised>;

/// The arguments of a native call, bound to its parameters.
pub struct Call<'a> {
    pub actor: usize,
    /// The receiver of a method (`self`), or `None` for a function.
    pub recv: Value,
    /// One value per declared parameter (defaults filled in).
    pub args: &'a [Value],
    /// Extra positional arguments, when the native takes `*args`.
    pub rest: &'a [Value],
    /// Extra keyword arguments (name as a str value, value), when the native takes
    /// `**kwargs`.
    pub kwargs: &'a [(Value, Value)],
    /// For a blocking native: the wait ended by its timeout rather than its condition.
    pub timed_out: bool,
}

impl Call<'_> {
    pub fn arg(&self, i: usize) -> Value {
        self.args[i]
    }
}

pub type CallFn = fn(&mut Machine, &Call) -> NativeResult;
/// For a blocking native, run when the actor reaches the call (before it is a step): the
/// condition the call needs (checked anew before every step; the actor is enabled while
/// it holds) and its timeout in seconds. `None`: the call never waits (non-blocking, or a
/// bad argument it will fail on).
pub type WaitFn = fn(&Machine, &Call) -> Option<(Wait, Option<f64>)>;

/// Whether calling a native is a visible operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Local computation.
    Pure,
    /// Always a step (synchronisation objects, threads, printing, the clock's sleep).
    Step,
    /// A step when the receiver is shared between threads (methods of lists and dicts).
    Data,
}

/// A parameter's default value.
#[derive(Clone, Copy, Debug)]
pub enum Default {
    Required,
    /// Optional without a default: the native sees `Value::Unset` (CPython's sentinel).
    Absent,
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Param {
    pub name: &'static str,
    pub default: Default,
    /// Keyword-only (after `*` in the Python signature).
    pub kwonly: bool,
}

pub const fn req(name: &'static str) -> Param {
    Param {
        name,
        default: Default::Required,
        kwonly: false,
    }
}

pub const fn opt(name: &'static str, default: Default) -> Param {
    Param {
        name,
        default,
        kwonly: false,
    }
}

pub const fn kw(name: &'static str, default: Default) -> Param {
    Param {
        name,
        default,
        kwonly: true,
    }
}

pub struct NativeDef {
    pub name: &'static str,
    pub params: &'static [Param],
    /// Accepts extra positional arguments (`*args`).
    pub varargs: bool,
    /// Accepts extra keyword arguments (`**kwargs`).
    pub kwargs: bool,
    pub effect: Effect,
    pub wait: Option<WaitFn>,
    pub call: CallFn,
}

impl NativeDef {
    pub const fn new(name: &'static str, params: &'static [Param], effect: Effect, call: CallFn) -> NativeDef {
        NativeDef {
            name,
            params,
            varargs: false,
            kwargs: false,
            effect,
            wait: None,
            call,
        }
    }

    pub const fn varargs(mut self) -> NativeDef {
        self.varargs = true;
        self
    }

    pub const fn kwargs(mut self) -> NativeDef {
        self.kwargs = true;
        self
    }

    pub const fn waits(mut self, wait: WaitFn) -> NativeDef {
        self.wait = Some(wait);
        self
    }

    pub fn positional(&self) -> usize {
        self.params.iter().filter(|p| !p.kwonly).count()
    }
}

/// Where a name is looked up: the built-in namespace or a module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    Builtins,
    Module(Module),
}

/// What a built-in name refers to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Export {
    Native(NativeId),
    Class(ClassId),
    Module(Module),
    /// A module-level name of the library's Python source.
    Library(&'static str),
    Float(f64),
}

pub struct Registry {
    natives: Vec<&'static NativeDef>,
    exports: HashMap<(Namespace, &'static str), Export>,
    /// Methods of each built-in class, by class id.
    methods: Vec<Vec<(&'static str, NativeId)>>,
    /// Qualified name of each native (`list.append`, `print`), for messages.
    qualnames: Vec<String>,
    /// The class each native method belongs to.
    owners: Vec<Option<ClassId>>,
    /// Natives the interpreter intercepts.
    pub special: Special,
}

/// Natives the interpreter runs itself because they resume generator frames.
#[derive(Default)]
pub struct Special {
    pub next: NativeId,
    pub gen_next: NativeId,
    pub gen_send: NativeId,
    pub gen_throw: NativeId,
    pub gen_close: NativeId,
    pub coro_send: NativeId,
    pub coro_throw: NativeId,
    pub coro_close: NativeId,
    /// asyncio callbacks the loop runs natively.
    pub set_result_unless_cancelled: NativeId,
    pub run_until_complete_cb: NativeId,
}

impl Special {
    pub fn contains(&self, id: NativeId) -> bool {
        [
            self.next,
            self.gen_next,
            self.gen_send,
            self.gen_throw,
            self.gen_close,
            self.coro_send,
            self.coro_throw,
            self.coro_close,
        ]
        .contains(&id)
    }

    pub fn is_send(&self, id: NativeId) -> bool {
        id == self.gen_send || id == self.coro_send
    }

    pub fn is_throw(&self, id: NativeId) -> bool {
        id == self.gen_throw || id == self.coro_throw
    }

    pub fn is_close(&self, id: NativeId) -> bool {
        id == self.gen_close || id == self.coro_close
    }
}

/// Natives exported by a namespace.
type FunctionTable = (Namespace, &'static [NativeDef]);
/// Native methods of a built-in class.
type MethodTable = (ClassId, &'static [NativeDef]);

/// Everything natively implemented, by namespace or class.
fn tables() -> (Vec<FunctionTable>, Vec<MethodTable>) {
    let functions = vec![
        (Namespace::Builtins, builtins::FUNCTIONS),
        (Namespace::Builtins, conversions::FUNCTIONS),
        (Namespace::Module(Module::Time), time::FUNCTIONS),
        (Namespace::Module(Module::Threading), super::sync::FUNCTIONS),
        (Namespace::Module(Module::Math), builtins::MATH),
        (Namespace::Module(Module::Inspect), generators::INSPECT),
        (Namespace::Module(Module::Asyncio), super::aio::FUNCTIONS),
        (Namespace::Module(Module::Asyncio), super::aio::queue::FUNCTIONS),
        (Namespace::Module(Module::Asyncio), super::aio::sleep::FUNCTIONS),
    ];
    let mut methods = vec![];
    methods.extend(conversions::CONSTRUCTORS.iter().copied());
    methods.extend(containers::METHODS.iter().copied());
    methods.extend(strings::METHODS.iter().copied());
    methods.extend(super::exceptions::METHODS.iter().copied());
    methods.extend(super::sync::METHODS.iter().copied());
    methods.extend(generators::METHODS.iter().copied());
    methods.extend(super::aio::METHODS.iter().copied());
    (functions, methods)
}

/// Classes and modules reachable by name.
fn class_exports() -> Vec<(Namespace, &'static str, Export)> {
    use Namespace::*;
    let mut out = Vec::new();
    for (i, (name, module, _)) in classes::BUILTIN.iter().enumerate() {
        let class = Export::Class(ClassId(i as u32));
        match *module {
            "builtins" => out.push((Builtins, *name, class)),
            "threading" | "_thread" => {
                let exported = match *name {
                    "lock" => "Lock",
                    other => other,
                };
                out.push((Module(super::value::Module::Threading), exported, class));
                out.push((Builtins, exported, class));
            }
            "queue" | "_queue" => {
                out.push((Module(super::value::Module::Queue), *name, class));
                if !matches!(*name, "Empty" | "Full") {
                    out.push((Builtins, *name, class));
                }
            }
            "_asyncio"
            | "asyncio.tasks"
            | "asyncio.unix_events"
            | "asyncio.events"
            | "asyncio.exceptions"
            | "asyncio.queues" => {
                let exported = match *name {
                    "_UnixSelectorEventLoop" => "AbstractEventLoop",
                    other => other,
                };
                out.push((Module(super::value::Module::Asyncio), exported, class));
            }
            _ => {}
        }
    }
    out.push((
        Module(super::value::Module::Asyncio),
        "TimeoutError",
        Export::Class(classes::TIMEOUT_ERROR),
    ));
    for (exported, library) in super::aio::LIBRARY_EXPORTS {
        out.push((
            Module(super::value::Module::Asyncio),
            *exported,
            Export::Library(library),
        ));
    }
    for m in super::value::Module::ALL {
        out.push((Builtins, m.name(), Export::Module(m)));
    }
    out.push((
        Module(super::value::Module::Threading),
        "Timer",
        Export::Library("Timer"),
    ));
    out.push((
        Module(super::value::Module::Functools),
        "wraps",
        Export::Library("_wraps"),
    ));
    out.push((Builtins, "Timer", Export::Library("Timer")));
    out.push((Builtins, "NotImplemented", Export::Library("NotImplemented")));
    out.push((
        Module(super::value::Module::Math),
        "pi",
        Export::Float(std::f64::consts::PI),
    ));
    out.push((
        Module(super::value::Module::Math),
        "e",
        Export::Float(std::f64::consts::E),
    ));
    out.push((Module(super::value::Module::Math), "inf", Export::Float(f64::INFINITY)));
    out
}

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let (functions, class_methods) = tables();
        let mut reg = Registry {
            natives: Vec::new(),
            exports: HashMap::new(),
            methods: vec![Vec::new(); classes::COUNT as usize],
            qualnames: Vec::new(),
            owners: Vec::new(),
            special: Special::default(),
        };
        for (ns, defs) in functions {
            for def in defs {
                let id = reg.add(def, def.name.to_string(), None);
                reg.exports.insert((ns, def.name), Export::Native(id));
            }
        }
        for (class, defs) in class_methods {
            for def in defs {
                let qual = format!("{}.{}", classes::BUILTIN[class.index()].0, def.name);
                let id = reg.add(def, qual, Some(class));
                reg.methods[class.index()].push((def.name, id));
            }
        }
        for (ns, name, export) in class_exports() {
            reg.exports.insert((ns, name), export);
        }
        let find = |class, name| reg.method(class, name).expect("generator method");
        let asyncio = |name| match reg.exports[&(Namespace::Module(Module::Asyncio), name)] {
            Export::Native(id) => id,
            _ => unreachable!("an asyncio native"),
        };
        reg.special = Special {
            next: match reg.exports[&(Namespace::Builtins, "next")] {
                Export::Native(id) => id,
                _ => unreachable!("next is a native"),
            },
            gen_next: find(classes::GENERATOR, "__next__"),
            gen_send: find(classes::GENERATOR, "send"),
            gen_throw: find(classes::GENERATOR, "throw"),
            gen_close: find(classes::GENERATOR, "close"),
            coro_send: find(classes::COROUTINE, "send"),
            coro_throw: find(classes::COROUTINE, "throw"),
            coro_close: find(classes::COROUTINE, "close"),
            set_result_unless_cancelled: asyncio("_set_result_unless_cancelled"),
            run_until_complete_cb: asyncio("_run_until_complete_cb"),
        };
        reg
    })
}

impl Registry {
    fn add(&mut self, def: &'static NativeDef, qualname: String, owner: Option<ClassId>) -> NativeId {
        self.natives.push(def);
        self.qualnames.push(qualname);
        self.owners.push(owner);
        NativeId(self.natives.len() as u32 - 1)
    }

    pub fn def(&self, id: NativeId) -> &'static NativeDef {
        self.natives[id.index()]
    }

    pub fn qualname(&self, id: NativeId) -> &str {
        &self.qualnames[id.index()]
    }

    pub fn owner(&self, id: NativeId) -> Option<ClassId> {
        self.owners[id.index()]
    }

    pub fn export(&self, ns: Namespace, name: &str) -> Option<Export> {
        self.exports.get(&(ns, name)).copied()
    }

    /// Names exported by a namespace, sorted, for messages.
    pub fn names(&self, ns: Namespace) -> Vec<&'static str> {
        let mut names: Vec<&str> = self
            .exports
            .keys()
            .filter(|(n, _)| *n == ns)
            .map(|(_, name)| *name)
            .collect();
        names.sort_unstable();
        names
    }

    /// The native method `name` defined directly on built-in class `class`.
    pub fn method(&self, class: ClassId, name: &str) -> Option<NativeId> {
        self.methods
            .get(class.index())?
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| *id)
    }

    pub fn methods_of(&self, class: ClassId) -> &[(&'static str, NativeId)] {
        self.methods.get(class.index()).map_or(&[], Vec::as_slice)
    }
}
