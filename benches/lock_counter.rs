//! `cargo bench --bench lock_counter`: the tutorial's lock counter (2 threads x 1,000,000
//! locked updates, about 8 million steps) under the seeded random scheduler, timed
//! against CPython running the tutorial's own program in the same run; then the peak
//! memory of the same scenario at 1,000,000 and 10,000,000 iterations.
//!
//! Prints steps per second, both times, and their ratio (target: at most 0.25), and the
//! two peaks (target: within 10%). Times are the best of several runs, since the
//! machine may be shared.

use std::path::Path;
use std::process::Command;

mod common;

use common::best;
use sim::runtime::{Limits, Machine, Quiet};
use sim::sched::RandomScheduler;

/// Runs of each side; the best is kept. sim's runs are short, so it gets more of them.
const SIM_RUNS: usize = 15;
const PYTHON_RUNS: usize = 7;

fn program(text: &str) -> sim::compile::Program {
    let scenario = sim::scenario::load(text, "lock_counter").expect("scenario loads");
    sim::compile::compile(&scenario, "lock_counter.ron", text).expect("scenario compiles")
}

/// Peak resident memory of this process so far, in kB (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("scenarios/seed/lock_counter.ron")).expect("scenario file");
    let prog = program(&text);
    let limits = Limits { max_steps: 200_000_000 };

    let (sim_time, outcome) = best(SIM_RUNS, || {
        let mut machine = Machine::new(&prog);
        machine.run(&mut RandomScheduler::new(0), &mut Quiet, limits)
    });
    assert!(
        outcome.verdict.is_ok(),
        "the lock counter run failed: {}",
        outcome.verdict
    );
    let steps = outcome.steps;

    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = root.join("benches/lock_counter.py");
    let (py_time, ok) = best(PYTHON_RUNS, || {
        let out = Command::new(&python)
            .arg(&script)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("Final value of shared_resource: 0")
    });
    assert!(ok, "{python} did not print the expected result");

    let ratio = sim_time.as_secs_f64() / py_time.as_secs_f64();
    println!("lock counter: {steps} steps");
    println!(
        "  sim      {:>8.3} s  ({:.1} M steps/s)",
        sim_time.as_secs_f64(),
        steps as f64 / sim_time.as_secs_f64() / 1e6
    );
    println!("  CPython  {:>8.3} s  ({python})", py_time.as_secs_f64());
    println!(
        "  ratio    {ratio:>8.3}  (target: at most 0.25) {}",
        if ratio <= 0.25 { "ok" } else { "MISSED" }
    );

    let before = peak_rss_kb();
    let mut peaks = Vec::new();
    for iterations in [1_000_000u64, 10_000_000] {
        let scaled = program(&text.replace("1000000", &iterations.to_string()));
        let mut machine = Machine::new(&scaled);
        let outcome = machine.run(&mut RandomScheduler::new(0), &mut Quiet, limits);
        assert!(outcome.verdict.is_ok(), "{iterations} iterations: {}", outcome.verdict);
        peaks.push((iterations, outcome.steps, peak_rss_kb()));
    }
    match (before, peaks[0].2, peaks[1].2) {
        (Some(_), Some(small), Some(large)) => {
            let growth = (large as f64 - small as f64) / small as f64;
            println!("peak memory (process high-water mark after each run):");
            for (iterations, steps, peak) in &peaks {
                println!(
                    "  {iterations:>10} iterations, {steps:>10} steps: {} kB",
                    peak.unwrap_or(0)
                );
            }
            println!(
                "  growth   {:>7.1}%  (target: within 10%) {}",
                growth * 100.0,
                if growth <= 0.10 { "ok" } else { "MISSED" }
            );
        }
        _ => println!("peak memory: unavailable (needs /proc/self/status)"),
    }
}
