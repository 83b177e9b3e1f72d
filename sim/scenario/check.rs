//! The `check:` section: what `sim check` (and the repository's snapshot test) records for
//! a scenario: the traced runs of which seeds, and which explorations.
//!
//! ```ron
//! check: (
//!     seeds: [0, 1, 2],
//!     explore: [Exhaustive, Bounded(max_preemptions: 2), Random(runs: 200), Pct(depth: 2, runs: 200)],
//! ),
//! ```

use serde::Deserialize;

use super::piece::Piece;
use crate::diagnostic::Diagnostic;

/// The seeds whose traced runs are checked when a scenario does not say.
pub const DEFAULT_SEEDS: [u64; 3] = [0, 1, 2];

/// What is checked for one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckPlan {
    /// Seeds of the random scheduler whose `--trace` runs are snapshotted.
    pub seeds: Vec<u64>,
    /// The explorations snapshotted; `None` is the default: the exhaustive search, for
    /// scenarios small enough.
    pub explore: Option<Vec<CheckStrategy>>,
}

impl Default for CheckPlan {
    fn default() -> Self {
        CheckPlan {
            seeds: DEFAULT_SEEDS.to_vec(),
            explore: None,
        }
    }
}

/// One exploration a scenario asks to be checked; each kind at most once.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename = "Strategy")]
pub enum CheckStrategy {
    /// `Exhaustive`: every trace once, run whatever the scenario's size.
    Exhaustive,
    /// `Bounded(max_preemptions: K)`: every schedule within K preemptions.
    Bounded { max_preemptions: usize },
    /// `Random(runs: N)`: seeds `0..N`.
    Random { runs: u64 },
    /// `Pct(depth: D, runs: N)`: seeds `0..N`.
    Pct { depth: u32, runs: u64 },
}

impl CheckStrategy {
    /// The entry's name, lower case: `exhaustive`, `bounded`, `random`, `pct`.
    pub fn name(&self) -> &'static str {
        match self {
            CheckStrategy::Exhaustive => "exhaustive",
            CheckStrategy::Bounded { .. } => "bounded",
            CheckStrategy::Random { .. } => "random",
            CheckStrategy::Pct { .. } => "pct",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    #[serde(default)]
    seeds: Option<Vec<u64>>,
    #[serde(default)]
    explore: Option<Vec<CheckStrategy>>,
}

/// Reads the `check:` section.
pub fn read(piece: Piece<'_>) -> Result<CheckPlan, Diagnostic> {
    let what = "a check section like (seeds: [0, 1, 2], explore: [Exhaustive, Bounded(max_preemptions: 2), Random(runs: 100), Pct(depth: 2, runs: 100)])";
    let section: Section = piece.parse(what)?;
    let explore = match section.explore {
        None => None,
        Some(entries) => {
            let mut strategies: Vec<CheckStrategy> = Vec::new();
            for strategy in entries {
                if let Some(bad) = invalid(&strategy) {
                    return Err(Diagnostic::new(bad, piece.span()).with_label("in this check section"));
                }
                if strategies.iter().any(|s| s.name() == strategy.name()) {
                    return Err(Diagnostic::new(
                        format!("`check.explore` lists {} twice", strategy.name()),
                        piece.span(),
                    )
                    .with_label("each strategy may be checked once"));
                }
                strategies.push(strategy);
            }
            Some(strategies)
        }
    };
    let seeds = section.seeds.unwrap_or_else(|| DEFAULT_SEEDS.to_vec());
    if let Some(i) = (1..seeds.len()).find(|&i| seeds[..i].contains(&seeds[i])) {
        return Err(
            Diagnostic::new(format!("`check.seeds` lists seed {} twice", seeds[i]), piece.span())
                .with_label("each seed is checked once"),
        );
    }
    Ok(CheckPlan { seeds, explore })
}

fn invalid(strategy: &CheckStrategy) -> Option<String> {
    match strategy {
        CheckStrategy::Random { runs: 0 } | CheckStrategy::Pct { runs: 0, .. } => {
            Some(format!("`check.explore`: {} needs at least one run", strategy.name()))
        }
        CheckStrategy::Pct { depth: 0, .. } => Some("`check.explore`: pct needs a depth of at least 1".into()),
        _ => None,
    }
}
