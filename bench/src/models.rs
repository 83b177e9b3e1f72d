//! The benchmark's models: which ones there are, where sim's RON version of each lives, and
//! (through `define_models!`) one Rust body per model written once for both loom and shuttle,
//! so that the two Rust checkers run exactly the same code.

use std::path::PathBuf;

/// One model, run identically by sim (from its RON file), loom and shuttle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// Two threads each take a lock `n` times to increment a shared counter.
    MutexCounter(usize),
    /// `k` philosophers each lock their left fork, then their right one, and eat once.
    DiningPhilosophers(usize),
    /// Two threads each read a shared variable and store it back plus one, with no lock.
    LostUpdate,
    /// One producer puts 3 items through a buffer of capacity 1 (a lock and two
    /// conditions, as `queue.Queue` is built); one consumer gets them.
    ProducerConsumer,
}

/// Every model, in the order of the table.
pub const ALL: [Model; 10] = [
    Model::MutexCounter(1),
    Model::MutexCounter(2),
    Model::MutexCounter(3),
    Model::MutexCounter(4),
    Model::MutexCounter(5),
    Model::DiningPhilosophers(2),
    Model::DiningPhilosophers(3),
    Model::DiningPhilosophers(4),
    Model::LostUpdate,
    Model::ProducerConsumer,
];

impl Model {
    /// The short name used in the table and on the worker command line.
    pub fn name(self) -> String {
        match self {
            Model::MutexCounter(n) => format!("mutex_counter_{n}"),
            Model::DiningPhilosophers(k) => format!("dining_philosophers_{k}"),
            Model::LostUpdate => "lost_update".to_string(),
            Model::ProducerConsumer => "producer_consumer".to_string(),
        }
    }

    /// The model with this name.
    pub fn from_name(name: &str) -> Option<Model> {
        ALL.into_iter().find(|model| model.name() == name)
    }

    /// sim's version of the model: `bench/models/NAME.ron`.
    pub fn sim_file(self) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("models")
            .join(format!("{}.ron", self.name()))
    }

    /// How many Mazurkiewicz traces the model has, where it is known by hand: an optimal
    /// exhaustive search runs exactly this many executions.
    pub fn expected_traces(self) -> Option<u64> {
        match self {
            // One execution per order of the 2n critical sections: C(2n, n).
            Model::MutexCounter(n) => Some(binomial(2 * n as u64, n as u64)),
            // Each fork goes first to one of its two philosophers (2^k choices); "every right
            // hand first" is a cycle and cannot happen, "every left hand first" deadlocks.
            Model::DiningPhilosophers(k) => Some((1u64 << k) - 1),
            // Orders of the conflicting pairs (r1, w2), (w1, r2), (w1, w2) that can happen.
            Model::LostUpdate => Some(4),
            // Every shared access is under the one lock, so a trace is the sequence of
            // critical sections (a get, a put, or a failed check before waiting): 32 such
            // sequences can happen; `tests/explore/producer_consumer_log.ron` prints each.
            Model::ProducerConsumer => Some(32),
        }
    }
}

fn binomial(n: u64, k: u64) -> u64 {
    (0..k).fold(1, |acc, i| acc * (n - i) / (i + 1))
}

/// Defines `pub fn run_model(model: Model)`, one execution of a model, on the
/// synchronisation primitives of the crate `$rt` (`loom` or `shuttle`).
macro_rules! define_models {
    ($rt:ident) => {
        use std::collections::VecDeque;

        use $crate::models::Model;
        use $rt::sync::atomic::{AtomicUsize, Ordering};
        use $rt::sync::{Arc, Condvar, Mutex};
        use $rt::thread;

        /// Runs one execution of `model`: this is the closure body the checker calls.
        pub fn run_model(model: Model) {
            match model {
                Model::MutexCounter(n) => mutex_counter(n),
                Model::DiningPhilosophers(k) => dining_philosophers(k),
                Model::LostUpdate => lost_update(),
                Model::ProducerConsumer => producer_consumer(),
            }
        }

        fn mutex_counter(n: usize) {
            let counter = Arc::new(Mutex::new(0usize));
            let workers: Vec<_> = (0..2)
                .map(|_| {
                    let counter = Arc::clone(&counter);
                    thread::spawn(move || {
                        for _ in 0..n {
                            *counter.lock().unwrap() += 1;
                        }
                    })
                })
                .collect();
            for worker in workers {
                worker.join().unwrap();
            }
            assert_eq!(*counter.lock().unwrap(), 2 * n);
        }

        fn dining_philosophers(k: usize) {
            let forks: Arc<Vec<Mutex<()>>> = Arc::new((0..k).map(|_| Mutex::new(())).collect());
            let philosophers: Vec<_> = (0..k)
                .map(|i| {
                    let forks = Arc::clone(&forks);
                    thread::spawn(move || {
                        let left = forks[i].lock().unwrap();
                        let right = forks[(i + 1) % k].lock().unwrap();
                        drop(right);
                        drop(left);
                    })
                })
                .collect();
            for philosopher in philosophers {
                philosopher.join().unwrap();
            }
        }

        fn lost_update() {
            let x = Arc::new(AtomicUsize::new(0));
            let threads: Vec<_> = (0..2)
                .map(|_| {
                    let x = Arc::clone(&x);
                    thread::spawn(move || {
                        let tmp = x.load(Ordering::SeqCst);
                        x.store(tmp + 1, Ordering::SeqCst);
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
        }

        struct Buffer {
            items: Mutex<VecDeque<usize>>,
            not_full: Condvar,
            not_empty: Condvar,
        }

        const CAPACITY: usize = 1;
        const ITEMS: usize = 3;

        fn producer_consumer() {
            let buffer = Arc::new(Buffer {
                items: Mutex::new(VecDeque::new()),
                not_full: Condvar::new(),
                not_empty: Condvar::new(),
            });
            let producer = {
                let buffer = Arc::clone(&buffer);
                thread::spawn(move || {
                    for item in 0..ITEMS {
                        let mut items = buffer.items.lock().unwrap();
                        while items.len() >= CAPACITY {
                            items = buffer.not_full.wait(items).unwrap();
                        }
                        items.push_back(item);
                        buffer.not_empty.notify_one();
                    }
                })
            };
            let consumer = {
                let buffer = Arc::clone(&buffer);
                thread::spawn(move || {
                    let mut consumed = Vec::new();
                    for _ in 0..ITEMS {
                        let mut items = buffer.items.lock().unwrap();
                        while items.is_empty() {
                            items = buffer.not_empty.wait(items).unwrap();
                        }
                        consumed.push(items.pop_front().unwrap());
                        buffer.not_full.notify_one();
                    }
                    consumed
                })
            };
            producer.join().unwrap();
            let consumed = consumer.join().unwrap();
            assert_eq!(consumed, (0..ITEMS).collect::<Vec<_>>());
        }
    };
}

pub(crate) use define_models;
