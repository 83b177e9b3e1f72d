//! What the benchmarks share: timing a run as the best of several, since the machine may
//! be shared.

use std::time::{Duration, Instant};

/// Runs `f` `runs` times; the shortest time and the last run's value.
pub fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}
