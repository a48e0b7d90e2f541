//! What every screen reads and none owns: the scenario, the options, the theme,
//! the session (a live game or a replay), who sits at the keyboard, the advisor's
//! forecasts and the files.

use std::path::PathBuf;
use std::sync::Arc;

use crate::game::scenario::SideId;
use crate::game::{Difficulty, Game, Scenario};
use crate::store::Files;
use crate::store::files::Resumable;

use super::advice::Advice;
use super::msg::{MenuItem, Replay, menu};
use super::seats::{Players, Seats};
use super::theme::Theme;
use super::words::Viewer;

/// How the player started the game.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    pub seed_given: bool,
    pub difficulty: Difficulty,
    /// Who plays: one side against the model, or two players.
    pub players: Players,
    pub ascii: bool,
    pub no_color: bool,
}

impl Options {
    /// A game of `seed`, as given, at the normal level, in colour and Unicode:
    /// the usual start of a test or a scripted game (change a field with `..`).
    #[must_use]
    pub fn seeded(seed: u64, players: Players) -> Options {
        Options {
            seed,
            seed_given: true,
            difficulty: Difficulty::Normal,
            players,
            ascii: false,
            no_color: false,
        }
    }
}

/// The game being played: a live one, or a run file played back.
#[derive(Clone, Debug)]
pub enum Session {
    Live(Game),
    /// A recorded game, played back choice by choice (no new choices can be made).
    Replay {
        game: Game,
        record: Replay,
    },
}

impl Session {
    #[must_use]
    pub fn game(&self) -> &Game {
        match self {
            Session::Live(g) | Session::Replay { game: g, .. } => g,
        }
    }

    pub fn game_mut(&mut self) -> &mut Game {
        match self {
            Session::Live(g) | Session::Replay { game: g, .. } => g,
        }
    }

    #[must_use]
    pub fn replay(&self) -> Option<&Replay> {
        match self {
            Session::Live(_) => None,
            Session::Replay { record, .. } => Some(record),
        }
    }
}

/// Everything the screens read.
pub struct World {
    pub scenario: Arc<Scenario>,
    pub options: Options,
    pub theme: Theme,
    pub session: Option<Session>,
    /// Two players: who holds the keyboard and the month's sealed orders.
    pub seats: Seats,
    /// The advisor's forecasts for the game as it stands, as far as they have arrived.
    pub advice: Option<Advice>,
    /// Saves, scores and run files.
    pub files: Files,
    /// The saved game the title screen offers to continue.
    pub resumable: Option<Box<Resumable>>,
    /// `--save-run FILE`: where the run goes when the game ends or the player quits.
    pub save_run: Option<PathBuf>,
    /// How many games this run has started or taken up (each gets its own run file).
    pub runs_started: u32,
    /// `--daily`: the date the seed comes from.
    pub daily: Option<String>,
    /// Lines for stderr once the terminal is restored.
    pub messages: Vec<String>,
}

impl World {
    pub fn game(&self) -> Option<&Game> {
        self.session.as_ref().map(Session::game)
    }

    /// The run file being played back, if this is a replay.
    pub fn replay(&self) -> Option<&Replay> {
        self.session.as_ref().and_then(Session::replay)
    }

    /// Who plays the game in hand (or the next new one).
    #[must_use]
    pub fn players(&self) -> Players {
        self.game()
            .map_or(self.options.players, |g| Players::of(g.setup()))
    }

    /// The side whose screen is up: the one player, or the side at the keyboard.
    #[must_use]
    pub fn seat(&self) -> SideId {
        match self.players() {
            Players::One(side) => side,
            Players::Two => self.seats.at_keyboard.unwrap_or(SideId(0)),
        }
    }

    /// Whose eyes the reports are written for: the one player, or both together.
    #[must_use]
    pub fn report_viewer(&self) -> Viewer {
        match self.players() {
            Players::One(side) => Viewer::Side(side),
            Players::Two => Viewer::Both,
        }
    }

    /// The title screen's menu as it stands.
    #[must_use]
    pub fn menu(&self) -> Vec<MenuItem> {
        menu(self.resumable.is_some())
    }

    /// "seed 7", or "daily 2026-11-26" for the daily game.
    #[must_use]
    pub fn seed_label(&self, seed: u64) -> String {
        match &self.daily {
            Some(date) if seed == self.options.seed => format!("daily {date}"),
            _ => format!("seed {seed}"),
        }
    }

    /// The replay's progress: (choices played, choices recorded).
    #[must_use]
    pub fn replay_progress(&self) -> Option<(usize, usize)> {
        let r = self.replay()?;
        let done = self.game().map_or(0, |g| g.turns().len());
        Some((done, r.choices.len()))
    }

    /// The advisor's forecasts, if they are for the game as it stands and the side at the keyboard.
    #[must_use]
    pub fn advice(&self) -> Option<&Advice> {
        let g = self.game()?;
        let seat = self.seat();
        self.advice.as_ref().filter(|a| a.is_for(g, seat))
    }

    /// The choices the undo list offers to go back to just before: every one, or
    /// with two players the first of each month (both orders go back together).
    #[must_use]
    pub fn undo_points(&self) -> Vec<usize> {
        let Some(g) = self.game() else {
            return Vec::new();
        };
        let turns = g.turns();
        (0..turns.len())
            .filter(|&i| {
                self.players() != Players::Two || i == 0 || turns[i].month != turns[i - 1].month
            })
            .collect()
    }
}
