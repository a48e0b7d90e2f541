//! The state of a game: small, fixed-size and `Copy`, so the simulator and the
//! advisor can copy it a million times a second without allocating.

use serde::{Deserialize, Serialize};

use super::scenario::{
    EndingId, EventId, FlagId, MAX_EVENTS, MAX_METERS, MAX_MOVES, MAX_TEMPERAMENTS, MAX_TREATIES,
    MeterId, MoveId, SIDES, Scenario, SideId, TREND_MONTHS, TreatyId, TreatyStatus,
};

/// How hard the opponent model plays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Easy,
    #[default]
    Normal,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Normal, Difficulty::Hard];

    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Normal => "normal",
            Difficulty::Hard => "hard",
        }
    }
}

/// Most entries a side's memory ledger holds.
pub const LEDGER_SIZE: usize = 12;

/// One named grudge (negative) or piece of goodwill (positive).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Memory {
    /// Where the label lives: the effect that created it.
    pub source: MemorySource,
    /// Index of the memory spec within that effect.
    pub index: u8,
    /// What is left of it.
    pub amount: i16,
    pub fade: i16,
}

/// Which piece of scenario data a memory came from (so its label can be found).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum MemorySource {
    #[default]
    Start,
    Move(MoveId, Outcome),
    Event(EventId),
    Choice(EventId, u8),
    Drift(u8),
}

/// Which part of a move an effect belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The part that applies whatever happens.
    #[default]
    Always,
    Success,
    Failure,
}

/// A side's memory of how the other treated it; the sum moves its memory meter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Ledger {
    pub entries: [Memory; LEDGER_SIZE],
    pub len: u8,
}

impl Ledger {
    pub fn iter(&self) -> impl Iterator<Item = &Memory> {
        self.entries[..self.len as usize].iter()
    }

    /// The sum of what is remembered.
    #[must_use]
    pub fn total(&self) -> i32 {
        self.iter().map(|m| i32::from(m.amount)).sum()
    }
}

/// What the game is waiting for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Phase {
    /// The month's moves.
    Orders,
    /// A choice card for a human player.
    Card(EventId),
    /// The game is over.
    Over(EndingId),
}

/// Who plays each side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Setup {
    /// `true` where a person chooses; `false` where the opponent model does.
    pub human: [bool; SIDES],
    pub difficulty: Difficulty,
}

impl Setup {
    /// One person playing `side` against the model.
    #[must_use]
    pub fn single(side: SideId, difficulty: Difficulty) -> Setup {
        let mut human = [false; SIDES];
        human[side.index()] = true;
        Setup { human, difficulty }
    }

    /// The first side a person plays.
    #[must_use]
    pub fn player(&self) -> SideId {
        SideId::ALL
            .into_iter()
            .find(|s| self.human[s.index()])
            .unwrap_or(SideId::ALL[0])
    }
}

/// A fixed-size bit set over event ids.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EventSet(pub [u64; MAX_EVENTS / 64]);

impl EventSet {
    #[must_use]
    pub fn contains(&self, e: EventId) -> bool {
        self.0[e.index() / 64] & (1 << (e.index() % 64)) != 0
    }
    pub fn insert(&mut self, e: EventId) {
        self.0[e.index() / 64] |= 1 << (e.index() % 64);
    }
    pub fn remove(&mut self, e: EventId) {
        self.0[e.index() / 64] &= !(1 << (e.index() % 64));
    }
    #[must_use]
    pub fn first(&self) -> Option<EventId> {
        self.0
            .iter()
            .enumerate()
            .find(|(_, w)| **w != 0)
            .map(|(i, w)| EventId((i * 64) as u8 + w.trailing_zeros() as u8))
    }
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
}

/// The whole state of a game between two turns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct State {
    /// 0-based month index into the calendar.
    pub turn: u8,
    pub phase: Phase,
    pub setup: Setup,
    pub meters: [i16; MAX_METERS],
    pub treaties: [TreatyStatus; MAX_TREATIES],
    pub flags: u64,
    /// Cards that have fired at least once.
    pub fired: EventSet,
    /// Turn each card last fired (for cooldowns).
    #[serde(with = "serde_big_array")]
    pub last_fired: [u8; MAX_EVENTS],
    /// Choice cards waiting for a person's answer.
    pub pending: EventSet,
    /// Each side's memory of the other.
    pub ledgers: [Ledger; SIDES],
    /// The moves each side made last month.
    pub last_moves: [Option<MoveId>; SIDES],
    /// The highest rung of the ladder reached.
    pub peak_rung: u8,
    /// Each side's hidden temperament (index into its scenario list), drawn at
    /// the start; the other side never reads it — only the end screen does.
    pub temperament: [u8; SIDES],
    /// What the other side has learnt of each side's temperament from its
    /// answers: weights over its temperaments, summing to `BELIEF_SCALE`.
    pub belief: [[u32; MAX_TEMPERAMENTS]; SIDES],
    /// Each move's tiredness: raised by `fatigue_months` when it is made,
    /// falling by 1 a month; its effect shrinks while it is above 0.
    #[serde(default = "rested", with = "serde_big_array")]
    pub tired: [u8; MAX_MOVES],
    /// Every meter at the end of each of the last `TREND_MONTHS` months, a
    /// ring indexed by month modulo its length (months before the calendar
    /// hold the start values): what `rising`/`falling` compare against.
    #[serde(default)]
    pub trend: [[u8; MAX_METERS]; TREND_MONTHS],
}

/// What a side's belief weights sum to.
pub const BELIEF_SCALE: u32 = 1 << 20;

fn rested() -> [u8; MAX_MOVES] {
    [0; MAX_MOVES]
}

/// serde only derives arrays up to 32; the cooldown and tiredness tables are longer.
mod serde_big_array {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, const N: usize>(a: &[u8; N], s: S) -> Result<S::Ok, S::Error> {
        a.as_slice().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, const N: usize>(
        d: D,
    ) -> Result<[u8; N], D::Error> {
        let v: Vec<u8> = Vec::deserialize(d)?;
        v.try_into().map_err(|v: Vec<u8>| {
            serde::de::Error::invalid_length(v.len(), &format!("{N} entries").as_str())
        })
    }
}

/// A meter's value as the trend ring keeps it (meters lie in 0–100).
fn month_end(v: i16) -> u8 {
    v.clamp(0, 100) as u8
}

impl State {
    /// The state before the first month's news.
    #[must_use]
    pub fn new(sc: &Scenario, setup: Setup) -> State {
        let mut meters = [0; MAX_METERS];
        for (i, m) in sc.meters.iter().enumerate() {
            meters[i] = m.start;
        }
        let mut treaties = [TreatyStatus::InForce; MAX_TREATIES];
        for (i, t) in sc.treaties.iter().enumerate() {
            treaties[i] = t.status;
        }
        let peak_rung = sc
            .ladder()
            .map_or(0, |l| sc.meter_def(l).rung(meters[l.index()]) as u8);
        State {
            turn: 0,
            phase: Phase::Orders,
            setup,
            meters,
            treaties,
            flags: 0,
            fired: EventSet::default(),
            last_fired: [0; MAX_EVENTS],
            pending: EventSet::default(),
            ledgers: [Ledger::default(); SIDES],
            last_moves: [None; SIDES],
            peak_rung,
            temperament: [0; SIDES],
            belief: SideId::ALL.map(|s| super::belief::prior(sc, s)),
            tired: [0; MAX_MOVES],
            trend: [meters.map(month_end); TREND_MONTHS],
        }
    }

    /// A meter's value at the end of the month `n` months before this one
    /// (1 ≤ n ≤ `TREND_MONTHS`); before the calendar began, its start value.
    #[inline]
    #[must_use]
    pub fn meter_ago(&self, m: MeterId, n: u8) -> i16 {
        debug_assert!((1..=TREND_MONTHS).contains(&usize::from(n)));
        // The end of month `turn − n` sits in slot `(turn − n) mod TREND_MONTHS`;
        // the slot of a month before the calendar is still the start value,
        // as it is written only when month `turn − n + TREND_MONTHS` ≥ `turn` ends.
        let slot = (usize::from(self.turn) + TREND_MONTHS - usize::from(n)) % TREND_MONTHS;
        i16::from(self.trend[slot][m.index()])
    }

    /// The sums of the meter's last `n` month-ends (now standing for this
    /// month's end) and of the `n` before them (1 ≤ n ≤ `TREND_MONTHS` / 2):
    /// what a `trend` condition compares. Equal windows, so sums compare as means.
    #[must_use]
    pub fn meter_windows(&self, m: MeterId, n: u8) -> (i32, i32) {
        debug_assert!((1..=TREND_MONTHS / 2).contains(&usize::from(n)));
        let at = |k: u8| {
            i32::from(if k == 0 {
                self.meter(m)
            } else {
                self.meter_ago(m, k)
            })
        };
        let recent = (0..n).map(at).sum();
        let before = (n..2 * n).map(at).sum();
        (recent, before)
    }

    /// Keep the month that just ended as the next one opened it, after its
    /// news and the answers to its cards: the figures the player's screen
    /// showed and the end screen's chart keeps, so the ending's trend reads
    /// the numbers the player saw (a play-test could not find "end of Nov
    /// 2025: 42" anywhere, the December screen having opened on 43).
    pub fn open_month(&mut self) {
        if let Some(last) = usize::from(self.turn).checked_sub(1) {
            self.trend[last % TREND_MONTHS] = self.meters.map(month_end);
        }
    }

    /// Keep this month's closing meter values for later trends (called once
    /// a month, as it ends and before the next begins; `open_month` replaces
    /// them with the values the next month opens on, once its news is done).
    pub fn close_month(&mut self) {
        self.trend[usize::from(self.turn) % TREND_MONTHS] = self.meters.map(month_end);
        // A use of a move weighs on it one month less.
        for t in &mut self.tired {
            *t = t.saturating_sub(1);
        }
    }

    #[must_use]
    pub fn meter(&self, m: MeterId) -> i16 {
        self.meters[m.index()]
    }

    #[must_use]
    pub fn treaty(&self, t: TreatyId) -> TreatyStatus {
        self.treaties[t.index()]
    }

    #[must_use]
    pub fn flag(&self, f: FlagId) -> bool {
        self.flags & (1 << f.0) != 0
    }

    #[must_use]
    pub fn is_over(&self) -> bool {
        matches!(self.phase, Phase::Over(_))
    }

    #[must_use]
    pub fn ending(&self) -> Option<EndingId> {
        match self.phase {
            Phase::Over(e) => Some(e),
            _ => None,
        }
    }
}
