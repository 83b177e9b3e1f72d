//! Constants and literals: numbers in every base, strings with every prefix, quote style and
//! escape, concatenation, and the literal forms that are out of scope.

use super::super::ast::ExprKind;
use super::super::{Dialect, TextOrigin};
use super::{py, py_error};

#[test]
fn constants() {
    assert_eq!(py("None"), "None");
    assert_eq!(py("True"), "True");
    assert_eq!(py("False"), "False");
    assert_eq!(py("true"), "true", "a plain name in the Python dialect");
}

#[test]
fn integers() {
    assert_eq!(py("0"), "0");
    assert_eq!(py("00"), "0");
    assert_eq!(py("0_0"), "0");
    assert_eq!(py("42"), "42");
    assert_eq!(py("1_000_000"), "1000000");
    assert_eq!(py("0x_ff"), "255");
    assert_eq!(py("0XFF"), "255");
    assert_eq!(py("0o17"), "15");
    assert_eq!(py("0O1_7"), "15");
    assert_eq!(py("0b1010"), "10");
    assert_eq!(py("0B_1"), "1");
    assert_eq!(py("9223372036854775807"), "9223372036854775807");
    assert_eq!(py("0x7fff_ffff_ffff_ffff"), "9223372036854775807");
}

#[test]
fn floats() {
    assert_eq!(py("1."), "1.0");
    assert_eq!(py(".5"), "0.5");
    assert_eq!(py("1.5"), "1.5");
    assert_eq!(py("1e5"), "100000.0");
    assert_eq!(py("1E-2"), "0.01");
    assert_eq!(py("1.e+2"), "100.0");
    assert_eq!(py("1_0.5e-3"), "0.0105");
    assert_eq!(py("1e400"), "inf");
    assert_eq!(py("1..real"), "(. 1.0 real)");
}

#[test]
fn invalid_numbers() {
    let cases = [
        ("9223372036854775808", "integer literal too large", 0..19),
        ("0xFFFF_FFFF_FFFF_FFFF", "integer literal too large", 0..21),
        (
            "01",
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
            0..2,
        ),
        ("1_", "invalid decimal literal", 1..2),
        ("1__0", "invalid decimal literal", 1..2),
        ("1e", "invalid decimal literal", 2..2),
        ("1abc", "invalid decimal literal", 1..2),
        ("0x", "invalid hexadecimal literal", 2..2),
        ("0x1g", "invalid hexadecimal literal", 3..4),
        ("0o8", "invalid digit '8' in octal literal", 2..3),
        ("0b102", "invalid digit '2' in binary literal", 4..5),
        ("1j", "imaginary numbers are not supported", 0..2),
        ("1.5J", "imaginary numbers are not supported", 0..4),
    ];
    for (text, message, span) in cases {
        let error = py_error(text);
        assert_eq!(error.message, message, "{text}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text}");
    }
}

/// The value of a string literal.
fn value(text: &str) -> String {
    let expr = super::super::parse_expr(text, TextOrigin::at(0), Dialect::Python).expect("a string");
    match expr.kind {
        ExprKind::Str(value) => value,
        other => panic!("{text:?} is {other:?}"),
    }
}

#[test]
fn quote_styles() {
    assert_eq!(value("'a'"), "a");
    assert_eq!(value(r#""a""#), "a");
    assert_eq!(value("'''a\nb'''"), "a\nb");
    assert_eq!(value(r#""""it's "quoted" """"#), r#"it's "quoted" "#);
    assert_eq!(value("''"), "");
    assert_eq!(value(r#"'"'"#), "\"");
}

#[test]
fn prefixes() {
    assert_eq!(value("u'x'"), "x");
    assert_eq!(value(r"r'\n'"), r"\n");
    assert_eq!(value(r"R'\n'"), r"\n");
    assert_eq!(
        value(r"r'\''"),
        r"\'",
        "a backslash keeps a quote from closing a raw string"
    );
    assert_eq!(py("f'x'"), r#"(f "x")"#);
    assert_eq!(py("F'{x}'"), "(f {x})");
    assert_eq!(py(r"rf'\n{x}'"), r#"(f "\\n" {x})"#);
    assert_eq!(py(r"fR'{x}\n'"), r#"(f {x} "\\n")"#);
    assert_eq!(py("Rf'a'"), r#"(f "a")"#);
}

#[test]
fn escapes() {
    assert_eq!(value(r#"'\n\t\r\\\'\"'"#), "\n\t\r\\'\"");
    assert_eq!(value(r"'\a\b\f\v\0'"), "\x07\x08\x0c\x0b\0");
    assert_eq!(value(r"'\x41\101\u00e9\U0001F600'"), "AAé😀");
    assert_eq!(value(r"'\777'"), "\u{1ff}");
    assert_eq!(value(r"'\d\q'"), r"\d\q", "unknown escapes keep their backslash");
    assert_eq!(value("'a\\\nb'"), "ab", "backslash-newline joins lines");
    assert_eq!(value("'a\\\r\nb'"), "ab");
}

#[test]
fn invalid_escapes() {
    let error = py_error(r"'\x4'");
    assert_eq!(error.message, r"invalid \x escape: expected 2 hex digits after '\x'");
    assert_eq!((error.span.start, error.span.end), (1, 3));
    assert_eq!(
        py_error(r"'\u12'").message,
        r"invalid \u escape: expected 4 hex digits after '\u'"
    );
    assert_eq!(
        py_error(r"'\u{41}'").message,
        r"invalid \u escape: expected 4 hex digits after '\u'",
        "the braced form is RON's only"
    );
    assert_eq!(
        py_error(r"'\U0011FFFF'").message,
        "escape sequence U+11FFFF is not a valid character"
    );
    assert_eq!(
        py_error(r"'\ud800'").message,
        "escape sequence U+D800 is not a valid character"
    );
    assert_eq!(py_error(r"'\N{BULLET}'").message, r"\N{...} escapes are not supported");
}

#[test]
fn adjacent_strings_concatenate() {
    assert_eq!(value("'a' 'b'"), "ab");
    assert_eq!(value(r#"'a' "b" '''c'''"#), "abc");
    assert_eq!(value("('a'\n 'b')"), "ab");
    assert_eq!(py("'a' f'{x}'"), r#"(f "a" {x})"#);
    assert_eq!(py("f'{x}' 'b' 'c'"), r#"(f {x} "bc")"#);
    assert_eq!(py("'a' f''"), r#"(f "a")"#);
    assert_eq!(py("f''"), "(f)");
    assert_eq!(py("f'a' 'b' f'{c}'"), r#"(f "ab" {c})"#);
}

#[test]
fn unsupported_and_unterminated_literals() {
    let cases = [
        ("b'x'", "bytes are not supported", 0..4),
        ("Rb'x'", "bytes are not supported", 0..5),
        ("'abc", "unterminated string literal", 0..4),
        ("'ab\nc'", "unterminated string literal", 0..3),
        ("'''abc''", "unterminated triple-quoted string literal", 0..8),
        ("'\\'", "unterminated string literal", 0..3),
        ("...", "Ellipsis ('...') is not supported", 0..3),
        ("x[...]", "Ellipsis ('...') is not supported", 2..5),
    ];
    for (text, message, span) in cases {
        let error = py_error(text);
        assert_eq!(error.message, message, "{text}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text}");
    }
}
