//! The small entry points: assignment targets, function signatures, class headers, `except`
//! clauses and `with` items, with their errors.

use super::super::{
    ClassHeader, ExceptClause, Signature, SyntaxError, TextOrigin, parse_class_header, parse_except_clause,
    parse_signature, parse_target, parse_with_item,
};
use super::{dump, dump_params, spanned};

fn target(text: &str) -> String {
    dump(&parse_target(text, TextOrigin::at(0)).unwrap_or_else(|e| panic!("{text:?}: {e:?}")))
}

fn target_error(text: &str) -> SyntaxError {
    parse_target(text, TextOrigin::at(0)).expect_err("not a target")
}

fn signature(text: &str) -> Signature {
    parse_signature(text, TextOrigin::at(0)).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

fn signature_error(text: &str) -> SyntaxError {
    parse_signature(text, TextOrigin::at(0)).expect_err("not a signature")
}

fn class_header(text: &str) -> ClassHeader {
    parse_class_header(text, TextOrigin::at(0)).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

fn except_clause(text: &str) -> ExceptClause {
    parse_except_clause(text, TextOrigin::at(0)).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
}

#[test]
fn targets() {
    assert_eq!(target("x"), "x");
    assert_eq!(target("self.x"), "(. self x)");
    assert_eq!(target("items[i]"), "([] items i)");
    assert_eq!(target("a[1:2]"), "([] a (: 1 2 _))");
    assert_eq!(target("a, b"), "(tuple a b)");
    assert_eq!(target("a, *rest"), "(tuple a *rest)");
    assert_eq!(target("(a, b), [c, *d]"), "(tuple (tuple a b) (list c *d))");
    assert_eq!(target("(x)"), "x");
    assert_eq!(target("a,"), "(tuple a)");
    assert_eq!(target("f().x"), "(. (call f) x)");
}

#[test]
fn invalid_targets() {
    let cases = [
        ("f()", "cannot assign to function call", 0..3),
        ("1", "cannot assign to literal", 0..1),
        ("'s'", "cannot assign to literal", 0..3),
        ("f'{x}'", "cannot assign to f-string expression", 0..6),
        ("None", "cannot assign to None", 0..4),
        ("True", "cannot assign to True", 0..4),
        ("a + b", "cannot assign to expression", 0..5),
        ("-a", "cannot assign to expression", 0..2),
        ("not a", "cannot assign to expression", 0..5),
        ("a and b", "cannot assign to expression", 0..7),
        ("a < b", "cannot assign to comparison", 0..5),
        ("a if b else c", "cannot assign to conditional expression", 0..13),
        ("lambda: 1", "cannot assign to lambda", 0..9),
        ("{}", "cannot assign to dict literal", 0..2),
        ("{a}", "cannot assign to set display", 0..3),
        ("[x for x in y]", "cannot assign to list comprehension", 0..14),
        ("(x for x in y)", "cannot assign to generator expression", 0..14),
        ("await x", "cannot assign to await expression", 0..7),
        ("a, f()", "cannot assign to function call", 3..6),
        ("[a, (b, 1)]", "cannot assign to literal", 8..9),
        ("*a", "starred assignment target must be in a list or tuple", 0..2),
        ("*a, *b", "multiple starred expressions in assignment", 4..6),
        ("a, *f()", "cannot assign to function call", 4..7),
        ("", "unexpected end of input, expected an expression", 0..0),
        ("a b", "unexpected name 'b', expected end of input", 2..3),
    ];
    for (text, message, span) in cases {
        let error = target_error(text);
        assert_eq!(error.message, message, "{text}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text}");
    }
}

#[test]
fn signatures() {
    let text = "@set_interval(2) i_wanna_interval(msg: str)";
    let sig = signature(text);
    assert_eq!(sig.name, "i_wanna_interval");
    assert_eq!(spanned(text, sig.name_span), "i_wanna_interval");
    assert_eq!(
        sig.decorators.iter().map(dump).collect::<Vec<_>>(),
        ["(call set_interval 2)"]
    );
    assert_eq!(dump_params(&sig.params), "(msg:str)");
    assert!(!sig.is_async);

    let sig = signature("@a.b\n@c(1)\n  async worker(e: threading.Event, n=3, *args, key, **kw)");
    assert_eq!(
        sig.decorators.iter().map(dump).collect::<Vec<_>>(),
        ["(. a b)", "(call c 1)"]
    );
    assert!(sig.is_async);
    assert_eq!(dump_params(&sig.params), "(e:(. threading Event) n=3 *args key **kw)");

    assert_eq!(dump_params(&signature("f()").params), "()");
    assert_eq!(
        dump_params(&signature("f(a, b=1, /, c=2, *, d, e=3)").params),
        "(a b=1 / c=2 * d e=3)"
    );
    assert_eq!(dump_params(&signature("f(self,)").params), "(self)");
    assert_eq!(dump_params(&signature("f(x: int = 0) -> int").params), "(x:int=0)");
}

#[test]
fn signature_errors_match_python() {
    let cases = [
        ("f(a=1, b)", "non-default argument follows default argument", 7..8),
        ("f(a, a)", "duplicate argument 'a' in function definition", 5..6),
        (
            "f(a, *, b, **a)",
            "duplicate argument 'a' in function definition",
            13..14,
        ),
        ("f(*)", "named arguments must follow bare *", 2..3),
        ("f(*, **k)", "named arguments must follow bare *", 2..3),
        ("f(/)", "at least one argument must precede /", 2..3),
        ("f(a, /, b, /)", "/ may appear only once", 11..12),
        ("f(*a, /)", "/ must be ahead of *", 6..7),
        ("f(*a, *b)", "* argument may appear only once", 7..8),
        ("f(**k, a)", "arguments cannot follow var-keyword argument", 7..8),
        ("f(*a=1)", "var-positional argument cannot have default value", 5..6),
        ("f(**k=1)", "var-keyword argument cannot have default value", 6..7),
        ("f(a", "expected ')' to close '(', found end of input", 3..3),
        ("f", "unexpected end of input, expected '('", 1..1),
        ("def f()", "unexpected keyword 'def', expected a function name", 0..3),
        ("f(1)", "unexpected number '1', expected a parameter name", 2..3),
        ("f() x", "unexpected name 'x', expected end of input", 4..5),
        ("@ f()", "unexpected end of input, expected a function name", 5..5),
        ("@a + b f()", "unexpected token '+', expected a function name", 3..4),
    ];
    for (text, message, span) in cases {
        let error = signature_error(text);
        assert_eq!(error.message, message, "{text}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text}");
    }
}

#[test]
fn class_headers() {
    let text = "Worker";
    let header = class_header(text);
    assert_eq!(header.name, "Worker");
    assert_eq!(spanned(text, header.name_span), "Worker");
    assert!(header.bases.is_empty());

    let text = "Worker(Base1, mod.Base2)";
    let header = class_header(text);
    assert_eq!(
        header.bases.iter().map(dump).collect::<Vec<_>>(),
        ["Base1", "(. mod Base2)"]
    );
    assert_eq!(spanned(text, header.bases[1].span), "mod.Base2");
    assert!(class_header("A()").bases.is_empty());

    let error = parse_class_header("A(metaclass=M)", TextOrigin::at(0)).expect_err("keywords");
    assert_eq!(error.message, "class keyword arguments are not supported");
    assert_eq!((error.span.start, error.span.end), (2, 11));
    let error = parse_class_header("A(*bases)", TextOrigin::at(0)).expect_err("unpacking");
    assert_eq!(error.message, "unpacking in class bases is not supported");
    let error = parse_class_header("A.B", TextOrigin::at(0)).expect_err("dotted");
    assert_eq!(error.message, "unexpected token '.', expected end of input");
}

#[test]
fn except_clauses() {
    let bare = except_clause("");
    assert!(bare.ty.is_none() && bare.name.is_none());
    assert_eq!(except_clause("  ").ty, None);

    let clause = except_clause("queue.Empty");
    assert_eq!(clause.ty.as_ref().map(dump).as_deref(), Some("(. queue Empty)"));
    assert!(clause.name.is_none());

    let text = "(KeyError, IndexError) as e";
    let clause = except_clause(text);
    assert_eq!(
        clause.ty.as_ref().map(dump).as_deref(),
        Some("(tuple KeyError IndexError)")
    );
    let (name, span) = clause.name.expect("a name");
    assert_eq!((name.as_str(), spanned(text, span)), ("e", "e"));

    let clause = except_clause("Exception as e");
    assert_eq!(clause.ty.as_ref().map(dump).as_deref(), Some("Exception"));

    let error = parse_except_clause("KeyError, IndexError", TextOrigin::at(0)).expect_err("needs parentheses");
    assert_eq!(error.message, "multiple exception types must be parenthesized");
    let error = parse_except_clause("E as e.x", TextOrigin::at(0)).expect_err("a name only");
    assert_eq!(error.message, "unexpected token '.', expected end of input");
    let error = parse_except_clause("E as", TextOrigin::at(0)).expect_err("a name");
    assert_eq!(error.message, "unexpected end of input, expected a name after 'as'");
}

#[test]
fn with_items() {
    let item = parse_with_item("lock", TextOrigin::at(0)).expect("parses");
    assert_eq!(dump(&item.context), "lock");
    assert!(item.target.is_none());

    let item = parse_with_item("cond as c", TextOrigin::at(0)).expect("parses");
    assert_eq!(dump(&item.context), "cond");
    assert_eq!(item.target.as_ref().map(dump).as_deref(), Some("c"));

    let item = parse_with_item("open(f) as (a, b)", TextOrigin::at(0)).expect("parses");
    assert_eq!(item.target.as_ref().map(dump).as_deref(), Some("(tuple a b)"));

    let error = parse_with_item("a as f()", TextOrigin::at(0)).expect_err("not a target");
    assert_eq!(error.message, "cannot assign to function call");
    assert_eq!((error.span.start, error.span.end), (5, 8));
    let error = parse_with_item("a, b", TextOrigin::at(0)).expect_err("one item");
    assert_eq!(error.message, "unexpected token ',', expected end of input");
}
