//! The seeded random scheduler: a uniform choice among the enabled actors at every step
//! where there is more than one.

use super::rng::SimRng;
use super::{Choice, Scheduler};
use crate::runtime::actor::ActorId;

pub struct RandomScheduler {
    rng: SimRng,
}

impl RandomScheduler {
    pub fn new(seed: u64) -> RandomScheduler {
        RandomScheduler { rng: SimRng::new(seed) }
    }
}

impl Scheduler for RandomScheduler {
    fn choose(&mut self, choice: &Choice<'_>) -> ActorId {
        match choice.enabled {
            [only] => *only,
            many => many[self.rng.below(many.len() as u64) as usize],
        }
    }

    fn takes_forced_steps_inline(&self) -> bool {
        true
    }
}
