//! What a frame hands back to the app: the clickable areas (later, upper layers
//! win) and the scrolling page's size, so input can be read against what was drawn
//! without any view writing into the app.

use ratatui::layout::Rect;

use super::keys::Action;

/// Something on screen that a click acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Menu(usize),
    Move(usize),
    Choice(usize),
    /// A row of the list of earlier turns.
    Turn(usize),
    Button(Button),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    Continue,
    NewGame,
    Quit,
    Stay,
    Close,
    Play,
    Answer,
    /// The hand-over screen's "I am ready".
    Ready,
    /// Two players: the other side agrees to go back, or refuses.
    Agree,
    Refuse,
}

/// What a frame returns to the app: where clicks land, and how the scrolling
/// page of the top layer was laid out (for page up/down and clamping).
#[derive(Clone, Debug, Default)]
pub struct Hits {
    areas: Vec<(Rect, Target)>,
    pub page: Page,
}

/// The scrolling page of a frame: its rows, and the furthest it scrolls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub rows: u16,
    pub max: u16,
}

impl Default for Page {
    /// Before any frame: a modest page, and no limit known yet.
    fn default() -> Page {
        Page {
            rows: 10,
            max: u16::MAX,
        }
    }
}

impl Hits {
    pub fn push(&mut self, r: Rect, t: Target) {
        self.areas.push((r, t));
    }

    pub fn at(&self, x: u16, y: u16) -> Option<Target> {
        self.areas
            .iter()
            .rev()
            .find(|(r, _)| r.contains(ratatui::layout::Position { x, y }))
            .map(|(_, t)| *t)
    }

    /// Forget every area under a dialog, so clicks cannot reach through it.
    pub fn only(&mut self, keep_from: usize) {
        self.areas.drain(..keep_from);
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

/// A scroll offset after a scrolling action, within the page as last drawn.
pub fn scrolled(scroll: u16, a: Action, page: Page) -> u16 {
    let step = page.rows.saturating_sub(1).max(1);
    let scroll = scroll.min(page.max);
    match a {
        Action::Up => scroll.saturating_sub(1),
        Action::Down => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(step),
        Action::PageDown => scroll.saturating_add(step),
        Action::First => 0,
        Action::Last => u16::MAX,
        _ => scroll,
    }
    .min(page.max)
}
