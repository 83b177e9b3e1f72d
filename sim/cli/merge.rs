//! `sim merge A.json B.json ...`: combines the JSON summaries of the shards of one
//! exploration (`sim explore --partition count:M/N --format json`) into the summary of the
//! unsplit run, printed as `sim explore` prints it.

use std::path::{Path, PathBuf};

use clap::Args;
use sim::explore::{Summary, merge};

use super::explore::{Format, print_summary};

#[derive(Args)]
pub struct MergeArgs {
    /// The shards' summaries (`sim explore ... --format json` output), one file each.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// A shard's summary and how long it ran.
fn read(path: &Path) -> Result<(Summary, f64), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}:{}:{}: not JSON: {e}", path.display(), e.line(), e.column()))?;
    let elapsed = value.get("elapsed_s").and_then(|v| v.as_f64()).unwrap_or(0.0);
    let summary = serde_json::from_value(value)
        .map_err(|e| format!("{}: not a summary of `sim explore --format json`: {e}", path.display()))?;
    Ok((summary, elapsed))
}

pub fn run(args: &MergeArgs) -> i32 {
    let mut shards = Vec::new();
    let mut elapsed: f64 = 0.0;
    for file in &args.files {
        match read(file) {
            Ok((summary, seconds)) => {
                shards.push(summary);
                elapsed = elapsed.max(seconds);
            }
            Err(e) => {
                eprintln!("error: {e}");
                return 2;
            }
        }
    }
    match merge(shards) {
        Ok(summary) => {
            // The shards ran side by side: the merged run took as long as the slowest.
            print_summary(&summary, Path::new(&summary.scenario), elapsed, args.format);
            i32::from(summary.failures > 0)
        }
        Err(e) => {
            eprintln!("error: cannot merge: {e}");
            2
        }
    }
}
