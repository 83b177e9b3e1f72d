//! The state of one run: heap, globals, class namespaces, actors and the clock, plus the
//! helpers natives use (making strings, raising exceptions, naming types).
//!
//! A machine is built once per program and worker thread and reset between runs; the
//! constants it materialises at build time stay pinned in the heap, and runs after the
//! first start from its [`Checkpoint`].

use super::actor::{Actor, ActorId, Frame, FrameKind, MAIN};
use super::checkpoint::Checkpoint;
use super::classes;
use super::exceptions::{ExcState, Raised};
use super::heap::Heap;
use super::natives::{Registry, registry};
use super::object::{Instance, ListItems, Obj};
use super::state::State;
use super::sync::ThreadState;
use super::time::Time;
use super::value::{ObjRef, Value};
use crate::compile::{ClassId, Const, Program, Sym};

pub struct Machine<'p> {
    pub program: &'p Program,
    pub registry: &'static Registry,
    pub heap: Heap,
    /// The constant pool as values (strings pinned in the heap).
    pub consts: Vec<Value>,
    pub globals: Vec<Value>,
    /// Namespaces of Python-defined classes, by class id.
    pub class_attrs: Vec<Vec<(Sym, Value)>>,
    pub actors: Vec<Actor>,
    pub now: Time,
    /// What the program printed to stdout during the current step.
    pub out: String,
    /// What went to stderr during the current step (reports of uncaught exceptions).
    pub err: String,
    /// Python's counter for default thread names (`Thread-N`).
    pub thread_counter: u64,
    /// asyncio's counter for default task names (`Task-N`).
    pub task_counter: u64,
    /// Tasks created so far, named or not (each task's serial number).
    pub tasks_created: u64,
    /// Threads started by asyncio's default executor (`asyncio_N`).
    pub executor_threads: u64,
    /// The library's `_run_handle` (the loop calls it for every Python callback).
    run_handle: Option<crate::compile::GlobalId>,
    /// Source of waiter tokens for events and conditions.
    pub next_token: u64,
    /// Whether steps describe themselves for a trace.
    pub tracing: bool,
    /// The description of the current step's operation, when tracing.
    pub op: Option<super::events::Op>,
    /// Who woke whom, when tracing.
    pub wakes: super::wakes::Wakes,
    /// Actors whose thread ended with an uncaught exception, with the exception.
    pub thread_errors: Vec<(ActorId, Value)>,
    /// Per `LoadMethod` instruction (by flat instruction index): the class it last
    /// resolved a method for, the class namespaces' version then, and the method.
    pub method_cache: Vec<(ClassId, u32, Value)>,
    /// Bumped whenever a class namespace changes, invalidating `method_cache`.
    pub class_version: u32,
    /// `class_version` when the namespaces were last those of the checkpoint.
    pub(super) checkpoint_class_version: u32,
    /// Per attribute name: the module it was last read from and what it resolved to.
    pub module_attrs: Vec<Option<(super::value::Module, super::attr::ModuleAttr)>>,
    /// What `asyncio.Queue`'s native fast paths look up once.
    pub aio_queue: super::aio::queue::QueueCache,
    /// The loop methods `asyncio.sleep`'s native timer stands for.
    pub aio_sleep: Option<super::aio::sleep::SleepNames>,
    /// Which special methods each Python class defines, as native code asks.
    pub special: super::special_methods::SpecialMethods,
    /// Forced steps may be taken by the interpreter without going back to the step loop
    /// (the scheduler and the observer do not need to see them one by one).
    pub inline_ok: bool,
    /// Steps taken so far in the run: the step loop's current one and those taken in
    /// place since.
    pub steps: u64,
    /// Steps may be taken in place while `steps` is below this: the step limit, or
    /// `steps` itself when the current step must go back to the step loop.
    pub inline_until: u64,
    /// Non-daemon threads that have not ended: the run ends when it reaches zero.
    pub foreground: usize,
    /// An actor the scheduler already chose from inside the previous step.
    pub preselected: Option<ActorId>,
    /// The enabled list of a choice asked in place, when it is too long for the stack.
    pub enabled_many: Vec<ActorId>,
    /// Whether the other actors are enabled, cached during a step.
    pub others: super::others::Others,
    /// Whether steps note what they touch (while exploring), and what the current one did.
    pub recording: bool,
    pub footprint: super::footprint::Footprint,
    /// Numbers given to unnamed objects when a trace or report first shows them.
    anonymous: std::cell::RefCell<std::collections::HashMap<ObjRef, usize>>,
    /// Where the previous runs reached their first visible operation.
    pub(super) checkpoint: Option<Box<Checkpoint>>,
}

impl<'p> Machine<'p> {
    pub fn new(program: &'p Program) -> Machine<'p> {
        let mut heap = Heap::new();
        let mut consts = Vec::with_capacity(program.consts.len());
        for c in &program.consts {
            let v = match c {
                Const::None => Value::None,
                Const::Bool(b) => Value::Bool(*b),
                Const::Int(i) => Value::Int(*i),
                Const::Float(f) => Value::Float(*f),
                Const::Str(s) => Value::Obj(heap.alloc(Obj::Str(s.as_str().into()))),
                Const::Class(c) => Value::Class(*c),
                Const::Native(n) => Value::Native(*n),
                Const::Module(m) => Value::Module(*m),
                Const::Tuple(items) => {
                    let items: Vec<Value> = items.iter().map(|i| consts[i.index()]).collect();
                    Value::Obj(heap.alloc(Obj::Tuple(items.into())))
                }
            };
            heap.share(v);
            consts.push(v);
        }
        heap.pin_all();
        Machine {
            program,
            registry: registry(),
            heap,
            consts,
            globals: Vec::new(),
            class_attrs: Vec::new(),
            actors: Vec::new(),
            now: Time::ZERO,
            out: String::new(),
            err: String::new(),
            thread_counter: 0,
            task_counter: 0,
            tasks_created: 0,
            executor_threads: 0,
            run_handle: program.library.get("_run_handle").copied(),
            next_token: 0,
            tracing: false,
            op: None,
            wakes: Default::default(),
            thread_errors: Vec::new(),
            inline_ok: false,
            foreground: 0,
            preselected: None,
            enabled_many: Vec::new(),
            others: Default::default(),
            recording: false,
            footprint: Default::default(),
            anonymous: Default::default(),
            checkpoint: None,
            steps: 0,
            inline_until: 0,
            method_cache: vec![
                (ClassId(u32::MAX), 0, Value::None);
                program.code_base.last().copied().unwrap_or(0) as usize
            ],
            class_version: 0,
            checkpoint_class_version: u32::MAX,
            module_attrs: Vec::new(),
            aio_queue: super::aio::queue::QueueCache::new(program),
            aio_sleep: super::aio::sleep::SleepNames::find(program),
            special: super::special_methods::SpecialMethods::find(program),
        }
    }

    /// Clears the previous run and sets up the main thread at the start of the program.
    pub fn reset(&mut self) {
        self.checkpoint = None;
        self.heap.reset();
        self.globals.clear();
        self.globals.resize(self.program.globals.len(), Value::Unset);
        self.class_attrs.clear();
        self.class_attrs.resize(self.program.classes.len(), Vec::new());
        self.actors.clear();
        self.others.invalidate();
        self.now = Time::ZERO;
        self.out.clear();
        self.err.clear();
        self.thread_counter = 0;
        self.task_counter = 0;
        self.tasks_created = 0;
        self.executor_threads = 0;
        self.next_token = 0;
        self.op = None;
        self.wakes.clear();
        self.thread_errors.clear();
        self.anonymous.borrow_mut().clear();
        self.class_version += 1;
        self.preselected = None;
        self.steps = 0;
        self.inline_until = 0;
        let name = self.str_value("MainThread");
        let thread = self.alloc_instance(classes::THREAD, Some(State::Thread(ThreadState::main(name))));
        self.heap.share(Value::Obj(thread));
        let mut main = Actor::new(thread, "main".to_string(), false);
        let code = self.program.code(self.program.init);
        main.stack.push(Value::None);
        main.stack.resize(1 + code.nlocals as usize, Value::Unset);
        main.frames.push(Frame {
            code: self.program.init,
            pc: 0,
            base: 1,
            kind: FrameKind::Root,
        });
        if let Some(State::Thread(t)) = self.state_mut(thread) {
            t.actor = Some(MAIN);
            t.started = true;
        }
        self.actors.push(main);
        self.foreground = 1;
    }

    /// The library's `_run_handle` function.
    pub fn run_handle(&self) -> Value {
        self.run_handle.map_or(Value::None, |g| self.globals[g.index()])
    }

    pub fn token(&mut self) -> u64 {
        self.next_token += 1;
        self.next_token
    }

    // ----- making values -----

    pub fn str_value(&mut self, s: &str) -> Value {
        Value::Obj(self.heap.alloc(Obj::Str(s.into())))
    }

    pub fn string_value(&mut self, s: String) -> Value {
        Value::Obj(self.heap.alloc(Obj::Str(s.into_boxed_str())))
    }

    pub fn list_value(&mut self, items: Vec<Value>) -> Value {
        Value::Obj(self.heap.alloc(Obj::List(ListItems::from_vec(items))))
    }

    pub fn tuple_value(&mut self, items: Vec<Value>) -> Value {
        Value::Obj(self.heap.alloc(Obj::Tuple(items.into_boxed_slice())))
    }

    pub fn alloc_instance(&mut self, class: ClassId, state: Option<State>) -> ObjRef {
        let state = state.map(|s| self.heap.boxed_state(s));
        self.heap.alloc(Obj::Instance(Instance::new(class, state)))
    }

    // ----- reading values -----

    /// The text of a str value.
    pub fn as_str(&self, v: Value) -> Option<&str> {
        v.as_obj().and_then(|r| self.heap.str(r))
    }

    #[inline]
    pub fn instance(&self, r: ObjRef) -> Option<&Instance> {
        match self.heap.get(r) {
            Obj::Instance(i) => Some(i),
            _ => None,
        }
    }

    #[inline]
    pub fn instance_mut(&mut self, r: ObjRef) -> Option<&mut Instance> {
        match self.heap.get_mut(r) {
            Obj::Instance(i) => Some(i),
            _ => None,
        }
    }

    #[inline]
    pub fn state(&self, r: ObjRef) -> Option<&State> {
        self.instance(r).and_then(|i| i.state.as_deref())
    }

    #[inline]
    pub fn state_mut(&mut self, r: ObjRef) -> Option<&mut State> {
        self.instance_mut(r).and_then(|i| i.state.as_deref_mut())
    }

    /// The elements of a list or tuple.
    pub fn seq_items(&self, v: Value) -> Option<&[Value]> {
        match self.heap.get(v.as_obj()?) {
            Obj::List(items) => Some(items),
            Obj::Tuple(items) => Some(items),
            _ => None,
        }
    }

    // ----- types -----

    pub fn type_of(&self, v: Value) -> ClassId {
        match v {
            Value::Unset | Value::None => classes::NONE,
            Value::Bool(_) => classes::BOOL,
            Value::Int(_) => classes::INT,
            Value::Float(_) => classes::FLOAT,
            Value::Class(_) => classes::TYPE,
            Value::Native(_) => classes::BUILTIN_FUNCTION,
            Value::Module(_) => classes::MODULE,
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Str(_) => classes::STR,
                Obj::List(_) => classes::LIST,
                Obj::Tuple(_) => classes::TUPLE,
                Obj::Dict(_) => classes::DICT,
                Obj::Set(_) => classes::SET,
                Obj::Range(_) => classes::RANGE,
                Obj::Slice(_) => classes::SLICE,
                Obj::Iter(_) => classes::ITERATOR,
                Obj::Function(_) => classes::FUNCTION,
                Obj::BoundMethod { .. } => classes::METHOD,
                Obj::Cell(_) => classes::CELL,
                Obj::Instance(i) => i.class,
                Obj::Generator(g) => match g.kind {
                    super::object::GenKind::Generator => classes::GENERATOR,
                    super::object::GenKind::Coroutine => classes::COROUTINE,
                },
                Obj::Super { .. } => classes::SUPER,
                Obj::Free => classes::NONE,
            },
        }
    }

    pub fn class_name(&self, c: ClassId) -> &str {
        &self.program.class(c).name
    }

    pub fn type_name(&self, v: Value) -> &str {
        self.class_name(self.type_of(v))
    }

    pub fn is_instance(&self, v: Value, class: ClassId) -> bool {
        self.program.is_subclass(self.type_of(v), class)
    }

    // ----- exceptions -----

    /// A new exception of `class` with one string argument (or none when `msg` is empty).
    pub fn exception(&mut self, class: ClassId, msg: impl Into<String>) -> Raised {
        let msg = msg.into();
        let args = if msg.is_empty() {
            Vec::new()
        } else {
            vec![self.string_value(msg)]
        };
        Raised(self.new_exception(class, args))
    }

    /// `Err` of [`Machine::exception`], for natives.
    pub fn raise<T>(&mut self, class: ClassId, msg: impl Into<String>) -> Result<T, Raised> {
        Err(self.exception(class, msg))
    }

    pub fn new_exception(&mut self, class: ClassId, args: Vec<Value>) -> Value {
        let args = self.tuple_value(args);
        Value::Obj(self.alloc_instance(class, Some(State::Exception(ExcState::new(args)))))
    }

    pub fn type_error<T>(&mut self, msg: impl Into<String>) -> Result<T, Raised> {
        self.raise(classes::TYPE_ERROR, msg)
    }

    pub fn value_error<T>(&mut self, msg: impl Into<String>) -> Result<T, Raised> {
        self.raise(classes::VALUE_ERROR, msg)
    }

    /// A formatting error from [`crate::pyfmt`]: `MemoryError` when its message says so,
    /// `ValueError` otherwise.
    pub fn format_error<T>(&mut self, msg: String) -> Result<T, Raised> {
        match msg.strip_prefix("MemoryError: ") {
            Some(rest) => self.raise(classes::MEMORY_ERROR, rest),
            None => self.raise(classes::VALUE_ERROR, msg),
        }
    }

    // ----- threads -----

    pub fn thread_state(&self, r: ObjRef) -> Option<&ThreadState> {
        match self.state(r) {
            Some(State::Thread(t)) => Some(t),
            _ => None,
        }
    }

    pub fn thread_state_mut(&mut self, r: ObjRef) -> Option<&mut ThreadState> {
        match self.state_mut(r) {
            Some(State::Thread(t)) => Some(t),
            _ => None,
        }
    }

    /// `list#2`: how traces name an object that was never bound to a name, numbered by
    /// first appearance so that labels do not depend on where the heap put it.
    pub fn anonymous_label(&self, r: ObjRef) -> String {
        let mut numbers = self.anonymous.borrow_mut();
        let next = numbers.len() + 1;
        let n = *numbers.entry(r).or_insert(next);
        format!("{}#{n}", self.type_name(Value::Obj(r)))
    }

    /// The number [`Machine::anonymous_label`] gave `r`, if it gave it one already.
    pub fn known_anonymous_label(&self, r: ObjRef) -> Option<String> {
        let n = *self.anonymous.borrow().get(&r)?;
        Some(format!("{}#{n}", self.type_name(Value::Obj(r))))
    }

    /// The numbers given so far by [`Machine::anonymous_label`].
    pub(super) fn anonymous_numbers(&self) -> std::collections::HashMap<ObjRef, usize> {
        self.anonymous.borrow().clone()
    }

    /// [`Machine::anonymous_numbers`], into a map whose room is reused.
    pub(super) fn anonymous_numbers_into(&self, into: &mut std::collections::HashMap<ObjRef, usize>) {
        into.clone_from(&self.anonymous.borrow());
    }

    /// Sets the numbers [`Machine::anonymous_label`] has given.
    pub(super) fn set_anonymous(&mut self, numbers: &std::collections::HashMap<ObjRef, usize>) {
        self.anonymous.get_mut().clone_from(numbers);
    }

    /// The label of an actor in traces and reports.
    pub fn label(&self, actor: ActorId) -> &str {
        &self.actors[actor].label
    }

    // ----- collection -----

    /// Collects garbage if enough was allocated; `extra` are roots held outside the machine
    /// (the running actor's stack while it executes).
    pub fn maybe_collect(&mut self, extra: &[Value]) {
        if !self.heap.wants_collect() {
            return;
        }
        let mut roots: Vec<Value> = Vec::new();
        roots.extend_from_slice(extra);
        roots.extend_from_slice(&self.consts);
        roots.extend_from_slice(&self.globals);
        for attrs in &self.class_attrs {
            roots.extend(attrs.iter().map(|(_, v)| *v));
        }
        for actor in &self.actors {
            actor.for_each_root(&mut |v| roots.push(v));
        }
        for (_, exc) in &self.thread_errors {
            roots.push(*exc);
        }
        self.heap.collect(&roots);
        self.anonymous
            .borrow_mut()
            .retain(|r, _| !matches!(self.heap.get(*r), Obj::Free));
    }
}
