//! Whether a condition holds in a state: the one test every card, move, drift
//! rule and ending is gated by, on the hot path of every simulated month.

use super::scenario::{
    Cond, CondHead, CondSet, MeterId, MeterMasks, Quick, SetBits, TABLE_VALUES, Test,
};
use super::state::State;

/// Whether a condition holds.
#[inline(always)]
#[must_use]
pub fn holds(c: &Cond, st: &State) -> bool {
    // Decided here, without a call, for most conditions of a scenario.
    holds_from(&c.head, c, st)
}

/// Whether a condition holds, read from its head (`c.head`, or its copy in `Index::heads`) where
/// that is all there is to check, else from the condition: as `holds(c, st)`.
#[inline(always)]
#[must_use]
pub fn holds_from(h: &CondHead, c: &Cond, st: &State) -> bool {
    match h.quick {
        Quick::Always => true,
        Quick::Meter(m, lo, hi) => {
            let v = st.meter(m);
            lo <= v && v <= hi
        }
        Quick::Full if h.whole => holds_head(h, st),
        // Ruled out by its treaty first, without the call, when it tests one
        // at another status: the drift rules that walk a treaty stage back,
        // read every month, are most months (`holds_slow` reads it again).
        Quick::Full => st.treaty(h.treaty).bit() & h.statuses != 0 && holds_slow(c, st),
    }
}

/// Which conditions of a set hold, as its bits: as `holds` of each, for
/// the conditions of `among` (the others' bits say nothing), where
/// `full(i)` is `holds` of condition `i` (read only for the few the tables
/// cannot decide alone). One table lookup for each bounded meter and each
/// tested treaty, whatever the number of conditions.
#[inline]
#[must_use]
pub fn holding<B: SetBits>(
    set: &CondSet<B>,
    st: &State,
    among: B,
    full: impl Fn(usize) -> bool,
) -> B {
    let mut ok = set.all;
    for mm in &set.meters {
        let v = st.meter(mm.meter);
        ok &= match usize::try_from(v) {
            Ok(i) if i < TABLE_VALUES => mm.by_value[i],
            _ => off_table(mm, set.all, v),
        };
    }
    for (t, by_status) in &set.treaties {
        ok &= by_status[st.treaty(*t) as usize];
    }
    for g in &set.gated {
        let open = st.flags & g.flag_mask == g.flag_mask
            && st.flags & g.not_flag_mask == 0
            && g.turn_lo <= st.turn
            && st.turn <= g.turn_hi;
        if !open {
            ok &= !g.bit;
        }
    }
    for &(bit, need) in &set.any_flags {
        if st.flags & need == 0 {
            ok &= !bit;
        }
    }
    let mut rest = ok & set.full & among;
    while let Some(i) = rest.lowest() {
        let bit = B::bit(i);
        rest &= !bit;
        if !full(i) {
            ok &= !bit;
        }
    }
    ok
}

/// A meter's value off its table (never in play: meters stay in 0–100).
#[cold]
#[inline(never)]
fn off_table<B: SetBits>(mm: &MeterMasks<B>, all: B, v: i16) -> B {
    mm.at(all, v)
}

/// A condition's head: its flags, months, two meter ranges and a treaty,
/// all read (no jump but the call's).
#[inline(always)]
fn holds_head(h: &CondHead, st: &State) -> bool {
    let [a, b] = h.ranges;
    (st.flags & h.flag_mask == h.flag_mask)
        & (st.flags & h.not_flag_mask == 0)
        & (h.turn_lo <= st.turn)
        & (st.turn <= h.turn_hi)
        & (a.lo..=a.hi).contains(&st.meter(a.meter))
        & (b.lo..=b.hi).contains(&st.meter(b.meter))
        & (st.treaty(h.treaty).bit() & h.statuses != 0)
}

/// A condition with more to check than its head: its head first (flags,
/// months, two ranges and a treaty, at once), then all its tests, then its
/// alternatives.
fn holds_slow(c: &Cond, st: &State) -> bool {
    if !c.inline {
        return holds_listed(c, st);
    }
    holds_head(&c.head, st)
        && c.tests[..usize::from(c.n_tests)]
            .iter()
            .all(|t| passes(*t, st))
        && (c.any.is_empty() || holds_any(c, st))
}

/// Whether one of a condition's alternatives holds: out of line, so the
/// check above, which has no call but this, stays a leaf.
#[inline(never)]
fn holds_any(c: &Cond, st: &State) -> bool {
    c.any.iter().any(|a| holds(a, st))
}

/// One prepared test.
#[inline]
fn passes(t: Test, st: &State) -> bool {
    match t {
        Test::Pass => true,
        Test::Meter(m, lo, hi) => {
            let v = st.meter(m);
            lo <= v && v <= hi
        }
        Test::Treaty(t, ok) => st.treaty(t).bit() & ok != 0,
        Test::Rising(m, n) => st.meter(m) > st.meter_ago(m, n),
        Test::Falling(m, n) => st.meter(m) < st.meter_ago(m, n),
        Test::Trend(m, n) => trending(st, m, n),
    }
}

/// Whether the meter's last `n` month-ends (this month's value standing for
/// its end) average strictly higher than the `n` before them: a trend, which
/// a dip made on purpose just before the window cannot fake as a rise can.
#[inline]
fn trending(st: &State, m: MeterId, n: u8) -> bool {
    let (recent, before) = st.meter_windows(m, n);
    recent > before
}

/// A condition too long for its tests to fit inline, checked part by part.
/// Out of line (none in the built-in scenario): inlined, its loops cost the
/// check above registers saved and restored on every call.
#[cold]
#[inline(never)]
fn holds_listed(c: &Cond, st: &State) -> bool {
    st.flags & c.head.flag_mask == c.head.flag_mask
        && st.flags & c.head.not_flag_mask == 0
        && c.min.iter().all(|(m, v)| st.meter(*m) >= *v)
        && c.max.iter().all(|(m, v)| st.meter(*m) <= *v)
        && c.treaty_masks
            .iter()
            .all(|(t, ok)| st.treaty(*t).bit() & ok != 0)
        && c.from_turn.is_none_or(|t| st.turn >= t)
        && c.until_turn.is_none_or(|t| st.turn <= t)
        && c.rising
            .iter()
            .all(|(m, n)| st.meter(*m) > st.meter_ago(*m, *n))
        && c.falling
            .iter()
            .all(|(m, n)| st.meter(*m) < st.meter_ago(*m, *n))
        && c.trend.iter().all(|(m, n)| trending(st, *m, *n))
        && (c.any.is_empty() || c.any.iter().any(|a| holds(a, st)))
}
