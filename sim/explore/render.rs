//! An exploration's summary as people and programs read it: text (outcomes with their
//! replay commands, failures first) or one JSON object, with or without timings (snapshots
//! leave them out).

use std::path::Path;

use super::Summary;

/// The command that replays a schedule.
pub fn replay_command(file: &Path, schedule: &str) -> String {
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

pub fn json(summary: &Summary, file: &Path, elapsed: f64) -> String {
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

/// The summary as text; `elapsed` (seconds) adds the time and rate to the first line.
pub fn text(summary: &Summary, file: &Path, elapsed: Option<f64>) -> String {
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
    if let Some(elapsed) = elapsed {
        out.push_str(&format!(
            " in {elapsed:.2} s ({:.0} executions/s)",
            rate(summary.executions, elapsed)
        ));
    }
    out.push('\n');
    if let Some(g) = &summary.guarantee {
        out.push_str(g);
        out.push('\n');
    }
    if summary.stopped_on_failure {
        out.push_str("stopped at the first failure\n");
    }
    if summary.truncated {
        out.push_str("cut short by the limit on executions: not every behaviour was seen\n");
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
        let shrunk = match o.minimal {
            Some(true) => ", the fewest that fail this way",
            Some(false) => ", the fewest found within the shrinking budget",
            None => "",
        };
        out.push_str(&format!(
            "\n{} {}: {} ({} steps, {}{shrunk})\n",
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
