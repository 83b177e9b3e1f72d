//! `--chrome-trace OUT.json` and `--svg OUT.svg` of `sim run` and `sim replay`: the run's
//! timeline, written as a Chrome trace and drawn as an SVG picture.

use std::path::{Path, PathBuf};

use clap::Args;
use sim::report::TimelineBuilder;
use sim::runtime::Outcome;

#[derive(Args)]
pub struct PictureArgs {
    /// Also write the run's timeline to this file in the Chrome Trace Event Format (for
    /// ui.perfetto.dev or chrome://tracing).
    #[arg(long, value_name = "OUT.json")]
    pub chrome_trace: Option<PathBuf>,
    /// Also draw the run's timeline to this file as an SVG picture (lanes per thread and
    /// task, running and blocked intervals, operations, wake-ups, the verdict).
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
}

impl PictureArgs {
    /// A builder to observe the run with, when a picture is asked for.
    pub fn builder(&self) -> Option<TimelineBuilder> {
        (self.chrome_trace.is_some() || self.svg.is_some()).then(TimelineBuilder::new)
    }

    /// Writes the pictures asked for of the timeline `builder` observed (of a run that
    /// ended with `outcome`), headed `title`; on failure prints why and returns `false`.
    pub fn write(&self, builder: Option<TimelineBuilder>, outcome: &Outcome, title: &str) -> bool {
        let Some(builder) = builder else { return true };
        let timeline = builder.finish(outcome);
        let chrome = self
            .chrome_trace
            .as_deref()
            .map(|path| (path, sim::report::chrome::render(&timeline, title)));
        let svg = self
            .svg
            .as_deref()
            .map(|path| (path, sim::report::svg::render(&timeline, title)));
        chrome
            .into_iter()
            .chain(svg)
            .all(|(path, text)| write_file(path, &text))
    }
}

fn write_file(path: &Path, text: &str) -> bool {
    match std::fs::write(path, text) {
        Ok(()) => true,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            false
        }
    }
}
