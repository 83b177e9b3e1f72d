//! Rendering runs as text: the trace line of a step, and the snapshots of a scenario that
//! tests and `sim check` compare, in the store's file format. Pure functions over the event
//! stream: no I/O.

mod snapshot;
mod snapshot_file;
mod trace;

pub use snapshot::{
    RunSnapshot, SMALL_EXPLORATION, SMALL_RUN, Snapshot, scenario_snapshots, snapshot_exploration, snapshot_runs,
};
pub use snapshot_file::{NEW_SOURCE, SnapshotFile, normalize, snapshot_name};
pub use trace::{TraceRecorder, trace_line};
