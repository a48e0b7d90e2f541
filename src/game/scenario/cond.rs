//! Conditions on the state and chances that depend on it.

use super::{FlagId, MeterId, TreatyId, TreatyStatus};

/// Most tests a prepared condition keeps inline; one with more is checked
/// part by part from its lists (none in the built-in scenario).
pub const INLINE_TESTS: usize = 4;

/// One test of a prepared condition (see [`Cond::prepare`]): the lists
/// folded into a few small records, so a check reads no `Vec` but `any`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Test {
    /// Nothing to test (an unused slot).
    #[default]
    Pass,
    /// The meter lies within `lo..=hi`: its `min` and `max` entries together.
    Meter(MeterId, i16, i16),
    /// The treaty's status is one of the mask's bits.
    Treaty(TreatyId, u8),
    /// The meter is strictly higher now than `n` months before.
    Rising(MeterId, u8),
    /// The meter is strictly lower now than `n` months before.
    Falling(MeterId, u8),
    /// The meter's last `n` month-ends (now included) are higher on average
    /// than the `n` before them.
    Trend(MeterId, u8),
}

/// A meter's test (`Test::Meter`) as a plain record: the meter lies within `lo..=hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MeterRange {
    pub meter: MeterId,
    pub lo: i16,
    pub hi: i16,
}

impl MeterRange {
    /// A range every value lies in: an unused slot of a head.
    pub const EVERY: MeterRange = MeterRange {
        meter: MeterId(0),
        lo: i16::MIN,
        hi: i16::MAX,
    };
}

impl Default for MeterRange {
    /// An unused slot, which every value passes.
    fn default() -> MeterRange {
        MeterRange::EVERY
    }
}

/// Meter ranges a condition's head keeps (`CondHead::ranges`).
pub const HEAD_RANGES: usize = 2;

/// How a prepared condition is checked: most are one meter's range or
/// nothing at all, decided without a call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Quick {
    /// Nothing to check: it always holds. The default, as for the empty
    /// condition `Cond::default()` (which, like any condition, holds nothing
    /// else until prepared).
    #[default]
    Always,
    /// Only this meter's range (`min` and/or `max` of one meter).
    Meter(MeterId, i16, i16),
    /// Anything else: checked in full.
    Full,
}

/// A condition on the state; every listed part must hold.
///
/// Laid out for the check (`game::cond::holds`), which runs many times a
/// month on conditions spread over the whole scenario: the prepared parts it
/// reads of most conditions come first, in the first 64 bytes (one cache
/// line, as the condition starts on one), then its other tests and
/// alternatives, then the lists it never reads.
#[derive(Clone, Debug, Default)]
#[repr(C, align(64))]
pub struct Cond {
    /// What the check reads first (flags, months, meter ranges, the shortcut).
    pub head: CondHead,
    /// The meter, treaty and trend parts as tests, when they fit inline
    /// (`inline`); the first `n_tests` are used.
    pub n_tests: u8,
    pub inline: bool,
    /// Precomputed for speed (set by the compiler): is there anything to check?
    pub checks: bool,
    pub tests: [Test; INLINE_TESTS],
    /// If not empty, at least one of these must hold too.
    pub any: Vec<Cond>,
    pub min: Vec<(MeterId, i16)>,
    pub max: Vec<(MeterId, i16)>,
    pub treaty: Vec<(TreatyId, Vec<TreatyStatus>)>,
    pub flags: Vec<FlagId>,
    pub not_flags: Vec<FlagId>,
    /// Turn indices (0-based), inclusive.
    pub from_turn: Option<u8>,
    pub until_turn: Option<u8>,
    /// Meters strictly higher now than `n` months before (1 ≤ n ≤ `TREND_MONTHS`).
    pub rising: Vec<(MeterId, u8)>,
    /// Meters strictly lower now than `n` months before.
    pub falling: Vec<(MeterId, u8)>,
    /// Meters whose last `n` month-ends (now included) average strictly
    /// higher than the `n` before them (1 ≤ n ≤ `TREND_MONTHS` / 2).
    pub trend: Vec<(MeterId, u8)>,
    /// `treaty` as bit masks of allowed statuses.
    pub treaty_masks: Vec<(TreatyId, u8)>,
}

// What the check reads of most conditions (flags, months, meter ranges,
// how many tests) fits the condition's first cache line.
const _: () = assert!(std::mem::offset_of!(Cond, checks) < 64);

/// The part of a prepared condition its check reads first, at the start of
/// the condition and copied out of it so that a table of them
/// (`Index::heads`, a card's by its id) is small and read in order, not
/// spread over the scenario's cards. Most conditions are all head
/// (`whole`): flags, months, two meter ranges and one treaty's statuses,
/// checked at once without a loop or a jump.
#[derive(Clone, Copy, Debug)]
pub struct CondHead {
    /// `flags` and `not_flags` as bit masks.
    pub flag_mask: u64,
    pub not_flag_mask: u64,
    /// The shortcut for the commonest conditions (`Always` until prepared).
    pub quick: Quick,
    /// `from_turn` and `until_turn` as an inclusive range (0 and 255 when absent).
    pub turn_lo: u8,
    pub turn_hi: u8,
    /// The first two meter ranges among the tests, as plain records (an
    /// unused one is `MeterRange::EVERY`).
    pub ranges: [MeterRange; HEAD_RANGES],
    /// The first treaty among the tests and the statuses it allows, as bits
    /// (`TreatyStatus::bit`); every status when it tests none.
    pub treaty: TreatyId,
    pub statuses: u8,
    /// Whether the head is all there is to check (no more ranges or
    /// treaties, no trends, no alternatives); if not, the condition is read.
    pub whole: bool,
}

impl Default for CondHead {
    /// The head of an unprepared condition (`Quick::Always`: nothing read).
    fn default() -> CondHead {
        CondHead {
            flag_mask: 0,
            not_flag_mask: 0,
            quick: Quick::Always,
            turn_lo: 0,
            turn_hi: 0,
            ranges: [MeterRange::EVERY; HEAD_RANGES],
            treaty: TreatyId(0),
            statuses: u8::MAX,
            whole: false,
        }
    }
}

impl Cond {
    /// Fill the precomputed parts from the listed ones (here and in every `any`).
    pub fn prepare(&mut self) {
        for a in &mut self.any {
            a.prepare();
        }
        self.head.flag_mask = self.flags.iter().fold(0, |m, f| m | 1 << f.0);
        self.head.not_flag_mask = self.not_flags.iter().fold(0, |m, f| m | 1 << f.0);
        self.treaty_masks = self
            .treaty
            .iter()
            .map(|(t, ok)| (*t, ok.iter().fold(0u8, |m, s| m | s.bit())))
            .collect();
        self.head.turn_lo = self.from_turn.unwrap_or(0);
        self.head.turn_hi = self.until_turn.unwrap_or(u8::MAX);
        let tests = self.fold_tests();
        self.inline = tests.len() <= INLINE_TESTS;
        self.tests = [Test::Pass; INLINE_TESTS];
        self.n_tests = 0;
        self.head.ranges = [MeterRange::EVERY; HEAD_RANGES];
        (self.head.treaty, self.head.statuses) = (TreatyId(0), u8::MAX);
        // The tests the head keeps: ranges, then a treaty.
        let (mut ranges, mut treaties) = (0, 0);
        if self.inline {
            self.tests[..tests.len()].copy_from_slice(&tests);
            self.n_tests = tests.len() as u8;
            for t in &tests {
                match *t {
                    Test::Meter(meter, lo, hi) if ranges < HEAD_RANGES => {
                        self.head.ranges[ranges] = MeterRange { meter, lo, hi };
                        ranges += 1;
                    }
                    Test::Treaty(t, ok) if treaties == 0 => {
                        (self.head.treaty, self.head.statuses) = (t, ok);
                        treaties += 1;
                    }
                    _ => {}
                }
            }
        }
        self.checks = !self.is_empty();
        let only_meters = self.flags.is_empty()
            && self.not_flags.is_empty()
            && self.from_turn.is_none()
            && self.until_turn.is_none()
            && self.any.is_empty();
        self.head.quick = match (self.checks, only_meters, tests.as_slice()) {
            (false, _, _) => Quick::Always,
            (true, true, [Test::Meter(m, lo, hi)]) => Quick::Meter(*m, *lo, *hi),
            _ => Quick::Full,
        };
        self.head.whole = self.inline && ranges + treaties == tests.len() && self.any.is_empty();
    }

    /// The meter, treaty and trend parts as tests: each meter's `min` and
    /// `max` entries folded into one range (all must hold, so the range is
    /// their intersection), then the treaties, then the trends.
    fn fold_tests(&self) -> Vec<Test> {
        let mut tests: Vec<Test> = Vec::new();
        let bounds = self.min.iter().map(|(m, v)| (*m, *v, i16::MAX));
        let bounds = bounds.chain(self.max.iter().map(|(m, v)| (*m, i16::MIN, *v)));
        for (m, lo, hi) in bounds {
            let same = tests
                .iter_mut()
                .find(|t| matches!(t, Test::Meter(k, _, _) if *k == m));
            match same {
                Some(Test::Meter(_, l, h)) => {
                    *l = (*l).max(lo);
                    *h = (*h).min(hi);
                }
                _ => tests.push(Test::Meter(m, lo, hi)),
            }
        }
        tests.extend(
            self.treaty_masks
                .iter()
                .map(|(t, ok)| Test::Treaty(*t, *ok)),
        );
        tests.extend(self.rising.iter().map(|(m, n)| Test::Rising(*m, *n)));
        tests.extend(self.falling.iter().map(|(m, n)| Test::Falling(*m, *n)));
        tests.extend(self.trend.iter().map(|(m, n)| Test::Trend(*m, *n)));
        tests
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.min.is_empty()
            && self.max.is_empty()
            && self.treaty.is_empty()
            && self.flags.is_empty()
            && self.not_flags.is_empty()
            && self.from_turn.is_none()
            && self.until_turn.is_none()
            && !self.has_trend()
            && self.any.is_empty()
    }

    /// A `rising`, `falling` or `trend` list with each meter once and its
    /// counts of months in order (`rising = { relations = [3, 6] }` is two
    /// tests of one meter, told as one).
    #[must_use]
    pub fn by_meter(list: &[(MeterId, u8)]) -> Vec<(MeterId, Vec<u8>)> {
        let mut out: Vec<(MeterId, Vec<u8>)> = Vec::new();
        for &(m, n) in list {
            match out.iter_mut().find(|(k, _)| *k == m) {
                Some((_, ns)) => ns.push(n),
                None => out.push((m, vec![n])),
            }
        }
        out
    }

    /// Whether it looks back at past months (`rising`, `falling`, `trend`):
    /// a test no gate or bound alone decides.
    #[must_use]
    pub fn has_trend(&self) -> bool {
        !(self.rising.is_empty() && self.falling.is_empty() && self.trend.is_empty())
    }
}

/// A probability that depends on the state: `base + Σ per·meter`, clamped.
#[derive(Clone, Debug)]
pub struct Chance {
    pub base: f64,
    pub per: Vec<(MeterId, f64)>,
    pub min: f64,
    pub max: f64,
}

impl Chance {
    pub const CERTAIN: Chance = Chance {
        base: 1.0,
        per: Vec::new(),
        min: 0.0,
        max: 1.0,
    };

    #[must_use]
    pub fn is_certain(&self) -> bool {
        self.per.is_empty() && self.base.min(self.max) >= 1.0
    }
}
