//! Running one execution for an exploration: a [`Chooser`] picks the thread at every
//! step, and the run is recorded step by step (who ran, who could have, what the step
//! touched, when) with its outcome (output, final globals, verdict).

use std::cell::RefCell;
use std::rc::Rc;

use crate::runtime::actor::ActorId;
use crate::runtime::events::{Observer, StepEvent};
use crate::runtime::footprint::Footprint;
use crate::runtime::snapshot::Snapshot;
use crate::runtime::time::Time;
use crate::runtime::verdict::Verdict;
use crate::runtime::{Limits, Machine};
use crate::sched::{Choice, Scheduler};

/// One step of a recorded execution.
#[derive(Clone, Debug)]
pub struct Step {
    pub actor: ActorId,
    /// The threads that could have taken this step, in ascending order.
    pub enabled: Enabled,
    /// Shared with the events the search keeps of it (no copy of its lists).
    pub footprint: Rc<Footprint>,
    /// The virtual time of the step.
    pub time: Time,
}

/// The threads that could take a step (inline up to four, the usual case: no allocation
/// per step).
pub type Enabled = smallvec::SmallVec<[ActorId; 4]>;

/// Picks the thread for each step of a run.
pub trait Chooser {
    /// The thread to run among `choice.enabled` (ascending, never empty) after the steps
    /// in `history`; `None` abandons the run.
    fn choose(&mut self, choice: &Choice<'_>, history: &[Step]) -> Option<ActorId>;
}

/// What a run ended with, as exploration compares runs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Outcome {
    /// What the program printed (stdout).
    pub output: String,
    /// The final values of the scenario's variables, `name = repr` per line.
    pub globals: String,
    /// The verdict's report.
    pub verdict: String,
    /// Whether the verdict is a failure.
    pub failure: bool,
}

/// A recorded execution.
pub struct Execution {
    pub steps: Vec<Step>,
    /// The threads' names, by actor.
    pub labels: Vec<String>,
    /// `None` when the chooser abandoned the run.
    pub outcome: Option<Outcome>,
    /// The next step each unfinished thread would have taken (blocked at the end).
    pub pending: Vec<(ActorId, Footprint)>,
}

/// Room kept from an execution already looked at, for the next one to record into: its
/// steps (with their footprints' lists) are overwritten instead of allocated again.
///
/// For a search that reruns the first choices of the execution before (an exhaustive
/// one), it also keeps snapshots of the runs at some of their choice points, and the next
/// run starts from the deepest one it shares instead of from the start.
#[derive(Default)]
pub struct Room {
    steps: Vec<Step>,
    /// Snapshots, shallowest first, of the executions since the one that took each.
    snapshots: Vec<Resume>,
    /// Snapshots no longer needed, to overwrite.
    spare: Vec<Snapshot>,
    /// Whether runs recorded here take snapshots.
    snapshotting: bool,
}

/// A run's snapshot before its choice number `depth`, with what it had printed by then.
struct Resume {
    depth: usize,
    output: String,
    snapshot: Snapshot,
}

/// Choice points between two snapshots of a run.
const SNAPSHOT_EVERY: usize = 8;

impl Room {
    /// Room for runs that take snapshots to start later runs from.
    pub fn snapshotting() -> Room {
        Room {
            snapshotting: true,
            ..Room::default()
        }
    }

    /// Takes back the steps of an execution that is no longer needed.
    pub fn keep(&mut self, execution: Execution) {
        self.steps = execution.steps;
    }

    /// The next run makes the first `depth` choices of the last one again, then another:
    /// snapshots taken past them are of no use to it.
    pub fn branch_at(&mut self, depth: usize) {
        while self.snapshots.last().is_some_and(|r| r.depth > depth) {
            self.spare.extend(self.snapshots.pop().map(|r| r.snapshot));
        }
    }
}

struct Shared {
    /// The steps recorded so far (`steps[..count]`), then steps of an earlier execution
    /// to overwrite.
    steps: Vec<Step>,
    count: usize,
    output: String,
    /// The chooser's answer, asked in `abandons` and given in `choose`.
    decided: Option<ActorId>,
    /// Where the next snapshot is due (`None`: the run takes none), those taken, and
    /// those to overwrite.
    snapshot_due: Option<usize>,
    snapshots: Vec<Resume>,
    spare: Vec<Snapshot>,
}

struct Steer<'a> {
    shared: &'a RefCell<Shared>,
    chooser: &'a mut dyn Chooser,
}

impl Scheduler for Steer<'_> {
    fn wants_snapshot(&mut self, choice: &Choice<'_>) -> Option<Snapshot> {
        let mut shared = self.shared.borrow_mut();
        shared.count = choice.step as usize;
        if shared.snapshot_due.is_none_or(|due| shared.count < due) {
            return None;
        }
        Some(shared.spare.pop().unwrap_or_default())
    }

    fn keep_snapshot(&mut self, snapshot: Snapshot, made: bool) {
        let mut shared = self.shared.borrow_mut();
        if !made {
            shared.snapshot_due = None;
            shared.spare.push(snapshot);
            return;
        }
        let depth = shared.count;
        shared.snapshot_due = Some(depth + SNAPSHOT_EVERY);
        let output = shared.output.clone();
        shared.snapshots.push(Resume {
            depth,
            output,
            snapshot,
        });
    }

    fn abandons(&mut self, choice: &Choice<'_>) -> bool {
        let mut shared = self.shared.borrow_mut();
        // Every step of these runs is chosen here, so the steps before this one are the
        // run's own (or, resumed, those it shares with the run before).
        shared.count = choice.step as usize;
        let decided = self.chooser.choose(choice, &shared.steps[..shared.count]);
        shared.decided = decided;
        decided.is_none()
    }

    fn choose(&mut self, choice: &Choice<'_>) -> ActorId {
        let mut shared = self.shared.borrow_mut();
        let actor = shared.decided.take().expect("asked in abandons");
        assert!(
            choice.enabled.contains(&actor),
            "the chooser picked a thread that cannot run"
        );
        let count = shared.count;
        shared.count += 1;
        match shared.steps.get_mut(count) {
            Some(step) => {
                step.actor = actor;
                step.enabled.clear();
                step.enabled.extend_from_slice(choice.enabled);
                match Rc::get_mut(&mut step.footprint) {
                    Some(footprint) => footprint.clear(),
                    None => step.footprint = Rc::default(),
                }
                step.time = choice.now;
            }
            None => shared.steps.push(Step {
                actor,
                enabled: Enabled::from_slice(choice.enabled),
                footprint: Rc::default(),
                time: choice.now,
            }),
        }
        actor
    }
}

/// A chooser as a scheduler, for runs that report to another observer (a replay's trace).
/// The chooser sees no history.
pub struct Steering<'a> {
    pub chooser: &'a mut dyn Chooser,
    decided: Option<ActorId>,
}

impl<'a> Steering<'a> {
    pub fn new(chooser: &'a mut dyn Chooser) -> Steering<'a> {
        Steering { chooser, decided: None }
    }
}

impl Scheduler for Steering<'_> {
    fn abandons(&mut self, choice: &Choice<'_>) -> bool {
        self.decided = self.chooser.choose(choice, &[]);
        self.decided.is_none()
    }

    fn choose(&mut self, _choice: &Choice<'_>) -> ActorId {
        self.decided.take().expect("asked in abandons")
    }
}

struct Watch<'a> {
    shared: &'a RefCell<Shared>,
    footprints: bool,
}

impl Observer for Watch<'_> {
    fn wants_steps(&self) -> bool {
        true
    }

    fn wants_footprints(&self) -> bool {
        self.footprints
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        let mut shared = self.shared.borrow_mut();
        shared.output.push_str(event.out);
        if event.index == 0 {
            return;
        }
        let step = &mut shared.steps[event.index as usize - 1];
        debug_assert_eq!(step.actor, event.actor);
        if let Some(f) = event.footprint {
            match Rc::get_mut(&mut step.footprint) {
                Some(footprint) => footprint.clone_from(f),
                None => step.footprint = Rc::new(f.clone()),
            }
        }
    }
}

/// Runs `machine`'s program once, steered by `chooser`, recording what each step touched.
pub fn run(machine: &mut Machine, chooser: &mut dyn Chooser, limits: Limits) -> Execution {
    run_recording(machine, chooser, limits, true, &mut Room::default())
}

/// [`run`], recording into the room kept from earlier executions.
pub fn run_in(machine: &mut Machine, chooser: &mut dyn Chooser, limits: Limits, room: &mut Room) -> Execution {
    run_recording(machine, chooser, limits, true, room)
}

/// Runs `machine`'s program once, steered by `chooser`, recording only who ran when (the
/// steps' footprints stay empty): enough for a sampled run's outcome and schedule.
pub fn sample(machine: &mut Machine, chooser: &mut dyn Chooser, limits: Limits) -> Execution {
    run_recording(machine, chooser, limits, false, &mut Room::default())
}

/// [`sample`], recording into the room kept from earlier executions.
pub fn sample_in(machine: &mut Machine, chooser: &mut dyn Chooser, limits: Limits, room: &mut Room) -> Execution {
    run_recording(machine, chooser, limits, false, room)
}

/// What a run printed (stdout), for a run observed for nothing else.
struct Printed(String);

impl Observer for Printed {
    fn step(&mut self, event: &StepEvent<'_>) {
        self.0.push_str(event.out);
    }
}

/// Runs `machine`'s program once with `scheduler`, and only works out how it ended: no
/// step is recorded, and steps where one thread can run are taken in place. It is the run
/// [`sample`] makes with the scheduler as chooser (observation does not change a run), at
/// a fraction of the cost; a sampled search records a run again only when its outcome is
/// new.
pub fn outcome(machine: &mut Machine, scheduler: &mut dyn Scheduler, limits: Limits) -> Outcome {
    let mut printed = Printed(String::new());
    let outcome = machine.run(scheduler, &mut printed, limits);
    debug_assert!(!outcome.abandoned, "a sampling scheduler does not abandon");
    Outcome {
        output: printed.0,
        globals: final_globals(machine),
        failure: outcome.verdict.exit_code() != 0,
        verdict: verdict_text(&outcome.verdict),
    }
}

fn run_recording(
    machine: &mut Machine,
    chooser: &mut dyn Chooser,
    limits: Limits,
    footprints: bool,
    room: &mut Room,
) -> Execution {
    let resume = room.snapshots.last();
    let from = resume.map_or(0, |r| r.depth);
    let printed_before = resume.map(|r| r.output.clone()).unwrap_or_default();
    let shared = RefCell::new(Shared {
        steps: std::mem::take(&mut room.steps),
        count: from,
        output: printed_before.clone(),
        decided: None,
        snapshot_due: room.snapshotting.then_some(from + SNAPSHOT_EVERY),
        snapshots: Vec::new(),
        spare: std::mem::take(&mut room.spare),
    });
    let outcome = {
        let mut steer = Steer {
            shared: &shared,
            chooser,
        };
        let mut watch = Watch {
            shared: &shared,
            footprints,
        };
        machine.run_from(resume.map(|r| &r.snapshot), &mut steer, &mut watch, limits)
    };
    let Shared {
        mut steps,
        count,
        mut output,
        snapshots,
        spare,
        ..
    } = shared.into_inner();
    room.spare = spare;
    if resume.is_some() && !outcome.resumed {
        // The snapshot did not fit (runs recorded in one room are observed alike, so it
        // should not happen): the run went from the start, its steps counted from there
        // and its output after what the snapshot had printed.
        output.drain(..printed_before.len());
        room.snapshots.clear();
    }
    room.snapshots.extend(snapshots);
    steps.truncate(count);
    let outcome = (!outcome.abandoned).then(|| Outcome {
        output,
        globals: final_globals(machine),
        failure: outcome.verdict.exit_code() != 0,
        verdict: verdict_text(&outcome.verdict),
    });
    let labels = machine.actors.iter().map(|a| a.label.clone()).collect();
    let pending = if outcome.is_some() && footprints {
        machine.pending_footprints()
    } else {
        Vec::new()
    };
    Execution {
        steps,
        labels,
        outcome,
        pending,
    }
}

fn verdict_text(verdict: &Verdict) -> String {
    match verdict {
        // The usual ending, without formatting it.
        Verdict::Ok => "verdict: ok".to_string(),
        _ => verdict.to_string().trim_end().to_string(),
    }
}

/// The scenario's variables at the end of a run: plain values only (threads, locks and
/// other objects print their identity, not a state worth comparing).
fn final_globals(machine: &mut Machine) -> String {
    let mut text = String::new();
    let program = machine.program;
    for (index, info) in program.globals.iter().enumerate() {
        if info.library || info.kind != crate::compile::GlobalKind::Variable || !info.shared {
            continue;
        }
        let value = machine.globals[index];
        if matches!(value, crate::runtime::value::Value::Unset) {
            continue;
        }
        let Ok(repr) = machine.repr(value) else { continue };
        if repr.starts_with('<') {
            continue;
        }
        text.push_str(&info.name);
        text.push_str(" = ");
        text.push_str(&repr);
        text.push('\n');
    }
    text
}
