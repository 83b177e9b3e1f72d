//! F-strings, in string literals and through `parse_fstring`: literal text, doubled braces,
//! fields with conversions, specs (with nested fields) and the `=` debug form.

use super::super::ast::{ExprKind, FPart};
use super::super::{TextOrigin, parse_fstring};
use super::{dump_fparts, py, py_error};

/// A body parsed with `parse_fstring`, dumped.
fn body(text: &str) -> String {
    let parts = parse_fstring(text, TextOrigin::at(0)).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
    dump_fparts(&parts).trim_start().to_string()
}

#[test]
fn text_and_fields() {
    assert_eq!(py("f'Number: {i}'"), r#"(f "Number: " {i})"#);
    assert_eq!(py("f'{a}{b}'"), "(f {a} {b})");
    assert_eq!(py("f'{ x }'"), "(f {x})");
    assert_eq!(
        py("f'{x + 1} and {f(y)[0]}'"),
        r#"(f {(+ x 1)} " and " {([] (call f y) 0)})"#
    );
    assert_eq!(py("f'{a, b}'"), "(f {(tuple a b)})");
    assert_eq!(py("f'{(lambda x: x)(1)}'"), "(f {(call (lambda (x) x) 1)})");
    assert_eq!(py("f'{yield}'"), "(f {(yield)})");
}

#[test]
fn doubled_braces_are_literal() {
    assert_eq!(py("f'{{}}'"), r#"(f "{}")"#);
    assert_eq!(py("f'{{{x}}}'"), r#"(f "{" {x} "}")"#);
}

#[test]
fn escapes_in_literal_text() {
    assert_eq!(py(r"f'a\n{x}'"), r#"(f "a\n" {x})"#);
    assert_eq!(py(r"rf'a\n{x}'"), r#"(f "a\\n" {x})"#);
    assert_eq!(
        py(r"f'\{x}'"),
        r#"(f "\\" {x})"#,
        "as in Python, a backslash does not escape a brace"
    );
}

#[test]
fn expressions_with_brackets_quotes_and_operators() {
    assert_eq!(py(r#"f'{d["k"]}'"#), r#"(f {([] d "k")})"#);
    assert_eq!(py(r#"f'{"a" if x else "b"}'"#), r#"(f {(if x "a" "b")})"#);
    assert_eq!(py("f'{ {1: 2}[1] }'"), "(f {([] (dict 1:2) 1)})");
    assert_eq!(py("f'{a!=b}'"), "(f {(cmp a != b)})");
    assert_eq!(py("f'{a==b}'"), "(f {(cmp a == b)})");
    assert_eq!(py("f'{a<b}'"), "(f {(cmp a < b)})");
    assert_eq!(py("f'{a>=b}'"), "(f {(cmp a >= b)})");
    assert_eq!(py("f'{f(a=1)}'"), "(f {(call f a=1)})");
    assert_eq!(py("f'''{\"\"\"x\"\"\"}'''"), r#"(f {"x"})"#);
    assert_eq!(py("f'{f\"{x}\"}'"), "(f {(f {x})})");
}

#[test]
fn conversions() {
    assert_eq!(py("f'{x!r}'"), "(f {x!r})");
    assert_eq!(py("f'{x!s}'"), "(f {x!s})");
    assert_eq!(py("f'{x!a}'"), "(f {x!a})");
    assert_eq!(py("f'{x!r:>10}'"), r#"(f {x!r :(">10")})"#);
}

#[test]
fn format_specs_with_nested_fields() {
    assert_eq!(py("f'{x:>10}'"), r#"(f {x :(">10")})"#);
    assert_eq!(py("f'{x:{w}}'"), "(f {x :({w})})");
    assert_eq!(py("f'{x:{w}.{p}f}'"), r#"(f {x :({w} "." {p} "f")})"#);
    assert_eq!(py("f'{x:>{w!r}}'"), r#"(f {x :(">" {w!r})})"#);
    assert_eq!(py("f'{x::}'"), r#"(f {x :(":")})"#);
    assert_eq!(
        py("f'{x:=1}'"),
        r#"(f {x :("=1")})"#,
        "`:=` starts a spec, as in Python"
    );
    assert_eq!(py("f'{x:}'"), "(f {x})");
}

#[test]
fn debug_form_keeps_its_text_and_leaves_the_conversion_to_the_compiler() {
    assert_eq!(py("f'{x=}'"), r#"(f {x debug="x="})"#);
    assert_eq!(py("f'{x = }'"), r#"(f {x debug="x = "})"#);
    assert_eq!(py("f'{ a + b =}'"), r#"(f {(+ a b) debug=" a + b ="})"#);
    assert_eq!(py("f'{x=!r}'"), r#"(f {x!r debug="x="})"#);
    assert_eq!(py("f'{x=:>5}'"), r#"(f {x :(">5") debug="x="})"#);
    assert_eq!(py("f'{x = !s:{w}}'"), r#"(f {x!s :({w}) debug="x = "})"#);
}

#[test]
fn fstring_errors_match_python() {
    let cases = [
        ("f'{}'", "f-string: empty expression not allowed", 3..4),
        ("f'{ }'", "f-string: empty expression not allowed", 4..5),
        (
            "f'{x!z}'",
            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            5..6,
        ),
        (
            "f'{x!}'",
            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
            5..6,
        ),
        ("f'{x!r }'", "f-string: expecting '}'", 6..7),
        ("f'{x!r=}'", "f-string: expecting '}'", 6..7),
        ("f'}'", "f-string: single '}' is not allowed", 2..3),
        ("f'{x'", "f-string: expecting '}'", 4..4),
        ("f'{x:{y'", "f-string: expecting '}'", 7..7),
        ("f'{x:{y:{z}}}'", "f-string: expressions nested too deeply", 8..9),
        ("f'{x#}'", "f-string expression part cannot include '#'", 4..5),
        (r"f'{x\n}'", "f-string expression part cannot include a backslash", 4..5),
        (
            r#"f'{"\n"}'"#,
            "f-string expression part cannot include a backslash",
            4..5,
        ),
        ("f'{x)}'", "f-string: unmatched ')'", 4..5),
        (
            "f'{(x]}'",
            "f-string: closing parenthesis ']' does not match opening parenthesis '('",
            5..6,
        ),
        ("f'{\"x}'", "f-string: unterminated string", 3..4),
        ("f'{x y}'", "unexpected name 'y', expected end of input", 5..6),
        ("f'{x:=1}' f'{:=1}'", "f-string: empty expression not allowed", 13..14),
    ];
    for (text, message, span) in cases {
        let error = py_error(text);
        assert_eq!(error.message, message, "{text}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text}");
    }
}

#[test]
fn parse_fstring_takes_an_already_decoded_body() {
    assert_eq!(body("Number: {i}"), r#""Number: " {i}"#);
    assert_eq!(body("Number: {i:>3}"), r#""Number: " {i :(">3")}"#);
    assert_eq!(body(r"a\n{x}"), r#""a\\n" {x}"#, "backslashes are literal text");
    assert_eq!(body("{{literal}}"), r#""{literal}""#);
    assert_eq!(body("{d['k']!r} {n=}"), r#"{([] d "k")!r} " " {n debug="n="}"#);
    assert_eq!(body(""), "");
    let error = parse_fstring("ok {", TextOrigin::at(10)).expect_err("unclosed");
    assert_eq!(error.message, "f-string: expecting '}'");
    assert_eq!((error.span.start, error.span.end), (14, 14));
}

#[test]
fn field_expressions_have_spans_in_the_file() {
    let parts = parse_fstring("ab{x + y}", TextOrigin::at(100)).expect("parses");
    let FPart::Field { expr, .. } = &parts[1] else {
        panic!("{parts:?}");
    };
    assert_eq!((expr.span.start, expr.span.end), (103, 108));
    let ExprKind::Binary { right, .. } = &expr.kind else {
        panic!("{expr:?}");
    };
    assert_eq!((right.span.start, right.span.end), (107, 108));
}
