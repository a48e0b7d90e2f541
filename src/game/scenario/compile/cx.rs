//! The compiler's context and the checks every table shares: errors with
//! their line and field, ids, numbers in range, words from a list, months.

use std::ops::Range;

use super::super::limits::{MAX_ID_LEN, YEARS};
use super::super::raw::{self, S};
use super::super::{Calendar, MeterId, SideId};
use super::names::Names;
use super::{NO_CALENDAR, ScenarioError};

/// What the compiler knows as it goes: the text (for line numbers), the
/// problems found so far, and what earlier tables settled.
pub(super) struct Cx<'a> {
    file: &'a str,
    text: &'a str,
    pub errors: Vec<ScenarioError>,
    pub names: Names,
    /// False once the calendar itself is wrong: dates are then not checked against it.
    pub calendar_ok: bool,
    pub calendar: Calendar,
    /// The side a card concerns unless it says otherwise.
    pub default_player: SideId,
}

impl<'a> Cx<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Cx<'a> {
        Cx {
            file,
            text,
            errors: Vec::new(),
            names: Names::default(),
            calendar_ok: true,
            calendar: NO_CALENDAR,
            default_player: SideId(0),
        }
    }

    fn line_of(&self, span: &Range<usize>) -> usize {
        if span.start == 0 && span.end == 0 {
            return 0;
        }
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// Record a problem at `span` (0..0: no place in the file) in `field`.
    pub fn err(&mut self, span: Range<usize>, field: &str, message: impl Into<String>) {
        let line = self.line_of(&span);
        self.errors.push(ScenarioError {
            file: self.file.to_string(),
            line,
            field: field.to_string(),
            message: message.into(),
        });
    }

    /// An id as written, reported if it is not a short `snake_case` key.
    pub fn id(&mut self, id: &S<String>, field: &str) -> String {
        let s = id.get_ref();
        let ok = !s.is_empty()
            && s.len() <= MAX_ID_LEN
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            self.err(
                id.span(),
                field,
                format!(
                    "`{s}` is not a valid id (lowercase letters, digits and _ only, at most {MAX_ID_LEN})"
                ),
            );
        }
        s.clone()
    }

    /// An integer in `lo..=hi`, as the type the compiled scenario keeps it
    /// in; out of range is reported and clamped.
    pub fn int<T: Copy + Into<i64> + TryFrom<i64>>(
        &mut self,
        v: &S<i64>,
        field: &str,
        lo: T,
        hi: T,
    ) -> T {
        let (l, h) = (lo.into(), hi.into());
        let x = *v.get_ref();
        if !(l..=h).contains(&x) {
            self.err(v.span(), field, format!("{x} is out of range {l}..={h}"));
        }
        // Clamped into lo..=hi, which `T` holds, so the conversion cannot fail.
        T::try_from(x.clamp(l, h)).unwrap_or(lo)
    }

    /// A finite number in `lo..=hi`; out of range is reported and clamped.
    pub fn float(&mut self, v: &S<f64>, field: &str, lo: f64, hi: f64) -> f64 {
        let x = *v.get_ref();
        if !(x.is_finite() && (lo..=hi).contains(&x)) {
            self.err(v.span(), field, format!("{x} is out of range {lo}..={hi}"));
            return if x.is_finite() { x.clamp(lo, hi) } else { lo };
        }
        x
    }

    /// A word from a serde enum's list; `what` names the list in the message
    /// ("a treaty status").
    pub fn word<T: Copy>(
        &mut self,
        w: &raw::Word<T>,
        span: Range<usize>,
        field: &str,
        what: &str,
    ) -> Option<T> {
        match w {
            raw::Word::Known(t) => Some(*t),
            raw::Word::Unknown { word, expected } => {
                self.err(
                    span,
                    field,
                    format!("`{word}` is not {what} (one of: {})", expected.join(", ")),
                );
                None
            }
        }
    }

    /// "YYYY-MM" to (year, month).
    pub fn month(&mut self, v: &S<String>, field: &str) -> Option<(i32, u8)> {
        let s = v.get_ref();
        let parsed = s.split_once('-').and_then(|(y, m)| {
            let y: i32 = y.parse().ok()?;
            let m: u8 = m.parse().ok()?;
            (s.len() == 7 && (1..=12).contains(&m) && YEARS.contains(&y)).then_some((y, m))
        });
        if parsed.is_none() {
            self.err(
                v.span(),
                field,
                format!("`{s}` is not a month written YYYY-MM"),
            );
        }
        parsed
    }

    /// "YYYY-MM" to a turn index of the calendar.
    pub fn turn(&mut self, v: &S<String>, field: &str) -> Option<u8> {
        let (y, m) = self.month(v, field)?;
        let cal = self.calendar;
        let t = cal.turn_of(y, m);
        if t.is_none() && self.calendar_ok {
            self.err(
                v.span(),
                field,
                format!(
                    "{} is outside the calendar ({} to {})",
                    v.get_ref(),
                    cal.label(0),
                    cal.label(cal.turns - 1)
                ),
            );
        }
        t
    }

    /// A table of meter → value, each meter resolved and each value checked
    /// by `check` (which reports its own problems and may drop the entry).
    pub fn meter_values<T, U>(
        &mut self,
        map: &raw::MeterMap<T>,
        field: &str,
        mut check: impl FnMut(&mut Self, &S<T>, &str) -> Option<U>,
    ) -> Vec<(MeterId, U)> {
        let mut out = Vec::new();
        for (k, v) in map {
            let f = format!("{field}.{}", k.get_ref());
            if let (Some(m), Some(x)) = (self.meter(k, &f), check(self, v, &f)) {
                out.push((m, x));
            }
        }
        out
    }

    /// Report a table with more than `max` entries.
    pub fn limit(&mut self, span: Range<usize>, field: &str, n: usize, max: usize) {
        if n > max {
            self.err(
                span,
                field,
                format!("{n} entries; at most {max} are allowed"),
            );
        }
    }
}
