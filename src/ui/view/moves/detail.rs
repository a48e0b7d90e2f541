//! The selected move's details under the list: why it cannot be played, its
//! name and hint, the advisor's forecast, then its effects and description.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::game::rules;
use crate::game::scenario::MoveId;
use crate::ui::hits::Page;
use crate::ui::text;

use super::super::advisor;
use super::super::panels::{Ctx, put};

/// The selected move in full, as one paragraph: hint (or why it is unavailable),
/// then its effects as ranges with odds, then its description, from its row
/// `scroll` on as room lasts. Returns the page the paragraph made: its rows on
/// screen and the furthest it scrolls (0: it is shown whole).
pub fn detail(
    buf: &mut Buffer,
    area: Rect,
    c: &Ctx,
    cursor: usize,
    status: Option<&str>,
    scroll: u16,
) -> Page {
    let mut lines = detail_lines(c, area.width, cursor, status);
    let h = area.height as usize;
    let max = lines.len().saturating_sub(h);
    lines.drain(..usize::from(scroll).min(max));
    if lines.len() > h && h > 0 {
        // Cut the last row that fits and say there is more (the description goes first).
        lines.truncate(h);
        if let Some(last) = lines.last_mut() {
            if last.width() + 2 > area.width as usize {
                last.spans.pop();
            }
            // One space before the ellipsis, not the wrap's as well.
            if let Some(s) = last.spans.last_mut() {
                let trimmed = s.content.trim_end().to_string();
                s.content = trimmed.into();
            }
            last.spans
                .push(Span::styled(format!(" {}", c.t.g.ellipsis), c.t.dim()));
        }
    }
    for (i, l) in lines.into_iter().enumerate() {
        put(buf, area, text::cols(i), l.style(Style::new()));
    }
    Page {
        rows: area.height,
        max: text::cols(max),
    }
}

/// The selected move's paragraph wrapped to `width`: as many rows as it wants.
pub fn detail_lines(
    c: &Ctx,
    width: u16,
    cursor: usize,
    status: Option<&str>,
) -> Vec<Line<'static>> {
    let (mut spans, tail) = detail_spans(c, width, cursor, status);
    spans.extend(tail);
    text::wrap(Line::from(spans), width, 0)
}

/// Rows the part of the details that must be read whole takes at `width`: why
/// the move cannot be played, its name and hint, and the advisor's forecast
/// (the paragraph's first rows: the rest, ranges and description, may be cut).
pub fn must_read_rows(c: &Ctx, width: u16, cursor: usize, status: Option<&str>) -> u16 {
    let (head, _) = detail_spans(c, width, cursor, status);
    if head.is_empty() {
        return 0;
    }
    text::cols(text::wrap(Line::from(head), width, 0).len())
}

/// The selected move's paragraph in two parts: what must be read (the warning or
/// why it is unavailable, name, fatigue, the forecast), then the rest. At a
/// narrow width the hint comes after the must-read part (the row has no room for
/// it there either, but the forecast matters more); else before the forecast.
fn detail_spans(
    c: &Ctx,
    width: u16,
    cursor: usize,
    status: Option<&str>,
) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let st = c.game.state();
    let Some(mv) = c.sc.moves_of(c.side).nth(cursor) else {
        return (Vec::new(), Vec::new());
    };
    let m = c.sc.mv(mv);
    let legal = rules::is_legal(c.sc, st, mv);
    let short = width < advisor::SHORT_FORECAST_BELOW;
    let label = |s: String| Span::styled(s, c.t.bold());
    let hint = Span::raw(format!("{} ", m.hint));
    let mut spans: Vec<Span> = Vec::new();
    if let Some(s) = status {
        spans.push(Span::styled(format!("{} {s} ", c.t.g.warn), c.t.warning()));
    } else if !legal {
        spans.push(Span::styled(
            format!("Not available now: {}. ", c.w.why_not(st, mv)),
            c.t.warning(),
        ));
    }
    spans.push(label(format!("{}: ", m.name)));
    if !short {
        spans.push(hint.clone());
    }
    spans.extend(super::super::risk::sentences(c));
    // Only where it changes what the move would do now: not on a move that
    // cannot be played (a one-time move taken, a treaty stage passed).
    let tired = rules::fatigue_percent(c.sc, st, mv);
    if tired > 0 && legal {
        // The rules tire a move each time it is made, whether it worked or not:
        // a failed attempt counts, and the words say so.
        let when = if c.w.odds(st, mv).is_some() {
            "Tried recently (worked or not)"
        } else {
            "Made recently"
        };
        let said = if short {
            format!("{when}: {tired}% less effect. ")
        } else {
            format!("{when}: it would do {tired}% less (a move repeated soon wears thin). ")
        };
        spans.push(Span::styled(said, c.t.warning()));
    }
    if legal && let Some(f) = c.advice.and_then(|a| a.for_move(mv)) {
        spans.extend(advisor::forecast_sentence(c, f, width));
    }
    let mut rest = if short { vec![hint] } else { Vec::new() };
    rest.extend(effect_words(c, mv));
    (spans, rest)
}

/// The move's effects as ranges with odds, then its description.
fn effect_words(c: &Ctx, mv: MoveId) -> Vec<Span<'static>> {
    let m = c.sc.mv(mv);
    let label = |s: String| Span::styled(s, c.t.bold());
    let mut spans = Vec::new();
    let always = c.w.ranges(&m.effects);
    match c.w.odds(c.game.state(), mv) {
        Some(p) => {
            if !always.is_empty() {
                spans.push(label("Always: ".into()));
                spans.push(Span::raw(format!("{always}. ")));
            }
            let ok = c.w.ranges(&m.success);
            let bad = c.w.ranges(&m.failure);
            let none = || "nothing visible".to_string();
            spans.push(label(format!("If it works ({p}%): ")));
            spans.push(Span::raw(format!(
                "{}. ",
                if ok.is_empty() { none() } else { ok }
            )));
            spans.push(label("If not: ".into()));
            spans.push(Span::raw(format!(
                "{}. ",
                if bad.is_empty() { none() } else { bad }
            )));
        }
        None => {
            let all = [always, c.w.ranges(&m.success)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>();
            spans.push(label("Effect: ".into()));
            if all.is_empty() {
                spans.push(Span::raw(format!(
                    "none of its own; drift and {}'s answer still apply. ",
                    c.w.them()
                )));
            } else {
                spans.push(Span::raw(format!("{}. ", all.join(", "))));
            }
        }
    }
    if !m.describe.is_empty() {
        spans.push(Span::styled(m.describe.clone(), c.t.dim()));
    }
    spans
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::game::report::Note;
    use crate::game::{Choice, Difficulty, Game, Scenario, Setup};
    use crate::ui::theme::Theme;

    /// Arms-control talks that failed in the first month still tire the move:
    /// the details give the percent the rules will take off, and say a failed
    /// attempt counts.
    #[test]
    fn a_failed_attempt_is_shown_tired_by_the_percent_the_rules_take() {
        let sc = Arc::new(Scenario::builtin());
        let side = sc.default_player;
        let mv = sc.move_id("arms_talks").unwrap();
        let failed = (1..200)
            .find_map(|seed| {
                let mut g = Game::new(sc.clone(), seed, Setup::single(side, Difficulty::Normal));
                let r = g.play(Choice::Move { mv }).unwrap().clone();
                let lost = r.notes.iter().any(|n| {
                    matches!(*n, Note::Moved { side: s, mv: m, success: Some(false) } if s == side && m == mv)
                });
                lost.then_some(g)
            })
            .expect("talks fail in some seed");
        let mut g = failed;
        while let crate::game::Phase::Card(_) = g.state().phase {
            g.play(Choice::Answer { choice: 0 }).unwrap();
        }
        let p = rules::fatigue_percent(&sc, g.state(), mv);
        assert!(p > 0, "a failed attempt tires the move");
        let c = Ctx::new(&sc, &g, Theme::new(false, true), side);
        let cursor = sc.moves_of(side).position(|m| m == mv).unwrap();
        for width in [80, 120] {
            let text: String = detail_lines(&c, width, cursor, None)
                .iter()
                .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
                .collect::<Vec<_>>()
                .join("");
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                words.contains("Tried recently (worked or not)")
                    && words.contains(&format!("{p}% less")),
                "{words}"
            );
        }
    }
}
