//! Reading scenario files from disk: the I/O layer around `game::scenario`.

use std::path::Path;

use crate::game::Scenario;
use crate::game::scenario::{ScenarioError, ScenarioErrors};
use crate::store::{FileError, Links, read_limited};

/// Load a scenario by path, or the built-in one by its id or the word `default`.
pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioErrors> {
    let builtin = Scenario::builtin();
    if name_or_path == "default" || name_or_path == builtin.id {
        return Ok(builtin);
    }
    load_path(Path::new(name_or_path))
}

/// Read and compile a scenario file; every failure names the file.
pub fn load_path(path: &Path) -> Result<Scenario, ScenarioErrors> {
    let file = path.display().to_string();
    let fail = |message: String| {
        ScenarioErrors(vec![ScenarioError {
            file: file.clone(),
            line: 0,
            field: String::new(),
            message,
        }])
    };
    // A path the player gave: a link is followed, but a pipe or device is refused
    // unread, and no more than the limit is ever read (a device claims 0 bytes).
    let limit = crate::game::scenario::MAX_SCENARIO_BYTES as u64;
    let bytes = read_limited(path, limit, Links::Follow).map_err(|e| match e {
        FileError::TooLarge(_) => fail("file is over 4 MiB; scenarios are at most 4 MiB".into()),
        e => fail(e.to_string()),
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
            return Err(ScenarioErrors(vec![ScenarioError {
                file,
                line,
                field: String::new(),
                message: format!("not valid UTF-8 (byte {at})"),
            }]));
        }
    };
    Scenario::from_toml(&file, &text)
}
