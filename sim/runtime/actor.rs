//! An actor is a simulated thread: its operand stack, its call frames, and where it is
//! parked. Generators and coroutines run on the actor that resumes them.

use super::pending::Pending;
use super::value::{ObjRef, Value};
use crate::compile::CodeId;

pub type ActorId = usize;

/// The main thread is always actor 0.
pub const MAIN: ActorId = 0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// The bottom frame of an actor: returning from it ends the thread.
    Root,
    /// A Python function call.
    Call,
    /// `__init__` of an instance being created: the call's result is the instance.
    Init(ObjRef),
    /// A generator or coroutine resumed by `next`, `send`, `for` or delegation.
    Generator(ObjRef),
}

#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub code: CodeId,
    /// The next instruction to run.
    pub pc: u32,
    /// Stack index of the frame's first local; the slot below it belongs to the caller
    /// (the called object) and is dropped on return.
    pub base: u32,
    pub kind: FrameKind,
}

pub struct Actor {
    /// The `threading.Thread` object of this thread.
    pub thread: ObjRef,
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub pending: Pending,
    /// Parked inside a native call that blocked: when scheduled, the call finishes.
    pub resume: bool,
    pub done: bool,
    /// The exception being handled (`sys.exc_info()`), or `None`.
    pub exc_info: Value,
    pub daemon: bool,
    /// How traces and reports name this actor.
    pub label: String,
    /// The asyncio event loop running on this thread, or `None`.
    pub running_loop: Value,
    /// The thread's current event loop (`asyncio.set_event_loop`), or `None`.
    pub event_loop: Value,
    /// `set_event_loop` was called (or the main thread's loop was made).
    pub event_loop_set: bool,
}

impl Clone for Actor {
    fn clone(&self) -> Actor {
        let mut actor = Actor::new(self.thread, String::new(), self.daemon);
        actor.clone_from(self);
        actor
    }

    /// Reuses the room of the stack, the frames and the label (checkpoints and snapshots
    /// copy actors again and again).
    fn clone_from(&mut self, source: &Actor) {
        self.thread = source.thread;
        self.stack.clone_from(&source.stack);
        self.frames.clone_from(&source.frames);
        self.pending = source.pending;
        self.resume = source.resume;
        self.done = source.done;
        self.exc_info = source.exc_info;
        self.daemon = source.daemon;
        self.label.clone_from(&source.label);
        self.running_loop = source.running_loop;
        self.event_loop = source.event_loop;
        self.event_loop_set = source.event_loop_set;
    }
}

impl Actor {
    pub fn new(thread: ObjRef, label: String, daemon: bool) -> Actor {
        Actor {
            thread,
            stack: Vec::new(),
            frames: Vec::new(),
            pending: Pending::BEGIN,
            resume: false,
            done: false,
            exc_info: Value::None,
            daemon,
            label,
            running_loop: Value::None,
            event_loop: Value::None,
            event_loop_set: false,
        }
    }

    /// Every value the actor holds, for the collector.
    pub fn for_each_root(&self, f: &mut dyn FnMut(Value)) {
        self.stack.iter().for_each(|v| f(*v));
        f(Value::Obj(self.thread));
        f(self.exc_info);
        f(self.running_loop);
        f(self.event_loop);
        for frame in &self.frames {
            if let super::actor::FrameKind::Init(r) | super::actor::FrameKind::Generator(r) = frame.kind {
                f(Value::Obj(r));
            }
        }
    }
}
