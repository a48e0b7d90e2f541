//! `detente replay FILE [--verify]`: play a run file back in the UI, or check it.
//!
//! The run file says which scenario it was played on (id and hash) but never where
//! to find it: the scenario is the built-in one or the file given with `--scenario`.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use super::output::{self, with_stdout};
use super::play::{need_terminal, options, run_ui};
use super::{Cli, load_scenario};
use crate::game::Game;
use crate::store::files::{self, Problem};
use crate::text::printable;
use crate::ui;

/// Replay or verify `file`, played on the scenario named by `scenario` (or the
/// built-in one). Exit 0 if it replays, 1 if it does not reproduce its record, 2 if it
/// cannot be read or was played on another scenario.
#[must_use]
pub fn run(file: &Path, scenario: Option<&str>, verify: bool, cli: &Cli) -> ExitCode {
    let sc = match load_scenario(scenario.or(cli.scenario.as_deref())) {
        Ok(sc) => Arc::new(sc),
        Err(code) => return code,
    };
    if !verify && let Err(code) = need_terminal() {
        return code;
    }
    let game = match files::load_on(file, &sc) {
        Ok(r) => r.game,
        // Verifying only reports; playing back sets a bad file aside, as Continue does.
        Err(p) if verify || !p.is_bad_file() => return output::fail(&p, code_of(&p)),
        Err(p) => return output::fail(files::set_aside(file, p.to_string()), code_of(&p)),
    };
    if verify {
        return with_stdout(|out| {
            out.line(verified(file, &game))?;
            Ok(ExitCode::SUCCESS)
        });
    }
    let players = ui::Players::of(game.setup());
    let launch = ui::Launch {
        replay: Some((game, file.to_path_buf())),
        ..ui::Launch::default()
    };
    run_ui(&sc, options(cli, 0, true, players), launch)
}

/// 1 for a file that reads but does not reproduce its record; 2 for anything else.
fn code_of(p: &Problem) -> u8 {
    if matches!(p, Problem::Mismatch(_)) {
        1
    } else {
        2
    }
}

/// The line for a run that replays: how many choices, and where they lead. It says
/// how the game ended, and scores nothing: verifying checks the record, not the play.
fn verified(file: &Path, game: &Game) -> String {
    let sc = game.scenario();
    let state = game.state();
    let end = match state.ending() {
        Some(e) => format!("ended: {}", printable(&sc.ending(e).title)),
        None if state.is_over() => "ended".to_string(),
        None => format!("unfinished at {}", sc.calendar.label(state.turn)),
    };
    let n = game.turns().len();
    format!(
        "{}: ok — {n} choice{} replay to the recorded state ({end})",
        printable(&file.display().to_string()),
        if n == 1 { "" } else { "s" }
    )
}
