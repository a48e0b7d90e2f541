//! Text read from files, made safe to print: control characters never reach a terminal.
//!
//! A scenario title, a name in the score table or an id in a run file is data
//! someone else may have written. Printed raw, `ESC ] 0 ; … BEL` retitles the
//! window, `ESC [ 2 J` clears the screen and a bidirectional override makes a
//! line read backwards. Everything the command line prints from a file goes
//! through [`printable`] (one field) or [`printable_lines`] (a message of lines).

use std::borrow::Cow;

/// What a control character becomes: visible, so the reader knows something was there.
pub const PLACEHOLDER: char = '\u{FFFD}';

/// Whether a character must not be printed as it is: C0 controls (ESC among them),
/// DEL, C1 controls (the one-byte CSI and OSC among them), and the Unicode format
/// characters that reorder or hide text (bidirectional overrides and isolates).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}'          // left-to-right / right-to-left marks
            | '\u{202A}'..='\u{202E}'        // embeddings and overrides
            | '\u{2066}'..='\u{2069}'        // isolates
        )
}

/// One field on one line: every control character, newlines and tabs too, becomes
/// [`PLACEHOLDER`]. Borrows when there is nothing to replace.
#[must_use]
pub fn printable(s: &str) -> Cow<'_, str> {
    replace(s, |_| false)
}

/// A message of several lines: as [`printable`], but line breaks are kept and a tab
/// becomes a space.
#[must_use]
pub fn printable_lines(s: &str) -> Cow<'_, str> {
    replace(s, |c| c == '\n' || c == '\t')
}

fn replace(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' if keep(c) => ' ',
                c if is_unsafe(c) && !keep(c) => PLACEHOLDER,
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        let title = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";
        let out = printable(title);
        assert!(!out.chars().any(char::is_control), "{out:?}");
        assert_eq!(out, "\u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}[2J");
    }

    #[test]
    fn c1_del_and_bidi_overrides_are_replaced() {
        for c in [
            '\u{7f}', '\u{9b}', '\u{9d}', '\u{85}', '\u{202e}', '\u{2067}',
        ] {
            let s = format!("a{c}b");
            assert_eq!(printable(&s), "a\u{FFFD}b", "{c:?}");
            assert_eq!(printable_lines(&s), "a\u{FFFD}b", "{c:?}");
        }
    }

    #[test]
    fn one_field_keeps_no_line_break_and_a_message_keeps_its_lines() {
        assert_eq!(printable("a\nb\tc\r"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}");
        assert_eq!(printable_lines("a\nb\tc\r"), "a\nb c\u{FFFD}");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let s = "Détente — «Разрядка» 1,000";
        assert!(matches!(printable(s), Cow::Borrowed(x) if x == s));
        assert!(matches!(printable_lines("a\nb"), Cow::Borrowed(_)));
    }
}
