//! `asyncio.Queue`'s common case done natively: the library's `Queue.put` and `Queue.get`
//! first ask `_queue_put` / `_queue_get` to do, in one call, what `put_nowait` /
//! `get_nowait` (with `full`, `empty`, `qsize`, `_put`, `_get`, `_wakeup_next` and the
//! `Event.clear` of `_finished`) would do when the item fits or is there, and
//! `_queue_waiter` what they do before they wait (`_bound_loop(self).create_future()`,
//! appended to the getters or putters).
//!
//! They act only where that is exactly what the Python would do: the queue is a plain
//! `asyncio.Queue` (not a subclass) whose class and `_finished` event's class still hold
//! the library's own methods, no instance attribute hides one of them, the lists and
//! counters are the ones `__init__` made, and nothing involved is shared with another
//! thread (then every access would be a visible step). Otherwise they do nothing and
//! say so, and the library's Python goes on as CPython's does.
//!
//! An `await queue.put(item)` or `await queue.get()` that would finish without waiting
//! is done at the await site, with no coroutine at all (see `exec/awaits.rs`): the same
//! fast paths, and the coroutine only where they do not finish it. A `get` that waits
//! leaves its awaiter awaiting the getter future in place ([`super::in_place`]); woken,
//! it takes its item as `get` would, and where that fast path does not apply (or when
//! something is thrown in) the `get` coroutine is made as it stands at its `await
//! getter`, and goes on as Python.

use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Effect, Flow, NativeDef, NativeResult, req};
use super::super::object::Obj;
use super::super::value::{ObjRef, Value};
use super::future;
use crate::compile::{ClassId, CodeId, CodeKind, GlobalId, Instr, Program, Sym};

pub const FUNCTIONS: &[NativeDef] = &[
    NativeDef::new("_queue_put", &[req("queue"), req("item")], Effect::Pure, queue_put),
    NativeDef::new(
        "_queue_get",
        &[req("queue"), req("empty"), req("other")],
        Effect::Pure,
        queue_get,
    ),
    NativeDef::new(
        "_queue_waiter",
        &[req("queue"), req("putter")],
        Effect::Pure,
        queue_waiter,
    ),
];

/// The names the fast paths read, looked up once per program, and whether the classes
/// were last found unchanged (at which `class_version`).
#[derive(Clone, Default)]
pub struct QueueCache {
    names: Option<Names>,
    checked: Option<(u32, bool)>,
}

#[derive(Clone, Copy)]
struct Names {
    queue_class: GlobalId,
    event_class: GlobalId,
    queue: Sym,
    maxsize: Sym,
    getters: Sym,
    putters: Sym,
    unfinished: Sym,
    finished: Sym,
    event_loop: Sym,
    value: Sym,
    /// Methods an instance attribute must not hide: the queue's, the event's `clear`, a
    /// waiter's `done` and `set_result`.
    queue_methods: [Sym; 8],
    clear: Sym,
    done: Sym,
    set_result: Sym,
    /// The code of the library's `Queue.put` and `Queue.get`.
    put_code: CodeId,
    get_code: CodeId,
    /// Where `Queue.get` awaits its getter.
    get_await_pc: u32,
    /// `_QUEUE_EMPTY`, what `get` holds in `item` while it waits.
    empty: GlobalId,
}

/// A queue coroutine an `await` may finish in place.
pub enum Awaited {
    Put,
    Get,
}

impl QueueCache {
    pub fn new(program: &Program) -> QueueCache {
        QueueCache {
            names: Names::find(program),
            checked: None,
        }
    }
}

impl Names {
    fn find(p: &Program) -> Option<Names> {
        let s = |name: &str| p.syms.lookup(name);
        let get_code = library_coroutine(p, "Queue.get")?;
        let get_instrs = &p.code(get_code).instrs;
        let get_await_pc = get_instrs.iter().position(|i| matches!(i, Instr::YieldFrom))?;
        // One await, of the getter: `self`, `item`, `getter`, and the getter awaited.
        if p.code(get_code).nlocals != 3 || get_instrs.iter().filter(|i| matches!(i, Instr::YieldFrom)).count() != 1 {
            return None;
        }
        Some(Names {
            queue_class: *p.library.get("_AioQueue")?,
            event_class: *p.library.get("_AioEvent")?,
            queue: s("_queue")?,
            maxsize: s("_maxsize")?,
            getters: s("_getters")?,
            putters: s("_putters")?,
            unfinished: s("_unfinished_tasks")?,
            finished: s("_finished")?,
            event_loop: s("_loop")?,
            value: s("_value")?,
            queue_methods: [
                s("empty")?,
                s("full")?,
                s("qsize")?,
                s("get_nowait")?,
                s("put_nowait")?,
                s("_get")?,
                s("_put")?,
                s("_wakeup_next")?,
            ],
            clear: s("clear")?,
            done: s("done")?,
            set_result: s("set_result")?,
            put_code: library_coroutine(p, "Queue.put")?,
            get_code,
            get_await_pc: get_await_pc as u32,
            empty: *p.library.get("_QUEUE_EMPTY")?,
        })
    }
}

/// The library's coroutine named `qualname`.
fn library_coroutine(p: &Program, qualname: &str) -> Option<CodeId> {
    let i = p.codes.iter().position(|c| {
        c.qualname == qualname
            && c.kind == CodeKind::Coroutine
            && p.sources[c.source.index()].name == "<sim>/asyncio.py"
    })?;
    Some(CodeId(i as u32))
}

/// Which of the queue's coroutines `code` is, if it is `put` or `get`.
pub fn awaited(m: &Machine, code: CodeId) -> Option<Awaited> {
    let names = m.aio_queue.names.as_ref()?;
    if code == names.put_code {
        Some(Awaited::Put)
    } else if code == names.get_code {
        Some(Awaited::Get)
    } else {
        None
    }
}

/// `await queue.put(item)` in place: whether it is done (the item was put as `put`
/// would put it, without waiting); if not, nothing happened.
pub fn put_in_place(m: &mut Machine, q: Value, item: Value) -> bool {
    put(m, q, item) == Some(true)
}

/// What `await queue.get()` in place did.
pub enum GetInPlace {
    /// Took this item, as `get` would without waiting.
    Item(Value),
    /// Found the queue empty and made the getter to wait on, as `get` would.
    Waits(ObjRef),
}

/// `await queue.get()` in place, by `actor`; `None`, having done nothing, where the
/// coroutine must run.
pub fn get_in_place(m: &mut Machine, actor: usize, q: Value) -> Option<GetInPlace> {
    match get(m, q)? {
        Some(item) => Some(GetInPlace::Item(item)),
        None => waiter(m, actor, q, false).map(GetInPlace::Waits),
    }
}

/// A `get` done in place woken from its getter: the item, taken as `get` would take it
/// on waking; `None`, having done nothing, where its coroutine must go on.
pub fn woken_get(m: &mut Machine, q: ObjRef) -> Option<Value> {
    get(m, Value::Obj(q)).flatten()
}

/// The `Queue.get` coroutine (of function `func`, on queue `q`) as it stands awaiting
/// `getter`, for a `get` done in place whose rest must run as Python.
pub fn get_coroutine(m: &mut Machine, q: ObjRef, func: ObjRef, getter: ObjRef) -> Option<ObjRef> {
    use super::super::object::{GenKind, GenState, GenValues, Generator, Resumer};
    let names = m.aio_queue.names?;
    let empty = m.globals[names.empty.index()];
    let getter = Value::Obj(getter);
    let generator = Generator {
        code: names.get_code,
        pc: names.get_await_pc,
        values: GenValues::from_slice(&[Value::Obj(q), empty, getter, getter]),
        state: GenState::Suspended,
        kind: GenKind::Coroutine,
        delegate: Value::None,
        nlocals: 3,
        func: Value::Obj(func),
        resumer: Resumer::Delegate,
    };
    let boxed = m.heap.boxed_generator(generator);
    Some(m.heap.alloc(Obj::Generator(boxed)))
}

fn class_of(m: &Machine, g: GlobalId) -> Option<ClassId> {
    match m.globals.get(g.index()) {
        Some(Value::Class(c)) => Some(*c),
        _ => None,
    }
}

/// Whether class `c`'s namespace holds only what the library's class body put there:
/// strings and the library's functions under their own names.
fn library_class(m: &Machine, c: ClassId) -> bool {
    let library = |code: &crate::compile::Code| m.program.sources[code.source.index()].name.starts_with("<sim>/");
    m.class_attrs[c.index()].iter().all(|(s, v)| match v {
        Value::Obj(r) => match m.heap.get(*r) {
            Obj::Str(_) => true,
            Obj::Function(f) => {
                let code = m.program.code(f.code);
                library(code) && code.name == m.program.sym(*s)
            }
            _ => false,
        },
        _ => false,
    })
}

/// The names, the queue class, and whether both classes are as the library made them
/// (checked again whenever a class namespace changed).
fn names(m: &mut Machine) -> Option<(Names, ClassId)> {
    let names = m.aio_queue.names?;
    let queue_class = class_of(m, names.queue_class)?;
    let ok = match m.aio_queue.checked {
        Some((version, ok)) if version == m.class_version => ok,
        _ => {
            let ok =
                class_of(m, names.event_class).is_some_and(|e| library_class(m, e)) && library_class(m, queue_class);
            m.aio_queue.checked = Some((m.class_version, ok));
            ok
        }
    };
    ok.then_some((names, queue_class))
}

/// An unshared instance of `class` whose own attributes hide none of `methods`.
fn plain_instance(m: &Machine, v: Value, class: ClassId, methods: &[Sym]) -> Option<ObjRef> {
    let r = v.as_obj()?;
    if m.heap.is_shared(r) {
        return None;
    }
    let inst = m.instance(r)?;
    (inst.class == class && inst.attrs.iter().all(|(s, _)| !methods.contains(s))).then_some(r)
}

/// An unshared list held in attribute `sym` of instance `r`.
fn own_list(m: &Machine, r: ObjRef, sym: Sym) -> Option<ObjRef> {
    let list = m.instance(r)?.attr(sym)?.as_obj()?;
    (!m.heap.is_shared(list) && matches!(m.heap.get(list), Obj::List(_))).then_some(list)
}

fn items<'a>(m: &'a Machine<'_>, list: ObjRef) -> &'a [Value] {
    match m.heap.get(list) {
        Obj::List(items) => items,
        _ => &[],
    }
}

fn items_mut<'m>(m: &'m mut Machine, list: ObjRef) -> &'m mut Vec<Value> {
    match m.heap.get_mut(list) {
        Obj::List(items) => items,
        _ => unreachable!("checked to be a list"),
    }
}

/// `_wakeup_next(waiters)`, checked before anything changes: how many waiters it pops
/// and the one it wakes, if every waiter it looks at is a plain future.
fn plan_wakeup(m: &Machine, names: &Names, waiters: ObjRef) -> Option<(usize, Option<ObjRef>)> {
    for (i, w) in items(m, waiters).iter().enumerate() {
        let fut = plain_instance(m, *w, classes::FUTURE, &[names.done, names.set_result])?;
        if !future::peek(m, fut)?.done() {
            return Some((i + 1, Some(fut)));
        }
    }
    Some((items(m, waiters).len(), None))
}

fn wakeup(m: &mut Machine, waiters: ObjRef, (popped, woken): (usize, Option<ObjRef>)) {
    items_mut(m, waiters).drain(..popped);
    if let Some(fut) = woken {
        future::set_result(m, fut, Value::None);
    }
}

/// `_queue_put(queue, item)`: `True` once it did what `put` does when the queue is not
/// full, `False` when it is full; `None`, having done nothing, when it is not a plain
/// queue.
fn queue_put(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(
        put(m, call.arg(0), call.arg(1)).map_or(Value::None, Value::Bool),
    ))
}

fn put(m: &mut Machine, q: Value, item: Value) -> Option<bool> {
    let (names, queue_class) = names(m)?;
    let r = plain_instance(m, q, queue_class, &names.queue_methods)?;
    let inst = m.instance(r)?;
    let Value::Int(maxsize) = inst.attr(names.maxsize)? else {
        return None;
    };
    let Value::Int(unfinished) = inst.attr(names.unfinished)? else {
        return None;
    };
    let unfinished = unfinished.checked_add(1)?;
    let finished = inst.attr(names.finished)?;
    let queue = own_list(m, r, names.queue)?;
    let getters = own_list(m, r, names.getters)?;
    let event_class = class_of(m, names.event_class)?;
    let event = plain_instance(m, finished, event_class, &[names.clear])?;
    if maxsize > 0 && items(m, queue).len() as i64 >= maxsize {
        return Some(false);
    }
    let plan = plan_wakeup(m, &names, getters)?;
    items_mut(m, queue).push(item);
    m.instance_mut(r)?.set_attr(names.unfinished, Value::Int(unfinished));
    m.instance_mut(event)?.set_attr(names.value, Value::Bool(false));
    wakeup(m, getters, plan);
    Some(true)
}

/// `_queue_get(queue, empty, other)`: the item `get` returns when the queue has one,
/// having done what `get` does, `empty` when it has none; `other`, having done nothing,
/// when it is not a plain queue.
fn queue_get(m: &mut Machine, call: &Call) -> NativeResult {
    let item = match get(m, call.arg(0)) {
        Some(Some(item)) => item,
        Some(None) => call.arg(1),
        None => call.arg(2),
    };
    Ok(Flow::Return(item))
}

fn get(m: &mut Machine, q: Value) -> Option<Option<Value>> {
    let (names, queue_class) = names(m)?;
    let r = plain_instance(m, q, queue_class, &names.queue_methods)?;
    let queue = own_list(m, r, names.queue)?;
    let putters = own_list(m, r, names.putters)?;
    if items(m, queue).is_empty() {
        return Some(None);
    }
    let plan = plan_wakeup(m, &names, putters)?;
    let item = items_mut(m, queue).remove(0);
    wakeup(m, putters, plan);
    Some(Some(item))
}

/// `_queue_waiter(queue, putter)`: the future `put` (`putter`) or `get` waits on, made and
/// appended to the putters or getters as they do; `None`, having done nothing, when it is
/// not a plain queue or `_bound_loop` would raise.
fn queue_waiter(m: &mut Machine, call: &Call) -> NativeResult {
    let putter = matches!(call.arg(1), Value::Bool(true));
    Ok(Flow::Return(
        waiter(m, call.actor, call.arg(0), putter).map_or(Value::None, Value::Obj),
    ))
}

fn waiter(m: &mut Machine, actor: usize, q: Value, putter: bool) -> Option<ObjRef> {
    let (names, queue_class) = names(m)?;
    let r = plain_instance(m, q, queue_class, &names.queue_methods)?;
    let waiters = own_list(m, r, if putter { names.putters } else { names.getters })?;
    let running = m.actors[actor].running_loop;
    let bound = m.instance(r)?.attr(names.event_loop)?;
    let class = m.instance(running.as_obj()?)?.class;
    if class != classes::EVENT_LOOP || !(bound.is_none() || bound.is(running)) {
        return None;
    }
    if bound.is_none() {
        m.set_attr(q, names.event_loop, running).ok()?;
    }
    let fut = future::new_future(m, classes::FUTURE, future::FutureState::new(running));
    items_mut(m, waiters).push(Value::Obj(fut));
    Some(fut)
}
