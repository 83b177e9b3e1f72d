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
    /// Per step, the earlier steps of its period it depends on directly, latest first:
    /// its own thread's latest and every other thread's step it conflicts with
    /// (`deps[dep_start[j]..dep_start[j + 1]]`; `dep_start` has one entry more than there
    /// are steps).
    deps: Vec<u32>,
    dep_start: Vec<u32>,
    /// Per entry of `deps`, whether it is a *race* with its step: it happens before the
    /// step with nothing happening in between (no later entry happens after it).
    direct: Vec<bool>,
    /// Per step, the positions in `deps` of its races with other threads, latest first
    /// (`races[race_start[j]..race_start[j + 1]]`; at most one per thread).
    races: Vec<u32>,
    race_start: Vec<u32>,
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
        self.dep_start.truncate(keep + 1);
        if self.dep_start.is_empty() {
            self.dep_start.push(0);
        }
        self.deps.truncate(self.dep_start[keep] as usize);
        self.direct.truncate(self.deps.len());
        self.race_start.truncate(keep + 1);
        if self.race_start.is_empty() {
            self.race_start.push(0);
        }
        self.races.truncate(self.race_start[keep] as usize);
        // Where the kept steps leave the clock: everything before the last kept step's
        // period (`floor`) and everything at all.
        let mut floor = vec![0u32; threads];
        let mut everything = vec![0u32; threads];
        let mut current = self.period.last().copied().unwrap_or(0);
        for k in 0..keep {
            if self.period[k] != current {
                join(&mut floor, &self.clocks[k * threads..(k + 1) * threads]);
            }
            join(&mut everything, &self.clocks[k * threads..(k + 1) * threads]);
        }
        let mut clock = vec![0u32; threads];
        let mut later = vec![0u32; threads];
        for (j, step) in steps.iter().enumerate().skip(keep) {
            if j > 0 && step.time != steps[j - 1].time {
                current += 1;
                floor.clone_from(&everything);
            }
            clock.copy_from_slice(&floor);
            let mut own_seen = false;
            for i in (0..j).rev() {
                if self.period[i] != current {
                    break;
                }
                let other = &steps[i];
                let own = other.actor == step.actor;
                if own || other.footprint.conflicts(&step.footprint) {
                    // A step already below the clock brings nothing new: everything before
                    // it is before the later step of its thread the clock has seen.
                    if clock[other.actor] <= i as u32 {
                        join(&mut clock, &self.clocks[i * threads..(i + 1) * threads]);
                    }
                    if !own || !std::mem::replace(&mut own_seen, true) {
                        self.deps.push(i as u32);
                    }
                }
            }
            clock[step.actor] = j as u32 + 1;
            join(&mut everything, &clock);
            self.clocks.extend_from_slice(&clock);
            self.period.push(current);
            self.actors.push(step.actor);
            self.note_races(j, &mut later);
        }
    }

    /// Marks which of step `j`'s dependences (just worked out) are races. `deps` is in
    /// descending order, so an entry happens before a later one exactly when the join of
    /// the later ones' clocks has seen it.
    fn note_races(&mut self, j: usize, later: &mut [u32]) {
        let threads = self.threads;
        let from = self.dep_start[j] as usize;
        later.fill(0);
        for pos in from..self.deps.len() {
            let i = self.deps[pos] as usize;
            let direct = later[self.actors[i]] <= i as u32;
            self.direct.push(direct);
            if direct {
                if self.actors[i] != self.actors[j] {
                    self.races.push(pos as u32);
                }
                // (An entry the join has seen brings nothing new to it.)
                join(later, &self.clocks[i * threads..(i + 1) * threads]);
            }
        }
        self.dep_start.push(self.deps.len() as u32);
        self.race_start.push(self.races.len() as u32);
    }

    /// Whether step `i` happens before step `k`.
    pub fn before(&self, i: usize, k: usize) -> bool {
        i < k && self.clocks[k * self.threads + self.actors[i]] > i as u32
    }

    /// Step `j`'s races with steps of other threads, latest first: positions in its
    /// dependences (for [`Order::conflicts_after`]) with the earlier step.
    pub fn races(&self, j: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.races[self.race_start[j] as usize..self.race_start[j + 1] as usize]
            .iter()
            .map(|&pos| (pos as usize, self.deps[pos as usize] as usize))
    }

    /// The steps of other threads that step `j` depends on, latest first, after position
    /// `pos` of its dependences, each with whether it is in a race with `j`.
    pub fn conflicts_after(&self, j: usize, pos: usize) -> impl Iterator<Item = (usize, bool)> + '_ {
        let actor = self.actors[j];
        (pos + 1..self.dep_start[j + 1] as usize).filter_map(move |p| {
            let i = self.deps[p] as usize;
            (self.actors[i] != actor).then_some((i, self.direct[p]))
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
