//! The models on loom 0.7, and loom's exhaustive search of one of them.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::worker::{self, Measurement, panic_message};

crate::models::define_models!(loom);

/// Explores every execution of `model` with loom's default search (no preemption bound, no
/// iteration or time limit, whatever the `LOOM_*` variables say). loom stops the whole
/// search at the first failing execution (a deadlock is one), by panicking: the count is
/// then the executions run until that point. At a deadlock loom 0.7 goes on to panic again
/// while unwinding, which aborts the process before `catch_unwind` returns, so the result
/// is also reported from a panic hook at the first panic.
pub fn exhaustive(model: Model) -> Measurement {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = None;
    builder.max_permutations = None;
    builder.max_duration = None;
    builder.checkpoint_file = None;
    std::panic::set_hook(Box::new(|info| {
        worker::report(&worker::so_far(Some(panic_message(info.payload()))));
    }));
    worker::start_clock();
    let result = catch_unwind(AssertUnwindSafe(|| {
        builder.check(move || {
            worker::count_execution();
            run_model(model);
        })
    }));
    let _ = std::panic::take_hook();
    worker::so_far(result.err().map(|payload| panic_message(payload.as_ref())))
}
