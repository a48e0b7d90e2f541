//! The app's states and messages: which screen is up, what overlays it, what
//! input means and what a screen may ask the app to do.

use std::path::PathBuf;

use crate::game::forecast::Forecast;
use crate::game::report::TurnReport;
use crate::game::scenario::{EventId, MAX_METERS};
use crate::game::{Choice, Game};
use crate::store::Files;
use crate::store::files::Resumable;
use crate::store::scores::Scores;

use super::advice::{Advice, Request};
use super::hits::Target;
use super::keys::Action;
use super::room::{RoomAsk, RoomNews, RoomsHere};

/// The title screen's menu, in order; *Continue* only when there is a game to continue.
pub fn menu(can_continue: bool) -> Vec<MenuItem> {
    let mut m = Vec::with_capacity(7);
    if can_continue {
        m.push(MenuItem::Continue);
    }
    m.extend([
        MenuItem::NewGame,
        MenuItem::HowToPlay,
        MenuItem::HighScores,
        MenuItem::Side,
        MenuItem::Difficulty,
        MenuItem::Quit,
    ]);
    m
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuItem {
    Continue,
    NewGame,
    HowToPlay,
    HighScores,
    /// Which side to play, or both (two players).
    Side,
    Difficulty,
    Quit,
    /// Under the server: open a room and play a friend on another connection.
    PlayFriend,
    /// Under the server: join a friend's room by its code.
    JoinFriend,
    /// Under the server: take up one's seat in a room left a while ago.
    Rejoin,
}

/// What a report page reports on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// The first month's news, before the first move.
    Opening,
    /// The month played in `turn` and the news of the next.
    Month { turn: u8 },
    /// The answer to a card.
    Answer { event: EventId },
}

/// A turn report on screen.
#[derive(Clone, Debug)]
pub struct ReportPage {
    pub kind: ReportKind,
    pub report: TurnReport,
    /// Every meter right after the report (before = after − net change).
    pub after: [i16; MAX_METERS],
    pub scroll: u16,
    /// The flavour key for this report's wording variants.
    pub wording: u64,
    /// What the advisor forecast for the choice this report follows.
    pub forecast: Option<Box<Forecast>>,
    /// The odds, in percent, that the player's move would work, as the list
    /// showed them before it was played (`None` for a move that cannot fail,
    /// a card's answer, or two players' orders).
    pub odds: Option<u32>,
    /// The finished game's place in the high scores, once its last report has
    /// scored it (`Effect::Finish`): handed on to the end screen.
    pub rank: Option<usize>,
}

impl ReportPage {
    /// A report at its top, with no forecast, odds or rank to quote.
    #[must_use]
    pub fn new(
        kind: ReportKind,
        report: TurnReport,
        after: [i16; MAX_METERS],
        wording: u64,
    ) -> Self {
        ReportPage {
            kind,
            report,
            after,
            scroll: 0,
            wording,
            forecast: None,
            odds: None,
            rank: None,
        }
    }
}

/// A dialog or overlay on top of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: u16,
    },
    /// `quit` is the focused button.
    ConfirmQuit {
        quit: bool,
    },
    /// The list of turns played, to go back to just before one.
    Undo {
        cursor: usize,
    },
    /// Two players: the other side is asked to agree to going back to the
    /// `row`-th point of the undo list; `yes` is the focused button.
    Consent {
        row: usize,
        yes: bool,
    },
}

/// The message over any screen and any overlay until the next key: a problem
/// (⚠: a save that failed, a bad file set aside), else a success to confirm (✓: a
/// run file written). A problem told with a success hides it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    pub problem: Option<String>,
    pub success: Option<String>,
}

impl Notice {
    /// The message shown: the problem if any, else the success.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        self.problem.as_deref().or(self.success.as_deref())
    }
}

/// What input means, for `update`.
#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    Act(Action),
    Click(Target),
    /// Nothing changes, but the screen is drawn again (e.g. a resize).
    Redraw,
    /// The advisor's forecasts arrived (kept only if they are for the state on screen).
    Forecast(Box<Advice>),
    /// The server's room has news (a friend joined, the month's orders, a drop).
    Room(RoomNews),
    /// A character typed where text is asked for (a room code).
    Typed(char),
    /// The `s` key's run file was written (its path), or why not.
    RunSaved(Result<PathBuf, String>),
    /// The high-score table was read, with a problem to tell if it could not be.
    ScoresRead(Box<Scores>, Option<String>),
}

/// What `update` asks the world outside the app to do; the loop carries it out.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Forecast the open choices off the UI thread (answered by [`Msg::Forecast`]).
    Forecast(Box<Request>),
    /// Drop the forecast in hand: nothing on screen needs it any more.
    CancelForecast,
    /// Save the game in progress.
    Autosave,
    /// The game is over: score it, drop its autosave, write its run file.
    Finish,
    /// Draw the next game's seed from the operating system (the title shows it).
    NewSeed,
    /// Write the game in hand to a run file of the data directory (the `s` key;
    /// answered by [`Msg::RunSaved`]).
    SaveRun,
    /// Read the high-score table for its screen (answered by [`Msg::ScoresRead`]).
    ReadScores,
    /// Give the terminal back until the shell's `fg` (Ctrl-Z).
    Suspend,
    /// Ask the server's room something (the host carries it there).
    Room(RoomAsk),
    /// Leave the game.
    Quit,
}

impl Effect {
    /// Whether the app carries it out itself ([`super::App::perform`]): its own files
    /// and the system's random seed. The loop does so after the frame is drawn.
    #[must_use]
    pub fn is_the_apps(&self) -> bool {
        matches!(
            self,
            Effect::Autosave
                | Effect::Finish
                | Effect::NewSeed
                | Effect::SaveRun
                | Effect::ReadScores
        )
    }
}

/// A run file being played back.
#[derive(Clone, Debug)]
pub struct Replay {
    pub file: PathBuf,
    pub choices: Vec<Choice>,
}

/// How the game was started, beyond the options: files, and where to begin.
#[derive(Debug, Default)]
pub struct Launch {
    pub files: Files,
    /// A saved game to offer on the title screen.
    pub resumable: Option<Box<Resumable>>,
    /// `--continue`: take it up at once.
    pub resume_now: bool,
    /// `replay FILE`: the recorded game and its file.
    pub replay: Option<(Game, PathBuf)>,
    pub save_run: Option<PathBuf>,
    pub daily: Option<String>,
    /// Something to tell the player on the first screen.
    pub notice: Option<String>,
    /// Under the server: rooms can be played (`None` for the local game, which has none).
    pub rooms: Option<RoomsHere>,
}
