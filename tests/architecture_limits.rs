//! ARCHITECTURE.md lists every limit of `src/game/scenario/limits.rs` with its value.

/// `(name, value)` of every `pub const` in the limits file, the value as written.
fn limits() -> Vec<(String, String)> {
    let src = include_str!("../src/game/scenario/limits.rs");
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("pub const "))
        .map(|l| {
            let (name, rest) = l.split_once(':').expect("a typed const");
            let value = rest.split_once('=').expect("a value").1;
            let value = value.trim().trim_end_matches(';').trim();
            (name.trim().to_string(), value.replace(" * ", " × "))
        })
        .collect()
}

#[test]
fn the_architecture_lists_every_limit_with_its_value() {
    let doc = include_str!("../ARCHITECTURE.md");
    let found = limits();
    assert!(
        found.len() >= 33,
        "the limits file has {} constants",
        found.len()
    );
    for (name, value) in &found {
        let row = doc
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("ARCHITECTURE.md has no row for {name}"));
        assert!(
            row.contains(&format!("| `{value}`")),
            "{name}: the row does not give {value}: {row}"
        );
    }
}
