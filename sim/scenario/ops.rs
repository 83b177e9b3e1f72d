//! The statement vocabulary of scenario files: one RON operation per Python statement or
//! API call (`Print`, `Assign`, `If`/`Elif`/`Else`, `Acquire`, `Put`, ...), its arguments,
//! and how each lowers to the shared syntax tree.
//!
//! An operation's arguments are given positionally (`Join("t", 2)`) or by name
//! (`Join(thread: "t", timeout: 2)`), like a Python call. `scenarios/README.md` documents
//! every operation; `OPERATIONS` is the single list both the loader and that reference use.

use super::piece::{Args, Piece};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::syntax::ast::{Arg, Expr, ExprKind, Handler, Stmt, StmtKind, WithItem};
use crate::syntax::{self, Dialect, Span};

/// How an argument's RON value is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A Python expression in a string, or a RON number/bool literal.
    Expr,
    /// An assignment target in a string.
    Target,
    /// An f-string body in a string (`"Number: {i}"`).
    Format,
    /// A plain string value.
    Text,
    /// A list of operations.
    Body,
    /// Any number of names, each a string.
    Names,
    /// What follows `except`: `"ValueError as e"`.
    ExceptClause,
    /// What follows `with`: `"lock"`, `"cond as c"`.
    WithItem,
    /// A function signature: `"worker(i, n=3)"`.
    Signature,
}

struct Param {
    name: &'static str,
    kind: Kind,
    required: bool,
}

const fn req(name: &'static str, kind: Kind) -> Param {
    Param {
        name,
        kind,
        required: true,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Param {
    Param {
        name,
        kind,
        required: false,
    }
}

pub struct Operation {
    pub name: &'static str,
    params: &'static [Param],
}

impl Operation {
    /// `Name(arg, [optional])` as the reference writes it.
    pub fn usage(&self) -> String {
        if self.params.is_empty() {
            return self.name.to_string();
        }
        let args: Vec<String> = self
            .params
            .iter()
            .map(|p| {
                if p.required {
                    p.name.to_string()
                } else {
                    format!("[{}]", p.name)
                }
            })
            .collect();
        format!("{}({})", self.name, args.join(", "))
    }
}

use Kind::*;

macro_rules! ops {
    ($($name:ident [$($param:expr),*]),* $(,)?) => {
        pub const OPERATIONS: &[Operation] = &[$(Operation { name: stringify!($name), params: &[$($param),*] }),*];
    };
}

ops! {
    Print [req("text", Format), opt("end", Text)],
    Assign [req("target", Target), req("value", Expr)],
    Do [req("expr", Expr)],
    If [req("cond", Expr), req("body", Body)],
    Elif [req("cond", Expr), req("body", Body)],
    Else [req("body", Body)],
    While [req("cond", Expr), req("body", Body)],
    For [req("target", Target), req("iter", Expr), req("body", Body)],
    Repeat [req("count", Expr), req("body", Body)],
    Break [],
    Continue [],
    Pass [],
    Return [opt("value", Expr)],
    Try [req("body", Body)],
    Except [opt("clause", ExceptClause), req("body", Body)],
    Finally [req("body", Body)],
    Raise [opt("exc", Expr), opt("cause", Expr)],
    With [req("item", WithItem), req("body", Body)],
    AsyncWith [req("item", WithItem), req("body", Body)],
    Await [req("awaitable", Expr)],
    Assert [req("cond", Expr), opt("msg", Expr)],
    Def [req("signature", Signature), req("body", Body)],
    Global [req("names", Names)],
    Nonlocal [req("names", Names)],
    Del [req("target", Target)],
    Start [req("thread", Expr)],
    Join [req("thread", Expr), opt("timeout", Expr)],
    Acquire [req("lock", Expr), opt("timeout", Expr)],
    Release [req("lock", Expr)],
    Wait [req("obj", Expr), opt("timeout", Expr)],
    Set [req("event", Expr)],
    Clear [req("event", Expr)],
    Notify [req("cond", Expr), opt("n", Expr)],
    NotifyAll [req("cond", Expr)],
    Put [req("queue", Expr), req("item", Expr)],
    Get [req("queue", Expr), opt("target", Target)],
    TaskDone [req("queue", Expr)],
    Sleep [req("seconds", Expr)],
    Cancel [req("timer", Expr)],
}

/// A parsed argument value.
enum Value {
    Expr(Expr),
    Text(String),
    Body(Vec<Stmt>),
    Names(Vec<String>),
    Except(syntax::ExceptClause),
    With(WithItem),
    Signature(Box<syntax::Signature>),
}

/// An operation as read, before `If`/`Elif`/`Else` and `Try`/`Except`/`Finally` are joined.
enum Item {
    Stmt(Stmt),
    Elif(Expr, Vec<Stmt>, Span),
    Else(Vec<Stmt>, Span),
    Except(Handler),
    Finally(Vec<Stmt>, Span),
}

/// Reads a list of operations (a body) from `piece`.
pub fn read_body<'a>(file: &'a str, piece: Piece<'a>) -> Result<Vec<Stmt>, Diagnostic> {
    let items = piece
        .list(file, "a list of operations")?
        .into_iter()
        .map(|p| read_item(file, p))
        .collect::<Result<Vec<_>, _>>()?;
    join_clauses(items)
}

fn read_item<'a>(file: &'a str, piece: Piece<'a>) -> Result<Item, Diagnostic> {
    let call = piece.call(file, "an operation such as Print(\"...\")")?;
    let Some(op) = OPERATIONS.iter().find(|o| o.name == call.name.text) else {
        let mut d = Diagnostic::new(format!("unknown operation `{}`", call.name.text), call.name.span())
            .with_label("expected an operation");
        if let Some(s) = did_you_mean(call.name.text, OPERATIONS.iter().map(|o| o.name)) {
            d = d.with_help(format!("did you mean `{s}`?"));
        } else {
            d = d.with_help("see scenarios/README.md for the operations");
        }
        return Err(d);
    };
    let span = piece.span();
    let mut args = bind(file, op, call.args, call.name.span())?;
    lower(op.name, &mut args, span)
}

/// Matches positional or named arguments to the operation's parameters and reads them.
fn bind<'a>(file: &'a str, op: &Operation, args: Args<'a>, at: Span) -> Result<Vec<Option<Value>>, Diagnostic> {
    let mut pieces: Vec<Vec<Piece<'a>>> = op.params.iter().map(|_| Vec::new()).collect();
    match args {
        Args::Unit => {}
        Args::Positional(items) => {
            let variadic = op.params.last().is_some_and(|p| p.kind == Names);
            if items.len() > op.params.len() && !variadic {
                let extra = items[op.params.len()];
                return Err(Diagnostic::new(
                    format!(
                        "{} takes at most {} argument{}, got {}",
                        op.name,
                        op.params.len(),
                        plural(op.params.len()),
                        items.len()
                    ),
                    extra.span(),
                )
                .with_label("unexpected argument")
                .with_help(format!("usage: {}", op.usage())));
            }
            for (i, item) in positions(op, items.len()).into_iter().zip(items) {
                pieces[i].push(item);
            }
        }
        Args::Named(items) => {
            for (key, value) in items {
                let Some(i) = op.params.iter().position(|p| p.name == key.text) else {
                    let names: Vec<&str> = op.params.iter().map(|p| p.name).collect();
                    let mut d = Diagnostic::new(format!("{} has no argument `{}`", op.name, key.text), key.span())
                        .with_label(format!("expected one of: {}", names.join(", ")));
                    if let Some(s) = did_you_mean(key.text, names.iter().copied()) {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    return Err(d);
                };
                if !pieces[i].is_empty() {
                    return Err(Diagnostic::new(
                        format!("argument `{}` given twice", key.text),
                        key.span(),
                    ));
                }
                pieces[i].push(value);
            }
        }
    }
    op.params
        .iter()
        .zip(pieces)
        .map(|(param, given)| {
            if given.is_empty() {
                if param.required {
                    return Err(
                        Diagnostic::new(format!("{} needs its `{}` argument", op.name, param.name), at)
                            .with_label(format!("missing `{}`", param.name))
                            .with_help(format!("usage: {}", op.usage())),
                    );
                }
                return Ok(None);
            }
            read_value(file, param, &given).map(Some)
        })
        .collect()
}

/// Which parameter each of `n` positional arguments fills: optional parameters that come
/// before a required one are skipped when there are too few arguments for all
/// (`Except([...])` is the body alone), the rest fill in order (a trailing variadic
/// parameter takes the remainder).
fn positions(op: &Operation, n: usize) -> Vec<usize> {
    let mut missing = op.params.len().saturating_sub(n);
    let mut slots = Vec::new();
    for (i, p) in op.params.iter().enumerate() {
        let required_later = op.params[i + 1..].iter().any(|q| q.required);
        if !p.required && missing > 0 && required_later {
            missing -= 1;
            continue;
        }
        slots.push(i);
    }
    let last = op.params.len().saturating_sub(1);
    (0..n).map(|k| slots.get(k).copied().unwrap_or(last)).collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn read_value<'a>(file: &'a str, param: &Param, pieces: &[Piece<'a>]) -> Result<Value, Diagnostic> {
    let piece = pieces[0];
    Ok(match param.kind {
        Expr => Value::Expr(read_expr(piece)?),
        Target => {
            let s = piece.string("an assignment target")?;
            Value::Expr(syntax::parse_target(&s.text, s.origin())?)
        }
        Format => {
            let s = piece.string("the text to print")?;
            let parts = syntax::parse_fstring(&s.text, s.origin())?;
            Value::Expr(crate::syntax::ast::Expr::new(ExprKind::FString(parts), s.span))
        }
        Text => Value::Text(piece.string("a string")?.text),
        Body => Value::Body(read_body(file, piece)?),
        Names => Value::Names(
            pieces
                .iter()
                .map(|p| {
                    let s = p.string("a name")?;
                    if !is_identifier(&s.text) {
                        return Err(Diagnostic::new(format!("`{}` is not a name", s.text), s.span)
                            .with_label("expected a name"));
                    }
                    Ok(s.text)
                })
                .collect::<Result<_, _>>()?,
        ),
        ExceptClause => {
            let s = piece.string("an exception type such as \"ValueError as e\"")?;
            Value::Except(syntax::parse_except_clause(&s.text, s.origin())?)
        }
        WithItem => {
            let s = piece.string("a context manager such as \"lock\"")?;
            Value::With(syntax::parse_with_item(&s.text, s.origin())?)
        }
        Signature => {
            let s = piece.string("a function signature such as \"worker(i)\"")?;
            Value::Signature(Box::new(syntax::parse_signature(&s.text, s.origin())?))
        }
    })
}

/// An expression argument: Python in a string, or a bare RON literal such as `5` or `true`.
pub fn read_expr(piece: Piece<'_>) -> Result<Expr, Diagnostic> {
    if piece.is_string() {
        let s = piece.string("an expression")?;
        Ok(syntax::parse_expr(&s.text, s.origin(), Dialect::Python)?)
    } else {
        Ok(syntax::parse_expr(piece.text, piece.origin(), Dialect::Ron)?)
    }
}

pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_') && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn take_expr(args: &mut [Option<Value>], i: usize) -> Option<Expr> {
    match args[i].take() {
        Some(Value::Expr(e)) => Some(e),
        _ => None,
    }
}

fn take_body(args: &mut [Option<Value>], i: usize) -> Vec<Stmt> {
    match args[i].take() {
        Some(Value::Body(b)) => b,
        _ => Vec::new(),
    }
}

fn lower(op: &str, args: &mut [Option<Value>], span: Span) -> Result<Item, Diagnostic> {
    let stmt = |kind| Ok(Item::Stmt(Stmt::new(kind, span)));
    let expr = |args: &mut [Option<Value>], i| take_expr(args, i).expect("required argument");
    match op {
        "Print" => {
            let text = expr(args, 0);
            let mut call_args = vec![Arg::Positional(text)];
            if let Some(Value::Text(end)) = args[1].take() {
                call_args.push(Arg::Keyword("end".into(), span, Expr::new(ExprKind::Str(end), span)));
            }
            stmt(StmtKind::Expr(call(name("print", span), call_args, span)))
        }
        "Assign" => {
            let target = expr(args, 0);
            let value = expr(args, 1);
            stmt(StmtKind::Assign {
                targets: vec![target],
                value,
            })
        }
        "Do" => stmt(StmtKind::Expr(expr(args, 0))),
        "If" => {
            let cond = expr(args, 0);
            stmt(StmtKind::If {
                branches: vec![(cond, take_body(args, 1))],
                orelse: Vec::new(),
            })
        }
        "Elif" => {
            let cond = expr(args, 0);
            Ok(Item::Elif(cond, take_body(args, 1), span))
        }
        "Else" => Ok(Item::Else(take_body(args, 0), span)),
        "While" => {
            let test = expr(args, 0);
            stmt(StmtKind::While {
                test,
                body: take_body(args, 1),
                orelse: Vec::new(),
            })
        }
        "For" => {
            let target = expr(args, 0);
            let iter = expr(args, 1);
            stmt(StmtKind::For {
                target,
                iter,
                body: take_body(args, 2),
                orelse: Vec::new(),
                is_async: false,
            })
        }
        "Repeat" => {
            let count = expr(args, 0);
            let iter = call(name("range", count.span), vec![Arg::Positional(count)], span);
            stmt(StmtKind::For {
                target: name("_", span),
                iter,
                body: take_body(args, 1),
                orelse: Vec::new(),
                is_async: false,
            })
        }
        "Break" => stmt(StmtKind::Break),
        "Continue" => stmt(StmtKind::Continue),
        "Pass" => stmt(StmtKind::Pass),
        "Return" => stmt(StmtKind::Return(take_expr(args, 0))),
        "Try" => stmt(StmtKind::Try {
            body: take_body(args, 0),
            handlers: Vec::new(),
            orelse: Vec::new(),
            finalbody: Vec::new(),
        }),
        "Except" => {
            let clause = match args[0].take() {
                Some(Value::Except(c)) => c,
                _ => syntax::ExceptClause { ty: None, name: None },
            };
            Ok(Item::Except(Handler {
                ty: clause.ty,
                name: clause.name.map(|(n, _)| n),
                body: take_body(args, 1),
                span,
            }))
        }
        "Finally" => Ok(Item::Finally(take_body(args, 0), span)),
        "Raise" => {
            let exc = take_expr(args, 0);
            let cause = take_expr(args, 1);
            stmt(StmtKind::Raise { exc, cause })
        }
        "With" | "AsyncWith" => {
            let Some(Value::With(item)) = args[0].take() else {
                unreachable!("required argument")
            };
            stmt(StmtKind::With {
                items: vec![item],
                body: take_body(args, 1),
                is_async: op == "AsyncWith",
            })
        }
        "Await" => {
            let awaited = expr(args, 0);
            let span = awaited.span;
            stmt(StmtKind::Expr(Expr::new(ExprKind::Await(Box::new(awaited)), span)))
        }
        "Assert" => {
            let test = expr(args, 0);
            stmt(StmtKind::Assert {
                test,
                msg: take_expr(args, 1),
            })
        }
        "Def" => {
            let Some(Value::Signature(sig)) = args[0].take() else {
                unreachable!("required argument")
            };
            let body = take_body(args, 1);
            stmt(StmtKind::FunctionDef(Box::new(function_def(*sig, body, span))))
        }
        "Global" | "Nonlocal" => {
            let Some(Value::Names(names)) = args[0].take() else {
                unreachable!("required argument")
            };
            stmt(if op == "Global" {
                StmtKind::Global(names)
            } else {
                StmtKind::Nonlocal(names)
            })
        }
        "Del" => stmt(StmtKind::Delete(vec![expr(args, 0)])),
        "Get" => {
            let queue = expr(args, 0);
            let value = method_call(queue, "get", Vec::new(), span);
            match take_expr(args, 1) {
                Some(target) => stmt(StmtKind::Assign {
                    targets: vec![target],
                    value,
                }),
                None => stmt(StmtKind::Expr(value)),
            }
        }
        _ => {
            let (method, keyword) = api_call(op);
            let receiver = expr(args, 0);
            let rest: Vec<Arg> = (1..args.len())
                .filter_map(|i| take_expr(args, i))
                .map(|e| match keyword {
                    Some(k) => Arg::Keyword(k.to_string(), e.span, e),
                    None => Arg::Positional(e),
                })
                .collect();
            let value = if op == "Sleep" {
                call(
                    attribute(name("time", span), "sleep", span),
                    vec![Arg::Positional(receiver)],
                    span,
                )
            } else {
                method_call(receiver, method, rest, span)
            };
            stmt(StmtKind::Expr(value))
        }
    }
}

/// The Python method an API operation calls, and the keyword its second argument is passed
/// as (`Acquire("l", 2)` means `l.acquire(timeout=2)`), if not positional.
fn api_call(op: &str) -> (&'static str, Option<&'static str>) {
    match op {
        "Start" => ("start", None),
        "Join" => ("join", None),
        "Acquire" => ("acquire", Some("timeout")),
        "Release" => ("release", None),
        "Wait" => ("wait", None),
        "Set" => ("set", None),
        "Clear" => ("clear", None),
        "Notify" => ("notify", None),
        "NotifyAll" => ("notify_all", None),
        "Put" => ("put", None),
        "TaskDone" => ("task_done", None),
        "Cancel" => ("cancel", None),
        _ => ("sleep", None),
    }
}

fn name(id: &str, span: Span) -> Expr {
    Expr::new(ExprKind::Name(id.to_string()), span)
}

fn attribute(value: Expr, attr: &str, span: Span) -> Expr {
    Expr::new(
        ExprKind::Attribute {
            value: Box::new(value),
            attr: attr.to_string(),
            attr_span: span,
        },
        span,
    )
}

fn call(func: Expr, args: Vec<Arg>, span: Span) -> Expr {
    Expr::new(
        ExprKind::Call {
            func: Box::new(func),
            args,
        },
        span,
    )
}

fn method_call(receiver: Expr, method: &str, args: Vec<Arg>, span: Span) -> Expr {
    let recv_span = receiver.span;
    call(attribute(receiver, method, recv_span), args, span)
}

pub fn function_def(sig: syntax::Signature, body: Vec<Stmt>, span: Span) -> crate::syntax::ast::FunctionDef {
    crate::syntax::ast::FunctionDef {
        name: sig.name,
        name_span: sig.name_span,
        params: sig.params,
        body,
        decorators: sig.decorators,
        is_async: sig.is_async,
        span,
    }
}

/// Attaches `Elif`, `Else`, `Except` and `Finally` to the statement before them.
fn join_clauses(items: Vec<Item>) -> Result<Vec<Stmt>, Diagnostic> {
    let mut out: Vec<Stmt> = Vec::new();
    for item in items {
        let last = out.last_mut();
        match item {
            Item::Stmt(s) => {
                check_try_complete(out.last())?;
                out.push(s);
            }
            Item::Elif(cond, body, span) => match last.map(|s| (&mut s.kind, &mut s.span)) {
                Some((StmtKind::If { branches, orelse }, stmt_span)) if orelse.is_empty() => {
                    branches.push((cond, body));
                    *stmt_span = stmt_span.to(span);
                }
                _ => return Err(misplaced("Elif", "an If (or another Elif)", span)),
            },
            Item::Else(body, span) => {
                let Some(s) = last else {
                    return Err(misplaced("Else", "an If, While, For or Try with Except", span));
                };
                let slot = match &mut s.kind {
                    StmtKind::If { orelse, .. } | StmtKind::While { orelse, .. } | StmtKind::For { orelse, .. } => {
                        orelse
                    }
                    StmtKind::Try {
                        handlers,
                        orelse,
                        finalbody,
                        ..
                    } if !handlers.is_empty() && finalbody.is_empty() => orelse,
                    _ => return Err(misplaced("Else", "an If, While, For or Try with Except", span)),
                };
                if !slot.is_empty() {
                    return Err(misplaced(
                        "Else",
                        "an If, While, For or Try with Except (one Else each)",
                        span,
                    ));
                }
                *slot = body;
                s.span = s.span.to(span);
            }
            Item::Except(handler) => match last.map(|s| (&mut s.kind, &mut s.span)) {
                Some((
                    StmtKind::Try {
                        handlers,
                        orelse,
                        finalbody,
                        ..
                    },
                    stmt_span,
                )) if orelse.is_empty() && finalbody.is_empty() => {
                    if handlers.last().is_some_and(|h| h.ty.is_none()) {
                        return Err(Diagnostic::new("a bare Except must be the last one", handler.span));
                    }
                    *stmt_span = stmt_span.to(handler.span);
                    handlers.push(handler);
                }
                _ => return Err(misplaced("Except", "a Try (or another Except)", handler.span)),
            },
            Item::Finally(body, span) => match last.map(|s| (&mut s.kind, &mut s.span)) {
                Some((StmtKind::Try { finalbody, .. }, stmt_span)) if finalbody.is_empty() => {
                    *finalbody = if body.is_empty() {
                        vec![Stmt::new(StmtKind::Pass, span)]
                    } else {
                        body
                    };
                    *stmt_span = stmt_span.to(span);
                }
                _ => return Err(misplaced("Finally", "a Try, its Excepts or its Else", span)),
            },
        }
    }
    check_try_complete(out.last())?;
    Ok(out)
}

fn check_try_complete(last: Option<&Stmt>) -> Result<(), Diagnostic> {
    if let Some(Stmt {
        kind: StmtKind::Try {
            handlers, finalbody, ..
        },
        span,
    }) = last
        && handlers.is_empty()
        && finalbody.is_empty()
    {
        return Err(
            Diagnostic::new("Try needs an Except or a Finally right after it", *span)
                .with_label("this Try has no Except or Finally"),
        );
    }
    Ok(())
}

fn misplaced(what: &str, after: &str, span: Span) -> Diagnostic {
    Diagnostic::new(format!("{what} must come right after {after}"), span).with_label(format!("misplaced {what}"))
}
