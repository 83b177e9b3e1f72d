//! `sim run FILE [--seed N] [--trace] [--max-steps N]`.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use sim::runtime::{DEFAULT_MAX_STEPS, Limits, execute};
use sim::sched::RandomScheduler;

use super::diagnostics::render;
use super::trace::Terminal;

#[derive(Args)]
pub struct RunArgs {
    /// The scenario file (RON).
    file: PathBuf,
    /// Seed of the random scheduler: the same seed gives the same run.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Print every step on stderr with its virtual time and thread.
    #[arg(long)]
    trace: bool,
    /// Stop a run that takes more steps than this (an endless loop or livelock); overrides
    /// the scenario's `max_steps` [default: 50000000].
    #[arg(long)]
    max_steps: Option<u64>,
}

/// Reads and compiles a scenario; on failure prints the error and returns `None`.
pub fn load(file: &std::path::Path) -> Option<sim::compile::Program> {
    match compile_file(file, &file.display().to_string()) {
        Ok(p) => Some(p),
        Err(e) => {
            eprint!("{e}");
            None
        }
    }
}

/// Reads and compiles the scenario at `file`, naming it `name` in diagnostics and
/// verdicts; on failure returns the error as it should be printed.
pub fn compile_file(file: &std::path::Path, name: &str) -> Result<sim::compile::Program, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("error: cannot read {name}: {e}\n"))?;
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    sim::scenario::load(&text, &stem)
        .and_then(|s| sim::compile::compile(&s, name, &text))
        .map_err(|d| render(&d, name, &text))
}

pub fn run(args: &RunArgs) -> i32 {
    let Some(mut program) = load(&args.file) else { return 2 };
    if args.max_steps.is_some() {
        program.max_steps = args.max_steps;
    }
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut terminal = Terminal {
        out: std::io::BufWriter::new(stdout.lock()),
        err: std::io::BufWriter::new(stderr.lock()),
        trace: args.trace,
    };
    let mut scheduler = RandomScheduler::new(args.seed);
    let outcome = execute(
        &program,
        &mut scheduler,
        &mut terminal,
        Limits {
            max_steps: DEFAULT_MAX_STEPS,
        },
    );
    let _ = terminal.out.flush();
    let _ = write!(terminal.err, "{}", outcome.verdict);
    let _ = terminal.err.flush();
    outcome.verdict.exit_code()
}
