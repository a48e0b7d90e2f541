//! Conditions: when a move is open, a card fires, an ending or drift applies.

use super::super::limits::{MAX_COND_DEPTH, METER_MAX, TREND_MONTHS};
use super::super::raw::{self, S};
use super::super::{Cond, MeterId, TreatyStatus};
use super::cx::Cx;

impl Cx<'_> {
    pub fn cond(&mut self, c: Option<&S<raw::Cond>>, field: &str) -> Cond {
        self.cond_at(c, field, 0)
    }

    fn cond_at(&mut self, c: Option<&S<raw::Cond>>, field: &str, depth: usize) -> Cond {
        let Some(c) = c else { return Cond::default() };
        let c = c.get_ref();
        let range = |cx: &mut Self, v: &S<i64>, f: &str| Some(cx.int(v, f, 0, METER_MAX));
        let min = self.meter_values(&c.min, &format!("{field}.min"), range);
        let max = self.meter_values(&c.max, &format!("{field}.max"), range);
        let mut treaty = Vec::new();
        for (k, v) in &c.treaty {
            let f = format!("{field}.treaty.{}", k.get_ref());
            let words: Vec<&raw::Word<TreatyStatus>> = match v.get_ref() {
                raw::OneOrMany::One(w) => vec![w],
                raw::OneOrMany::Many(ws) => ws.iter().collect(),
            };
            let statuses: Vec<TreatyStatus> = words
                .into_iter()
                .filter_map(|w| self.word(w, v.span(), &f, "a treaty status"))
                .collect();
            if let Some(t) = self.treaty(k, &f) {
                treaty.push((t, statuses));
            }
        }
        let flags = c
            .flags
            .iter()
            .filter_map(|f| self.flag(f, &format!("{field}.flags")))
            .collect();
        let not_flags = c
            .not_flags
            .iter()
            .filter_map(|f| self.flag(f, &format!("{field}.not_flags")))
            .collect();
        let from_turn = c
            .from
            .as_ref()
            .and_then(|m| self.turn(m, &format!("{field}.from")));
        let until_turn = c
            .until
            .as_ref()
            .and_then(|m| self.turn(m, &format!("{field}.until")));
        let rising = self.months_back(&c.rising, &format!("{field}.rising"));
        let falling = self.months_back(&c.falling, &format!("{field}.falling"));
        // Two windows of `n` month-ends, the later ending now: 2n − 1 months back.
        let halves =
            |cx: &mut Self, v: &S<i64>, f: &str| Some(cx.int(v, f, 1, (TREND_MONTHS / 2) as u8));
        let trend = self.meter_values(&c.trend, &format!("{field}.trend"), halves);
        let any = self.any(&c.any, field, depth);
        let mut cond = Cond {
            min,
            max,
            treaty,
            flags,
            not_flags,
            from_turn,
            until_turn,
            rising,
            falling,
            trend,
            any,
            ..Cond::default()
        };
        cond.prepare();
        cond
    }

    /// A `rising` or `falling` table: each meter with one count of months or
    /// a list of them (1..=`TREND_MONTHS`), one test per count, in order.
    fn months_back(&mut self, map: &raw::MeterMap<raw::Months>, field: &str) -> Vec<(MeterId, u8)> {
        let counts = |cx: &mut Self, v: &S<raw::Months>, f: &str| {
            // A list's counts are reported at the list (untagged values keep no spans).
            let ns: Vec<S<i64>> = match v.get_ref() {
                raw::Months::One(n) => vec![S::new(v.span(), *n)],
                raw::Months::Many(ns) => ns.iter().map(|n| S::new(v.span(), *n)).collect(),
            };
            if ns.is_empty() {
                cx.err(
                    v.span(),
                    f,
                    "an empty list of months; give at least one".to_string(),
                );
            }
            let mut out: Vec<u8> = Vec::new();
            for n in &ns {
                let n = cx.int(n, f, 1, TREND_MONTHS as u8);
                if !out.contains(&n) {
                    out.push(n);
                }
            }
            Some(out)
        };
        self.meter_values(map, field, counts)
            .into_iter()
            .flat_map(|(m, ns)| ns.into_iter().map(move |n| (m, n)))
            .collect()
    }

    /// The `any` list: alternatives, of which at least one must hold.
    fn any(&mut self, subs: &[S<raw::Cond>], field: &str, depth: usize) -> Vec<Cond> {
        let mut any = Vec::new();
        for (i, sub) in subs.iter().enumerate() {
            if depth >= MAX_COND_DEPTH {
                self.err(
                    sub.span(),
                    &format!("{field}.any"),
                    format!("conditions nest at most {MAX_COND_DEPTH} deep"),
                );
                break;
            }
            any.push(self.cond_at(Some(sub), &format!("{field}.any[{i}]"), depth + 1));
        }
        any
    }
}
