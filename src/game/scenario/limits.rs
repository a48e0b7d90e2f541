//! Every limit a scenario file is checked against, in one place.
//!
//! The table sizes are fixed because the state keeps fixed-size arrays (a
//! `Copy` state that costs nothing to copy) or bit masks; the value ranges
//! keep a typo from turning into a game nobody can play. `check-scenario`
//! names the limit a file breaks.

// ---------------------------------------------------------------- table sizes

/// Most meters a scenario may define (the state keeps them in a fixed array).
pub const MAX_METERS: usize = 16;
/// Most treaties in a scenario's table (a fixed array in the state).
pub const MAX_TREATIES: usize = 8;
/// Most event cards (the state keeps a fired bit and a month for each).
pub const MAX_EVENTS: usize = 128;
/// Most named flags (the state keeps them as the bits of a `u64`).
pub const MAX_FLAGS: usize = 64;
/// Most moves, over both sides (the model and the policies keep fixed arrays of them).
pub const MAX_MOVES: usize = 64;
/// Most endings: more than any story needs, and an ending id is a `u8`.
pub const MAX_ENDINGS: usize = 32;
/// Fewest answers on a choice card (one answer is no choice).
pub const MIN_CHOICES: usize = 2;
/// Most answers on a choice card (what a card on an 80×24 screen can show).
pub const MAX_CHOICES: usize = 6;
/// How deep `any` conditions may nest (deeper is a mistake or a hostile file).
pub const MAX_COND_DEPTH: usize = 4;
/// Months of meter values the state remembers, so a `rising`/`falling`
/// condition looks back at most this far, a `trend` over two windows of at most
/// half of it (the state keeps a ring this long).
pub const TREND_MONTHS: usize = 6;

// ---------------------------------------------------------------- the file

/// Largest scenario text accepted, so a huge file fails fast with a message.
pub const MAX_SCENARIO_BYTES: usize = 4 * 1024 * 1024;
/// Longest id (of a side, meter, move, …): ids are keys, not prose.
pub const MAX_ID_LEN: usize = 40;

// ---------------------------------------------------------------- the calendar

/// Most months a game may span (a turn index is a `u8`; ten years is plenty).
pub const MAX_TURNS: u8 = 120;
/// Years a `YYYY-MM` month may name: wide enough for any history, narrow
/// enough to catch a mistyped year.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// Longest cooldown of a repeating event, in months.
pub const MAX_COOLDOWN: u8 = 120;

// ---------------------------------------------------------------- values

/// Every meter lies in 0..=`METER_MAX`, so a threshold or a start does too.
pub const METER_MAX: i16 = 100;
/// Largest change one effect may make to a meter, up or down (the whole gauge).
pub const MAX_CHANGE: i16 = 100;
/// Largest memory (grudge or goodwill) one entry may add, up or down.
pub const MAX_MEMORY: i16 = 50;
/// Fastest a memory may fade, per month.
pub const MAX_FADE: i16 = 50;
/// Most of a move's effect lost per recent use, in percent (`fatigue`).
pub const MAX_FATIGUE: u8 = 100;
/// Longest a use of a move is remembered for its fatigue, in months
/// (`fatigue_months`); a move's tiredness is a `u8` and saturates.
pub const MAX_FATIGUE_MONTHS: u8 = 24;
/// A scaled amount (`per`) adds at most this percent of a meter's value
/// per point, up or down: with meters in 0–100, at most a whole gauge.
pub const MAX_AMOUNT_PER: i16 = 100;
/// Largest stance of a move, hostile (−) or friendly (+).
pub const MAX_STANCE: i8 = 2;
/// A chance's base lies in ±`MAX_CHANCE_BASE` (it is clamped to its min/max
/// afterwards, so a base beyond 0..=1 is how a scenario says "nearly always").
pub const MAX_CHANCE_BASE: f64 = 10.0;
/// A chance changes by at most this much per point of a meter.
pub const MAX_CHANCE_PER: f64 = 1.0;
/// Largest weight of a move for the model, or of a card in the deck.
pub const MAX_WEIGHT: f64 = 1000.0;
/// A move's weight changes by at most this much per point of a meter.
pub const MAX_WEIGHT_PER: f64 = 100.0;
/// Largest score weight (or objective weight) on a meter, up or down.
pub const MAX_SCORE_WEIGHT: f64 = 1000.0;
/// Largest bonus (or malus) an ending adds to the score.
pub const MAX_BONUS: f64 = 10000.0;
/// The opponent's `misread_scale` lies in 1..=`MAX_MISREAD_SCALE`: at least 1,
/// so the chance to misread (`misread × (scale − trust)`, trust 0–1) never
/// turns negative; above 1 its parameter `misread` is a rate, not a chance.
pub const MAX_MISREAD_SCALE: f64 = 10.0;

/// Most hidden temperaments a side may be drawn with (the state keeps a belief
/// over each).
pub const MAX_TEMPERAMENTS: usize = 4;

/// Largest prior weight of a temperament.
pub const MAX_PRIOR: u32 = 1000;

/// Largest multiplier a temperament puts on a level's forgiveness, reciprocity
/// or misreading.
pub const MAX_MULTIPLIER: f64 = 5.0;

/// Most imagined futures per candidate move a looking-ahead level may ask for:
/// the advisor plays the model in each of its samples, so this bounds its work.
pub const MAX_FUTURES: u16 = 256;
