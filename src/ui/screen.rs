//! The screens. Each variant of [`Screen`] carries one screen's state, and that
//! screen's file under `view/` implements [`ScreenView`] for it: how it draws,
//! how it answers a message, which keys it reads and what it is (part of a game
//! in progress, a place where Enter acts on the game, a place that shows the
//! advisor's forecast). The app, the frame and the key table only forward to it:
//! adding a screen is its file and one line of [`screens!`].

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::hits::{Button, Hits, Page, Target, scrolled};
use super::keys::Action;
use super::keys::Scope;
use crate::game::Choice;
use crate::game::scenario::{MoveId, SideId};

use super::msg::{Msg, ReportPage};
use super::room::{RoomLink, RoomScreen, RoomsHere};
use super::view::card::Card;
use super::view::end::End;
use super::view::game::{MoveCursors, Playing};
use super::view::handover::Handover;
use super::view::scores::ScoreTable;
use super::view::title::Title;
use super::world::World;

/// What a screen reads beside its own state, to draw itself.
pub struct Look<'a> {
    pub world: &'a World,
    /// Rooms can be played here (under the server only).
    pub rooms: Option<&'a RoomsHere>,
    /// The room this app plays a friend in.
    pub room: Option<&'a RoomLink>,
}

/// What a screen reads and may change beside its own state, to answer a message.
pub struct Cx<'a> {
    pub world: &'a mut World,
    /// Rooms can be played here (under the server only).
    pub rooms: Option<&'a RoomsHere>,
    /// The room this app plays a friend in.
    pub room: Option<&'a RoomLink>,
    /// The scrolling page as the last frame laid it out.
    pub page: Page,
    /// Where each side's move list was left (the game screen is rebuilt from it).
    pub move_cursors: &'a mut MoveCursors,
}

/// One screen: implemented in its file, for the state its variant carries.
pub trait ScreenView {
    /// Draw the screen; click areas go into `hits`. Reads, changes nothing.
    fn draw(&self, look: &Look, hits: &mut Hits, buf: &mut Buffer, area: Rect);

    /// Answer a message (a key's action, a click, typed text) with what the app
    /// is to do; only the screen's own state (and what `cx` lends) changes.
    fn update(&mut self, cx: &mut Cx, msg: Msg) -> Command;

    /// The key table that reads keys on this screen now.
    fn scope(&self, world: &World) -> Scope;

    /// Every key table the screen brings, for the help.
    fn keys() -> Vec<Scope>
    where
        Self: Sized;

    /// A key the screen reads itself, before its table (letters typed for a code).
    fn input(&self, _key: &KeyEvent) -> Option<Msg> {
        None
    }

    /// Part of a game in progress: quitting from it asks first.
    fn in_game(&self) -> bool {
        true
    }

    /// Enter and clicks act on the game here (a key typed ahead is not let through).
    fn commits(&self) -> bool {
        false
    }

    /// The advisor's forecast of the open choices is shown here.
    fn wants_forecast(&self) -> bool {
        false
    }
}

/// The list of screens: each line is a variant of [`Screen`] and the state it
/// carries (which implements [`ScreenView`]). Generates the enum and the one
/// `match` that forwards to the variant's state.
macro_rules! screens {
    ($( $(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])? $variant:ident($state:ty), )*) => {
        /// The screen that is up; each variant carries its screen's state.
        #[derive(Clone, Debug)]
        pub enum Screen {
            $( $(#[doc = $doc])* $(#[cfg($cfg)])? $variant($state), )*
        }

        impl Screen {
            /// The screen that is up, as its file implements it.
            pub(super) fn view(&self) -> &dyn ScreenView {
                match self {
                    $( $(#[cfg($cfg)])? Screen::$variant(s) => s, )*
                }
            }

            /// The same, to answer a message.
            pub(super) fn view_mut(&mut self) -> &mut dyn ScreenView {
                match self {
                    $( $(#[cfg($cfg)])? Screen::$variant(s) => s, )*
                }
            }

            /// Every screen's key tables.
            pub(super) fn keys() -> Vec<Scope> {
                let mut all = Vec::new();
                $( $(#[cfg($cfg)])? all.extend(<$state as ScreenView>::keys()); )*
                all
            }
        }
    };
}

screens! {
    Title(Title),
    /// The month's move.
    Playing(Playing),
    /// An event card, over the game screen.
    Card(Card),
    /// Two players: pass the keyboard; nothing of the other side's order shows.
    Handover(Handover),
    Report(ReportPage),
    End(End),
    /// The high-score table.
    Scores(ScoreTable),
    /// Playing a friend: choosing a side, typing a code, waiting (`room.rs`).
    Room(RoomScreen),
    /// The player quit; the loop ends.
    Quit(Quit),
    /// A screen that exists for a test of this list (`view/probe.rs`).
    #[cfg(test)]
    Probe(super::view::probe::Probe),
}

/// A scrolling page (report, end screen) whose main button is `button`.
pub fn scroll_page(scroll: &mut u16, page: Page, msg: Msg, button: Button) -> Command {
    let go = || match button {
        Button::NewGame => Command::ToTitle,
        _ => Command::Continue,
    };
    match msg {
        Msg::Act(Action::Confirm) => go(),
        Msg::Act(Action::SaveRun) => Command::SaveRun,
        Msg::Click(Target::Button(b)) if b == button => go(),
        Msg::Click(Target::Button(Button::Quit)) => Command::Quit,
        Msg::Act(a) => {
            *scroll = scrolled(*scroll, a, page);
            Command::None
        }
        _ => Command::None,
    }
}

/// The player quit; the loop ends. `ending_unseen`: quit on a finished game's
/// last report, so its autosave stays and the next start offers "See the
/// ending" (`shutdown` sees this screen, no longer the report).
#[derive(Clone, Copy, Debug)]
pub struct Quit {
    pub ending_unseen: bool,
}

impl ScreenView for Quit {
    fn draw(&self, _: &Look, _: &mut Hits, _: &mut Buffer, _: Rect) {}

    fn update(&mut self, _: &mut Cx, _: Msg) -> Command {
        Command::None
    }

    fn scope(&self, _: &World) -> Scope {
        &super::view::end::KEYS
    }

    fn keys() -> Vec<Scope> {
        Vec::new()
    }
}

/// What a screen asks the app to do; screens never touch the game themselves.
#[derive(Clone, Debug)]
pub enum Command {
    None,
    /// Put this screen up (a screen that needs nothing else done to open it).
    Open(Box<Screen>),
    NewGame,
    Play(Choice),
    /// Two players: the side at the keyboard gives its order, sealed until both have.
    Seal(MoveId),
    /// Two players: the side named on the hand-over screen has the keyboard.
    Ready,
    Continue,
    ShowLastReport,
    ToTitle,
    Help,
    AskQuit,
    Quit,
    /// Take up the saved game.
    Resume,
    ShowScores,
    /// Open the list of earlier turns.
    AskUndo,
    /// Go back to just before the n-th choice.
    UndoTo(usize),
    /// Go back, the other side having agreed.
    Agreed(usize),
    SaveRun,
    /// Replay: play the next recorded choice.
    Step,
    /// Close the overlay that is up.
    Close,
    /// The title's "Rejoin" (under the server): take up one's seat in a room.
    Rejoin,
    /// Open a room to play this side against a friend.
    OpenRoom(SideId),
    /// Join the room whose code is typed.
    JoinRoom,
    /// Leave the room screens (and the room) for the title.
    LeaveRoom,
}
