//! The move list: every move of the player's side with its usual effect, odds
//! and hint; unavailable moves dimmed with the reason; the selected move's details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::game::rules::{self, Choice};
use crate::game::scenario::MoveId;
use crate::ui::text::{truncate, width};

use super::advisor;
use super::costs::cost_spans;

mod detail;
use super::panels::{Ctx, put};
use super::{Hits, Target, pad};
pub use detail::{detail, detail_lines, must_read_rows};

/// Narrowest hint column worth showing.
const MIN_HINT: usize = 14;
/// The effect column's width when hints need the room.
const EFFECT_COLUMN: usize = 44;

/// A move row's effect in each form it can take, the fullest first, each with
/// where its odds begin (the spans from there on are kept whole when a row is cut).
type Forms = Vec<(Vec<Span<'static>>, usize)>;

/// What a move row shows after its name: the advisor's forecast (or, before it
/// is ready, the usual effect and odds), or why the move is unavailable.
fn effect_spans(c: &Ctx, mv: MoveId, legal: bool) -> Forms {
    let m = c.sc.mv(mv);
    if !legal {
        let why = Span::styled(
            format!("{} {}", c.t.g.locked, c.w.why_not(c.game.state(), mv)),
            c.t.dim(),
        );
        return vec![(vec![why], 1)];
    }
    if let Some((a, f)) = c.advice.and_then(|a| a.for_move(mv).map(|f| (a, f))) {
        let mut forms = advisor::forecast_forms(c, f);
        if !a.is_final(Choice::Move { mv }) {
            // An estimate from the first samples: the full forecast is on its way.
            for (spans, _) in &mut forms {
                spans.push(Span::styled(advisor::PENDING.to_string(), c.t.dim()));
            }
        }
        return forms;
    }
    let mut out = treaty_spans(c, &m.effects);
    out.extend(cost_spans(c, &c.w.cost(mv)));
    if let Some(p) = c.w.odds(c.game.state(), mv) {
        if !out.is_empty() {
            out.push(Span::styled(c.t.g.sep.to_string(), c.t.dim()));
        }
        out.push(Span::styled(format!("{p}%: "), c.t.bold()));
        out.extend(treaty_spans(c, &m.success));
        out.extend(cost_spans(c, &c.w.parts(&m.success)));
    }
    if out.is_empty() {
        out.push(Span::styled("no direct effect", c.t.dim()));
    }
    let n = out.len();
    vec![(out, n)]
}

/// The fullest form that fits in `room` columns, or the last one cut to fit.
fn fit_form(mut forms: Forms, room: usize, ell: &str) -> (Vec<Span<'static>>, usize) {
    if let Some(i) = forms.iter().position(|(s, _)| spans_width(s) <= room) {
        let (spans, _) = forms.swap_remove(i);
        let w = spans_width(&spans);
        return (spans, w);
    }
    let (spans, keep) = forms.pop().unwrap_or_default();
    fit(spans, keep, room, ell)
}

/// Fit a row's effect into `room` columns: whole parts of `spans[..keep]` while
/// they fit (an ellipsis marks the rest), then `spans[keep..]` (the odds), never
/// cut unless they alone are too wide. Returns the spans and their width.
fn fit(
    mut spans: Vec<Span<'static>>,
    keep: usize,
    room: usize,
    ell: &str,
) -> (Vec<Span<'static>>, usize) {
    let total = spans_width(&spans);
    if total <= room {
        return (spans, total);
    }
    let tail: Vec<Span> = spans.split_off(keep.min(spans.len()));
    let (body, tail) = if spans_width(&tail) + width(ell) < room {
        (spans, tail)
    } else {
        // The odds alone are too wide: cut everything as one.
        spans.extend(tail);
        (spans, Vec::new())
    };
    let tail_w = spans_width(&tail);
    let room_for_body = room - tail_w;
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let budget = room_for_body - width(ell);
    for s in body {
        let w = s.width();
        if used + w <= budget {
            used += w;
            out.push(s);
            continue;
        }
        if out.is_empty() {
            // Not even one whole part: cut it (the cut says so itself).
            let cut = truncate(&s.content, room_for_body, ell);
            used = width(&cut);
            out.push(Span::styled(cut, s.style));
        } else {
            // No separator left dangling before the ellipsis.
            while out.last().is_some_and(|s| s.content.trim().is_empty()) {
                used -= out.pop().map_or(0, |s| s.width());
            }
            out.push(Span::raw(ell.to_string()));
            used += width(ell);
        }
        break;
    }
    out.extend(tail);
    (out, used + tail_w)
}

/// Treaty changes come first in a row: they matter more than any meter.
fn treaty_spans(c: &Ctx, e: &crate::game::scenario::Effect) -> Vec<Span<'static>> {
    e.treaties
        .iter()
        .map(|(t, s)| {
            Span::styled(
                format!("{} {} ", c.sc.treaties[t.index()].name, s.words()),
                c.t.bold(),
            )
        })
        .collect()
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

/// A move's name in `w` columns, with what making it again now costs
/// (`Propose a summit −35%`, the percent `fatigue_percent` takes off). The
/// mark is kept whole: a long name is cut before it, never the percent.
/// A move that cannot be played now has no mark: its tiredness changes
/// nothing it would do (a one-time move taken, a treaty stage passed).
fn tired_name(c: &Ctx, mv: MoveId, w: usize) -> String {
    let name = &c.sc.mv(mv).name;
    let st = c.game.state();
    let tired = if rules::is_legal(c.sc, st, mv) {
        rules::fatigue_percent(c.sc, st, mv)
    } else {
        0
    };
    let mark = match tired {
        0 => return truncate(name, w, c.t.g.ellipsis),
        p => format!(" {}{p}%", c.t.g.minus),
    };
    let room = w.saturating_sub(width(&mark));
    if room == 0 {
        return truncate(&mark, w, c.t.g.ellipsis);
    }
    format!("{}{mark}", truncate(name, room, c.t.g.ellipsis))
}

/// The name column's width: the widest name with its fatigue mark, at most
/// half the row.
fn name_width(c: &Ctx, ids: &[MoveId], row: u16) -> usize {
    ids.iter()
        .map(|m| width(&tired_name(c, *m, usize::MAX)))
        .max()
        .unwrap_or(0)
        .min(row as usize / 2)
}

/// The heading and one row per move; returns the rows used.
pub fn list(buf: &mut Buffer, area: Rect, c: &Ctx, cursor: Option<usize>, hits: &mut Hits) {
    let st = c.game.state();
    let ids: Vec<MoveId> = c.sc.moves_of(c.side).collect();
    let name_w = name_width(c, &ids, area.width);
    let effects: Vec<(bool, Forms)> = ids
        .iter()
        .map(|m| {
            let legal = rules::is_legal(c.sc, st, *m);
            (legal, effect_spans(c, *m, legal))
        })
        .collect();
    let left = 2 + name_w + 2;
    // A list that scrolls keeps its last two columns for the ▲/▼ marks, clear of the odds.
    let scrolls = ids.len() > area.height.saturating_sub(1) as usize;
    let row_w = (area.width as usize).saturating_sub(if scrolls { 2 } else { 0 });
    let room = row_w.saturating_sub(left);
    // Unavailable moves show no hint, so their reasons may run into the hint column.
    let effect_w = effects
        .iter()
        .filter(|(legal, _)| *legal)
        .filter_map(|(_, forms)| forms.first().map(|(s, _)| spans_width(s)))
        .max()
        .unwrap_or(0);
    // Long effects give way to the hints, down to a column wide enough for most.
    let hint_max = ids
        .iter()
        .map(|m| width(&c.sc.mv(*m).hint))
        .max()
        .unwrap_or(0);
    let effect_w = effect_w.min(EFFECT_COLUMN.max(room.saturating_sub(2 + hint_max)));
    let hint_w = room.saturating_sub(effect_w + 2);
    let show_hint = hint_w >= MIN_HINT;
    let effect_w = if show_hint { effect_w } else { room };

    put(buf, area, 0, advisor::heading(c, area.width));
    // More moves than rows: a window that keeps the cursor in view, centred where it can be.
    let rows = area.height.saturating_sub(1) as usize;
    let first = if ids.len() <= rows {
        0
    } else {
        cursor
            .unwrap_or(0)
            .saturating_sub(rows / 2)
            .min(ids.len() - rows)
    };
    let rows = rows.min(ids.len());
    for (i, (mv, (legal, forms))) in ids.iter().zip(effects).enumerate().skip(first).take(rows) {
        let y = 1 + crate::ui::text::cols(i - first);
        let m = c.sc.mv(*mv);
        let selected = cursor == Some(i);
        let base = if legal { c.t.plain() } else { c.t.dim() };
        let mut row = vec![
            Span::styled(
                if selected {
                    format!("{} ", c.t.g.pointer)
                } else {
                    "  ".to_string()
                },
                c.t.bold(),
            ),
            Span::styled(
                pad(&tired_name(c, *mv, name_w), name_w + 2),
                if legal { c.t.bold() } else { c.t.dim() },
            ),
        ];
        let effect_w = if legal { effect_w } else { room };
        let (spans, used) = fit_form(forms, effect_w, c.t.g.ellipsis);
        row.extend(spans);
        if show_hint && legal {
            row.push(Span::raw(" ".repeat(effect_w - used + 2)));
            row.push(Span::styled(
                truncate(&m.hint, hint_w, c.t.g.ellipsis),
                c.t.dim(),
            ));
        }
        let mut line = Line::from(row).style(base);
        if selected {
            line = line.patch_style(c.t.selected());
            let rest = (area.width as usize).saturating_sub(line.width());
            line.push_span(Span::raw(" ".repeat(rest)));
        }
        put(buf, area, y, line);
        hits.push(
            Rect::new(area.x, area.y + y, area.width, 1),
            Target::Move(i),
        );
    }
    if rows > 0 && area.width > 0 {
        let right = area.right() - 1;
        if first > 0 {
            buf.set_string(right, area.y + 1, c.t.g.more_above, c.t.bold());
        }
        if first + rows < ids.len() {
            buf.set_string(
                right,
                area.y + crate::ui::text::cols(rows),
                c.t.g.more_below,
                c.t.bold(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::game::{Difficulty, Game, Scenario, Setup};
    use crate::ui::advice::Advice;
    use crate::ui::theme::Theme;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    /// Arms-control talks in the first month: each narrower room gets a shorter
    /// form, from both outcomes with two meters each down to the odds alone, and
    /// the odds of an answer are never cut.
    #[test]
    fn a_row_of_both_outcomes_gives_way_a_part_at_a_time() {
        let sc = Arc::new(Scenario::builtin());
        let side = sc.default_player;
        let game = Game::new(sc.clone(), 7, Setup::single(side, Difficulty::Normal));
        let advice = Advice::compute(&game, side);
        let mut c = Ctx::new(&sc, &game, Theme::new(false, true), side);
        c.advice = Some(&advice);
        let mv = sc.move_id("arms_talks").unwrap();
        let forms = effect_spans(&c, mv, true);
        assert!(forms.len() >= 4, "{}", forms.len());
        let texts: Vec<String> = forms.iter().map(|(s, _)| text(s)).collect();
        assert!(
            texts[0].starts_with('✓') && texts[0].contains(" │ ✗ "),
            "{texts:?}"
        );
        let last = texts.last().unwrap();
        assert!(
            last.starts_with('✓') && !last.contains('│') && last.ends_with('%'),
            "the odds alone at last: {texts:?}"
        );
        let mut prev = usize::MAX;
        for (spans, _) in &forms {
            let w = spans_width(spans);
            assert!(w < prev, "each form narrower: {texts:?}");
            prev = w;
            // Given just its room, a form is chosen whole.
            let (got, used) = fit_form(forms.clone(), w, "…");
            assert_eq!((text(&got), used), (text(spans), w));
        }
        // Short of even the last form's room: cut, the odds kept.
        let tiny = spans_width(&forms.last().unwrap().0) - 1;
        let (got, _) = fit_form(forms, tiny, "…");
        assert!(text(&got).ends_with('%'), "{}", text(&got));
    }

    /// Moscow's longest move name, made in the first month: in the second its
    /// row at 80 columns shows the whole fatigue mark, the percent the rules
    /// take off, not a name cut through its mark.
    #[test]
    fn a_long_tired_name_keeps_its_fatigue_mark_whole_at_80() {
        let sc = Arc::new(Scenario::builtin());
        let side = sc.side_id("moscow").unwrap();
        let mut game = Game::new(sc.clone(), 7, Setup::single(side, Difficulty::Normal));
        let mv = sc
            .moves_of(side)
            .max_by_key(|m| width(&sc.mv(*m).name))
            .unwrap();
        assert!(sc.mv(mv).fatigue > 0 && rules::is_legal(&sc, game.state(), mv));
        game.play(Choice::Move { mv }).unwrap();
        while let crate::game::Phase::Card(_) = game.state().phase {
            game.play(Choice::Answer { choice: 0 }).unwrap();
        }
        let p = rules::fatigue_percent(&sc, game.state(), mv);
        assert!(p > 0, "made last month: tired");
        let c = Ctx::new(&sc, &game, Theme::new(false, true), side);
        let n = crate::ui::text::cols(sc.moves_of(side).count());
        let area = Rect::new(0, 0, 80, n + 1);
        let mut buf = Buffer::empty(area);
        let cursor = sc.moves_of(side).position(|m| m == mv);
        list(&mut buf, area, &c, cursor, &mut Hits::default());
        let rows: Vec<String> = (0..area.height)
            .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        let name = &sc.mv(mv).name;
        let row = rows.iter().find(|r| r.contains(name.as_str())).expect(name);
        assert!(row.contains(&format!("{name} −{p}%")), "{row}");
    }

    /// Item 3 of the play-test: a one-time move already made is tired, but it
    /// cannot be played again, so its row and its details say nothing of
    /// fatigue (it changes nothing the move would do now).
    #[test]
    fn a_move_that_cannot_be_played_again_shows_no_fatigue() {
        let text = include_str!("../../../tests/scenarios/good/minimal.toml").replacen(
            "[[events]]",
            "[[moves]]\nid = \"once\"\nside = \"blue\"\nname = \"Once\"\nfatigue = 35\nrequires = { not_flags = [\"met\"] }\neffects = { set = [\"met\"], meters = { calm = [1, 2] } }\n\n[[events]]",
            1,
        );
        let sc =
            Arc::new(Scenario::from_toml("once.toml", &text).unwrap_or_else(|e| panic!("{e}")));
        let side = sc.default_player;
        let mv = sc.move_id("once").unwrap();
        let mut game = Game::new(sc.clone(), 7, Setup::single(side, Difficulty::Normal));
        game.play(Choice::Move { mv }).unwrap();
        let st = game.state();
        assert!(
            rules::fatigue_percent(&sc, st, mv) > 0,
            "made last month: tired"
        );
        assert!(!rules::is_legal(&sc, st, mv), "once only");
        let c = Ctx::new(&sc, &game, Theme::new(false, true), side);
        let n = crate::ui::text::cols(sc.moves_of(side).count());
        let area = Rect::new(0, 0, 80, n + 1);
        let mut buf = Buffer::empty(area);
        let cursor = sc.moves_of(side).position(|m| m == mv).unwrap();
        list(&mut buf, area, &c, Some(cursor), &mut Hits::default());
        let row: String = (0..80)
            .map(|x| buf[(x, 1 + crate::ui::text::cols(cursor))].symbol())
            .collect();
        assert!(row.contains("Once") && !row.contains('%'), "{row}");
        let detail: String = detail_lines(&c, 80, cursor, None)
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect();
        assert!(
            detail.contains("Not available now") && !detail.contains("recently"),
            "{detail}"
        );
    }
}
