//! Loading ahead what the event loop's next task steps will read first.
//!
//! A task's step reaches its coroutine through a chain of memory, each link found only by
//! reading the one before it: the task's slot, its state (with its task part), the
//! coroutine's slot, its generator (the frame), the objects the frame holds (the queues
//! and the loop's iterator it goes on with), and their attributes. With thousands of
//! tasks these are cold in the cache, and a step that waits on each link in turn spends
//! more time waiting than working.
//!
//! Each time the loop takes an entry from its ready queue, [`ahead`] asks the processor
//! to load one link further for each of the next few entries: the entry `k` places from
//! the front gets link `LINKS - 1 - k`, reading the link it was given one entry earlier,
//! which has arrived by then. By the time an entry runs, its whole chain is in the cache.
//!
//! The last link is the attributes of the frame's instances and, for an `asyncio.Queue`,
//! the objects its `__init__` made right after it (its lists and its `_finished` event),
//! which sit in the slots after its own when they were made together.
//!
//! When an entry is about to run, its chain has arrived, and [`waiters`] asks for the
//! first getter and putter of each queue its frame holds: the futures a `put` or `get`
//! of this step wakes, which would otherwise be two loads in a row (the future, then its
//! state) in the middle of the step.
//!
//! A prefetch is a hint: nothing here changes what any step does. Each further link
//! walks the frame again, and following any further ahead (the event's attributes, the
//! waiting futures two links deeper for every entry) cost more instructions than it saved
//! waiting, measured on the queue pipeline benchmark.

use super::super::heap::{prefetch, prefetch_span};
use super::super::machine::Machine;
use super::super::object::{Generator, Obj};
use super::super::value::{ObjRef, Value};
use super::event_loop::Ready;
use super::future;
use std::collections::VecDeque;

/// How many links of a task's chain are loaded ahead (the first is asked for this many
/// entries before the task runs).
const LINKS: usize = 6;

/// Loads ahead for the entries of `ready`, the loop's ready queue just after an entry
/// was taken from it.
pub fn ahead(m: &Machine, ready: &VecDeque<Ready>) {
    for (k, entry) in ready.iter().take(LINKS).enumerate() {
        let (task, fut) = match entry {
            Ready::Wakeup { task, fut } => (*task, Some(*fut)),
            Ready::Step { task, .. } => (*task, None),
            _ => continue,
        };
        link(m, task, fut, LINKS - 1 - k);
    }
}

/// Asks for link `depth` of the chain from `task` (and, for a wake-up, the future it
/// awaited, which the step reads first), reading the links before it.
fn link(m: &Machine, task: ObjRef, fut: Option<ObjRef>, depth: usize) {
    match depth {
        0 => {
            m.heap.prefetch(task);
            if let Some(f) = fut {
                m.heap.prefetch(f);
            }
        }
        1 => {
            for r in std::iter::once(task).chain(fut) {
                if let Some(state) = m.state(r) {
                    prefetch(state);
                }
            }
        }
        2 => {
            if let Some(coro) = coroutine(m, task) {
                m.heap.prefetch(coro);
            }
        }
        3 => {
            if let Some(g) = generator(m, task) {
                prefetch(g);
            }
        }
        4 => {
            if let Some(g) = generator(m, task) {
                for v in &g.values {
                    if let Value::Obj(r) = v {
                        m.heap.prefetch(*r);
                    }
                }
            }
        }
        _ => {
            if let Some(g) = generator(m, task) {
                let queue_class = super::queue::queue_class(m);
                for v in &g.values {
                    if let Value::Obj(r) = v
                        && let Obj::Instance(inst) = m.heap.get(*r)
                    {
                        prefetch_span(&inst.attrs);
                        if Some(inst.class) == queue_class {
                            m.heap.prefetch_after(*r, super::queue::PARTS);
                        }
                    }
                }
            }
        }
    }
}

/// For `entry`, about to run (its chain loaded ahead): the first getter and putter of
/// each queue its frame holds, which a `put` or `get` wakes.
pub fn waiters(m: &Machine, entry: &Ready) {
    let (Ready::Wakeup { task, .. } | Ready::Step { task, .. }) = entry else {
        return;
    };
    let Some(g) = generator(m, *task) else { return };
    let queue_class = super::queue::queue_class(m);
    for v in &g.values {
        if let Value::Obj(r) = v
            && let Obj::Instance(inst) = m.heap.get(*r)
            && Some(inst.class) == queue_class
        {
            for w in super::queue::first_waiters(m, inst).into_iter().flatten() {
                m.heap.prefetch(w);
            }
        }
    }
}

/// `task`'s coroutine.
fn coroutine(m: &Machine, task: ObjRef) -> Option<ObjRef> {
    future::peek(m, task)?.task.as_ref()?.coro.as_obj()
}

/// The state of `task`'s coroutine.
fn generator<'a>(m: &'a Machine<'_>, task: ObjRef) -> Option<&'a Generator> {
    match m.heap.get(coroutine(m, task)?) {
        Obj::Generator(g) => Some(g),
        _ => None,
    }
}
