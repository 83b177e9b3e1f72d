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
