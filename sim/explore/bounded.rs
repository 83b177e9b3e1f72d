//! Exhaustive search bounded by preemptions (`--max-preemptions K`): every schedule that
//! switches away from a thread that could go on at most K times, in depth-first order.
//! No reduction: each such schedule is one execution.

use super::record::{Chooser, Execution, Step};
use super::schedule::preemptions;
use super::{Search, Stats};
use crate::runtime::actor::ActorId;
use crate::sched::Choice;

struct Level {
    options: Vec<ActorId>,
    at: usize,
}

pub struct Bounded {
    limit: usize,
    levels: Vec<Level>,
    pub executions: u64,
}

impl Bounded {
    pub fn new(limit: usize) -> Bounded {
        Bounded {
            limit,
            levels: Vec::new(),
            executions: 0,
        }
    }
}

impl Chooser for Bounded {
    fn choose(&mut self, choice: &Choice<'_>, history: &[Step]) -> Option<ActorId> {
        let enabled = choice.enabled;
        if let Some(level) = self.levels.get(history.len()) {
            return Some(level.options[level.at]);
        }
        let previous = history.last().map(|s| s.actor).filter(|a| enabled.contains(a));
        let options = match previous {
            Some(p) if preemptions(history) >= self.limit => vec![p],
            Some(p) => std::iter::once(p)
                .chain(enabled.iter().copied().filter(|a| *a != p))
                .collect(),
            None => enabled.to_vec(),
        };
        let first = options[0];
        self.levels.push(Level { options, at: 0 });
        Some(first)
    }
}

impl Search for Bounded {
    fn finish(&mut self, execution: &Execution) -> bool {
        self.executions += 1;
        self.levels.truncate(execution.steps.len());
        while let Some(level) = self.levels.last_mut() {
            level.at += 1;
            if level.at < level.options.len() {
                return true;
            }
            self.levels.pop();
        }
        false
    }

    fn stats(&self) -> Stats {
        Stats {
            executions: self.executions,
            ..Stats::default()
        }
    }
}
