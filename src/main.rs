//! The `detente` binary: parse the command line and hand each command to its module.

use std::process::ExitCode;

use clap::Parser;

use detente::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(Command::CheckScenario { path }) => cli::check::run(path),
        Some(Command::Simulate(sim)) => cli::simulate::run(sim),
        Some(Command::Replay {
            file,
            scenario,
            verify,
        }) => cli::replay::run(file, scenario.as_deref(), *verify, &args),
        Some(Command::Scores) => cli::scores::run(),
        Some(Command::Serve(serve)) => cli::serve::run(serve),
        None => cli::play::run(&args),
    }
}
