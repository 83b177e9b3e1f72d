//! Rendering runs: the trace line of a step, the snapshots of a scenario that tests and
//! `sim check` compare (in the store's file format), a run's timeline (lanes, intervals,
//! wake-ups), its Chrome trace and SVG picture, and JSON events. Pure functions over the event stream:
//! no I/O.

pub mod chrome;
pub mod json_events;
mod snapshot;
mod snapshot_file;
pub mod svg;
pub mod timeline;
mod trace;
pub mod verdict;

pub use snapshot::{
    RunSnapshot, SMALL_EXPLORATION, SMALL_RUN, Snapshot, scenario_snapshots, snapshot_exploration, snapshot_runs,
};
pub use snapshot_file::{NEW_SOURCE, SnapshotFile, normalize, snapshot_name};
pub use timeline::{Timeline, TimelineBuilder};
pub use trace::{TraceRecorder, step_text, trace_line};
