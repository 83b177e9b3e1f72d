//! The RON dialect: `true`/`false`, `//` and nested `/* */` comments, raw strings with
//! hashes, `\u{...}` escapes and `name: value` keyword arguments.

use super::super::ast::ExprKind;
use super::super::{Dialect, TextOrigin, parse_expr};
use super::{py, ron};

fn ron_error(text: &str) -> super::super::SyntaxError {
    parse_expr(text, TextOrigin::at(0), Dialect::Ron).expect_err("should fail")
}

fn ron_string(text: &str) -> String {
    match parse_expr(text, TextOrigin::at(0), Dialect::Ron).expect("parses").kind {
        ExprKind::Str(value) => value,
        other => panic!("{other:?}"),
    }
}

#[test]
fn booleans_in_both_spellings() {
    assert_eq!(ron("true"), "True");
    assert_eq!(ron("false"), "False");
    assert_eq!(ron("True and not false"), "(and True (not False))");
    assert_eq!(ron("[true, None]"), "(list True None)");
}

#[test]
fn line_and_nested_block_comments() {
    assert_eq!(ron("1 // one\n + 2"), "(+ 1 2)");
    assert_eq!(ron("/* a /* nested */ comment */ x"), "x");
    assert_eq!(ron("f(/* first */ a, // second\n b)"), "(call f a b)");
    assert_eq!(ron("a // b"), "a", "there is no floor division");
    assert_eq!(py("a // b"), "(// a b)");
    assert_eq!(
        super::py_error("a /* b */").message,
        "unexpected token '*', expected an expression"
    );
}

#[test]
fn unterminated_block_comment() {
    let error = ron_error("x /* /* */");
    assert_eq!(error.message, "unterminated block comment");
    assert_eq!((error.span.start, error.span.end), (2, 4));
}

#[test]
fn raw_strings_with_hashes() {
    assert_eq!(ron_string(r#"r"a\nb""#), r"a\nb");
    assert_eq!(ron_string(r##"r#"say "hi""#"##), r#"say "hi""#);
    assert_eq!(ron_string(r###"r##"a"#b"##"###), r##"a"#b"##);
    assert_eq!(ron_string(r#"r"ends with \""#), r"ends with \");
    let error = ron_error(r##"r#"open"##);
    assert_eq!(error.message, "unterminated raw string literal");
    assert_eq!(ron_error("r#x").message, "expected '\"' to start the raw string");
}

#[test]
fn braced_unicode_escapes() {
    assert_eq!(ron_string(r#""\u{1F600} \u{41}\u0042""#), "😀 AB");
    assert_eq!(
        ron_error(r#""\u{}""#).message,
        r"invalid \u{...} escape: expected 1 to 6 hex digits in braces"
    );
    assert_eq!(
        ron_error(r#""\u{1234567}""#).message,
        r"invalid \u{...} escape: expected 1 to 6 hex digits in braces"
    );
    assert_eq!(
        ron_error(r#""\u{D800}""#).message,
        "escape sequence U+D800 is not a valid character"
    );
}

#[test]
fn keyword_arguments_with_colons() {
    assert_eq!(ron("Lock(name: 'l', fair: true)"), r#"(call Lock name="l" fair=True)"#);
    assert_eq!(ron("Queue(maxsize = 2)"), "(call Queue maxsize=2)");
    assert_eq!(ron("f(a, b: [1, 2], **c)"), "(call f a b=(list 1 2) **c)");
    assert_eq!(ron("{a: 1}"), "(dict a:1)", "a dict is still a dict");
    assert_eq!(ron("x[a:b]"), "([] x (: a b _))");
    assert_eq!(ron("f(lambda x: x)"), "(call f (lambda (x) x))");
    let error = super::py_error("f(a: 1)");
    assert_eq!(error.message, "expected ')' to close '(', found token ':'");
}

#[test]
fn python_strings_and_fstrings_still_work() {
    assert_eq!(ron("'single' \"double\""), r#""singledouble""#);
    assert_eq!(ron("f'{x!r}'"), "(f {x!r})");
    assert_eq!(ron(r"rf'\d{x}'"), r#"(f "\\d" {x})"#);
}
