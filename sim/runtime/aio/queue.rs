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
//! What they found about an instance's own attributes is kept in its `note` (where a
//! queue's fields are; that its `_finished` event is clear and has no `clear` of its own),
//! which any change to the instance's attributes by other code forgets: the next call
//! looks again.
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
use super::super::object::{Instance, ListItems, Obj};
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

#[derive(Clone)]
struct Names {
    queue_class: GlobalId,
    event_class: GlobalId,
    event_loop: Sym,
    value: Sym,
    /// What each attribute name is to the fast paths, by symbol: an instance's
    /// attributes are read in one pass.
    roles: Box<[Role]>,
    /// The code of the library's `Queue.put` and `Queue.get`.
    put_code: CodeId,
    get_code: CodeId,
    /// Where `Queue.get` awaits its getter.
    get_await_pc: u32,
    /// `_QUEUE_EMPTY`, what `get` holds in `item` while it waits.
    empty: GlobalId,
}

/// What an attribute name is to the fast paths.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
#[repr(u8)]
enum Role {
    #[default]
    Other,
    /// The queue's fields (below `QueueMethod`: see [`Fields`]).
    Maxsize,
    Unfinished,
    Finished,
    Queue,
    Getters,
    Putters,
    Loop,
    /// A method of the queue an instance attribute must not hide.
    QueueMethod,
    /// The `_finished` event's flag, and its method `clear`.
    Value,
    Clear,
    /// A waiter's `done` or `set_result`.
    FutureMethod,
}

impl Names {
    fn role(&self, s: Sym) -> Role {
        self.roles.get(s.index()).copied().unwrap_or_default()
    }
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
        let mut roles = vec![Role::Other; p.syms.len()];
        let mut give = |name: &str, role: Role| -> Option<()> {
            roles[s(name)?.index()] = role;
            Some(())
        };
        give("_maxsize", Role::Maxsize)?;
        give("_unfinished_tasks", Role::Unfinished)?;
        give("_finished", Role::Finished)?;
        give("_queue", Role::Queue)?;
        give("_getters", Role::Getters)?;
        give("_putters", Role::Putters)?;
        give("_loop", Role::Loop)?;
        for method in [
            "empty",
            "full",
            "qsize",
            "get_nowait",
            "put_nowait",
            "_get",
            "_put",
            "_wakeup_next",
        ] {
            give(method, Role::QueueMethod)?;
        }
        give("_value", Role::Value)?;
        give("clear", Role::Clear)?;
        give("done", Role::FutureMethod)?;
        give("set_result", Role::FutureMethod)?;
        Some(Names {
            queue_class: *p.library.get("_AioQueue")?,
            event_class: *p.library.get("_AioEvent")?,
            event_loop: s("_loop")?,
            value: s("_value")?,
            roles: roles.into(),
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
    let (r, f) = queue_fields(m, q)?;
    match get_at(m, r, &f)? {
        Some(item) => Some(GetInPlace::Item(item)),
        // Nothing changed: the fields are where they were.
        None => waiter_at(m, actor, r, &f, false).map(GetInPlace::Waits),
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
    let names = m.aio_queue.names.as_ref()?;
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

/// How many objects a queue's `__init__` makes after the queue itself: its lists, and its
/// `_finished` event and the event's list.
pub const PARTS: usize = 6;

/// The first getter and the first putter waiting on queue instance `inst`, where its note
/// says where its lists are (for loading ahead: nothing is checked but that).
pub fn first_waiters(m: &Machine, inst: &Instance) -> [Option<ObjRef>; 2] {
    let Some(fields) = Fields::noted(inst.note) else {
        return [None, None];
    };
    [Role::Getters, Role::Putters].map(|role| {
        let list = inst.attrs.get(fields.place(role)?)?.1.as_obj()?;
        match m.heap.get(list) {
            Obj::List(items) => items.first()?.as_obj(),
            _ => None,
        }
    })
}

/// The library's queue class, as the program now binds it.
pub fn queue_class(m: &Machine) -> Option<ClassId> {
    class_of(m, m.aio_queue.names.as_ref()?.queue_class)
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

/// The queue and event classes, if both are as the library made them (checked again
/// whenever a class namespace changed).
fn classes(m: &mut Machine) -> Option<(ClassId, ClassId)> {
    let names = m.aio_queue.names.as_ref()?;
    let queue_class = class_of(m, names.queue_class)?;
    let event_class = class_of(m, names.event_class)?;
    let ok = match m.aio_queue.checked {
        Some((version, ok)) if version == m.class_version => ok,
        _ => {
            let ok = library_class(m, event_class) && library_class(m, queue_class);
            m.aio_queue.checked = Some((m.class_version, ok));
            ok
        }
    };
    ok.then_some((queue_class, event_class))
}

/// Where a plain queue's fields are among its attributes: four bits for each [`Role`]
/// below `QueueMethod` (`NOWHERE` for a field it lacks), under `FIELDS_BIT`. This is
/// also what the queue's [`Instance::note`] holds once they were found, so a queue's
/// fields are looked for once, not at every `put` and `get`.
///
/// [`Instance::note`]: super::super::object::Instance::note
#[derive(Clone, Copy)]
struct Fields(u32);

/// The roles below this are the queue's fields.
const FIELDS: u32 = Role::QueueMethod as u32;
const NOWHERE: u32 = 15;
/// Set in every [`Fields`], and in no event's note (`NOTED_CLEAR`).
const FIELDS_BIT: u32 = 1 << 31;
const _: () = assert!(4 * (FIELDS - 1) < 31, "the fields' places fit below FIELDS_BIT");

/// Where the place of the field of role number `role` is in [`Fields`].
const fn shift(role: u32) -> u32 {
    4 * (role - 1)
}

/// [`Fields`] before any field is found: every place `NOWHERE`.
const NO_FIELDS: u32 = {
    let mut f = FIELDS_BIT;
    let mut role = 1;
    while role < FIELDS {
        f |= NOWHERE << shift(role);
        role += 1;
    }
    f
};

impl Fields {
    /// The value of field `role` of queue `r`.
    #[inline(always)]
    fn get(&self, m: &Machine, r: ObjRef, role: Role) -> Option<Value> {
        let at = self.place(role)?;
        Some(m.instance(r)?.attrs.get(at)?.1)
    }

    #[inline(always)]
    fn place(&self, role: Role) -> Option<usize> {
        let at = (self.0 >> shift(role as u32)) & NOWHERE;
        (at != NOWHERE).then_some(at as usize)
    }

    /// The fields a queue's note holds, if it holds them.
    fn noted(note: u32) -> Option<Fields> {
        (note & FIELDS_BIT != 0).then_some(Fields(note))
    }
}

/// An unshared instance of `class` (the queue class) whose own attributes hide none of
/// its methods, and where its fields are: as noted in the instance when they were last
/// found, or found (and noted) now.
fn plain_queue(m: &mut Machine, class: ClassId, q: Value) -> Option<(ObjRef, Fields)> {
    let r = q.as_obj()?;
    if m.heap.is_shared(r) {
        return None;
    }
    let inst = m.instance(r).filter(|i| i.class == class)?;
    if let Some(f) = Fields::noted(inst.note) {
        return Some((r, f));
    }
    let f = queue_shape(m.aio_queue.names.as_ref()?, &inst.attrs)?;
    m.instance_mut(r)?.note = f.0;
    Some((r, f))
}

/// Where the fields are among a queue's attributes `attrs`, if none hides a method and
/// each field's place fits in four bits (else the library's Python does the work).
fn queue_shape(names: &Names, attrs: &[(Sym, Value)]) -> Option<Fields> {
    let mut f = NO_FIELDS;
    for (i, (s, _)) in attrs.iter().enumerate() {
        match names.role(*s) {
            Role::Other => {}
            Role::QueueMethod => return None,
            role if (role as u32) < FIELDS => {
                let at = shift(role as u32);
                if i as u32 >= NOWHERE || (f >> at) & NOWHERE != NOWHERE {
                    return None;
                }
                f &= !(NOWHERE << at);
                f |= (i as u32) << at;
            }
            _ => {}
        }
    }
    Some(Fields(f))
}

/// What [`Instance::note`] holds for a `_finished` event [`put`] cleared: its own
/// attributes do not hide `clear`, and its `_value` is `False`.
///
/// [`Instance::note`]: super::super::object::Instance::note
const NOTED_CLEAR: u32 = 1;

/// Where a plain event's flag is, as [`plain_event`] found it.
enum Flag {
    /// Already `False`, as noted when it was last cleared here: nothing to read or write.
    Clear,
    /// At this place among its attributes.
    At(usize),
    /// Not among its attributes.
    Missing,
}

/// An unshared instance of `class` (the event class) whose own attributes do not hide
/// `clear`, and where its `_value` is among them.
fn plain_event(m: &Machine, names: &Names, class: ClassId, v: Value) -> Option<(ObjRef, Flag)> {
    let r = v.as_obj()?;
    if m.heap.is_shared(r) {
        return None;
    }
    let inst = m.instance(r).filter(|i| i.class == class)?;
    if inst.note == NOTED_CLEAR {
        return Some((r, Flag::Clear));
    }
    let mut value = Flag::Missing;
    for (i, (s, _)) in inst.attrs.iter().enumerate() {
        match names.role(*s) {
            Role::Clear => return None,
            Role::Value => value = Flag::At(i),
            _ => {}
        }
    }
    Some((r, value))
}

/// An unshared plain future whose own attributes do not hide `done` or `set_result`.
fn plain_future(m: &Machine, names: &Names, v: Value) -> Option<ObjRef> {
    let r = v.as_obj()?;
    if m.heap.is_shared(r) {
        return None;
    }
    let inst = m.instance(r).filter(|i| i.class == classes::FUTURE)?;
    let hidden = inst.attrs.iter().any(|(s, _)| names.role(*s) == Role::FutureMethod);
    (!hidden).then_some(r)
}

/// An unshared list, the value of a field.
#[inline(always)]
fn own_list(m: &Machine, field: Option<Value>) -> Option<ObjRef> {
    let list = field?.as_obj()?;
    (!m.heap.is_shared(list) && matches!(m.heap.get(list), Obj::List(_))).then_some(list)
}

#[inline]
fn items<'a>(m: &'a Machine<'_>, list: ObjRef) -> &'a [Value] {
    match m.heap.get(list) {
        Obj::List(items) => items,
        _ => &[],
    }
}

#[inline]
fn items_mut<'m>(m: &'m mut Machine, list: ObjRef) -> &'m mut ListItems {
    match m.heap.get_mut(list) {
        Obj::List(items) => items,
        _ => unreachable!("checked to be a list"),
    }
}

/// `_wakeup_next(waiters)`, checked before anything changes: how many waiters it pops
/// and the one it wakes, if every waiter it looks at is a plain future.
fn plan_wakeup(m: &Machine, names: &Names, waiters: ObjRef) -> Option<(usize, Option<ObjRef>)> {
    for (i, w) in items(m, waiters).iter().enumerate() {
        let fut = plain_future(m, names, *w)?;
        // All of its state's lines at once: waking it reads more than the first.
        super::super::heap::prefetch(m.state(fut)?);
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
    let (queue_class, event_class) = classes(m)?;
    let (r, f) = plain_queue(m, queue_class, q)?;
    let names = m.aio_queue.names.as_ref()?;
    let Value::Int(maxsize) = f.get(m, r, Role::Maxsize)? else {
        return None;
    };
    let unfinished_at = f.place(Role::Unfinished)?;
    let Value::Int(unfinished) = f.get(m, r, Role::Unfinished)? else {
        return None;
    };
    let unfinished = unfinished.checked_add(1)?;
    let queue = own_list(m, f.get(m, r, Role::Queue))?;
    let getters = own_list(m, f.get(m, r, Role::Getters))?;
    // The event's attributes, unless it is noted clear, are loaded while the getters are
    // looked at. A full queue answers `False` whatever its event: only a put that fits
    // clears it.
    let finished = f.get(m, r, Role::Finished)?;
    if let Some(e) = finished.as_obj().and_then(|e| m.instance(e))
        && e.note != NOTED_CLEAR
    {
        super::super::heap::prefetch_span(&e.attrs);
    }
    if maxsize > 0 && items(m, queue).len() as i64 >= maxsize {
        return Some(false);
    }
    let plan = plan_wakeup(m, names, getters)?;
    let (event, flag) = plain_event(m, names, event_class, finished)?;
    let value = names.value;
    items_mut(m, queue).push(item);
    m.instance_mut(r)?.attrs[unfinished_at].1 = Value::Int(unfinished);
    let event = m.instance_mut(event)?;
    match flag {
        Flag::Clear => {}
        Flag::At(i) => event.attrs[i].1 = Value::Bool(false),
        Flag::Missing => event.set_attr(value, Value::Bool(false)),
    }
    event.note = NOTED_CLEAR;
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
    let (r, f) = queue_fields(m, q)?;
    get_at(m, r, &f)
}

/// A plain queue `q` and where its fields are, if the classes are as the library made
/// them.
fn queue_fields(m: &mut Machine, q: Value) -> Option<(ObjRef, Fields)> {
    let (queue_class, _) = classes(m)?;
    plain_queue(m, queue_class, q)
}

/// [`get`] on plain queue `r` with fields `f`.
fn get_at(m: &mut Machine, r: ObjRef, f: &Fields) -> Option<Option<Value>> {
    let names = m.aio_queue.names.as_ref()?;
    let queue = own_list(m, f.get(m, r, Role::Queue))?;
    let putters = own_list(m, f.get(m, r, Role::Putters))?;
    if items(m, queue).is_empty() {
        return Some(None);
    }
    let plan = plan_wakeup(m, names, putters)?;
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
    let (r, f) = queue_fields(m, q)?;
    waiter_at(m, actor, r, &f, putter)
}

/// [`waiter`] on plain queue `r` with fields `f`.
fn waiter_at(m: &mut Machine, actor: usize, r: ObjRef, f: &Fields, putter: bool) -> Option<ObjRef> {
    let event_loop = m.aio_queue.names.as_ref()?.event_loop;
    let waiters = own_list(m, f.get(m, r, if putter { Role::Putters } else { Role::Getters }))?;
    let running = m.actors[actor].running_loop;
    let bound = f.get(m, r, Role::Loop)?;
    let class = m.instance(running.as_obj()?)?.class;
    if class != classes::EVENT_LOOP || !(bound.is_none() || bound.is(running)) {
        return None;
    }
    if bound.is_none() {
        m.set_attr(Value::Obj(r), event_loop, running).ok()?;
    }
    let fut = future::new_future(m, classes::FUTURE, future::FutureState::new(running));
    items_mut(m, waiters).push(Value::Obj(fut));
    Some(fut)
}
