//! Python's `asyncio`, natively where CPython 3.11 is native (`_asyncio`'s `Future` and
//! `Task`) and where the loop's inner workings decide the order things happen in (the
//! ready queue, the timers, `_run_once`). The rest of the module (`run`, `sleep`,
//! `gather`, `wait`, locks, queues, ...) is the library's Python (`sim/library/asyncio.py`),
//! written as CPython writes it, on top of these.

pub mod event_loop;
pub mod functions;
pub mod future;
pub mod handle;
pub mod in_place;
mod prefetch;
pub mod queue;
pub mod sleep;
pub mod task;
pub mod timers;

pub use event_loop::LoopState;
pub use future::FutureState;
pub use handle::HandleState;

use super::classes;
use super::natives::NativeDef;
use crate::compile::ClassId;

pub const METHODS: &[(ClassId, &[NativeDef])] = &[
    (classes::FUTURE, future::METHODS),
    (classes::TASK, task::METHODS),
    (classes::GATHERING_FUTURE, future::GATHERING_METHODS),
    (classes::EVENT_LOOP, event_loop::METHODS),
    (classes::HANDLE, handle::METHODS),
    (classes::TIMER_HANDLE, handle::TIMER_METHODS),
];

pub const FUNCTIONS: &[NativeDef] = functions::FUNCTIONS;

/// Names of the `asyncio` module defined by the library's Python, and their names there.
pub const LIBRARY_EXPORTS: &[(&str, &str)] = &[
    ("run", "run"),
    ("Runner", "Runner"),
    ("sleep", "sleep"),
    ("gather", "gather"),
    ("wait", "wait"),
    ("wait_for", "wait_for"),
    ("as_completed", "as_completed"),
    ("shield", "shield"),
    ("to_thread", "to_thread"),
    ("run_coroutine_threadsafe", "run_coroutine_threadsafe"),
    ("FIRST_COMPLETED", "FIRST_COMPLETED"),
    ("FIRST_EXCEPTION", "FIRST_EXCEPTION"),
    ("ALL_COMPLETED", "ALL_COMPLETED"),
    ("Lock", "_AioLock"),
    ("Event", "_AioEvent"),
    ("Condition", "_AioCondition"),
    ("Semaphore", "_AioSemaphore"),
    ("BoundedSemaphore", "_AioBoundedSemaphore"),
    ("Barrier", "_AioBarrier"),
    ("Queue", "_AioQueue"),
    ("PriorityQueue", "_AioPriorityQueue"),
    ("LifoQueue", "_AioLifoQueue"),
    ("Timeout", "Timeout"),
    ("timeout", "timeout"),
    ("timeout_at", "timeout_at"),
    ("TaskGroup", "TaskGroup"),
];
