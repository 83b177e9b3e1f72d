//! Working out a step's [`Footprint`] while exploring: the interpreter calls in here with
//! the scheduled visible instruction and its operands still on the stack, the step loop
//! for a thread's first step, the end of a wait and a thread's end.

use super::actor::ActorId;
use super::call::Site;
use super::exec::Exec;
use super::footprint::{Abstract, Change, Loc, Mode, Need, SyncUse, bit};
use super::machine::Machine;
use super::natives::{Call, Effect};
use super::object::{Iter, Obj};
use super::pending::{PendingKind, Wait};
use super::state::State;
use super::sync;
use super::value::{ObjRef, Value};
use crate::compile::Instr;
use crate::syntax::ast::CmpOp;

/// Methods of lists, dicts and sets (and functions on them) that only read.
const READS: &[&str] = &[
    "len",
    "count",
    "index",
    "copy",
    "get",
    "keys",
    "values",
    "items",
    "issubset",
    "issuperset",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "isdisjoint",
    "__contains__",
    "__len__",
    "__getitem__",
];

impl Exec<'_, '_, '_> {
    /// Notes what the scheduled instruction `instr` touches (its operands on the stack).
    pub(super) fn note_touches(&mut self, instr: Instr) {
        let birth = |e: &Self, v: Value| v.as_obj().map(|r| e.m.heap.birth(r));
        match instr {
            Instr::LoadShared(g) => self.m.footprint.touch(Loc::Global(g.0), Mode::Read),
            Instr::StoreShared(g) => self.m.footprint.touch(Loc::Global(g.0), Mode::Write),
            Instr::LoadAttr(s) | Instr::LoadMethod(s) => {
                if let Some(b) = birth(self, self.top_value()) {
                    self.m.footprint.touch(Loc::Attr(b, s.0), Mode::Read);
                }
            }
            Instr::StoreAttr(s) | Instr::DeleteAttr(s) => {
                if let Some(b) = birth(self, self.top_value()) {
                    self.m.footprint.touch(Loc::Attr(b, s.0), Mode::Write);
                }
            }
            Instr::LoadSubscr | Instr::StoreSubscr => {
                let n = self.stack.len();
                let (container, index) = (self.stack[n - 2], self.stack[n - 1]);
                let mode = if instr == Instr::LoadSubscr {
                    Mode::Read
                } else {
                    Mode::Write
                };
                if let Some(loc) = item_loc(self.m, container, index, mode) {
                    self.m.footprint.touch(loc, mode);
                }
            }
            Instr::DeleteSubscr => {
                let n = self.stack.len();
                if let Some(b) = birth(self, self.stack[n - 2]) {
                    self.m.footprint.touch(Loc::Whole(b), Mode::Write);
                }
            }
            Instr::Compare(CmpOp::In | CmpOp::NotIn) => {
                if let Some(b) = birth(self, self.top_value()) {
                    self.m.footprint.touch(Loc::Whole(b), Mode::Read);
                }
            }
            Instr::ForIter(_) => {
                let seq = self.top_value().as_obj().and_then(|r| match self.m.heap.get(r) {
                    Obj::Iter(Iter::Seq { seq, .. }) | Obj::Iter(Iter::Dict { dict: seq, .. }) => Some(*seq),
                    _ => None,
                });
                if let Some(seq) = seq {
                    let b = self.m.heap.birth(seq);
                    self.m.footprint.touch(Loc::Whole(b), Mode::Read);
                }
            }
            Instr::WithEnter | Instr::WithExit => {
                let lock = self
                    .top_value()
                    .as_obj()
                    .and_then(|r| super::sync::with_wait(self.m, r))
                    .and_then(Wait::object);
                if let Some(lock) = lock {
                    if instr == Instr::WithEnter {
                        lock_acquire(self.m, lock, true);
                    } else {
                        lock_release(self.m, lock);
                    }
                }
            }
            Instr::Call(n) => self.note_call(self.call_site(n as usize, None)),
            Instr::CallKw(n, names) => self.note_call(self.call_site(n as usize, Some(names))),
            Instr::CallMethod(n) => self.note_call(self.method_site(n as usize, None)),
            Instr::CallMethodKw(n, names) => self.note_call(self.method_site(n as usize, Some(names))),
            Instr::CallSpread => {
                let site = self.spread_site();
                self.note_call(site);
            }
            _ => {}
        }
    }

    fn top_value(&self) -> Value {
        *self.stack.last().expect("operand")
    }

    /// What a visible call of a native touches.
    fn note_call(&mut self, site: Site) {
        let Some(id) = self.visible_call(site) else { return };
        let Some((_, target)) = self.native_target(site) else {
            return;
        };
        let def = self.m.registry.def(id);
        let target_birth = target.as_obj().map(|r| self.m.heap.birth(r));
        match def.effect {
            Effect::Pure => {}
            Effect::Data => {
                let mode = if READS.contains(&def.name) {
                    Mode::Read
                } else {
                    Mode::Write
                };
                if let Some(b) = target_birth {
                    self.m.footprint.touch(Loc::Whole(b), mode);
                }
            }
            Effect::Step => {
                if def.name == "print" {
                    self.m.footprint.touch(Loc::Output, Mode::Write);
                    for v in self.stack[site.func + 1..].iter().copied() {
                        note_shared_read(self.m, v);
                    }
                    return;
                }
                let Ok(binding) = self.bind_native(id, site) else {
                    // The call raises a TypeError: it touches nothing but the thread.
                    return;
                };
                self.with_call(id, &binding, false, |m, call| {
                    step_touches(m, def.name, def.wait.is_some(), call)
                });
            }
        }
    }
}

/// Reading a shared container as a whole (printing it).
fn note_shared_read(m: &mut Machine, v: Value) {
    if let Some(r) = v.as_obj()
        && m.heap.is_shared(r)
        && !m.heap.is_frozen(r)
        && matches!(
            m.heap.get(r),
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Instance(_)
        )
    {
        let b = m.heap.birth(r);
        m.footprint.touch(Loc::Whole(b), Mode::Read);
    }
}

/// The location `container[index]` reads or writes.
fn item_loc(m: &Machine, container: Value, index: Value, mode: Mode) -> Option<Loc> {
    let r = container.as_obj()?;
    let b = m.heap.birth(r);
    Some(match (m.heap.get(r), index) {
        (Obj::List(items), Value::Int(i)) => {
            let at = if i < 0 { i + items.len() as i64 } else { i };
            if at < 0 {
                return Some(Loc::Whole(b));
            }
            Loc::Item(b, at as u64)
        }
        (Obj::Dict(_), key) if mode == Mode::Read => match key_hash(m, key) {
            Some(h) => Loc::Item(b, h),
            None => Loc::Whole(b),
        },
        _ => Loc::Whole(b),
    })
}

/// A hash of a dict key that is the same in every run (FNV-1a over its text).
fn key_hash(m: &Machine, key: Value) -> Option<u64> {
    let text = match key {
        Value::Int(i) => return Some(i as u64),
        Value::Bool(b) => return Some(b as u64),
        v => m.as_str(v)?,
    };
    Some(text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    }))
}

/// What a step native (`name`, on `call.recv` if a method) touches.
fn step_touches(m: &mut Machine, name: &str, waits: bool, call: &Call) {
    let Some(r) = call.recv.as_obj() else {
        if name == "active_count" || name == "enumerate" {
            m.footprint.touch(Loc::Threads, Mode::Read);
            for t in m.actors.iter().map(|a| a.thread).collect::<Vec<_>>() {
                let b = m.heap.birth(t);
                m.footprint.touch(Loc::Sync(b), Mode::Read);
            }
        }
        // `time.sleep` touches nothing: it only waits for the clock.
        return;
    };
    let b = m.heap.birth(r);
    let kind = m.state(r).map(StateKind::of);
    let blocking = |i: usize| !matches!(call.args.get(i), Some(Value::Bool(false) | Value::Int(0)));
    let untimed = |i: usize| match call.args.get(i) {
        None | Some(Value::None | Value::Unset) => true,
        Some(Value::Int(t)) => *t < 0,
        Some(Value::Float(t)) => *t < 0.0,
        _ => false,
    };
    match (kind, name) {
        (Some(StateKind::Lock | StateKind::Semaphore), "acquire" | "__enter__") => {
            if blocking(0) && untimed(1) {
                lock_acquire(m, r, true);
            } else {
                lock_acquire(m, r, false);
            }
        }
        (Some(StateKind::Lock | StateKind::Semaphore), "release" | "__exit__") => {
            let n = match call.args.first() {
                Some(Value::Int(n)) if name == "release" => *n,
                _ => 1,
            };
            if matches!(m.state(r), Some(State::Semaphore(s)) if s.bound.is_some()) {
                // A bounded semaphore's release may raise: it depends on the counter.
                m.footprint.touch(Loc::Sync(b), Mode::Write);
                sync_use(m, r, Need::Nothing, Change::Give(n));
            } else if matches!(m.state(r), Some(State::Semaphore(_))) {
                m.footprint.touch(Loc::Sync(b), Mode::Write);
                sync_use(m, r, Need::Nothing, Change::Give(n));
            } else {
                lock_release(m, r);
            }
        }
        (Some(StateKind::Condition(lock)), "acquire" | "__enter__") => {
            if let Some(l) = lock {
                lock_acquire(m, l, blocking(0) && untimed(1));
            }
        }
        (Some(StateKind::Condition(lock)), "release" | "__exit__") => {
            if let Some(l) = lock {
                lock_release(m, l);
            }
        }
        (Some(StateKind::Condition(lock)), "wait") => {
            // Registers as a waiter and releases the lock.
            m.footprint.touch(Loc::Sync(b), Mode::Write);
            sync_use(m, r, Need::Nothing, Change::Register);
            if let Some(l) = lock {
                let lb = m.heap.birth(l);
                m.footprint.touch(Loc::Sync(lb), Mode::Write);
                sync_use(m, l, Need::Nothing, Change::ReleaseAll);
            }
        }
        (Some(StateKind::Condition(_)), "notify" | "notify_all" | "notifyAll") => {
            let n = match (name, call.args.first()) {
                ("notify", Some(Value::Int(n))) => *n,
                ("notify", Some(Value::Bool(b))) => i64::from(*b),
                ("notify", _) => 1,
                _ => i64::MAX,
            };
            m.footprint.touch(Loc::Sync(b), Mode::Write);
            sync_use(m, r, Need::Nothing, Change::Notify(n));
        }
        (Some(StateKind::Condition(lock)), "_is_owned") => {
            if let Some(l) = lock {
                let lb = m.heap.birth(l);
                m.footprint.touch(Loc::Sync(lb), Mode::Read);
            }
        }
        (Some(StateKind::Thread), "start") => {
            m.footprint.touch(Loc::Sync(b), Mode::Write);
            m.footprint.touch(Loc::Threads, Mode::Write);
            sync_use(m, r, Need::Nothing, Change::Start);
        }
        (Some(StateKind::Thread), "join") => {
            m.footprint.touch(Loc::Sync(b), Mode::Read);
            let finished = m.thread_state(r).is_some_and(|t| t.finished);
            let need = if finished { Need::Finished } else { Need::Nothing };
            sync_use(m, r, need, Change::Nothing);
        }
        (Some(StateKind::Queue), _) => {
            let (need, change) = match name {
                "put" if blocking(1) && untimed(2) => (Need::Room, Change::Put),
                "get" if blocking(0) && untimed(1) => (Need::Item, Change::Get),
                "task_done" => (Need::Nothing, Change::TaskDone),
                "join" => (Need::AllDone, Change::Nothing),
                "qsize" | "empty" | "full" => {
                    m.footprint.touch(Loc::Sync(b), Mode::Read);
                    return;
                }
                _ => (if waits { Need::Unknown } else { Need::Nothing }, Change::Opaque),
            };
            m.footprint.touch(Loc::Sync(b), Mode::Write);
            sync_use(m, r, need, change);
        }
        (Some(StateKind::Event), "wait" | "set" | "clear") => {
            let flag = matches!(m.state(r), Some(State::Event(e)) if e.flag);
            let (need, change) = match name {
                "wait" if flag => (Need::Flag, Change::Nothing),
                "wait" => (Need::NoFlag, Change::Register),
                "set" => (Need::Nothing, Change::Set),
                _ => (Need::Nothing, Change::Clear),
            };
            m.footprint.touch(Loc::Sync(b), Mode::Write);
            sync_use(m, r, need, change);
        }
        (_, "is_set" | "isSet" | "is_alive" | "locked" | "_is_owned") => {
            m.footprint.touch(Loc::Sync(b), Mode::Read);
        }
        _ => {
            m.footprint.touch(Loc::Sync(b), Mode::Write);
            if waits {
                sync_use(m, r, Need::Unknown, Change::Opaque);
            }
        }
    }
}

/// The kinds of synchronisation objects whose steps are told apart.
enum StateKind {
    Lock,
    Semaphore,
    /// A condition, with its lock.
    Condition(Option<ObjRef>),
    Thread,
    Queue,
    Event,
    Other,
}

impl StateKind {
    fn of(state: &State) -> StateKind {
        match state {
            State::Lock(_) | State::RLock(_) => StateKind::Lock,
            State::Semaphore(_) => StateKind::Semaphore,
            State::Condition(c) => StateKind::Condition(c.lock.as_obj()),
            State::Thread(_) => StateKind::Thread,
            State::Queue(_) => StateKind::Queue,
            State::Event(_) => StateKind::Event,
            _ => StateKind::Other,
        }
    }
}

/// The simulated state of synchronisation object `r`, if it is simulated.
fn abstract_state(m: &Machine, r: ObjRef) -> Option<Abstract> {
    Some(match m.state(r)? {
        State::Lock(l) => Abstract::Lock {
            owner: l.locked.then(|| l.owner.unwrap_or(usize::MAX)),
            count: u64::from(l.locked),
        },
        State::RLock(l) => Abstract::Lock {
            owner: l.owner,
            count: l.count,
        },
        State::Semaphore(s) => Abstract::Semaphore(s.value),
        State::Queue(q) => Abstract::Queue {
            len: q.items.len() as i64,
            max: q.maxsize,
            unfinished: q.unfinished,
        },
        State::Thread(t) => Abstract::Thread {
            started: t.started,
            finished: t.finished,
        },
        State::Event(e) => {
            let (mut waiting, mut woken) = (0, 0);
            for (aid, actor) in m.actors.iter().enumerate() {
                if let PendingKind::Wait(Wait::Event(on, token)) = actor.pending.kind
                    && on == r
                    && !actor.done
                {
                    let b = bit(aid)?;
                    if sync::event::woken(m, r, token) {
                        woken |= b;
                    } else {
                        waiting |= b;
                    }
                }
            }
            Abstract::Event {
                flag: e.flag,
                waiting,
                woken,
            }
        }
        State::Condition(c) => {
            // The thread waiting with `token`.
            let waiter = |token| {
                let wait = PendingKind::Wait(Wait::Condition(r, token));
                m.actors.iter().position(|a| a.pending.kind == wait)
            };
            let empty = Abstract::Condition {
                order: 0,
                len: 0,
                notified: 0,
            };
            let registered =
                sync::condition::tokens(c).try_fold(empty, |s, token| s.after(Change::Register, waiter(token)?))?;
            let notified =
                sync::condition::notified_tokens(c).try_fold(0u64, |bits, token| Some(bits | bit(waiter(token)?)?))?;
            match registered {
                Abstract::Condition { order, len, .. } => Abstract::Condition { order, len, notified },
                _ => return None,
            }
        }
        _ => return None,
    })
}

fn sync_use(m: &mut Machine, r: ObjRef, need: Need, change: Change) {
    let use_ = SyncUse {
        obj: m.heap.birth(r),
        before: abstract_state(m, r),
        need,
        change,
    };
    m.footprint.sync.push(use_);
}

/// Acquiring lock or semaphore `r`; `blocking`: waiting as long as it takes.
fn lock_acquire(m: &mut Machine, r: ObjRef, blocking: bool) {
    let b = m.heap.birth(r);
    let reentrant = matches!(m.state(r), Some(State::RLock(_)));
    let semaphore = matches!(m.state(r), Some(State::Semaphore(_)));
    if blocking {
        m.footprint.touch(Loc::Sync(b), Mode::Write);
        let (need, change) = if semaphore {
            (Need::Positive, Change::Take)
        } else {
            (Need::Lock { reentrant }, Change::Acquire)
        };
        sync_use(m, r, need, change);
    } else {
        // Whether it succeeds depends on the state: the simulation loses track of it.
        m.footprint.touch(Loc::Sync(b), Mode::Write);
        sync_use(m, r, Need::Nothing, Change::Opaque);
    }
}

fn lock_release(m: &mut Machine, r: ObjRef) {
    let b = m.heap.birth(r);
    m.footprint.touch(Loc::Sync(b), Mode::Write);
    sync_use(m, r, Need::Nothing, Change::Release);
}

impl Machine<'_> {
    /// A thread's first step: it needs its thread started.
    pub(super) fn note_begin(&mut self, aid: ActorId) {
        let t = self.actors[aid].thread;
        let b = self.heap.birth(t);
        self.footprint.touch(Loc::Sync(b), Mode::Read);
        sync_use(self, t, Need::Started, Change::Nothing);
    }

    /// The end of a wait that blocked inside a native call (an event's or condition's
    /// waiter woken, or timed out); `expired`: its timeout has passed, so it can end
    /// whether or not it was woken.
    pub(super) fn note_wait_end(&mut self, wait: Wait, expired: bool) {
        let Some(r) = wait.object() else { return };
        let b = self.heap.birth(r);
        self.footprint.touch(Loc::Sync(b), Mode::Write);
        let (need, change) = match wait {
            Wait::Event(..) | Wait::Condition(..) if expired => (Need::Nothing, Change::Unregister),
            Wait::Event(..) => (Need::Woken, Change::Unregister),
            Wait::Condition(..) => (Need::Notified, Change::Unregister),
            _ if expired => (Need::Nothing, Change::Opaque),
            _ => (Need::Unknown, Change::Opaque),
        };
        sync_use(self, r, need, change);
        if let Wait::Condition(_, token) = wait
            && let Some(State::Condition(c)) = self.state(r)
            && let Some(l) = c.lock.as_obj()
        {
            // A woken condition waiter takes its lock back, as deep as it held it.
            let reentrant = matches!(self.state(l), Some(State::RLock(_)));
            let saved = sync::condition::saved(self, r, token);
            let lb = self.heap.birth(l);
            self.footprint.touch(Loc::Sync(lb), Mode::Write);
            sync_use(self, l, Need::Lock { reentrant }, Change::Restore(saved));
        }
    }

    /// A thread's end (and the report of its uncaught exception, if any).
    pub(super) fn note_end(&mut self, aid: ActorId, reported: bool) {
        let t = self.actors[aid].thread;
        let b = self.heap.birth(t);
        self.footprint.touch(Loc::Sync(b), Mode::Write);
        sync_use(self, t, Need::Nothing, Change::Finish);
        if reported {
            self.footprint.touch(Loc::Output, Mode::Write);
        }
    }
}

impl Machine<'_> {
    /// What each unfinished thread's next step would touch, once a run has ended (a
    /// deadlock's blocked acquires race with the steps that took their locks).
    pub fn pending_footprints(&mut self) -> Vec<(ActorId, super::footprint::Footprint)> {
        let mut pending = Vec::new();
        for aid in 0..self.actors.len() {
            let actor = &self.actors[aid];
            if actor.done {
                continue;
            }
            self.footprint.clear();
            match actor.pending.kind {
                PendingKind::Wait(w) if actor.resume => {
                    let expired = actor.pending.deadline.is_some_and(|d| d <= self.now);
                    self.note_wait_end(w, expired)
                }
                PendingKind::Begin => self.note_begin(aid),
                _ => {
                    let mut ex = Exec::new(self, aid);
                    if let Some(frame) = ex.frames.last() {
                        let instr = ex.p.codes[frame.code.index()].instrs[frame.pc as usize];
                        ex.note_touches(instr);
                    }
                    ex.finish();
                }
            }
            pending.push((aid, std::mem::take(&mut self.footprint)));
        }
        pending
    }
}
