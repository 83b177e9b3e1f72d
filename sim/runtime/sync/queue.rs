//! `queue.Queue`, `LifoQueue` and `PriorityQueue`. Each method is one atomic step; a
//! blocking `get`/`put`/`join` is not a step until it can proceed or times out (any
//! waiting getter may take a new item, as barging threads can in CPython). The priority
//! queue orders its heap with CPython's own `heapq` sift algorithms so ties come out in
//! the same order.

use std::collections::VecDeque;

use super::super::classes;
use super::super::machine::Machine;
use super::super::natives::{Call, Default, Effect, Flow, NativeDef, NativeResult, Raised, opt, req};
use super::super::pending::Wait;
use super::super::state::State;
use super::super::value::{ObjRef, Value};
use super::super::wakes::Signal;
use super::lock::set_state;
use super::truthy_arg;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Fifo,
    Lifo,
    Priority,
}

#[derive(Clone)]
pub struct QueueState {
    order: Order,
    pub maxsize: i64,
    pub items: VecDeque<Value>,
    pub unfinished: i64,
}

const PUT: &[super::super::natives::Param] = &[
    req("item"),
    opt("block", Default::Bool(true)),
    opt("timeout", Default::None),
];
const GET: &[super::super::natives::Param] = &[opt("block", Default::Bool(true)), opt("timeout", Default::None)];

pub const METHODS: &[NativeDef] = &[
    NativeDef::new("__init__", &[opt("maxsize", Default::Int(0))], Effect::Pure, init),
    NativeDef::new("put", PUT, Effect::Step, put).waits(put_wait),
    NativeDef::new("put_nowait", &[req("item")], Effect::Step, put_nowait),
    NativeDef::new("get", GET, Effect::Step, get).waits(get_wait),
    NativeDef::new("get_nowait", &[], Effect::Step, get_nowait),
    NativeDef::new("task_done", &[], Effect::Step, task_done),
    NativeDef::new("join", &[], Effect::Step, join).waits(join_wait),
    NativeDef::new("qsize", &[], Effect::Step, qsize),
    NativeDef::new("empty", &[], Effect::Step, empty),
    NativeDef::new("full", &[], Effect::Step, full),
];

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let maxsize = m.index_int(call.args[0])?;
    let class = m.type_of(call.recv);
    let order = if m.program.is_subclass(class, classes::PRIORITY_QUEUE) {
        Order::Priority
    } else if m.program.is_subclass(class, classes::LIFO_QUEUE) {
        Order::Lifo
    } else {
        Order::Fifo
    };
    let state = QueueState {
        order,
        maxsize,
        items: VecDeque::new(),
        unfinished: 0,
    };
    set_state(m, call.recv, State::Queue(state))
}

fn this<'m>(m: &'m mut Machine, recv: Value) -> Result<&'m mut QueueState, Raised> {
    super::receiver(m, recv, "Queue", |s| match s {
        State::Queue(q) => Some(q),
        _ => None,
    })
}

fn peek<'m>(m: &'m Machine, r: ObjRef) -> Option<&'m QueueState> {
    match m.state(r) {
        Some(State::Queue(q)) => Some(q),
        _ => None,
    }
}

impl QueueState {
    fn is_full(&self) -> bool {
        self.maxsize > 0 && self.items.len() as i64 >= self.maxsize
    }
}

pub fn can_get(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|q| !q.items.is_empty())
}

pub fn can_put(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|q| !q.is_full())
}

pub fn all_done(m: &Machine, r: ObjRef) -> bool {
    peek(m, r).is_none_or(|q| q.unfinished == 0)
}

/// A blocking call's timeout, or Python's error for a negative one.
fn timeout(m: &mut Machine, v: Value) -> Result<Option<f64>, Raised> {
    match super::timeout_secs(v) {
        Some(t) if t < 0.0 => m.value_error("'timeout' must be a non-negative number"),
        t => Ok(t),
    }
}

fn put_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    let t = super::timeout_secs(call.args[2]);
    (truthy_arg(call.args[1]) && t.is_none_or(|t| t >= 0.0)).then_some((Wait::QueuePut(r), t))
}

fn get_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    let t = super::timeout_secs(call.args[1]);
    (truthy_arg(call.args[0]) && t.is_none_or(|t| t >= 0.0)).then_some((Wait::QueueGet(r), t))
}

fn join_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let r = call.recv.as_obj()?;
    Some((Wait::QueueJoin(r), None))
}

fn put(m: &mut Machine, call: &Call) -> NativeResult {
    let full = this(m, call.recv)?.is_full();
    if full && truthy_arg(call.args[1]) {
        timeout(m, call.args[2])?;
    }
    push(m, call.recv, call.args[0], full)
}

fn put_nowait(m: &mut Machine, call: &Call) -> NativeResult {
    let full = this(m, call.recv)?.is_full();
    push(m, call.recv, call.args[0], full)
}

fn push(m: &mut Machine, recv: Value, item: Value, full: bool) -> NativeResult {
    if full {
        return m.raise(classes::QUEUE_FULL, "");
    }
    m.heap.share(item);
    let order = this(m, recv)?.order;
    if order == Order::Priority {
        heap_push(m, recv, item)?;
    } else {
        this(m, recv)?.items.push_back(item);
    }
    this(m, recv)?.unfinished += 1;
    if let Some(r) = recv.as_obj() {
        m.signal(Signal::Put(r));
    }
    Ok(Flow::Return(Value::None))
}

fn get(m: &mut Machine, call: &Call) -> NativeResult {
    if truthy_arg(call.args[0]) {
        timeout(m, call.args[1])?;
    }
    pop(m, call.recv)
}

fn get_nowait(m: &mut Machine, call: &Call) -> NativeResult {
    pop(m, call.recv)
}

fn pop(m: &mut Machine, recv: Value) -> NativeResult {
    let q = this(m, recv)?;
    if q.items.is_empty() {
        return m.raise(classes::QUEUE_EMPTY, "");
    }
    if let Some(r) = recv.as_obj() {
        m.signal(Signal::Got(r));
    }
    let q = this(m, recv)?;
    let item = match q.order {
        Order::Fifo => q.items.pop_front(),
        Order::Lifo => q.items.pop_back(),
        Order::Priority => return heap_pop(m, recv).map(Flow::Return),
    };
    Ok(Flow::Return(item.unwrap_or(Value::None)))
}

fn task_done(m: &mut Machine, call: &Call) -> NativeResult {
    let q = this(m, call.recv)?;
    if q.unfinished <= 0 {
        return m.value_error("task_done() called too many times");
    }
    q.unfinished -= 1;
    if let Some(r) = call.recv.as_obj() {
        m.signal(Signal::TaskDone(r));
    }
    Ok(Flow::Return(Value::None))
}

fn join(m: &mut Machine, call: &Call) -> NativeResult {
    this(m, call.recv)?;
    Ok(Flow::Return(Value::None))
}

fn qsize(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Int(this(m, call.recv)?.items.len() as i64)))
}

fn empty(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(this(m, call.recv)?.items.is_empty())))
}

fn full(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(this(m, call.recv)?.is_full())))
}

pub fn property(m: &Machine, r: ObjRef, name: &str) -> Option<Value> {
    let q = peek(m, r)?;
    match name {
        "maxsize" => Some(Value::Int(q.maxsize)),
        "unfinished_tasks" => Some(Value::Int(q.unfinished)),
        _ => None,
    }
}

fn items(m: &mut Machine, recv: Value) -> Result<Vec<Value>, Raised> {
    Ok(this(m, recv)?.items.iter().copied().collect())
}

fn set_items(m: &mut Machine, recv: Value, items: Vec<Value>) -> Result<(), Raised> {
    this(m, recv)?.items = items.into();
    Ok(())
}

/// `heapq.heappush`: append, then CPython's `_siftdown`.
fn heap_push(m: &mut Machine, recv: Value, item: Value) -> Result<(), Raised> {
    let mut heap = items(m, recv)?;
    heap.push(item);
    let last = heap.len() - 1;
    sift_down(m, &mut heap, 0, last)?;
    set_items(m, recv, heap)
}

/// `heapq.heappop`: CPython's algorithm (move the last item to the root, `_siftup`).
fn heap_pop(m: &mut Machine, recv: Value) -> Result<Value, Raised> {
    let mut heap = items(m, recv)?;
    let last = heap.pop().expect("non-empty");
    if heap.is_empty() {
        set_items(m, recv, heap)?;
        return Ok(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(m, &mut heap, 0)?;
    set_items(m, recv, heap)?;
    Ok(top)
}

fn sift_down(m: &mut Machine, heap: &mut [Value], start: usize, mut pos: usize) -> Result<(), Raised> {
    let item = heap[pos];
    while pos > start {
        let parent = (pos - 1) >> 1;
        if m.less(item, heap[parent])? {
            heap[pos] = heap[parent];
            pos = parent;
        } else {
            break;
        }
    }
    heap[pos] = item;
    Ok(())
}

fn sift_up(m: &mut Machine, heap: &mut [Value], mut pos: usize) -> Result<(), Raised> {
    let end = heap.len();
    let start = pos;
    let item = heap[pos];
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !m.less(heap[child], heap[right])? {
            child = right;
        }
        heap[pos] = heap[child];
        pos = child;
        child = 2 * pos + 1;
    }
    heap[pos] = item;
    sift_down(m, heap, start, pos)
}
