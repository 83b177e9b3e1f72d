//! Running a compiled program: the machine state, the interpreter, the native library of
//! Python's built-ins, `threading` and `queue`, and the step loop that asks the scheduler
//! who goes next. No I/O, no wall clock, no OS threads: a run is a pure function of the
//! program and the scheduler's choices.

pub mod actor;
mod aio;
mod attr;
mod call;
mod checkpoint;
pub mod classes;
mod describe;
mod dict;
pub mod events;
mod exceptions;
mod exec;
mod fast;
pub mod footprint;
mod format;
mod generators;
mod handover;
pub mod heap;
mod items;
pub mod machine;
pub mod natives;
mod object;
mod ops;
mod others;
pub mod pending;
mod pyset;
mod python_text;
mod run;
pub mod snapshot;
mod sorting;
mod special_methods;
mod state;
mod sync;
pub mod time;
mod touches;
pub mod value;
pub mod verdict;
mod wakes;

pub use events::{Blocked, Blocking, Both, Observer, Op, OpKind, Quiet, StepEvent, TaskStep, WaitKind, Wake};
pub use machine::Machine;
pub use run::{DEFAULT_MAX_STEPS, Limits, Outcome, execute};
pub use verdict::Verdict;
