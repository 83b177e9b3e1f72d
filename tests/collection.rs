//! The collector keeps up with a long run: garbage made while steps are taken in place
//! (here the event loop going round without its frame's instructions) is still
//! collected, so a run's live objects stay bounded by what it keeps, not by what it made.

mod common;

use sim::runtime::{Limits, Machine};
use sim::sched::RandomScheduler;

/// Each task sleeps, then starts the next one and ends: nothing but the event loop goes
/// round (no other frame jumps back, where the collector also runs), and every task, its
/// coroutine and its sleep's future are garbage once the next one runs.
const HOPS: &str = r#"Scenario(
    functions: {
        "async hop(n)": [
            Await("asyncio.sleep(0)"),
            If("n > 0", [
                Do("asyncio.get_running_loop().create_task(hop(n - 1))"),
            ]),
        ],
        "async main()": [
            Await("hop(HOPS)"),
            Await("asyncio.sleep(1)"),
        ],
    },
    main: [
        Assign("HOPS", "200000"),
        Do("asyncio.run(main())"),
        Print("done"),
    ],
)"#;

#[test]
fn a_long_event_loop_run_collects_its_garbage() {
    let scenario = sim::scenario::load(HOPS, "scenario").unwrap_or_else(|d| panic!("{}", d.message));
    let program = sim::compile::compile(&scenario, "hops.ron", HOPS).unwrap_or_else(|d| panic!("{}", d.message));
    let mut machine = Machine::new(&program);
    let mut printed = common::Printed::default();
    let outcome = machine.run(&mut RandomScheduler::new(0), &mut printed, Limits::default());
    assert_eq!(printed.stdout, "done\n", "verdict {}", outcome.verdict);
    // 200,000 tasks were made, each with its coroutine and futures; the collector runs
    // after at most 64K allocations (or twice what survived the last collection), and
    // few objects survive.
    let most = machine.heap.high_water();
    assert!(
        most < 150_000,
        "the heap held {most} objects at once in a run that keeps few"
    );
}
