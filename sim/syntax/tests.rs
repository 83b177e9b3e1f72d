//! Unit tests of the parser. Trees are compared through a compact S-expression dump whose
//! shape follows Python's `ast.dump` (e.g. `a + b * c` is `(+ a (* b c))`).

mod entry_points;
mod errors;
mod expressions;
mod fstrings;
mod literals;
mod robustness;
mod ron;
mod spans;
mod statements;

use super::ast::{Arg, CompFor, CompKind, Expr, ExprKind, FPart, Param, Params, Stmt, StmtKind};
use super::{Dialect, Span, SyntaxError, TextOrigin};

/// An expression in the Python dialect, dumped.
fn py(text: &str) -> String {
    match super::parse_expr(text, TextOrigin::at(0), Dialect::Python) {
        Ok(expr) => dump(&expr),
        Err(e) => panic!("{text:?} failed: {e:?}"),
    }
}

/// An expression in the RON dialect, dumped.
fn ron(text: &str) -> String {
    match super::parse_expr(text, TextOrigin::at(0), Dialect::Ron) {
        Ok(expr) => dump(&expr),
        Err(e) => panic!("{text:?} failed: {e:?}"),
    }
}

/// The error of an expression in the Python dialect.
fn py_error(text: &str) -> SyntaxError {
    match super::parse_expr(text, TextOrigin::at(0), Dialect::Python) {
        Ok(expr) => panic!("{text:?} parsed as {}", dump(&expr)),
        Err(e) => e,
    }
}

/// A module, its statements dumped one per line.
fn module(text: &str) -> String {
    match super::parse_module(text, TextOrigin::at(0)) {
        Ok(body) => body.iter().map(dump_stmt).collect::<Vec<_>>().join("\n"),
        Err(e) => panic!("{text:?} failed: {e:?}"),
    }
}

fn module_error(text: &str) -> SyntaxError {
    match super::parse_module(text, TextOrigin::at(0)) {
        Ok(body) => panic!(
            "{text:?} parsed as {:?}",
            body.iter().map(dump_stmt).collect::<Vec<_>>()
        ),
        Err(e) => e,
    }
}

/// The source text a span covers (spans of a text parsed at offset 0).
fn spanned(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

fn dump(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::None => "None".to_string(),
        ExprKind::Bool(true) => "True".to_string(),
        ExprKind::Bool(false) => "False".to_string(),
        ExprKind::Int(value) => value.to_string(),
        ExprKind::Float(value) => format!("{value:?}"),
        ExprKind::Str(value) => format!("{value:?}"),
        ExprKind::FString(parts) => format!("(f{})", dump_fparts(parts)),
        ExprKind::Name(name) => name.clone(),
        ExprKind::Attribute { value, attr, .. } => format!("(. {} {attr})", dump(value)),
        ExprKind::Subscript { value, index } => format!("([] {} {})", dump(value), dump(index)),
        ExprKind::Slice { lower, upper, step } => {
            let bound = |b: &Option<Box<Expr>>| b.as_deref().map_or("_".to_string(), dump);
            format!("(: {} {} {})", bound(lower), bound(upper), bound(step))
        }
        ExprKind::Call { func, args } => format!("(call {}{})", dump(func), dump_args(args)),
        ExprKind::Unary { op, operand } => {
            let symbol = match op {
                super::ast::UnaryOp::Not => "not",
                super::ast::UnaryOp::Neg => "-",
                super::ast::UnaryOp::Pos => "+",
                super::ast::UnaryOp::Invert => "~",
            };
            format!("({symbol} {})", dump(operand))
        }
        ExprKind::Binary { op, left, right } => {
            format!("({} {} {})", op.symbol(), dump(left), dump(right))
        }
        ExprKind::BoolOp { op, values } => {
            let name = match op {
                super::ast::BoolOpKind::And => "and",
                super::ast::BoolOpKind::Or => "or",
            };
            format!("({name}{})", list(values))
        }
        ExprKind::Compare { left, ops } => {
            let rest: String = ops
                .iter()
                .map(|(op, e)| format!(" {} {}", op.symbol(), dump(e)))
                .collect();
            format!("(cmp {}{rest})", dump(left))
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("(if {} {} {})", dump(test), dump(body), dump(orelse))
        }
        ExprKind::Tuple(items) => format!("(tuple{})", list(items)),
        ExprKind::List(items) => format!("(list{})", list(items)),
        ExprKind::Set(items) => format!("(set{})", list(items)),
        ExprKind::Dict(items) => {
            let items: String = items
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!(" {}:{}", dump(k), dump(v)),
                    None => format!(" **{}", dump(v)),
                })
                .collect();
            format!("(dict{items})")
        }
        ExprKind::Starred(value) => format!("*{}", dump(value)),
        ExprKind::Comprehension {
            kind,
            elt,
            value,
            generators,
        } => {
            let name = match kind {
                CompKind::List => "listcomp",
                CompKind::Set => "setcomp",
                CompKind::Dict => "dictcomp",
                CompKind::Generator => "genexp",
            };
            let value = value.as_deref().map_or(String::new(), |v| format!(" {}", dump(v)));
            let generators: String = generators.iter().map(dump_comp_for).collect();
            format!("({name} {}{value}{generators})", dump(elt))
        }
        ExprKind::Lambda { params, body } => {
            format!("(lambda {} {})", dump_params(params), dump(body))
        }
        ExprKind::Yield(None) => "(yield)".to_string(),
        ExprKind::Yield(Some(value)) => format!("(yield {})", dump(value)),
        ExprKind::YieldFrom(value) => format!("(yield-from {})", dump(value)),
        ExprKind::Await(value) => format!("(await {})", dump(value)),
    }
}

/// Each item preceded by a space.
fn list(items: &[Expr]) -> String {
    items.iter().map(|e| format!(" {}", dump(e))).collect()
}

fn dump_args(args: &[Arg]) -> String {
    args.iter()
        .map(|arg| match arg {
            Arg::Positional(e) => format!(" {}", dump(e)),
            Arg::Star(e) => format!(" *{}", dump(e)),
            Arg::Keyword(name, _, e) => format!(" {name}={}", dump(e)),
            Arg::StarStar(e) => format!(" **{}", dump(e)),
        })
        .collect()
}

fn dump_comp_for(generator: &CompFor) -> String {
    let kind = if generator.is_async { "async-for" } else { "for" };
    let ifs: String = generator.ifs.iter().map(|c| format!(" (if {})", dump(c))).collect();
    format!(" ({kind} {} {}{ifs})", dump(&generator.target), dump(&generator.iter))
}

/// Each part preceded by a space: literal text quoted, fields in braces.
fn dump_fparts(parts: &[FPart]) -> String {
    parts
        .iter()
        .map(|part| match part {
            FPart::Literal(text) => format!(" {text:?}"),
            FPart::Field {
                expr,
                conversion,
                spec,
                debug_text,
            } => {
                let conversion = conversion.map_or(String::new(), |c| format!("!{c}"));
                let spec = if spec.is_empty() {
                    String::new()
                } else {
                    format!(" :({})", dump_fparts(spec).trim_start())
                };
                let debug = debug_text.as_ref().map_or(String::new(), |d| format!(" debug={d:?}"));
                format!(" {{{}{conversion}{spec}{debug}}}", dump(expr))
            }
        })
        .collect()
}

/// `(posonly / args *vararg kwonly **kwarg)` with `name:annotation=default`.
fn dump_params(params: &Params) -> String {
    let param = |prefix: &str, p: &Param| {
        let annotation = p.annotation.as_ref().map_or(String::new(), |a| format!(":{}", dump(a)));
        let default = p.default.as_ref().map_or(String::new(), |d| format!("={}", dump(d)));
        format!("{prefix}{}{annotation}{default}", p.name)
    };
    let mut parts: Vec<String> = params.posonly.iter().map(|p| param("", p)).collect();
    if !params.posonly.is_empty() {
        parts.push("/".to_string());
    }
    parts.extend(params.args.iter().map(|p| param("", p)));
    match &params.vararg {
        Some(p) => parts.push(param("*", p)),
        None if !params.kwonly.is_empty() => parts.push("*".to_string()),
        None => {}
    }
    parts.extend(params.kwonly.iter().map(|p| param("", p)));
    parts.extend(params.kwarg.iter().map(|p| param("**", p)));
    format!("({})", parts.join(" "))
}

fn dump_block(body: &[Stmt]) -> String {
    format!("[{}]", body.iter().map(dump_stmt).collect::<Vec<_>>().join("; "))
}

fn dump_stmt(stmt: &Stmt) -> String {
    match &stmt.kind {
        StmtKind::Expr(e) => dump(e),
        StmtKind::Assign { targets, value } => format!("(={} {})", list(targets), dump(value)),
        StmtKind::AugAssign { target, op, value } => {
            format!("({}= {} {})", op.symbol(), dump(target), dump(value))
        }
        StmtKind::If { branches, orelse } => {
            let branches: String = branches
                .iter()
                .map(|(test, body)| format!(" {} {}", dump(test), dump_block(body)))
                .collect();
            format!("(if{branches} else {})", dump_block(orelse))
        }
        StmtKind::While { test, body, orelse } => {
            format!(
                "(while {} {} else {})",
                dump(test),
                dump_block(body),
                dump_block(orelse)
            )
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            is_async,
        } => {
            let kind = if *is_async { "async-for" } else { "for" };
            format!(
                "({kind} {} {} {} else {})",
                dump(target),
                dump(iter),
                dump_block(body),
                dump_block(orelse)
            )
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let handlers: String = handlers
                .iter()
                .map(|h| {
                    let ty = h.ty.as_ref().map_or("_".to_string(), dump);
                    let name = h.name.as_deref().unwrap_or("_");
                    format!(" (except {ty} {name} {})", dump_block(&h.body))
                })
                .collect();
            format!(
                "(try {}{handlers} else {} finally {})",
                dump_block(body),
                dump_block(orelse),
                dump_block(finalbody)
            )
        }
        StmtKind::With { items, body, is_async } => {
            let kind = if *is_async { "async-with" } else { "with" };
            let items: String = items
                .iter()
                .map(|item| match &item.target {
                    Some(target) => format!(" ({} as {})", dump(&item.context), dump(target)),
                    None => format!(" {}", dump(&item.context)),
                })
                .collect();
            format!("({kind}{items} {})", dump_block(body))
        }
        StmtKind::FunctionDef(def) => {
            let kind = if def.is_async { "async-def" } else { "def" };
            let decorators: String = def.decorators.iter().map(|d| format!(" @{}", dump(d))).collect();
            format!(
                "({kind}{decorators} {} {} {})",
                def.name,
                dump_params(&def.params),
                dump_block(&def.body)
            )
        }
        StmtKind::ClassDef(class) => {
            let decorators: String = class.decorators.iter().map(|d| format!(" @{}", dump(d))).collect();
            format!(
                "(class{decorators} {} ({}) {})",
                class.name,
                list(&class.bases).trim_start(),
                dump_block(&class.body)
            )
        }
        StmtKind::Return(value) => match value {
            Some(value) => format!("(return {})", dump(value)),
            None => "(return)".to_string(),
        },
        StmtKind::Raise { exc, cause } => {
            let exc = exc.as_ref().map_or(String::new(), |e| format!(" {}", dump(e)));
            let cause = cause.as_ref().map_or(String::new(), |c| format!(" from {}", dump(c)));
            format!("(raise{exc}{cause})")
        }
        StmtKind::Assert { test, msg } => {
            let msg = msg.as_ref().map_or(String::new(), |m| format!(" {}", dump(m)));
            format!("(assert {}{msg})", dump(test))
        }
        StmtKind::Delete(targets) => format!("(del{})", list(targets)),
        StmtKind::Global(names) => format!("(global {})", names.join(" ")),
        StmtKind::Nonlocal(names) => format!("(nonlocal {})", names.join(" ")),
        StmtKind::Break => "break".to_string(),
        StmtKind::Continue => "continue".to_string(),
        StmtKind::Pass => "pass".to_string(),
    }
}
