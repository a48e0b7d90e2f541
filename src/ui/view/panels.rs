//! The game screen's panels, as the side at the keyboard sees them: gauges,
//! figures, the other side's ledger (its memory of the player), the treaty table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::game::scenario::{Display, MAX_METERS, MeterId, SideId, TreatyStatus};
use crate::game::{Game, Scenario, belief};
use crate::ui::advice::Advice;
use crate::ui::text::{self, truncate, width};
use crate::ui::theme::Theme;
use crate::ui::words::{Viewer, Words};

/// What every panel reads.
pub struct Ctx<'a> {
    pub sc: &'a Scenario,
    pub game: &'a Game,
    pub t: Theme,
    /// The side whose screen this is.
    pub side: SideId,
    /// Words for that side.
    pub w: Words<'a>,
    /// The advisor's forecasts for this state, when they have been computed.
    pub advice: Option<&'a Advice>,
    /// Two players: the side chooses in secret, and the advisor imagines the model as its rival.
    pub secret: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(sc: &'a Scenario, game: &'a Game, t: Theme, side: SideId) -> Ctx<'a> {
        Ctx {
            sc,
            game,
            t,
            side,
            w: Words::new(sc, t, Viewer::Side(side)).at(game.state()),
            advice: None,
            secret: false,
        }
    }

    /// The meters this side sees in a way (gauge, figure), in scenario order.
    pub fn meters_shown(&self, d: Display) -> Vec<MeterId> {
        crate::ui::words::meter_ids(self.sc)
            .filter(|m| self.w.display(*m) == d)
            .collect()
    }

    pub fn value(&self, m: MeterId) -> i16 {
        self.game.state().meter(m)
    }
}

/// Render one line into row `y` of `area` (if it is inside).
pub fn put(buf: &mut Buffer, area: Rect, y: u16, line: Line<'_>) {
    if y < area.height {
        line.render(Rect::new(area.x, area.y + y, area.width, 1), buf);
    }
}

/// A horizontal gauge bar of `w` cells, to an eighth of a cell.
pub fn bar(c: &Ctx, value: i16, w: u16, higher_is_better: bool) -> Span<'static> {
    let eighths = (value.clamp(0, 100) as usize * w as usize * 8 + 50) / 100;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut s = c.t.g.gauge_full.repeat(full);
    let mut cells = full;
    if part > 0 {
        s.push_str(c.t.g.gauge_part[part]);
        cells += 1;
    }
    s.push_str(&c.t.g.gauge_empty.repeat((w as usize).saturating_sub(cells)));
    Span::styled(s, c.t.level(value, higher_is_better))
}

/// Blank columns kept between a gauge's word and the divider beside the gauges.
const GAP: u16 = 1;

/// The four gauges: name, bar, value, word (and ▲▼ since last month when there is room).
pub fn gauges(buf: &mut Buffer, area: Rect, c: &Ctx) {
    gauges_at(buf, area, c, &c.game.state().meters);
}

/// The gauges drawn for the meters `now` (the state's, or a test's).
fn gauges_at(buf: &mut Buffer, area: Rect, c: &Ctx, now: &[i16; MAX_METERS]) {
    let ms = c.meters_shown(Display::Gauge);
    let name_w = text::cols(
        ms.iter()
            .map(|m| width(&c.sc.meter_def(*m).name))
            .max()
            .unwrap_or(0),
    );
    // Room for every word a gauge may show, so the bars keep their length month to month.
    let label_w = text::cols(
        ms.iter()
            .flat_map(|m| c.sc.meter_def(*m).labels.iter().map(|(_, l)| width(l)))
            .max()
            .unwrap_or(0),
    );
    // A blank column after the longest word, so no word ever touches the
    // divider beside the gauges ("Treaty suspension│").
    let fixed = name_w + 1 + 1 + 3 + 1 + label_w + GAP;
    let with_trend = area.width >= fixed + 8 + 5;
    let trend_w = if with_trend { 5 } else { 0 };
    let bar_w = area.width.saturating_sub(fixed + trend_w).clamp(3, 24);
    // Short of room even so, the word is cut with an ellipsis, never run into the divider.
    let label_room = area
        .width
        .saturating_sub(name_w + 1 + bar_w + 5 + trend_w + GAP) as usize;
    let timeline = c.game.timeline();
    let before = timeline.len().checked_sub(2).map(|i| timeline[i]);
    for (row, m) in ms.iter().enumerate() {
        let def = c.sc.meter_def(*m);
        let better = c.w.higher_is_better(*m);
        let v = now[m.index()];
        let mut spans = vec![
            Span::styled(super::pad(&def.name, name_w as usize + 1), c.t.bold()),
            bar(c, v, bar_w, better),
            Span::styled(format!(" {v:>3} "), c.t.bold()),
        ];
        if with_trend {
            let d = before.map_or(0, |b| i32::from(v) - i32::from(b[m.index()]));
            let s = if d == 0 {
                String::new()
            } else {
                format!("{}{}", c.t.arrow(d), d.abs())
            };
            spans.push(Span::styled(format!("{s:<4} "), c.t.delta(d, better)));
        }
        let warn = def.warn_at.is_some_and(|w| v >= w);
        let label = if warn && width(def.label(v)) + 2 <= label_w as usize {
            format!("{} {}", def.label(v), c.t.g.warn)
        } else {
            def.label(v).to_string()
        };
        let label = truncate(&label, label_room, c.t.g.ellipsis);
        spans.push(Span::styled(
            label,
            if warn { c.t.warning() } else { c.t.plain() },
        ));
        put(buf, area, text::cols(row), Line::from(spans));
    }
}

/// Lines about the other side kept at the foot of the side panel, above its
/// trust: room the game screen keeps for what the player has read of the rival
/// (its temperament so far, the treaty's stage). None yet: the ledger's entries
/// give way to them, a row each, when there are.
pub fn side_notes(c: &Ctx) -> Vec<Line<'static>> {
    let them = c.side.other();
    let st = c.game.state();
    // Only a rival the computer plays has a temperament to read.
    if st.setup.human[them.index()] {
        return Vec::new();
    }
    let shares = belief::shares(c.sc, st, them);
    let Some((top, p)) = shares.first() else {
        return Vec::new();
    };
    // Before its answers say much, say so rather than rank near-equal shares.
    if *p < UNREAD_BELOW {
        return vec![Line::from(Span::styled(
            "No clear read of it yet",
            c.t.dim(),
        ))];
    }
    let pct = |x: f64| (x * 100.0).round() as u32;
    // What its answers suggest so far (never the truth: see `game::belief`).
    let mut lines = vec![Line::from(vec![
        Span::styled("Seems ", c.t.dim()),
        Span::styled(
            format!("{} {}%", short_temperament(&top.name), pct(*p)),
            c.t.bold(),
        ),
    ])];
    if let Some((next, q)) = shares.get(1) {
        lines.push(Line::from(Span::styled(
            format!("  or {} {}%", short_temperament(&next.name), pct(*q)),
            c.t.dim(),
        )));
    }
    lines
}

/// The share the likeliest temperament needs before the panel names it.
pub(super) const UNREAD_BELOW: f64 = 0.4;

/// "A hardliner" → "hardliner": the article is for sentences, not the panel.
pub(super) fn short_temperament(name: &str) -> String {
    let n = name
        .strip_prefix("A ")
        .or_else(|| name.strip_prefix("An "))
        .unwrap_or(name);
    n.to_string()
}

/// The fade column's width: "fading 1/mo" in full, "never"/"1/mo" under "fades".
const FADE_FULL: usize = 11;
const FADE_SHORT: usize = 5;

/// The other side's ledger (what it remembers of the player), biggest first,
/// then `notes` (see `side_notes`), then its trust.
pub fn ledger(buf: &mut Buffer, area: Rect, c: &Ctx, notes: &[Line<'static>]) {
    let them = c.side.other();
    let figures: Vec<MeterId> = c.sc.side(them).memory_meter.into_iter().collect();
    put(
        buf,
        area,
        0,
        Line::from(Span::styled(
            format!("{} remembers", c.w.side_name(them)),
            c.t.heading(),
        )),
    );
    let mut entries: Vec<_> = c.game.state().ledgers[them.index()]
        .iter()
        .copied()
        .collect();
    entries.sort_by_key(|m| std::cmp::Reverse(m.amount.abs()));
    let foot = text::cols(figures.len() + notes.len());
    let rows = area.height.saturating_sub(1 + foot) as usize;
    let amount_w = 3;
    let longest = entries
        .iter()
        .map(|m| width(c.w.memory_label(m.source, m.index)))
        .max()
        .unwrap_or(0);
    // "fading 1/mo" when there is room, else a column headed "fades": its words
    // flush left at one place on every row, at a narrow panel's right edge.
    let full = amount_w + 1 + longest + 1 + FADE_FULL <= area.width as usize;
    let fade_w = if full { FADE_FULL } else { FADE_SHORT };
    let label_w = if full {
        longest
    } else {
        (area.width as usize).saturating_sub(amount_w + 1 + 1 + fade_w)
    };
    if !full && !entries.is_empty() {
        let x = area.x + text::cols(amount_w + 1 + label_w + 1);
        buf.set_string(x, area.y, "fades", c.t.dim());
    }
    let shown = if entries.len() > rows {
        rows.saturating_sub(1)
    } else {
        entries.len()
    };
    for (i, m) in entries.iter().take(shown).enumerate() {
        let amount = c.t.signed(i32::from(m.amount));
        let label = truncate(c.w.memory_label(m.source, m.index), label_w, c.t.g.ellipsis);
        let fade = match (full, m.fade) {
            (true, _) => c.w.fade(m),
            (false, 0) => "never".to_string(),
            (false, f) => format!("{f}/mo"),
        };
        let pad = label_w.saturating_sub(width(&label));
        let line = Line::from(vec![
            Span::styled(
                format!("{amount:>amount_w$} "),
                c.t.delta(i32::from(m.amount), true).patch(c.t.bold()),
            ),
            Span::raw(format!("{label}{} ", " ".repeat(pad))),
            Span::styled(fade, c.t.dim()),
        ]);
        put(buf, area, 1 + text::cols(i), line);
    }
    if entries.is_empty() {
        put(
            buf,
            area,
            1,
            Line::from(Span::styled("nothing in particular", c.t.dim())),
        );
    } else if shown < entries.len() {
        let rest: i32 = entries[shown..].iter().map(|m| i32::from(m.amount)).sum();
        let more = format!(
            "{:>amount_w$} and {} more",
            c.t.signed(rest),
            entries.len() - shown
        );
        put(
            buf,
            area,
            1 + text::cols(shown),
            Line::from(Span::styled(more, c.t.dim())),
        );
    }
    let top = area.height.saturating_sub(foot);
    for (i, note) in notes.iter().enumerate() {
        put(buf, area, top + text::cols(i), note.clone());
    }
    let top = top + text::cols(notes.len());
    for (i, m) in figures.iter().enumerate() {
        put(buf, area, top + text::cols(i), figure(c, *m));
    }
}

/// A meter shown as a number: "Moscow's trust 13 None", or as an estimate:
/// "Moscow's leverage ≈50 (est.)" (no band word: it would read as exact).
pub fn figure(c: &Ctx, m: MeterId) -> Line<'static> {
    let def = c.sc.meter_def(m);
    let v = c.value(m);
    let word = if is_estimate(c, m) {
        String::new()
    } else {
        def.label(v).to_string()
    };
    Line::from(vec![
        Span::styled(format!("{} ", def.name), c.t.bold()),
        Span::styled(format!("{} ", shown_value(c, m)), c.t.bold()),
        Span::raw(word),
    ])
}

fn is_estimate(c: &Ctx, m: MeterId) -> bool {
    c.w.display(m) == Display::Estimate
}

/// A figure's value as the side sees it: "13", or "≈50 (est.)" for an estimate.
pub fn shown_value(c: &Ctx, m: MeterId) -> String {
    let v = c.value(m);
    if is_estimate(c, m) {
        format!("{}{} (est.)", c.t.g.approx, Display::estimate(v))
    } else {
        v.to_string()
    }
}

/// The figures and estimates that are not the other side's trust (shown under
/// the gauges), figures first.
pub fn other_figures(c: &Ctx) -> Vec<MeterId> {
    let trust = c.sc.side(c.side.other()).memory_meter;
    let mut ms = c.meters_shown(Display::Figure);
    ms.extend(c.meters_shown(Display::Estimate));
    ms.into_iter().filter(|m| Some(*m) != trust).collect()
}

/// Several figures on one row when there is no room for a row each:
/// "Allied unity 65 · Moscow's trust 45", shorter names and no words as needed,
/// then no space inside a figure, the longest names first ("Sanction33"); a
/// figure is never cut through its number (a cut "Aid 62" read "Aid 6"): what
/// still does not fit is left off whole, and "…" says so.
pub fn figures_line(c: &Ctx, ms: &[MeterId], room: u16) -> Line<'static> {
    let forms: [&dyn Fn(MeterId) -> String; 4] = [
        &|m| format!("{} {}", c.sc.meter_def(m).name, shown_value(c, m)),
        &|m| {
            let def = c.sc.meter_def(m);
            let word = if is_estimate(c, m) {
                ""
            } else {
                def.label(c.value(m))
            };
            format!("{} {} {word}", def.short, shown_value(c, m))
                .trim_end()
                .to_string()
        },
        &|m| format!("{} {}", c.sc.meter_def(m).short, shown_value(c, m)),
        &|m| format!("{}{}", c.sc.meter_def(m).short, shown_value(c, m)),
    ];
    // The separator narrows last of all, before the names close up.
    let sep = c.t.g.sep;
    let plain = forms[..3]
        .iter()
        .map(|f| (f, sep))
        .chain([(&forms[2], "  "), (&forms[2], " ")])
        .map(|(form, s)| (ms.iter().map(|m| form(*m)).collect(), s));
    // Then the names close up one figure at a time, the longest name first, so
    // a row one column too long loses one space ("Sanction27"), not every one.
    let mut longest: Vec<usize> = (0..ms.len()).collect();
    longest.sort_by_key(|i| std::cmp::Reverse(width(&c.sc.meter_def(ms[*i]).short)));
    let closing = (1..=ms.len()).map(|k| {
        let figs = ms.iter().enumerate().map(|(i, m)| {
            if longest[..k].contains(&i) {
                forms[3](*m)
            } else {
                forms[2](*m)
            }
        });
        (figs.collect(), " ")
    });
    // Tried in order, each built only if the one before did not fit.
    let tries = plain.chain(closing);
    let (shown, sep) = fit_figures(tries, room as usize, c.t.g.ellipsis);
    let mut spans = Vec::new();
    for (i, s) in shown.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(sep, c.t.dim()));
        }
        spans.push(Span::styled(s, c.t.bold()));
    }
    Line::from(spans)
}

/// The first of the tries (figures and their separator) that fits in `room`
/// columns; when none does, the last try's figures that fit whole, then
/// `ellipsis` for those left off.
fn fit_figures<'s>(
    tries: impl IntoIterator<Item = (Vec<String>, &'s str)>,
    room: usize,
    ellipsis: &str,
) -> (Vec<String>, &'s str) {
    let mut last = (Vec::new(), "");
    for (figs, sep) in tries {
        if width(&figs.join(sep)) <= room {
            return (figs, sep);
        }
        last = (figs, sep);
    }
    let (figs, sep) = last;
    // Room is kept for the ellipsis after the figures that fit.
    let tail = width(sep) + width(ellipsis);
    let (mut kept, mut used) = (Vec::new(), 0);
    for f in figs {
        let w = width(&f) + if kept.is_empty() { 0 } else { width(sep) };
        if used + w + tail > room {
            break;
        }
        used += w;
        kept.push(f);
    }
    kept.push(ellipsis.to_string());
    (kept, sep)
}

/// Rows the side panel would like: heading, every entry, the notes, the trust figure.
pub fn ledger_rows(c: &Ctx, notes: usize) -> u16 {
    let them = c.side.other();
    1 + u16::from(c.game.state().ledgers[them.index()].len)
        + text::cols(notes)
        + c.sc.side(them).memory_meter.map_or(0, |_| 1)
}

/// A glyph for a treaty's status: alive, in doubt, or gone.
pub fn treaty_mark(t: &Theme, s: TreatyStatus) -> Span<'static> {
    match s {
        TreatyStatus::InForce
        | TreatyStatus::Extended
        | TreatyStatus::SuccessorAgreed
        | TreatyStatus::Framework
        | TreatyStatus::Drafted => Span::styled(t.g.good, t.good()),
        TreatyStatus::Suspended => Span::styled(t.g.warn, t.bold()),
        TreatyStatus::Withdrawn | TreatyStatus::Expired => Span::styled(t.g.bad, t.bad()),
    }
}

/// The treaty table, compact: "Treaties ✗ INF Treaty withdrawn · ⚠ New START suspended".
pub fn treaty_lines(c: &Ctx, width: u16) -> Vec<Line<'static>> {
    let mut spans = Vec::new();
    for (i, tr) in c.sc.treaties.iter().enumerate() {
        let s = c.game.state().treaties[i];
        if i > 0 {
            spans.push(Span::styled(c.t.g.sep, c.t.dim()));
        }
        spans.push(treaty_mark(&c.t, s));
        spans.push(Span::raw(format!(" {} {}", tr.name, s.words())));
    }
    // The heading goes first when it fits; the marks say what the rows are anyway.
    let heading = Span::styled("Treaties ", c.t.bold());
    if Line::from(spans.clone()).width() + heading.width() > width as usize {
        return text::wrap(Line::from(spans), width, 2);
    }
    spans.insert(0, heading);
    text::wrap(Line::from(spans), width, 9)
}

#[cfg(test)]
mod tests;
