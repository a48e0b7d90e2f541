//! The record's row of the balance report: the scenario's record played
//! (`--policy history`, greedy among the record's moves where its move is
//! unavailable) against the model, and measured against what happened — its
//! endings, whether the record's own move was open in the month it was made,
//! and how high the ladder climbed in the winter the record stayed calm.

use rayon::prelude::*;

use super::balance::win_of;
use super::checks::{self, pct};
use super::targets::{Check, Counts};
use super::{Plan, Policy, Progress, Tally, play_game};
use crate::game::report::{Cause, Journal, Note};
use crate::game::scenario::{EndingCheck, MAX_MOVES, MeterId, SideId};
use crate::game::{Difficulty, Scenario};

/// The record's target, as the issue writes it.
const RECORD_TARGET: &str = "Cold peace 40–80%, no crisis, no win; the record's Aug 2025 move open ≥ 50%; below the warning rung Nov 2024–Feb 2025 ≥ 80%";
/// The month the record's summit must be open in, and the winter the ladder
/// must stay below its warning rung through (the dates).
const RECORD_SUMMIT: (i32, u8) = (2025, 8);
const RECORD_CALM: [(i32, u8); 2] = [(2024, 11), (2025, 2)];

/// What `--policy history` came to over many games: the measures of the record's row.
#[derive(Clone, Default)]
struct RecordTotals {
    games: u64,
    endings: Vec<u64>,
    /// Games that reached the top of the ladder.
    crises: u64,
    /// Per turn: games in which the side played the record's own move (it was open).
    played: Vec<u64>,
    /// Games whose ladder stayed below its warning rung through the calm months.
    calm: u64,
    fallbacks: u64,
}

impl RecordTotals {
    fn merge(mut self, o: RecordTotals) -> RecordTotals {
        self.games += o.games;
        self.crises += o.crises;
        self.calm += o.calm;
        self.fallbacks += o.fallbacks;
        for (a, b) in self.endings.iter_mut().zip(&o.endings) {
            *a += b;
        }
        for (a, b) in self.played.iter_mut().zip(&o.played) {
            *a += b;
        }
        self
    }
}

/// Watches one game of the record: the month, the ladder's level and peak in
/// the calm months, and the months in which the record's own move was played.
struct RecordWatch<'a> {
    sc: &'a Scenario,
    side: SideId,
    ladder: Option<MeterId>,
    calm: std::ops::RangeInclusive<u8>,
    turn: u8,
    level: i16,
    calm_peak: i16,
    played: Vec<bool>,
}

impl Journal for RecordWatch<'_> {
    fn change(&mut self, meter: MeterId, delta: i16, _: Cause) {
        if Some(meter) == self.ladder {
            self.level += delta;
            if self.calm.contains(&self.turn) {
                self.calm_peak = self.calm_peak.max(self.level);
            }
        }
    }
    fn note(&mut self, note: Note) {
        match note {
            Note::Month { turn } => {
                self.turn = turn;
                if self.calm.contains(&turn) {
                    self.calm_peak = self.calm_peak.max(self.level);
                }
            }
            Note::Moved { side, mv, .. } if side == self.side => {
                let record = self.sc.record_move(side, self.turn).and_then(|h| h.mv);
                if record == Some(mv)
                    && let Some(p) = self.played.get_mut(self.turn as usize)
                {
                    *p = true;
                }
            }
            _ => {}
        }
    }
}

/// Play the record (`--policy history`, greedy among its moves where its move is closed)
/// `counts.expert` times against the model at normal, watching each game.
fn play_record(sc: &Scenario, plan: &Plan, progress: Option<&dyn Progress>) -> RecordTotals {
    let cal = &sc.calendar;
    let calm = cal
        .turn_of(RECORD_CALM[0].0, RECORD_CALM[0].1)
        .unwrap_or(u8::MAX)
        ..=cal.turn_of(RECORD_CALM[1].0, RECORD_CALM[1].1).unwrap_or(0);
    let ladder = sc.ladder();
    let empty = RecordTotals {
        endings: vec![0; sc.endings.len()],
        played: vec![0; cal.turns as usize],
        ..RecordTotals::default()
    };
    (0..plan.games)
        .into_par_iter()
        .map(|i| {
            let level = ladder.map_or(0, |l| sc.meter_def(l).start);
            let mut w = RecordWatch {
                sc,
                side: plan.side,
                ladder,
                calm: calm.clone(),
                turn: 0,
                level,
                calm_peak: level,
                played: vec![false; cal.turns as usize],
            };
            let mut tally = Tally::default();
            let o = play_game(sc, plan, i, &mut [0; MAX_MOVES], &mut w, &mut tally);
            if let Some(p) = progress {
                p.advance(1);
            }
            let warn = ladder
                .and_then(|l| sc.meter_def(l).warn_at)
                .unwrap_or(i16::MAX);
            let mut t = empty.clone();
            t.games = 1;
            t.endings[o.ending] = 1;
            t.crises = u64::from(ladder.is_some_and(|l| o.meters[l.index()] >= 100));
            t.calm = u64::from(w.calm_peak < warn);
            t.fallbacks = tally.fallbacks;
            for (n, p) in t.played.iter_mut().zip(&w.played) {
                *n = u64::from(*p);
            }
            t
        })
        .reduce(|| empty.clone(), RecordTotals::merge)
}

/// The other months whose record move was open in under nine games of ten:
/// where the world most often refuses the course the capital really took.
fn closed(sc: &Scenario, side: SideId, t: &RecordTotals, except: u8) -> String {
    let months: Vec<String> = (0..sc.calendar.turns)
        .filter(|m| *m != except)
        .filter_map(|m| {
            let mv = sc.record_move(side, m)?.mv?;
            let open = t.played[m as usize] as f64 / t.games.max(1) as f64;
            (open < 0.9)
                .then(|| format!("{} `{}` {}", sc.calendar.label(m), sc.mv(mv).id, pct(open)))
        })
        .collect();
    if months.is_empty() {
        String::new()
    } else {
        format!("; other months open less often: {}", months.join(", "))
    }
}

/// The record's row: where the world takes the course the capital really
/// took. Not applicable when the scenario has no record of `side`.
pub(super) fn checks(
    sc: &Scenario,
    side: SideId,
    counts: Counts,
    progress: Option<&dyn Progress>,
) -> Vec<Check> {
    let measure = "the record (`--policy history`)";
    let Ok(policy) = Policy::parse(sc, side, "history") else {
        let why = format!("n/a: no record of {}'s moves", sc.side(side).id);
        return vec![checks::not_applicable(measure, RECORD_TARGET, &why)];
    };
    let plan = Plan {
        games: counts.expert,
        seed: counts.seed,
        side,
        policy,
        opponent: None,
        difficulty: Difficulty::Normal,
    };
    if let Some(p) = progress {
        p.begin(&format!("{} history", sc.side(side).id), plan.games);
    }
    let t = play_record(sc, &plan, progress);
    if let Some(p) = progress {
        p.end();
    }
    let share = |n: u64| n as f64 / t.games.max(1) as f64;
    let win = win_of(sc, side);
    // The second-best good ending at the deadline: "Cold peace".
    let cold = (sc.endings.iter().enumerate())
        .filter(|(_, e)| {
            e.side == side && e.good && e.check == EndingCheck::Deadline && e.id != win
        })
        .max_by(|a, b| a.1.bonus.total_cmp(&b.1.bonus))
        .map(|(i, _)| i);
    let win = sc.endings.iter().position(|e| e.id == win);
    let rate = |e: Option<usize>| e.map_or(0.0, |e| share(t.endings[e]));
    let mut spread: Vec<String> = (sc.endings.iter().enumerate())
        .filter(|(i, _)| t.endings[*i] > 0)
        .map(|(i, e)| format!("{} {}", e.id, pct(share(t.endings[i]))))
        .collect();
    spread.push(format!("crisis {}", pct(share(t.crises))));
    spread.push(format!(
        "{:.1} fallbacks a game",
        t.fallbacks as f64 / t.games.max(1) as f64
    ));
    let cold_rate = rate(cold);
    let endings_met = (0.40..=0.80).contains(&cold_rate) && t.crises == 0 && rate(win) == 0.0;
    let mut out = vec![checks::check(
        &format!("{measure}: endings, {} games", t.games),
        "Cold peace 40–80%, no crisis, no win",
        spread.join(", "),
        endings_met,
    )];
    let cal = &sc.calendar;
    let summit = cal.turn_of(RECORD_SUMMIT.0, RECORD_SUMMIT.1);
    out.push(
        match summit.and_then(|m| sc.record_move(side, m).and_then(|h| h.mv).map(|mv| (m, mv))) {
            Some((m, mv)) => {
                let open = share(t.played[m as usize]);
                checks::check(
                    &format!("{measure}: its {} move open", cal.label(m)),
                    "≥ 50%",
                    format!(
                        "{} (`{}`){}",
                        pct(open),
                        sc.mv(mv).id,
                        closed(sc, side, &t, m)
                    ),
                    open >= 0.5,
                )
            }
            None => checks::not_applicable(
                measure,
                "its Aug 2025 move open ≥ 50%",
                "n/a: no move that month",
            ),
        },
    );
    let calm = share(t.calm);
    out.push(checks::check(
        &format!("{measure}: below the warning rung Nov 2024–Feb 2025"),
        "≥ 80%",
        pct(calm),
        calm >= 0.8,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::targets::Verdict;

    /// The minimal scenario with red's record: a move that needs a flag nobody
    /// sets in January, an open one in February.
    fn red_record() -> (Scenario, SideId) {
        let text = format!(
            "{}{}",
            include_str!("../../tests/scenarios/good/minimal.toml"),
            "\n[[history]]\nwhen = \"Jan\"\nwhat = \"x\"\nmonth = \"2030-01\"\nside = \"red\"\nmove = \"red_reply\"\n\n[[history]]\nwhen = \"Feb\"\nwhat = \"y\"\nmonth = \"2030-02\"\nside = \"red\"\nmove = \"red_hold\"\n"
        );
        let sc = Scenario::from_toml("m.toml", &text).unwrap();
        let red = sc.side_id("red").unwrap();
        (sc, red)
    }

    fn plan(sc: &Scenario, side: SideId, games: u64) -> Plan {
        Plan {
            games,
            seed: 3,
            side,
            policy: Policy::parse(sc, side, "history").unwrap(),
            opponent: None,
            difficulty: Difficulty::Normal,
        }
    }

    #[test]
    fn the_record_move_counts_as_open_only_in_months_it_was_played() {
        let (sc, red) = red_record();
        let t = play_record(&sc, &plan(&sc, red, 20), None);
        assert_eq!(t.games, 20);
        assert_eq!(t.played[0], 0, "January's reply was never open");
        assert_eq!(t.played[1], 20, "February's hold always was");
        assert!(t.fallbacks >= 20, "January fell back in every game");
    }

    /// The watch follows the ladder through the journal: its level at the end
    /// is the game's own.
    #[test]
    fn the_watch_keeps_the_ladder_level_of_the_game() {
        let sc = Scenario::builtin();
        let w = sc.side_id("washington").unwrap();
        let ladder = sc.ladder().unwrap();
        let p = plan(&sc, w, 8);
        for i in 0..p.games {
            let start = sc.meter_def(ladder).start;
            let mut watch = RecordWatch {
                sc: &sc,
                side: w,
                ladder: Some(ladder),
                calm: 2..=5,
                turn: 0,
                level: start,
                calm_peak: start,
                played: vec![false; sc.calendar.turns as usize],
            };
            let mut tally = Tally::default();
            let o = play_game(&sc, &p, i, &mut [0; MAX_MOVES], &mut watch, &mut tally);
            assert_eq!(watch.level, o.meters[ladder.index()], "game {i}");
            assert!(watch.calm_peak >= start.min(watch.level));
            assert!(
                watch.played.iter().any(|p| *p),
                "some record move was played"
            );
        }
    }

    #[test]
    fn the_row_is_measured_where_there_is_a_record_and_not_elsewhere() {
        let sc = Scenario::builtin();
        let counts = Counts {
            games: 10,
            expert: 30,
            seed: 1,
        };
        let w = sc.side_id("washington").unwrap();
        let rows = checks(&sc, w, counts, None);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|c| c.verdict != Verdict::NotApplicable));
        assert!(
            rows[0].figure.contains("fallbacks a game"),
            "{}",
            rows[0].figure
        );
        assert!(rows[1].figure.contains("(`summit`)"), "{}", rows[1].figure);
        // Moscow's record: the months the world refused it are named.
        let m = w.other();
        let rows = checks(&sc, m, counts, None);
        assert!(
            rows[1].figure.contains("other months open less often: "),
            "{}",
            rows[1].figure
        );
        let (minimal, red) = red_record();
        let blue = red.other();
        let rows = checks(&minimal, blue, counts, None);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].verdict, Verdict::NotApplicable);
    }
}
