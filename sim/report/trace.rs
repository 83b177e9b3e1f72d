//! The trace of a run, one line per step: `[   5.000] thread1  acquire lock`.

use crate::runtime::{Observer, Op, StepEvent};

/// `[   5.000] thread1  acquire lock`; a print shows what it printed.
pub fn trace_line(event: &StepEvent<'_>) -> String {
    let what = step_text(event.op, event.out);
    format!("[{:>8}] {:<8} {}", event.time.to_string(), event.label, what)
}

/// What a trace line says a step did (`acquire lock`, `print 'hello'`), given its
/// operation and what it printed.
pub fn step_text(op: Option<&Op>, out: &str) -> String {
    match op {
        Some(op) if op.name == "print" => {
            let text = out.strip_suffix('\n').unwrap_or(out);
            format!("print {}", crate::pyfmt::str_repr(text))
        }
        Some(op) => op.describe(),
        None => "step".to_string(),
    }
}

/// Collects a run's trace and output as text, keeping at most `limit` trace lines (the
/// rest of the run is counted, and what it prints is still kept).
pub struct TraceRecorder {
    pub text: String,
    pub limit: usize,
    lines: usize,
    /// Steps after the trace was cut off.
    pub elided: u64,
    /// What the program printed after the cut (stdout and stderr).
    pub later_output: String,
}

impl TraceRecorder {
    pub fn new(limit: usize) -> TraceRecorder {
        TraceRecorder {
            text: String::new(),
            limit,
            lines: 0,
            elided: 0,
            later_output: String::new(),
        }
    }
}

impl Observer for TraceRecorder {
    fn wants_ops(&self) -> bool {
        self.lines < self.limit
    }

    fn wants_steps(&self) -> bool {
        true
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        if self.lines < self.limit {
            self.lines += 1;
            self.text.push_str(&trace_line(event));
            self.text.push('\n');
            self.text.push_str(event.err);
        } else {
            self.elided += 1;
            self.later_output.push_str(event.out);
            self.later_output.push_str(event.err);
        }
    }
}
