//! Running the sim binary's `explore` as a subprocess and reading its JSON summary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

/// The sim binary: `$SIM` if set, else `target/release/sim` in the workspace.
pub fn locate() -> Result<PathBuf, String> {
    let path = match std::env::var_os("SIM") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/release/sim"),
    };
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "the sim binary is missing at {}: run `cargo build --release` in the workspace \
             root first (or point the SIM variable at a sim binary)",
            path.display()
        ))
    }
}

/// What one `sim explore --format json` run reported, and its wall time seen from here.
#[derive(Clone, Debug)]
pub struct SimReport {
    pub executions: u64,
    pub sleep_set_blocked: u64,
    /// Wakeup branches sim dropped because they could not run.
    pub infeasible: u64,
    /// sim's own `elapsed_s`: the search only, without starting the process and loading
    /// and compiling the scenario.
    pub elapsed_s: f64,
    pub executions_per_s: f64,
    pub outcomes: usize,
    pub failures: u64,
    /// From spawning the process to its exit, as measured here.
    pub wall_s: f64,
}

/// How sim should search.
#[derive(Clone, Copy, Debug)]
pub enum Search {
    Exhaustive,
    Random(u64),
}

/// Runs `sim explore FILE ... --format json --jobs 1` and reads its summary. sim exits with
/// 1 when an execution failed (a deadlock, say): that is a result, not an error.
pub fn explore(sim: &Path, file: &Path, search: Search) -> Result<SimReport, String> {
    let mut command = Command::new(sim);
    command.arg("explore").arg(file);
    match search {
        Search::Exhaustive => command.args(["--strategy", "exhaustive"]),
        Search::Random(runs) => command.args(["--strategy", "random", "--runs", &runs.to_string()]),
    };
    command.args(["--format", "json", "--jobs", "1"]);
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run {}: {e}", sim.display()))?;
    let wall_s = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let value: Value = serde_json::from_str(stdout.trim()).map_err(|e| {
        format!(
            "sim explore {} ({}) printed no JSON summary ({e}): {}",
            file.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )
    })?;
    let number = |key: &str| {
        value[key]
            .as_f64()
            .ok_or_else(|| format!("sim's summary has no number `{key}`"))
    };
    Ok(SimReport {
        executions: number("executions")? as u64,
        sleep_set_blocked: number("sleep_set_blocked")? as u64,
        infeasible: value["infeasible"].as_u64().unwrap_or(0),
        elapsed_s: number("elapsed_s")?,
        executions_per_s: number("executions_per_s")?,
        outcomes: value["outcomes"].as_array().map_or(0, Vec::len),
        failures: value["failures"].as_u64().unwrap_or(0),
        wall_s,
    })
}
