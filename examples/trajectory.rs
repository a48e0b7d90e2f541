//! Mean meters month by month over many games of one policy: a balancing aid
//! (`cargo run --release --example trajectory -- history 500 [side] [difficulty]`),
//! then how many games ended in each ending with each treaty status.

use detente::game::scenario::SideId;
use detente::game::{Choice, Difficulty, Phase, Scenario, Setup, dice, rules};
use detente::sim::{Policy, Tally};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).map_or("history", String::as_str);
    let games: u64 = args.get(2).and_then(|g| g.parse().ok()).unwrap_or(500);
    let sc = Scenario::builtin();
    let side: SideId = args
        .get(3)
        .map_or(Some(sc.default_player), |s| sc.side_id(s))
        .expect("a side id of the scenario");
    let difficulty = match args.get(4).map(String::as_str) {
        Some("easy") => Difficulty::Easy,
        Some("hard") => Difficulty::Hard,
        _ => Difficulty::Normal,
    };
    let policy = Policy::parse(&sc, side, name).expect("policy");
    let n = sc.meters.len();
    let mut sums = vec![vec![0i64; n]; 20];
    let mut counts = [0i64; 20];
    let mut tally = Tally::default();
    let mut finals: std::collections::BTreeMap<String, u64> = Default::default();
    for i in 0..games {
        let mut rng = dice::game_rng(1, i);
        let mut prng = dice::game_rng(1 ^ 0x5eed_0f90_11c7, i);
        let mut st = rules::start(&sc, Setup::single(side, difficulty), &mut rng, &mut ());
        let mut month = 0usize;
        for (k, m) in st.meters.iter().take(n).enumerate() {
            sums[0][k] += i64::from(*m);
        }
        counts[0] += 1;
        while !st.is_over() {
            let c = policy.choose_counted(&sc, &st, &mut prng, &mut tally);
            let was_move = !matches!(st.phase, Phase::Card(_));
            if rules::play(&sc, &mut st, c, &mut rng, &mut ()).is_err() {
                break;
            }
            if was_move && !matches!(c, Choice::Answer { .. }) {
                month += 1;
                if month < 20 {
                    for (k, m) in st.meters.iter().take(n).enumerate() {
                        sums[month][k] += i64::from(*m);
                    }
                    counts[month] += 1;
                }
            }
        }
        let (end, _) = detente::game::outcome::result_for(&sc, &st, side);
        let end = end.map_or("none".to_string(), |e| sc.ending(e).id.clone());
        let treaties: Vec<String> = (0..sc.treaties.len())
            .map(|t| format!("{:?}", st.treaties[t]))
            .collect();
        let key = format!("{end:<24} {}", treaties.join(" "));
        *finals.entry(key).or_default() += 1;
    }
    for (k, v) in &finals {
        println!("{v:>5} {k}");
    }
    print!("mo  n   ");
    for m in &sc.meters {
        print!("{:>6}", &m.id[..m.id.len().min(6)]);
    }
    println!();
    for mo in 0..20 {
        if counts[mo] == 0 {
            continue;
        }
        print!("{mo:>2} {:>4} ", counts[mo]);
        for sum in &sums[mo] {
            print!("{:>6.1}", *sum as f64 / counts[mo] as f64);
        }
        println!();
    }
}
