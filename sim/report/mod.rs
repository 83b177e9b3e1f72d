//! Rendering runs: the trace line of a step, the snapshot of a scenario's runs that tests
//! and `sim check` compare, a run's timeline (lanes, intervals, wake-ups) and its Chrome
//! trace, and JSON events. Pure functions over the event stream: no I/O.

pub mod chrome;
pub mod json_events;
mod snapshot;
pub mod timeline;
mod trace;
pub mod verdict;

pub use snapshot::{RunSnapshot, SMALL_EXPLORATION, SMALL_RUN, snapshot_exploration, snapshot_runs};
pub use timeline::{Timeline, TimelineBuilder};
pub use trace::{TraceRecorder, step_text, trace_line};
