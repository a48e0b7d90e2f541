//! The one key table: every binding, per screen, with the words the help
//! overlay shows. Input lookup and the help text both read this table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key asks for; each screen decides what it means there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    First,
    Last,
    /// Enter: play, answer, continue, choose.
    Confirm,
    /// Esc: close, go back, stay.
    Back,
    /// Pick the n-th item (0-based) directly.
    Pick(u8),
    /// Start a new game (title screen).
    NewGame,
    Help,
    /// `q`: quit (asks first while a game is on).
    Quit,
    /// Ctrl-C: like quit, and a second one quits for good.
    Interrupt,
    /// Say yes in a dialog.
    Yes,
    /// Say no in a dialog.
    No,
    /// Show the last report again.
    Report,
    /// Ctrl-Z: give the terminal back until `fg`.
    Suspend,
    /// Take up the saved game (title screen).
    Resume,
    /// The high-score table (title screen).
    Scores,
    /// Open the list of earlier turns, to go back to one.
    Undo,
    /// Write a run file of the game into the data directory.
    SaveRun,
    /// Replay: play the next recorded choice.
    Step,
    /// Backspace where text is typed (a room code).
    Erase,
}

/// One screen's (or overlay's) keys, kept in the screen's file: the help's
/// heading, where its section goes in the help, whether the keys of
/// [`EVERYWHERE`] apply too, and its bindings.
#[derive(Debug)]
pub struct Keys {
    /// Heading for the help overlay.
    pub heading: &'static str,
    /// The section's place in the help (lower first).
    pub place: u8,
    /// A dialog or overlay: the keys of [`EVERYWHERE`] do not apply in it.
    pub dialog: bool,
    pub bindings: &'static [Binding],
}

/// Where a binding applies: one screen's table of keys.
pub type Scope = &'static Keys;

impl Keys {
    /// Heading for the help overlay.
    #[must_use]
    pub fn heading(&self) -> &'static str {
        self.heading
    }
}

/// A key with the modifiers that matter (Shift is ignored: it is in the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

#[must_use]
pub const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

#[must_use]
pub const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}

#[must_use]
pub const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}

/// One line of the key table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

#[must_use]
pub const fn b(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

pub const UP: &[Key] = &[k(KeyCode::Up), c('k')];
pub const DOWN: &[Key] = &[k(KeyCode::Down), c('j')];
pub const ENTER: &[Key] = &[k(KeyCode::Enter)];
pub const PGUP: &[Key] = &[k(KeyCode::PageUp), c('b')];
pub const PGDN: &[Key] = &[k(KeyCode::PageDown), c(' ')];
pub const HOME: &[Key] = &[k(KeyCode::Home), c('g')];
pub const END: &[Key] = &[k(KeyCode::End), c('G')];

/// The keys that apply on every screen (but not inside dialogs and overlays).
#[rustfmt::skip]
pub static EVERYWHERE: Keys = Keys {
    heading: "On every screen",
    place: 0,
    dialog: false,
    bindings: &[
        b(&[c('?')], Action::Help, "show this help"),
        b(&[c('q')], Action::Quit, "quit (asks first during a game)"),
        b(&[ctrl('c')], Action::Interrupt, "quit (asks first; press again to quit at once)"),
        b(&[ctrl('z')], Action::Suspend, "suspend (the shell's fg brings the game back)"),
    ],
};

impl Key {
    fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl != self.ctrl {
            return false;
        }
        match (self.code, ev.code) {
            // Terminals differ on whether Shift-g arrives as 'G' or 'g' with Shift.
            (KeyCode::Char(a), KeyCode::Char(b)) if a.is_ascii_uppercase() => {
                b == a
                    || (b == a.to_ascii_lowercase() && ev.modifiers.contains(KeyModifiers::SHIFT))
            }
            (KeyCode::Char(a), KeyCode::Char(b)) if a.is_ascii_lowercase() => {
                b == a && !ev.modifiers.contains(KeyModifiers::SHIFT)
            }
            (a, b) => a == b,
        }
    }

    /// How the key is written in help lines.
    #[must_use]
    pub fn name(&self, ascii: bool) -> String {
        let base = match self.code {
            KeyCode::Up => if ascii { "Up" } else { "↑" }.to_string(),
            KeyCode::Down => if ascii { "Down" } else { "↓" }.to_string(),
            KeyCode::Left => if ascii { "Left" } else { "←" }.to_string(),
            KeyCode::Right => if ascii { "Right" } else { "→" }.to_string(),
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(ch) => ch.to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }
}

/// The action a key press asks for on a screen: that screen's bindings first,
/// then (on screens, not in dialogs) the ones that apply everywhere.
#[must_use]
pub fn action(scope: Scope, ev: &KeyEvent) -> Option<Action> {
    let lookup = |s: Scope| {
        s.bindings.iter().find_map(|b| {
            let i = b.keys.iter().position(|key| key.matches(ev))?;
            Some(match b.action {
                // A binding that lists several digits picks by which one was pressed.
                Action::Pick(first) => Action::Pick(first.saturating_add(u8::try_from(i).ok()?)),
                a => a,
            })
        })
    };
    lookup(scope).or_else(|| {
        if scope.dialog {
            None
        } else {
            lookup(&EVERYWHERE)
        }
    })
}

/// The help text, one section per table of `scopes` in the order of their
/// places: (heading, [(keys, what they do)]).
#[must_use]
pub fn help(scopes: &[Scope], ascii: bool) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    let mut scopes = scopes.to_vec();
    scopes.sort_by_key(|s| s.place);
    scopes
        .iter()
        .map(|s| {
            let lines = s
                .bindings
                .iter()
                .map(|b| (keys_text(b.keys, ascii), b.help))
                .collect();
            (s.heading, lines)
        })
        .collect()
}

/// "↑ k" for a list of keys.
#[must_use]
pub fn keys_text(keys: &[Key], ascii: bool) -> String {
    keys.iter()
        .map(|key| key.name(ascii))
        .collect::<Vec<_>>()
        .join(" ")
}

fn binding(scope: Scope, action: Action) -> Option<&'static Binding> {
    scope.bindings.iter().find(|b| b.action == action)
}

/// The keys bound to an action on a screen, for footers ("Enter").
#[must_use]
pub fn keys_for(scope: Scope, action: Action, ascii: bool) -> String {
    binding(scope, action)
        .map(|b| keys_text(b.keys, ascii))
        .unwrap_or_default()
}

/// The first key bound to an action on a screen, for footers ("Enter").
#[must_use]
pub fn first_key(scope: Scope, action: Action, ascii: bool) -> String {
    binding(scope, action)
        .and_then(|b| b.keys.first())
        .map(|k| k.name(ascii))
        .unwrap_or_default()
}

/// The keys that pick the first `n` items directly on a screen, as a hint:
/// "1-6" (only as far as keys are bound), or None if none is.
#[must_use]
pub fn pick_range(scope: Scope, n: usize, ascii: bool) -> Option<String> {
    let b = binding(scope, Action::Pick(0))?;
    let last = b.keys.get(n.min(b.keys.len()).checked_sub(1)?)?;
    let first = b.keys.first()?;
    Some(if first == last {
        first.name(ascii)
    } else {
        format!("{}-{}", first.name(ascii), last.name(ascii))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::overlays::all_keys;
    use crate::ui::view::{card, dialog, end, game, help as help_overlay, title};
    use ratatui::crossterm::event::KeyEventKind;

    #[test]
    fn the_pick_hint_names_only_keys_that_are_bound() {
        assert_eq!(pick_range(&card::KEYS, 6, false).as_deref(), Some("1-6"));
        assert_eq!(pick_range(&card::KEYS, 2, false).as_deref(), Some("1-2"));
        assert_eq!(pick_range(&card::KEYS, 0, false), None);
        // Every answer a card may have (up to 6) has its digit.
        let six = press(KeyCode::Char('6'), KeyModifiers::NONE);
        assert_eq!(action(&card::KEYS, &six), Some(Action::Pick(5)));
        assert_eq!(
            pick_range(&title::KEYS, 3, false),
            None,
            "the title's n is not a pick"
        );
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    #[test]
    fn help_lists_every_binding() {
        let text: Vec<String> = help(&all_keys(), false)
            .into_iter()
            .flat_map(|(h, lines)| {
                std::iter::once(h.to_string())
                    .chain(lines.into_iter().map(|(k, w)| format!("{k} {w}")))
            })
            .collect();
        let every = all_keys();
        let bindings = || every.iter().flat_map(|s| s.bindings);
        for bind in bindings() {
            let keys = keys_text(bind.keys, false);
            assert!(
                text.iter()
                    .any(|l| l.starts_with(&keys) && l.ends_with(bind.help)),
                "help is missing {keys} {}",
                bind.help
            );
        }
        assert!(
            bindings().all(|b| !b.help.is_empty()),
            "every binding has words for the help"
        );
    }

    #[test]
    fn lookup_prefers_the_screen_then_everywhere() {
        let none = KeyModifiers::NONE;
        let key = |scope, c, m| action(scope, &press(KeyCode::Char(c), m));
        assert_eq!(key(&game::KEYS, 'j', none), Some(Action::Down));
        assert_eq!(key(&game::KEYS, 'q', none), Some(Action::Quit));
        assert_eq!(key(&help_overlay::KEYS, 'q', none), Some(Action::Back));
        assert_eq!(key(&dialog::KEYS, '?', none), None);
        assert_eq!(key(&card::KEYS, '2', none), Some(Action::Pick(1)));
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(key(&game::KEYS, 'c', ctrl), Some(Action::Interrupt));
        assert_eq!(key(&dialog::KEYS, 'c', ctrl), Some(Action::Yes));
        assert_eq!(key(&game::KEYS, 'c', none), None);
        let shift = KeyModifiers::SHIFT;
        assert_eq!(key(&end::KEYS, 'G', shift), Some(Action::Last));
        assert_eq!(key(&end::KEYS, 'g', shift), Some(Action::Last));
        assert_eq!(key(&end::KEYS, 'g', none), Some(Action::First));
    }
}
