//! The app: which screen is up, the UI's own cursors, and the Elm-like loop —
//! `input` turns an event into a message, `update` changes the app, `draw` shows it.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use crate::game::{Choice, Difficulty, Game, Phase, Scenario, Setup};

use super::Options;
use super::advice::Advice;
use super::keys::{self, Action, Scope};
pub use super::mode::{Command, MENU, MenuItem, Mode, Msg, Overlay, ReportKind, ReportPage};
use super::theme::Theme;
use super::view::{self, Button, Hits, Target};

/// The whole terminal app.
pub struct App {
    pub(super) scenario: Arc<Scenario>,
    pub(super) options: Options,
    pub(super) theme: Theme,
    pub(super) game: Option<Game>,
    pub(super) mode: Mode,
    pub(super) overlay: Option<Overlay>,
    /// The move last selected, so the cursor stays put month to month.
    pub(super) move_cursor: usize,
    /// One line of feedback (e.g. why a move cannot be played).
    pub(super) status: Option<String>,
    /// Clickable areas of the last frame drawn.
    pub(super) hits: Hits,
    /// Rows of the scrolling page in the last frame (for page up/down).
    pub(super) page_rows: u16,
    /// The advisor's forecasts for the game as it stands (computed when first drawn).
    pub(super) advice: Option<Advice>,
}

impl App {
    pub fn new(scenario: Scenario, options: Options) -> App {
        let theme = Theme::new(options.ascii, options.no_color);
        App {
            scenario: Arc::new(scenario),
            options,
            theme,
            game: None,
            mode: Mode::Title { cursor: 0 },
            overlay: None,
            move_cursor: 0,
            status: None,
            hits: Hits::default(),
            page_rows: 10,
            advice: None,
        }
    }

    pub fn should_quit(&self) -> bool {
        matches!(self.mode, Mode::Quit)
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    pub fn game(&self) -> Option<&Game> {
        self.game.as_ref()
    }

    /// Feed one terminal event to the app.
    pub fn handle(&mut self, event: Event) {
        if let Some(msg) = self.input(&event) {
            self.update(msg);
        }
    }

    /// Draw the current screen into a frame of any size.
    pub fn draw(&mut self, frame: &mut Frame) {
        self.refresh_advice();
        view::draw(self, frame);
    }

    /// Forecast the open choices once per state, before the screen that shows them.
    fn refresh_advice(&mut self) {
        let Some(g) = &self.game else {
            self.advice = None;
            return;
        };
        let wanted =
            matches!(self.mode, Mode::Playing { .. } | Mode::Card { .. }) && !g.state().is_over();
        if wanted && !self.advice.as_ref().is_some_and(|a| a.is_for(g)) {
            self.advice = Some(Advice::compute(g));
        }
    }

    /// The advisor's forecasts, if they are for the game as it stands.
    pub fn advice(&self) -> Option<&Advice> {
        let g = self.game.as_ref()?;
        self.advice.as_ref().filter(|a| a.is_for(g))
    }

    fn scope(&self) -> Scope {
        match (self.overlay, &self.mode) {
            (Some(Overlay::Help { .. }), _) => Scope::Help,
            (Some(Overlay::ConfirmQuit { .. }), _) => Scope::Confirm,
            (None, Mode::Title { .. }) => Scope::Title,
            (None, Mode::Playing { .. }) => Scope::Game,
            (None, Mode::Card { .. }) => Scope::Card,
            (None, Mode::Report(_)) => Scope::Report,
            (None, Mode::End { .. } | Mode::Quit) => Scope::End,
        }
    }

    /// Turn a terminal event into a message for the screen that is up.
    pub fn input(&self, event: &Event) -> Option<Msg> {
        match event {
            // Some terminals also report releases and repeats; a turn-based game wants presses.
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                keys::action(self.scope(), k).map(Msg::Act)
            }
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

    /// Whether leaving now would lose a game in progress.
    fn in_game(&self) -> bool {
        self.game.as_ref().is_some_and(|g| !g.state().is_over())
            && !matches!(self.mode, Mode::Title { .. } | Mode::End { .. })
    }

    pub fn update(&mut self, msg: Msg) {
        if msg == Msg::Redraw {
            return;
        }
        if matches!(msg, Msg::Act(_)) {
            self.status = None;
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

    fn update_overlay(&mut self, o: Overlay, msg: Msg) -> Command {
        match o {
            Overlay::Help { scroll } => match msg {
                Msg::Act(Action::Back) | Msg::Click(Target::Button(Button::Close)) => {
                    self.overlay = None;
                    Command::None
                }
                Msg::Act(Action::Interrupt) => {
                    self.overlay = None;
                    if self.in_game() {
                        Command::AskQuit
                    } else {
                        Command::Quit
                    }
                }
                Msg::Act(a) => {
                    self.overlay = Some(Overlay::Help {
                        scroll: view::scrolled(scroll, a, self.page_rows),
                    });
                    Command::None
                }
                _ => Command::None,
            },
            Overlay::ConfirmQuit { quit } => match msg {
                Msg::Act(Action::Yes) | Msg::Click(Target::Button(Button::Quit)) => Command::Quit,
                Msg::Act(Action::No) | Msg::Click(Target::Button(Button::Stay)) => {
                    self.overlay = None;
                    Command::None
                }
                Msg::Act(Action::Confirm) if quit => Command::Quit,
                Msg::Act(Action::Confirm) => {
                    self.overlay = None;
                    Command::None
                }
                Msg::Act(Action::Left | Action::Right) => {
                    self.overlay = Some(Overlay::ConfirmQuit { quit: !quit });
                    Command::None
                }
                _ => Command::None,
            },
        }
    }

    fn update_screen(&mut self, msg: Msg) -> Command {
        let page = self.page_rows;
        match &mut self.mode {
            Mode::Title { cursor } => {
                super::screens::title(cursor, &mut self.options.difficulty, msg)
            }
            Mode::Playing { cursor } => {
                let ids: Vec<_> = self
                    .scenario
                    .moves_of(self.scenario.default_player)
                    .collect();
                let cmd = super::screens::moves(cursor, &ids, msg);
                self.move_cursor = *cursor;
                match cmd {
                    Command::Play(Choice::Move { mv }) => self.check_move(mv),
                    other => other,
                }
            }
            Mode::Card { cursor } => {
                let n = match self.game.as_ref().map(|g| g.state().phase) {
                    Some(Phase::Card(e)) => self.scenario.event(e).choices.len(),
                    _ => 0,
                };
                super::screens::card(cursor, n, msg)
            }
            Mode::Report(p) => {
                super::screens::scroll_page(&mut p.scroll, page, msg, Button::Continue)
            }
            Mode::End { scroll } => super::screens::scroll_page(scroll, page, msg, Button::NewGame),
            Mode::Quit => Command::None,
        }
    }

    /// A move chosen on the list: play it if it can be played, else say why not.
    fn check_move(&mut self, mv: crate::game::scenario::MoveId) -> Command {
        let Some(g) = &self.game else {
            return Command::None;
        };
        if crate::game::rules::is_legal(&self.scenario, g.state(), mv) {
            Command::Play(Choice::Move { mv })
        } else {
            let m = self.scenario.mv(mv);
            self.status = Some(format!(
                "{} is not available now: {}.",
                m.name, m.requires_text
            ));
            Command::None
        }
    }

    fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::None => {}
            Command::NewGame => self.new_game(),
            Command::Play(choice) => self.play(choice),
            Command::Continue => self.mode = self.next_mode(),
            Command::ShowLastReport => self.show_last_report(),
            Command::ToTitle => {
                if !self.options.seed_given {
                    // A fresh game gets a fresh seed, unless the player asked for one.
                    self.options.seed = self.options.seed.wrapping_add(1);
                }
                self.game = None;
                self.mode = Mode::Title { cursor: 0 };
            }
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::AskQuit => self.overlay = Some(Overlay::ConfirmQuit { quit: false }),
            Command::Quit => {
                self.overlay = None;
                self.mode = Mode::Quit;
            }
        }
    }

    fn new_game(&mut self) {
        let sc = self.scenario.clone();
        let setup = Setup::single(sc.default_player, self.options.difficulty);
        let game = Game::new(sc, self.options.seed, setup);
        let page = ReportPage {
            kind: ReportKind::Opening,
            report: game.opening().clone(),
            after: game.state().meters,
            scroll: 0,
            wording: game.wording_key(0),
            forecast: None,
        };
        self.game = Some(game);
        self.move_cursor = 0;
        self.mode = Mode::Report(page);
    }

    fn play(&mut self, choice: Choice) {
        let Some(g) = &mut self.game else { return };
        let turn = g.state().turn;
        let kind = match (choice, g.state().phase) {
            (Choice::Answer { .. }, Phase::Card(event)) => ReportKind::Answer { event },
            _ => ReportKind::Month { turn },
        };
        let forecast = self
            .advice
            .as_ref()
            .filter(|a| a.is_for(g))
            .and_then(|a| a.for_choice(choice))
            .cloned()
            .map(Box::new);
        match g.play(choice) {
            Ok(report) => {
                let report = report.clone();
                let wording = g.wording_key(g.turns().len());
                self.mode = Mode::Report(ReportPage {
                    kind,
                    report,
                    after: g.state().meters,
                    scroll: 0,
                    wording,
                    forecast,
                });
            }
            Err(e) => self.status = Some(format!("Not played: {e}.")),
        }
    }

    /// The screen the game calls for now.
    fn next_mode(&self) -> Mode {
        match self.game.as_ref().map(|g| g.state().phase) {
            None => Mode::Title { cursor: 0 },
            Some(Phase::Orders) => Mode::Playing {
                cursor: self.move_cursor,
            },
            Some(Phase::Card(_)) => Mode::Card { cursor: 0 },
            Some(Phase::Over(_)) => Mode::End { scroll: 0 },
        }
    }

    /// The report of the month just played (with its news), or the opening one.
    fn show_last_report(&mut self) {
        let Some(g) = &self.game else { return };
        let turns = g.turns();
        let last_month = turns
            .iter()
            .rposition(|t| !matches!(t.choice, Choice::Answer { .. }));
        let (kind, report) = match last_month {
            None => (ReportKind::Opening, g.opening().clone()),
            Some(i) => (
                ReportKind::Month {
                    turn: turns[i].month,
                },
                turns[i].report.clone(),
            ),
        };
        // The meters as that report left them: undo the answers given since.
        let mut after = g.state().meters;
        for t in &turns[last_month.map_or(0, |i| i + 1)..] {
            for (m, d, _) in &t.report.changes {
                after[m.index()] -= d;
            }
        }
        // Report i's wording key is that of choice i + 1 (the opening is 0), as when it was first shown.
        let wording = g.wording_key(last_month.map_or(0, |i| i + 1));
        self.mode = Mode::Report(ReportPage {
            kind,
            report,
            after,
            scroll: 0,
            wording,
            forecast: None,
        });
    }

    /// Step the difficulty one level easier (-1) or harder (+1).
    pub(super) fn step_difficulty(d: Difficulty, step: i32) -> Difficulty {
        let i = (d.index() as i32 + step).clamp(0, Difficulty::ALL.len() as i32 - 1);
        Difficulty::ALL[i as usize]
    }
}
