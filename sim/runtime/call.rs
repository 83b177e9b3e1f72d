//! Calls: binding arguments to parameters as Python does (positional, keyword, defaults,
//! `*args`, `**kwargs`, with CPython's error messages), and dispatching on what is called
//! (a Python function, a native, a class, a bound method).

use super::actor::{Frame, FrameKind};
use super::classes;
use super::exceptions::Raised;
use super::exec::{Exec, Next, Stop};
use super::machine::Machine;
use super::natives::{Call, Default, Flow, NativeDef, TailArgs};
use super::object::{Function, GenKind, GenState, Generator, Obj};
use super::value::{ObjRef, Value};
use crate::compile::{ClassId, CodeKind, NativeId, sym};

/// Where a call's operands sit on the stack: the called object at `func`, then `npos`
/// positional arguments, then the values of the keyword arguments named by `kwnames`.
#[derive(Clone, Copy)]
pub struct Site {
    pub func: usize,
    pub npos: usize,
    /// A tuple of str values, or `None`.
    pub kwnames: Option<Value>,
}

/// The most native parameters any native declares.
pub const MAX_PARAMS: usize = 8;

/// Frames deeper than this raise `RecursionError`, as CPython's default limit does.
const MAX_DEPTH: usize = 1000;

impl Exec<'_, '_, '_> {
    fn kwnames(&self, site: Site) -> Vec<Value> {
        match site.kwnames {
            Some(t) => self.m.seq_items(t).map(<[Value]>::to_vec).unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// Positional values and (name, value) keyword pairs of a call.
    fn arguments(&self, site: Site) -> (Vec<Value>, Vec<(Value, Value)>) {
        let names = self.kwnames(site);
        let start = site.func + 1;
        let positional = self.stack[start..start + site.npos].to_vec();
        let kw_start = start + site.npos;
        let kwargs = names
            .iter()
            .zip(&self.stack[kw_start..])
            .map(|(n, v)| (*n, *v))
            .collect();
        (positional, kwargs)
    }

    #[inline(never)]
    pub fn call(&mut self, site: Site) -> Result<Next, Raised> {
        self.call_as(site, FrameKind::Call)
    }

    /// Calls a thread's entry function as its bottom frame.
    pub fn call_root(&mut self, site: Site) -> Result<Next, Raised> {
        self.call_as(site, FrameKind::Root)
    }

    fn call_as(&mut self, site: Site, kind: FrameKind) -> Result<Next, Raised> {
        let callable = self.stack[site.func];
        match callable {
            Value::Native(id) => self.call_native(id, site, None),
            Value::Class(c) => self.instantiate(c, site),
            Value::Obj(r) => match self.m.heap.get(r) {
                Obj::Function(_) => self.call_function(r, site, kind),
                Obj::BoundMethod { recv, func } => {
                    let (recv, func) = (*recv, *func);
                    self.stack[site.func] = func;
                    self.stack.insert(site.func + 1, recv);
                    self.call_as(
                        Site {
                            npos: site.npos + 1,
                            ..site
                        },
                        kind,
                    )
                }
                _ => self.not_callable(callable),
            },
            _ => self.not_callable(callable),
        }
    }

    fn not_callable(&mut self, v: Value) -> Result<Next, Raised> {
        let t = self.m.type_name(v).to_string();
        self.m.type_error(format!("'{t}' object is not callable"))
    }

    /// The native and receiver a call site would reach, without calling (for visibility).
    /// The native a call site reaches and the object it works on: the receiver of a
    /// method, or the first argument of a function such as `len`.
    pub fn native_target(&self, site: Site) -> Option<(NativeId, Value)> {
        let callable = self.stack[site.func];
        match callable {
            Value::Native(id) => {
                let recv = if site.npos > 0 {
                    self.stack[site.func + 1]
                } else {
                    Value::None
                };
                Some((id, recv))
            }
            Value::Obj(r) => match self.m.heap.get(r) {
                Obj::BoundMethod {
                    recv,
                    func: Value::Native(id),
                } => Some((*id, *recv)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Binds a native's arguments; `site` must reach native `id` directly or bound.
    /// Parameters are read in place from the operand stack when the call gave exactly
    /// them, otherwise from the interpreter's scratch buffer.
    pub fn bind_native(&mut self, id: NativeId, site: Site) -> Result<Binding, Raised> {
        let def = self.m.registry.def(id);
        let method = self.m.registry.owner(id).is_some();
        if site.kwnames.is_none() && matches!(self.stack[site.func], Value::Native(_)) {
            return self.bind_from_stack(def, method, id, site);
        }
        let (mut positional, kwargs) = self.arguments(site);
        if let Value::Obj(r) = self.stack[site.func]
            && let Obj::BoundMethod { recv, .. } = self.m.heap.get(r)
        {
            positional.insert(0, *recv);
        }
        let recv = if method {
            if positional.is_empty() {
                return self.needs_receiver(id);
            }
            positional.remove(0)
        } else {
            Value::None
        };
        let bound = bind_native_args(self.m, def, recv, positional, kwargs)?;
        self.scratch = bound.args;
        Ok(Binding {
            recv: bound.recv,
            args: Place::Scratch,
            rest: bound.rest,
            kwargs: bound.kwargs,
        })
    }

    fn needs_receiver<T>(&mut self, id: NativeId) -> Result<T, Raised> {
        let q = self.m.registry.qualname(id).to_string();
        self.m.type_error(format!("unbound method {q}() needs an argument"))
    }

    /// The common case, without allocating: only positional arguments, already in place.
    fn bind_from_stack(
        &mut self,
        def: &'static NativeDef,
        method: bool,
        id: NativeId,
        site: Site,
    ) -> Result<Binding, Raised> {
        let start = site.func + 1;
        let end = start + site.npos;
        let (recv, first) = match method {
            true if site.npos == 0 => return self.needs_receiver(id),
            true => (self.stack[start], start + 1),
            false => (Value::None, start),
        };
        let given = end - first;
        let positional = def.positional();
        let mut binding = Binding {
            recv,
            args: Place::Stack(first),
            rest: Rest::Stack(end, end),
            kwargs: Vec::new(),
        };
        if given > positional {
            if !def.varargs {
                return too_many(self.m, def, given);
            }
            binding.rest = Rest::Stack(first + positional, end);
        }
        let taken = given.min(positional);
        if taken < def.params.len() {
            let mut args = [Value::Unset; MAX_PARAMS];
            args[..taken].copy_from_slice(&self.stack[first..first + taken]);
            fill_defaults(self.m, def, &mut args)?;
            self.scratch = args;
            binding.args = Place::Scratch;
        }
        Ok(binding)
    }

    /// Calls `f` with the bound native call.
    pub fn with_call<R>(
        &mut self,
        id: NativeId,
        binding: &Binding,
        timed_out: bool,
        f: impl FnOnce(&mut Machine, &Call) -> R,
    ) -> R {
        let n = self.m.registry.def(id).params.len();
        let args: &[Value] = match binding.args {
            Place::Stack(at) => &self.stack[at..at + n],
            Place::Scratch => &self.scratch[..n],
        };
        let rest: &[Value] = match &binding.rest {
            Rest::Stack(a, b) => &self.stack[*a..*b],
            Rest::Owned(v) => v,
        };
        let call = Call {
            actor: self.aid,
            recv: binding.recv,
            args,
            rest,
            kwargs: &binding.kwargs,
            timed_out,
        };
        f(self.m, &call)
    }

    /// Calls native `id`. `result` replaces its return value (a constructor's instance).
    #[inline(never)]
    fn call_native(&mut self, id: NativeId, site: Site, result: Option<Value>) -> Result<Next, Raised> {
        if self.m.registry.special.contains(id)
            && let Some(next) = self.intercept(id, site)?
        {
            return Ok(next);
        }
        let binding = self.bind_native(id, site)?;
        let def = self.m.registry.def(id);
        let timed_out = std::mem::take(&mut self.timed_out);
        let described = std::mem::take(&mut self.describe);
        let flow = self.with_call(id, &binding, timed_out, |m, call| {
            if described {
                m.op = Some(super::describe::native_call(m, id, call));
            }
            (def.call)(m, call)
        })?;
        self.stack.truncate(site.func);
        match flow {
            Flow::Return(v) => {
                if described && result.is_none() && super::describe::shows_result(def.name, v) {
                    let text = self.m.repr(v).unwrap_or_default();
                    if let Some(op) = &mut self.m.op {
                        op.result = Some(text);
                    }
                }
                self.stack.push(result.unwrap_or(v));
                Ok(Next::Continue)
            }
            flow => self.follow(flow),
        }
    }

    /// Goes on as a finished native call says: its result pushed, or the wait, call or
    /// task it hands over to.
    pub(super) fn follow(&mut self, flow: Flow) -> Result<Next, Raised> {
        match flow {
            Flow::Return(v) => {
                self.stack.push(v);
                Ok(Next::Continue)
            }
            Flow::Block(block) => Ok(Next::Stop(Stop::Blocked(block))),
            Flow::TailCall { func, args } => self.tail_call(func, args),
            Flow::Resume { coro, throw, task } => self.resume_task(coro, throw, task),
        }
    }

    /// Replaces the finished native call by a call of `func`.
    #[inline(never)]
    fn tail_call(&mut self, func: Value, args: TailArgs) -> Result<Next, Raised> {
        let at = self.stack.len();
        self.stack.push(func);
        match args {
            TailArgs::Positional(values) => {
                let n = values.len();
                self.stack.extend(values);
                self.call(Site {
                    func: at,
                    npos: n,
                    kwnames: None,
                })
            }
            TailArgs::Unpack { args, kwargs } => {
                self.stack.push(args);
                self.stack.push(kwargs);
                self.call_unpacked(true)
            }
        }
    }

    /// The call site `Spread` laid out: `callable args... kwvalues... kwnames count`.
    pub fn spread_site(&self) -> Site {
        let len = self.stack.len();
        let (Value::Int(total), kwnames) = (self.stack[len - 1], self.stack[len - 2]) else {
            unreachable!("Spread leaves a count on top")
        };
        let nkw = self.m.seq_items(kwnames).map_or(0, <[Value]>::len);
        let func = len - 3 - total as usize;
        Site {
            func,
            npos: total as usize - nkw,
            kwnames: (!kwnames.is_none()).then_some(kwnames),
        }
    }

    /// `callable args_tuple [kwargs_dict]`: spreads them for `CallSpread` (local work; the
    /// call itself may then be a visible step).
    #[inline(never)]
    pub fn spread(&mut self, has_kwargs: bool) -> Result<(), Raised> {
        let kwargs = if has_kwargs {
            self.stack.pop().unwrap_or(Value::None)
        } else {
            Value::None
        };
        let args = self.stack.pop().unwrap_or(Value::None);
        let positional = self.m.collect(args)?;
        let mut total = positional.len();
        self.stack.extend(positional);
        let mut names = Vec::new();
        if let Some(Obj::Dict(d)) = kwargs.as_obj().map(|r| self.m.heap.get(r)) {
            for (k, v) in d.entries().collect::<Vec<_>>() {
                if self.m.as_str(k).is_none() {
                    return self.m.type_error("keywords must be strings");
                }
                names.push(k);
                self.stack.push(v);
                total += 1;
            }
        } else if !kwargs.is_none() {
            let t = self.m.type_name(kwargs).to_string();
            return self
                .m
                .type_error(format!("argument after ** must be a mapping, not {t}"));
        }
        let kwnames = if names.is_empty() {
            Value::None
        } else {
            self.m.tuple_value(names)
        };
        self.stack.push(kwnames);
        self.stack.push(Value::Int(total as i64));
        Ok(())
    }

    /// `callable args_tuple [kwargs_dict]` on the stack: spreads them and calls.
    #[inline(never)]
    pub fn call_unpacked(&mut self, has_kwargs: bool) -> Result<Next, Raised> {
        self.spread(has_kwargs)?;
        let site = self.spread_site();
        self.stack.truncate(self.stack.len() - 2);
        self.call(site)
    }

    #[inline(never)]
    fn call_function(&mut self, r: ObjRef, site: Site, kind: FrameKind) -> Result<Next, Raised> {
        let Obj::Function(f) = self.m.heap.get(r) else {
            unreachable!("checked function")
        };
        let code_id = f.code;
        let code = self.p.code(code_id);
        let spec = &code.params;
        let positional = spec.positional as usize;
        let mut simple =
            site.kwnames.is_none() && site.npos <= positional && !spec.vararg && !spec.kwarg && spec.kwonly == 0;
        let base = site.func + 1;
        if simple && site.npos < positional {
            // Trailing parameters left out: their defaults, if they all have one.
            match positional.checked_sub(f.defaults.len()) {
                Some(first_default) if site.npos >= first_default => {
                    self.stack.extend_from_slice(&f.defaults[site.npos - first_default..]);
                }
                _ => simple = false,
            }
        }
        if !simple {
            let (positional, kwargs) = self.arguments(site);
            let bound = bind_python(self.m, code_id, r, positional, kwargs)?;
            self.stack.truncate(base);
            self.stack.extend(bound);
        }
        self.stack.resize(base + code.nlocals as usize, Value::Unset);
        self.setup_cells(r, code_id, base);
        if code.kind == CodeKind::Generator || code.kind == CodeKind::Coroutine {
            let values = super::object::GenValues::from_slice(&self.stack[base..]);
            self.stack.truncate(site.func);
            let new_gen = Generator {
                code: code_id,
                pc: 0,
                values,
                state: GenState::Created,
                kind: if code.kind == CodeKind::Generator {
                    GenKind::Generator
                } else {
                    GenKind::Coroutine
                },
                delegate: Value::None,
                nlocals: code.nlocals as u32,
                func: Value::Obj(r),
                resumer: super::object::Resumer::Call,
            };
            let boxed = self.m.heap.boxed_generator(new_gen);
            let g = self.m.heap.alloc(Obj::Generator(boxed));
            self.stack.push(Value::Obj(g));
            return Ok(Next::Continue);
        }
        if self.frames.len() >= MAX_DEPTH {
            self.stack.truncate(site.func);
            return self
                .m
                .raise(classes::RECURSION_ERROR, "maximum recursion depth exceeded");
        }
        self.frames.push(Frame {
            code: code_id,
            pc: 0,
            base: base as u32,
            kind,
        });
        Ok(Next::Continue)
    }

    /// Wraps the frame's cell variables in cells and fills its free variables from the
    /// function's closure.
    fn setup_cells(&mut self, func: ObjRef, code_id: crate::compile::CodeId, base: usize) {
        let code = self.p.code(code_id);
        for slot in &code.cells {
            let i = base + *slot as usize;
            let cell = self.m.heap.alloc(Obj::Cell(self.stack[i]));
            self.stack[i] = Value::Obj(cell);
        }
        if code.frees.is_empty() {
            return;
        }
        let closure: Vec<ObjRef> = match self.m.heap.get(func) {
            Obj::Function(Function { closure, .. }) => closure.to_vec(),
            _ => Vec::new(),
        };
        for (slot, cell) in code.frees.iter().zip(closure) {
            self.stack[base + *slot as usize] = Value::Obj(cell);
        }
    }

    #[inline(never)]
    fn instantiate(&mut self, mut class: ClassId, site: Site) -> Result<Next, Raised> {
        if let Some(new) = self.m.registry.method(class, "__new__") {
            self.stack.insert(site.func + 1, Value::Class(class));
            return self.call_native(
                new,
                Site {
                    npos: site.npos + 1,
                    ..site
                },
                None,
            );
        }
        if let Some(base) = self.p.class(class).mro.iter().find(|c| classes::is_value_type(**c)) {
            let (name, base) = (
                self.m.class_name(class).to_string(),
                self.m.class_name(*base).to_string(),
            );
            return self
                .m
                .type_error(format!("sim cannot create {name}: subclassing {base} is not supported"));
        }
        let state = if self.p.is_subclass(class, classes::BASE_EXCEPTION) {
            let (positional, _) = self.arguments(site);
            if self.p.is_subclass(class, classes::BASE_EXCEPTION_GROUP) {
                class = self.m.exception_group_class(class, &positional)?;
            }
            let args = self.m.tuple_value(positional);
            Some(super::state::State::Exception(super::exceptions::ExcState::new(args)))
        } else {
            None
        };
        let inst = Value::Obj(self.m.alloc_instance(class, state));
        let init = self.m.class_lookup(class, sym::INIT);
        match init {
            None => {
                if site.npos > 0 || site.kwnames.is_some() {
                    let name = self.m.class_name(class).to_string();
                    return self.m.type_error(format!("{name}() takes no arguments"));
                }
                self.stack.truncate(site.func);
                self.stack.push(inst);
                Ok(Next::Continue)
            }
            Some(init) => {
                self.stack[site.func] = init;
                self.stack.insert(site.func + 1, inst);
                let site = Site {
                    npos: site.npos + 1,
                    ..site
                };
                match init {
                    Value::Native(id) => self.call_native(id, site, Some(inst)),
                    _ => self.call_as(site, FrameKind::Init(inst.as_obj().expect("instance"))),
                }
            }
        }
    }
}

/// Where a native call's bound parameters are.
#[derive(Clone, Copy)]
pub enum Place {
    /// On the operand stack, from this index.
    Stack(usize),
    /// In the interpreter's scratch buffer.
    Scratch,
}

/// A native call's arguments, bound.
pub struct Binding {
    pub recv: Value,
    pub args: Place,
    pub rest: Rest,
    pub kwargs: Vec<(Value, Value)>,
}

/// A native's arguments bound to its parameters (the general, allocating path).
pub struct Bound {
    pub recv: Value,
    pub args: [Value; MAX_PARAMS],
    pub rest: Rest,
    pub kwargs: Vec<(Value, Value)>,
}

/// Extra positional arguments: still on the operand stack (`start..end`), or collected.
pub enum Rest {
    Stack(usize, usize),
    Owned(Vec<Value>),
}

fn too_many<T>(m: &mut super::machine::Machine, def: &NativeDef, given: usize) -> Result<T, Raised> {
    let n = def.positional();
    m.type_error(format!(
        "{}() takes at most {n} argument{} ({given} given)",
        def.name,
        if n == 1 { "" } else { "s" }
    ))
}

/// Fills unbound parameters with their defaults; a missing required one is an error.
fn fill_defaults(
    m: &mut super::machine::Machine,
    def: &NativeDef,
    args: &mut [Value; MAX_PARAMS],
) -> Result<(), Raised> {
    for (i, p) in def.params.iter().enumerate() {
        if matches!(args[i], Value::Unset) {
            if matches!(p.default, Default::Required) {
                return m.type_error(format!(
                    "{}() missing required argument '{}' (pos {})",
                    def.name,
                    p.name,
                    i + 1
                ));
            }
            args[i] = default_value(m, p.default);
        }
    }
    Ok(())
}

fn default_value(m: &mut super::machine::Machine, d: Default) -> Value {
    match d {
        Default::Required | Default::Absent => Value::Unset,
        Default::None => Value::None,
        Default::Bool(b) => Value::Bool(b),
        Default::Int(i) => Value::Int(i),
        Default::Float(f) => Value::Float(f),
        Default::Str(s) => m.str_value(s),
    }
}

pub fn bind_native_args(
    m: &mut super::machine::Machine,
    def: &NativeDef,
    recv: Value,
    positional: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
) -> Result<Bound, Raised> {
    let mut bound = Bound {
        recv,
        args: [Value::Unset; MAX_PARAMS],
        rest: Rest::Owned(Vec::new()),
        kwargs: Vec::new(),
    };
    let npositional = def.positional();
    let given = positional.len();
    for (i, v) in positional.into_iter().enumerate() {
        if i < npositional {
            bound.args[i] = v;
        } else if def.varargs {
            if let Rest::Owned(rest) = &mut bound.rest {
                rest.push(v);
            }
        } else {
            return too_many(m, def, given);
        }
    }
    for (name, v) in kwargs {
        let text = m.as_str(name).unwrap_or("").to_string();
        match def.params.iter().position(|p| p.name == text) {
            Some(i) if !matches!(bound.args[i], Value::Unset) => {
                return m.type_error(format!("{}() got multiple values for argument '{text}'", def.name));
            }
            Some(i) => bound.args[i] = v,
            None if def.kwargs => bound.kwargs.push((name, v)),
            None => return m.type_error(format!("{}() got an unexpected keyword argument '{text}'", def.name)),
        }
    }
    fill_defaults(m, def, &mut bound.args)?;
    Ok(bound)
}

/// Binds a Python function's arguments into its parameter slots (then locals follow).
fn bind_python(
    m: &mut super::machine::Machine,
    code_id: crate::compile::CodeId,
    func: ObjRef,
    positional: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
) -> Result<Vec<Value>, Raised> {
    let code = m.program.code(code_id);
    let spec = &code.params;
    let name = code.qualname.clone();
    let npos = spec.positional as usize;
    let nkw = spec.kwonly as usize;
    let mut slots = vec![Value::Unset; spec.slots() as usize];
    let names: Vec<String> = spec.names.iter().map(|s| m.program.sym(*s).to_string()).collect();
    let given = positional.len();
    let mut extra = Vec::new();
    for (i, v) in positional.into_iter().enumerate() {
        if i < npos {
            slots[i] = v;
        } else {
            extra.push(v);
        }
    }
    let (defaults, kwdefaults) = match m.heap.get(func) {
        Obj::Function(f) => (f.defaults.to_vec(), f.kwdefaults.to_vec()),
        _ => (Vec::new(), Vec::new()),
    };
    if !extra.is_empty() && !spec.vararg {
        let takes = if defaults.is_empty() {
            format!("{npos} positional argument{}", if npos == 1 { "" } else { "s" })
        } else {
            format!("from {} to {npos} positional arguments", npos - defaults.len())
        };
        let were = if given == 1 { "was" } else { "were" };
        return m.type_error(format!("{name}() takes {takes} but {given} {were} given"));
    }
    let mut kw_dict = Vec::new();
    for (key, v) in kwargs {
        let text = m.as_str(key).unwrap_or("").to_string();
        match names
            .iter()
            .position(|n| *n == text)
            .filter(|i| *i >= spec.posonly as usize)
        {
            Some(i) if !matches!(slots[i], Value::Unset) => {
                return m.type_error(format!("{name}() got multiple values for argument '{text}'"));
            }
            Some(i) => slots[i] = v,
            None if spec.kwarg => kw_dict.push((key, v)),
            None => return m.type_error(format!("{name}() got an unexpected keyword argument '{text}'")),
        }
    }
    let first_default = npos - defaults.len().min(npos);
    let mut missing = Vec::new();
    for i in 0..npos {
        if matches!(slots[i], Value::Unset) {
            match i.checked_sub(first_default) {
                Some(d) => slots[i] = defaults[d],
                None => missing.push(format!("'{}'", names[i])),
            }
        }
    }
    if !missing.is_empty() {
        return m.type_error(format!(
            "{name}() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            join_names(&missing)
        ));
    }
    let mut missing_kw = Vec::new();
    for i in npos..npos + nkw {
        if matches!(slots[i], Value::Unset) {
            match kwdefaults.iter().find(|(s, _)| m.program.sym(*s) == names[i]) {
                Some((_, v)) => slots[i] = *v,
                None => missing_kw.push(format!("'{}'", names[i])),
            }
        }
    }
    if !missing_kw.is_empty() {
        return m.type_error(format!(
            "{name}() missing {} required keyword-only argument{}: {}",
            missing_kw.len(),
            if missing_kw.len() == 1 { "" } else { "s" },
            join_names(&missing_kw)
        ));
    }
    let mut next = npos + nkw;
    if spec.vararg {
        slots[next] = m.tuple_value(extra);
        next += 1;
    }
    if spec.kwarg {
        let dict = m.new_dict();
        for (k, v) in kw_dict {
            m.set_item(dict, k, v)?;
        }
        slots[next] = dict;
    }
    Ok(slots)
}

fn join_names(names: &[String]) -> String {
    match names {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    }
}
