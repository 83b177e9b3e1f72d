//! `sim check`'s stale snapshots: files in a snapshot folder that no scenario makes any more
//! (a scenario renamed or deleted, a strategy dropped from its `check:` section). Looked for
//! only where a whole scenario folder was checked, and only among scenario snapshots (a
//! header `source:` of `sim check` or the repository's `tests/snapshots.rs`), so other
//! tests' snapshots kept in the same folder are left alone.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use sim::report::{NEW_SOURCE, SnapshotFile};

/// The `source:` headers of scenario snapshots.
const SCENARIO_SOURCES: [&str; 2] = [NEW_SOURCE, "tests/snapshots.rs"];

/// The scenario snapshots in `store` that are not `referenced`, sorted.
pub fn unreferenced(store: &Path, referenced: &BTreeSet<PathBuf>) -> Result<Vec<PathBuf>, String> {
    let entries = match std::fs::read_dir(store) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", store.display())),
    };
    let mut stale = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", store.display()))?
            .path();
        if path.extension().is_none_or(|e| e != "snap") || referenced.contains(&path) {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if SnapshotFile::parse(&text).is_some_and(|file| is_scenario_snapshot(&file)) {
            stale.push(path);
        }
    }
    stale.sort();
    Ok(stale)
}

fn is_scenario_snapshot(file: &SnapshotFile) -> bool {
    file.header.iter().any(|line| {
        line.strip_prefix("source:")
            .is_some_and(|source| SCENARIO_SOURCES.contains(&source.trim()))
    })
}
