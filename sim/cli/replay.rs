//! `sim replay FILE --schedule S [--chrome-trace OUT.json] [--svg OUT.svg]`: reruns exactly one execution,
//! chosen by a schedule string from `sim explore`, and prints it as `sim run --trace` does.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use sim::explore::record::Steering;
use sim::explore::schedule::{Follow, decode};
use sim::runtime::{Both, Limits};

use super::run::load;
use super::timeline::PictureArgs;
use super::trace::Terminal;

#[derive(Args)]
pub struct ReplayArgs {
    /// The scenario file (RON).
    file: PathBuf,
    /// The schedule: the thread chosen at each step where several could run, as `sim
    /// explore` prints it (`t1*3,t2,main`).
    #[arg(long)]
    schedule: String,
    /// Stop a run that takes more steps than this; overrides the scenario's `max_steps`.
    #[arg(long)]
    max_steps: Option<u64>,
    #[command(flatten)]
    pictures: PictureArgs,
}

pub fn run(args: &ReplayArgs) -> i32 {
    let choices = match decode(&args.schedule) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: bad schedule: {e}");
            return 2;
        }
    };
    let Some(mut program) = load(&args.file) else { return 2 };
    if args.max_steps.is_some() {
        program.max_steps = args.max_steps;
    }
    let mut machine = sim::runtime::Machine::new(&program);
    let mut follow = Follow::new(choices);
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let mut terminal = Terminal {
        out: std::io::BufWriter::new(stdout.lock()),
        err: std::io::BufWriter::new(stderr.lock()),
        trace: true,
    };
    let mut timeline = args.pictures.builder();
    let outcome = {
        let mut steering = Steering::new(&mut follow);
        machine.run(
            &mut steering,
            &mut Both(&mut terminal, &mut timeline),
            Limits::default(),
        )
    };
    let _ = terminal.out.flush();
    let _ = terminal.err.flush();
    drop(terminal);
    if let Some(error) = &follow.error {
        eprintln!("error: the schedule does not apply to {}: {error}", args.file.display());
        return 2;
    }
    if follow.unused() > 0 {
        eprintln!(
            "error: the schedule does not apply to {}: the run ended with {} choices of the schedule unused",
            args.file.display(),
            follow.unused()
        );
        return 2;
    }
    eprint!("{}", outcome.verdict);
    let title = format!("{} (schedule {})", args.file.display(), args.schedule);
    if !args.pictures.write(timeline, &outcome, &title) {
        return 2;
    }
    outcome.verdict.exit_code()
}
