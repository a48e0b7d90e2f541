//! The order of a game's screens: which one the game calls for now, and the
//! two-player hand-overs — who holds the keyboard and the month's sealed orders —
//! and, against a friend in a room, the wait for the other side instead.

use crate::game::Phase;
use crate::game::rules::Choice;
use crate::game::scenario::{MoveId, SIDES, SideId};

use super::app::App;
use super::screen::Screen;
use super::seats::{Players, Seats};
use super::view::card::Card;
use super::view::end::End;
use super::view::game::Playing;
use super::view::handover::Handover;
use super::view::title::Title;

impl App {
    /// The side that gives the next secret order this month, if any is still to come.
    fn next_to_order(&self) -> Option<SideId> {
        let setup = self.world.game()?.setup();
        SideId::ALL
            .into_iter()
            .find(|s| setup.human[s.index()] && self.world.seats.sealed[s.index()].is_none())
    }

    /// The screen the game calls for now (in a replay, with the recorded choice selected).
    pub(super) fn next_screen(&mut self) -> Screen {
        let recorded = self.next_recorded();
        let two = self.world.players() == Players::Two && self.world.replay().is_none();
        let Some(phase) = self.world.game().map(|g| g.state().phase) else {
            return Screen::Title(Title::default());
        };
        // Against a friend on another connection: no hand-overs, a wait instead.
        let two = two && self.room.is_none();
        if let Some(wait) = self.room_screen(phase) {
            return wait;
        }
        match phase {
            Phase::Orders => {
                if two {
                    let side = self.next_to_order().unwrap_or(SideId(0));
                    if self.world.seats.handed != Some(side) {
                        return Screen::Handover(Handover { to: side });
                    }
                }
                let seat = self.world.seat();
                let recorded = match recorded {
                    Some(Choice::Move { mv }) => Some(mv),
                    Some(Choice::Orders { moves }) => Some(moves[seat.index()]),
                    _ => None,
                };
                if let Some(mv) = recorded
                    && let Some(i) = self.world.scenario.moves_of(seat).position(|m| m == mv)
                {
                    self.move_cursors.keep(seat, i);
                }
                Screen::Playing(Playing {
                    cursor: self.move_cursors.of(seat),
                    status: None,
                    detail_scroll: 0,
                })
            }
            Phase::Card(e) => {
                let to = self.world.scenario.event(e).concerns;
                if two && self.world.seats.at_keyboard != Some(to) {
                    return Screen::Handover(Handover { to });
                }
                Screen::Card(Card {
                    cursor: match recorded {
                        Some(Choice::Answer { choice }) => choice as usize,
                        _ => 0,
                    },
                })
            }
            Phase::Over(_) => Screen::End(End {
                scroll: 0,
                rank: self.rank_scored(),
            }),
        }
    }

    /// The finished game's rank, carried from its last report to the end screen.
    fn rank_scored(&self) -> Option<usize> {
        match &self.screen {
            Screen::Report(page) => page.rank,
            Screen::End(end) => end.rank,
            _ => None,
        }
    }

    /// The hand-over screen's Enter: the side it named has the keyboard now.
    pub(super) fn take_keyboard(&mut self, side: SideId) {
        self.world.seats.at_keyboard = Some(side);
        if matches!(
            self.world.game().map(|g| g.state().phase),
            Some(Phase::Orders)
        ) {
            self.world.seats.handed = Some(side);
        }
        self.screen = self.next_screen();
    }

    /// A move chosen on the list: in a two-player game it is sealed until the
    /// other side has given its own, then both are played together.
    pub(super) fn give_order(&mut self, mv: MoveId) {
        if self.room.is_some() {
            // Sealed in the room, on the server, until the other side's order is in.
            return self.choose_in_room(Choice::Move { mv });
        }
        let side = self.world.seat();
        self.world.seats.sealed[side.index()] = Some(mv);
        self.world.seats.handed = None;
        let all: Option<Vec<MoveId>> = self.world.seats.sealed.iter().copied().collect();
        match all.and_then(|v| <[MoveId; SIDES]>::try_from(v).ok()) {
            Some(moves) => {
                // Both read the month's report together: nobody holds the keyboard
                // alone now, so the next private screen (a card) is handed over too.
                self.world.seats = Seats::default();
                self.play(Choice::Orders { moves });
            }
            None => self.screen = self.next_screen(),
        }
    }

    /// Forget the month's sealed orders and who holds the keyboard (a new game,
    /// Continue, undo): the month starts again at its first hand-over.
    pub(super) fn reset_seats(&mut self) {
        self.world.seats = self.room_seats();
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::*;
    use crate::game::rules::is_legal;
    use crate::game::{Difficulty, Game, Scenario};
    use crate::ui::play::safe_row;
    use crate::ui::{Options, key};

    fn press(app: &mut App, code: KeyCode) {
        app.handle(key(code, KeyModifiers::NONE));
    }

    /// The game screen of `side` at the keyboard, or a panic naming what is up.
    fn cursor_of(app: &App, side: SideId) -> usize {
        match app.screen() {
            Screen::Playing(p) if app.seat() == side => p.cursor,
            other => panic!("not {side:?}'s game screen: {other:?}"),
        }
    }

    /// Select a move of the side at the keyboard that can be played now, on a row
    /// none of `avoid`, and give it as the order; returns its row.
    fn order_a_move_not_on(app: &mut App, avoid: &[usize]) -> usize {
        let (sc, st, seat) = (
            app.world.scenario.clone(),
            *app.game().unwrap().state(),
            app.seat(),
        );
        let (row, _) = sc
            .moves_of(seat)
            .enumerate()
            .find(|(i, mv)| !avoid.contains(i) && is_legal(&sc, &st, *mv))
            .expect("a move to play");
        press(app, KeyCode::Home);
        for _ in 0..row {
            press(app, KeyCode::Down);
        }
        assert_eq!(cursor_of(app, seat), row);
        press(app, KeyCode::Enter);
        row
    }

    /// Two players: each side's move list opens where that side left it, a month
    /// later and after the other side has had the keyboard (and moved its own).
    #[test]
    fn each_sides_move_cursor_survives_the_month_and_the_hand_over() {
        let sc = Scenario::builtin();
        let (w, m) = (SideId(0), SideId(1));
        let start = *Game::new(
            std::sync::Arc::new(sc.clone()),
            7,
            Players::Two.setup(Difficulty::Normal),
        )
        .state();
        let safe = [w, m].map(|s| safe_row(&sc, &start, s));
        let mut a = App::new(sc, Options::seeded(7, Players::Two));
        press(&mut a, KeyCode::Enter); // new game
        press(&mut a, KeyCode::Enter); // the opening report
        press(&mut a, KeyCode::Enter); // Washington takes the keyboard
        assert_eq!(cursor_of(&a, w), safe[0]);
        let w_row = order_a_move_not_on(&mut a, &safe);
        assert!(matches!(a.screen(), Screen::Handover(h) if h.to == m));
        press(&mut a, KeyCode::Enter); // Moscow takes the keyboard
        assert_eq!(
            cursor_of(&a, m),
            safe[1],
            "Moscow's own row, not Washington's"
        );
        let m_row = order_a_move_not_on(&mut a, &[safe[0], safe[1], w_row]);
        assert_eq!(a.game().unwrap().turns().len(), 1, "both orders played");
        // Through the month's report and any card to Washington's next order.
        for _ in 0..20 {
            if matches!(a.screen(), Screen::Playing { .. }) && a.seat() == w {
                break;
            }
            press(&mut a, KeyCode::Enter);
        }
        assert_eq!(cursor_of(&a, w), w_row, "Washington's row, a month later");
        order_a_move_not_on(&mut a, &[m_row]);
        press(&mut a, KeyCode::Enter); // Moscow takes the keyboard
        assert_eq!(cursor_of(&a, m), m_row, "Moscow's row, not Washington's");
    }
}
