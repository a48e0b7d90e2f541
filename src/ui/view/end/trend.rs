//! The end screen's word on a trend an ending checked ("Relations higher than
//! 3 months before"): the two values the rules compared, and whether it held.

use ratatui::text::{Line, Span};

use crate::game::rules;
use crate::game::scenario::{Calendar, Cond, EndingCheck, MeterId, SideId};
use crate::game::{Phase, Scenario, State};
use crate::ui::effects::months_before;
use crate::ui::text;
use crate::ui::theme::Theme;

/// What a trend asks of a meter (see the condition's `rising`, `falling` and
/// `trend`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Higher now than `months` before.
    Rising,
    /// Lower now than `months` before.
    Falling,
    /// The last `months` month-ends higher on average than the ones before.
    Trend,
}

/// One trend a side's endings at the deadline ask for: the meter, how many
/// months back (a rise or fall may look back several counts at once, said on
/// one line), of what kind, and the titles of the endings that need it.
struct Wanted {
    meter: MeterId,
    months: Vec<u8>,
    kind: Kind,
    endings: Vec<String>,
}

/// The trends `side`'s deadline endings check (in their `when`, not in an
/// alternative), in scenario order, each once.
fn wanted(sc: &Scenario, side: SideId) -> Vec<Wanted> {
    let mut out: Vec<Wanted> = Vec::new();
    let endings = sc
        .endings
        .iter()
        .filter(|e| e.side == side && e.check == EndingCheck::Deadline);
    for e in endings {
        // A meter's counts together (a trend has one count a meter).
        let of = |list: &[(MeterId, u8)], kind: Kind| {
            Cond::by_meter(list)
                .into_iter()
                .map(move |(m, ns)| (m, ns, kind))
        };
        let trends = [
            of(&e.when.rising, Kind::Rising),
            of(&e.when.falling, Kind::Falling),
            of(&e.when.trend, Kind::Trend),
        ];
        for (meter, months, kind) in trends.into_iter().flatten() {
            let same = |w: &&mut Wanted| (w.meter, &w.months, w.kind) == (meter, &months, kind);
            match out.iter_mut().find(same) {
                Some(w) => w.endings.push(e.title.clone()),
                None => out.push(Wanted {
                    meter,
                    months,
                    kind,
                    endings: vec![e.title.clone()],
                }),
            }
        }
    }
    out
}

/// Whether the trend held at `months`, asked of the rules as the ending asked it.
fn held(w: &Wanted, months: u8, st: &State) -> bool {
    let one = vec![(w.meter, months)];
    part_holds(st, |c| match w.kind {
        Kind::Rising => c.rising = one,
        Kind::Falling => c.falling = one,
        Kind::Trend => c.trend = one,
    })
}

/// Whether one part of an ending's condition, set by `part` on an empty
/// condition, holds: asked of the rules, never worked out here.
fn part_holds(st: &State, part: impl FnOnce(&mut Cond)) -> bool {
    let mut c = Cond::default();
    part(&mut c);
    c.prepare();
    rules::holds(&c, st)
}

/// The values a trend compares, as the player reads them: "Relations 52,
/// 3 months before 48, 6 months before 45" or "Relations averaged 51 over the
/// last 3 months, 47 over the 3 before" (means to a whole number, or a tenth
/// when whole numbers would read alike; the rules compare exact sums); and
/// how now compares with each count's value.
fn compared(
    name: &str,
    w: &Wanted,
    cal: &Calendar,
    st: &State,
) -> (String, Vec<std::cmp::Ordering>) {
    if w.kind == Kind::Trend {
        let n = w.months[0];
        let (recent, before) = st.meter_windows(w.meter, n);
        // Whole numbers, unless two different sums would read alike ("39 …, 39
        // …: rising"): then to a tenth, which tells them apart.
        let exact = |sum: i32| f64::from(sum) / f64::from(n);
        let places =
            usize::from(recent != before && exact(recent).round() == exact(before).round());
        let mean = |sum: i32| format!("{:.*}", places, exact(sum));
        let months = |n: u8| match n {
            1 => "month".to_string(),
            n => format!("{n} months"),
        };
        let said = format!(
            "{name} averaged {} over the last {}, {} over the {} before",
            mean(recent),
            months(n),
            mean(before),
            months(n),
        );
        return (said, vec![recent.cmp(&before)]);
    }
    let now = st.meter(w.meter);
    let mut said = format!("{name} {now}");
    let mut order = Vec::new();
    for &n in &w.months {
        let before = st.meter_ago(w.meter, n);
        said.push_str(&format!(
            ", {} ({}) {before}",
            months_before(&[n], "and"),
            month_end(cal, st, n)
        ));
        order.push(now.cmp(&before));
    }
    (said, order)
}

/// Which figure a look-back of `n` months reads, as the player saw it: the
/// one the next month opened on, after its news and cards ("start of Dec
/// 2025", the point the month-by-month chart keeps), or "the start" before
/// the calendar began.
fn month_end(cal: &Calendar, st: &State, n: u8) -> String {
    match st.turn.checked_sub(n) {
        Some(turn) => format!("start of {}", cal.label(turn + 1)),
        None => "the start".to_string(),
    }
}

/// For a game that ended at the deadline, what kept it from each of the side's
/// deadline endings it did not reach, among their meter bounds and treaty
/// stages (their trends come after, with their values): "✗ Relations 32:
/// Détente needs 55 or more." or "✗ New START text drafted: Détente needs New
/// START successor agreed." A treaty reads as the end screen's list has it (one
/// left in force or suspended has expired by the deadline). A bound that held
/// is not said: these lines explain a miss.
pub fn missed(sc: &Scenario, st: &State, side: SideId, t: &Theme, tw: u16) -> Vec<Line<'static>> {
    let Phase::Over(reached) = st.phase else {
        return Vec::new();
    };
    if sc.ending(reached).check != EndingCheck::Deadline {
        return Vec::new();
    }
    let mut out = Vec::new();
    let others = (0..sc.endings.len())
        .map(|i| crate::game::scenario::EndingId(i as u8))
        .filter(|e| *e != reached)
        .map(|e| sc.ending(e))
        .filter(|e| e.side == side && e.check == EndingCheck::Deadline);
    for e in others {
        let mut said: Vec<(String, String)> = Vec::new();
        let meter = |m: &MeterId| format!("{} {}", sc.meter_def(*m).name, st.meter(*m));
        for &(m, lo) in &e.when.min {
            if !part_holds(st, |c| c.min = vec![(m, lo)]) {
                said.push((meter(&m), format!("{lo} or more")));
            }
        }
        for &(m, hi) in &e.when.max {
            if !part_holds(st, |c| c.max = vec![(m, hi)]) {
                said.push((meter(&m), format!("{hi} or less")));
            }
        }
        for (k, ok) in &e.when.treaty {
            let now = super::revealed::status_at_end(sc, st, st.treaty(*k));
            if !part_holds(st, |c| c.treaty = vec![(*k, ok.clone())]) {
                let words: Vec<&str> = ok.iter().map(|s| s.words()).collect();
                let name = &sc.treaties[k.index()].name;
                said.push((
                    format!("{name} {}", now.words()),
                    format!("{name} {}", words.join(" or ")),
                ));
            }
        }
        for (what, want) in said {
            let line = Line::from(vec![
                Span::styled(format!("{} ", t.g.bad), t.bad()),
                Span::styled(format!("{what}: "), t.bold()),
                Span::raw(format!("{} needs {want}.", e.title)),
            ]);
            out.extend(text::wrap(line, tw, 2));
        }
    }
    out
}

/// For a game that ended at the deadline, each trend the side's endings
/// checked: "Relations 52, 3 months before 48: rising, as Détente needs." or
/// "Relations 50, 3 months before 53: falling — Détente needs it rising."
/// The values are the ones the rules compared (`State::meter_ago` and
/// `State::meter_windows`, the month-end record the ending reads), never
/// worked out again here.
pub fn lines(sc: &Scenario, st: &State, side: SideId, t: &Theme, tw: u16) -> Vec<Line<'static>> {
    let at_deadline =
        matches!(st.phase, Phase::Over(e) if sc.ending(e).check == EndingCheck::Deadline);
    if !at_deadline {
        return Vec::new();
    }
    let mut out = Vec::new();
    for w in wanted(sc, side) {
        let (said, orders) = compared(&sc.meter_def(w.meter).name, &w, &sc.calendar, st);
        let word = |o: &std::cmp::Ordering| match o {
            std::cmp::Ordering::Greater => "rising",
            std::cmp::Ordering::Less => "falling",
            std::cmp::Ordering::Equal => "level",
        };
        let want = if w.kind == Kind::Falling {
            "falling"
        } else {
            "rising"
        };
        let who = w.endings.join(" and ");
        let missed: Vec<u8> = w
            .months
            .iter()
            .copied()
            .filter(|n| !held(&w, *n, st))
            .collect();
        let ok = missed.is_empty();
        // One way for every count when they agree; else the counts it missed.
        let way = if orders.iter().all(|o| *o == orders[0]) {
            word(&orders[0]).to_string()
        } else {
            let than = if w.kind == Kind::Falling {
                "lower"
            } else {
                "higher"
            };
            format!("not {than} than {}", months_before(&missed, "or"))
        };
        let verdict = if ok {
            format!("{way}, as {who} needs.")
        } else {
            format!("{way} {} {who} needs it {want}.", t.g.dash)
        };
        let (mark, style) = if ok {
            (t.g.good, t.good())
        } else {
            (t.g.bad, t.bad())
        };
        let line = Line::from(vec![
            Span::styled(format!("{mark} "), style),
            Span::styled(format!("{said}: "), t.bold()),
            Span::raw(verdict),
        ]);
        out.extend(text::wrap(line, tw, 2));
    }
    out
}
