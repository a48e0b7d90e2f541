//! The end screen's word on a trend an ending checked ("Relations higher than
//! 3 months before"): the two values the rules compared, and whether it held.

use ratatui::text::{Line, Span};

use crate::game::rules;
use crate::game::scenario::{Cond, EndingCheck, MeterId, SideId};
use crate::game::{Phase, Scenario, State};
use crate::ui::text;
use crate::ui::theme::Theme;

/// One trend a side's endings at the deadline ask for: the meter, how many
/// months back, rising (or falling), and the titles of the endings that need it.
struct Wanted {
    meter: MeterId,
    months: u8,
    rising: bool,
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
        let trends = e.when.rising.iter().map(|(m, n)| (*m, *n, true));
        let trends = trends.chain(e.when.falling.iter().map(|(m, n)| (*m, *n, false)));
        for (meter, months, rising) in trends {
            let same = |w: &&mut Wanted| (w.meter, w.months, w.rising) == (meter, months, rising);
            match out.iter_mut().find(same) {
                Some(w) => w.endings.push(e.title.clone()),
                None => out.push(Wanted {
                    meter,
                    months,
                    rising,
                    endings: vec![e.title.clone()],
                }),
            }
        }
    }
    out
}

/// Whether the trend held, asked of the rules as the ending asked it.
fn held(w: &Wanted, st: &State) -> bool {
    let mut c = Cond::default();
    if w.rising {
        c.rising = vec![(w.meter, w.months)];
    } else {
        c.falling = vec![(w.meter, w.months)];
    }
    c.prepare();
    rules::holds(&c, st)
}

/// For a game that ended at the deadline, each trend the side's endings
/// checked: "Relations 52, 3 months before 48: rising, as Détente needs." or
/// "Relations 50, 3 months before 53: falling — Détente needs it rising."
/// The values are the ones the rules compared (`State::meter_ago`, the
/// month-end record the ending reads), never worked out again here.
pub fn lines(sc: &Scenario, st: &State, side: SideId, t: &Theme, tw: u16) -> Vec<Line<'static>> {
    let at_deadline =
        matches!(st.phase, Phase::Over(e) if sc.ending(e).check == EndingCheck::Deadline);
    if !at_deadline {
        return Vec::new();
    }
    let mut out = Vec::new();
    for w in wanted(sc, side) {
        let name = &sc.meter_def(w.meter).name;
        let (now, before) = (st.meter(w.meter), st.meter_ago(w.meter, w.months));
        let ago = match w.months {
            1 => "a month before".to_string(),
            n => format!("{n} months before"),
        };
        let way = match now.cmp(&before) {
            std::cmp::Ordering::Greater => "rising",
            std::cmp::Ordering::Less => "falling",
            std::cmp::Ordering::Equal => "level",
        };
        let want = if w.rising { "rising" } else { "falling" };
        let who = w.endings.join(" and ");
        let ok = held(&w, st);
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
            Span::styled(format!("{name} {now}, {ago} {before}: "), t.bold()),
            Span::raw(verdict),
        ]);
        out.extend(text::wrap(line, tw, 2));
    }
    out
}
