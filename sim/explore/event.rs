//! An event of the exhaustive search: a thread's step with its footprint, and the two
//! questions optimal DPOR asks of sequences of them (Abdulla et al., "Source Sets", 2017):
//! is a thread an *initial* of a sequence (its first step there could go first), and is a
//! step independent of a whole sequence.

use crate::runtime::actor::ActorId;
use std::rc::Rc;

use crate::runtime::footprint::Footprint;

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub actor: ActorId,
    pub footprint: Rc<Footprint>,
}

impl Event {
    /// Whether the order of two events can matter: same thread, or conflicting footprints.
    pub fn depends(&self, other: &Event) -> bool {
        self.actor == other.actor || self.footprint.conflicts(&other.footprint)
    }
}

/// Where `actor`'s first event in `w` is, if it is an initial of `w`: no earlier event of
/// `w` happens before it. (Its first event has no earlier event of its own thread, so any
/// happens-before path into it ends with a conflict.)
pub fn initial_at(w: &[Event], actor: ActorId) -> Option<usize> {
    let at = w.iter().position(|e| e.actor == actor)?;
    w[..at].iter().all(|e| !e.depends(&w[at])).then_some(at)
}

/// Whether `event` (of a thread that has none in `w`) commutes with every event of `w`.
pub fn independent_of_all(event: &Event, w: &[Event]) -> bool {
    w.iter().all(|e| !e.depends(event))
}

/// Whether `event`'s thread is a *weak initial* of `w`: its first event there is an
/// initial, or it has none there and its next event commutes with all of `w`.
pub fn weak_initial(event: &Event, w: &[Event]) -> bool {
    if w.iter().any(|e| e.actor == event.actor) {
        initial_at(w, event.actor).is_some()
    } else {
        independent_of_all(event, w)
    }
}

/// `[e] ~ w` in the paper's terms: whether some extensions of the one event `e` and of `w`
/// are equivalent; if so, which event of `w` it accounts for (`None`: it commutes with
/// all of them).
pub fn accounted_by(e: &Event, w: &[Event]) -> Option<Option<usize>> {
    if let Some(at) = initial_at(w, e.actor) {
        Some(Some(at))
    } else if !w.iter().any(|x| x.actor == e.actor) && independent_of_all(e, w) {
        Some(None)
    } else {
        None
    }
}

/// `u ~ w` in the paper's terms, with what is left of `w`: whether some extensions of `u`
/// and `w` are equivalent; if so, `w` without the events `u` accounts for.
#[cfg(test)]
pub fn rest_after(u: &[Event], w: &[Event]) -> Option<Vec<Event>> {
    let mut rest = w.to_vec();
    for e in u {
        if let Some(at) = accounted_by(e, &rest)? {
            rest.remove(at);
        }
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::footprint::{Loc, Mode};

    fn ev(actor: ActorId, loc: u32, mode: Mode) -> Event {
        let mut footprint = Footprint::default();
        footprint.touch(Loc::Global(loc), mode);
        Event {
            actor,
            footprint: Rc::new(footprint),
        }
    }

    #[test]
    fn initials_are_first_events_without_earlier_conflicts() {
        let w = [ev(1, 0, Mode::Write), ev(2, 0, Mode::Read), ev(3, 1, Mode::Write)];
        assert_eq!(initial_at(&w, 1), Some(0));
        assert_eq!(initial_at(&w, 2), None);
        assert_eq!(initial_at(&w, 3), Some(2));
        assert_eq!(initial_at(&w, 4), None);
        assert!(weak_initial(&ev(4, 2, Mode::Write), &w));
        assert!(!weak_initial(&ev(4, 1, Mode::Read), &w));
    }

    #[test]
    fn compatible_sequences_leave_the_rest() {
        let w = [ev(1, 0, Mode::Write), ev(2, 1, Mode::Write)];
        // Thread 2's step commutes with thread 1's: [2] ~ w, leaving [1].
        let rest = rest_after(&[ev(2, 1, Mode::Write)], &w).unwrap();
        assert_eq!(rest, vec![ev(1, 0, Mode::Write)]);
        // A thread 3 step reading what thread 1 writes cannot go first.
        assert!(rest_after(&[ev(3, 0, Mode::Read)], &w).is_none());
    }
}
