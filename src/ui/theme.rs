//! Every colour, text style and glyph the screens use, in one place.
//!
//! Colour is only ever a second cue: meaning is carried by glyphs (▲▼, ✓✗),
//! bold, dim and reverse, so `NO_COLOR` and monochrome terminals lose nothing.
//! Only foregrounds are coloured, never full backgrounds, so light themes work.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The glyphs of one character set (Unicode or plain ASCII).
#[derive(Clone, Copy, Debug)]
pub struct Glyphs {
    pub gauge_full: &'static str,
    pub gauge_empty: &'static str,
    /// A partly filled gauge cell, by eighths (index 1–7; 0 is unused).
    pub gauge_part: [&'static str; 8],
    /// Bars of a sparkline, lowest to highest (the first is "no bar").
    pub spark: [&'static str; 9],
    pub up: &'static str,
    pub down: &'static str,
    pub steady: &'static str,
    pub pointer: &'static str,
    pub bullet: &'static str,
    pub sep: &'static str,
    pub dash: &'static str,
    pub arrow: &'static str,
    pub minus: &'static str,
    pub ellipsis: &'static str,
    pub good: &'static str,
    pub bad: &'static str,
    /// Before an estimate: "≈50 (est.)".
    pub approx: &'static str,
    /// A move's two outcomes in the move list: "✓36% Arms+27 │ ✗ Home−2".
    pub works: &'static str,
    pub fails: &'static str,
    pub branch_sep: &'static str,
    pub warn: &'static str,
    pub locked: &'static str,
    pub left: &'static str,
    pub right: &'static str,
    pub more_below: &'static str,
    pub more_above: &'static str,
    pub border: border::Set<'static>,
}

pub const UNICODE: Glyphs = Glyphs {
    gauge_full: "█",
    gauge_empty: "░",
    gauge_part: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"],
    spark: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
    up: "▲",
    down: "▼",
    steady: "·",
    pointer: "▸",
    bullet: "•",
    sep: " · ",
    dash: "—",
    arrow: "→",
    minus: "−",
    ellipsis: "…",
    good: "✓",
    bad: "✗",
    approx: "≈",
    works: "✓",
    fails: "✗",
    branch_sep: " │ ",
    warn: "⚠",
    locked: "✗",
    left: "◂",
    right: "▸",
    more_below: "▼",
    more_above: "▲",
    border: border::ROUNDED,
};

pub const ASCII: Glyphs = Glyphs {
    gauge_full: "#",
    gauge_empty: "-",
    gauge_part: ["-", "-", "-", "-", "#", "#", "#", "#"],
    spark: [" ", "_", "_", ".", ".", "-", "=", "+", "#"],
    up: "^",
    down: "v",
    steady: "=",
    pointer: ">",
    bullet: "*",
    sep: " | ",
    dash: "-",
    arrow: "->",
    minus: "-",
    ellipsis: "...",
    good: "+",
    bad: "x",
    approx: "~",
    works: "ok",
    fails: "x",
    branch_sep: " / ",
    warn: "!",
    locked: "x",
    left: "<",
    right: ">",
    more_below: "v",
    more_above: "^",
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
};

/// How things look: colours (or none) and a glyph set.
#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
    pub g: Glyphs,
}

impl Theme {
    #[must_use]
    pub fn new(ascii: bool, no_color: bool) -> Theme {
        Theme {
            color: !no_color,
            ascii,
            g: if ascii { ASCII } else { UNICODE },
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    #[must_use]
    pub fn plain(&self) -> Style {
        Style::new()
    }

    /// Section headings and the game's name.
    #[must_use]
    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    #[must_use]
    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: hints, sources, unavailable moves.
    #[must_use]
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// The selected row or button.
    #[must_use]
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// Something that went the player's way.
    #[must_use]
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    /// Something that went against the player.
    #[must_use]
    pub fn bad(&self) -> Style {
        self.fg(Color::Red)
    }

    /// A warning that must not be missed.
    #[must_use]
    pub fn warning(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Keys in help lines.
    #[must_use]
    pub fn key(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Quoted, attributed words (a speaker's claims, not the game's).
    #[must_use]
    pub fn quote(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    #[must_use]
    pub fn border(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    /// Colour for a change of `delta` on a meter where higher is `better`.
    #[must_use]
    pub fn delta(&self, delta: i32, higher_is_better: bool) -> Style {
        match (delta.signum(), higher_is_better) {
            (0, _) => self.plain(),
            (1, true) | (-1, false) => self.good(),
            _ => self.bad(),
        }
    }

    /// Colour for a gauge at `value` (0–100): how comfortable the player should feel.
    #[must_use]
    pub fn level(&self, value: i16, higher_is_better: bool) -> Style {
        let v = if higher_is_better { value } else { 100 - value };
        match v {
            ..=20 => self.bad(),
            21..=45 => self.fg(Color::Yellow),
            _ => self.good(),
        }
    }

    /// A sign for a change: the minus of this glyph set.
    #[must_use]
    pub fn signed(&self, n: i32) -> String {
        match n {
            n if n < 0 => format!("{}{}", self.g.minus, -n),
            0 => "0".to_string(),
            n => format!("+{n}"),
        }
    }

    /// ▲ or ▼ (or ^ v) for the direction of a change.
    #[must_use]
    pub fn arrow(&self, delta: i32) -> &'static str {
        match delta.signum() {
            1 => self.g.up,
            -1 => self.g.down,
            _ => self.g.steady,
        }
    }
}

/// Plain-ASCII stand-ins for the non-ASCII characters scenario text uses.
#[must_use]
pub fn to_ascii(c: char) -> &'static str {
    match c {
        'é' | 'è' | 'ê' | 'ë' => "e",
        'É' => "E",
        'á' | 'à' | 'â' | 'ä' => "a",
        'ó' | 'ô' | 'ö' => "o",
        'ú' | 'ü' => "u",
        'í' | 'ï' => "i",
        'ç' => "c",
        '—' | '–' | '−' | '─' | '━' => "-",
        '‘' | '’' => "'",
        '“' | '”' => "\"",
        '…' => ".",
        '·' | '•' => "*",
        '×' => "x",
        '→' => ">",
        '←' => "<",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_glyphs_are_ascii() {
        let g = ASCII;
        let all = [
            g.gauge_full,
            g.gauge_empty,
            g.up,
            g.down,
            g.steady,
            g.pointer,
            g.bullet,
            g.sep,
            g.dash,
            g.arrow,
            g.minus,
            g.ellipsis,
            g.good,
            g.bad,
            g.approx,
            g.works,
            g.fails,
            g.branch_sep,
            g.warn,
            g.locked,
            g.left,
            g.right,
            g.more_below,
            g.more_above,
            g.border.top_left,
            g.border.horizontal_top,
            g.border.vertical_left,
        ];
        for s in all.iter().chain(g.spark.iter()).chain(g.gauge_part.iter()) {
            assert!(s.is_ascii(), "{s:?}");
        }
    }

    #[test]
    fn signs() {
        let t = Theme::new(true, true);
        assert_eq!(t.signed(-4), "-4");
        assert_eq!(t.signed(3), "+3");
        assert_eq!(Theme::new(false, false).signed(-4), "−4");
    }
}
