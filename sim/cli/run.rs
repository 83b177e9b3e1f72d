//! `sim run FILE [--seed N] [--trace] [--max-steps N] [--format text|json]
//! [--chrome-trace OUT.json] [--svg OUT.svg]`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use sim::report::json_events::summary_json;
use sim::runtime::{Both, DEFAULT_MAX_STEPS, Limits, Observer, execute};
use sim::sched::RandomScheduler;

use super::diagnostics::render;
use super::timeline::PictureArgs;
use super::trace::{JsonEvents, Terminal};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// What the program prints, on stdout; the verdict on stderr.
    #[default]
    Text,
    /// One JSON event per line on stdout: a `step` per step, then a `summary`.
    Json,
}

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
    /// Output format: `text` (what the program prints) or `json` (one event per step,
    /// then a summary).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    pictures: PictureArgs,
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
    let out = std::io::BufWriter::new(stdout.lock());
    let err = std::io::BufWriter::new(stderr.lock());
    let mut timeline = args.pictures.builder();
    let mut scheduler = RandomScheduler::new(args.seed);
    let limits = Limits {
        max_steps: DEFAULT_MAX_STEPS,
    };
    let outcome = match args.format {
        Format::Text => {
            let mut terminal = Terminal {
                out,
                err,
                trace: args.trace,
            };
            let outcome = execute(
                &program,
                &mut scheduler,
                &mut Both(&mut terminal, &mut timeline),
                limits,
            );
            let _ = terminal.out.flush();
            let _ = write!(terminal.err, "{}", outcome.verdict);
            let _ = terminal.err.flush();
            outcome
        }
        Format::Json => {
            let mut events = JsonEvents {
                out,
                err,
                trace: args.trace,
            };
            let observer: &mut dyn Observer = &mut events;
            let outcome = execute(&program, &mut scheduler, &mut Both(observer, &mut timeline), limits);
            let _ = writeln!(events.out, "{}", summary_json(&outcome));
            let _ = events.out.flush();
            let _ = events.err.flush();
            outcome
        }
    };
    let title = format!("{} (seed {})", args.file.display(), args.seed);
    if !args.pictures.write(timeline, &outcome, &title) {
        return 2;
    }
    outcome.verdict.exit_code()
}
