//! The `sim` command.

fn main() {
    std::process::exit(cli::main());
}

mod cli;

/// Runs allocate and free many small objects (frames, futures, handles): mimalloc does
/// that markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
