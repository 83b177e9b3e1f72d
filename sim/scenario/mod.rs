//! Loading a scenario file: RON text in, a located syntax tree out.
//!
//! The file is one `Scenario(...)` value. `ron` checks its syntax and fields; operations
//! become statements ([`ops`]); expression strings are parsed by [`crate::syntax`] with
//! spans that point into the file. Nothing here resolves names: that is the compiler's job.

mod check;
mod ops;
mod piece;
mod ron_string;

use ron::value::RawValue;
use serde::Deserialize;

pub use check::{CheckPlan, CheckStrategy, DEFAULT_SEEDS};
pub use ops::{OPERATIONS, Operation};
use piece::Piece;

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{ClassDef, Expr, ExprKind, FunctionDef, Stmt, StmtKind};
use crate::syntax::{self, Span};

/// A name bound under `globals:` or `objects:`, with its initial value.
#[derive(Clone, Debug)]
pub struct Binding {
    pub name: String,
    pub span: Span,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    pub globals: Vec<Binding>,
    pub objects: Vec<Binding>,
    pub functions: Vec<FunctionDef>,
    pub classes: Vec<ClassDef>,
    pub main: Vec<Stmt>,
    pub expect: Vec<Expr>,
    pub invariants: Vec<Expr>,
    pub max_steps: Option<u64>,
    /// What `sim check` records for this scenario.
    pub check: CheckPlan,
    /// Where `main:` starts, for reports about the main thread.
    pub main_span: Span,
}

#[derive(Deserialize)]
#[serde(rename = "Scenario", deny_unknown_fields)]
struct Sections<'a> {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, borrow)]
    globals: Option<&'a RawValue>,
    #[serde(default, borrow)]
    objects: Option<&'a RawValue>,
    #[serde(default, borrow)]
    functions: Option<&'a RawValue>,
    #[serde(default, borrow)]
    classes: Option<&'a RawValue>,
    #[serde(borrow)]
    main: &'a RawValue,
    #[serde(default, borrow)]
    expect: Option<&'a RawValue>,
    #[serde(default, borrow)]
    invariants: Option<&'a RawValue>,
    #[serde(default)]
    max_steps: Option<u64>,
    #[serde(default, borrow)]
    check: Option<&'a RawValue>,
}

/// Loads a scenario from its text. `default_name` names it when the file does not.
pub fn load(text: &str, default_name: &str) -> Result<Scenario, Diagnostic> {
    let whole = Piece { text, offset: 0 };
    let sections: Sections = whole.parse("valid RON here").map_err(|d| explain_ron_error(text, d))?;
    let globals = match sections.globals {
        Some(raw) => bindings(text, Piece::of(text, raw), "globals", false)?,
        None => Vec::new(),
    };
    let objects = match sections.objects {
        Some(raw) => bindings(text, Piece::of(text, raw), "objects", true)?,
        None => Vec::new(),
    };
    let functions = match sections.functions {
        Some(raw) => functions(text, Piece::of(text, raw))?,
        None => Vec::new(),
    };
    let classes = match sections.classes {
        Some(raw) => classes(text, Piece::of(text, raw))?,
        None => Vec::new(),
    };
    let main_piece = Piece::of(text, sections.main);
    let main = ops::read_body(text, main_piece)?;
    let expect = match sections.expect {
        Some(raw) => expressions(text, Piece::of(text, raw))?,
        None => Vec::new(),
    };
    let invariants = match sections.invariants {
        Some(raw) => expressions(text, Piece::of(text, raw))?,
        None => Vec::new(),
    };
    let check = match sections.check {
        Some(raw) => check::read(Piece::of(text, raw))?,
        None => CheckPlan::default(),
    };
    Ok(Scenario {
        name: sections.name.unwrap_or_else(|| default_name.to_string()),
        description: sections.description,
        globals,
        objects,
        functions,
        classes,
        main,
        expect,
        invariants,
        max_steps: sections.max_steps,
        check,
        main_span: Span::new(main_piece.offset, main_piece.offset + 1),
    })
}

/// Adds a hint to a RON syntax error for a mistake scenario authors make often: mixing
/// positional and named arguments in one operation (`Print("x", end: "")`), which RON
/// does not allow.
fn explain_ron_error(text: &str, d: Diagnostic) -> Diagnostic {
    let at = (d.span.start as usize).min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let mixed = line.split(',').skip(1).any(|part| {
        let part = part.trim_start();
        let name_len = part.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(0);
        name_len > 0
            && part[name_len..].trim_start().starts_with(':')
            && !part[name_len..].trim_start().starts_with("::")
    }) && line.contains("(\"");
    if mixed && d.help.is_none() {
        d.with_help("an operation's arguments are either all positional or all named in RON, e.g. Print(text: \"...\", end: \"\")")
    } else {
        d
    }
}

fn name_key(key: Piece<'_>) -> Result<(String, Span), Diagnostic> {
    let s = key.string("a name")?;
    if !ops::is_identifier(&s.text) {
        return Err(Diagnostic::new(format!("`{}` is not a valid name", s.text), s.span)
            .with_label("expected a Python identifier"));
    }
    Ok((s.text, s.span))
}

/// `{"name": value, ...}` of `globals:` or `objects:`. A global's value is a RON
/// literal (a string is a string). An object's value is a Python expression in a string,
/// or a RON form, where a class without arguments (`Lock`) is called (`Lock()`).
fn bindings(file: &str, piece: Piece<'_>, section: &str, call_bare: bool) -> Result<Vec<Binding>, Diagnostic> {
    let entries = piece.map(file, &format!("the {section} as {{\"name\": value, ...}}"))?;
    let mut out: Vec<Binding> = Vec::new();
    for (key, value) in entries {
        let (name, span) = name_key(key)?;
        if out.iter().any(|b| b.name == name) {
            return Err(Diagnostic::new(
                format!("`{name}` is declared twice in {section}"),
                span,
            ));
        }
        let mut expr = if call_bare {
            ops::read_expr(value)?
        } else {
            syntax::parse_expr(value.text, value.origin(), syntax::Dialect::Ron)?
        };
        if call_bare && !value.is_string() && matches!(expr.kind, ExprKind::Name(_) | ExprKind::Attribute { .. }) {
            let span = expr.span;
            expr = Expr::new(
                ExprKind::Call {
                    func: Box::new(expr),
                    args: Vec::new(),
                },
                span,
            );
        }
        out.push(Binding {
            name,
            span,
            value: expr,
        });
    }
    Ok(out)
}

fn functions(file: &str, piece: Piece<'_>) -> Result<Vec<FunctionDef>, Diagnostic> {
    let entries = piece.map(file, "the functions as {\"name(params)\": [operations], ...}")?;
    entries
        .into_iter()
        .map(|(key, value)| {
            let sig = key.string("a function signature such as \"worker(i)\"")?;
            let sig = syntax::parse_signature(&sig.text, sig.origin())?;
            let body = ops::read_body(file, value)?;
            Ok(ops::function_def(sig, body, key.span()))
        })
        .collect()
}

fn classes(file: &str, piece: Piece<'_>) -> Result<Vec<ClassDef>, Diagnostic> {
    let entries = piece.map(file, "the classes as {\"Name(Base)\": {members}, ...}")?;
    entries
        .into_iter()
        .map(|(key, value)| {
            let header = key.string("a class header such as \"MyThread(Thread)\"")?;
            let header = syntax::parse_class_header(&header.text, header.origin())?;
            let members = value.map(
                file,
                "the class members as {\"method(self)\": [operations], \"attr\": value}",
            )?;
            let body = members
                .into_iter()
                .map(|(k, v)| class_member(file, k, v))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(ClassDef {
                name: header.name,
                name_span: header.name_span,
                bases: header.bases,
                body,
                decorators: Vec::new(),
                span: key.span(),
            })
        })
        .collect()
}

/// A method (`"run(self)": [...]`) or a class attribute (`"count": 0`).
fn class_member(file: &str, key: Piece<'_>, value: Piece<'_>) -> Result<Stmt, Diagnostic> {
    let text = key.string("a method signature or an attribute name")?;
    if text.text.contains('(') {
        let sig = syntax::parse_signature(&text.text, text.origin())?;
        let body = ops::read_body(file, value)?;
        let def = ops::function_def(sig, body, key.span());
        return Ok(Stmt::new(StmtKind::FunctionDef(Box::new(def)), key.span()));
    }
    let (name, span) = name_key(key)?;
    let value = ops::read_expr(value)?;
    let target = Expr::new(ExprKind::Name(name), span);
    Ok(Stmt::new(
        StmtKind::Assign {
            targets: vec![target],
            value,
        },
        span,
    ))
}

fn expressions(file: &str, piece: Piece<'_>) -> Result<Vec<Expr>, Diagnostic> {
    piece
        .list(file, "a list of expressions")?
        .into_iter()
        .map(ops::read_expr)
        .collect()
}
