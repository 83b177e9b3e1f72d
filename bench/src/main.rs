//! `cargo run --release -p sim-bench`: sim's `explore` against loom and shuttle on the same
//! models, single-core, in one run. See `bench/README.md` for what is measured and how.

mod models;
mod models_loom;
mod models_shuttle;
mod sim_runner;
mod table;
mod worker;

use std::process::ExitCode;
use std::time::Duration;

use models::Model;
use sim_runner::Search;
use table::Row;
use worker::Job;

/// Random-search runs per model (`SIM_BENCH_RUNS` overrides).
const DEFAULT_RUNS: u64 = 10_000;
/// A loom or shuttle search is stopped after this long (`SIM_BENCH_TIMEOUT_S` overrides).
const DEFAULT_TIMEOUT_S: u64 = 180;
/// Each measurement is repeated up to this many times and the fastest kept...
const REPEATS: usize = 3;
/// ...unless the repetitions so far took this long.
const REPEAT_BUDGET_S: f64 = 5.0;

fn env_number(name: &str, default: u64) -> Result<u64, String> {
    match std::env::var(name) {
        Ok(text) => text.parse().map_err(|_| format!("{name}=`{text}` is not a number")),
        Err(_) => Ok(default),
    }
}

/// The fastest of up to `REPEATS` runs of `measure`, by the time `elapsed` reads off each.
fn best_of<T>(mut measure: impl FnMut() -> Result<T, String>, elapsed: impl Fn(&T) -> f64) -> Result<T, String> {
    let mut best: Option<T> = None;
    let mut spent = 0.0;
    for _ in 0..REPEATS {
        let result = measure()?;
        spent += elapsed(&result);
        if best.as_ref().is_none_or(|b| elapsed(&result) < elapsed(b)) {
            best = Some(result);
        }
        if spent > REPEAT_BUDGET_S {
            break;
        }
    }
    best.ok_or_else(|| "no measurement".to_string())
}

fn measure(model: Model, sim: &std::path::Path, runs: u64, timeout: Duration) -> Row {
    let file = model.sim_file();
    eprintln!("measuring {} ...", model.name());
    let sim_time = |r: &sim_runner::SimReport| r.elapsed_s;
    let worker_time = |m: &worker::Measurement| m.elapsed_s;
    Row {
        model,
        sim: best_of(|| sim_runner::explore(sim, &file, Search::Exhaustive), sim_time),
        loom: best_of(|| worker::run(Job::LoomExhaustive, model, timeout), worker_time),
        shuttle_dfs: best_of(|| worker::run(Job::ShuttleDfs, model, timeout), worker_time),
        sim_random: best_of(|| sim_runner::explore(sim, &file, Search::Random(runs)), sim_time),
        shuttle_random: best_of(|| worker::run(Job::ShuttleRandom(runs), model, timeout), worker_time),
    }
}

fn run() -> Result<bool, String> {
    let sim = sim_runner::locate()?;
    let runs = env_number("SIM_BENCH_RUNS", DEFAULT_RUNS)?;
    let timeout = Duration::from_secs(env_number("SIM_BENCH_TIMEOUT_S", DEFAULT_TIMEOUT_S)?);
    let rows: Vec<Row> = models::ALL
        .iter()
        .map(|&model| measure(model, &sim, runs, timeout))
        .collect();

    println!("# sim explore vs loom 0.7 vs shuttle 0.9 (single core)");
    println!();
    println!(
        "sim: {} (`--jobs 1`); times are each search's own, best of up to {REPEATS} runs; \
         random search: {runs} runs per model.",
        sim.display()
    );
    println!();
    table::print_results(&rows);
    println!();
    println!("## sim in detail");
    println!();
    table::print_sim_details(&rows);
    println!();
    println!("## Targets");
    println!();
    Ok(table::print_targets(&rows))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "worker") {
        return match worker::main(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        };
    }
    match run() {
        // Missed targets are a result, reported in the output, not a failure of the run.
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
