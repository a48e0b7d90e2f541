//! Styled text helpers: word wrapping that keeps styles, and truncation, so the
//! screens know exactly how many rows their text takes (for scrolling).

use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Display width of a string (scenario text is single-width, but be exact).
#[must_use]
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// A count of columns or rows as a screen coordinate: a count too large for
/// any terminal stays at the largest (never wraps round to a small one).
#[must_use]
pub fn cols(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// Cut a string to `max` columns, ending with `ellipsis` when cut.
#[must_use]
pub fn truncate(s: &str, max: usize, ellipsis: &str) -> String {
    let s = &*crate::text::printable(s);
    if width(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut w = 0;
    for ch in s.chars() {
        let cw = width(ch.encode_utf8(&mut [0; 4]));
        if w + cw > room {
            break;
        }
        out.push(ch);
        w += cw;
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// A count with a comma between thousands: "1,000".
#[must_use]
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Split spans into words and runs of spaces, each with its style.
fn tokens(line: &Line<'_>) -> Vec<(String, Style, bool)> {
    let mut out: Vec<(String, Style, bool)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        // Scenario text is someone else's: the crate's one rule for what may reach a
        // terminal (a bidirectional override shows as a placeholder); a line break or
        // tab inside a line is a space to wrap at.
        for ch in crate::text::printable_lines(&span.content).chars() {
            let ch = if matches!(ch, '\n' | '\t') { ' ' } else { ch };
            let space = ch == ' ';
            match out.last_mut() {
                Some((s, st, sp)) if *sp == space && *st == style => s.push(ch),
                _ => out.push((ch.to_string(), style, space)),
            }
        }
    }
    out
}

/// Wrap a styled line to `max` columns; continuation rows start with `indent` spaces.
///
/// # Panics
///
/// Never: there is always a row to add to (the first is made before any text).
#[must_use]
pub fn wrap(line: Line<'_>, max: u16, indent: u16) -> Vec<Line<'static>> {
    let max = max.max(1) as usize;
    let indent = (indent as usize).min(max.saturating_sub(1));
    let alignment = line.alignment;
    let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0usize;
    let new_row = |rows: &mut Vec<Vec<Span<'static>>>, used: &mut usize| {
        rows.push(vec![Span::raw(" ".repeat(indent))]);
        *used = indent;
    };
    for (word, style, space) in tokens(&line) {
        let w = width(&word);
        if space {
            if used + w <= max {
                rows.last_mut()
                    .expect("a row")
                    .push(Span::styled(word, style));
                used += w;
            } else {
                new_row(&mut rows, &mut used);
            }
            continue;
        }
        if used + w > max && used > indent {
            // Trailing spaces of the row just ended are not needed.
            if let Some(row) = rows.last_mut() {
                while row
                    .last()
                    .is_some_and(|s| s.content.trim().is_empty() && !s.content.is_empty())
                    && row.len() > 1
                {
                    row.pop();
                }
            }
            new_row(&mut rows, &mut used);
        }
        if w <= max - used {
            rows.last_mut()
                .expect("a row")
                .push(Span::styled(word, style));
            used += w;
        } else {
            // A word longer than a row: cut it wherever the row ends.
            let mut piece = String::new();
            for ch in word.chars() {
                let cw = width(ch.encode_utf8(&mut [0; 4]));
                if used + cw > max {
                    rows.last_mut()
                        .expect("a row")
                        .push(Span::styled(std::mem::take(&mut piece), style));
                    new_row(&mut rows, &mut used);
                }
                piece.push(ch);
                used += cw;
            }
            rows.last_mut()
                .expect("a row")
                .push(Span::styled(piece, style));
        }
    }
    rows.into_iter()
        .map(|spans| {
            let mut l = Line::from(spans);
            l.alignment = alignment;
            l
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_on_words_with_indent() {
        let l = Line::from("−4 Your move: Impose sanctions and more words here");
        assert_eq!(
            plain(&wrap(l, 20, 3)),
            vec![
                "−4 Your move: Impose",
                "   sanctions and",
                "   more words here"
            ]
        );
    }

    #[test]
    fn cuts_long_words_and_keeps_short_lines() {
        assert_eq!(
            plain(&wrap(Line::from("abcdefghij"), 4, 0)),
            vec!["abcd", "efgh", "ij"]
        );
        assert_eq!(plain(&wrap(Line::from("short"), 40, 2)), vec!["short"]);
        assert_eq!(plain(&wrap(Line::from(""), 40, 2)), vec![""]);
    }

    /// Control and bidirectional-override characters become the crate's placeholder
    /// (`detente::text::printable`) in wrapped and cut text alike.
    #[test]
    fn hostile_characters_become_the_crates_placeholder() {
        let evil = "a\u{202e}b\u{1b}[2Jc";
        let wrapped = plain(&wrap(Line::from(evil), 40, 0)).concat();
        assert_eq!(wrapped, crate::text::printable(evil));
        assert_eq!(truncate(evil, 40, "…"), crate::text::printable(evil));
        assert_eq!(
            plain(&wrap(Line::from("two\tthree"), 40, 0)),
            vec!["two three"]
        );
    }

    #[test]
    fn counts_read_with_commas() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn truncates_with_ellipsis() {
        assert_eq!(truncate("Invite Moscow back", 10, "…"), "Invite Mo…");
        assert_eq!(truncate("short", 10, "…"), "short");
        assert_eq!(truncate("abcdef", 2, "..."), "");
    }
}
