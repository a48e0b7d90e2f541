//! The app: the world the screens read, the screen that is up and what is over
//! it, and the Elm-like loop — `input` turns an event into a message, `update`
//! changes the app, `render` shows it.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::game::scenario::SideId;
use crate::game::{Game, Scenario};
use crate::store::Files;

use super::advice::{Advice, AdviceKey, Request};
use super::hits::Hits;
use super::keys::{self, Action, Scope};
use super::msg::{Effect, Launch, Msg, Notice, Overlay};
use super::room::{RoomAsk, RoomLink, RoomsHere};
use super::screen::{Command, Cx, Screen};
use super::seats::Seats;
use super::theme::Theme;
use super::view::game::MoveCursors;
use super::view::title::Title;
use super::view::{dialog, help, undo};
use super::world::{Options, World};

/// The whole terminal app: the world the screens read, the screen that is up, and
/// what is over it. `update` decides; `render` (in `render.rs`) only reads.
pub struct App {
    /// What every screen reads: scenario, options, the session, seats, forecasts, files.
    pub(super) world: World,

    // The screen that is up (each variant carries its own state), and what the
    // game screen is rebuilt from when it comes up again.
    pub(super) screen: Screen,
    /// Where each side's move list was left.
    pub(super) move_cursors: MoveCursors,

    // What is over the screen.
    pub(super) overlay: Option<Overlay>,
    /// The message over the screen and its overlay until the next key.
    pub(super) notice: Notice,

    // Playing a friend (under the server only).
    /// Rooms can be played here (`room.rs`).
    pub(super) rooms: Option<RoomsHere>,
    /// The room this app plays a friend in.
    pub(super) room: Option<RoomLink>,

    // The loop's bookkeeping.
    /// What the last frame handed back: click areas and the scrolling page.
    pub(super) hits: Hits,
    /// The state and side a forecast was last asked for (so it is asked once).
    pub(super) asked: Option<AdviceKey>,
    /// What `update` has decided the outside world must do, until it returns.
    pub(super) effects: Vec<Effect>,
}

impl App {
    /// An app with no files (nothing is saved): tests and snapshots.
    #[must_use]
    pub fn new(scenario: Scenario, options: Options) -> App {
        App::launch(
            scenario,
            options,
            Launch {
                files: Files::none(),
                ..Launch::default()
            },
        )
    }

    /// The app as the player starts it: the title screen, a continued game or a replay.
    #[must_use]
    pub fn launch(scenario: Scenario, options: Options, launch: Launch) -> App {
        App::launch_shared(Arc::new(scenario), options, launch)
    }

    /// The same, with a scenario shared with other apps (the server's games: one
    /// compiled scenario for every connection, not a copy each).
    #[must_use]
    pub fn launch_shared(scenario: Arc<Scenario>, options: Options, launch: Launch) -> App {
        let theme = Theme::new(options.ascii, options.no_color);
        let world = World {
            scenario,
            options,
            theme,
            session: None,
            seats: Seats::default(),
            advice: None,
            files: launch.files,
            resumable: launch.resumable,
            save_run: launch.save_run,
            runs_started: 0,
            daily: launch.daily,
            messages: Vec::new(),
        };
        let mut app = App {
            world,
            screen: Screen::Title(Title::default()),
            move_cursors: MoveCursors::default(),
            overlay: None,
            notice: Notice {
                problem: launch.notice,
                success: None,
            },
            rooms: launch.rooms,
            room: None,
            hits: Hits::default(),
            asked: None,
            effects: Vec::new(),
        };
        if let Some(code) = app.rooms.as_mut().and_then(|r| r.join.take()) {
            // `join CODE`: the first update carries the ask to the room.
            app.ask_room(RoomAsk::Join { code });
        } else if let Some((game, file)) = launch.replay {
            app.start_replay(game, file);
        } else if launch.resume_now {
            app.resume();
        }
        app
    }

    /// What every screen reads.
    #[must_use]
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The side whose screen is up.
    #[must_use]
    pub fn seat(&self) -> SideId {
        self.world.seat()
    }

    /// Lines for stderr, once the terminal is back to normal.
    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.world.messages)
    }

    /// A line in the log file of the data directory.
    pub fn log(&self, msg: &str) {
        self.world.files.log(msg);
    }

    /// The message over the screen: a problem, else a success to confirm.
    #[must_use]
    pub fn notice(&self) -> Option<&str> {
        self.notice.text()
    }

    #[must_use]
    pub fn should_quit(&self) -> bool {
        matches!(self.screen, Screen::Quit { .. })
    }

    #[must_use]
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    #[must_use]
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    #[must_use]
    pub fn game(&self) -> Option<&Game> {
        self.world.game()
    }

    /// Feed one terminal event to the app and carry out what it asks at once, on
    /// this thread (forecasts too, in full): tests and snapshots, with no loop.
    /// Returns the effects only a loop can carry out (suspend, quit).
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        let Some(msg) = self.input(&event) else {
            return Vec::new();
        };
        let mut todo = std::collections::VecDeque::from(self.update(msg));
        let mut left = Vec::new();
        while let Some(e) = todo.pop_front() {
            match e {
                Effect::Forecast(r) => {
                    todo.extend(self.update(Msg::Forecast(Box::new(r.compute()))));
                }
                e if e.is_the_apps() => todo.extend(self.perform(vec![e])),
                other => left.push(other),
            }
        }
        left
    }

    /// Draw the current screen into a frame of any size.
    /// Draw, and keep what the frame handed back for reading the next input.
    pub fn draw(&mut self, frame: &mut Frame) {
        self.hits = self.render(frame);
    }

    /// The forecast the screen wants and has not asked for yet (or, when no screen
    /// wants one any more, the order to drop the one in hand).
    fn forecast_wanted(&mut self) -> Option<Effect> {
        let seat = self.world.seat();
        let wanted = self
            .world
            .game()
            .filter(|g| self.screen.view().wants_forecast() && !g.state().is_over());
        let Some(g) = wanted else {
            return self.asked.take().map(|_| Effect::CancelForecast);
        };
        let key = AdviceKey::of(g, seat);
        if self.asked == Some(key) || self.world.advice.as_ref().is_some_and(|a| a.key == key) {
            return None;
        }
        self.asked = Some(key);
        Some(Effect::Forecast(Box::new(Request::new(g, seat))))
    }

    /// Forecasts arrived: kept if they are for the state and side on screen (and
    /// not older than what is shown), else dropped as stale.
    fn take_forecast(&mut self, a: Advice) {
        let current = self
            .world
            .game()
            .is_some_and(|g| a.is_for(g, self.world.seat()));
        let shown_complete = self
            .world
            .advice
            .as_ref()
            .is_some_and(|old| old.key == a.key && old.complete);
        if current && !shown_complete {
            self.world.advice = Some(a);
        }
    }

    fn scope(&self) -> Scope {
        match (self.overlay, &self.screen) {
            (Some(Overlay::Help { .. }), _) => &help::KEYS,
            (Some(Overlay::ConfirmQuit { .. } | Overlay::Consent { .. }), _) => &dialog::KEYS,
            (Some(Overlay::Undo { .. }), _) => &undo::KEYS,
            (None, s) => s.view().scope(&self.world),
        }
    }

    /// Turn a terminal event into a message for the screen that is up.
    pub fn input(&self, event: &Event) -> Option<Msg> {
        match event {
            // Some terminals also report releases and repeats; a turn-based game wants presses.
            Event::Key(k) if k.kind == KeyEventKind::Press => (self.overlay.is_none())
                .then(|| self.screen.view().input(k))
                .flatten()
                .or_else(|| keys::action(self.scope(), k).map(Msg::Act))
                .or_else(|| {
                    // Ctrl-Z suspends from dialogs and overlays too.
                    let a = keys::action(&keys::EVERYWHERE, k);
                    a.filter(|a| *a == Action::Suspend).map(Msg::Act)
                }),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    self.hits.at(m.column, m.row).map(Msg::Click)
                }
                MouseEventKind::ScrollDown => Some(Msg::Act(Action::Down)),
                MouseEventKind::ScrollUp => Some(Msg::Act(Action::Up)),
                _ => None,
            },
            Event::Resize(..) => Some(Msg::Redraw),
            _ => None,
        }
    }

    /// Which screen is on show, as far as a key typed for it is concerned: the
    /// screen's kind, the game's state, the overlay and who holds the keyboard.
    #[must_use]
    pub fn face(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        std::mem::discriminant(&self.screen).hash(&mut h);
        self.world.game().map(|g| *g.state()).hash(&mut h);
        self.overlay
            .map(|o| std::mem::discriminant(&o))
            .hash(&mut h);
        self.world.seats.at_keyboard.hash(&mut h);
        if let Screen::Handover(s) = &self.screen {
            s.to.hash(&mut h);
        }
        h.finish()
    }

    /// Whether an event would act on what the screen shows (play a move, answer a
    /// card, continue from a report, take the keyboard) rather than look around.
    #[must_use]
    pub fn commits(&self, event: &Event) -> bool {
        let acts = matches!(
            self.input(event),
            Some(Msg::Click(_) | Msg::Act(Action::Confirm | Action::Pick(_) | Action::Step))
        );
        acts && self.overlay.is_none() && self.screen.view().commits()
    }

    /// Whether leaving now would lose a game in progress.
    pub(super) fn in_game(&self) -> bool {
        self.world.game().is_some_and(|g| !g.state().is_over())
            && self.world.replay().is_none()
            && self.screen.view().in_game()
    }

    /// Change the app for one message; returns what the outside world must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        self.decide(msg);
        // Agreed choices that came while a page was being read are played once it is left.
        self.catch_up();
        if let Some(e) = self.forecast_wanted() {
            self.effects.push(e);
        }
        if self.should_quit() {
            self.effects.push(Effect::Quit);
        }
        std::mem::take(&mut self.effects)
    }

    fn decide(&mut self, msg: Msg) {
        let msg = match msg {
            Msg::Redraw => return,
            Msg::Forecast(a) => return self.take_forecast(*a),
            Msg::Room(news) => return self.room_news(news),
            Msg::RunSaved(saved) => return self.run_saved(saved),
            Msg::ScoresRead(table, problem) => return self.scores_read(*table, problem),
            other => other,
        };
        if matches!(msg, Msg::Act(_) | Msg::Click(_) | Msg::Typed(_)) {
            self.notice = Notice::default();
            if let Screen::Playing(p) = &mut self.screen {
                p.status = None;
            }
        }
        if msg == Msg::Act(Action::Suspend) {
            self.effects.push(Effect::Suspend);
            return;
        }
        if let Some(o) = self.overlay {
            let cmd = self.update_overlay(o, msg);
            return self.apply(cmd);
        }
        let cmd = match msg {
            Msg::Act(Action::Help) => Command::Help,
            Msg::Act(Action::Quit | Action::Interrupt) => {
                if self.in_game() {
                    Command::AskQuit
                } else {
                    Command::Quit
                }
            }
            _ => self.update_screen(msg),
        };
        self.apply(cmd);
    }

    fn update_screen(&mut self, msg: Msg) -> Command {
        let mut cx = Cx {
            world: &mut self.world,
            rooms: self.rooms.as_ref(),
            room: self.room.as_ref(),
            page: self.hits.page,
            move_cursors: &mut self.move_cursors,
        };
        self.screen.view_mut().update(&mut cx, msg)
    }

    /// One line of feedback on the game screen, until the next key (nowhere else
    /// shows it: a choice refused elsewhere leaves its screen as it was).
    pub(super) fn say(&mut self, line: String) {
        if let Screen::Playing(p) = &mut self.screen {
            p.status = Some(line);
        }
    }
}
