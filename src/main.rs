//! The `detente` binary: parse the command line and hand over to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

use detente::cli::{Cli, Command};
use detente::scenario_file;
use detente::ui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::CheckScenario { path }) => match scenario_file::load_path(&path) {
            Ok(sc) => {
                println!(
                    "{}: ok — \"{}\": {} meters, {} moves, {} events, {} endings, {} turns",
                    path.display(),
                    sc.title,
                    sc.meters.len(),
                    sc.moves.len(),
                    sc.events.len(),
                    sc.endings.len(),
                    sc.calendar.turns
                );
                ExitCode::SUCCESS
            }
            Err(errors) => {
                eprintln!("{errors}");
                eprintln!("{}: {} problem(s) found", path.display(), errors.0.len());
                ExitCode::from(2)
            }
        },
        Some(Command::Simulate(args)) => simulate(args),
        None => play(cli),
    }
}

fn simulate(args: detente::cli::SimulateArgs) -> ExitCode {
    use detente::sim::{self, Plan, Policy, Summary};
    let sc = match scenario_file::load(args.scenario.as_deref().unwrap_or("default")) {
        Ok(sc) => sc,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(2);
        }
    };
    let side = sc.default_player;
    if args.list_policies {
        for name in Policy::names(&sc, side) {
            println!("{name}");
        }
        return ExitCode::SUCCESS;
    }
    if args.balance {
        print!(
            "{}",
            sim::balance::report(&sc, args.games, args.seed, args.difficulty.into())
        );
        return ExitCode::SUCCESS;
    }
    let policy = match Policy::parse(&sc, side, &args.policy) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("detente simulate: {e}");
            return ExitCode::from(2);
        }
    };
    let plan = Plan {
        games: args.games,
        seed: args.seed,
        policy,
        difficulty: args.difficulty.into(),
    };
    let (totals, seconds) = sim::run(&sc, &plan);
    let summary = Summary::new(&sc, &plan, &totals, seconds);
    if args.json {
        match serde_json::to_string(&summary) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("detente simulate: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", summary.table());
    }
    ExitCode::SUCCESS
}

fn play(cli: Cli) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "detente: the game needs an interactive terminal (stdin and stdout must be a terminal)"
        );
        return ExitCode::from(2);
    }
    let scenario = match scenario_file::load(cli.scenario.as_deref().unwrap_or("default")) {
        Ok(sc) => sc,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(2);
        }
    };
    let seed = cli.seed.unwrap_or_else(random_seed);
    let options = ui::Options {
        seed,
        seed_given: cli.seed.is_some(),
        difficulty: cli.difficulty.into(),
        ascii: cli.ascii,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    match ui::run(scenario, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("detente: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A seed from the clock and the process id: only for when none is given; shown on screen.
fn random_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // Keep seeds short enough to read aloud and type.
    (nanos ^ (std::process::id() as u64).rotate_left(32)) % 1_000_000
}
