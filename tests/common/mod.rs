//! Helpers shared by the integration tests: loading scenarios and running them with an
//! observer that records what each step printed and when.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use sim::compile::Program;
use sim::runtime::{Limits, Machine, Observer, Outcome, StepEvent};
use sim::sched::RandomScheduler;

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `sim` binary with `args` in the repository.
pub fn sim(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sim"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("run the sim binary")
}

/// Bytes of a command's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Loads and compiles a scenario, panicking with the diagnostic if it does not.
pub fn program(path: &Path) -> Program {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.display().to_string();
    let scenario = sim::scenario::load(&text, "scenario").unwrap_or_else(|d| panic!("{name}: {}", d.message));
    sim::compile::compile(&scenario, &name, &text).unwrap_or_else(|d| panic!("{name}: {}", d.message))
}

/// Every `*.ron` under `dir`, sorted.
pub fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(scenario_files(&path));
        } else if path.extension().is_some_and(|e| e == "ron") {
            out.push(path);
        }
    }
    out
}

/// Records printed lines with the virtual time (seconds) they were printed at.
#[derive(Default)]
pub struct Printed {
    pub lines: Vec<(f64, String)>,
    pub stdout: String,
    pub stderr: String,
    /// Observe every step (disables steps taken in place).
    pub every_step: bool,
    /// Have every step describe its operation, its task and its wake-ups (implies
    /// `every_step`).
    pub describe: bool,
}

impl Observer for Printed {
    fn wants_ops(&self) -> bool {
        self.describe
    }

    fn wants_steps(&self) -> bool {
        self.every_step || self.describe
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        self.stdout.push_str(event.out);
        self.stderr.push_str(event.err);
        for line in event.out.lines() {
            self.lines.push((event.time.as_secs_f64(), line.to_string()));
        }
    }
}

pub fn run(program: &Program, seed: u64, every_step: bool) -> (Printed, Outcome) {
    observe(
        program,
        seed,
        Printed {
            every_step,
            ..Printed::default()
        },
    )
}

/// Runs `program` under `seed`, watched by `printed`.
pub fn observe(program: &Program, seed: u64, mut printed: Printed) -> (Printed, Outcome) {
    let outcome = Machine::new(program).run(&mut RandomScheduler::new(seed), &mut printed, Limits::default());
    (printed, outcome)
}
