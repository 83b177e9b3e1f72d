//! The command line: parses arguments, loads files, runs the library, prints, and turns
//! results into exit codes (0 ok, 1 a failed run, 2 a scenario that cannot be loaded or a
//! wrong command line).

mod check;
mod diagnostics;
mod explore;
mod merge;
mod progress;
mod replay;
mod run;
mod timeline;
mod trace;
mod unreferenced;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "sim",
    version,
    about = "A deterministic concurrency simulator for Python-style threads, locks, queues and coroutines"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario once under a seeded random scheduler.
    Run(run::RunArgs),
    /// Explore a scenario's interleavings: every behaviour it can have (exhaustive), or a
    /// sample (random, pct), with a schedule that replays each.
    Explore(explore::ExploreArgs),
    /// Rerun one execution from a schedule that `sim explore` printed, with its trace.
    Replay(replay::ReplayArgs),
    /// Combine the JSON summaries of an exploration's shards (`--partition count:M/N`)
    /// into the summary of the unsplit run.
    Merge(merge::MergeArgs),
    /// Check scenarios against their stored snapshots (traced runs and exploration
    /// summaries); `--bless` accepts new and changed ones.
    Check(check::CheckArgs),
    /// Print a scenario's compiled bytecode (for debugging).
    #[command(hide = true)]
    Dis {
        file: std::path::PathBuf,
        /// Include the built-in library's code.
        #[arg(long)]
        library: bool,
    },
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Explore(args) => explore::run(&args),
        Command::Replay(args) => replay::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Dis { file, library } => match run::load(&file) {
            Some(p) => {
                print!("{}", sim::compile::disassemble(&p, library));
                0
            }
            None => 2,
        },
    }
}
