//! The results: one row per model, printed as markdown tables, and the targets checked
//! against them.

use crate::models::Model;
use crate::sim_runner::SimReport;
use crate::worker::Measurement;

/// Everything measured for one model.
pub struct Row {
    pub model: Model,
    pub sim: Result<SimReport, String>,
    pub loom: Result<Measurement, String>,
    pub shuttle_dfs: Result<Measurement, String>,
    pub sim_random: Result<SimReport, String>,
    pub shuttle_random: Result<Measurement, String>,
}

/// A duration, in the unit that suits it.
fn time(seconds: f64) -> String {
    if seconds < 1e-3 {
        format!("{:.0} µs", seconds * 1e6)
    } else if seconds < 1.0 {
        format!("{:.1} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

/// Why a search stopped early, in a few words.
fn stop_reason(why: &str) -> String {
    if let Some(rest) = why.strip_prefix("timeout: stopped after ") {
        format!("timeout at {rest}, unfinished")
    } else if why.contains("deadlock") {
        "aborts at deadlock".to_string()
    } else {
        "aborts at a failure".to_string()
    }
}

/// A count of executions; a search that stopped early is marked.
fn executions(m: &Measurement) -> String {
    match &m.aborted {
        None => m.executions.to_string(),
        Some(why) => format!("{} ({})", m.executions, stop_reason(why)),
    }
}

fn rate(executions: u64, seconds: f64) -> f64 {
    executions as f64 / seconds
}

fn ratio(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}x")
    } else {
        format!("{value:.1}x")
    }
}

fn cell<T>(result: &Result<T, String>, show: impl Fn(&T) -> String) -> String {
    match result {
        Ok(value) => show(value),
        Err(error) => format!("error: {error}"),
    }
}

/// loom's time over sim's, on sim's own `elapsed_s`.
fn speedup(row: &Row) -> Option<f64> {
    let (Ok(sim), Ok(loom)) = (&row.sim, &row.loom) else {
        return None;
    };
    Some(loom.elapsed_s / sim.elapsed_s)
}

/// sim's random executions per second over shuttle's.
fn random_ratio(row: &Row) -> Option<f64> {
    let (Ok(sim), Ok(shuttle)) = (&row.sim_random, &row.shuttle_random) else {
        return None;
    };
    Some(sim.executions_per_s / rate(shuttle.executions, shuttle.elapsed_s))
}

/// The main table.
pub fn print_results(rows: &[Row]) {
    println!(
        "| model | sim executions | loom executions | shuttle DFS executions | sim time | loom time \
         | shuttle DFS time | sim random exec/s | shuttle random exec/s | loom time / sim time \
         | sim rate / shuttle rate |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for row in rows {
        let aborted_note = |m: &Measurement| match &m.aborted {
            Some(why) if why.starts_with("timeout") => " (timeout)",
            Some(_) => " (to abort)",
            None => "",
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.model.name(),
            cell(&row.sim, |s| s.executions.to_string()),
            cell(&row.loom, executions),
            cell(&row.shuttle_dfs, executions),
            cell(&row.sim, |s| time(s.elapsed_s)),
            cell(&row.loom, |m| format!("{}{}", time(m.elapsed_s), aborted_note(m))),
            cell(&row.shuttle_dfs, |m| format!(
                "{}{}",
                time(m.elapsed_s),
                aborted_note(m)
            )),
            cell(&row.sim_random, |s| format!("{:.0}", s.executions_per_s)),
            cell(&row.shuttle_random, |m| {
                let restarts = if m.aborted.is_some() {
                    " (restarted at failures)"
                } else {
                    ""
                };
                format!("{:.0}{restarts}", rate(m.executions, m.elapsed_s))
            }),
            speedup(row).map_or("-".to_string(), |r| {
                let partial = matches!(&row.loom, Ok(m) if m.aborted.is_some());
                format!("{}{}", ratio(r), if partial { " (loom did not finish)" } else { "" })
            }),
            random_ratio(row).map_or("-".to_string(), ratio),
        );
    }
}

/// sim's side in more detail: what its summary said besides the counts.
pub fn print_sim_details(rows: &[Row]) {
    println!(
        "| model | expected traces | sim executions | sim outcomes | sim failing executions \
         | sim sleep-set blocked | sim infeasible branches | sim search time | sim wall time incl. process \
         | sim random runs wall time |"
    );
    println!("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for row in rows {
        let expected = row.model.expected_traces();
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.model.name(),
            expected.map_or("-".to_string(), |n| n.to_string()),
            cell(&row.sim, |s| {
                let mismatch = expected.is_some_and(|n| n != s.executions);
                format!("{}{}", s.executions, if mismatch { " MISMATCH" } else { "" })
            }),
            cell(&row.sim, |s| s.outcomes.to_string()),
            cell(&row.sim, |s| s.failures.to_string()),
            cell(&row.sim, |s| s.sleep_set_blocked.to_string()),
            cell(&row.sim, |s| s.infeasible.to_string()),
            cell(&row.sim, |s| time(s.elapsed_s)),
            cell(&row.sim, |s| time(s.wall_s)),
            cell(&row.sim_random, |s| time(s.wall_s)),
        );
    }
}

/// The targets, each with whether it is met; returns whether all are.
pub fn print_targets(rows: &[Row]) -> bool {
    let mut all_met = true;
    let mut verdict = |met: bool| {
        all_met &= met;
        if met { "MET" } else { "NOT MET" }
    };

    // 1. Never more executions than loom, where loom finished its search.
    let mut worse = Vec::new();
    let mut not_comparable = Vec::new();
    for row in rows {
        match (&row.sim, &row.loom) {
            (Ok(sim), Ok(loom)) if loom.aborted.is_none() => {
                if sim.executions > loom.executions {
                    worse.push(format!(
                        "{} ({} > {})",
                        row.model.name(),
                        sim.executions,
                        loom.executions
                    ));
                }
            }
            _ => not_comparable.push(row.model.name()),
        }
    }
    let met = worse.is_empty();
    println!(
        "- never more executions than loom: {}{}{}",
        verdict(met),
        if met {
            String::new()
        } else {
            format!(": {}", worse.join(", "))
        },
        if not_comparable.is_empty() {
            String::new()
        } else {
            format!(" (not comparable, loom did not finish: {})", not_comparable.join(", "))
        }
    );

    // 2. mutex counter n = 5 at least 50x faster than loom.
    let row = rows.iter().find(|row| row.model == Model::MutexCounter(5));
    match row.and_then(|row| speedup(row).map(|r| (row, r))) {
        Some((row, r)) => {
            let wall = match (&row.sim, &row.loom) {
                (Ok(sim), Ok(loom)) => format!(
                    ", {} counting sim's process start-up",
                    ratio(loom.elapsed_s / sim.wall_s)
                ),
                _ => String::new(),
            };
            println!(
                "- mutex_counter_5 at least 50x faster than loom: {} ({} on sim's search time{wall})",
                verdict(r >= 50.0),
                ratio(r)
            );
        }
        None => println!(
            "- mutex_counter_5 at least 50x faster than loom: {} (not measured)",
            verdict(false)
        ),
    }

    // 3. Random search at least 10x shuttle's executions per second, on every model.
    let ratios: Vec<(String, Option<f64>)> = rows.iter().map(|row| (row.model.name(), random_ratio(row))).collect();
    let short: Vec<String> = ratios
        .iter()
        .filter(|(_, r)| r.is_none_or(|r| r < 10.0))
        .map(|(name, r)| format!("{name} ({})", r.map_or("not measured".to_string(), ratio)))
        .collect();
    let lowest = ratios.iter().filter_map(|(_, r)| *r).fold(f64::INFINITY, f64::min);
    println!(
        "- random search at least 10x shuttle's executions per second: {} (lowest ratio {}{})",
        verdict(short.is_empty()),
        ratio(lowest),
        if short.is_empty() {
            String::new()
        } else {
            format!("; below 10x: {}", short.join(", "))
        }
    );
    all_met
}
