//! The snapshot store's file format, shared with insta: `NAME.snap` is a YAML header
//! between `---` lines, then the body. Names come from a scenario's path below the checked
//! folder (`seed/lock_counter.ron` is `seed__lock_counter`). Bodies compare as insta
//! compares them: trailing whitespace ignored, `\r\n` read as `\n`.

use std::path::Path;

/// The header `sim check` writes on a snapshot that does not exist yet.
pub const NEW_SOURCE: &str = "sim check";

/// `seed/lock_counter.ron` (relative to the checked folder) is `seed__lock_counter`.
pub fn snapshot_name(relative: &Path) -> String {
    relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("__")
}

/// A snapshot file's parts.
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotFile {
    /// The header's lines, without the `---` around them.
    pub header: Vec<String>,
    pub body: String,
}

impl SnapshotFile {
    /// Reads a file's text; `None` when it is not a snapshot (no `---` header).
    pub fn parse(text: &str) -> Option<SnapshotFile> {
        let mut lines = text.lines();
        if lines.next()?.trim_end() != "---" {
            return None;
        }
        let mut header = Vec::new();
        for line in lines.by_ref() {
            if line.trim_end() == "---" {
                let body = lines.collect::<Vec<_>>().join("\n");
                return Some(SnapshotFile { header, body });
            }
            header.push(line.to_string());
        }
        None
    }

    /// A new snapshot of `body`, with the header `sim check` writes.
    pub fn new(body: &str) -> SnapshotFile {
        SnapshotFile {
            header: vec![format!("source: {NEW_SOURCE}")],
            body: body.to_string(),
        }
    }

    /// This snapshot with its body replaced and its header kept, less the volatile
    /// `assertion_line` that insta does not keep either.
    pub fn with_body(&self, body: &str) -> SnapshotFile {
        SnapshotFile {
            header: self
                .header
                .iter()
                .filter(|l| !l.starts_with("assertion_line:"))
                .cloned()
                .collect(),
            body: body.to_string(),
        }
    }

    /// Whether the stored body is `body`, as insta compares them.
    pub fn matches(&self, body: &str) -> bool {
        normalize(&self.body) == normalize(body)
    }

    /// The file's text, as insta writes it.
    pub fn text(&self) -> String {
        let mut out = String::from("---\n");
        for line in &self.header {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("---\n");
        out.push_str(&normalize(&self.body));
        out.push('\n');
        out
    }
}

/// A body as insta compares it.
pub fn normalize(body: &str) -> String {
    body.trim_end().replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reads_back_as_written() {
        let file = SnapshotFile::new("--- seed 0\nverdict: ok\n");
        let text = file.text();
        assert_eq!(text, "---\nsource: sim check\n---\n--- seed 0\nverdict: ok\n");
        let back = SnapshotFile::parse(&text).expect("a snapshot");
        assert!(back.matches("--- seed 0\nverdict: ok"));
        assert!(!back.matches("--- seed 0\nverdict: deadlock"));
        assert_eq!(back.text(), text);
    }

    #[test]
    fn a_new_body_keeps_the_header_but_not_the_assertion_line() {
        let text = "---\nsource: tests/snapshots.rs\nassertion_line: 55\n---\nold\n";
        let file = SnapshotFile::parse(text).expect("a snapshot").with_body("new\n");
        assert_eq!(file.text(), "---\nsource: tests/snapshots.rs\n---\nnew\n");
    }

    #[test]
    fn text_without_a_header_is_not_a_snapshot() {
        assert_eq!(SnapshotFile::parse("verdict: ok\n"), None);
        assert_eq!(SnapshotFile::parse("---\nsource: x\n"), None);
    }

    #[test]
    fn names_join_folders_with_double_underscores() {
        assert_eq!(snapshot_name(Path::new("seed/lock_counter.ron")), "seed__lock_counter");
        assert_eq!(snapshot_name(Path::new("a.ron")), "a");
    }
}
