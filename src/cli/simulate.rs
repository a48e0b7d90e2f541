//! `detente simulate`: many games headless, summarised as a table, JSON or the balance report.

use std::fs::File;
use std::io::{BufWriter, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::{self, Output, with_stdout};
use super::{SimulateArgs, load_scenario, side_named};
use crate::game::Scenario;
use crate::game::scenario::SideId;
use crate::sim::targets::{self, Counts};
use crate::sim::{self, Instruments, Plan, Policy, Progress, Summary, policy};

/// Games in a run without --games.
const DEFAULT_GAMES: u64 = 1000;

/// Run the simulation the flags ask for; 2 for a bad scenario, side, policy or log file.
pub fn run(args: &SimulateArgs) -> ExitCode {
    let sc = match load_scenario(args.scenario.as_deref()) {
        Ok(sc) => sc,
        Err(code) => return code,
    };
    let side = match args.side.as_deref().map(|n| side_named(&sc, n)) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => return fail(e),
    };
    if args.list_policies {
        return with_stdout(|out| {
            for name in Policy::names(&sc, side.unwrap_or(sc.default_player)) {
                out.line(crate::text::printable(&name))?;
            }
            Ok(ExitCode::SUCCESS)
        });
    }
    let bar = Bar::new();
    let progress = bar.as_ref().map(|b| b as &dyn Progress);
    if args.balance {
        let counts = Counts {
            games: args.games.unwrap_or(targets::ISSUE_COUNTS.games),
            expert: args.expert_games.unwrap_or(targets::ISSUE_COUNTS.expert),
            seed: args.seed,
        };
        let sides: Vec<SideId> = match side {
            Some(s) => vec![s],
            None => SideId::ALL.to_vec(),
        };
        let report = targets::report(&sc, &sides, counts, progress);
        return with_stdout(|out| {
            out.text(&report)?;
            Ok(ExitCode::SUCCESS)
        });
    }
    let plan = match plan(args, &sc, side.unwrap_or(sc.default_player)) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let ins = Instruments {
        progress,
        watch: args.rival_moves,
    };
    if let Some(p) = progress {
        p.begin(&plan.policy.name(&sc), plan.games);
    }
    let ran = match &args.games_log {
        None => Ok(sim::run_with(&sc, &plan, &ins)),
        Some(path) => run_logged(&sc, &plan, &ins, path),
    };
    if let Some(p) = progress {
        p.end();
    }
    let (totals, seconds) = match ran {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let summary = Summary::new(&sc, &plan, &totals, seconds);
    with_stdout(|out| print_summary(out, &summary, args.json))
}

/// Play the plan writing the games log; an error names the file.
fn run_logged(
    sc: &Scenario,
    plan: &Plan,
    ins: &Instruments,
    path: &Path,
) -> Result<(sim::Totals, f64), String> {
    let name = crate::text::printable(&path.display().to_string()).into_owned();
    let file = File::create(path).map_err(|e| format!("--games-log {name}: {e}"))?;
    let mut w = BufWriter::new(file);
    sim::run_logged(sc, plan, ins, &mut w).map_err(|e| format!("--games-log {name}: {e}"))
}

fn fail(e: impl std::fmt::Display) -> ExitCode {
    output::say(format_args!("detente simulate: {e}"));
    ExitCode::from(2)
}

/// The games to play, from the flags; an unknown policy or move is an error naming it.
fn plan(args: &SimulateArgs, sc: &Scenario, side: SideId) -> Result<Plan, String> {
    let fallback =
        Policy::parse(sc, side, &args.fallback).map_err(|e| format!("--fallback: {e}"))?;
    let mut policy = Policy::parse_with(sc, side, &args.policy, &fallback)?;
    if let (Some(then), Some(from)) = (&args.then, args.from) {
        let turns = sc.calendar.turns;
        if !(1..=turns).contains(&from) {
            return Err(format!("--from {from}: the game's months are 1 to {turns}"));
        }
        policy = Policy::Phased {
            first: Box::new(policy),
            then: Box::new(
                Policy::parse_with(sc, side, then, &fallback)
                    .map_err(|e| format!("--then: {e}"))?,
            ),
            from: from - 1,
        };
    }
    if !args.ban.is_empty() {
        let banned = (args.ban.iter())
            .map(|m| policy::move_of(sc, side, m).map_err(|e| format!("--ban: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        policy = Policy::Banned {
            inner: Box::new(policy),
            banned,
        };
    }
    let opponent = match args.opponent_policy.as_deref() {
        None => None,
        Some(p) => Some(
            Policy::parse_with(sc, side.other(), p, &fallback)
                .map_err(|e| format!("--opponent-policy: {e}"))?,
        ),
    };
    Ok(Plan {
        games: args.games.unwrap_or(DEFAULT_GAMES),
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

/// A progress bar on stderr: only when stderr is a terminal, and only once the
/// command has run for a second (a quick run stays silent).
struct Bar {
    bar: ProgressBar,
    started: Instant,
    shown: AtomicBool,
}

/// How long a command runs before its bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

impl Bar {
    fn new() -> Option<Bar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        let style = ProgressStyle::with_template(
            "{msg:30!} {wide_bar} {pos}/{len} games {elapsed} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Some(Bar {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        })
    }
}

impl Progress for Bar {
    fn begin(&self, what: &str, games: u64) {
        self.bar.reset();
        self.bar.set_length(games);
        self.bar
            .set_message(crate::text::printable(what).into_owned());
    }

    fn advance(&self, n: u64) {
        self.bar.inc(n);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= QUIET_FOR
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    fn end(&self) {
        if self.shown.load(Ordering::Relaxed) {
            self.bar.finish_and_clear();
        }
    }
}
