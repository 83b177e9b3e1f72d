//! The happens-before order of a recorded execution (vector clocks over the dependence of
//! its steps), its races, and for each race the sequence that reverses it (the paper's
//! `notdep(e, E).e'`), with whether that sequence can run at all.
//!
//! The clock is a barrier: it only moves when no thread can, so every step before a move
//! happens before every step after it, and no race crosses one.

use std::collections::HashMap;

use super::event::Event;
use super::record::Step;
use crate::runtime::footprint::{Abstract, Need};
use crate::runtime::heap::Birth;

pub struct Order {
    /// Per step, per thread (`threads` entries a step): the 1-based index of the latest
    /// step of that thread that happens before (or is) this step, 0 if none.
    clocks: Vec<u32>,
    threads: usize,
    actors: Vec<usize>,
    /// Per step, the earlier steps of its period it depends on directly, latest first:
    /// its own thread's latest and every other thread's step it conflicts with
    /// (`deps[dep_start[j]..dep_start[j + 1]]`).
    deps: Vec<u32>,
    dep_start: Vec<u32>,
}

impl Order {
    pub fn new(steps: &[Step]) -> Order {
        let threads = steps.iter().map(|s| s.actor + 1).max().unwrap_or(0);
        let mut clocks: Vec<u32> = Vec::with_capacity(steps.len() * threads);
        // Per step, its index among the clock's periods.
        let mut period = Vec::with_capacity(steps.len());
        let mut deps = Vec::new();
        let mut dep_start = Vec::with_capacity(steps.len() + 1);
        let mut floor = vec![0u32; threads];
        let mut everything = vec![0u32; threads];
        let mut clock = vec![0u32; threads];
        let mut current = 0u32;
        for (j, step) in steps.iter().enumerate() {
            if j > 0 && step.time != steps[j - 1].time {
                current += 1;
                floor.clone_from(&everything);
            }
            dep_start.push(deps.len() as u32);
            clock.copy_from_slice(&floor);
            let mut own_seen = false;
            for i in (0..j).rev() {
                if period[i] != current {
                    break;
                }
                let other = &steps[i];
                let own = other.actor == step.actor;
                if own || other.footprint.conflicts(&step.footprint) {
                    join(&mut clock, &clocks[i * threads..(i + 1) * threads]);
                    if !own || !std::mem::replace(&mut own_seen, true) {
                        deps.push(i as u32);
                    }
                }
            }
            clock[step.actor] = j as u32 + 1;
            join(&mut everything, &clock);
            clocks.extend_from_slice(&clock);
            period.push(current);
        }
        dep_start.push(deps.len() as u32);
        Order {
            clocks,
            threads,
            actors: steps.iter().map(|s| s.actor).collect(),
            deps,
            dep_start,
        }
    }

    /// Whether step `i` happens before step `k`.
    pub fn before(&self, i: usize, k: usize) -> bool {
        i < k && self.clocks[k * self.threads + self.actors[i]] > i as u32
    }

    /// The steps of other threads that step `j` depends on, latest first, each with
    /// whether it is in a *race* with `j`: it happens before `j` with nothing happening in
    /// between.
    pub fn conflicts_before(&self, j: usize) -> impl Iterator<Item = (usize, bool)> + '_ {
        let preds = &self.deps[self.dep_start[j] as usize..self.dep_start[j + 1] as usize];
        let actor = self.actors[j];
        preds
            .iter()
            .enumerate()
            .filter(move |&(_, &i)| self.actors[i as usize] != actor)
            .map(move |(n, &i)| {
                let i = i as usize;
                // `preds` is in descending order: those before position `n` are the later ones.
                (i, preds[..n].iter().all(|&k| !self.before(i, k as usize)))
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
    let mut state: HashMap<Birth, Option<Abstract>> = HashMap::new();
    let mut result = Feasible::Yes;
    for (n, &k) in v.iter().enumerate() {
        let step = &steps[k];
        for u in &step.footprint.sync {
            let s = *state.entry(u.obj).or_insert_with(|| first_use_from(steps, at, u.obj));
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
            let after = s.and_then(|s| s.after(u.change, step.actor));
            state.insert(u.obj, after);
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
