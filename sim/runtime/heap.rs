//! The run's object arena: allocation, the mark-and-sweep collector, and the per-object
//! flags that decide visibility (`shared`: reachable by more than one thread) and
//! mutability (`frozen`: declared under `objects:`).
//!
//! Handles are indices and freed slots are reused in a fixed order, so the same run always
//! allocates the same handles. The heap never decides when to collect: the machine calls
//! [`Heap::collect`] at safe points with every root. The boxes of swept generators and
//! native states are kept for the next ones ([`Heap::boxed_generator`],
//! [`Heap::boxed_state`]) rather than handed back to the allocator all at once.
//!
//! A heap can keep an [`Image`] of itself ([`Heap::image`]) and go back to it
//! ([`Heap::restore`]): objects allocated since are dropped, and only those of the image
//! that were changed since (noted on their first change) are copied back.
//!
//! [`prefetch`] asks the processor to start loading memory that will be read soon (the
//! event loop uses it to load its next tasks ahead); it is a hint, and the crate's only
//! `unsafe` code.

use super::object::{Generator, Obj};
use super::state::State;
use super::value::{ObjRef, Value};
use std::collections::VecDeque;

const SHARED: u8 = 1;
const FROZEN: u8 = 2;
const MARK: u8 = 4;
/// An object of the image changed since the image was taken or restored.
const DIRTY: u8 = 8;

/// At most this many boxes of each kind kept for reuse.
const POOL: usize = 1 << 18;

/// Collect once this many objects were allocated since the last collection, and at least
/// `GROWTH` times as many as survived it: marking the survivors then costs at most half an
/// object marked per object allocated, while the garbage swept each time stays at most
/// twice what lives. (Once as many as survived kept the queue pipeline benchmark's peak
/// at 73 MB instead of 120 MB, and made it 6 to 10% slower: each collection also evicts
/// the caches.)
const MIN_COLLECT_AFTER: usize = 64 * 1024;
const GROWTH: usize = 2;

pub struct Heap {
    slots: Vec<Obj>,
    flags: Vec<u8>,
    free: Vec<u32>,
    allocated_since_collect: usize,
    collect_after: usize,
    /// Slots below this index belong to the program (constant strings) and are never freed.
    pinned: usize,
    /// Each slot's object's [`Birth`].
    births: Vec<Birth>,
    /// The actor whose code allocates now, and how many objects each actor allocated.
    pub allocator: usize,
    allocated_by: Vec<u32>,
    /// Slots below this index hold the objects of the current [`Image`] (0 without one).
    base: usize,
    /// The image's slots changed since it was taken or restored.
    dirty: Vec<u32>,
    /// Boxes of swept generators and native states, for the next ones: a collection
    /// frees thousands at once, and handing them all back to the allocator makes it give
    /// whole pages back to the system, to fault them in again soon after. (The boxes are
    /// the point: they are the allocations kept.)
    #[allow(clippy::vec_box)]
    generators: Vec<Box<Generator>>,
    #[allow(clippy::vec_box)]
    states: Vec<Box<State>>,
}

/// A copy of a heap, to go back to: see [`Heap::image`].
pub struct Image {
    slots: Vec<Obj>,
    flags: Vec<u8>,
    births: Vec<Birth>,
    free: Vec<u32>,
    allocated_since_collect: usize,
    collect_after: usize,
    allocator: usize,
    allocated_by: Vec<u32>,
}

/// Where a heap with an [`Image`] stands at some point after it ([`Heap::mark`]): the
/// objects of the image changed since, those allocated since, and the bookkeeping. A heap
/// just put back to its image goes on to that point with [`Heap::apply`].
#[derive(Default)]
pub struct Mark {
    changed: Vec<(u32, Obj, Birth)>,
    added: Vec<Obj>,
    added_births: Vec<Birth>,
    flags: Vec<u8>,
    free: Vec<u32>,
    allocated_since_collect: usize,
    collect_after: usize,
    allocator: usize,
    allocated_by: Vec<u32>,
}

/// An object's identity that does not depend on the interleaving: the actor that
/// allocated it and how many objects that actor had allocated before. Exploration compares
/// steps of different runs by it; handles are reused and numbered in allocation order.
pub type Birth = u64;

/// The [`Heap::allocator`] while a check (`expect`, `invariants`) is evaluated.
pub const OBSERVER: usize = usize::MAX;

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

impl Heap {
    pub fn new() -> Heap {
        Heap {
            slots: Vec::new(),
            flags: Vec::new(),
            free: Vec::new(),
            allocated_since_collect: 0,
            collect_after: MIN_COLLECT_AFTER,
            pinned: 0,
            births: Vec::new(),
            allocator: 0,
            allocated_by: Vec::new(),
            base: 0,
            dirty: Vec::new(),
            generators: Vec::new(),
            states: Vec::new(),
        }
    }

    /// `generator` in a box, reusing one of a swept generator if there is one.
    pub fn boxed_generator(&mut self, generator: Generator) -> Box<Generator> {
        reuse(&mut self.generators, generator)
    }

    /// `state` in a box, reusing one of a swept object's if there is one.
    pub fn boxed_state(&mut self, state: State) -> Box<State> {
        reuse(&mut self.states, state)
    }

    /// Keeps the boxes of a swept object for reuse.
    fn recycle(&mut self, obj: Obj) {
        match obj {
            Obj::Generator(g) if self.generators.len() < POOL => self.generators.push(g),
            Obj::Instance(inst) => {
                if let Some(s) = inst.state
                    && self.states.len() < POOL
                {
                    self.states.push(s);
                }
            }
            _ => {}
        }
    }

    /// Makes every object allocated so far permanent (the program's constants).
    pub fn pin_all(&mut self) {
        self.pinned = self.slots.len();
        for (i, birth) in self.births.iter_mut().enumerate() {
            *birth = (u64::from(u32::MAX) << 32) | i as u64;
        }
    }

    /// Frees everything but the pinned objects, for the next run (and forgets any image).
    pub fn reset(&mut self) {
        self.base = 0;
        self.dirty.clear();
        self.slots.truncate(self.pinned);
        self.flags.truncate(self.pinned);
        self.births.truncate(self.pinned);
        self.allocator = 0;
        self.allocated_by.clear();
        self.free.clear();
        self.allocated_since_collect = 0;
        self.collect_after = MIN_COLLECT_AFTER;
    }

    /// A copy of the heap as it is now, which [`Heap::restore`] goes back to; from now on
    /// the heap notes which of its objects change.
    pub fn image(&mut self) -> Image {
        for f in &mut self.flags {
            *f &= !DIRTY;
        }
        self.dirty.clear();
        self.base = self.slots.len();
        Image {
            slots: self.slots.clone(),
            flags: self.flags.clone(),
            births: self.births.clone(),
            free: self.free.clone(),
            allocated_since_collect: self.allocated_since_collect,
            collect_after: self.collect_after,
            allocator: self.allocator,
            allocated_by: self.allocated_by.clone(),
        }
    }

    /// Puts the heap back as it was when `image` (its last one) was taken: drops the
    /// objects allocated since and copies back those of the image that changed.
    pub fn restore(&mut self, image: &Image) {
        debug_assert_eq!(self.base, image.slots.len(), "the heap's own image");
        for i in self.dirty.drain(..) {
            self.slots[i as usize].clone_from(&image.slots[i as usize]);
        }
        self.slots.truncate(self.base);
        self.flags.clear();
        self.flags.extend_from_slice(&image.flags);
        self.births.clear();
        self.births.extend_from_slice(&image.births);
        self.free.clone_from(&image.free);
        self.allocated_since_collect = image.allocated_since_collect;
        self.collect_after = image.collect_after;
        self.allocator = image.allocator;
        self.allocated_by.clone_from(&image.allocated_by);
    }

    /// Makes `mark` where the heap stands now, relative to its image (see [`Mark`]),
    /// reusing the room of the mark it held.
    pub fn mark_into(&self, mark: &mut Mark) {
        let base = self.base;
        mark.changed.clear();
        mark.changed.extend(
            self.dirty
                .iter()
                .map(|&i| (i, self.slots[i as usize].clone(), self.births[i as usize])),
        );
        mark.added.clear();
        mark.added.extend_from_slice(&self.slots[base..]);
        mark.added_births.clear();
        mark.added_births.extend_from_slice(&self.births[base..]);
        mark.flags.clone_from(&self.flags);
        mark.free.clone_from(&self.free);
        mark.allocated_since_collect = self.allocated_since_collect;
        mark.collect_after = self.collect_after;
        mark.allocator = self.allocator;
        mark.allocated_by.clone_from(&self.allocated_by);
    }

    /// Brings a heap just put back to its image ([`Heap::restore`]) to where `mark` was
    /// taken.
    pub fn apply(&mut self, mark: &Mark) {
        debug_assert!(self.dirty.is_empty() && self.slots.len() == self.base);
        for (i, obj, birth) in &mark.changed {
            self.slots[*i as usize].clone_from(obj);
            self.births[*i as usize] = *birth;
            self.dirty.push(*i);
        }
        self.slots.extend(mark.added.iter().cloned());
        self.births.extend_from_slice(&mark.added_births);
        self.flags.clone_from(&mark.flags);
        self.free.clone_from(&mark.free);
        self.allocated_since_collect = mark.allocated_since_collect;
        self.collect_after = mark.collect_after;
        self.allocator = mark.allocator;
        self.allocated_by.clone_from(&mark.allocated_by);
    }

    /// Notes that slot `i` is about to change, if it belongs to the image.
    #[inline]
    fn touch(&mut self, i: usize) {
        if i < self.base && self.flags[i] & DIRTY == 0 {
            self.flags[i] |= DIRTY;
            self.dirty.push(i as u32);
        }
    }

    pub fn alloc(&mut self, obj: Obj) -> ObjRef {
        self.allocated_since_collect += 1;
        // Index 0 counts what checks evaluated between steps allocate.
        let by = if self.allocator == OBSERVER {
            0
        } else {
            self.allocator + 1
        };
        if self.allocated_by.len() <= by {
            self.allocated_by.resize(by + 1, 0);
        }
        let count = &mut self.allocated_by[by];
        let birth = ((by as u64) << 32) | u64::from(*count);
        *count = count.wrapping_add(1);
        match self.free.pop() {
            Some(i) => {
                // The next allocation's slot, loaded while this one is used.
                if let Some(&next) = self.free.last() {
                    prefetch(&self.slots[next as usize]);
                }
                self.touch(i as usize);
                self.slots[i as usize] = obj;
                self.flags[i as usize] &= DIRTY;
                self.births[i as usize] = birth;
                ObjRef(i)
            }
            None => {
                self.slots.push(obj);
                self.flags.push(0);
                self.births.push(birth);
                ObjRef(self.slots.len() as u32 - 1)
            }
        }
    }

    /// The interleaving-independent identity of object `r`.
    pub fn birth(&self, r: ObjRef) -> Birth {
        self.births[r.0 as usize]
    }

    pub fn get(&self, r: ObjRef) -> &Obj {
        &self.slots[r.0 as usize]
    }

    /// Starts loading object `r`'s slot into the cache.
    #[inline]
    pub fn prefetch(&self, r: ObjRef) {
        if let Some(slot) = self.slots.get(r.0 as usize) {
            prefetch(slot);
        }
    }

    /// Starts loading the slots of the `n` objects after `r` (made after it, when they
    /// were made together, as an object's parts are in its `__init__`).
    #[inline]
    pub fn prefetch_after(&self, r: ObjRef, n: usize) {
        let start = r.0 as usize + 1;
        if let Some(slots) = self.slots.get(start..start + n) {
            prefetch_span(slots);
        }
    }

    #[inline]
    pub fn get_mut(&mut self, r: ObjRef) -> &mut Obj {
        self.touch(r.0 as usize);
        &mut self.slots[r.0 as usize]
    }

    /// The text of a string object, or `None` if `r` is not a string.
    pub fn str(&self, r: ObjRef) -> Option<&str> {
        match self.get(r) {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn live_objects(&self) -> usize {
        self.slots.len() - self.free.len()
    }

    /// The most objects the heap has held at once: its slots, in use or free.
    pub fn high_water(&self) -> usize {
        self.slots.len()
    }

    pub fn is_shared(&self, r: ObjRef) -> bool {
        self.flags[r.0 as usize] & SHARED != 0
    }

    pub fn is_frozen(&self, r: ObjRef) -> bool {
        self.flags[r.0 as usize] & FROZEN != 0
    }

    /// Marks `value` and everything reachable from it as reachable by other threads.
    pub fn share(&mut self, value: Value) {
        self.flag_reachable(value, SHARED);
    }

    /// Marks `value` and everything reachable from it as shared and immutable.
    pub fn freeze(&mut self, value: Value) {
        self.flag_reachable(value, SHARED | FROZEN);
    }

    fn flag_reachable(&mut self, value: Value, flag: u8) {
        let Value::Obj(r) = value else { return };
        if self.flags[r.0 as usize] & flag == flag {
            return;
        }
        let mut work: smallvec::SmallVec<[Value; 16]> = smallvec::smallvec![value];
        while let Some(v) = work.pop() {
            let Value::Obj(r) = v else { continue };
            let f = &mut self.flags[r.0 as usize];
            if *f & flag == flag {
                continue;
            }
            *f |= flag;
            self.slots[r.0 as usize].for_each_child(&mut |child| {
                if matches!(child, Value::Obj(_)) {
                    work.push(child);
                }
            });
        }
    }

    /// True when enough was allocated since the last collection to make one worthwhile.
    pub fn wants_collect(&self) -> bool {
        self.allocated_since_collect >= self.collect_after
    }

    /// Frees every unpinned object not reachable from `roots`.
    pub fn collect(&mut self, roots: &[Value]) {
        // Marked breadth first: an object waits in the queue while the ones before it are
        // marked, long enough for its slot, loaded as it is queued, and then what its
        // slot points to, loaded `AHEAD` places before its turn, to arrive.
        const AHEAD: usize = 8;
        let Heap { slots, flags, .. } = self;
        let mut work: VecDeque<ObjRef> = VecDeque::new();
        let mut queue = |c: ObjRef, work: &mut VecDeque<ObjRef>| {
            let f = &mut flags[c.0 as usize];
            if *f & MARK == 0 {
                *f |= MARK;
                prefetch(&slots[c.0 as usize]);
                work.push_back(c);
            }
        };
        for root in roots.iter().filter_map(|v| v.as_obj()) {
            queue(root, &mut work);
        }
        while let Some(r) = work.pop_front() {
            if let Some(next) = work.get(AHEAD) {
                prefetch_contents(&slots[next.0 as usize]);
            }
            slots[r.0 as usize].for_each_child(&mut |child| {
                if let Value::Obj(c) = child {
                    queue(c, &mut work);
                }
            });
        }
        self.free.clear();
        for i in (self.pinned..self.slots.len()).rev() {
            if self.flags[i] & MARK == 0 {
                self.touch(i);
                let swept = std::mem::replace(&mut self.slots[i], Obj::Free);
                self.recycle(swept);
                self.flags[i] &= DIRTY;
                self.free.push(i as u32);
            }
        }
        for f in &mut self.flags {
            *f &= !MARK;
        }
        self.allocated_since_collect = 0;
        self.collect_after = MIN_COLLECT_AFTER.max(GROWTH * self.live_objects());
    }
}

/// `value` in one of `pool`'s boxes (its old contents dropped), or a new one.
fn reuse<T>(pool: &mut Vec<Box<T>>, value: T) -> Box<T> {
    match pool.pop() {
        Some(mut b) => {
            // The next box taken, loaded while this one is used.
            if let Some(next) = pool.last() {
                prefetch(&**next);
            }
            *b = value;
            b
        }
        None => Box::new(value),
    }
}

/// Starts loading what `obj`'s slot points to: an instance's attributes and native state,
/// a list's items, a generator's frame.
fn prefetch_contents(obj: &Obj) {
    match obj {
        Obj::Instance(inst) => {
            if let Some(first) = inst.attrs.first() {
                prefetch(first);
            }
            if let Some(state) = &inst.state {
                prefetch(&**state);
            }
        }
        Obj::List(items) => {
            if let Some(first) = items.first() {
                prefetch(first);
            }
        }
        Obj::Generator(g) => prefetch(&**g),
        _ => {}
    }
}

/// Starts loading every cache line `items` spans.
#[inline]
pub fn prefetch_span<T>(items: &[T]) {
    prefetch_bytes(items.as_ptr().cast(), size_of_val(items));
}

/// Asks the processor to start loading the memory `p` points to (each cache line it
/// spans): a hint, which changes nothing the program sees.
#[inline]
pub fn prefetch<T>(p: &T) {
    prefetch_bytes(std::ptr::from_ref(p).cast(), size_of::<T>());
}

/// Starts loading each cache line of the `len` bytes from `start`.
#[inline]
fn prefetch_bytes(start: *const i8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        const LINE: usize = 64;
        // SAFETY: a prefetch never faults and writes nothing, whatever the address.
        unsafe {
            let mut offset = 0;
            while offset < len {
                _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(offset));
                offset += LINE;
            }
            // The last byte's line: one more where `start` does not begin a line.
            if len > 1 {
                _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(len - 1));
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (start, len);
}
