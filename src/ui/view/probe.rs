//! A screen that exists only for a test: what adding a screen takes. This file,
//! its `mod` line in `view/mod.rs` and its line in `screen.rs`'s `screens!` are
//! the whole of it; the app, the frame and the help find it through them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::ui::keys::Scope;
use crate::ui::msg::Msg;
use crate::ui::screen::{Command, Cx, Look, ScreenView};
use crate::ui::world::World;

use super::Hits;

/// Its state: how many times it was poked.
#[derive(Clone, Copy, Debug, Default)]
pub struct Probe {
    pub pokes: u8,
}

impl ScreenView for Probe {
    fn draw(&self, _: &Look, _: &mut Hits, buf: &mut Buffer, area: Rect) {
        buf.set_string(
            area.x,
            area.y,
            format!("Probe, poked {}", self.pokes),
            ratatui::style::Style::default(),
        );
    }

    fn update(&mut self, _: &mut Cx, msg: Msg) -> Command {
        match msg {
            Msg::Act(crate::ui::keys::Action::Confirm) => {
                self.pokes += 1;
                Command::None
            }
            Msg::Act(crate::ui::keys::Action::Back) => Command::ToTitle,
            _ => Command::None,
        }
    }

    fn scope(&self, _: &World) -> Scope {
        &KEYS
    }

    fn keys() -> Vec<Scope> {
        vec![&KEYS]
    }

    fn in_game(&self) -> bool {
        false
    }
}

/// Its keys, the help's section "Probe".
#[rustfmt::skip]
pub static KEYS: crate::ui::keys::Keys = {
    use crate::ui::keys::{Action, ENTER, Keys, b, k};
    use ratatui::crossterm::event::KeyCode;
    Keys {
        heading: "A probe (tests only)",
        place: 255,
        dialog: false,
        bindings: &[
            b(ENTER, Action::Confirm, "poke the probe"),
            b(&[k(KeyCode::Esc)], Action::Back, "back to the title"),
        ],
    }
};

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    use super::Probe;
    use crate::game::Scenario;
    use crate::ui::overlays::all_keys;
    use crate::ui::screen::{Command, Screen};
    use crate::ui::seats::Players;
    use crate::ui::{App, Options, key};

    /// A screen added as one file and one variant is drawn, gets its keys, shows
    /// in the help and answers the app's questions — with no other edit.
    #[test]
    fn a_screen_added_as_one_file_and_one_variant_is_wired_in() {
        let sc = Scenario::builtin();
        let players = Players::usual(&sc);
        let mut app = App::new(sc, Options::seeded(7, players));
        app.apply(Command::Open(Box::new(Screen::Probe(Probe::default()))));
        let enter = key(KeyCode::Enter, KeyModifiers::NONE);
        app.handle(enter.clone());
        app.handle(enter.clone());
        assert!(matches!(app.screen(), Screen::Probe(Probe { pokes: 2 })));
        assert!(!app.commits(&enter), "the probe does not act on the game");
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        term.draw(|f| app.draw(f)).unwrap();
        let text: String = term
            .backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert!(text.contains("Probe, poked 2"), "{text}");
        assert!(
            crate::ui::keys::help(&all_keys(), false)
                .iter()
                .any(|(h, lines)| *h == "A probe (tests only)" && lines.len() == 2)
        );
        // Its own keys: Esc leaves it (nothing else maps Esc on the title).
        app.handle(key(KeyCode::Esc, KeyModifiers::NONE));
        assert!(matches!(app.screen(), Screen::Title(_)));
    }
}
