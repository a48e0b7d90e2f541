//! What the overlays do with a message: help, the quit dialog, the list of
//! earlier turns, and (two players) the other side's consent to go back.

use super::app::App;
use super::hits::{Button, Target, scrolled};
use super::keys::Action;
use super::keys::{self, Scope};
use super::msg::{Msg, Overlay};
use super::screen::{Command, Screen};
use super::view;
use super::view::{dialog, help, undo};

/// Every key table, in the help's order: the keys that apply everywhere, each
/// screen's and each overlay's.
#[must_use]
pub fn all_keys() -> Vec<Scope> {
    let mut all = vec![&keys::EVERYWHERE];
    all.extend(Screen::keys());
    all.extend([&help::KEYS, &dialog::KEYS, &undo::KEYS]);
    all.sort_by_key(|s| s.place);
    all
}

impl App {
    pub(super) fn update_overlay(&mut self, o: Overlay, msg: Msg) -> Command {
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
                        scroll: scrolled(scroll, a, self.hits.page),
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
            Overlay::Consent { row, yes } => self.consent(row, yes, msg),
            Overlay::Undo { cursor } => {
                let n = self.world.undo_points().len();
                let mut cursor = cursor;
                let cmd = view::undo::update(&mut cursor, n, msg);
                self.overlay = match cmd {
                    Command::None => Some(Overlay::Undo { cursor }),
                    _ => None,
                };
                match cmd {
                    Command::Quit if self.in_game() => Command::AskQuit,
                    other => other,
                }
            }
        }
    }

    /// Two players: the side not asking says whether the month(s) both played go back.
    fn consent(&mut self, row: usize, yes: bool, msg: Msg) -> Command {
        let agreed = match msg {
            Msg::Act(Action::Yes) | Msg::Click(Target::Button(Button::Agree)) => Some(true),
            Msg::Act(Action::No | Action::Back) | Msg::Click(Target::Button(Button::Refuse)) => {
                Some(false)
            }
            Msg::Act(Action::Confirm) => Some(yes),
            Msg::Act(Action::Left | Action::Right) => {
                self.overlay = Some(Overlay::Consent { row, yes: !yes });
                None
            }
            Msg::Act(Action::Interrupt) => {
                self.overlay = None;
                return Command::AskQuit;
            }
            _ => None,
        };
        match agreed {
            Some(true) => {
                self.overlay = None;
                Command::Agreed(row)
            }
            Some(false) => {
                self.overlay = None;
                self.notice.problem = Some("No going back: the other side did not agree.".into());
                Command::None
            }
            None => Command::None,
        }
    }
}
