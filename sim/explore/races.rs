//! The happens-before order of a recorded execution (vector clocks over the dependence of
//! its steps), its races, and for each race the sequence that reverses it (the paper's
//! `notdep(e, E).e'`), with whether that sequence can run at all.
//!
//! The clock is a barrier: it only moves when no thread can, so every step before a move
//! happens before every step after it, and no race crosses one.

use super::event::Event;
use super::record::Step;
use crate::runtime::footprint::{Abstract, Need};
use crate::runtime::heap::Birth;

#[derive(Default)]
pub struct Order {
    /// Per step, per thread (`threads` entries a step): the 1-based index of the latest
    /// step of that thread that happens before (or is) this step, 0 if none.
    clocks: Vec<u32>,
    threads: usize,
    actors: Vec<usize>,
    /// Per step, its index among the clock's periods.
    period: Vec<u32>,
    /// Per step, its *races*: the earlier steps of other threads it depends on that happen
    /// before it with nothing happening in between, latest first (at most one per
    /// thread; `races[race_start[j]..race_start[j + 1]]`, one entry more than steps).
    races: Vec<u32>,
    race_start: Vec<u32>,
    /// Per thread, its steps in order, each with the summaries of the footprints of the
    /// thread's steps up to it (a step that cannot conflict with them skips the thread).
    by_thread: Vec<Vec<(u32, (u64, u64))>>,
}

impl Order {
    pub fn new(steps: &[Step]) -> Order {
        let mut order = Order::default();
        order.extend(steps, 0);
        order
    }

    /// Makes this the order of `steps`, whose first `same` steps are those of the
    /// execution it was the order of (a search replays a prefix): only the steps after
    /// them are worked out again.
    ///
    /// A step's clock joins those of the earlier steps of its period it depends on (its
    /// own thread's and the conflicting ones), latest first. A step the clock has already
    /// seen (its thread's entry is at or past it) adds nothing and is no race, so only the
    /// steps not yet seen are compared with it; each of them it depends on is a race (or
    /// its own thread's latest step).
    pub fn extend(&mut self, steps: &[Step], same: usize) {
        let threads = steps.iter().map(|s| s.actor + 1).max().unwrap_or(0);
        let mut keep = same.min(self.actors.len()).min(steps.len());
        if threads != self.threads {
            keep = 0;
        }
        debug_assert!(steps[..keep].iter().zip(&self.actors).all(|(s, a)| s.actor == *a));
        self.threads = threads;
        self.clocks.truncate(keep * threads);
        self.actors.truncate(keep);
        self.period.truncate(keep);
        self.race_start.truncate(keep + 1);
        if self.race_start.is_empty() {
            self.race_start.push(0);
        }
        self.races.truncate(self.race_start[keep] as usize);
        self.by_thread.resize_with(threads, Vec::new);
        for own in &mut self.by_thread {
            while own.last().is_some_and(|&(i, _)| i as usize >= keep) {
                own.pop();
            }
        }
        // Where the kept steps leave the clock: everything before the last kept step's
        // period (`floor`) and everything at all; and where that period starts.
        let mut floor = vec![0u32; threads];
        let mut everything = vec![0u32; threads];
        let mut current = self.period.last().copied().unwrap_or(0);
        let mut start = 0;
        for k in 0..keep {
            if self.period[k] != current {
                join(&mut floor, &self.clocks[k * threads..(k + 1) * threads]);
                start = k + 1;
            }
            join(&mut everything, &self.clocks[k * threads..(k + 1) * threads]);
        }
        let mut clock = vec![0u32; threads];
        // Per thread, how many of its steps are left to look at (latest first).
        let mut left = vec![0usize; threads];
        for (j, step) in steps.iter().enumerate().skip(keep) {
            if j > 0 && step.time != steps[j - 1].time {
                current += 1;
                floor.clone_from(&everything);
                start = j;
            }
            clock.copy_from_slice(&floor);
            for (u, (n, own)) in left.iter_mut().zip(&self.by_thread).enumerate() {
                // Nothing of another thread's to compare with if no step of it can conflict.
                let skip = u != step.actor && own.last().is_some_and(|&(_, s)| !step.footprint.may_conflict(s));
                *n = if skip { 0 } else { own.len() };
            }
            // The steps of the period not yet seen, latest first: a thread's are those
            // after the latest of its steps the clock has seen.
            loop {
                let mut latest: Option<(usize, usize)> = None;
                for (u, own) in self.by_thread.iter().enumerate() {
                    let Some(n) = left[u].checked_sub(1) else { continue };
                    let i = own[n].0 as usize;
                    if i >= start && clock[u] as usize <= i && latest.is_none_or(|(l, _)| i > l) {
                        latest = Some((i, u));
                    }
                }
                let Some((i, u)) = latest else { break };
                left[u] -= 1;
                let own = u == step.actor;
                if own || steps[i].footprint.conflicts(&step.footprint) {
                    join(&mut clock, &self.clocks[i * threads..(i + 1) * threads]);
                    if !own {
                        self.races.push(i as u32);
                    }
                }
            }
            let own = &mut self.by_thread[step.actor];
            let (touched, written) = step.footprint.summary();
            let (before_touched, before_written) = own.last().map_or((0, 0), |&(_, s)| s);
            own.push((j as u32, (before_touched | touched, before_written | written)));
            clock[step.actor] = j as u32 + 1;
            join(&mut everything, &clock);
            self.clocks.extend_from_slice(&clock);
            self.period.push(current);
            self.actors.push(step.actor);
            self.race_start.push(self.races.len() as u32);
        }
    }

    /// Whether step `i` happens before step `k`.
    pub fn before(&self, i: usize, k: usize) -> bool {
        i < k && self.clocks[k * self.threads + self.actors[i]] > i as u32
    }

    /// Step `j`'s races with steps of other threads, latest first.
    pub fn races(&self, j: usize) -> impl Iterator<Item = usize> + '_ {
        self.races[self.race_start[j] as usize..self.race_start[j + 1] as usize]
            .iter()
            .map(|&i| i as usize)
    }

    /// The steps of other threads before step `below` that step `j` depends on, latest
    /// first, each with whether it is a race with `j` (worked out again, as they are
    /// asked for: only wanted when a race cannot be reversed).
    pub fn conflicts_before<'a>(
        &'a self,
        steps: &'a [Step],
        j: usize,
        below: usize,
    ) -> impl Iterator<Item = (usize, bool)> + 'a {
        let actor = steps[j].actor;
        let mut later: smallvec::SmallVec<[u32; 8]> = smallvec::smallvec![0; self.threads];
        let mut own_seen = false;
        (0..j)
            .rev()
            .take_while(move |&i| self.period[i] == self.period[j])
            .filter_map(move |i| {
                let own = steps[i].actor == actor;
                if own {
                    // Only the latest of its own thread's steps counts; it sees the others.
                    if std::mem::replace(&mut own_seen, true) {
                        return None;
                    }
                } else if !steps[i].footprint.conflicts(&steps[j].footprint) {
                    return None;
                }
                let direct = later[steps[i].actor] <= i as u32;
                if direct {
                    join(&mut later, &self.clocks[i * self.threads..(i + 1) * self.threads]);
                }
                (!own && i < below).then_some((i, direct))
            })
    }

    /// The steps after `i` that do not happen after it, then `j`.
    pub fn reversal(&self, steps: &[Step], i: usize, j: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (i + 1..steps.len()).filter(|&k| !self.before(i, k)).collect();
        v.push(j);
        v
    }
}

fn join(into: &mut [u32], other: &[u32]) {
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).max(*b);
    }
}

/// Whether a sequence can run where it would be explored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feasible {
    Yes,
    /// Its last step (the reversed race's later step) cannot run.
    LastBlocked,
    /// An earlier step cannot run.
    No,
    /// It waits on state that is not simulated.
    Unknown,
}

/// Whether the steps `v` (indices into `steps`) can run, in order, after the first `at`
/// steps: each synchronisation object starts from its state before its first use at or
/// after `at`, and each step's needs are checked against the simulated state.
pub fn feasible(steps: &[Step], at: usize, v: &[usize]) -> Feasible {
    // The simulated objects and their states (few: a list searched in order is quickest).
    let mut state: smallvec::SmallVec<[(Birth, Option<Abstract>); 8]> = smallvec::SmallVec::new();
    let mut result = Feasible::Yes;
    for (n, &k) in v.iter().enumerate() {
        let step = &steps[k];
        for u in &step.footprint.sync {
            let slot = match state.iter().position(|(obj, _)| *obj == u.obj) {
                Some(slot) => slot,
                None => {
                    state.push((u.obj, first_use_from(steps, at, u.obj)));
                    state.len() - 1
                }
            };
            let s = state[slot].1;
            match (u.need, s) {
                (Need::Nothing, _) => {}
                (Need::Unknown, _) | (_, None) => result = Feasible::Unknown,
                (need, Some(s)) => {
                    if !s.allows(need, step.actor) {
                        return if n + 1 == v.len() {
                            Feasible::LastBlocked
                        } else {
                            Feasible::No
                        };
                    }
                }
            }
            state[slot].1 = s.and_then(|s| s.after(u.change, step.actor));
        }
    }
    result
}

/// The state of object `obj` after the first `at` steps.
fn first_use_from(steps: &[Step], at: usize, obj: Birth) -> Option<Abstract> {
    steps[at..]
        .iter()
        .flat_map(|s| &s.footprint.sync)
        .find(|u| u.obj == obj)
        .and_then(|u| u.before)
}

/// The events of steps `v`.
pub fn events(steps: &[Step], v: &[usize]) -> Vec<Event> {
    v.iter()
        .map(|&k| Event {
            actor: steps[k].actor,
            footprint: steps[k].footprint.clone(),
        })
        .collect()
}
