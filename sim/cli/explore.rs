//! `sim explore FILE --strategy exhaustive|random|pct ...`: explores a scenario's
//! interleavings and prints the summary (text, or one JSON object with `--format json`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};
use sim::explore::{Options, Progress, Strategy, Summary, explore, render, shard_seeds};
use sim::runtime::Limits;

use super::run::load;

#[derive(Clone, Copy, ValueEnum)]
pub enum StrategyName {
    Exhaustive,
    Random,
    Pct,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Args)]
pub struct ExploreArgs {
    /// The scenario file (RON).
    file: PathBuf,
    /// How to choose the interleavings to run.
    #[arg(long, value_enum, default_value = "exhaustive")]
    strategy: StrategyName,
    /// Seeds to run, `A..B` (B excluded), for random and pct [default: 0..1000].
    #[arg(long, value_parser = parse_seeds, conflicts_with = "runs")]
    seeds: Option<std::ops::Range<u64>>,
    /// Number of runs (seeds 0..N), for random and pct.
    #[arg(long)]
    runs: Option<u64>,
    /// PCT's bug depth.
    #[arg(long, default_value_t = 3)]
    depth: u32,
    /// Exhaustive search of every schedule with at most this many preemptions (no
    /// reduction).
    #[arg(long)]
    max_preemptions: Option<usize>,
    /// Worker threads [default: all cores].
    #[arg(long)]
    jobs: Option<usize>,
    /// Run only shard M of N of the seeds: `count:M/N`.
    #[arg(long, value_parser = parse_partition)]
    partition: Option<(u64, u64)>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Stop at the first failing execution.
    #[arg(long)]
    stop_on_failure: bool,
    /// Stop a run that takes more steps than this; overrides the scenario's `max_steps`.
    #[arg(long)]
    max_steps: Option<u64>,
    /// Executions that shrinking the failures' schedules may spend (0: no shrinking).
    #[arg(long, default_value_t = sim::explore::SHRINK_BUDGET)]
    shrink_budget: u64,
}

fn parse_seeds(text: &str) -> Result<std::ops::Range<u64>, String> {
    let (a, b) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is not a range of seeds like 0..100"))?;
    let a: u64 = a.trim().parse().map_err(|_| format!("`{a}` is not a seed"))?;
    let b: u64 = b.trim().parse().map_err(|_| format!("`{b}` is not a seed"))?;
    if b <= a {
        return Err(format!("the range {a}..{b} has no seeds"));
    }
    Ok(a..b)
}

pub fn parse_partition(text: &str) -> Result<(u64, u64), String> {
    let bad = || format!("`{text}` is not a partition like count:1/4");
    let rest = text.strip_prefix("count:").ok_or_else(bad)?;
    let (m, n) = rest.split_once('/').ok_or_else(bad)?;
    let m: u64 = m.parse().map_err(|_| bad())?;
    let n: u64 = n.parse().map_err(|_| bad())?;
    if n == 0 || m == 0 || m > n {
        return Err(format!("partition {m}/{n}: the shard must be between 1 and {n}"));
    }
    Ok((m, n))
}

pub fn run(args: &ExploreArgs) -> i32 {
    let Some(mut program) = load(&args.file) else { return 2 };
    if args.max_steps.is_some() {
        program.max_steps = args.max_steps;
    }
    let seeds = args.seeds.clone().or(args.runs.map(|n| 0..n)).unwrap_or(0..1000);
    let strategy = match args.strategy {
        StrategyName::Exhaustive => {
            if args.partition.is_some() {
                eprintln!("error: --partition splits seeds; it does not apply to the exhaustive search yet");
                return 2;
            }
            Strategy::Exhaustive {
                max_preemptions: args.max_preemptions,
            }
        }
        StrategyName::Random => Strategy::Random { seeds },
        StrategyName::Pct => {
            if args.depth == 0 {
                eprintln!("error: --depth must be at least 1");
                return 2;
            }
            Strategy::Pct {
                seeds,
                depth: args.depth,
            }
        }
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = Options {
        strategy,
        jobs,
        stop_on_failure: args.stop_on_failure,
        partition: args.partition,
        limits: Limits::default(),
        shrink_budget: args.shrink_budget,
        cutoff: None,
    };
    let started = Instant::now();
    let progress = Progress::default();
    let total = match &options.strategy {
        Strategy::Random { seeds } | Strategy::Pct { seeds, .. } => {
            Some(shard_seeds(seeds.clone(), options.partition).len() as u64)
        }
        Strategy::Exhaustive { .. } => None,
    };
    let mut summary = super::progress::with_bar(&progress, total, || explore(&program, &options, &progress));
    let elapsed = started.elapsed().as_secs_f64();
    summary.scenario = args.file.display().to_string();
    print_summary(&summary, &args.file, elapsed, args.format);
    i32::from(summary.failures > 0)
}

/// Prints a summary on stdout.
pub fn print_summary(summary: &Summary, file: &Path, elapsed: f64, format: Format) {
    let report = match format {
        Format::Json => format!("{}\n", render::json(summary, file, elapsed)),
        Format::Text => render::text(summary, file, Some(elapsed)),
    };
    // A reader that stops early (`| head`) is not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), report.as_bytes());
}
