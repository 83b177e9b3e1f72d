//! Observers of a run for the terminal: program output to stdout as it is printed, and
//! with `--trace` one line per step on stderr (`[   5.000] thread1  acquire lock`); or,
//! with `--format json`, one JSON event per step on stdout.

use std::io::Write;

use sim::report::json_events::step_json;
use sim::report::trace_line;
use sim::runtime::{Observer, StepEvent};

pub struct Terminal<O: Write, E: Write> {
    pub out: O,
    pub err: E,
    pub trace: bool,
}

impl<O: Write, E: Write> Observer for Terminal<O, E> {
    fn wants_ops(&self) -> bool {
        self.trace
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        if self.trace {
            // One stream for people to read: each write goes out in step order.
            let _ = writeln!(self.err, "{}", trace_line(event));
            let _ = self.err.flush();
            let _ = self.out.write_all(event.out.as_bytes());
            let _ = self.out.flush();
        } else {
            let _ = self.out.write_all(event.out.as_bytes());
        }
        if !event.err.is_empty() {
            let _ = self.out.flush();
            let _ = self.err.write_all(event.err.as_bytes());
            let _ = self.err.flush();
        }
    }
}

/// `--format json`: each step as a JSON event on `out` (what the program printed is inside
/// the events, never written raw), and with `--trace` its trace line on `err`.
pub struct JsonEvents<O: Write, E: Write> {
    pub out: O,
    pub err: E,
    pub trace: bool,
}

impl<O: Write, E: Write> Observer for JsonEvents<O, E> {
    fn wants_ops(&self) -> bool {
        true
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        if self.trace {
            let _ = writeln!(self.err, "{}", trace_line(event));
            let _ = self.err.flush();
        }
        let _ = writeln!(self.out, "{}", step_json(event));
    }
}
