//! The progress bar of `sim explore` on stderr: executions, distinct outcomes, failing
//! executions and the rate, redrawn a few times a second while the exploration runs.
//! It is not drawn when stderr is not a terminal.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sim::explore::Progress;

/// Runs `work` while a progress bar shows `progress`; `total` executions if known.
pub fn with_bar<T: Send>(progress: &Progress, total: Option<u64>, work: impl FnOnce() -> T + Send) -> T {
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(4));
    if bar.is_hidden() {
        return work();
    }
    let template = if total.is_some() {
        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} executions, {msg}"
    } else {
        "{spinner} [{elapsed_precise}] {pos} executions, {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !done.load(Ordering::Relaxed) {
                let (executions, outcomes, failures) = progress.read();
                bar.set_position(executions);
                let rate = executions as f64 / bar.elapsed().as_secs_f64().max(1e-3);
                bar.set_message(format!("{outcomes} outcomes, {failures} failing, {rate:.0}/s"));
                std::thread::sleep(Duration::from_millis(100));
            }
            bar.finish_and_clear();
        });
        let result = work();
        done.store(true, Ordering::Relaxed);
        result
    })
}
