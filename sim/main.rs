//! The `sim` command.

fn main() {
    std::process::exit(cli::main());
}

mod cli;
