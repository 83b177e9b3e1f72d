//! Exhaustive search with optimal dynamic partial-order reduction (ODPOR: Abdulla et al.,
//! "Source Sets: A Foundation for Optimal Dynamic Partial Order Reduction", JACM 2017):
//! one execution per Mazurkiewicz trace, with sleep sets and wakeup trees.
//!
//! The search is stateless: each execution reruns the program from the start, replaying
//! the choices of the branch point's prefix, then taking the chosen branch, following its
//! wakeup subtree, and going on freely (the lowest thread not asleep) where it ends. After a
//! complete execution every race is reversed into the wakeup tree where it starts, unless a
//! thread asleep there accounts for it or the reversal cannot run.

use std::rc::Rc;

use super::Search;
use super::event::{Event, weak_initial};
use super::races::{Feasible, Order, events, feasible};
use super::record::{Chooser, Execution, Step};
use super::wakeup::WakeupTree;
use crate::runtime::actor::ActorId;
use crate::sched::Choice;

/// One point of the current execution.
#[derive(Default)]
struct Level {
    /// The thread the current execution runs here.
    actor: ActorId,
    /// Threads whose next event from here is known to lead only to explored traces.
    sleep: Vec<Event>,
    /// Branches to explore from here; the first is the one being explored.
    wut: WakeupTree,
    /// What the chosen branch continues with, for the level below.
    guide: WakeupTree,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Executions run to their end.
    pub executions: u64,
    /// Executions abandoned because every thread that could run was asleep.
    pub sleep_set_blocked: u64,
    /// Branches dropped because their first thread could not run after all.
    pub infeasible: u64,
}

#[derive(Default)]
pub struct Dpor {
    levels: Vec<Level>,
    pub stats: Stats,
    /// The current execution reached a branch point with no branch left that can run.
    dead_end: bool,
    /// The happens-before order of the last execution whose races were reversed, and how
    /// many of its first steps the next execution shares with it (the prefix it replays).
    order: Order,
    same: usize,
    /// Levels backtracking dropped, kept for the room of their lists.
    spare: Vec<Level>,
}

impl Dpor {
    pub fn new() -> Dpor {
        Dpor::default()
    }

    fn reverse_races(&mut self, steps: &[Step]) {
        let mut order = std::mem::take(&mut self.order);
        order.extend(steps, self.same);
        self.same = steps.len();
        for j in 0..steps.len() {
            self.reverse_into(&order, steps, j);
        }
        self.order = order;
    }

    /// Reverses every race of step `j`. When one cannot be reversed because `j` could not
    /// run there (the race is with what enabled it: a release, a `get` making room), the
    /// latest earlier step it depends on whose reversal can run stands in for it: that is
    /// the step that took what `j` waited for.
    fn reverse_into(&mut self, order: &Order, steps: &[Step], j: usize) {
        for i in order.races(j) {
            if self.reverse(order, steps, i, j) != Feasible::LastBlocked {
                continue;
            }
            // Blocked: the earlier dependences are tried in turn (the races among them are
            // reversed on the way) until one can run.
            for (i, direct) in order.conflicts_before(steps, j, i) {
                if direct {
                    self.reverse(order, steps, i, j);
                } else if matches!(self.reverse(order, steps, i, j), Feasible::Yes | Feasible::Unknown) {
                    break;
                }
            }
            return;
        }
    }

    /// Inserts the reversal of race `(i, j)` into the wakeup tree before step `i`, unless
    /// a thread asleep there accounts for it; says whether it can run.
    fn reverse(&mut self, order: &Order, steps: &[Step], i: usize, j: usize) -> Feasible {
        let v = order.reversal(steps, i, j);
        // A stand-in race is only a reversal when `j`'s thread reaches `j` without waiting
        // for step `i` (its own earlier steps all stay in `v`).
        let own = (i + 1..j).filter(|&k| steps[k].actor == steps[j].actor).count();
        if v.iter().filter(|&&k| steps[k].actor == steps[j].actor).count() != own + 1 {
            return Feasible::No;
        }
        let feasible = feasible(steps, i, &v);
        let verified = match feasible {
            // Nothing to insert (whatever the sleep set says).
            Feasible::No | Feasible::LastBlocked => return feasible,
            Feasible::Yes => true,
            Feasible::Unknown => false,
        };
        let w = events(steps, &v);
        let level = &mut self.levels[i];
        if !level.sleep.iter().any(|asleep| weak_initial(asleep, &w)) {
            level.wut.insert(w, verified);
        }
        feasible
    }

    /// Races of the steps threads were blocked at when the run ended: each is treated as
    /// one more step at the end, so a blocked acquire races with the acquire that took the
    /// lock first.
    fn reverse_blocked(&mut self, steps: &[Step], pending: &[(ActorId, crate::runtime::footprint::Footprint)]) {
        if pending.is_empty() || steps.is_empty() {
            return;
        }
        let mut extended = steps.to_vec();
        let time = steps[steps.len() - 1].time;
        for (actor, footprint) in pending {
            extended.push(Step {
                actor: *actor,
                enabled: Default::default(),
                footprint: Rc::new(footprint.clone()),
                time,
            });
            let order = Order::new(&extended);
            self.reverse_into(&order, &extended, extended.len() - 1);
            extended.pop();
        }
    }

    /// Puts the explored branch of the deepest level to sleep and takes the next one,
    /// dropping levels with nothing left.
    fn backtrack(&mut self, steps: &[Step]) {
        if self.levels.len() > steps.len() {
            self.spare.extend(self.levels.drain(steps.len()..));
        }
        while let Some(level) = self.levels.last_mut() {
            if let Some(done) = level.wut.take_first() {
                level.sleep.push(done);
            }
            if let Some(next) = level.wut.first() {
                level.actor = next.actor;
                level.guide = level.wut.first_subtree();
                // The next execution replays the choices above this branch point.
                self.same = self.same.min(self.levels.len() - 1);
                return;
            }
            self.spare.extend(self.levels.pop());
        }
    }
}

/// Makes `into` a copy of the events `from`, reusing the room of the events it held.
fn refill<'a>(into: &mut Vec<Event>, from: impl Iterator<Item = &'a Event>) {
    let mut n = 0;
    for event in from {
        match into.get_mut(n) {
            Some(slot) => {
                slot.actor = event.actor;
                slot.footprint.clone_from(&event.footprint);
            }
            None => into.push(event.clone()),
        }
        n += 1;
    }
    into.truncate(n);
}

impl Chooser for Dpor {
    fn choose(&mut self, choice: &Choice<'_>, history: &[Step]) -> Option<ActorId> {
        let (enabled, now) = (choice.enabled, choice.now);
        let depth = history.len();
        if let Some(level) = self.levels.get_mut(depth) {
            // Only the branch point's new branch may turn out not to run (its wakeup
            // sequence waited on state the search does not simulate).
            while !enabled.contains(&level.actor) {
                self.stats.infeasible += 1;
                level.wut.remove_first();
                let Some(next) = level.wut.first() else {
                    self.dead_end = true;
                    return None;
                };
                level.actor = next.actor;
                level.guide = level.wut.first_subtree();
            }
            return Some(level.actor);
        }
        let mut level = self.spare.pop().unwrap_or_default();
        let mut sleep = std::mem::take(&mut level.sleep);
        let mut wut = match (self.levels.last_mut(), history.last()) {
            (Some(parent), Some(last)) => {
                // A move of the clock orders everything before it before everything after.
                if last.time == now {
                    let depends = |s: &Event| s.actor == last.actor || s.footprint.conflicts(&last.footprint);
                    refill(&mut sleep, parent.sleep.iter().filter(|s| !depends(s)));
                } else {
                    sleep.clear();
                }
                std::mem::take(&mut parent.guide)
            }
            _ => {
                sleep.clear();
                WakeupTree::default()
            }
        };
        while let Some(first) = wut.first() {
            if enabled.contains(&first.actor) {
                break;
            }
            self.stats.infeasible += 1;
            wut.remove_first();
        }
        let (actor, guide) = match wut.first() {
            Some(first) => (first.actor, wut.first_subtree()),
            None => {
                let Some(free) = enabled.iter().find(|a| !sleep.iter().any(|s| s.actor == **a)) else {
                    level.sleep = sleep;
                    self.spare.push(level);
                    return None;
                };
                // The spare level's tree, made the single branch.
                wut = std::mem::take(&mut level.wut);
                wut.make_single(*free);
                (*free, WakeupTree::default())
            }
        };
        level.actor = actor;
        level.sleep = sleep;
        level.wut = wut;
        level.guide = guide;
        self.levels.push(level);
        Some(actor)
    }
}

impl Search for Dpor {
    fn finish(&mut self, execution: &Execution) -> bool {
        let steps = &execution.steps;
        // The replayed prefix's branches already know their first events.
        let replayed = self.same.min(steps.len());
        for (level, step) in self.levels.iter_mut().zip(steps).skip(replayed) {
            level.wut.set_first(step.actor, &step.footprint);
        }
        if execution.outcome.is_some() {
            self.stats.executions += 1;
            self.reverse_races(steps);
            self.reverse_blocked(steps, &execution.pending);
        } else if !std::mem::take(&mut self.dead_end) {
            self.stats.sleep_set_blocked += 1;
        }
        self.backtrack(steps);
        !self.levels.is_empty()
    }

    fn stats(&self) -> Stats {
        self.stats
    }

    fn replayed(&self) -> usize {
        self.same
    }
}
