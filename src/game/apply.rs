//! What an effect does to the state: meters moved (clamped, journaled),
//! treaties, flags, and the memories each side keeps and lets fade.

use rand::Rng;

use super::dice;
use super::report::{Cause, Journal, Note};
use super::scenario::{Amount, FlatEffect, MeterId, Scenario, SideId};
use super::state::{LEDGER_SIZE, Memory, MemorySource, State};

/// Move a meter, clamped to 0–100; the journal gets the real change.
pub(super) fn change<J: Journal>(st: &mut State, m: MeterId, delta: i16, cause: Cause, j: &mut J) {
    let old = st.meters[m.index()];
    let new = (old + delta).clamp(0, 100);
    if new != old {
        st.meters[m.index()] = new;
        j.change(m, new - old, cause);
    }
}

/// Apply an effect (one of `Index::effects`): its meter ranges drawn,
/// treaties, flags, then memories.
#[inline]
pub(super) fn apply<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    e: &FlatEffect,
    cause: Cause,
    source: MemorySource,
    rng: &mut R,
    j: &mut J,
) {
    apply_kept(sc, st, e, cause, source, 100, rng, j);
}

/// Apply an effect with only `keep` percent of its meter changes and
/// memories (a tired move's): each range scaled by its meter first, as the
/// state stood before the effect, then both ends cut, rounded toward zero.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
pub(super) fn apply_kept<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    e: &FlatEffect,
    cause: Cause,
    source: MemorySource,
    keep: u8,
    rng: &mut R,
    j: &mut J,
) {
    // Many effects are empty (a move's sure part, its failure) or nothing
    // but unscaled meter ranges (most of drift's): those cost a test and
    // their draws here rather than a call and the tests of the rest.
    if e.plain {
        for (m, a) in sc.index.effects.meters(e) {
            draw_change(st, *m, a.lo, a.hi, keep, cause, rng, j);
        }
    } else if !e.is_empty() {
        apply_parts(sc, st, e, cause, source, keep, rng, j);
    }
}

#[allow(clippy::too_many_arguments)]
fn apply_parts<R: Rng + ?Sized, J: Journal>(
    sc: &Scenario,
    st: &mut State,
    e: &FlatEffect,
    cause: Cause,
    source: MemorySource,
    keep: u8,
    rng: &mut R,
    j: &mut J,
) {
    let fx = &sc.index.effects;
    // Scaled amounts read the meters as they were before this effect, so
    // the order of its entries does not matter and a preview matches. Only
    // an effect with a scaled amount copies them: the copy reads meters just
    // written (a store-forwarding stall), and most effects scale nothing.
    if e.scaled {
        let before = st.meters;
        for (m, a) in fx.meters(e) {
            let (lo, hi) = a.at(&before);
            draw_change(st, *m, lo, hi, keep, cause, rng, j);
        }
    } else {
        for (m, a) in fx.meters(e) {
            draw_change(st, *m, a.lo, a.hi, keep, cause, rng, j);
        }
    }
    for &(t, status) in fx.treaties(e) {
        let from = st.treaties[t.index()];
        if from != status {
            st.treaties[t.index()] = status;
            j.note(Note::Treaty {
                treaty: t,
                from,
                to: status,
            });
        }
    }
    // Every flag set, then every flag cleared.
    st.flags = (st.flags | e.set) & !e.clear;
    for (i, mem) in fx.memory(e).iter().enumerate() {
        let amount = Amount::kept(mem.amount, keep);
        // A deed tired down to nothing leaves no memory.
        if amount != 0 {
            remember(sc, st, mem.holder, source, i as u8, amount, mem.fade, j);
        }
    }
}

/// One meter entry: a change drawn from `lo..=hi` (each end kept to `keep` percent).
#[allow(clippy::too_many_arguments)]
#[inline]
fn draw_change<R: Rng + ?Sized, J: Journal>(
    st: &mut State,
    m: MeterId,
    lo: i16,
    hi: i16,
    keep: u8,
    cause: Cause,
    rng: &mut R,
    j: &mut J,
) {
    let d = if keep == 100 {
        dice::range(rng, lo, hi)
    } else {
        dice::range(rng, Amount::kept(lo, keep), Amount::kept(hi, keep))
    };
    change(st, m, d, cause, j);
}

#[allow(clippy::too_many_arguments)]
fn remember<J: Journal>(
    sc: &Scenario,
    st: &mut State,
    holder: SideId,
    source: MemorySource,
    index: u8,
    amount: i16,
    fade: i16,
    j: &mut J,
) {
    // The meter moves first: the ledger keeps what the deed really moved, so
    // a grudge cut short by the floor cannot fade back into more trust than
    // it took away.
    let amount = match sc.side(holder).memory_meter {
        Some(m) => {
            let old = st.meter(m);
            change(
                st,
                m,
                amount,
                Cause::Remembered {
                    holder,
                    source,
                    index,
                },
                j,
            );
            st.meter(m) - old
        }
        None => amount,
    };
    if amount == 0 {
        return;
    }
    let ledger = &mut st.ledgers[holder.index()];
    let entry = Memory {
        source,
        index,
        amount,
        fade,
    };
    if let Some(same) = ledger.entries[..ledger.len as usize]
        .iter_mut()
        .find(|m| m.source == source && m.index == index)
    {
        // The same deed again deepens the memory rather than adding a line.
        same.amount = (same.amount + amount).clamp(-100, 100);
        same.fade = same.fade.max(fade);
    } else if (ledger.len as usize) < LEDGER_SIZE {
        ledger.entries[ledger.len as usize] = entry;
        ledger.len += 1;
    } else {
        // Full: the faintest memory gives way (its effect on trust stays, unfading).
        let faintest = (0..LEDGER_SIZE)
            .min_by_key(|i| ledger.entries[*i].amount.abs())
            .unwrap_or(0);
        ledger.entries[faintest] = entry;
    }
}

/// Each memory fades by its step; trust moves with it, and a spent memory leaves the ledger.
pub(super) fn fade_ledgers<J: Journal>(sc: &Scenario, st: &mut State, j: &mut J) {
    for holder in SideId::ALL {
        let h = holder.index();
        // An empty ledger costs one test.
        if st.ledgers[h].len == 0 {
            continue;
        }
        let meter = sc.side(holder).memory_meter;
        // The memory meter's value is kept here and stored once at the end
        // (nothing else in the loop reads it), so the loop works on the
        // ledger in place and reads nothing back through `st`; each step
        // still moves it as `change` would, clamped, journaled as it goes.
        let mut value = meter.map_or(0, |m| st.meters[m.index()]);
        let ledger = &mut st.ledgers[h];
        let mut i = 0;
        while i < ledger.len as usize {
            let m = ledger.entries[i];
            let step = m.fade.min(m.amount.abs()) * m.amount.signum();
            let left = m.amount - step;
            if step != 0 {
                ledger.entries[i].amount = left;
                if let Some(meter) = meter {
                    let new = (value - step).clamp(0, 100);
                    if new != value {
                        let cause = Cause::Fading {
                            holder,
                            source: m.source,
                            index: m.index,
                        };
                        j.change(meter, new - value, cause);
                        value = new;
                    }
                }
            }
            if left == 0 {
                ledger.entries.copy_within(i + 1..ledger.len as usize, i);
                ledger.len -= 1;
            } else {
                i += 1;
            }
        }
        if let Some(m) = meter {
            st.meters[m.index()] = value;
        }
    }
}
