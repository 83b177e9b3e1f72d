//! Rendering a located diagnostic for people: `error: ...`, then `--> FILE:LINE:COL`, the
//! offending line and a caret under the spot, with what was expected.

use sim::diagnostic::Diagnostic;

/// `text` is the file's contents, `file` its name as the user gave it.
pub fn render(d: &Diagnostic, file: &str, text: &str) -> String {
    let start = (d.span.start as usize).min(text.len());
    let start = floor_char_boundary(text, start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_no = text[..start].matches('\n').count() + 1;
    let col = text[line_start..start].chars().count() + 1;
    let line = &text[line_start..line_end];
    let end = floor_char_boundary(text, (d.span.end as usize).clamp(start, line_end));
    let width = text[start..end].chars().count().max(1);
    let gutter = " ".repeat(line_no.to_string().len());
    let indent: String = line[..start - line_start]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let mut out = format!(
        "error: {}\n{gutter}--> {file}:{line_no}:{col}\n{gutter} |\n{line_no} | {line}\n{gutter} | {indent}{}",
        d.message,
        "^".repeat(width)
    );
    if !d.label.is_empty() {
        out.push(' ');
        out.push_str(&d.label);
    }
    out.push('\n');
    if let Some(help) = &d.help {
        out.push_str(&format!("{gutter} = help: {help}\n"));
    }
    out
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::syntax::Span;

    #[test]
    fn points_at_line_and_column_with_a_caret() {
        let text = "Scenario(\n    main: [Prnt(\"x\")],\n)\n";
        let d = Diagnostic::new("unknown operation `Prnt`", Span::new(21, 25))
            .with_label("expected an operation")
            .with_help("did you mean `Print`?");
        let shown = render(&d, "s.ron", text);
        assert_eq!(
            shown,
            "error: unknown operation `Prnt`\n --> s.ron:2:12\n  |\n2 |     main: [Prnt(\"x\")],\n  |            ^^^^ expected an operation\n  = help: did you mean `Print`?\n"
        );
    }
}
