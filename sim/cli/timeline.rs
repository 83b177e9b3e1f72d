//! `--chrome-trace OUT.json`: the run's timeline, written as a Chrome trace file.

use std::path::Path;

use sim::report::TimelineBuilder;
use sim::runtime::Outcome;

/// Writes the timeline `builder` observed (of a run that ended with `outcome`) to `path`
/// as a Chrome trace whose process is named `title`; on failure prints why and returns
/// `false`.
pub fn write_chrome_trace(path: &Path, builder: TimelineBuilder, outcome: &Outcome, title: &str) -> bool {
    let timeline = builder.finish(outcome);
    let text = sim::report::chrome::render(&timeline, title);
    match std::fs::write(path, text) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            false
        }
    }
}
