//! The event stream of a run: one event per step (who, when, which operation, what it
//! printed). Every output format (trace text, JSON lines, timelines) is an observer of
//! this stream, so they cannot disagree.

use super::actor::ActorId;
use super::time::Time;

/// A step's operation, described for people: `acquire lock`, `read x -> 0`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Op {
    /// What was done: `acquire`, `read`, `write`, `print`, `begin`, ...
    pub name: String,
    /// What kind of thing it was done to.
    pub kind: OpKind,
    /// What it was done to: a label such as `lock`, `x` or `items[2]`.
    pub object: Option<String>,
    /// Arguments as Python reprs.
    pub args: Vec<String>,
    /// The result as a Python repr, when there is one worth showing.
    pub result: Option<String>,
    /// A remark: `timed out`, `blocks`, `woken`.
    pub note: Option<String>,
}

impl Op {
    pub fn named(name: &str) -> Op {
        Op {
            name: name.to_string(),
            ..Op::default()
        }
    }

    /// An operation on a kind of thing: `Op::of(OpKind::Thread, "begin")`.
    pub fn of(kind: OpKind, name: &str) -> Op {
        Op {
            name: name.to_string(),
            kind,
            ..Op::default()
        }
    }

    /// `acquire lock`, `wait event2(1) -> False (timed out)`.
    pub fn describe(&self) -> String {
        let mut text = self.name.clone();
        if let Some(object) = &self.object {
            text.push(' ');
            text.push_str(object);
        }
        if self.name == "write" {
            text.push_str(" = ");
            text.push_str(&self.args.join(", "));
        } else if !self.args.is_empty() {
            text.push('(');
            text.push_str(&self.args.join(", "));
            text.push(')');
        }
        if let Some(result) = &self.result {
            text.push_str(" -> ");
            text.push_str(result);
        }
        if let Some(note) = &self.note {
            text.push_str(" (");
            text.push_str(note);
            text.push(')');
        }
        text
    }
}

/// What kind of thing an operation works on, for grouping and colouring operations.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OpKind {
    /// Anything not listed (`len`, `is_alive`, a callback's own work).
    #[default]
    Other,
    /// Reading or writing shared state (`read x -> 0`, `append items(1)`).
    Memory,
    Print,
    /// A thread's life: `begin`, `start`, `join`.
    Thread,
    Lock,
    Semaphore,
    Event,
    Condition,
    Barrier,
    Queue,
    /// The clock: `time.sleep`, an asyncio timer firing.
    Timer,
    /// A future's completion reaching a task (`wake Task-2 (Future#2 done)`).
    Future,
    /// A task's step (`step Task-2 (waiter)`).
    Task,
    /// The event loop's own work: callbacks, stopping, waking with nothing to run.
    Loop,
}

impl OpKind {
    /// `lock`, `queue`, `print`, ...
    pub fn name(self) -> &'static str {
        match self {
            OpKind::Other => "other",
            OpKind::Memory => "memory",
            OpKind::Print => "print",
            OpKind::Thread => "thread",
            OpKind::Lock => "lock",
            OpKind::Semaphore => "semaphore",
            OpKind::Event => "event",
            OpKind::Condition => "condition",
            OpKind::Barrier => "barrier",
            OpKind::Queue => "queue",
            OpKind::Timer => "timer",
            OpKind::Future => "future",
            OpKind::Task => "task",
            OpKind::Loop => "loop",
        }
    }
}

/// What kind of thing a blocked actor or task waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WaitKind {
    /// A lock or rlock to be free.
    Lock,
    Semaphore,
    /// A thread to end (`join`).
    Join,
    /// An event to be set.
    Event,
    /// A condition to be notified.
    Condition,
    /// A queue to have an item.
    QueueGet,
    /// A queue to have room.
    QueuePut,
    /// Every item of a queue to be marked done (`join`).
    QueueJoin,
    Barrier,
    /// Nothing but time (`time.sleep`).
    Sleep,
    /// An event loop with nothing to run: its next timer, or a callback from another thread.
    EventLoop,
    /// An asyncio future (a task, a gathering, a plain future) to be done.
    Future,
}

impl WaitKind {
    /// `lock`, `queue get`, `event loop`, ...
    pub fn name(self) -> &'static str {
        match self {
            WaitKind::Lock => "lock",
            WaitKind::Semaphore => "semaphore",
            WaitKind::Join => "join",
            WaitKind::Event => "event",
            WaitKind::Condition => "condition",
            WaitKind::QueueGet => "queue get",
            WaitKind::QueuePut => "queue put",
            WaitKind::QueueJoin => "queue join",
            WaitKind::Barrier => "barrier",
            WaitKind::Sleep => "sleep",
            WaitKind::EventLoop => "event loop",
            WaitKind::Future => "future",
        }
    }
}

/// What a blocked actor or task waits on: `event1`, `lock`, `Future#3`, `queue q`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocked {
    pub kind: WaitKind,
    /// The label of the object waited on, as the trace names it (`event1`, `Future#3`,
    /// `Task-3 (setter)`); `None` for a sleep or an idle event loop.
    pub object: Option<String>,
}

impl Blocked {
    /// `event1`, `thread t1`, `queue q`, `queue q (full)`, `sleep`, `event loop`.
    pub fn describe(&self) -> String {
        let Some(object) = &self.object else {
            return self.kind.name().to_string();
        };
        match self.kind {
            WaitKind::Join => format!("thread {object}"),
            WaitKind::QueueGet => format!("queue {object}"),
            WaitKind::QueuePut => format!("queue {object} (full)"),
            WaitKind::QueueJoin => format!("queue {object} (unfinished tasks)"),
            _ => object.clone(),
        }
    }
}

/// What let a blocked actor or task go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// This earlier step released, set, put, got, notified, ended or completed what it
    /// waited for.
    Step(u64),
    /// Its timeout or timer came (a wait that timed out, `time.sleep`, the loop's next
    /// timer): no step caused it.
    Timer,
}

/// An actor a step left blocked: the step's own actor, or another one whose wait this
/// step made impossible for now (it took the lock the other was about to acquire).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocking {
    pub actor: ActorId,
    /// How traces name the actor: `main`, `thread1`.
    pub label: String,
    /// The task (its [`TaskStep::id`]) the actor blocked inside, when it blocked in a
    /// task's code rather than in its event loop or plain thread code.
    pub task: Option<u64>,
    pub on: Blocked,
}

/// The asyncio task a step ran (on a thread running an event loop).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskStep {
    /// Tasks are numbered from 1 in the order they are created: stable for the run,
    /// unlike names, which `set_name` may change and which need not be unique.
    pub id: u64,
    /// `Task-2`, or the name it was given.
    pub name: String,
    /// The qualified name of its coroutine's function: `waiter`, `Worker.run`.
    pub coro: String,
    /// How it came to run, when it was waiting on a future.
    pub woken: Option<Wake>,
    /// The future it awaits after the step, when it suspended on one.
    pub awaits: Option<Blocked>,
    /// It returned or raised in this step.
    pub finished: bool,
}

impl TaskStep {
    /// `Task-2 (waiter)`, as the trace and deadlock reports name tasks.
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.coro)
    }
}

pub struct StepEvent<'a> {
    /// Steps are numbered from 1.
    pub index: u64,
    pub time: Time,
    pub actor: ActorId,
    pub label: &'a str,
    /// Present when the run was asked to describe its steps.
    pub op: Option<&'a Op>,
    /// What the step printed to stdout.
    pub out: &'a str,
    /// What the step wrote to stderr (an uncaught exception's report).
    pub err: &'a str,
    /// What the step touched, when the observer asked for footprints.
    pub footprint: Option<&'a super::footprint::Footprint>,
    /// The asyncio task the step ran, if any (only when the observer wants ops). A step
    /// runs at most one task: the one its thread was inside when the step began, else the
    /// one the event loop resumed in it.
    pub task: Option<&'a TaskStep>,
    /// How the step's actor came to run again, when it was blocked (only with ops).
    pub woken: Option<Wake>,
    /// The actors this step left blocked, its own first (only with ops).
    pub blocked: &'a [Blocking],
}

impl StepEvent<'_> {
    /// What the step's own lane waits on after it: the future its task awaits, or what
    /// its actor is blocked on.
    pub fn blocked_on(&self) -> Option<&Blocked> {
        self.task
            .and_then(|t| t.awaits.as_ref())
            .or_else(|| self.blocked.iter().find(|b| b.actor == self.actor).map(|b| &b.on))
    }

    /// The step that woke the step's task, else its actor, when a step did.
    pub fn woken_by(&self) -> Option<u64> {
        let step = |w: Option<Wake>| match w {
            Some(Wake::Step(s)) => Some(s),
            _ => None,
        };
        step(self.task.and_then(|t| t.woken)).or_else(|| step(self.woken))
    }

    /// How the step's task, else its actor, came to run again, when it had been waiting.
    pub fn wake(&self) -> Option<Wake> {
        self.task.and_then(|t| t.woken).or(self.woken)
    }
}

/// Receives a run's events as they happen.
pub trait Observer {
    /// Whether steps should describe their operations (costs time; off for plain runs).
    fn wants_ops(&self) -> bool {
        false
    }

    /// Whether every step must be reported one by one. When not, steps where only one
    /// thread can run may be reported together with the step before them.
    fn wants_steps(&self) -> bool {
        self.wants_ops()
    }

    /// Whether every step must note what it touches (for exploring interleavings); implies
    /// that steps are reported one by one.
    fn wants_footprints(&self) -> bool {
        false
    }

    fn step(&mut self, _event: &StepEvent<'_>) {}
}

/// An observer that ignores everything.
pub struct Quiet;

impl Observer for Quiet {}

/// An observer borrowed (or a `dyn Observer`) observes as the observer itself.
impl<T: Observer + ?Sized> Observer for &mut T {
    fn wants_ops(&self) -> bool {
        (**self).wants_ops()
    }

    fn wants_steps(&self) -> bool {
        (**self).wants_steps()
    }

    fn wants_footprints(&self) -> bool {
        (**self).wants_footprints()
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        (**self).step(event);
    }
}

/// An observer that may be absent (an output that was not asked for) observes nothing
/// when it is.
impl<T: Observer> Observer for Option<T> {
    fn wants_ops(&self) -> bool {
        self.as_ref().is_some_and(Observer::wants_ops)
    }

    fn wants_steps(&self) -> bool {
        self.as_ref().is_some_and(Observer::wants_steps)
    }

    fn wants_footprints(&self) -> bool {
        self.as_ref().is_some_and(Observer::wants_footprints)
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        if let Some(observer) = self {
            observer.step(event);
        }
    }
}

/// Two observers of one run, each seeing every event it would see alone (the run gives
/// both what either asks for).
pub struct Both<A, B>(pub A, pub B);

impl<A: Observer, B: Observer> Observer for Both<A, B> {
    fn wants_ops(&self) -> bool {
        self.0.wants_ops() || self.1.wants_ops()
    }

    fn wants_steps(&self) -> bool {
        self.0.wants_steps() || self.1.wants_steps()
    }

    fn wants_footprints(&self) -> bool {
        self.0.wants_footprints() || self.1.wants_footprints()
    }

    fn step(&mut self, event: &StepEvent<'_>) {
        self.0.step(event);
        self.1.step(event);
    }
}
