//! The native part of instances of built-in classes: an exception's arguments and
//! traceback, a thread's target and status, a lock's owner, a queue's items, ...
//!
//! Each kind lives with the code that implements the class; this enum only gathers them
//! so an instance can hold any one, and lists the values each holds for the collector.

use super::exceptions::ExcState;
use super::sync::{
    BarrierState, ConditionState, EventState, LockState, QueueState, RLockState, SemaphoreState, ThreadState,
};
use super::value::Value;

#[derive(Clone)]
pub enum State {
    Exception(ExcState),
    Thread(ThreadState),
    Lock(LockState),
    RLock(RLockState),
    Condition(ConditionState),
    Semaphore(SemaphoreState),
    Event(EventState),
    Barrier(BarrierState),
    Queue(QueueState),
    Future(super::aio::FutureState),
    Loop(super::aio::LoopState),
    Handle(super::aio::HandleState),
}

impl State {
    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        match self {
            State::Exception(e) => e.for_each_child(f),
            State::Thread(t) => t.for_each_child(f),
            State::Condition(c) => f(c.lock),
            State::Barrier(b) => f(b.action),
            State::Queue(q) => q.items.iter().for_each(|v| f(*v)),
            State::Future(fut) => fut.for_each_child(f),
            State::Loop(l) => l.for_each_child(f),
            State::Handle(h) => h.for_each_child(f),
            State::Lock(_) | State::RLock(_) | State::Semaphore(_) | State::Event(_) => {}
        }
    }
}
