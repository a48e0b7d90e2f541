//! The advisor's words on the game screen: the move list's heading and legend,
//! each move row's forecast (both outcomes of a move that can fail, shorter
//! and shorter as room runs out), and the forecast as a sentence for the details.

use ratatui::text::{Line, Span};

use crate::game::forecast::{Branch, Branches, Forecast, Spread};
use crate::game::rules::Choice;
use crate::game::scenario::{Display, MeterId};
use crate::ui::effects::CostPart;
use crate::ui::text;

use super::costs::cost_spans;
use super::panels::Ctx;

/// The heading's mark while the advisor is still at work on the month's moves.
pub const FORECASTING: &str = "forecasting…";

/// A move row's mark while its forecast is a first estimate.
pub const PENDING: &str = " ~";

/// Meters named per outcome in a move row at most: the ones that move most.
const BRANCH_METERS: usize = 2;

/// "Your move for Sep 2024 · forecasting… · median a month on · ✓ works ✗ fails ·
/// R Moscow hits back", the legend shorter when `width` is short of room.
pub fn heading(c: &Ctx, width: u16) -> Line<'static> {
    let when = c.sc.calendar.label(c.game.state().turn);
    let sep = c.t.g.sep;
    let pending = if c.advice.is_some_and(|a| a.complete) {
        String::new()
    } else {
        format!("{sep}{FORECASTING}")
    };
    let (works, fails) = (c.t.g.works, c.t.g.fails);
    let legends = match (c.advice.is_some(), c.secret) {
        (true, false) => vec![
            format!(
                "{sep}median a month on{sep}{works} works {fails} fails{sep}R {} hits back",
                c.w.them()
            ),
            // Whose answer R is matters more than when the median is.
            format!(
                "{sep}median{sep}{works} works {fails} fails{sep}R {} hits back",
                c.w.them()
            ),
            format!("{sep}median{sep}{works} works {fails} fails{sep}R hits back"),
        ],
        // Two players: the rival's order is secret; the advisor imagines the model in
        // its place (the line under the list says so in full).
        (true, true) => vec![
            format!("{sep}median vs the model{sep}{works} works {fails} fails{sep}R hits back"),
            format!("{sep}vs the model{sep}{works} works {fails} fails{sep}R hits back"),
        ],
        (false, _) => vec![format!(
            "{sep}usual effect{sep}NN%: odds, then what success adds"
        )],
    };
    let title = if c.secret {
        format!("{}'s secret move, {when}", c.w.side_name(c.side))
    } else {
        format!("Your move for {when}")
    };
    let used = text::width(&title) + text::width(&pending);
    let last = legends.len() - 1;
    let legend = legends
        .into_iter()
        .enumerate()
        .find(|(i, l)| *i == last || used + text::width(l) <= width as usize)
        .map(|(_, l)| l)
        .unwrap_or_default();
    Line::from(vec![
        Span::styled(title, c.t.heading()),
        // Before the legend, so a narrow screen cuts the legend, not the mark.
        Span::styled(pending, c.t.bold()),
        Span::styled(legend, c.t.dim()),
    ])
}

/// The meters whose exact value the side sees, in scenario order (never a
/// hidden or estimated one: a forecast of it would give its value away).
fn exact_meters<'c>(c: &'c Ctx<'_>) -> impl Iterator<Item = MeterId> + 'c {
    crate::ui::words::meter_ids(c.sc).filter(|m| c.w.visible(*m))
}

/// The median change of each shown meter over the month, as cost parts.
fn median_parts(c: &Ctx, spread: impl Fn(MeterId) -> Spread) -> Vec<CostPart> {
    let st = c.game.state();
    exact_meters(c)
        .map(|m| CostPart {
            meter: m,
            delta: i32::from(spread(m).median - st.meter(m)),
        })
        .filter(|p| p.delta != 0)
        .collect()
}

/// The advisor's median change of each shown meter over the month, as cost parts.
pub fn forecast_parts(c: &Ctx, f: &Forecast) -> Vec<CostPart> {
    let mut parts = median_parts(c, |m| f.meter(m));
    // The gauges first: when the row is short of room, the figures give way.
    parts.sort_by_key(|p| (c.w.display(p.meter) != Display::Gauge, p.meter));
    parts
}

/// The meters that move most within one outcome, biggest change first (the
/// gauges before the figures at equal size).
fn branch_parts(c: &Ctx, b: &Branch) -> Vec<CostPart> {
    if b.samples == 0 {
        return Vec::new();
    }
    let mut parts = median_parts(c, |m| b.meter(m));
    parts.sort_by_key(|p| {
        (
            std::cmp::Reverse(p.delta.abs()),
            c.w.display(p.meter) != Display::Gauge,
            p.meter,
        )
    });
    parts
}

/// A share as a whole percentage.
pub fn pct(x: f64) -> u32 {
    (x * 100.0).round() as u32
}

/// Whole percentages of `counts` out of `total` by largest remainder: each
/// share rounded down, then the points still missing from 100 given to the
/// largest remainders (the earlier share among equals). The samples outside
/// `counts` (`total` minus their sum) take part as one share never shown, so
/// the percentages of a whole distribution sum to exactly 100, never to 101 or
/// 99 as shares rounded one by one can ("Cold peace 51%, Détente 50%").
pub fn shares_percent(counts: &[u32], total: u32) -> Vec<u32> {
    let total = u64::from(total.max(1));
    let rest = total.saturating_sub(counts.iter().map(|n| u64::from(*n)).sum());
    let all: Vec<u64> = counts.iter().map(|n| u64::from(*n)).chain([rest]).collect();
    let mut out: Vec<u64> = all.iter().map(|n| n * 100 / total).collect();
    let missing = 100u64.saturating_sub(out.iter().sum());
    let mut by_remainder: Vec<usize> = (0..all.len()).collect();
    // Stable: among equal remainders the earlier share comes first.
    by_remainder.sort_by_key(|i| std::cmp::Reverse(all[*i] * 100 % total));
    for i in by_remainder.into_iter().take(missing as usize) {
        out[i] += 1;
    }
    out.truncate(counts.len());
    out.into_iter().map(|p| p as u32).collect()
}

/// The chance a forecast move works, in percent: `rules::odds`, the one chance
/// the rules draw against (the list, the details and the forecast all show it),
/// never the share of samples that happened to work, which wanders around it.
/// `None` for a choice that cannot fail.
fn works_percent(c: &Ctx, f: &Forecast) -> Option<u32> {
    match f.choice {
        Choice::Move { mv } => c.w.odds(c.game.state(), mv),
        Choice::Answer { .. } | Choice::Orders { .. } => None,
    }
}

/// The odds at a row's end: " · ✗64% R4%" (the failure only when the row does
/// not already give it; marked ✗ as the legend says, not a letter it never names).
fn odds_spans(c: &Ctx, f: &Forecast, failure: bool) -> Vec<Span<'static>> {
    let mut out = vec![Span::styled(c.t.g.sep.to_string(), c.t.dim())];
    if let (true, Some(fail)) = (failure, f.failure) {
        out.push(Span::styled(
            format!("{}{}% ", c.t.g.fails, pct(fail)),
            c.t.bold(),
        ));
    }
    out.push(Span::styled(
        format!("R{}%", pct(f.retaliation)),
        c.t.bold(),
    ));
    out
}

/// How much of one outcome a row names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Say {
    /// Its biggest changes, by name: "Arms+27 Rel+4".
    Meters(usize),
    /// Only the size of its biggest change: "✗−2".
    Size,
    /// Nothing (the outcome is left out).
    Nothing,
}

/// One outcome in a row: its mark, then what `say` asks for.
fn branch_spans(c: &Ctx, mark: Span<'static>, b: &Branch, say: Say) -> Vec<Span<'static>> {
    let parts = branch_parts(c, b);
    let mut out = vec![mark];
    match say {
        Say::Nothing => return Vec::new(),
        Say::Meters(_) | Say::Size if parts.is_empty() => {
            out.push(Span::styled(format!(" {}", c.t.g.dash), c.t.dim()));
        }
        Say::Meters(n) => {
            out.push(Span::raw(" "));
            out.extend(cost_spans(c, &parts[..n.min(parts.len())]));
        }
        Say::Size => {
            let p = parts[0];
            out.push(Span::styled(
                c.t.signed(p.delta),
                c.t.delta(p.delta, c.w.higher_is_better(p.meter)),
            ));
        }
    }
    out
}

/// A move row's forecast in every form it can take, the fullest first, each
/// with where its odds begin (kept whole when a row must be cut). A move that
/// can fail shows both outcomes: "✓36% Arms+27 │ ✗ Home−2 · R4%", then
/// "✓36% Arms+27 │ ✗−2 · R4%", then "✓36% · R4%"; any other move, and one
/// whose two outcomes change the same meters alike (a move tired out of all
/// its effect), its median changes.
pub fn forecast_forms(c: &Ctx, f: &Forecast) -> Vec<(Vec<Span<'static>>, usize)> {
    let apart = |b: &Branches| branch_parts(c, &b.success) != branch_parts(c, &b.failure);
    let Some(b) = f.branches.filter(apart) else {
        let mut out = cost_spans(c, &forecast_parts(c, f));
        if out.is_empty() {
            out.push(Span::styled("little change", c.t.dim()));
        }
        let odds = out.len();
        out.extend(odds_spans(c, f, true));
        return vec![(out, odds)];
    };
    let odds = works_percent(c, f).unwrap_or_else(|| pct(b.success.share));
    let works = Span::styled(format!("{}{odds}%", c.t.g.works), c.t.bold());
    let fails = Span::styled(c.t.g.fails.to_string(), c.t.bold());
    let forms = [
        (Say::Meters(BRANCH_METERS), Say::Meters(BRANCH_METERS)),
        (Say::Meters(BRANCH_METERS), Say::Meters(1)),
        (Say::Meters(1), Say::Meters(1)),
        (Say::Meters(1), Say::Size),
        (Say::Meters(1), Say::Nothing),
        (Say::Nothing, Say::Nothing),
    ];
    let mut out: Vec<(Vec<Span<'static>>, usize)> = Vec::new();
    for (ok, bad) in forms {
        // An outcome no sample took has nothing to show ("✓100% Rel+4").
        let ok = if b.success.samples == 0 {
            Say::Nothing
        } else {
            ok
        };
        let bad = if b.failure.samples == 0 {
            Say::Nothing
        } else {
            bad
        };
        let mut spans = match ok {
            Say::Nothing => vec![works.clone()],
            _ => branch_spans(c, works.clone(), &b.success, ok),
        };
        let failed = branch_spans(c, fails.clone(), &b.failure, bad);
        if !failed.is_empty() {
            spans.push(Span::styled(c.t.g.branch_sep.to_string(), c.t.dim()));
            spans.extend(failed);
        }
        let odds = spans.len();
        spans.extend(odds_spans(c, f, false));
        // Forms that name no less than the one before are left out.
        if out.last().is_none_or(|(s, _)| width(s) > width(&spans)) {
            out.push((spans, odds));
        }
    }
    out
}

fn width(spans: &[Span]) -> usize {
    spans.iter().map(Span::width).sum()
}

/// "Relations 10→5 (2..7)": a meter's value now, its median after and its
/// range; when `short`, without the value now (the gauges give it):
/// "Relations 5 (2..7)". Words name a meter as the panels do, by the
/// scenario's name ("Washington's trust", never its short "USTrust"): the
/// short forms are for the move rows' figures only.
fn meter_words(c: &Ctx, m: MeterId, s: Spread, short: bool) -> String {
    let range = if s.p10 == s.p90 {
        String::new()
    } else {
        format!(" ({}..{})", s.p10, s.p90)
    };
    let name = &c.sc.meter_def(m).name;
    if short {
        return format!("{name} {}{range}", s.median);
    }
    let now = c.game.state().meter(m);
    format!("{name} {now}{}{}{range}", c.t.g.arrow, s.median)
}

/// One outcome in words: "if it works (36%): Arms-control progress 0→8 (5..10)",
/// `share` the outcome's chance by the rules.
fn branch_words(c: &Ctx, what: &str, b: &Branch, share: u32, short: bool) -> String {
    if b.samples == 0 {
        return format!("{what} ({share}%): never in the samples");
    }
    let parts: Vec<String> = branch_parts(c, b)
        .iter()
        .map(|p| meter_words(c, p.meter, b.meter(p.meter), short))
        .collect();
    let said = if parts.is_empty() {
        "little change".to_string()
    } else {
        parts.join(", ")
    };
    format!("{what} ({share}%): {said}")
}

/// Below this width the forecast in words is told short, to be read whole at 80
/// columns: no sample count, no value now, no meter that stays within 2 of it.
pub const SHORT_FORECAST_BELOW: u16 = 100;

/// The advisor's forecast in words: each shown meter's likely value and range
/// (for a move that can fail, each outcome's changes apart), then the odds.
pub fn forecast_sentence(c: &Ctx, f: &Forecast, width: u16) -> Vec<Span<'static>> {
    let short = width < SHORT_FORECAST_BELOW;
    let rival = match (c.secret, short) {
        (true, true) => ", vs the model".to_string(),
        (true, false) => format!(
            ", {} played by the model, not by your rival, whose move is secret",
            c.w.them()
        ),
        (false, _) => String::new(),
    };
    let head = if short {
        format!("Advisor, a month on{rival}: ")
    } else {
        format!("Advisor ({} plays of the rules{rival}): ", f.samples)
    };
    let mut out = vec![Span::styled(head, c.t.bold())];
    let meters = match f.branches {
        Some(b) => {
            let works = works_percent(c, f).unwrap_or_else(|| pct(b.success.share));
            format!(
                "{}; {}",
                branch_words(c, "if it works", &b.success, works, short),
                branch_words(c, "if it fails", &b.failure, 100 - works, short)
            )
        }
        None => {
            // A meter sure to stay where it is ("Arms 0→0") says nothing; told
            // short, nor does one whose whole range stays within 2 of now.
            let now = |m: MeterId| c.game.state().meter(m);
            let still = |m: MeterId| {
                let s = f.meter(m);
                let near = if short { 2 } else { 0 };
                s.median == now(m)
                    && (s.p10 - now(m)).abs() <= near
                    && (s.p90 - now(m)).abs() <= near
            };
            let moving: Vec<String> = exact_meters(c)
                .filter(|m| !still(*m))
                .map(|m| meter_words(c, m, f.meter(m), short))
                .collect();
            if moving.is_empty() {
                "little change".to_string()
            } else {
                moving.join(", ")
            }
        }
    };
    let mut odds = Vec::new();
    if f.branches.is_none()
        && let Some(fail) = f.failure
    {
        odds.push(format!("fails {}%", pct(fail)));
    }
    odds.push(format!("{} hits back {}%", c.w.them(), pct(f.retaliation)));
    odds.push(format!("ladder climbs {}%", pct(f.rung_up)));
    // A month that can end the game well (the last) names each ending its
    // samples reached, first, where the narrowest screen still shows it; any
    // other month, the odds of a bad end.
    let ends = f.endings(c.sc, c.side);
    let good_end = ends.iter().any(|(e, _)| c.sc.ending(*e).good);
    if good_end {
        // From the counts, rounded together: the last month's endings are a
        // whole distribution, and their percentages sum to 100.
        let counts: Vec<u32> = ends.iter().map(|(e, _)| f.ended[e.index()]).collect();
        let named: Vec<String> = ends
            .iter()
            .zip(shares_percent(&counts, f.samples))
            .map(|((e, _), p)| format!("{} {p}%", c.sc.ending(*e).title))
            .collect();
        out.insert(
            1,
            Span::styled(format!("ends {}; ", named.join(", ")), c.t.bold()),
        );
    } else if f.game_over > 0.0 {
        odds.push(format!("game lost {}%", pct(f.game_over)));
    }
    // A stage of the treaty the month may cost, its odds among the others' (a
    // signature can unravel, a text slip back, when a meter crosses its bound).
    if f.slipped > 0.0 {
        odds.insert(0, format!("treaty slips back {}%", pct(f.slipped)));
    }
    out.push(Span::raw(format!("{meters}; {}. ", odds.join(", "))));
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::game::forecast::forecast;
    use crate::game::rules::Choice;
    use crate::game::{Difficulty, Game, Scenario, Setup};
    use crate::ui::theme::Theme;

    fn talks() -> (Arc<Scenario>, Game, crate::game::scenario::MoveId) {
        let sc = Arc::new(Scenario::builtin());
        let side = sc.default_player;
        let game = Game::new(sc.clone(), 7, Setup::single(side, Difficulty::Normal));
        let mv = sc.move_id("arms_talks").unwrap();
        (sc, game, mv)
    }

    fn joined(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    /// A move that could fail but never did in the samples shows no failure
    /// outcome at all (not "✗ —"), and its words say so.
    #[test]
    fn an_outcome_no_sample_took_is_left_out() {
        let (sc, game, mv) = talks();
        let c = Ctx::new(&sc, &game, Theme::new(false, true), sc.default_player);
        let odds = c.w.odds(game.state(), mv).unwrap();
        let mut f = forecast(&sc, game.state(), Choice::Move { mv }, 200, 1);
        let b = f.branches.as_mut().expect("talks can fail");
        b.success.share = 1.0;
        b.failure = Branch::default();
        let forms = forecast_forms(&c, &f);
        for (spans, _) in &forms {
            let text = joined(spans);
            assert!(
                text.starts_with(&format!("✓{odds}%")) && !text.contains('✗'),
                "{text}"
            );
        }
        let words = joined(&forecast_sentence(&c, &f, 120));
        let fails = format!("if it fails ({}%): never in the samples", 100 - odds);
        assert!(words.contains(&fails), "{words}");
    }

    /// Two outcomes that change the same meters alike (a summit tired out of
    /// all its effect) are one: the row shows the median changes, not
    /// "✓40% Rel−1 │ ✗ Rel−1", and then the odds it fails marked ✗ as the
    /// legend says ("✗70% R7%"; it read "F70%", a letter the legend never named).
    #[test]
    fn two_outcomes_alike_show_as_one() {
        let (sc, game, mv) = talks();
        let c = Ctx::new(&sc, &game, Theme::new(false, true), sc.default_player);
        let mut f = forecast(&sc, game.state(), Choice::Move { mv }, 200, 1);
        let b = f.branches.as_mut().expect("talks can fail");
        b.failure.meters = b.success.meters;
        let fails = pct(f.failure.expect("talks can fail"));
        for (spans, _) in forecast_forms(&c, &f) {
            let text = joined(&spans);
            assert!(!text.contains('✓') && !text.contains('│'), "{text}");
            assert!(text.contains(&format!(" · ✗{fails}% R")), "{text}");
            assert!(!text.contains(" F"), "{text}");
        }
    }

    /// The row's ✓ and the forecast's words give the rules' one chance, not
    /// the share of samples that worked (which wanders around it: 48% beside 53%).
    #[test]
    fn the_row_and_the_words_give_the_rules_odds_not_the_sampled_share() {
        let (sc, game, mv) = talks();
        let c = Ctx::new(&sc, &game, Theme::new(false, true), sc.default_player);
        let odds = pct(crate::game::rules::odds(&sc, game.state(), c.side, mv));
        let mut f = forecast(&sc, game.state(), Choice::Move { mv }, 200, 1);
        let b = f.branches.as_mut().expect("talks can fail");
        // Samples far from the chance: what is shown must not follow them.
        b.success.share = 0.9;
        b.failure.share = 0.1;
        for (spans, _) in forecast_forms(&c, &f) {
            assert!(
                joined(&spans).starts_with(&format!("✓{odds}% ")),
                "{}",
                joined(&spans)
            );
        }
        for width in [80, 120] {
            let words = joined(&forecast_sentence(&c, &f, width));
            assert!(words.contains(&format!("if it works ({odds}%)")), "{words}");
            assert!(
                words.contains(&format!("if it fails ({}%)", 100 - odds)),
                "{words}"
            );
            assert!(!words.contains("(90%)"), "{words}");
        }
    }

    /// The game's state at `turn` with New START's successor signed, Moscow
    /// trusting enough that the signature holds, and relations at `relations`.
    fn signed(sc: &Scenario, game: &Game, turn: u8, relations: i16) -> crate::game::State {
        use crate::game::scenario::TreatyStatus;
        let (rel, trust) = (sc.meter("relations").unwrap(), sc.meter("trust").unwrap());
        let at = sc.treaty_id("new_start").unwrap().index();
        let mut st = *game.state();
        st.turn = turn;
        st.treaties[at] = TreatyStatus::SuccessorAgreed;
        st.meters[rel.index()] = relations;
        st.meters[trust.index()] = 60;
        st
    }

    /// In the month that can end the game, the words name the endings the
    /// samples reached, first, with the endings' own checks applied:
    /// relations well up on the months before give Détente; the same relations
    /// after higher months give Cold peace only.
    #[test]
    fn the_last_month_names_the_endings_first() {
        let (sc, game, _) = talks();
        let c = Ctx::new(&sc, &game, Theme::new(false, true), sc.default_player);
        let hold = sc.move_id("hold").unwrap();
        let rel = sc.meter("relations").unwrap();
        let mut st = signed(&sc, &game, sc.calendar.turns - 1, 70);
        let (detente, cold) = (
            sc.ending_id("detente").unwrap(),
            sc.ending_id("cold_peace").unwrap(),
        );
        for (before, reached) in [(40u8, detente), (90, cold)] {
            for slot in &mut st.trend {
                slot[rel.index()] = before;
            }
            let f = forecast(&sc, &st, Choice::Move { mv: hold }, 200, 1);
            let ends = f.endings(&sc, c.side);
            assert_eq!(ends, vec![(reached, 1.0)]);
            for width in [80, 120] {
                let words = joined(&forecast_sentence(&c, &f, width));
                let title = &sc.ending(reached).title;
                assert!(words.contains(&format!(": ends {title} 100%; ")), "{words}");
                assert!(!words.contains("game lost"), "{words}");
            }
        }
        // A month before the last ends in nothing good: no such words.
        let f = forecast(&sc, game.state(), Choice::Move { mv: hold }, 200, 1);
        assert!(
            f.endings(&sc, c.side)
                .iter()
                .all(|(e, _)| !sc.ending(*e).good)
        );
        assert!(!joined(&forecast_sentence(&c, &f, 120)).contains("ends "));
    }

    /// The last month's endings are one distribution: their percentages are
    /// rounded together and sum to 100 (a play-test read "ends Cold peace 51%,
    /// Détente 50%": 50.5% and 49.5% each rounded up).
    #[test]
    fn the_endings_odds_sum_to_100() {
        let (sc, game, _) = talks();
        let c = Ctx::new(&sc, &game, Theme::new(false, true), sc.default_player);
        let hold = sc.move_id("hold").unwrap();
        let st = signed(&sc, &game, sc.calendar.turns - 1, 70);
        let mut f = forecast(&sc, &st, Choice::Move { mv: hold }, 200, 1);
        assert_eq!(f.samples, 200);
        let (detente, cold) = (
            sc.ending_id("detente").unwrap(),
            sc.ending_id("cold_peace").unwrap(),
        );
        f.ended = Default::default();
        f.ended[cold.index()] = 101;
        f.ended[detente.index()] = 99;
        for width in [80, 120] {
            let words = joined(&forecast_sentence(&c, &f, width));
            let (cold, detente) = (&sc.ending(cold).title, &sc.ending(detente).title);
            assert!(
                words.contains(&format!(": ends {cold} 51%, {detente} 49%; ")),
                "{words}"
            );
        }
    }

    /// Largest remainder: the shares of a whole sum to 100 whatever their
    /// split; a share left unnamed takes part, so the named ones are never
    /// pushed up to cover it.
    #[test]
    fn shares_are_rounded_together() {
        assert_eq!(shares_percent(&[101, 99], 200), vec![51, 49]);
        assert_eq!(shares_percent(&[1, 1, 1], 3), vec![34, 33, 33]);
        assert_eq!(shares_percent(&[333, 333, 334], 1000), vec![33, 33, 34]);
        assert_eq!(shares_percent(&[1000], 1000), vec![100]);
        assert_eq!(shares_percent(&[], 0), Vec::<u32>::new());
        // 33.4% twice and 33.2% unnamed: 34 and 33 (the unnamed 33 not shown),
        // not 34 and 34 to make up for it.
        assert_eq!(shares_percent(&[334, 334], 1000), vec![34, 33]);
        for total in 1..60u32 {
            for a in 0..=total {
                let p = shares_percent(&[a, total - a], total);
                assert_eq!(p.iter().sum::<u32>(), 100, "{a} of {total}");
            }
        }
    }

    /// A signed treaty that the month's move would push below its bound shows
    /// the odds it unravels; well above it, none (a play-test lost a signature
    /// to its own sanctions with no word of it).
    #[test]
    fn the_odds_a_treaty_slips_back_are_told() {
        let (sc, game, _) = talks();
        let c = Ctx::new(&sc, &game, Theme::new(false, true), sc.default_player);
        let sanctions = sc.move_id("sanctions").unwrap();
        for (relations, slips) in [(31, true), (80, false)] {
            let st = signed(&sc, &game, 10, relations);
            let f = forecast(&sc, &st, Choice::Move { mv: sanctions }, 200, 1);
            let words = joined(&forecast_sentence(&c, &f, 120));
            assert_eq!(f.slipped > 0.5, slips, "{words}");
            assert_eq!(words.contains("treaty slips back"), slips, "{words}");
            if slips {
                assert!(
                    words.contains(&format!("treaty slips back {}%", pct(f.slipped))),
                    "{words}"
                );
            }
        }
    }
}
