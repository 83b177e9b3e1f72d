//! sim: a deterministic concurrency simulator for Python-style threads, locks, queues,
//! generators and coroutines, on a virtual clock under a seeded scheduler.
//!
//! The pipeline: [`scenario`] loads a RON file into a syntax tree, [`compile`] turns it
//! into an immutable [`compile::Program`], [`runtime`] runs a program under a
//! [`sched::Scheduler`] and reports each step to an observer. The command line in `cli`
//! (binary only) owns files, output and exit codes; nothing in this library does I/O.

pub mod compile;
pub mod diagnostic;
pub mod explore;
pub mod pyfmt;
pub mod report;
pub mod runtime;
pub mod scenario;
pub mod sched;
pub mod syntax;
