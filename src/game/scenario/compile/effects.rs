//! Effects: what a move, a card, an answer or drift does to the state.

use super::super::limits::{MAX_AMOUNT_PER, MAX_CHANGE, MAX_FADE, MAX_MEMORY};
use super::super::raw::{self, S};
use super::super::{Amount, Effect, MemorySpec, SideId};
use super::cx::Cx;

/// How much a memory fades each month when the scenario does not say.
const DEFAULT_FADE: i16 = 1;

impl Cx<'_> {
    /// `mover` is the side whose move or answer this is: its memories are
    /// held by the other side unless they name a holder. Cards and drift have
    /// no mover, so their memories must name one.
    pub fn effect(
        &mut self,
        e: Option<&S<raw::Effect>>,
        field: &str,
        mover: Option<SideId>,
    ) -> Effect {
        let Some(e) = e else { return Effect::default() };
        let e = e.get_ref();
        let meters = self.meter_values(&e.meters, &format!("{field}.meters"), Self::amount);
        let mut treaties = Vec::new();
        for (k, v) in &e.treaty {
            let f = format!("{field}.treaty.{}", k.get_ref());
            if let (Some(t), Some(s)) = (self.treaty(k, &f), self.status(v, &f)) {
                treaties.push((t, s));
            }
        }
        let set = e
            .set
            .iter()
            .filter_map(|f| self.flag(f, &format!("{field}.set")))
            .collect();
        let clear = e
            .clear
            .iter()
            .filter_map(|f| self.flag(f, &format!("{field}.clear")))
            .collect();
        let memory = e
            .memory
            .iter()
            .enumerate()
            .filter_map(|(i, m)| self.memory(m, &format!("{field}.memory[{i}]"), mover))
            .collect();
        Effect {
            meters,
            treaties,
            set,
            clear,
            memory,
        }
    }

    /// A change to a meter: a number or a `[low, high]` range within ±100,
    /// perhaps scaled by one meter's value (`per`, a percent within ±100).
    fn amount(&mut self, v: &S<raw::Amount>, f: &str) -> Option<Amount> {
        let raw::Amount { lo, hi, ref per } = *v.get_ref();
        if lo > hi {
            self.err(
                v.span(),
                f,
                format!("range [{lo}, {hi}] has low above high"),
            );
            return None;
        }
        let in_range = |x: i64| (-i64::from(MAX_CHANGE)..=i64::from(MAX_CHANGE)).contains(&x);
        if !in_range(lo) || !in_range(hi) {
            self.err(
                v.span(),
                f,
                format!("change [{lo}, {hi}] is out of range -{MAX_CHANGE}..={MAX_CHANGE}"),
            );
            return None;
        }
        let per = self.meter_values(per, &format!("{f}.per"), |cx, p, pf| {
            Some(cx.int(p, pf, -MAX_AMOUNT_PER, MAX_AMOUNT_PER))
        });
        if per.len() > 1 {
            self.err(
                v.span(),
                &format!("{f}.per"),
                "an amount is scaled by one meter at most",
            );
        }
        // In range, so the conversions hold.
        Some(Amount {
            lo: lo as i16,
            hi: hi as i16,
            per: per.first().copied(),
        })
    }

    fn memory(&mut self, m: &S<raw::Memory>, f: &str, mover: Option<SideId>) -> Option<MemorySpec> {
        let span = m.span();
        let m = m.get_ref();
        let holder = match (&m.holder, mover) {
            (Some(h), _) => self.side(h, &format!("{f}.holder")),
            (None, Some(mv)) => Some(mv.other()),
            (None, None) => {
                self.err(
                    span,
                    &format!("{f}.holder"),
                    "an event's memory entry must name its holder side",
                );
                None
            }
        };
        let amount = self.int(&m.amount, &format!("{f}.amount"), -MAX_MEMORY, MAX_MEMORY);
        let fade = match &m.fade {
            Some(v) => self.int(v, &format!("{f}.fade"), 0, MAX_FADE),
            None => DEFAULT_FADE,
        };
        if amount == 0 {
            self.err(
                m.amount.span(),
                &format!("{f}.amount"),
                "a memory of 0 is no memory",
            );
        }
        Some(MemorySpec {
            holder: holder?,
            label: m.label.clone(),
            amount,
            fade,
        })
    }
}
