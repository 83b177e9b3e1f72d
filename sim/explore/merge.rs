//! Combining the summaries of the shards of one exploration (`--partition count:M/N`, one
//! summary per shard) into exactly the summary of the unsplit run: counts add up, and each
//! outcome keeps the schedule of the shard that met it first (lowest seed), as the unsplit
//! run does.

use std::collections::BTreeMap;

use super::summary::{OutcomeCount, Summary};

/// Merges shard summaries; says what does not fit when they are not the shards of one run.
pub fn merge(shards: Vec<Summary>) -> Result<Summary, String> {
    let Some(first) = shards.first() else {
        return Err("no summaries to merge".to_string());
    };
    let (scenario, strategy, guarantee) = (first.scenario.clone(), first.strategy.clone(), first.guarantee.clone());
    let Some((_, total)) = first.partition else {
        return Err("summary 1 is not a shard: it was not run with --partition count:M/N".to_string());
    };
    let mut seen: Vec<u64> = Vec::new();
    for (n, s) in shards.iter().enumerate() {
        let which = format!("summary {}", n + 1);
        if s.scenario != scenario || s.strategy != strategy {
            return Err(format!(
                "{which} is of `{}` with {}, but summary 1 is of `{scenario}` with {strategy}",
                s.scenario, s.strategy
            ));
        }
        if s.guarantee != guarantee {
            return Err(format!(
                "{which} was run with other settings than summary 1 ({:?})",
                s.guarantee
            ));
        }
        if s.stopped_on_failure {
            return Err(format!(
                "{which} stopped at its first failure: shards of a --stop-on-failure run do not add up to the unsplit run"
            ));
        }
        let Some((m, of)) = s.partition else {
            return Err(format!(
                "{which} is not a shard: it was not run with --partition count:M/N"
            ));
        };
        if of != total {
            return Err(format!(
                "{which} is shard {m}/{of}, but summary 1 is one of {total} shards"
            ));
        }
        if seen.contains(&m) {
            return Err(format!("{which} is shard {m}/{of} again"));
        }
        seen.push(m);
    }
    if let Some(missing) = (1..=total).find(|m| !seen.contains(m)) {
        return Err(format!("shard {missing}/{total} is missing"));
    }

    let mut merged = Summary {
        scenario,
        strategy,
        guarantee,
        executions: 0,
        sleep_set_blocked: 0,
        infeasible: 0,
        outcomes: Vec::new(),
        failures: 0,
        stopped_on_failure: false,
        truncated: false,
        seeds: None,
        partition: None,
    };
    let mut outcomes: BTreeMap<(String, String, String), OutcomeCount> = BTreeMap::new();
    for s in shards {
        merged.executions += s.executions;
        merged.sleep_set_blocked += s.sleep_set_blocked;
        merged.infeasible += s.infeasible;
        merged.failures += s.failures;
        merged.seeds = match (merged.seeds.take(), s.seeds) {
            (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
            (a, b) => a.or(b),
        };
        for o in s.outcomes {
            let key = (o.output.clone(), o.globals.clone(), o.verdict.clone());
            match outcomes.get_mut(&key) {
                Some(mine) => {
                    let count = mine.count + o.count;
                    if o.first < mine.first {
                        *mine = o;
                    }
                    mine.count = count;
                }
                None => {
                    outcomes.insert(key, o);
                }
            }
        }
    }
    merged.outcomes = outcomes.into_values().collect();
    merged.sort();
    Ok(merged)
}
