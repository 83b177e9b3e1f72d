//! Spans: every node covers its source text, children lie inside their parents, statements
//! cover the whole statement, and a `TextOrigin` (a base or a map) turns fragment offsets into
//! file offsets.

use super::super::ast::{Arg, Expr, ExprKind, FPart, Stmt, StmtKind};
use super::super::{Dialect, TextOrigin, parse_expr, parse_module};
use super::{dump, spanned};

fn parse(text: &str) -> Expr {
    parse_expr(text, TextOrigin::at(0), Dialect::Python).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

/// The direct sub-expressions of `expr`.
fn children(expr: &Expr) -> Vec<&Expr> {
    match &expr.kind {
        ExprKind::None
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Name(_) => Vec::new(),
        ExprKind::FString(parts) => fstring_children(parts),
        ExprKind::Attribute { value, .. }
        | ExprKind::Starred(value)
        | ExprKind::YieldFrom(value)
        | ExprKind::Await(value)
        | ExprKind::Unary { operand: value, .. } => vec![value],
        ExprKind::Subscript { value, index } => vec![value, index],
        ExprKind::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().map(|b| &**b).collect(),
        ExprKind::Call { func, args } => {
            let args = args.iter().map(|arg| match arg {
                Arg::Positional(e) | Arg::Star(e) | Arg::Keyword(_, _, e) | Arg::StarStar(e) => e,
            });
            std::iter::once(&**func).chain(args).collect()
        }
        ExprKind::Binary { left, right, .. } => vec![left, right],
        ExprKind::BoolOp { values, .. } | ExprKind::Tuple(values) | ExprKind::List(values) | ExprKind::Set(values) => {
            values.iter().collect()
        }
        ExprKind::Compare { left, ops } => std::iter::once(&**left).chain(ops.iter().map(|(_, e)| e)).collect(),
        ExprKind::IfExp { test, body, orelse } => vec![test, body, orelse],
        ExprKind::Dict(items) => items.iter().flat_map(|(k, v)| k.iter().chain([v])).collect(),
        ExprKind::Comprehension {
            elt, value, generators, ..
        } => {
            let clauses = generators
                .iter()
                .flat_map(|g| [&g.target, &g.iter].into_iter().chain(g.ifs.iter()));
            std::iter::once(&**elt).chain(value.as_deref()).chain(clauses).collect()
        }
        ExprKind::Lambda { params, body } => {
            let defaults = [&params.posonly, &params.args, &params.kwonly]
                .into_iter()
                .flatten()
                .filter_map(|p| p.default.as_ref());
            defaults.chain([&**body]).collect()
        }
        ExprKind::Yield(value) => value.iter().map(|b| &**b).collect(),
    }
}

fn fstring_children(parts: &[FPart]) -> Vec<&Expr> {
    parts
        .iter()
        .flat_map(|part| match part {
            FPart::Literal(_) => Vec::new(),
            FPart::Field { expr, spec, .. } => std::iter::once(&**expr).chain(fstring_children(spec)).collect(),
        })
        .collect()
}

/// Every node of the tree with the text its span covers.
fn spanned_nodes<'t>(text: &'t str, expr: &Expr) -> Vec<(String, &'t str)> {
    let mut nodes = vec![(dump(expr), spanned(text, expr.span))];
    for child in children(expr) {
        assert!(
            expr.span.start <= child.span.start && child.span.end <= expr.span.end,
            "{} is outside {} in {text:?}",
            dump(child),
            dump(expr)
        );
        nodes.extend(spanned_nodes(text, child));
    }
    nodes
}

fn assert_spans(text: &str, expected: &[(&str, &str)]) {
    let nodes = spanned_nodes(text, &parse(text));
    for (node, covered) in expected {
        assert!(
            nodes.iter().any(|(n, c)| n == node && c == covered),
            "no {node} covering {covered:?} in {nodes:#?}"
        );
    }
}

#[test]
fn operators_cover_their_operands() {
    assert_spans(
        "a + b * -c ** 2",
        &[
            ("(+ a (* b (- (** c 2))))", "a + b * -c ** 2"),
            ("(* b (- (** c 2)))", "b * -c ** 2"),
            ("(- (** c 2))", "-c ** 2"),
            ("(** c 2)", "c ** 2"),
        ],
    );
    assert_spans("(a) + (b)", &[("(+ a b)", "(a) + (b)"), ("a", "a"), ("b", "b")]);
    assert_spans(
        "not a < b",
        &[("(not (cmp a < b))", "not a < b"), ("(cmp a < b)", "a < b")],
    );
    assert_spans(
        "a and b or c",
        &[("(or (and a b) c)", "a and b or c"), ("(and a b)", "a and b")],
    );
    assert_spans("x if c else y", &[("(if c x y)", "x if c else y")]);
    assert_spans("lambda x=1: x", &[("(lambda (x=1) x)", "lambda x=1: x"), ("1", "1")]);
    assert_spans("await f()", &[("(await (call f))", "await f()")]);
}

#[test]
fn primaries_and_displays_cover_their_brackets() {
    assert_spans(
        "f(a, *b, k=c)[1:2].attr",
        &[
            ("(. ([] (call f a *b k=c) (: 1 2 _)) attr)", "f(a, *b, k=c)[1:2].attr"),
            ("([] (call f a *b k=c) (: 1 2 _))", "f(a, *b, k=c)[1:2]"),
            ("(call f a *b k=c)", "f(a, *b, k=c)"),
            ("(: 1 2 _)", "1:2"),
        ],
    );
    assert_spans("a[:]", &[("(: _ _ _)", ":")]);
    assert_spans("a[1:2, 3]", &[("(tuple (: 1 2 _) 3)", "1:2, 3")]);
    assert_spans("a, b,", &[("(tuple a b)", "a, b,")]);
    assert_spans("(a, b)", &[("(tuple a b)", "(a, b)")]);
    assert_spans("[*a]", &[("(list *a)", "[*a]"), ("*a", "*a")]);
    assert_spans("{1: 2}", &[("(dict 1:2)", "{1: 2}")]);
    assert_spans("sum(x for x in y)", &[("(genexp x (for x y))", "(x for x in y)")]);
    assert_spans(
        "[x for x in y if x]",
        &[("(listcomp x (for x y (if x)))", "[x for x in y if x]")],
    );
    assert_spans("'a' 'b'", &[(r#""ab""#, "'a' 'b'")]);
    assert_spans("f'{x!r:>{w}}'", &[("x", "x"), ("w", "w")]);
}

#[test]
fn children_lie_inside_parents_for_many_expressions() {
    let samples = [
        "f(a)(b)[c].d",
        "lambda a, *b, c=1, **d: a if b else c",
        "{**a, b: [c for c in d if c async for e in f]}",
        "yield from (yield x)",
        "f'{a=}{b!r:{c}.{d}}' 'e'",
        "x[a:b:c, *d]",
        "not -a ** ~b // c @ d << e & f ^ g | h < i in j",
    ];
    for text in samples {
        spanned_nodes(text, &parse(text));
    }
}

fn statement_texts(text: &str) -> Vec<&str> {
    let body = parse_module(text, TextOrigin::at(0)).unwrap_or_else(|e| panic!("{e:?}"));
    body.iter().map(|stmt| spanned(text, stmt.span)).collect()
}

#[test]
fn statements_cover_the_whole_statement() {
    assert_eq!(statement_texts("x = 1  # comment\ny += f(2)\n"), ["x = 1", "y += f(2)"]);
    assert_eq!(statement_texts("a; b;\n"), ["a", "b"]);
    assert_eq!(
        statement_texts("if a:\n    b\nelse:\n    c\n\nd"),
        ["if a:\n    b\nelse:\n    c", "d"]
    );
    assert_eq!(
        statement_texts("@dec\ndef f(x):\n    return x\n# trailing\n"),
        ["@dec\ndef f(x):\n    return x"]
    );
    assert_eq!(statement_texts("x = (1,\n     2)\n"), ["x = (1,\n     2)"]);
}

#[test]
fn nested_nodes_of_statements_have_their_own_spans() {
    let text =
        "class A(B):\n    def m(self):\n        try:\n            pass\n        except E as e:\n            raise\n";
    let body = parse_module(text, TextOrigin::at(0)).expect("parses");
    let StmtKind::ClassDef(class) = &body[0].kind else {
        panic!()
    };
    assert_eq!(spanned(text, class.name_span), "A");
    assert_eq!(spanned(text, class.span), text.trim_end());
    let StmtKind::FunctionDef(def) = &class.body[0].kind else {
        panic!()
    };
    assert_eq!(spanned(text, def.name_span), "m");
    assert_eq!(spanned(text, def.params.args[0].span), "self");
    let StmtKind::Try { handlers, .. } = &def.body[0].kind else {
        panic!()
    };
    assert_eq!(spanned(text, handlers[0].span), "except E as e:\n            raise");
    let Stmt {
        kind: StmtKind::Raise { .. },
        span,
    } = &handlers[0].body[0]
    else {
        panic!()
    };
    assert_eq!(spanned(text, *span), "raise");
}

#[test]
fn keyword_argument_and_attribute_name_spans() {
    let text = "obj.attr(key=1)";
    let ExprKind::Call { func, args } = parse(text).kind else {
        panic!()
    };
    let Arg::Keyword(name, name_span, _) = &args[0] else {
        panic!()
    };
    assert_eq!((name.as_str(), spanned(text, *name_span)), ("key", "key"));
    let ExprKind::Attribute { attr_span, .. } = func.kind else {
        panic!()
    };
    assert_eq!(spanned(text, attr_span), "attr");
}

#[test]
fn a_base_offset_shifts_every_span() {
    let expr = parse_expr("a + b", TextOrigin::at(100), Dialect::Python).expect("parses");
    assert_eq!((expr.span.start, expr.span.end), (100, 105));
    let error = parse_expr("a +", TextOrigin::at(100), Dialect::Python).expect_err("incomplete");
    assert_eq!((error.span.start, error.span.end), (103, 103));
}

/// Decodes the RON string whose opening quote is at `quote` in `file`: the fragment and the
/// map from its bytes to file offsets, as the scenario loader builds them.
fn unescape(file: &str, quote: usize) -> (String, Vec<u32>) {
    let mut fragment = String::new();
    let mut map = Vec::new();
    let mut chars = file[quote + 1..].char_indices().map(|(i, c)| (i + quote + 1, c));
    while let Some((at, c)) = chars.next() {
        let c = match c {
            '"' => {
                map.push(at as u32);
                break;
            }
            '\\' => chars
                .next()
                .map_or('\\', |(_, escaped)| if escaped == 'n' { '\n' } else { escaped }),
            c => c,
        };
        map.extend(std::iter::repeat_n(at as u32, c.len_utf8()));
        fragment.push(c);
    }
    (fragment, map)
}

#[test]
fn a_map_translates_spans_of_an_unescaped_fragment() {
    let file = r#"run: "f(\"é\", b)\nnext""#;
    let (fragment, map) = unescape(file, 5);
    assert_eq!(fragment, "f(\"é\", b)\nnext");
    let origin = TextOrigin {
        base: 5,
        map: Some(&map),
    };

    let error = parse_expr(&fragment, origin, Dialect::Ron).expect_err("two expressions");
    assert_eq!(&file[error.span.start as usize..error.span.end as usize], "next");

    let (fragment, map) = unescape(r#"run: "f(\"é\", b)""#, 5);
    let origin = TextOrigin {
        base: 5,
        map: Some(&map),
    };
    let expr = parse_expr(&fragment, origin, Dialect::Ron).expect("parses");
    let covered = |e: &Expr| &file[e.span.start as usize..e.span.end as usize];
    assert_eq!(covered(&expr), r#"f(\"é\", b)"#);
    let ExprKind::Call { args, .. } = &expr.kind else {
        panic!()
    };
    let [Arg::Positional(string), Arg::Positional(b)] = &args[..] else {
        panic!()
    };
    assert_eq!(covered(string), r#"\"é\""#);
    assert_eq!(covered(b), "b");

    let error = parse_expr("f(", origin, Dialect::Ron).expect_err("unclosed");
    assert_eq!(
        (error.span.start, error.span.end),
        (8, 8),
        "the end of `f(` is fragment byte 2"
    );
}

#[test]
fn a_map_also_serves_modules_and_fstrings() {
    let file = r#"code: "if x:\n    y = 1""#;
    let (fragment, map) = unescape(file, 6);
    let origin = TextOrigin {
        base: 6,
        map: Some(&map),
    };
    let body = parse_module(&fragment, origin).expect("parses");
    let StmtKind::If { branches, .. } = &body[0].kind else {
        panic!()
    };
    let assignment = &branches[0].1[0];
    assert_eq!(
        &file[assignment.span.start as usize..assignment.span.end as usize],
        "y = 1"
    );

    let file = r#"print: "n = {n:>3}""#;
    let (fragment, map) = unescape(file, 7);
    let parts = super::super::parse_fstring(
        &fragment,
        TextOrigin {
            base: 7,
            map: Some(&map),
        },
    )
    .expect("parses");
    let FPart::Field { expr, .. } = &parts[1] else { panic!() };
    assert_eq!(&file[expr.span.start as usize..expr.span.end as usize], "n");
}
