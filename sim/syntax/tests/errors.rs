//! Expression errors: each message says what was found and what was expected (or uses
//! Python's wording), and its span points at the offending token — an empty span at the end
//! for a text that ends too early.

use super::py_error;

fn assert_errors(cases: &[(&str, &str, std::ops::Range<usize>)]) {
    for (text, message, span) in cases {
        let error = py_error(text);
        assert_eq!(error.message, *message, "{text:?}");
        assert_eq!(
            error.span.start as usize..error.span.end as usize,
            span.clone(),
            "{text:?}"
        );
    }
}

#[test]
fn unexpected_tokens_and_unclosed_brackets() {
    assert_errors(&[
        ("", "unexpected end of input, expected an expression", 0..0),
        ("1 +", "unexpected end of input, expected an expression", 3..3),
        ("x + =", "unexpected token '=', expected an expression", 4..5),
        ("f(a", "expected ')' to close '(', found end of input", 3..3),
        ("(a", "expected ')' to close '(', found end of input", 2..2),
        ("[1, 2", "expected ']' to close '[', found end of input", 5..5),
        ("{a: 1", "expected '}' to close '{', found end of input", 5..5),
        ("f(a]", "expected ')' to close '(', found token ']'", 3..4),
        ("f(a b)", "expected ')' to close '(', found name 'b'", 4..5),
        ("a b", "unexpected name 'b', expected end of input", 2..3),
        ("a)", "unmatched ')'", 1..2),
        ("a]", "unmatched ']'", 1..2),
        (
            "a.",
            "unexpected end of input, expected an attribute name after '.'",
            2..2,
        ),
        (
            "a.if",
            "unexpected keyword 'if', expected an attribute name after '.'",
            2..4,
        ),
        ("not", "unexpected end of input, expected an expression", 3..3),
        ("a not b", "unexpected keyword 'not', expected end of input", 2..5),
        (
            "a if b",
            "unexpected end of input, expected 'else' after 'if' expression",
            6..6,
        ),
        (
            "await await x",
            "unexpected keyword 'await', expected an expression",
            6..11,
        ),
        ("x[]", "unexpected token ']', expected an expression", 2..3),
        ("{a: 1, b}", "unexpected token '}', expected ':'", 8..9),
        ("lambda x y: 1", "unexpected name 'y', expected ':'", 9..10),
        ("lambda (x): 1", "unexpected token '(', expected a parameter name", 7..8),
        ("x 1.5", "unexpected number '1.5', expected end of input", 2..5),
        ("x 'text'", "unexpected string literal, expected end of input", 2..8),
    ]);
}

#[test]
fn long_tokens_are_truncated_in_messages() {
    let text = format!("a {}", "b".repeat(50));
    let error = py_error(&text);
    assert_eq!(
        error.message,
        "unexpected name 'bbbbbbbbbbbbbbbbbbbb...', expected end of input"
    );
    assert_eq!((error.span.start, error.span.end), (2, 52));
}

#[test]
fn invalid_characters() {
    assert_errors(&[
        ("a $ b", "invalid character '$' (U+0024)", 2..3),
        ("a ! b", "invalid character '!' (U+0021)", 2..3),
        ("a € b", "invalid character '€' (U+20AC)", 2..5),
        ("a ? b", "invalid character '?' (U+003F)", 2..3),
    ]);
}

#[test]
fn argument_order_errors_match_python() {
    assert_errors(&[
        ("f(a=1, b)", "positional argument follows keyword argument", 7..8),
        (
            "f(**a, b)",
            "positional argument follows keyword argument unpacking",
            7..8,
        ),
        (
            "f(**a, *b)",
            "iterable argument unpacking follows keyword argument unpacking",
            7..8,
        ),
        ("f(a=1, a=2)", "keyword argument repeated: a", 7..8),
        (
            "f(x for x in y, 1)",
            "Generator expression must be parenthesized",
            2..14,
        ),
        (
            "f(1, x for x in y)",
            "Generator expression must be parenthesized",
            5..17,
        ),
        (
            "f(a.b=1)",
            "expression cannot contain assignment, perhaps you meant \"==\"?",
            2..5,
        ),
    ]);
}

#[test]
fn starred_expressions_out_of_place() {
    assert_errors(&[
        ("*a", "can't use starred expression here", 0..2),
        ("(*a)", "can't use starred expression here", 1..3),
        ("yield *a", "can't use starred expression here", 6..8),
        (
            "[*a for a in b]",
            "iterable unpacking cannot be used in comprehension",
            1..3,
        ),
        (
            "{**a for a in b}",
            "dict unpacking cannot be used in dict comprehension",
            3..4,
        ),
        ("a + *b", "unexpected token '*', expected an expression", 4..5),
    ]);
}

#[test]
fn unsupported_constructs_say_so() {
    assert_errors(&[
        ("x := 1", "assignment expressions (':=') are not supported", 2..4),
        ("(x := 1)", "assignment expressions (':=') are not supported", 3..5),
        ("f(x := 1)", "assignment expressions (':=') are not supported", 4..6),
        ("...", "Ellipsis ('...') is not supported", 0..3),
        ("f(...)", "Ellipsis ('...') is not supported", 2..5),
        ("b'x'", "bytes are not supported", 0..4),
        ("2j", "imaginary numbers are not supported", 0..2),
    ]);
}

#[test]
fn comprehension_targets_must_be_targets() {
    assert_errors(&[
        ("[x for 1 in y]", "cannot assign to literal", 7..8),
        ("[x for f() in y]", "cannot assign to function call", 7..10),
        (
            "[x for x in y if]",
            "unexpected token ']', expected an expression",
            16..17,
        ),
        ("[x for x]", "unexpected token ']', expected 'in'", 8..9),
    ]);
}
