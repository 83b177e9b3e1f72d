//! The scenario format reference (`scenarios/README.md`) stays true: every example that
//! says what it prints (`prints `...``, or `prints` and a block) is run, and its stdout
//! must be exactly that.

mod common;

use common::{repo, sim, text};

/// An example from the reference: its RON text and the stdout it claims.
struct Example {
    line: usize,
    scenario: String,
    stdout: String,
}

/// The ```ron blocks followed by a paragraph starting `prints`.
fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut rest = readme;
    let mut offset = 0;
    while let Some(start) = rest.find("```ron\n") {
        let body_start = start + "```ron\n".len();
        let Some(len) = rest[body_start..].find("```\n") else {
            break;
        };
        let scenario = rest[body_start..body_start + len].to_string();
        let after = &rest[body_start + len + "```\n".len()..];
        let line = readme[..offset + start].lines().count() + 1;
        if let Some(claim) = after.trim_start_matches('\n').strip_prefix("prints") {
            out.push(Example {
                line,
                scenario,
                stdout: claimed_stdout(claim),
            });
        }
        offset += body_start + len;
        rest = &readme[offset..];
    }
    out
}

/// What a `prints ...` paragraph says goes to stdout: a fenced block, or each backticked
/// line up to the end of the sentence (or to where it turns to stderr or the exit code).
fn claimed_stdout(claim: &str) -> String {
    if let Some(block) = claim.trim_start().strip_prefix("```\n") {
        return block[..block.find("```").expect("closed block")].to_string();
    }
    let end = [". ", ".\n", " on stdout", ", exits"]
        .iter()
        .filter_map(|stop| claim.find(stop))
        .min()
        .unwrap_or(claim.len());
    let lines: Vec<&str> = claim[..end].split('`').skip(1).step_by(2).collect();
    assert!(!lines.is_empty(), "nothing quoted in `prints{}`", &claim[..end]);
    lines.iter().map(|l| format!("{l}\n")).collect()
}

#[test]
fn every_example_that_says_what_it_prints_prints_exactly_that() {
    let readme = std::fs::read_to_string(repo().join("scenarios/README.md")).expect("README");
    let examples = examples(&readme);
    assert!(examples.len() >= 9, "only {} examples found", examples.len());
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("scenario_docs");
    std::fs::create_dir_all(&dir).expect("folder");
    for example in &examples {
        let path = dir.join(format!("line{}.ron", example.line));
        std::fs::write(&path, &example.scenario).expect("write");
        let run = sim(&["run", path.to_str().expect("utf-8 path")]);
        assert_eq!(
            text(&run.stdout),
            example.stdout,
            "scenarios/README.md:{}: the example prints something else (stderr: {})",
            example.line,
            text(&run.stderr)
        );
    }
}
