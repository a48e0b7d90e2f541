//! The move list: every move of the player's side with its usual effect, odds
//! and hint; unavailable moves dimmed with the reason; the selected move's details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::game::forecast::Forecast;
use crate::game::rules::{self, Choice};
use crate::game::scenario::{Display, MeterId, MoveId};
use crate::ui::effects::CostPart;
use crate::ui::text::{self, truncate, width};

use super::advisor;
use super::panels::{Ctx, put};
use super::{Hits, Target, pad};

/// Narrowest hint column worth showing.
const MIN_HINT: usize = 14;
/// The effect column's width when hints need the room.
const EFFECT_COLUMN: usize = 44;

/// The styled parts of a cost: "Rel−4 Ten+4".
fn cost_spans(c: &Ctx, parts: &[CostPart]) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push(Span::raw(" "));
        }
        let def = c.sc.meter_def(p.meter);
        let style = c.t.delta(p.delta, c.w.higher_is_better(p.meter));
        out.push(Span::styled(
            format!("{}{}", def.short, c.t.signed(p.delta)),
            style,
        ));
    }
    out
}

/// The advisor's median change of each shown meter over the month, as cost parts.
pub fn forecast_parts(c: &Ctx, f: &Forecast) -> Vec<CostPart> {
    let st = c.game.state();
    let mut parts: Vec<CostPart> = (0..c.sc.meters.len())
        .map(|i| MeterId(i as u8))
        .filter(|m| c.w.visible(*m))
        .map(|m| CostPart {
            meter: m,
            delta: i32::from(f.meter(m).median - st.meter(m)),
        })
        .filter(|p| p.delta != 0)
        .collect();
    // The gauges first: when the row is short of room, the figures give way.
    parts.sort_by_key(|p| (c.w.display(p.meter) != Display::Gauge, p.meter));
    parts
}

/// A share as a whole percentage.
fn pct(x: f64) -> u32 {
    (x * 100.0).round() as u32
}

/// The advisor's row: median changes, then the odds that it fails and that the other side retaliates.
/// Returns the spans and where the odds begin (from their separator on).
fn forecast_spans(c: &Ctx, f: &Forecast) -> (Vec<Span<'static>>, usize) {
    let mut out = cost_spans(c, &forecast_parts(c, f));
    if out.is_empty() {
        out.push(Span::styled("little change", c.t.dim()));
    }
    let odds = out.len();
    out.push(Span::styled(c.t.g.sep.to_string(), c.t.dim()));
    if let Some(fail) = f.failure {
        out.push(Span::styled(format!("F{}% ", pct(fail)), c.t.bold()));
    }
    out.push(Span::styled(
        format!("R{}%", pct(f.retaliation)),
        c.t.bold(),
    ));
    (out, odds)
}

/// What a move row shows after its name: the advisor's forecast (or, before it
/// is ready, the usual effect and odds), or why the move is unavailable. The
/// spans from the returned index on (the odds) are kept whole when the row is cut.
fn effect_spans(c: &Ctx, mv: MoveId, legal: bool) -> (Vec<Span<'static>>, usize) {
    let m = c.sc.mv(mv);
    if !legal {
        let why = Span::styled(
            format!(
                "{} {}",
                c.t.g.locked,
                c.w.why_unavailable(c.game.state(), mv)
            ),
            c.t.dim(),
        );
        return (vec![why], 1);
    }
    if let Some((a, f)) = c.advice.and_then(|a| a.for_move(mv).map(|f| (a, f))) {
        let (mut spans, odds) = forecast_spans(c, f);
        if !a.is_final(Choice::Move { mv }) {
            // An estimate from the first samples: the full forecast is on its way.
            spans.push(Span::styled(advisor::PENDING.to_string(), c.t.dim()));
        }
        return (spans, odds);
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
    (out, n)
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
    spans.iter().map(|s| s.width()).sum()
}

/// The heading and one row per move; returns the rows used.
pub fn list(buf: &mut Buffer, area: Rect, c: &Ctx, cursor: Option<usize>, hits: &mut Hits) {
    let st = c.game.state();
    let ids: Vec<MoveId> = c.sc.moves_of(c.side).collect();
    let name_w = ids
        .iter()
        .map(|m| width(&c.sc.mv(*m).name))
        .max()
        .unwrap_or(0)
        .min(area.width as usize / 2);
    let effects: Vec<(bool, (Vec<Span>, usize))> = ids
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
        .map(|(_, (s, _))| spans_width(s))
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

    put(buf, area, 0, advisor::heading(c));
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
    for (i, (mv, (legal, (spans, keep)))) in
        ids.iter().zip(effects).enumerate().skip(first).take(rows)
    {
        let y = 1 + (i - first) as u16;
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
                pad(&truncate(&m.name, name_w, c.t.g.ellipsis), name_w + 2),
                if legal { c.t.bold() } else { c.t.dim() },
            ),
        ];
        let effect_w = if legal { effect_w } else { room };
        let (spans, used) = fit(spans, keep, effect_w, c.t.g.ellipsis);
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
            buf.set_string(right, area.y + rows as u16, c.t.g.more_below, c.t.bold());
        }
    }
}

/// The advisor's forecast in words: each shown meter's likely value and range, then the odds.
pub fn forecast_sentence(c: &Ctx, f: &Forecast) -> Vec<Span<'static>> {
    let st = c.game.state();
    let rival = if c.secret {
        format!(
            ", {} played by the model, not by your rival, whose move is secret",
            c.w.them()
        )
    } else {
        String::new()
    };
    let mut out = vec![Span::styled(
        format!("Advisor ({} plays of the rules{rival}): ", f.samples),
        c.t.bold(),
    )];
    let mut parts = Vec::new();
    for i in 0..c.sc.meters.len() {
        let m = MeterId(i as u8);
        let def = c.sc.meter_def(m);
        if !c.w.visible(m) {
            continue;
        }
        let s = f.meter(m);
        let range = if s.p10 == s.p90 {
            String::new()
        } else {
            format!(" ({}..{})", s.p10, s.p90)
        };
        parts.push(format!(
            "{} {}{}{}{range}",
            def.short,
            st.meter(m),
            c.t.g.arrow,
            s.median
        ));
    }
    let mut odds = Vec::new();
    if let Some(fail) = f.failure {
        odds.push(format!("fails {}%", pct(fail)));
    }
    odds.push(format!("{} hits back {}%", c.w.them(), pct(f.retaliation)));
    odds.push(format!("ladder climbs {}%", pct(f.rung_up)));
    if f.game_over > 0.0 {
        odds.push(format!("game lost {}%", pct(f.game_over)));
    }
    out.push(Span::raw(format!(
        "{}; {}. ",
        parts.join(", "),
        odds.join(", ")
    )));
    out
}

/// The selected move in full, as one paragraph: hint (or why it is unavailable),
/// then its effects as ranges with odds, then its description while room lasts.
pub fn detail(buf: &mut Buffer, area: Rect, c: &Ctx, cursor: usize, status: Option<&str>) {
    let mut lines = detail_lines(c, area.width, cursor, status);
    let h = area.height as usize;
    if lines.len() > h && h > 0 {
        // Cut the last row that fits and say there is more (the description goes first).
        lines.truncate(h);
        if let Some(last) = lines.last_mut() {
            if last.width() + 2 > area.width as usize {
                last.spans.pop();
            }
            last.spans
                .push(Span::styled(format!(" {}", c.t.g.ellipsis), c.t.dim()));
        }
    }
    for (i, l) in lines.into_iter().enumerate() {
        put(buf, area, i as u16, l.style(Style::new()));
    }
}

/// The selected move's paragraph wrapped to `width`: as many rows as it wants.
pub fn detail_lines(
    c: &Ctx,
    width: u16,
    cursor: usize,
    status: Option<&str>,
) -> Vec<Line<'static>> {
    let st = c.game.state();
    let Some(mv) = c.sc.moves_of(c.side).nth(cursor) else {
        return Vec::new();
    };
    let m = c.sc.mv(mv);
    let legal = rules::is_legal(c.sc, st, mv);
    let label = |s: String| Span::styled(s, c.t.bold());
    let mut spans: Vec<Span> = Vec::new();
    if let Some(s) = status {
        spans.push(Span::styled(format!("{} {s} ", c.t.g.warn), c.t.warning()));
    } else if !legal {
        spans.push(Span::styled(
            format!("Not available now: {}. ", c.w.why_unavailable(st, mv)),
            c.t.warning(),
        ));
    }
    spans.push(label(format!("{}: ", m.name)));
    spans.push(Span::raw(format!("{} ", m.hint)));
    if legal && let Some(f) = c.advice.and_then(|a| a.for_move(mv)) {
        spans.extend(forecast_sentence(c, f));
    }
    let always = c.w.ranges(&m.effects);
    match c.w.odds(st, mv) {
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
    text::wrap(Line::from(spans), width, 0)
}
