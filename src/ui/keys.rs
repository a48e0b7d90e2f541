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

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// On every screen (but not inside dialogs and overlays).
    Everywhere,
    Title,
    Game,
    Card,
    /// Two players: passing the keyboard.
    Handover,
    Report,
    End,
    Help,
    Confirm,
    /// The list of earlier turns.
    Undo,
    /// Playing back a run file.
    Replay,
    /// The high-score table.
    Scores,
    /// Playing a friend: choosing a side, asking the server, the open room.
    Room,
    /// Playing a friend: typing the room's code (letters and digits are typed).
    RoomCode,
}

impl Scope {
    /// Heading for the help overlay.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Scope::Everywhere => "On every screen",
            Scope::Title => "Title screen",
            Scope::Game => "The month's move",
            Scope::Card => "Event card",
            Scope::Handover => "Two players: passing the keyboard",
            Scope::Report => "Turn report",
            Scope::End => "End of the game",
            Scope::Help => "This help",
            Scope::Confirm => "Quit dialog",
            Scope::Undo => "Going back to an earlier turn",
            Scope::Replay => "Replaying a run file",
            Scope::Scores => "High scores",
            Scope::Room => "Playing a friend (on the server)",
            Scope::RoomCode => "Joining a friend: typing the room code",
        }
    }

    /// The order of sections in the help overlay.
    pub const ALL: [Scope; 14] = [
        Scope::Everywhere,
        Scope::Title,
        Scope::Game,
        Scope::Card,
        Scope::Handover,
        Scope::Report,
        Scope::End,
        Scope::Undo,
        Scope::Replay,
        Scope::Scores,
        Scope::Help,
        Scope::Confirm,
        Scope::Room,
        Scope::RoomCode,
    ];
}

/// A key with the modifiers that matter (Shift is ignored: it is in the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}

const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}

/// One line of the key table.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn b(scope: Scope, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
    }
}

const UP: &[Key] = &[k(KeyCode::Up), c('k')];
const DOWN: &[Key] = &[k(KeyCode::Down), c('j')];
const ENTER: &[Key] = &[k(KeyCode::Enter)];
const PGUP: &[Key] = &[k(KeyCode::PageUp), c('b')];
const PGDN: &[Key] = &[k(KeyCode::PageDown), c(' ')];
const HOME: &[Key] = &[k(KeyCode::Home), c('g')];
const END: &[Key] = &[k(KeyCode::End), c('G')];

use Action as A;
use Scope as S;

/// Every key binding of the game (kept as a table: one binding a line).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    b(S::Everywhere, &[c('?')], A::Help, "show this help"),
    b(S::Everywhere, &[c('q')], A::Quit, "quit (asks first during a game)"),
    b(S::Everywhere, &[ctrl('c')], A::Interrupt, "quit (asks first; press again to quit at once)"),
    b(S::Everywhere, &[ctrl('z')], A::Suspend, "suspend (the shell's fg brings the game back)"),
    b(S::Title, UP, A::Up, "previous item"),
    b(S::Title, DOWN, A::Down, "next item"),
    b(S::Title, &[k(KeyCode::Left), c('h')], A::Left, "previous side, or easier (on the side and difficulty lines)"),
    b(S::Title, &[k(KeyCode::Right), c('l')], A::Right, "next side, or harder (on the side and difficulty lines)"),
    b(S::Title, ENTER, A::Confirm, "choose the item"),
    b(S::Title, &[c('n')], A::NewGame, "start a new game"),
    b(S::Title, &[c('c')], A::Resume, "continue the saved game"),
    b(S::Title, &[c('s')], A::Scores, "high scores"),
    b(S::Game, UP, A::Up, "previous move"),
    b(S::Game, DOWN, A::Down, "next move"),
    b(S::Game, HOME, A::First, "first move"),
    b(S::Game, END, A::Last, "last move"),
    b(S::Game, ENTER, A::Confirm, "play the selected move (a click selects, a second click plays)"),
    b(S::Game, &[c('r')], A::Report, "read the month's report again"),
    b(S::Game, &[c('u')], A::Undo, "go back to an earlier turn and play another branch"),
    b(S::Game, &[c('s')], A::SaveRun, "save a run file (its name is shown)"),
    b(S::Card, UP, A::Up, "previous answer"),
    b(S::Card, DOWN, A::Down, "next answer"),
    b(S::Card, &[c('1'), c('2'), c('3'), c('4'), c('5'), c('6'), c('7'), c('8'), c('9')], A::Pick(0), "select answer 1 to 9 by its number"),
    b(S::Card, ENTER, A::Confirm, "give the selected answer (or click it twice)"),
    b(S::Handover, ENTER, A::Confirm, "the side named has the keyboard: show its screen"),
    b(S::Handover, &[c('r')], A::Report, "playing a friend, while the other side chooses: read the last report again"),
    b(S::Report, DOWN, A::Down, "scroll down"),
    b(S::Report, UP, A::Up, "scroll up"),
    b(S::Report, PGDN, A::PageDown, "page down"),
    b(S::Report, PGUP, A::PageUp, "page up"),
    b(S::Report, HOME, A::First, "top"),
    b(S::Report, END, A::Last, "bottom"),
    b(S::Report, &[k(KeyCode::Enter), k(KeyCode::Esc), k(KeyCode::Right)], A::Confirm, "continue"),
    b(S::End, DOWN, A::Down, "scroll down"),
    b(S::End, UP, A::Up, "scroll up"),
    b(S::End, PGDN, A::PageDown, "page down"),
    b(S::End, PGUP, A::PageUp, "page up"),
    b(S::End, HOME, A::First, "top"),
    b(S::End, END, A::Last, "bottom"),
    b(S::End, ENTER, A::Confirm, "back to the title screen"),
    b(S::End, &[c('s')], A::SaveRun, "save a run file (its name is shown)"),
    b(S::Undo, UP, A::Up, "earlier turn"),
    b(S::Undo, DOWN, A::Down, "later turn"),
    b(S::Undo, HOME, A::First, "first turn"),
    b(S::Undo, END, A::Last, "last turn"),
    b(S::Undo, ENTER, A::Confirm, "go back to just before the selected turn"),
    b(S::Undo, &[k(KeyCode::Esc), c('u'), c('q')], A::Back, "close the list"),
    b(S::Undo, &[ctrl('c')], A::Interrupt, "quit (asks first)"),
    b(S::Replay, &[k(KeyCode::Enter), k(KeyCode::Right), c(' ')], A::Step, "play the next recorded choice"),
    b(S::Replay, &[c('r')], A::Report, "read the month's report again"),
    b(S::Scores, DOWN, A::Down, "scroll down"),
    b(S::Scores, UP, A::Up, "scroll up"),
    b(S::Scores, &[k(KeyCode::Enter), k(KeyCode::Esc)], A::Back, "back to the title screen"),
    b(S::Help, DOWN, A::Down, "scroll down"),
    b(S::Help, UP, A::Up, "scroll up"),
    b(S::Help, PGDN, A::PageDown, "page down"),
    b(S::Help, PGUP, A::PageUp, "page up"),
    b(S::Help, &[k(KeyCode::Esc), k(KeyCode::Enter), c('?'), c('q')], A::Back, "close the help"),
    b(S::Help, &[ctrl('c')], A::Interrupt, "quit (asks first)"),
    b(S::Confirm, &[c('y')], A::Yes, "quit"),
    b(S::Confirm, &[c('n'), k(KeyCode::Esc)], A::No, "keep playing"),
    b(S::Confirm, &[k(KeyCode::Left), c('h'), k(KeyCode::Right), c('l'), k(KeyCode::Tab)], A::Right, "switch button"),
    b(S::Confirm, ENTER, A::Confirm, "press the selected button"),
    b(S::Confirm, &[ctrl('c')], A::Yes, "quit at once"),
    b(S::Room, UP, A::Up, "previous side"),
    b(S::Room, DOWN, A::Down, "next side"),
    b(S::Room, ENTER, A::Confirm, "open a room to play the selected side"),
    b(S::Room, &[k(KeyCode::Esc), c('q')], A::Back, "back to the title (an open room is closed)"),
    b(S::RoomCode, ENTER, A::Confirm, "join the room whose code is typed"),
    b(S::RoomCode, &[k(KeyCode::Backspace)], A::Erase, "erase the last character typed"),
    b(S::RoomCode, &[k(KeyCode::Esc)], A::Back, "back to the title"),
];

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
        BINDINGS.iter().filter(|b| b.scope == s).find_map(|b| {
            let i = b.keys.iter().position(|key| key.matches(ev))?;
            Some(match b.action {
                // A binding that lists several digits picks by which one was pressed.
                Action::Pick(first) => Action::Pick(first + i as u8),
                a => a,
            })
        })
    };
    let overlay = matches!(scope, Scope::Help | Scope::Confirm | Scope::Undo);
    lookup(scope).or_else(|| {
        if overlay {
            None
        } else {
            lookup(Scope::Everywhere)
        }
    })
}

/// The help text, one section per scope: (heading, [(keys, what they do)]).
#[must_use]
pub fn help(ascii: bool) -> Vec<(&'static str, Vec<(String, &'static str)>)> {
    Scope::ALL
        .iter()
        .map(|s| {
            let lines = BINDINGS
                .iter()
                .filter(|b| b.scope == *s)
                .map(|b| (keys_text(b.keys, ascii), b.help))
                .collect();
            (s.heading(), lines)
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

/// The keys bound to an action on a screen, for footers ("Enter").
#[must_use]
pub fn keys_for(scope: Scope, action: Action, ascii: bool) -> String {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == action)
        .map(|b| keys_text(b.keys, ascii))
        .unwrap_or_default()
}

/// The first key bound to an action on a screen, for footers ("Enter").
#[must_use]
pub fn first_key(scope: Scope, action: Action, ascii: bool) -> String {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == action)
        .and_then(|b| b.keys.first())
        .map(|k| k.name(ascii))
        .unwrap_or_default()
}

/// The keys that pick the first `n` items directly on a screen, as a hint:
/// "1-6" (only as far as keys are bound), or None if none is.
#[must_use]
pub fn pick_range(scope: Scope, n: usize, ascii: bool) -> Option<String> {
    let b = BINDINGS
        .iter()
        .find(|b| b.scope == scope && matches!(b.action, Action::Pick(0)))?;
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
    use ratatui::crossterm::event::KeyEventKind;

    #[test]
    fn the_pick_hint_names_only_keys_that_are_bound() {
        assert_eq!(pick_range(Scope::Card, 6, false).as_deref(), Some("1-6"));
        assert_eq!(pick_range(Scope::Card, 2, false).as_deref(), Some("1-2"));
        assert_eq!(pick_range(Scope::Card, 0, false), None);
        // Every answer a card may have (up to 6) has its digit.
        let six = press(KeyCode::Char('6'), KeyModifiers::NONE);
        assert_eq!(action(Scope::Card, &six), Some(Action::Pick(5)));
        assert_eq!(
            pick_range(Scope::Title, 3, false),
            None,
            "the title's n is not a pick"
        );
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    #[test]
    fn help_lists_every_binding() {
        let text: Vec<String> = help(false)
            .into_iter()
            .flat_map(|(h, lines)| {
                std::iter::once(h.to_string())
                    .chain(lines.into_iter().map(|(k, w)| format!("{k} {w}")))
            })
            .collect();
        for bind in BINDINGS {
            let keys = keys_text(bind.keys, false);
            assert!(
                text.iter()
                    .any(|l| l.starts_with(&keys) && l.ends_with(bind.help)),
                "help is missing {keys} {}",
                bind.help
            );
        }
        assert!(
            BINDINGS.iter().all(|b| !b.help.is_empty()),
            "every binding has words for the help"
        );
    }

    #[test]
    fn lookup_prefers_the_screen_then_everywhere() {
        let none = KeyModifiers::NONE;
        let key = |scope, c, m| action(scope, &press(KeyCode::Char(c), m));
        assert_eq!(key(Scope::Game, 'j', none), Some(Action::Down));
        assert_eq!(key(Scope::Game, 'q', none), Some(Action::Quit));
        assert_eq!(key(Scope::Help, 'q', none), Some(Action::Back));
        assert_eq!(key(Scope::Confirm, '?', none), None);
        assert_eq!(key(Scope::Card, '2', none), Some(Action::Pick(1)));
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(key(Scope::Game, 'c', ctrl), Some(Action::Interrupt));
        assert_eq!(key(Scope::Confirm, 'c', ctrl), Some(Action::Yes));
        assert_eq!(key(Scope::Game, 'c', none), None);
        let shift = KeyModifiers::SHIFT;
        assert_eq!(key(Scope::End, 'G', shift), Some(Action::Last));
        assert_eq!(key(Scope::End, 'g', shift), Some(Action::Last));
        assert_eq!(key(Scope::End, 'g', none), Some(Action::First));
    }
}
