//! Rendering runs as text: the trace line of a step, and the snapshot of a scenario's runs
//! that tests and `sim check` compare. Pure functions over the event stream: no I/O.

mod snapshot;
mod trace;

pub use snapshot::{RunSnapshot, SMALL_EXPLORATION, SMALL_RUN, snapshot_exploration, snapshot_runs};
pub use trace::{TraceRecorder, trace_line};
