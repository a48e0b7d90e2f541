//! What happens to the game itself: a new one, a saved one taken up, a choice
//! played (and the autosave that follows it), a turn undone, a run file
//! replayed or written, the score kept, and what is saved on the way out.

use std::path::PathBuf;

use crate::game::scenario::{SIDES, SideId};
use crate::game::{Choice, Game, Phase, Scenario, State, rules};

use super::app::App;
use super::msg::{Effect, Overlay, Replay, ReportKind, ReportPage};
use super::screen::Screen;
use super::seats::Players;
use super::view::game::MoveCursors;
use super::view::title::Title;
use super::world::Session;

/// The row the move list starts on in a game just begun or taken up: the side's
/// move that does nothing of its own ("Hold course", "Wait and see"), so a stray
/// Enter never plays a hostile move nobody chose. Not the advisor's pick: that
/// arrives later and would move the cursor under the player's eyes. Failing such
/// a move, the first open move that reads as neutral, then the first open one.
#[must_use]
pub fn safe_row(sc: &Scenario, st: &State, side: SideId) -> usize {
    let open: Vec<(usize, crate::game::scenario::MoveId)> = sc
        .moves_of(side)
        .enumerate()
        .filter(|(_, mv)| rules::is_legal(sc, st, *mv))
        .collect();
    let idle = |mv| {
        let m = sc.mv(mv);
        m.stance == 0 && m.effects.is_empty() && m.success.is_empty() && m.failure.is_empty()
    };
    open.iter()
        .find(|(_, mv)| idle(*mv))
        .or_else(|| open.iter().find(|(_, mv)| sc.mv(*mv).stance == 0))
        .or_else(|| open.first())
        .map_or(0, |(i, _)| *i)
}

impl App {
    /// Each side's move list starts on its safe row (see [`safe_row`]).
    fn safe_cursors(&mut self) {
        let Some(g) = self.world.game() else { return };
        let cursors: [usize; SIDES] = SideId::ALL.map(|s| safe_row(g.scenario(), g.state(), s));
        self.move_cursors = MoveCursors(cursors);
    }

    /// The page of a game's opening news.
    fn opening_page(game: &Game) -> ReportPage {
        ReportPage::new(
            ReportKind::Opening,
            game.opening().clone(),
            game.state().meters,
            game.wording_key(0),
        )
    }

    pub(super) fn new_game(&mut self) {
        let sc = self.world.scenario.clone();
        let setup = self
            .world
            .options
            .players
            .setup(self.world.options.difficulty);
        let game = Game::new(sc, self.world.options.seed, setup);
        self.screen = Screen::Report(App::opening_page(&game));
        // The new game is the one to continue from now on.
        self.world.resumable = None;
        self.reset_seats();
        self.world.session = Some(Session::Live(game));
        self.safe_cursors();
        self.world.runs_started += 1;
        self.effects.push(Effect::Autosave);
    }

    /// Take up the saved game where it was left: same state, same random stream.
    pub(super) fn resume(&mut self) {
        let Some(r) = self.world.resumable.take() else {
            return;
        };
        let r = *r;
        self.world.scenario = r.game.scenario_arc().clone();
        self.world.options.seed = r.game.seed();
        self.world.options.difficulty = r.game.setup().difficulty;
        self.world.options.players = Players::of(r.game.setup());
        self.reset_seats();
        self.world.session = Some(Session::Live(r.game));
        self.safe_cursors();
        self.world.runs_started += 1;
        self.screen = self.next_screen();
    }

    pub(super) fn back_to_title(&mut self) {
        // A finished game's end screen is left: its autosave, kept until now so a
        // kill could not lose the ending, goes, and then the game (see `finish`).
        let ended = matches!(&self.world.session, Some(Session::Live(g)) if g.state().is_over());
        if ended {
            self.effects.push(Effect::Finish);
        } else {
            self.world.session = None;
        }
        self.screen = Screen::Title(Title::default());
    }

    pub(super) fn play(&mut self, choice: Choice) {
        let seat = self.world.seat();
        let Some(g) = self.world.session.as_mut().map(Session::game_mut) else {
            return;
        };
        let turn = g.state().turn;
        let kind = match (choice, g.state().phase) {
            (Choice::Answer { .. }, Phase::Card(event)) => ReportKind::Answer { event },
            _ => ReportKind::Month { turn },
        };
        // Two players' orders were forecast against the model, not each other: no comparison.
        let forecast = self
            .world
            .advice
            .as_ref()
            .filter(|a| a.is_for(g, seat))
            .and_then(|a| a.for_choice(choice))
            .cloned()
            .map(Box::new);
        let odds = match choice {
            Choice::Move { mv } => rules::odds_percent(g.scenario(), g.state(), mv),
            Choice::Answer { .. } | Choice::Orders { .. } => None,
        };
        match g.play(choice) {
            Ok(report) => {
                let report = report.clone();
                let wording = g.wording_key(g.turns().len());
                self.screen = Screen::Report(ReportPage {
                    forecast,
                    odds,
                    ..ReportPage::new(kind, report, g.state().meters, wording)
                });
                self.effects.push(if g.state().is_over() {
                    Effect::Finish
                } else {
                    Effect::Autosave
                });
            }
            Err(e) => self.say(format!("Not played: {e}.")),
        }
    }

    pub(super) fn ask_undo(&mut self) {
        match self.world.undo_points().len() {
            0 => {
                self.notice.problem =
                    Some("Nothing to go back to yet: no turn has been played.".into());
            }
            n => self.overlay = Some(Overlay::Undo { cursor: n - 1 }),
        }
    }

    /// Go back to just before the `row`-th point of the undo list; the autosave follows.
    pub(super) fn undo_to(&mut self, row: usize) {
        let Some(n) = self.world.undo_points().get(row).copied() else {
            return;
        };
        let Some(g) = self.world.session.as_mut().map(Session::game_mut) else {
            return;
        };
        let Some(turn) = g.turns().get(n) else { return };
        let when = g.scenario().calendar.label(turn.month);
        g.undo_to(n);
        self.reset_seats();
        self.screen = self.next_screen();
        self.effects.push(Effect::Autosave);
        if self.notice.problem.is_none() {
            self.notice.problem = Some(format!(
                "Back to {when}, before that turn's choice: play another branch."
            ));
        }
    }

    /// Play back a recorded game from its start.
    pub(super) fn start_replay(&mut self, recorded: Game, file: PathBuf) {
        let game = Game::new(
            recorded.scenario_arc().clone(),
            recorded.seed(),
            recorded.setup(),
        );
        self.world.scenario = recorded.scenario_arc().clone();
        self.world.options.seed = recorded.seed();
        self.world.options.difficulty = recorded.setup().difficulty;
        self.world.options.players = Players::of(recorded.setup());
        self.reset_seats();
        self.screen = Screen::Report(App::opening_page(&game));
        let record = Replay {
            file,
            choices: recorded.choices(),
        };
        self.world.session = Some(Session::Replay { game, record });
    }

    /// The recorded choice that comes next in a replay.
    pub(super) fn next_recorded(&self) -> Option<Choice> {
        let r = self.world.replay()?;
        let done = self.world.game()?.turns().len();
        r.choices.get(done).copied()
    }

    /// Replay: play the next recorded choice, or say the recording is over.
    pub(super) fn step(&mut self) {
        match self.next_recorded() {
            Some(c) => self.play(c),
            None => {
                if let Some(r) = self.world.replay() {
                    self.notice.problem = Some(format!(
                        "End of {}: all {} recorded choices played. q quits.",
                        r.file.display(),
                        r.choices.len()
                    ));
                }
            }
        }
    }

    /// The report of the month just played (with its news), or the opening one.
    pub(super) fn show_last_report(&mut self) {
        let Some(g) = self.world.game() else { return };
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
        // The meters as that report left them (before any answer given since): the
        // game's own record, not a sum of the report's deltas.
        let after = match last_month {
            Some(i) => g.meters_after(i),
            None => g.timeline().first().copied(),
        }
        .unwrap_or(g.state().meters);
        // Report i's wording key is that of choice i + 1 (the opening is 0), as when it was first shown.
        let wording = g.wording_key(last_month.map_or(0, |i| i + 1));
        self.screen = Screen::Report(ReportPage::new(kind, report, after, wording));
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::game::Scenario;
    use crate::ui::{Options, key};

    fn app() -> App {
        App::new(
            Scenario::builtin(),
            Options::seeded(7, Players::usual(&Scenario::builtin())),
        )
    }

    fn press(app: &mut App, code: KeyCode) {
        app.handle(key(code, KeyModifiers::NONE));
    }

    #[test]
    fn undo_goes_back_to_just_before_the_chosen_turn() {
        let mut a = app();
        press(&mut a, KeyCode::Enter); // new game
        press(&mut a, KeyCode::Enter); // the opening report
        let start = *a.game().unwrap().state();
        press(&mut a, KeyCode::Enter); // play the first move
        press(&mut a, KeyCode::Enter); // its report
        assert_eq!(a.game().unwrap().turns().len(), 1);
        press(&mut a, KeyCode::Char('u')); // the list of turns
        assert_eq!(a.overlay(), Some(Overlay::Undo { cursor: 0 }));
        press(&mut a, KeyCode::Enter); // back to before it
        assert_eq!(a.overlay(), None);
        assert!(a.game().unwrap().turns().is_empty());
        assert_eq!(*a.game().unwrap().state(), start);
        assert!(matches!(a.screen(), Screen::Playing { .. }));
    }

    #[test]
    fn a_replay_plays_only_the_recorded_choices() {
        let mut a = app();
        press(&mut a, KeyCode::Enter); // new game
        press(&mut a, KeyCode::Enter); // the opening report
        press(&mut a, KeyCode::Char('G')); // the last move
        press(&mut a, KeyCode::Enter); // play it
        let recorded = a.game().unwrap().clone();
        let mut r = app();
        r.start_replay(recorded.clone(), PathBuf::from("run.json"));
        press(&mut r, KeyCode::Enter); // the opening report
        assert!(matches!(r.screen(), Screen::Playing { .. }));
        press(&mut r, KeyCode::Up); // no moving the cursor
        press(&mut r, KeyCode::Right); // the recorded move
        assert_eq!(r.game().unwrap().choices(), recorded.choices());
        press(&mut r, KeyCode::Enter); // its report
        press(&mut r, KeyCode::Enter); // past the end of the recording: nothing new
        assert_eq!(r.game().unwrap().choices(), recorded.choices());
        assert!(r.notice().is_some_and(|n| n.contains("End of run.json")));
    }

    /// A replay's move details, cut at 80×24, page with PgDn as a game's do
    /// (Space steps on in a replay, so only PgDn and PgUp), and the key line
    /// says so; paging plays nothing.
    #[test]
    fn a_replays_details_page_without_playing() {
        use ratatui::{Terminal, backend::TestBackend};
        let footer = |a: &mut App| {
            let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
            t.draw(|f| a.draw(f)).unwrap();
            let b = t.backend().buffer().clone();
            (0..80)
                .map(|x| b[(x, 23)].symbol().to_string())
                .collect::<String>()
        };
        let mut a = app();
        press(&mut a, KeyCode::Enter); // new game
        press(&mut a, KeyCode::Enter); // the opening report
        press(&mut a, KeyCode::Enter); // play the first move
        let recorded = a.game().unwrap().clone();
        let mut r = app();
        r.start_replay(recorded.clone(), PathBuf::from("run.json"));
        press(&mut r, KeyCode::Enter); // the opening report
        assert!(
            footer(&mut r).starts_with("PgDn more · "),
            "{}",
            footer(&mut r)
        );
        for _ in 0..5 {
            press(&mut r, KeyCode::PageDown);
            footer(&mut r);
        }
        assert!(
            footer(&mut r).starts_with("PgUp back · "),
            "{}",
            footer(&mut r)
        );
        assert!(
            r.game().unwrap().turns().is_empty(),
            "paging played nothing"
        );
        assert!(matches!(r.screen(), Screen::Playing(p) if p.detail_scroll > 0));
    }

    /// Two players: undo goes back to the start of a month, and a sealed order goes with it.
    #[test]
    fn two_players_undo_whole_months_and_drop_a_sealed_order() {
        let mut a = App::new(
            Scenario::builtin(),
            Options {
                players: Players::Two,
                ..app().world.options
            },
        );
        press(&mut a, KeyCode::Enter); // new game
        press(&mut a, KeyCode::Enter); // the opening report
        assert!(matches!(a.screen(), Screen::Handover(h) if h.to.0 == 0));
        press(&mut a, KeyCode::Enter); // Washington takes the keyboard
        press(&mut a, KeyCode::Enter); // its order, sealed
        assert!(a.game().unwrap().turns().is_empty(), "nothing played yet");
        assert!(matches!(a.screen(), Screen::Handover(h) if h.to.0 == 1));
        press(&mut a, KeyCode::Enter); // Moscow takes the keyboard
        press(&mut a, KeyCode::Enter); // its order: both are played
        assert!(matches!(
            a.game().unwrap().turns()[0].choice,
            Choice::Orders { .. }
        ));
        // On to the next month's orders, answering any card, and Washington seals again.
        for _ in 0..20 {
            if matches!(a.screen(), Screen::Playing { .. }) && a.seat().0 == 0 {
                break;
            }
            press(&mut a, KeyCode::Enter);
        }
        press(&mut a, KeyCode::Enter); // Washington's second order, sealed
        assert!(a.world.seats.sealed[0].is_some());
        press(&mut a, KeyCode::Enter); // Moscow takes the keyboard
        press(&mut a, KeyCode::Char('u')); // the list of months
        press(&mut a, KeyCode::Char('g')); // the first month
        press(&mut a, KeyCode::Enter); // back to its start: Washington is asked
        assert!(matches!(a.overlay(), Some(Overlay::Consent { .. })));
        press(&mut a, KeyCode::Char('y')); // Washington agrees
        assert!(a.game().unwrap().turns().is_empty());
        assert_eq!(
            a.world.seats,
            super::super::seats::Seats::default(),
            "the sealed order is gone"
        );
        assert!(matches!(a.screen(), Screen::Handover(h) if h.to.0 == 0));
    }

    #[test]
    fn ctrl_z_suspends_even_from_a_dialog() {
        let mut a = app();
        press(&mut a, KeyCode::Enter); // new game
        press(&mut a, KeyCode::Enter); // the opening report
        press(&mut a, KeyCode::Char('q')); // the quit dialog
        let effects = a.handle(key(KeyCode::Char('z'), KeyModifiers::CONTROL));
        assert!(matches!(effects[..], [Effect::Suspend]), "{effects:?}");
        assert!(a.handle(key(KeyCode::Esc, KeyModifiers::NONE)).is_empty());
    }
}
