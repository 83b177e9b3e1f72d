//! The models on shuttle 0.9, and shuttle's depth-first and random searches of one of them.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::worker::{self, Measurement, panic_message};

crate::models::define_models!(shuttle);

/// One execution of `model`, counted.
fn counted(model: Model) -> impl Fn() + Send + Sync + 'static {
    move || {
        worker::count_execution();
        run_model(model);
    }
}

/// Explores every schedule of `model` with `shuttle::check_dfs` and no iteration bound.
/// Like loom, shuttle fails the whole search at the first failing execution (a deadlock is
/// one); the count is then the executions run until that point.
pub fn exhaustive(model: Model) -> Measurement {
    worker::start_clock();
    let result = catch_unwind(AssertUnwindSafe(|| shuttle::check_dfs(counted(model), None)));
    worker::so_far(result.err().map(|payload| panic_message(payload.as_ref())))
}

/// Runs `runs` random schedules of `model` with `shuttle::check_random`. shuttle stops at
/// the first failing execution; to run as many executions as sim does, the search is
/// started again (with a fresh random seed) for the runs that are left, and `aborted`
/// says how many times that happened.
pub fn random(model: Model, runs: u64) -> Measurement {
    let mut failures = 0u64;
    let mut first_failure = None;
    worker::start_clock();
    loop {
        let done = worker::so_far(None).executions;
        if done >= runs {
            break;
        }
        let left = (runs - done) as usize;
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| shuttle::check_random(counted(model), left))) {
            failures += 1;
            first_failure.get_or_insert_with(|| panic_message(payload.as_ref()));
        }
    }
    let aborted =
        first_failure.map(|message| format!("{failures} failing executions, restarted after each: {message}"));
    worker::so_far(aborted)
}
