//! Meters: start values, how each side sees them, band labels, the ladder.

use super::super::limits::METER_MAX;
use super::super::raw::{self, S};
use super::super::{Display, LadderTop, Meter, SIDES};
use super::cx::Cx;

impl Cx<'_> {
    pub fn meters(&mut self, table: &[S<raw::Meter>]) -> Vec<Meter> {
        let mut meters = Vec::new();
        for (i, m) in table.iter().enumerate() {
            meters.push(self.meter_def(m.get_ref(), &format!("meters[{i}]")));
        }
        if meters.iter().filter(|m| m.ladder).count() > 1 {
            self.err(0..0, "meters", "at most one meter may be the ladder");
        }
        meters
    }

    fn meter_def(&mut self, m: &raw::Meter, field: &str) -> Meter {
        let start = self.int(&m.start, &format!("{field}.start"), 0, METER_MAX);
        let display_for = self.display(m.display.as_ref(), &format!("{field}.display"));
        let labels = self.labels(m, field);
        if m.ladder && labels.len() < 2 {
            self.err(
                m.id.span(),
                &format!("{field}.labels"),
                "a ladder needs at least two rungs",
            );
        }
        let top = self.ladder_top(m, field);
        Meter {
            id: m.id.get_ref().clone(),
            name: m.name.clone(),
            short: m
                .short
                .clone()
                .unwrap_or_else(|| m.name.chars().take(3).collect()),
            start,
            display: display_for[self.default_player.index()],
            display_for,
            labels,
            ladder: m.ladder,
            warn_at: m
                .warn_at
                .as_ref()
                .map(|v| self.int(v, &format!("{field}.warn_at"), 0, METER_MAX)),
            max_rise: m
                .max_rise
                .as_ref()
                .map(|v| self.int(v, &format!("{field}.max_rise"), 1, METER_MAX)),
            top,
            higher_is_better: m.higher_is_better,
            describe: m.describe.clone(),
        }
    }

    /// How each side sees a meter: a gauge unless the file says otherwise.
    fn display(&mut self, d: Option<&S<raw::DisplaySpec>>, field: &str) -> [Display; SIDES] {
        const WHAT: &str = "a way to show a meter";
        let Some(d) = d else {
            return [Display::Gauge; SIDES];
        };
        match d.get_ref() {
            raw::DisplaySpec::One(w) => {
                [self.word(w, d.span(), field, WHAT)
                    .unwrap_or(Display::Hidden); SIDES]
            }
            raw::DisplaySpec::PerSide(map) => {
                let mut out = [Display::Hidden; SIDES];
                for (side, how) in map {
                    let f = format!("{field}.{side}");
                    match self.names.side(side) {
                        Some(i) => {
                            out[i as usize] = self
                                .word(how, d.span(), &f, WHAT)
                                .unwrap_or(Display::Hidden);
                        }
                        None => self.err(d.span(), &f, format!("no side called `{side}`")),
                    }
                }
                out
            }
        }
    }

    /// Band labels: thresholds rising from 0, each within 0..=100.
    fn labels(&mut self, m: &raw::Meter, field: &str) -> Vec<(i16, String)> {
        let mut labels: Vec<(i16, String)> = Vec::new();
        for (j, l) in m.labels.iter().enumerate() {
            let (at, word) = l.get_ref();
            let Some(at) = i16::try_from(*at)
                .ok()
                .filter(|a| (0..=METER_MAX).contains(a))
            else {
                self.err(
                    l.span(),
                    &format!("{field}.labels[{j}]"),
                    format!("threshold {at} is out of range 0..={METER_MAX}"),
                );
                continue;
            };
            if labels.last().is_some_and(|(prev, _)| *prev >= at) {
                self.err(
                    l.span(),
                    &format!("{field}.labels[{j}]"),
                    "thresholds must rise",
                );
            } else {
                labels.push((at, word.clone()));
            }
        }
        if labels.first().is_some_and(|(at, _)| *at != 0) {
            self.err(
                m.labels[0].span(),
                &format!("{field}.labels[0]"),
                "the first threshold must be 0",
            );
        }
        labels
    }

    /// The ladder's words for its top: required on the ladder (the UI has no
    /// words of its own for a scenario's crisis), refused on any other meter.
    fn ladder_top(&mut self, m: &raw::Meter, field: &str) -> Option<LadderTop> {
        let words = [(&m.crisis, "crisis"), (&m.crisis_warning, "crisis_warning")];
        if !m.ladder {
            for (w, name) in words {
                if let Some(w) = w {
                    self.err(
                        w.span(),
                        &format!("{field}.{name}"),
                        "only the ladder meter (`ladder = true`) has crisis words",
                    );
                }
            }
            return None;
        }
        let given = |w: &Option<S<String>>| {
            w.as_ref()
                .map(|w| w.get_ref().trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let (crisis, warning) = (given(&m.crisis), given(&m.crisis_warning));
        if crisis.is_none() || warning.is_none() {
            let (at, name) = match (&m.crisis, &crisis) {
                (Some(w), None) => (w.span(), "crisis"),
                (None, None) => (m.id.span(), "crisis"),
                _ => (
                    m.crisis_warning.as_ref().map_or(m.id.span(), S::span),
                    "crisis_warning",
                ),
            };
            self.err(
                at,
                &format!("{field}.{name}"),
                "the ladder needs `crisis` (what its top means, e.g. \"nuclear crisis\") and `crisis_warning` (the sentence that warns of it)",
            );
        }
        Some(LadderTop {
            crisis: crisis.unwrap_or_default(),
            warning: warning.unwrap_or_default(),
        })
    }
}
