//! Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): threads get random
//! distinct priorities, the highest-priority thread that can run always runs, and at
//! `depth - 1` random steps the running thread drops below every other. A bug of depth
//! `d` shows up with probability at least `1 / (n * k^(d-1))` per run, for `n` threads and
//! `k` steps.

use super::rng::SimRng;
use super::{Choice, Scheduler};
use crate::runtime::actor::ActorId;

pub struct PctScheduler {
    rng: SimRng,
    /// Per thread, once seen; higher runs first.
    priorities: Vec<Option<u64>>,
    /// Steps (1-based) where the running thread is lowered, with the priority it gets.
    change_points: Vec<(u64, u64)>,
}

impl PctScheduler {
    /// A scheduler for runs of about `steps` steps, finding bugs of depth `depth`.
    pub fn new(seed: u64, depth: u32, steps: u64) -> PctScheduler {
        let mut rng = SimRng::new(seed);
        let lowered = u64::from(depth.saturating_sub(1));
        let change_points = (0..lowered)
            .map(|j| (1 + rng.below(steps.max(1)), lowered - j))
            .collect();
        PctScheduler {
            rng,
            priorities: Vec::new(),
            change_points,
        }
    }

    fn priority(&mut self, actor: ActorId) -> u64 {
        if self.priorities.len() <= actor {
            self.priorities.resize(actor + 1, None);
        }
        // Initial priorities lie above every lowered one (at most `depth - 1`).
        *self.priorities[actor].get_or_insert_with(|| 1 << 20 | self.rng.below(1 << 40) << 20 | actor as u64)
    }

    fn highest(&mut self, enabled: &[ActorId]) -> ActorId {
        let mut best = enabled[0];
        let mut best_priority = self.priority(best);
        for &a in &enabled[1..] {
            let p = self.priority(a);
            if p > best_priority {
                best = a;
                best_priority = p;
            }
        }
        best
    }
}

impl Scheduler for PctScheduler {
    fn choose(&mut self, choice: &Choice<'_>) -> ActorId {
        let step = choice.step + 1;
        let mut chosen = self.highest(choice.enabled);
        for i in 0..self.change_points.len() {
            let (at, lowered) = self.change_points[i];
            if at == step {
                self.priority(chosen);
                self.priorities[chosen] = Some(lowered);
                chosen = self.highest(choice.enabled);
            }
        }
        chosen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::time::Time;

    fn pick(s: &mut PctScheduler, enabled: &[ActorId], step: u64) -> ActorId {
        s.choose(&Choice {
            enabled,
            previous: None,
            step,
            now: Time::ZERO,
            actors: &[],
        })
    }

    #[test]
    fn without_change_points_one_thread_keeps_running() {
        let mut s = PctScheduler::new(7, 1, 100);
        let first = pick(&mut s, &[0, 1, 2], 0);
        for step in 1..50 {
            assert_eq!(pick(&mut s, &[0, 1, 2], step), first);
        }
    }

    #[test]
    fn a_change_point_lowers_the_running_thread() {
        // The only change point is step 1: the thread that would have run there is
        // lowered below the other, which runs from then on.
        let mut s = PctScheduler::new(3, 2, 1);
        let chosen = pick(&mut s, &[0, 1], 0);
        assert_eq!(s.priorities[1 - chosen], Some(1));
        for step in 1..20 {
            assert_eq!(pick(&mut s, &[0, 1], step), chosen);
        }
    }
}
