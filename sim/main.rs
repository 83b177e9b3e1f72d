//! The `sim` command.

fn main() {
    std::process::exit(cli::main());
}

mod cli;

/// Runs allocate and free many small objects (frames, futures, handles): mimalloc does
/// that markedly faster than the system allocator. Its v2 line (the crate's `v2`
/// feature) keeps a quarter to two fifths less memory than v3 on the asyncio
/// benchmarks, and allocates in fewer instructions.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
