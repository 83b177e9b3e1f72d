//! An event loop's timers in the order they fire: earliest deadline first, then the order
//! they were scheduled in (CPython's heap of `TimerHandle`s, whose ties a real clock
//! breaks that way).
//!
//! Kept as one FIFO per deadline in a map ordered by deadline: timers are added in the
//! order they are scheduled, so each FIFO is in scheduling order, and the many timers
//! that share a deadline (tasks sleeping alike) are pushed and popped without sifting a
//! heap.

use std::collections::{BTreeMap, VecDeque};

use super::super::machine::Machine;
use super::super::value::{ObjRef, Value};
use super::handle;

/// A timer: its deadline (signed nanoseconds: one set in the past fires before one due
/// now, as CPython orders them) and what it calls.
#[derive(Clone, Copy, Debug)]
pub struct Timer {
    pub deadline: i128,
    pub what: Timed,
}

/// What a timer calls: a `TimerHandle`, or `asyncio.sleep`'s own timer, which has none.
#[derive(Clone, Copy, Debug)]
pub enum Timed {
    Handle(ObjRef),
    Sleep { fut: ObjRef, result: Value },
}

impl Timer {
    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        match self.what {
            Timed::Handle(h) => f(Value::Obj(h)),
            Timed::Sleep { fut, result } => {
                f(Value::Obj(fut));
                f(result);
            }
        }
    }

    /// Whether the timer was cancelled (its handle, or its sleep ended).
    pub fn cancelled(&self, m: &Machine) -> bool {
        match self.what {
            Timed::Handle(h) => handle::is_cancelled(m, h),
            Timed::Sleep { fut, .. } => super::sleep::ended(m, fut),
        }
    }
}

/// FIFOs kept for the next deadlines.
const SPARE: usize = 8;

#[derive(Clone, Default)]
pub struct Timers {
    /// Never empty FIFOs, by deadline.
    by_deadline: BTreeMap<i128, VecDeque<Timer>>,
    spare: Vec<VecDeque<Timer>>,
}

impl Timers {
    /// Adds a timer scheduled after every timer already there.
    pub fn push(&mut self, timer: Timer) {
        let spare = &mut self.spare;
        self.by_deadline
            .entry(timer.deadline)
            .or_insert_with(|| spare.pop().unwrap_or_default())
            .push_back(timer);
    }

    /// The timer that fires first.
    pub fn peek(&self) -> Option<&Timer> {
        self.by_deadline.first_key_value().and_then(|(_, q)| q.front())
    }

    /// Removes the timer that fires first.
    pub fn pop(&mut self) -> Option<Timer> {
        let mut first = self.by_deadline.first_entry()?;
        let timer = first.get_mut().pop_front();
        if first.get().is_empty() {
            let q = first.remove();
            if self.spare.len() < SPARE {
                self.spare.push(q);
            }
        }
        timer
    }

    /// Every timer, in the order they fire.
    pub fn iter(&self) -> impl Iterator<Item = &Timer> {
        self.by_deadline.values().flatten()
    }

    pub fn clear(&mut self) {
        self.by_deadline.clear();
    }
}
