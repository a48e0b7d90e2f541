//! Checking a scenario file and compiling it: names to indices, spans to lines.
//!
//! Every problem becomes a [`ScenarioError`] naming the file, the line and the
//! field; all problems found are reported together, never a panic.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use super::raw::{self, S};
use super::*;

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub file: String,
    /// 1-based; 0 when the problem has no place in the file.
    pub line: usize,
    /// The field, as a path: `moves[2].effects.meters.relations`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.field.is_empty()) {
            (0, true) => write!(f, "{}: {}", self.file, self.message),
            (0, false) => write!(f, "{}: {}: {}", self.file, self.field, self.message),
            (l, true) => write!(f, "{}:{}: {}", self.file, l, self.message),
            (l, false) => write!(f, "{}:{}: {}: {}", self.file, l, self.field, self.message),
        }
    }
}

/// Every problem found in one scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioErrors(pub Vec<ScenarioError>);

impl fmt::Display for ScenarioErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioErrors {}

/// How deep `any` conditions may nest.
const MAX_COND_DEPTH: usize = 4;

/// Largest scenario text accepted, so a huge file fails fast with a message.
pub const MAX_SCENARIO_BYTES: usize = 4 * 1024 * 1024;

impl Scenario {
    /// Parse, check and compile a scenario. `file` names it in messages.
    pub fn from_toml(file: &str, text: &str) -> Result<Scenario, ScenarioErrors> {
        let mut cx = Cx {
            file,
            text,
            errors: Vec::new(),
            names: Names::default(),
            calendar_ok: true,
        };
        if text.len() > MAX_SCENARIO_BYTES {
            cx.err(
                0..0,
                "",
                format!("file is larger than {} MiB", MAX_SCENARIO_BYTES >> 20),
            );
            return Err(ScenarioErrors(cx.errors));
        }
        let file_raw: raw::File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().trim().to_string();
                let field = field_of(&e);
                cx.err(span, &field, msg);
                return Err(ScenarioErrors(cx.errors));
            }
        };
        let mut sc = cx.scenario(file_raw);
        sc.fingerprint = super::fingerprint(text);
        sc.index = Index::build(&sc);
        if cx.errors.is_empty() {
            Ok(sc)
        } else {
            Err(ScenarioErrors(cx.errors))
        }
    }
}

/// The field a toml/serde error is about: the key path toml keeps, plus the
/// name of an unknown or missing field from the message.
fn field_of(e: &toml::de::Error) -> String {
    let mut bare = e.clone();
    // Without the input, toml's Display prints the key path as "in `a.b`".
    bare.set_input(None);
    let shown = bare.to_string();
    let path = shown
        .lines()
        .find_map(|l| l.strip_prefix("in `").and_then(|r| r.strip_suffix('`')))
        .unwrap_or("")
        .to_string();
    let msg = e.message();
    let named = (msg.starts_with("unknown field") || msg.starts_with("missing field"))
        .then(|| msg.split('`').nth(1))
        .flatten()
        .filter(|n| !n.is_empty() && n.len() <= 64);
    match (path.is_empty(), named) {
        (true, Some(n)) => n.to_string(),
        (false, Some(n)) if !path.ends_with(n) => format!("{path}.{n}"),
        _ => path,
    }
}

#[derive(Default)]
struct Names {
    sides: BTreeMap<String, u8>,
    meters: BTreeMap<String, u8>,
    treaties: BTreeMap<String, u8>,
    flags: BTreeMap<String, u8>,
    moves: BTreeMap<String, u8>,
}

struct Cx<'a> {
    file: &'a str,
    text: &'a str,
    errors: Vec<ScenarioError>,
    names: Names,
    /// False once the calendar itself is wrong: dates are then not checked against it.
    calendar_ok: bool,
}

fn placeholder_side() -> Side {
    Side {
        id: String::new(),
        name: String::new(),
        memory_meter: None,
        ai: [DEFAULT_AI; 3],
        score: Vec::new(),
        score_per_turn: 0.0,
        score_per_peak_rung: 0.0,
        objective: Vec::new(),
    }
}

const DEFAULT_AI: AiParams = AiParams {
    forgiveness: 0.3,
    reciprocity: 0.6,
    misread: 0.05,
    whim: 0.0,
    lookahead: false,
};

impl<'a> Cx<'a> {
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

    fn err(&mut self, span: Range<usize>, field: &str, message: impl Into<String>) {
        let line = self.line_of(&span);
        self.errors.push(ScenarioError {
            file: self.file.to_string(),
            line,
            field: field.to_string(),
            message: message.into(),
        });
    }

    fn id(&mut self, id: &S<String>, field: &str) -> String {
        let s = id.get_ref();
        let ok = !s.is_empty()
            && s.len() <= 40
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            self.err(
                id.span(),
                field,
                format!(
                    "`{s}` is not a valid id (lowercase letters, digits and _ only, at most 40)"
                ),
            );
        }
        s.clone()
    }

    fn int(&mut self, v: &S<i64>, field: &str, lo: i64, hi: i64) -> i64 {
        let x = *v.get_ref();
        if !(lo..=hi).contains(&x) {
            self.err(v.span(), field, format!("{x} is out of range {lo}..={hi}"));
            return x.clamp(lo, hi);
        }
        x
    }

    fn float(&mut self, v: &S<f64>, field: &str, lo: f64, hi: f64) -> f64 {
        let x = *v.get_ref();
        if !(x.is_finite() && (lo..=hi).contains(&x)) {
            self.err(v.span(), field, format!("{x} is out of range {lo}..={hi}"));
            return if x.is_finite() { x.clamp(lo, hi) } else { lo };
        }
        x
    }

    fn lookup(
        &mut self,
        kind: &str,
        map: fn(&Names) -> &BTreeMap<String, u8>,
        name: &S<String>,
        field: &str,
    ) -> Option<u8> {
        match map(&self.names).get(name.get_ref()) {
            Some(&i) => Some(i),
            None => {
                let known: Vec<&String> = map(&self.names).keys().collect();
                let list = known
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                self.err(
                    name.span(),
                    field,
                    format!("no {kind} called `{}` (known: {list})", name.get_ref()),
                );
                None
            }
        }
    }

    fn meter(&mut self, name: &S<String>, field: &str) -> Option<MeterId> {
        self.lookup("meter", |n| &n.meters, name, field)
            .map(MeterId)
    }
    fn side(&mut self, name: &S<String>, field: &str) -> Option<SideId> {
        self.lookup("side", |n| &n.sides, name, field).map(SideId)
    }
    fn treaty(&mut self, name: &S<String>, field: &str) -> Option<TreatyId> {
        self.lookup("treaty", |n| &n.treaties, name, field)
            .map(TreatyId)
    }
    fn flag(&mut self, name: &S<String>, field: &str) -> Option<FlagId> {
        self.lookup("flag", |n| &n.flags, name, field).map(FlagId)
    }
    fn move_ref(&mut self, name: &S<String>, field: &str) -> Option<MoveId> {
        self.lookup("move", |n| &n.moves, name, field).map(MoveId)
    }

    fn status(&mut self, s: &str, span: Range<usize>, field: &str) -> Option<TreatyStatus> {
        let found = TreatyStatus::ALL.iter().copied().find(|t| t.key() == s);
        if found.is_none() {
            let keys: Vec<&str> = TreatyStatus::ALL.iter().map(|t| t.key()).collect();
            self.err(
                span,
                field,
                format!("`{s}` is not a treaty status (one of: {})", keys.join(", ")),
            );
        }
        found
    }

    fn display(&mut self, s: &str, span: Range<usize>, field: &str) -> Display {
        match s {
            "gauge" => Display::Gauge,
            "figure" => Display::Figure,
            "hidden" => Display::Hidden,
            other => {
                self.err(
                    span,
                    field,
                    format!("`{other}` is not one of gauge, figure, hidden"),
                );
                Display::Hidden
            }
        }
    }

    /// "YYYY-MM" to (year, month).
    fn month(&mut self, v: &S<String>, field: &str) -> Option<(i32, u8)> {
        let s = v.get_ref();
        let parsed = s.split_once('-').and_then(|(y, m)| {
            let y: i32 = y.parse().ok()?;
            let m: u8 = m.parse().ok()?;
            (s.len() == 7 && (1..=12).contains(&m) && (1900..=2200).contains(&y)).then_some((y, m))
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

    fn turn(&mut self, cal: &Calendar, v: &S<String>, field: &str) -> Option<u8> {
        let (y, m) = self.month(v, field)?;
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

    fn meter_values<T, U>(
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

    fn effect(&mut self, e: Option<&S<raw::Effect>>, field: &str, mover: Option<SideId>) -> Effect {
        let Some(e) = e else { return Effect::default() };
        let e = e.get_ref();
        let meters = self.meter_values(&e.meters, &format!("{field}.meters"), |cx, v, f| {
            let raw::Amount(lo, hi) = *v.get_ref();
            if lo > hi {
                cx.err(
                    v.span(),
                    f,
                    format!("range [{lo}, {hi}] has low above high"),
                );
                return None;
            }
            if lo < -100 || hi > 100 {
                cx.err(
                    v.span(),
                    f,
                    format!("change [{lo}, {hi}] is out of range -100..=100"),
                );
                return None;
            }
            Some(raw::Amount(lo, hi))
        });
        let meters = meters
            .into_iter()
            .map(|(m, raw::Amount(lo, hi))| {
                (
                    m,
                    Amount {
                        lo: lo as i16,
                        hi: hi as i16,
                    },
                )
            })
            .collect();
        let mut treaties = Vec::new();
        for (k, v) in &e.treaty {
            let f = format!("{field}.treaty.{}", k.get_ref());
            if let (Some(t), Some(s)) = (self.treaty(k, &f), self.status(v.get_ref(), v.span(), &f))
            {
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
        let mut memory = Vec::new();
        for (i, m) in e.memory.iter().enumerate() {
            let f = format!("{field}.memory[{i}]");
            let span = m.span();
            let m = m.get_ref();
            let holder = match (&m.holder, mover) {
                (Some(h), _) => self.side(h, &format!("{f}.holder")),
                (None, Some(mv)) => Some(mv.other()),
                (None, None) => {
                    self.err(
                        span.clone(),
                        &format!("{f}.holder"),
                        "an event's memory entry must name its holder side",
                    );
                    None
                }
            };
            let amount = self.int(&m.amount, &format!("{f}.amount"), -50, 50);
            let fade = match &m.fade {
                Some(v) => self.int(v, &format!("{f}.fade"), 0, 50),
                None => 1,
            };
            if amount == 0 {
                self.err(
                    m.amount.span(),
                    &format!("{f}.amount"),
                    "a memory of 0 is no memory",
                );
            }
            if let Some(holder) = holder {
                memory.push(MemorySpec {
                    holder,
                    label: m.label.clone(),
                    amount: amount as i16,
                    fade: fade as i16,
                });
            }
        }
        Effect {
            meters,
            treaties,
            set,
            clear,
            memory,
        }
    }

    fn cond(&mut self, c: Option<&S<raw::Cond>>, field: &str, cal: &Calendar) -> Cond {
        self.cond_at(c, field, cal, 0)
    }

    fn cond_at(
        &mut self,
        c: Option<&S<raw::Cond>>,
        field: &str,
        cal: &Calendar,
        depth: usize,
    ) -> Cond {
        let Some(c) = c else { return Cond::default() };
        let c = c.get_ref();
        let range = |cx: &mut Self, v: &S<i64>, f: &str| Some(cx.int(v, f, 0, 100) as i16);
        let min = self.meter_values(&c.min, &format!("{field}.min"), range);
        let max = self.meter_values(&c.max, &format!("{field}.max"), range);
        let mut treaty = Vec::new();
        for (k, v) in &c.treaty {
            let f = format!("{field}.treaty.{}", k.get_ref());
            let names: Vec<String> = match v.get_ref() {
                raw::OneOrMany::One(s) => vec![s.clone()],
                raw::OneOrMany::Many(v) => v.clone(),
            };
            let statuses: Vec<TreatyStatus> = names
                .iter()
                .filter_map(|s| self.status(s, v.span(), &f))
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
            .and_then(|m| self.turn(cal, m, &format!("{field}.from")));
        let until_turn = c
            .until
            .as_ref()
            .and_then(|m| self.turn(cal, m, &format!("{field}.until")));
        let mut any = Vec::new();
        for (i, sub) in c.any.iter().enumerate() {
            if depth >= MAX_COND_DEPTH {
                self.err(
                    sub.span(),
                    &format!("{field}.any"),
                    format!("conditions nest at most {MAX_COND_DEPTH} deep"),
                );
                break;
            }
            any.push(self.cond_at(Some(sub), &format!("{field}.any[{i}]"), cal, depth + 1));
        }
        let mut cond = Cond {
            min,
            max,
            treaty,
            flags,
            not_flags,
            from_turn,
            until_turn,
            any,
            ..Cond::default()
        };
        cond.prepare();
        cond
    }

    fn chance(&mut self, c: Option<&S<raw::Chance>>, field: &str) -> Chance {
        let Some(c) = c else { return Chance::CERTAIN };
        let c = c.get_ref();
        let base = self.float(&c.base, &format!("{field}.base"), -10.0, 10.0);
        let per = self.meter_values(&c.per, &format!("{field}.per"), |cx, v, f| {
            Some(cx.float(v, f, -1.0, 1.0))
        });
        let min = c
            .min
            .as_ref()
            .map_or(0.0, |v| self.float(v, &format!("{field}.min"), 0.0, 1.0));
        let max = c
            .max
            .as_ref()
            .map_or(1.0, |v| self.float(v, &format!("{field}.max"), 0.0, 1.0));
        if min > max {
            self.err(
                c.base.span(),
                field,
                format!("min {min} is above max {max}"),
            );
        }
        Chance {
            base,
            per,
            min,
            max,
        }
    }

    fn unique<'s>(
        &mut self,
        what: &str,
        ids: impl Iterator<Item = (&'s S<String>, String)>,
    ) -> BTreeMap<String, u8> {
        let mut map = BTreeMap::new();
        for (i, (id, field)) in ids.enumerate() {
            let name = self.id(id, &field);
            if map.insert(name.clone(), i.min(255) as u8).is_some() {
                self.err(
                    id.span(),
                    &field,
                    format!("{what} `{name}` is defined twice"),
                );
            }
        }
        map
    }

    fn limit(&mut self, span: Range<usize>, field: &str, n: usize, max: usize) {
        if n > max {
            self.err(
                span,
                field,
                format!("{n} entries; at most {max} are allowed"),
            );
        }
    }

    fn scenario(&mut self, f: raw::File) -> Scenario {
        let whole = 0..0;
        // Names first, so that references anywhere can be resolved.
        self.names.sides = self.unique(
            "side",
            f.sides
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.get_ref().id, format!("sides[{i}].id"))),
        );
        self.names.meters = self.unique(
            "meter",
            f.meters
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.get_ref().id, format!("meters[{i}].id"))),
        );
        self.names.treaties = self.unique(
            "treaty",
            f.treaties
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.get_ref().id, format!("treaties[{i}].id"))),
        );
        self.names.flags = self.unique(
            "flag",
            f.flags
                .iter()
                .enumerate()
                .map(|(i, s)| (s, format!("flags[{i}]"))),
        );
        self.names.moves = self.unique(
            "move",
            f.moves
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.get_ref().id, format!("moves[{i}].id"))),
        );
        let events_names = self.unique(
            "event",
            f.events
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.get_ref().id, format!("events[{i}].id"))),
        );
        let _ = self.unique(
            "ending",
            f.endings
                .iter()
                .enumerate()
                .map(|(i, s)| (&s.get_ref().id, format!("endings[{i}].id"))),
        );
        drop(events_names);

        if f.sides.len() != SIDES {
            let span = f.sides.first().map(|s| s.span()).unwrap_or(whole.clone());
            self.err(
                span,
                "sides",
                format!(
                    "a scenario has exactly {SIDES} sides, found {}",
                    f.sides.len()
                ),
            );
        }
        self.limit(
            f.meters.first().map(|m| m.span()).unwrap_or(whole.clone()),
            "meters",
            f.meters.len(),
            MAX_METERS,
        );
        self.limit(
            f.treaties
                .first()
                .map(|m| m.span())
                .unwrap_or(whole.clone()),
            "treaties",
            f.treaties.len(),
            MAX_TREATIES,
        );
        self.limit(
            f.flags.first().map(|m| m.span()).unwrap_or(whole.clone()),
            "flags",
            f.flags.len(),
            MAX_FLAGS,
        );
        self.limit(
            f.moves.first().map(|m| m.span()).unwrap_or(whole.clone()),
            "moves",
            f.moves.len(),
            MAX_MOVES,
        );
        self.limit(
            f.events.first().map(|m| m.span()).unwrap_or(whole.clone()),
            "events",
            f.events.len(),
            MAX_EVENTS,
        );
        self.limit(
            f.endings.first().map(|m| m.span()).unwrap_or(whole.clone()),
            "endings",
            f.endings.len(),
            32,
        );

        // Header and calendar.
        let h = f.scenario.get_ref();
        let id = self.id(&h.id, "scenario.id");
        let c = f.calendar.get_ref();
        let errors_before = self.errors.len();
        let turns = self.int(&c.turns, "calendar.turns", 1, 120) as u8;
        let (start_year, start_month) = self.month(&c.start, "calendar.start").unwrap_or((2024, 1));
        self.calendar_ok = self.errors.len() == errors_before;
        let calendar = Calendar {
            start_year,
            start_month,
            turns,
        };
        let default_player = self.side(&h.player, "scenario.player").unwrap_or(SideId(0));
        let deck_chance = h
            .deck_chance
            .as_ref()
            .map_or(0.5, |v| self.float(v, "scenario.deck_chance", 0.0, 1.0));

        // Meters.
        let mut meters = Vec::new();
        let mut ladders = 0;
        for (i, m) in f.meters.iter().enumerate() {
            let field = format!("meters[{i}]");
            let m = m.get_ref();
            let start = self.int(&m.start, &format!("{field}.start"), 0, 100) as i16;
            let display_for = match m.display.as_ref() {
                None => [Display::Gauge; SIDES],
                Some(d) => match d.get_ref() {
                    raw::DisplaySpec::One(s) => {
                        [self.display(s, d.span(), &format!("{field}.display")); SIDES]
                    }
                    raw::DisplaySpec::PerSide(map) => {
                        let mut out = [Display::Hidden; SIDES];
                        for (side, how) in map {
                            let f = format!("{field}.display.{side}");
                            match self.names.sides.get(side).copied() {
                                Some(i) => out[i as usize] = self.display(how, d.span(), &f),
                                None => self.err(d.span(), &f, format!("no side called `{side}`")),
                            }
                        }
                        out
                    }
                },
            };
            let display = display_for[default_player.index()];
            let mut labels: Vec<(i16, String)> = Vec::new();
            for (j, l) in m.labels.iter().enumerate() {
                let (at, word) = l.get_ref();
                if !(0..=100).contains(at) {
                    self.err(
                        l.span(),
                        &format!("{field}.labels[{j}]"),
                        format!("threshold {at} is out of range 0..=100"),
                    );
                } else if labels.last().is_some_and(|(prev, _)| *prev >= *at as i16) {
                    self.err(
                        l.span(),
                        &format!("{field}.labels[{j}]"),
                        "thresholds must rise",
                    );
                } else {
                    labels.push((*at as i16, word.clone()));
                }
            }
            if labels.first().is_some_and(|(at, _)| *at != 0) {
                self.err(
                    m.labels[0].span(),
                    &format!("{field}.labels[0]"),
                    "the first threshold must be 0",
                );
            }
            if m.ladder {
                ladders += 1;
                if labels.len() < 2 {
                    self.err(
                        m.id.span(),
                        &format!("{field}.labels"),
                        "a ladder needs at least two rungs",
                    );
                }
            }
            meters.push(Meter {
                id: m.id.get_ref().clone(),
                name: m.name.clone(),
                short: m
                    .short
                    .clone()
                    .unwrap_or_else(|| m.name.chars().take(3).collect()),
                start,
                display,
                display_for,
                labels,
                ladder: m.ladder,
                warn_at: m
                    .warn_at
                    .as_ref()
                    .map(|v| self.int(v, &format!("{field}.warn_at"), 0, 100) as i16),
                max_rise: m
                    .max_rise
                    .as_ref()
                    .map(|v| self.int(v, &format!("{field}.max_rise"), 1, 100) as i16),
                higher_is_better: m.higher_is_better,
                describe: m.describe.clone(),
            });
        }
        if ladders > 1 {
            self.err(
                whole.clone(),
                "meters",
                "at most one meter may be the ladder",
            );
        }

        // Treaties and flags.
        let mut treaties = Vec::new();
        for (i, t) in f.treaties.iter().enumerate() {
            let t = t.get_ref();
            let status = self
                .status(
                    t.status.get_ref(),
                    t.status.span(),
                    &format!("treaties[{i}].status"),
                )
                .unwrap_or(TreatyStatus::InForce);
            treaties.push(Treaty {
                id: t.id.get_ref().clone(),
                name: t.name.clone(),
                status,
                note: t.note.clone(),
            });
        }
        let flags = f.flags.iter().map(|s| s.get_ref().clone()).collect();

        // Sides.
        let mut sides = [placeholder_side(), placeholder_side()];
        for (i, s) in f.sides.iter().enumerate().take(SIDES) {
            let field = format!("sides[{i}]");
            let s = s.get_ref();
            let memory_meter = s
                .memory_meter
                .as_ref()
                .and_then(|m| self.meter(m, &format!("{field}.memory_meter")));
            let ai = match &s.ai {
                None => [DEFAULT_AI; 3],
                Some(ai) => {
                    let ai = ai.get_ref();
                    let level = |cx: &mut Self, l: &S<raw::AiLevel>, name: &str| {
                        let l = l.get_ref();
                        let f = format!("{field}.ai.{name}");
                        AiParams {
                            forgiveness: cx.float(
                                &l.forgiveness,
                                &format!("{f}.forgiveness"),
                                0.0,
                                1.0,
                            ),
                            reciprocity: cx.float(
                                &l.reciprocity,
                                &format!("{f}.reciprocity"),
                                0.0,
                                1.0,
                            ),
                            misread: cx.float(&l.misread, &format!("{f}.misread"), 0.0, 1.0),
                            whim: l
                                .whim
                                .as_ref()
                                .map_or(0.0, |w| cx.float(w, &format!("{f}.whim"), 0.0, 1.0)),
                            lookahead: l.lookahead,
                        }
                    };
                    [
                        level(self, &ai.easy, "easy"),
                        level(self, &ai.normal, "normal"),
                        level(self, &ai.hard, "hard"),
                    ]
                }
            };
            let finite = |cx: &mut Self, v: &S<f64>, f: &str| Some(cx.float(v, f, -1000.0, 1000.0));
            let (score, score_per_turn, score_per_peak_rung) = match &s.score {
                None => (Vec::new(), 0.0, 0.0),
                Some(sc) => {
                    let sc = sc.get_ref();
                    (
                        self.meter_values(&sc.meters, &format!("{field}.score.meters"), finite),
                        sc.per_turn,
                        sc.per_peak_rung,
                    )
                }
            };
            let objective = self.meter_values(&s.objective, &format!("{field}.objective"), finite);
            sides[i] = Side {
                id: s.id.get_ref().clone(),
                name: s.name.clone(),
                memory_meter,
                ai,
                score,
                score_per_turn,
                score_per_peak_rung,
                objective,
            };
        }

        // Moves.
        let mut moves = Vec::new();
        for (i, m) in f.moves.iter().enumerate() {
            let field = format!("moves[{i}]");
            let m = m.get_ref();
            let side = self
                .side(&m.side, &format!("{field}.side"))
                .unwrap_or(SideId(0));
            let stance = m
                .stance
                .as_ref()
                .map_or(0, |s| self.int(s, &format!("{field}.stance"), -2, 2))
                as i8;
            let answers = m
                .answers
                .iter()
                .filter_map(|a| self.move_ref(a, &format!("{field}.answers")))
                .collect();
            if m.chance.is_none() && m.failure.is_some() {
                self.err(
                    m.failure
                        .as_ref()
                        .map(|f| f.span())
                        .unwrap_or(whole.clone()),
                    &format!("{field}.failure"),
                    "a move with a failure effect needs a chance",
                );
            }
            moves.push(Move {
                id: m.id.get_ref().clone(),
                side,
                name: m.name.clone(),
                hint: m.hint.clone(),
                describe: m.describe.clone(),
                stance,
                requires: self.cond(m.requires.as_ref(), &format!("{field}.requires"), &calendar),
                requires_text: m.requires_text.clone(),
                effects: self.effect(m.effects.as_ref(), &format!("{field}.effects"), Some(side)),
                chance: self.chance(m.chance.as_ref(), &format!("{field}.chance")),
                success: self.effect(m.success.as_ref(), &format!("{field}.success"), Some(side)),
                failure: self.effect(m.failure.as_ref(), &format!("{field}.failure"), Some(side)),
                success_text: m.success_text.variants(),
                failure_text: m.failure_text.variants(),
                weight: m.weight.as_ref().map_or(1.0, |w| {
                    self.float(w, &format!("{field}.weight"), 0.0, 1000.0)
                }),
                weight_per: self.meter_values(
                    &m.weight_per,
                    &format!("{field}.weight_per"),
                    |cx, v, f| Some(cx.float(v, f, -100.0, 100.0)),
                ),
                answers,
                talks: m.talks,
            });
        }
        for s in 0..SIDES as u8 {
            if !moves
                .iter()
                .any(|m| m.side == SideId(s) && m.requires.is_empty())
                && f.sides.len() == SIDES
            {
                self.err(
                    f.sides[s as usize].span(),
                    &format!("sides[{s}]"),
                    "this side needs at least one move with no requirements (e.g. hold course)",
                );
            }
        }

        // Events.
        let mut events = Vec::new();
        for (i, e) in f.events.iter().enumerate() {
            let field = format!("events[{i}]");
            let espan = e.span();
            let e = e.get_ref();
            let trigger = match (&e.at, &e.deck) {
                (Some(at), None) => Trigger::At(
                    self.turn(&calendar, at, &format!("{field}.at"))
                        .unwrap_or(0),
                ),
                (None, Some(w)) => Trigger::Deck {
                    weight: self.float(w, &format!("{field}.deck"), 0.0, 1000.0),
                },
                (None, None) => {
                    if e.when.is_none() {
                        self.err(espan.clone(), &field, "an event needs `at` (a month), `deck` (a weight) or `when` (a condition)");
                    }
                    Trigger::When
                }
                (Some(at), Some(_)) => {
                    self.err(
                        at.span(),
                        &format!("{field}.at"),
                        "an event is either scripted (`at`) or in the deck (`deck`), not both",
                    );
                    Trigger::When
                }
            };
            let concerns = match &e.concerns {
                Some(s) => self
                    .side(s, &format!("{field}.concerns"))
                    .unwrap_or(default_player),
                None => default_player,
            };
            let choices = e
                .choices
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let c = c.get_ref();
                    EventChoice {
                        label: c.label.clone(),
                        hint: c.hint.clone(),
                        text: c.text.clone(),
                        effects: self.effect(
                            c.effects.as_ref(),
                            &format!("{field}.choices[{j}].effects"),
                            Some(concerns),
                        ),
                    }
                })
                .collect::<Vec<_>>();
            if e.choices.len() == 1 || e.choices.len() > 6 {
                self.err(
                    espan.clone(),
                    &format!("{field}.choices"),
                    "a choice card has 2 to 6 choices",
                );
            }
            let when = self.cond(e.when.as_ref(), &format!("{field}.when"), &calendar);
            let cooldown = e
                .cooldown
                .as_ref()
                .map(|c| self.int(c, &format!("{field}.cooldown"), 1, 120) as u8);
            if matches!(trigger, Trigger::When) && when.is_empty() && cooldown.is_some() {
                self.err(
                    espan.clone(),
                    &format!("{field}.when"),
                    "a repeating event needs a condition, or it fires every month",
                );
            }
            let players_only = e.players_only.as_ref().is_some_and(|p| *p.get_ref());
            if let Some(p) = e
                .players_only
                .as_ref()
                .filter(|_| players_only && e.choices.is_empty())
            {
                self.err(
                    p.span(),
                    &format!("{field}.players_only"),
                    "only a choice card can be kept for players (it has no choices)",
                );
            }
            events.push(Event {
                id: e.id.get_ref().clone(),
                title: e.title.clone(),
                trigger,
                when,
                cooldown,
                concerns,
                players_only,
                text: e.text.clone(),
                source: e.source.clone(),
                effects: self.effect(e.effects.as_ref(), &format!("{field}.effects"), None),
                choices,
            });
        }

        // Endings.
        let mut endings = Vec::new();
        for (i, e) in f.endings.iter().enumerate() {
            let field = format!("endings[{i}]");
            let e = e.get_ref();
            let check = match e.check.get_ref().as_str() {
                "always" => EndingCheck::Always,
                "deadline" => EndingCheck::Deadline,
                other => {
                    self.err(
                        e.check.span(),
                        &format!("{field}.check"),
                        format!("`{other}` is not one of always, deadline"),
                    );
                    EndingCheck::Deadline
                }
            };
            let when = self.cond(e.when.as_ref(), &format!("{field}.when"), &calendar);
            if check == EndingCheck::Always && when.is_empty() {
                self.err(
                    e.check.span(),
                    &format!("{field}.when"),
                    "an `always` ending needs a condition, or every game ends at once",
                );
            }
            endings.push(Ending {
                id: e.id.get_ref().clone(),
                title: e.title.clone(),
                side: self
                    .side(&e.side, &format!("{field}.side"))
                    .unwrap_or(SideId(0)),
                check,
                when,
                bonus: e.bonus.as_ref().map_or(0.0, |b| {
                    self.float(b, &format!("{field}.bonus"), -10000.0, 10000.0)
                }),
                text: e.text.clone(),
                good: e.good,
            });
        }
        for s in 0..SIDES as u8 {
            let fallback = endings.iter().any(|e| {
                e.side == SideId(s) && e.check == EndingCheck::Deadline && e.when.is_empty()
            });
            if !fallback && f.sides.len() == SIDES {
                self.err(
                    f.sides[s as usize].span(),
                    "endings",
                    format!(
                        "side `{}` needs a deadline ending with no condition, so every game ends",
                        f.sides[s as usize].get_ref().id.get_ref()
                    ),
                );
            }
        }

        // Drift.
        let drift = f
            .drift
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let d = d.get_ref();
                Drift {
                    label: d.label.clone(),
                    when: self.cond(d.when.as_ref(), &format!("drift[{i}].when"), &calendar),
                    effects: self.effect(Some(&d.effects), &format!("drift[{i}].effects"), None),
                }
            })
            .collect();

        let history = f
            .history
            .iter()
            .map(|h| HistoryNote {
                when: h.get_ref().when.clone(),
                what: h.get_ref().what.clone(),
            })
            .collect();

        Scenario {
            id,
            title: h.title.clone(),
            summary: h.summary.clone(),
            source: h.source.clone(),
            deadline: h.deadline.clone(),
            calendar,
            sides,
            default_player,
            meters,
            treaties,
            flags,
            moves,
            events,
            endings,
            drift,
            deck_chance,
            history,
            fingerprint: 0,
            index: Index::default(),
        }
    }
}
