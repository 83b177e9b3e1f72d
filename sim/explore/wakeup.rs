//! Wakeup trees (Abdulla et al., "Source Sets: A Foundation for Optimal Dynamic Partial
//! Order Reduction", JACM 2017): at a point of the search, the ordered set of event
//! sequences still to explore from there. Inserting a sequence that an existing branch
//! already accounts for changes nothing, which is what makes the search optimal.
//!
//! A branch whose feasibility could not be checked ahead (it waits on state the search
//! does not simulate) is *unverified*: it never stands in for another sequence, so if it
//! turns out not to run nothing is lost.

use std::rc::Rc;

use super::event::{Event, accounted_by};
use crate::runtime::actor::ActorId;
use crate::runtime::footprint::Footprint;

#[derive(Clone, Debug)]
struct Node {
    event: Option<Event>,
    verified: bool,
    children: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct WakeupTree {
    /// Node 0 is the root (no event); an empty tree has no node at all until something is
    /// put in it (most trees stay empty: no allocation for them).
    nodes: Vec<Node>,
}

impl WakeupTree {
    /// A tree with the single branch `event`.
    #[cfg(test)]
    pub fn single(event: Event) -> WakeupTree {
        let mut tree = WakeupTree::default();
        tree.append(0, vec![event], true);
        tree
    }

    /// Makes this the tree with the single branch of `actor`'s next event (its footprint
    /// set once the step has run), reusing the room of what it held.
    pub fn make_single(&mut self, actor: ActorId) {
        self.nodes.truncate(1);
        if let Some(root) = self.nodes.first_mut() {
            root.children.clear();
        }
        let event = Event {
            actor,
            footprint: Rc::default(),
        };
        self.push(0, Some(event), true);
    }

    /// Takes the event that starts the first branch out of the tree, which drops the
    /// branch.
    pub fn take_first(&mut self) -> Option<Event> {
        let child = *self.nodes.first()?.children.first()?;
        let event = self.nodes[child].event.take();
        self.remove_first();
        event
    }

    /// The event that starts the first branch.
    pub fn first(&self) -> Option<&Event> {
        let child = *self.nodes.first()?.children.first()?;
        self.nodes[child].event.as_ref()
    }

    /// Sets the event of the first branch's first node (once the step has run, its
    /// footprint is known).
    pub fn set_first(&mut self, actor: ActorId, footprint: &Rc<Footprint>) {
        if let Some(&child) = self.nodes.first().and_then(|root| root.children.first()) {
            match &mut self.nodes[child].event {
                Some(event) => {
                    event.actor = actor;
                    event.footprint.clone_from(footprint);
                }
                none => {
                    *none = Some(Event {
                        actor,
                        footprint: footprint.clone(),
                    })
                }
            }
        }
    }

    /// The subtree below the first branch's first node, as a tree of its own.
    pub fn first_subtree(&self) -> WakeupTree {
        let mut tree = WakeupTree::default();
        if let Some(&child) = self.nodes.first().and_then(|root| root.children.first()) {
            self.copy_children(child, &mut tree, 0);
        }
        tree
    }

    fn copy_children(&self, from: usize, into: &mut WakeupTree, at: usize) {
        for &c in &self.nodes[from].children {
            let node = &self.nodes[c];
            let copy = into.push(at, node.event.clone(), node.verified);
            self.copy_children(c, into, copy);
        }
    }

    /// Drops the first branch (explored, or found not to run).
    pub fn remove_first(&mut self) {
        if let Some(root) = self.nodes.first_mut()
            && !root.children.is_empty()
        {
            root.children.remove(0);
        }
    }

    fn push(&mut self, parent: usize, event: Option<Event>, verified: bool) -> usize {
        if self.nodes.is_empty() {
            self.nodes.push(Node {
                event: None,
                verified: true,
                children: Vec::new(),
            });
        }
        self.nodes.push(Node {
            event,
            verified,
            children: Vec::new(),
        });
        let id = self.nodes.len() - 1;
        self.nodes[parent].children.push(id);
        id
    }

    fn append(&mut self, mut at: usize, events: Vec<Event>, verified: bool) {
        for e in events {
            at = self.push(at, Some(e), verified);
        }
    }

    /// Inserts sequence `w` (the paper's `insert[E](w, wut)`): the first node in
    /// post-order whose branch is compatible with `w` takes what `w` adds, unless it is a
    /// leaf, whose exploration already covers `w`.
    pub fn insert(&mut self, w: Vec<Event>, verified: bool) {
        if let Some((node, rest)) = self.find(0, w)
            && (node == 0 || !self.nodes[node].children.is_empty())
        {
            self.append(node, rest, verified);
        }
    }

    /// Post-order search, below `node`, for the first node whose branch is compatible with
    /// the sequence, given what is left of it (`rest`) once `node`'s branch is accounted for.
    /// An unverified node only stands for sequences whose next event is its own thread's:
    /// whether it can run is then the same question.
    fn find(&self, node: usize, rest: Vec<Event>) -> Option<(usize, Vec<Event>)> {
        let children = self.nodes.get(node).map_or(&[][..], |n| &n.children[..]);
        for &c in children {
            let Some(event) = &self.nodes[c].event else { continue };
            let accounted = if self.nodes[c].verified {
                accounted_by(event, &rest)
            } else {
                (rest.first().map(|e| e.actor) == Some(event.actor)).then_some(Some(0))
            };
            // The first compatible branch is where the search goes on (what is below it
            // always has an answer).
            if let Some(accounted) = accounted {
                let mut rest = rest;
                if let Some(at) = accounted {
                    rest.remove(at);
                }
                return self.find(c, rest);
            }
        }
        Some((node, rest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::footprint::{Footprint, Loc, Mode};

    fn ev(actor: usize, loc: u32) -> Event {
        let mut footprint = Footprint::default();
        footprint.touch(Loc::Global(loc), Mode::Write);
        Event {
            actor,
            footprint: Rc::new(footprint),
        }
    }

    #[test]
    fn a_covered_sequence_is_not_inserted_again() {
        let mut tree = WakeupTree::single(ev(1, 0));
        // Thread 2 writes what thread 1 writes: the leaf [1] does not cover [2] ...
        tree.insert(vec![ev(2, 0)], true);
        assert_eq!(tree.nodes[0].children.len(), 2);
        // ... but the same sequence again is covered by the new leaf.
        tree.insert(vec![ev(2, 0)], true);
        assert_eq!(tree.nodes[0].children.len(), 2);
        // A step independent of the first branch is covered by it.
        tree.insert(vec![ev(3, 9)], true);
        assert_eq!(tree.nodes[0].children.len(), 2);
        assert_eq!(tree.first().map(|e| e.actor), Some(1));
        tree.remove_first();
        assert_eq!(tree.first().map(|e| e.actor), Some(2));
    }

    #[test]
    fn unverified_branches_cover_only_sequences_their_thread_starts() {
        let mut tree = WakeupTree::default();
        tree.insert(vec![ev(1, 0), ev(2, 5)], false);
        // Independent of thread 1's step, but it need not run if that step cannot.
        tree.insert(vec![ev(3, 9)], true);
        assert_eq!(tree.nodes[0].children.len(), 2);
        // The same start is the same question: it goes below the unverified node.
        tree.insert(vec![ev(1, 0), ev(4, 6)], false);
        assert_eq!(tree.nodes[0].children.len(), 2);
        let below = tree.nodes[tree.nodes[0].children[0]].children.len();
        assert_eq!(below, 2);
    }
}
