//! What moves, answers and endings do, in words: a move's usual cost
//! ("Rel−4 Ten+4"), the full ranges of an effect, the odds, and conditions.

use crate::game::scenario::{Amount, Cond, Effect, MeterId, MoveId};
use crate::game::{State, rules};

use super::words::Words;

/// One meter's part of a move's cost: "Rel−4".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostPart {
    pub meter: MeterId,
    pub delta: i32,
}

impl<'a> Words<'a> {
    /// The same words, telling effects as they would apply in `st`.
    #[must_use]
    pub fn at(mut self, st: &State) -> Words<'a> {
        self.now = Some(st.meters);
        self
    }

    /// A meter amount as it would be applied now (as written when the words
    /// have no state).
    #[must_use]
    pub fn amount(&self, a: &Amount) -> (i16, i16) {
        self.now.map_or((a.lo, a.hi), |m| a.at(&m))
    }

    /// Midpoint of a range, rounded toward zero: what a move usually does.
    fn typical(lo: i16, hi: i16) -> i32 {
        (i32::from(lo) + i32::from(hi)) / 2
    }

    /// The typical effect of an effect on the visible meters, in scenario order.
    #[must_use]
    pub fn parts(&self, e: &Effect) -> Vec<CostPart> {
        let mut out: Vec<CostPart> = Vec::new();
        let mut add = |meter: MeterId, delta: i32| {
            if delta == 0 || !self.visible(meter) {
                return;
            }
            match out.iter_mut().find(|p| p.meter == meter) {
                Some(p) => p.delta += delta,
                None => out.push(CostPart { meter, delta }),
            }
        };
        for (m, a) in &e.meters {
            let (lo, hi) = self.amount(a);
            add(*m, Self::typical(lo, hi));
        }
        for mem in &e.memory {
            if let Some(m) = self.sc.side(mem.holder).memory_meter {
                add(m, i32::from(mem.amount));
            }
        }
        out.retain(|p| p.delta != 0);
        out.sort_by_key(|p| p.meter);
        out
    }

    /// A move's certain cost on the visible meters.
    #[must_use]
    pub fn cost(&self, mv: MoveId) -> Vec<CostPart> {
        self.parts(&self.sc.mv(mv).effects)
    }

    /// "Rel−4 Ten+4 Ally+3".
    #[must_use]
    pub fn parts_text(&self, parts: &[CostPart]) -> String {
        parts
            .iter()
            .map(|p| {
                format!(
                    "{}{}",
                    self.sc.meter_def(p.meter).short,
                    self.theme.signed(p.delta)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every visible meter an effect touches, as ranges for a sentence, by the
    /// scenario's full names: "Relations +9..+14, Tension −8..−5" (the dense
    /// one-line rows keep the short names: `parts_text`).
    #[must_use]
    pub fn ranges(&self, e: &Effect) -> String {
        let t = &self.theme;
        let mut items: Vec<(MeterId, String)> = e
            .meters
            .iter()
            .map(|(m, a)| (m, self.amount(a)))
            .filter(|(m, (lo, hi))| self.visible(**m) && (*lo != 0 || *hi != 0))
            .map(|(m, (lo, hi))| {
                let r = if lo == hi {
                    t.signed(i32::from(lo))
                } else {
                    format!("{}..{}", t.signed(i32::from(lo)), t.signed(i32::from(hi)))
                };
                (*m, format!("{} {r}", self.sc.meter_def(*m).name))
            })
            .collect();
        for mem in &e.memory {
            if let Some(m) = self
                .sc
                .side(mem.holder)
                .memory_meter
                .filter(|m| self.visible(*m))
            {
                items.push((
                    m,
                    format!(
                        "{} {}",
                        self.sc.meter_def(m).name,
                        t.signed(i32::from(mem.amount))
                    ),
                ));
            }
        }
        items.sort_by_key(|(m, _)| *m);
        // Treaty changes first: they matter more than any meter.
        let mut out: Vec<String> = e
            .treaties
            .iter()
            .filter_map(|(tr, status)| {
                self.sc
                    .treaties
                    .get(tr.index())
                    .map(|d| format!("{} {}", d.name, status.words()))
            })
            .collect();
        out.extend(items.into_iter().map(|(_, s)| s));
        out.join(", ")
    }

    /// The odds a move works now, as a whole percentage; `None` when it cannot fail.
    #[must_use]
    pub fn odds(&self, st: &State, mv: MoveId) -> Option<u32> {
        rules::odds_percent(self.sc, st, mv)
    }

    /// How an ending is reached, in words: the scenario's own, else its condition's.
    #[must_use]
    pub fn reached(&self, e: &crate::game::scenario::Ending) -> String {
        e.reached.clone().unwrap_or_else(|| self.cond(&e.when))
    }

    /// A condition in words: "Relations at least 50 and New START successor agreed or extended".
    #[must_use]
    pub fn cond(&self, c: &Cond) -> String {
        let sc = self.sc;
        let mut parts: Vec<String> = Vec::new();
        for (m, v) in &c.min {
            parts.push(format!("{} at least {v}", sc.meter_def(*m).name));
        }
        for (m, v) in &c.max {
            parts.push(format!("{} at most {v}", sc.meter_def(*m).name));
        }
        for (t, ok) in &c.treaty {
            let ok: Vec<&str> = ok.iter().map(|s| s.words()).collect();
            parts.push(format!(
                "{} {}",
                sc.treaties[t.index()].name,
                ok.join(" or ")
            ));
        }
        // Several counts for one meter read as one: "3 and 6 months before".
        let ago = |ns: &[u8]| months_before(ns, "and");
        // A rise and a trend over the same months read as one: "Relations
        // higher than 3 months before, and on average in the last 3 months
        // than the 3 before".
        let over = |n: u8| match n {
            1 => "than the month before".to_string(),
            n => format!("on average in the last {n} months than the {n} before"),
        };
        for (m, ns) in Cond::by_meter(&c.rising) {
            let name = &sc.meter_def(m).name;
            let trend = ns.iter().find(|n| c.trend.contains(&(m, **n)));
            parts.push(match trend {
                Some(n) => format!("{name} higher than {}, and {}", ago(&ns), over(*n)),
                None => format!("{name} higher than {}", ago(&ns)),
            });
        }
        for (m, ns) in Cond::by_meter(&c.falling) {
            parts.push(format!("{} lower than {}", sc.meter_def(m).name, ago(&ns)));
        }
        for (m, n) in c.trend.iter().filter(|t| !c.rising.contains(t)) {
            parts.push(format!("{} higher {}", sc.meter_def(*m).name, over(*n)));
        }
        if let Some(t) = c.from_turn {
            parts.push(format!("from {}", sc.calendar.label(t)));
        }
        if let Some(t) = c.until_turn {
            parts.push(format!("until {}", sc.calendar.label(t)));
        }
        if !c.any.is_empty() {
            let any: Vec<String> = c.any.iter().map(|a| self.cond(a)).collect();
            parts.push(if any.len() == 1 {
                any[0].clone()
            } else {
                format!("either {}", any.join(", or "))
            });
        }
        parts.join(" and ")
    }
}

/// Items in words joined by `conj`: "3", "3 or 6", "1, 3 or 6".
fn listed(items: &[String], conj: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conj} {last}", init.join(", ")),
    }
}

/// Counts of months back in words, joined by `conj`: "a month before",
/// "3 months before", "3 and 6 months before" (the goal's words and the end
/// screen's trend lines).
pub(crate) fn months_before(ns: &[u8], conj: &str) -> String {
    match ns {
        [1] => "a month before".to_string(),
        ns => {
            let ns: Vec<String> = ns.iter().map(u8::to_string).collect();
            format!("{} months before", listed(&ns, conj))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::Scenario;
    use crate::ui::theme::Theme;

    fn words(sc: &Scenario) -> Words<'_> {
        Words::new(
            sc,
            Theme::new(false, true),
            crate::ui::words::Viewer::Side(sc.default_player),
        )
    }

    #[test]
    fn an_ending_is_told_in_the_scenarios_words_where_it_gives_them() {
        let sc = Scenario::builtin();
        let w = words(&sc);
        let ending = |id: &str| sc.endings.iter().find(|e| e.id == id).expect(id);
        // The split is claimed on a card: its condition alone does not say when.
        let split = ending("moscow_coalition_split");
        assert_eq!(w.cond(&split.when), "Allied unity at most 20");
        assert_eq!(
            w.reached(split),
            "claimed once Allied unity falls to 8 or below, while it stays at 20 or below"
        );
        let detente = ending("detente");
        assert_eq!(w.reached(detente), w.cond(&detente.when));
    }

    #[test]
    fn costs_are_typical_visible_effects() {
        let sc = Scenario::builtin();
        let w = words(&sc);
        let sanctions = sc.move_id("sanctions").unwrap();
        assert_eq!(
            w.parts_text(&w.cost(sanctions)),
            "Rel−4 Ten+3 Home+2 Ally+3 RuTrust−6 Sanction+13"
        );
        let hold = sc.move_id("hold").unwrap();
        assert_eq!(w.parts_text(&w.cost(hold)), "");
    }

    #[test]
    fn ranges_put_treaties_first_and_conditions_read() {
        let sc = Scenario::builtin();
        let w = words(&sc);
        let successor = sc.mv(sc.move_id("sign_successor").unwrap());
        assert!(
            w.ranges(&successor.success)
                .starts_with("New START successor agreed, Relations +")
        );
        let detente = sc.ending(sc.ending_id("detente").unwrap());
        let c = w.cond(&detente.when);
        assert!(
            c.starts_with("Relations at least ") && c.contains(" and New START "),
            "{c}"
        );
        // Two rises of one meter read as one, with the trend over the first.
        assert!(
            c.contains(
                "Relations higher than 3 and 6 months before, and on average in the last 3 months than the 3 before"
            ),
            "{c}"
        );
        assert_eq!(
            listed(&["1".into(), "3".into(), "6".into()], "and"),
            "1, 3 and 6"
        );
    }

    /// A scaled amount is told as the rules would apply it in the state the
    /// words are for; a trend condition and a tired move's repeat in words.
    #[test]
    fn a_scaled_amount_reads_as_it_would_apply_now() {
        use crate::game::report::Note;
        use crate::game::state::Setup;
        let text = include_str!("../../tests/scenarios/good/minimal.toml").replacen(
            "[[events]]",
            "[[moves]]\nid = \"relief\"\nside = \"blue\"\nname = \"Relief\"\nfatigue = 35\nrequires = { rising = { calm = 2 }, falling = { heat = 1 } }\neffects = { meters = { calm = { range = [2, 4], per = { heat = 15 } } } }\n\n[[events]]",
            1,
        );
        let sc = Scenario::from_toml("relief.toml", &text).unwrap_or_else(|e| panic!("{e}"));
        let relief = sc.move_id("relief").unwrap();
        let blue = sc.default_player;
        let mut st = State::new(&sc, Setup::single(blue, crate::game::Difficulty::Normal));
        st.meters[sc.meter("heat").unwrap().index()] = 60;
        let w = words(&sc);
        let effect = &sc.mv(relief).effects;
        assert_eq!(w.ranges(effect), "Calm +2..+4", "no state: as written");
        let now = w.at(&st);
        assert_eq!(now.ranges(effect), "Calm +11..+13", "heat 60 adds 9");
        assert_eq!(now.parts_text(&now.cost(relief)), "Cal+12");
        assert_eq!(
            w.cond(&sc.mv(relief).requires),
            "Calm higher than 2 months before and Heat lower than a month before"
        );
        let note = Note::Repeated {
            side: blue,
            mv: relief,
            percent: 35,
        };
        assert_eq!(
            w.note(note).as_deref(),
            Some("Your Relief, repeated: −35% of its effect.")
        );
    }

    /// After the successor is signed, the move that proposes it says it is done,
    /// not that it needs arms-control progress; before, it gives its conditions.
    #[test]
    fn a_move_whose_treaty_is_signed_says_it_is_done() {
        use crate::game::rules;
        use crate::game::scenario::TreatyStatus;
        use crate::ui::seats::Players;
        let sc = Scenario::builtin();
        let w = words(&sc);
        let mv = sc.move_id("sign_successor").unwrap();
        let new_start = sc
            .treaties
            .iter()
            .position(|t| t.name == "New START")
            .unwrap();
        let mut st = State::new(
            &sc,
            Players::One(sc.default_player).setup(crate::game::Difficulty::Normal),
        );
        assert!(
            !rules::is_legal(&sc, &st, mv),
            "no text is drafted at the start"
        );
        assert_eq!(
            w.why_not(&st, mv),
            "needs Relations 35 (now 10), New START text drafted · +1 met"
        );
        st.treaties[new_start] = TreatyStatus::SuccessorAgreed;
        assert!(!rules::is_legal(&sc, &st, mv));
        assert_eq!(w.why_not(&st, mv), "done: New START successor agreed");
    }
}
