//! `detente` with no command: the game in the terminal, and what it needs to start.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::Arc;

use super::output;
use super::{Cli, load_scenario, side_named};
use crate::game::Scenario;
use crate::store::{self, Files, Found};
use crate::ui;

/// Start the game: the scenario, who plays, the seed, the data directory and the
/// autosave, then the UI. 2 for a bad flag, no terminal or no game to continue.
pub fn run(cli: &Cli) -> ExitCode {
    let scenario = match load_scenario(cli.scenario.as_deref()) {
        Ok(sc) => sc,
        Err(code) => return code,
    };
    let players = match players(cli, &scenario) {
        Ok(p) => p,
        Err(e) => return output::fail(e, 2),
    };
    if let Err(code) = need_terminal() {
        return code;
    }
    let (seed, daily) = if cli.daily {
        let today = store::today();
        (store::daily_seed(today), Some(store::date_text(today)))
    } else {
        match cli.seed.map_or_else(ui::random_seed, Ok) {
            Ok(seed) => (seed, None),
            Err(e) => return output::fail(e, 2),
        }
    };
    let scenario = Arc::new(scenario);
    let mut launch = match launch(cli, &scenario) {
        Ok(l) => l,
        Err(code) => return code,
    };
    launch.daily = daily;
    let given = cli.seed.is_some() || cli.daily;
    run_ui(&scenario, options(cli, seed, given, players), launch)
}

/// The data directory, its lock and the autosave: what the title screen offers.
fn launch(cli: &Cli, scenario: &Arc<Scenario>) -> Result<ui::Launch, ExitCode> {
    let mut files = Files::at(store::data_dir());
    let mut launch = ui::Launch {
        save_run: cli.save_run.clone(),
        resume_now: cli.resume,
        ..ui::Launch::default()
    };
    if let Err(msg) = files.lock() {
        if cli.resume {
            output::error(&msg);
            return Err(output::fail(
                "close the other Détente to continue its game",
                2,
            ));
        }
        files.log(&msg);
        launch.notice = Some(format!("{msg}."));
    }
    match files.find_autosave_on(scenario) {
        Found::Resume(r) => launch.resumable = Some(r),
        Found::Recovered(r, msg) => {
            if cli.resume {
                // Said before the screen is taken over, and again on the title screen.
                output::error(&msg);
            }
            launch.resumable = Some(r);
            launch.notice = Some(format!("{msg}."));
        }
        Found::Bad(msg) if cli.resume => {
            output::error(msg);
            let hint = format!(
                "no game to continue; run `{}` to start a new one",
                program()
            );
            return Err(output::fail(hint, 2));
        }
        Found::Bad(msg) => launch.notice = Some(format!("{msg}. Start a new game.")),
        Found::Nothing if cli.resume => {
            let at = files
                .autosave_path()
                .map_or_else(|| "no data directory".into(), |p| p.display().to_string());
            let msg = format!(
                "no game to continue ({at}); run `{}` to start a new one",
                program()
            );
            return Err(output::fail(msg, 2));
        }
        Found::Nothing => {}
    }
    launch.files = files;
    Ok(launch)
}

/// The program's name as it was run (its path's last part, printable), for
/// messages that tell the player what to type.
fn program() -> String {
    std::env::args_os()
        .next()
        .as_deref()
        .map(std::path::Path::new)
        .and_then(std::path::Path::file_name)
        .map(|n| crate::text::printable(&n.to_string_lossy()).into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "detente".to_string())
}

/// The game needs a terminal on both ends; say so on one line if not.
///
/// # Errors
///
/// The exit code when stdin or stdout is not a terminal (the line is said first).
pub fn need_terminal() -> Result<(), ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        let msg = "the game needs an interactive terminal (stdin and stdout must be a terminal)";
        return Err(output::fail(msg, 2));
    }
    Ok(())
}

/// The UI's options from the flags and the environment.
#[must_use]
pub fn options(cli: &Cli, seed: u64, seed_given: bool, players: ui::Players) -> ui::Options {
    ui::Options {
        seed,
        seed_given,
        difficulty: cli.difficulty.into(),
        players,
        ascii: cli.ascii,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    }
}

/// Run the UI and turn how it ended into an exit status (messages go to stderr only
/// once the terminal is restored).
#[must_use]
pub fn run_ui(scenario: &Scenario, options: ui::Options, launch: ui::Launch) -> ExitCode {
    match ui::run(scenario.clone(), options, launch) {
        Ok(messages) => {
            for m in &messages {
                output::error(m);
            }
            ExitCode::SUCCESS
        }
        Err(e) => output::fail(e, 1),
    }
}

/// Who plays, from `--side` and `--players`; an unknown side or a side for two players is an error.
fn players(cli: &Cli, sc: &Scenario) -> Result<ui::Players, String> {
    let side = cli.side.as_deref().map(|n| side_named(sc, n)).transpose()?;
    match (cli.players, side) {
        (2, Some(_)) => {
            Err("--side is for one player; with --players 2 both sides are played by people".into())
        }
        (2, None) => Ok(ui::Players::Two),
        (_, side) => Ok(ui::Players::One(side.unwrap_or(sc.default_player))),
    }
}
