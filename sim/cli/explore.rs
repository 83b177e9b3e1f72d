//! `sim explore FILE --strategy exhaustive|random|pct ...`: explores a scenario's
//! interleavings and prints the summary (text, or one JSON object with `--format json`).

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::{Args, ValueEnum};
use sim::explore::{Options, Progress, Strategy, Summary, explore};
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

fn parse_partition(text: &str) -> Result<(u64, u64), String> {
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
    };
    let started = Instant::now();
    let progress = Progress::default();
    let mut summary = explore(&program, &options, &progress);
    let elapsed = started.elapsed().as_secs_f64();
    summary.scenario = args.file.display().to_string();
    match args.format {
        Format::Json => println!("{}", json(&summary, &args.file, elapsed)),
        Format::Text => print!("{}", text(&summary, &args.file, elapsed)),
    }
    i32::from(summary.failures > 0)
}

/// The command that replays a schedule.
fn replay_command(file: &Path, schedule: &str) -> String {
    format!(
        "sim replay {} --schedule {}",
        quote(&file.display().to_string()),
        quote(schedule)
    )
}

/// Quotes a word for a POSIX shell when it needs it.
fn quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

fn rate(executions: u64, elapsed: f64) -> f64 {
    if elapsed > 0.0 {
        executions as f64 / elapsed
    } else {
        0.0
    }
}

fn json(summary: &Summary, file: &Path, elapsed: f64) -> String {
    let mut value = serde_json::to_value(summary).expect("a summary serialises");
    if let Some(outcomes) = value.get_mut("outcomes").and_then(|o| o.as_array_mut()) {
        for (o, s) in outcomes.iter_mut().zip(&summary.outcomes) {
            o["replay"] = replay_command(file, &s.schedule).into();
        }
    }
    value["elapsed_s"] = elapsed.into();
    value["executions_per_s"] = rate(summary.executions, elapsed).into();
    value.to_string()
}

/// Outcomes shown in full in the text summary (failures are always shown).
const SHOWN: usize = 10;

fn text(summary: &Summary, file: &Path, elapsed: f64) -> String {
    let mut out = String::new();
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{}: {} search, {}",
        file.display(),
        summary.strategy,
        plural(summary.executions, "execution")
    ));
    if summary.strategy == "exhaustive" {
        out.push_str(&format!(", {} sleep-set blocked", summary.sleep_set_blocked));
    }
    out.push_str(&format!(
        " in {elapsed:.2} s ({:.0} executions/s)\n",
        rate(summary.executions, elapsed)
    ));
    if let Some(g) = &summary.guarantee {
        out.push_str(g);
        out.push('\n');
    }
    if summary.stopped_on_failure {
        out.push_str("stopped at the first failure\n");
    }
    out.push_str(&format!(
        "{}, {}\n",
        plural(summary.outcomes.len() as u64, "distinct outcome"),
        plural(summary.failures, "failing execution")
    ));
    let mut shown = 0;
    for (n, o) in summary.outcomes.iter().enumerate() {
        if !o.failure && shown >= SHOWN {
            out.push_str(&format!(
                "\n... {} more outcomes (--format json lists them all)\n",
                summary.outcomes.len() - n
            ));
            break;
        }
        shown += usize::from(!o.failure);
        out.push_str(&format!(
            "\n{} {}: {} ({} steps, {})\n",
            if o.failure { "FAILURE" } else { "outcome" },
            n + 1,
            plural(o.count, "execution"),
            o.steps,
            plural(o.preemptions as u64, "preemption")
        ));
        if !o.output.is_empty() {
            out.push_str("  output:\n");
            for line in o.output.lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        if !o.globals.is_empty() {
            out.push_str("  globals:\n");
            for line in o.globals.lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }
        for line in o.verdict.lines() {
            out.push_str(&format!("  {line}\n"));
        }
        out.push_str(&format!("  replay: {}\n", replay_command(file, &o.schedule)));
    }
    out
}
