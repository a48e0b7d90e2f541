//! `detente simulate`: many games headless, summarised as a table, JSON or the balance report.

use std::process::ExitCode;

use super::output::{self, Output, with_stdout};
use super::{SimulateArgs, load_scenario, side_named};
use crate::game::Scenario;
use crate::game::scenario::SideId;
use crate::sim::{self, Plan, Policy, Summary};

/// Run the simulation the flags ask for; 2 for a bad scenario, side or policy.
pub fn run(args: &SimulateArgs) -> ExitCode {
    let sc = match load_scenario(args.scenario.as_deref()) {
        Ok(sc) => sc,
        Err(code) => return code,
    };
    let side = match args.side.as_deref().map(|n| side_named(&sc, n)) {
        None => sc.default_player,
        Some(Ok(s)) => s,
        Some(Err(e)) => return fail(e),
    };
    if args.list_policies {
        return with_stdout(|out| {
            for name in Policy::names(&sc, side) {
                out.line(crate::text::printable(&name))?;
            }
            Ok(ExitCode::SUCCESS)
        });
    }
    if args.balance {
        let report = sim::balance::report(&sc, side, args.games, args.seed, args.difficulty.into());
        return with_stdout(|out| {
            out.text(&report)?;
            Ok(ExitCode::SUCCESS)
        });
    }
    let plan = match plan(args, &sc, side) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let (totals, seconds) = sim::run(&sc, &plan);
    let summary = Summary::new(&sc, &plan, &totals, seconds);
    with_stdout(|out| print_summary(out, &summary, args.json))
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    output::say(format_args!("detente simulate: {e}"));
    ExitCode::from(2)
}

/// The games to play, from the flags; an unknown policy is an error naming it.
fn plan(args: &SimulateArgs, sc: &Scenario, side: SideId) -> Result<Plan, String> {
    let policy = Policy::parse(sc, side, &args.policy)?;
    let opponent = match args.opponent_policy.as_deref() {
        None => None,
        Some(p) => Some(
            Policy::parse(sc, side.other(), p).map_err(|e| format!("--opponent-policy: {e}"))?,
        ),
    };
    Ok(Plan {
        games: args.games,
        seed: args.seed,
        side,
        policy,
        opponent,
        difficulty: args.difficulty.into(),
    })
}

fn print_summary(
    out: &mut Output,
    summary: &Summary,
    json: bool,
) -> Result<ExitCode, output::Ended> {
    if !json {
        out.text(&summary.table())?;
        return Ok(ExitCode::SUCCESS);
    }
    // JSON escapes every control character in strings itself.
    match serde_json::to_string(summary) {
        Ok(s) => {
            out.line(s)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            output::say(format_args!("detente simulate: {e}"));
            Ok(ExitCode::FAILURE)
        }
    }
}
