//! `cargo bench --bench asyncio_sleepers`: asyncio at scale, simulated by sim and run by
//! CPython on the virtual clock of `tests/virtual_clock.py`, in the same run.
//!
//! Two programs, each a scenario beside its Python original in `benches/`:
//! `asyncio_sleepers` (10,000 tasks each awaiting `asyncio.sleep` 100 times) and its queue
//! pipeline variant `asyncio_pipeline` (1,000 pipelines of 10 tasks joined by bounded
//! `asyncio.Queue`s). Both sides must print the same output. Prints both times and the
//! ratio CPython / sim (target: at least 10). Times are the best of a few runs, since the
//! machine may be shared.

use std::path::Path;
use std::process::Command;

mod common;

use common::best;
use sim::runtime::{Limits, Machine, Observer, StepEvent};
use sim::sched::RandomScheduler;

/// The runs use the allocator the `sim` command uses.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIM_RUNS: usize = 5;
const PYTHON_RUNS: usize = 3;
const TARGET: f64 = 10.0;

/// What the program printed.
#[derive(Default)]
struct Printed(String);

impl Observer for Printed {
    fn step(&mut self, event: &StepEvent<'_>) {
        self.0.push_str(event.out);
    }
}

fn measure(root: &Path, python: &str, name: &str) -> f64 {
    let file = format!("{name}.ron");
    let text = std::fs::read_to_string(root.join("benches").join(&file)).expect("scenario file");
    let scenario = sim::scenario::load(&text, name).expect("scenario loads");
    let program = sim::compile::compile(&scenario, &file, &text).expect("scenario compiles");
    let limits = Limits { max_steps: 200_000_000 };

    let (sim_time, (printed, outcome)) = best(SIM_RUNS, || {
        let mut printed = Printed::default();
        let outcome = Machine::new(&program).run(&mut RandomScheduler::new(0), &mut printed, limits);
        (printed.0, outcome)
    });
    assert!(outcome.verdict.is_ok(), "{name}: the run failed: {}", outcome.verdict);

    let harness = root.join("tests/virtual_clock.py");
    let script = root.join("benches").join(format!("{name}.py"));
    let (py_time, py_out) = best(PYTHON_RUNS, || {
        let out = Command::new(python)
            .arg(&harness)
            .arg(&script)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
        assert!(
            out.status.success(),
            "{python} {}: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    });
    assert_eq!(printed, py_out, "{name}: sim and CPython printed different output");

    let ratio = py_time.as_secs_f64() / sim_time.as_secs_f64();
    println!("{name}: {} steps; {}", outcome.steps, printed.trim_end());
    println!("  sim      {:>8.3} s", sim_time.as_secs_f64());
    println!("  CPython  {:>8.3} s  ({python}, virtual clock)", py_time.as_secs_f64());
    println!(
        "  ratio    {ratio:>8.2}x  (CPython / sim; target: at least {TARGET}) {}",
        if ratio >= TARGET { "ok" } else { "MISSED" }
    );
    ratio
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string());
    for name in ["asyncio_sleepers", "asyncio_pipeline"] {
        measure(root, &python, name);
    }
}
