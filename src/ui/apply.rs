//! What a screen's command does to the app: the one place a [`Command`] is carried
//! out (a move played or sealed, a page turned, a dialog opened, a room asked for).

use super::app::App;
use super::msg::{Effect, Overlay};
use super::room::{RoomAsk, RoomScreen};
use super::screen::{Command, Quit, Screen};
use super::seats::Players;

impl App {
    pub(super) fn apply(&mut self, cmd: Command) {
        match cmd {
            Command::None => {}
            Command::Open(screen) => self.screen = *screen,
            Command::NewGame => self.new_game(),
            Command::Play(choice) if self.room.is_some() => self.choose_in_room(choice),
            Command::Play(choice) => self.play(choice),
            Command::Seal(mv) => self.give_order(mv),
            Command::Ready => {
                if let Screen::Handover(h) = &self.screen {
                    self.take_keyboard(h.to);
                }
            }
            Command::Continue => self.screen = self.next_screen(),
            Command::ShowLastReport => self.show_last_report(),
            Command::ToTitle => {
                self.leave_room();
                self.back_to_title();
                if !self.world.options.seed_given {
                    // A fresh game gets a fresh seed, unless the player asked for one.
                    self.effects.push(Effect::NewSeed);
                }
            }
            Command::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Command::AskQuit => self.overlay = Some(Overlay::ConfirmQuit { quit: false }),
            Command::Quit => {
                self.overlay = None;
                let ending_unseen = matches!(self.screen, Screen::Report(_))
                    && self.world.game().is_some_and(|g| g.state().is_over());
                self.screen = Screen::Quit(Quit { ending_unseen });
            }
            Command::Resume => self.resume(),
            Command::ShowScores => self.show_scores(),
            Command::AskUndo | Command::UndoTo(_) if self.room.is_some() => {
                self.notice.problem =
                    Some("No going back in a game against a friend: both orders stand.".into());
            }
            Command::AskUndo => self.ask_undo(),
            // Two players: going back undoes the other side's orders too, so it asks them.
            Command::UndoTo(n) if self.world.players() == Players::Two => {
                self.overlay = Some(Overlay::Consent { row: n, yes: false });
            }
            Command::UndoTo(n) | Command::Agreed(n) => self.undo_to(n),
            Command::SaveRun => {
                if self.world.session.is_some() {
                    self.effects.push(Effect::SaveRun);
                }
            }
            Command::Step => self.step(),
            Command::Close => self.overlay = None,
            Command::Rejoin => self.rejoin(),
            Command::OpenRoom(side) => {
                let seed = self.world.options.seed;
                self.ask_room(RoomAsk::Open { side, seed });
            }
            Command::JoinRoom => {
                if let Screen::Room(RoomScreen::Code { typed }) = &self.screen {
                    let code = typed.clone();
                    self.ask_room(RoomAsk::Join { code });
                }
            }
            Command::LeaveRoom => {
                self.leave_room();
                self.back_to_title();
            }
        }
    }
}
