//! Modules: every statement kind, the layout of lines and blocks (indentation, one-line bodies,
//! `;`, continuation lines, comments, tabs) and the errors Python gives for bad layouts.

use super::{module, module_error};

#[test]
fn simple_statements() {
    assert_eq!(module("pass\nbreak\ncontinue\n"), "pass\nbreak\ncontinue");
    assert_eq!(
        module("return\nreturn x\nreturn *a, b"),
        "(return)\n(return x)\n(return (tuple *a b))"
    );
    assert_eq!(
        module("raise\nraise E\nraise E('m') from e"),
        "(raise)\n(raise E)\n(raise (call E \"m\") from e)"
    );
    assert_eq!(module("assert x\nassert x, 'msg'"), "(assert x)\n(assert x \"msg\")");
    assert_eq!(
        module("del a, b[0], c.d\ndel (a, b), [c]"),
        "(del a ([] b 0) (. c d))\n(del (tuple a b) (list c))"
    );
    assert_eq!(module("global a, b\nnonlocal c"), "(global a b)\n(nonlocal c)");
}

#[test]
fn expression_statements_and_docstrings() {
    assert_eq!(
        module("'''Doc.'''\nf(x)\nawait g()\nyield x\nx"),
        "\"Doc.\"\n(call f x)\n(await (call g))\n(yield x)\nx"
    );
    assert_eq!(module("a, b"), "(tuple a b)");
}

#[test]
fn assignments() {
    assert_eq!(module("x = 1"), "(= x 1)");
    assert_eq!(module("a = b = c"), "(= a b c)");
    assert_eq!(module("a, b = b, a"), "(= (tuple a b) (tuple b a))");
    assert_eq!(module("(a, b), [c, *d] = x"), "(= (tuple (tuple a b) (list c *d)) x)");
    assert_eq!(module("a, *b = x = *c, d"), "(= (tuple a *b) x (tuple *c d))");
    assert_eq!(module("self.items[i] = y"), "(= ([] (. self items) i) y)");
    assert_eq!(
        module("x = yield\ny = yield from z"),
        "(= x (yield))\n(= y (yield-from z))"
    );
    assert_eq!(module("x = lambda: 0"), "(= x (lambda () 0))");
}

#[test]
fn augmented_assignments_of_every_operator() {
    let operators = ["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"];
    for op in operators {
        assert_eq!(module(&format!("x {op}= 2")), format!("({op}= x 2)"));
    }
    assert_eq!(module("a.b[0] += yield"), "(+= ([] (. a b) 0) (yield))");
    assert_eq!(module("x += 1, 2"), "(+= x (tuple 1 2))");
}

#[test]
fn annotated_assignments() {
    assert_eq!(module("x: int = 1"), "(= x 1)");
    assert_eq!(module("x: int"), "pass");
    assert_eq!(module("self.x: list[int] = []"), "(= (. self x) (list))");
    assert_eq!(module("(x): int = 1"), "(= x 1)");
    assert_eq!(module("x: tuple = 1, 2"), "(= x (tuple 1 2))");
}

#[test]
fn if_elif_else() {
    let text = "if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w\n";
    assert_eq!(module(text), "(if a [x] b [y] c [z] else [w])");
    assert_eq!(module("if a: x\nelse: y"), "(if a [x] else [y])");
    assert_eq!(
        module("if a:\n    if b:\n        x\n    y\nz"),
        "(if a [(if b [x] else []); y] else [])\nz"
    );
}

#[test]
fn loops() {
    assert_eq!(
        module("while x:\n    x -= 1\nelse:\n    done()"),
        "(while x [(-= x 1)] else [(call done)])"
    );
    assert_eq!(
        module("for i in range(3):\n    print(i)"),
        "(for i (call range 3) [(call print i)] else [])"
    );
    assert_eq!(
        module("for k, v in d.items(): pass\nelse: pass"),
        "(for (tuple k v) (call (. d items)) [pass] else [pass])"
    );
    assert_eq!(module("for x, in y: pass"), "(for (tuple x) y [pass] else [])");
    assert_eq!(module("for x in *a, b: pass"), "(for x (tuple *a b) [pass] else [])");
}

#[test]
fn try_statements() {
    let text = "try:\n    a\nexcept (KeyError, IndexError) as e:\n    b\nexcept queue.Empty:\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f\n";
    assert_eq!(
        module(text),
        "(try [a] (except (tuple KeyError IndexError) e [b]) (except (. queue Empty) _ [c]) (except _ _ [d]) else [e] finally [f])"
    );
    assert_eq!(module("try: a\nfinally: b"), "(try [a] else [] finally [b])");
}

#[test]
fn with_statements() {
    assert_eq!(module("with lock:\n    x"), "(with lock [x])");
    assert_eq!(
        module("with a as b, c as (d, e), f: pass"),
        "(with (a as b) (c as (tuple d e)) f [pass])"
    );
    assert_eq!(module("with (a as b, c,): pass"), "(with (a as b) c [pass])");
    assert_eq!(module("with (a, b): pass"), "(with a b [pass])");
    assert_eq!(module("with (a, b) as c: pass"), "(with ((tuple a b) as c) [pass])");
    assert_eq!(module("with (a): pass"), "(with a [pass])");
    assert_eq!(module("with (yield): pass"), "(with (yield) [pass])");
}

#[test]
fn function_definitions() {
    let text =
        "@decorator\n@other.thing(1)\ndef f(a, b: int = 2, *args, c, **kw) -> None:\n    '''Doc.'''\n    return a\n";
    assert_eq!(
        module(text),
        "(def @decorator @(call (. other thing) 1) f (a b:int=2 *args c **kw) [\"Doc.\"; (return a)])"
    );
    assert_eq!(module("def f(): pass"), "(def f () [pass])");
    assert_eq!(module("def f(a, /, b, *, c): pass"), "(def f (a / b * c) [pass])");
}

#[test]
fn async_statements() {
    let text = "async def f():\n    async for x in y:\n        pass\n    async with a as b:\n        await x\n";
    assert_eq!(
        module(text),
        "(async-def f () [(async-for x y [pass] else []); (async-with (a as b) [(await x)])])"
    );
}

#[test]
fn class_definitions() {
    let text = "@dataclass\nclass A(B, mod.C):\n    x = 1\n\n    def m(self):\n        return self.x\n";
    assert_eq!(
        module(text),
        "(class @dataclass A (B (. mod C)) [(= x 1); (def m (self) [(return (. self x))])])"
    );
    assert_eq!(module("class A: pass"), "(class A () [pass])");
    assert_eq!(module("class A(): pass"), "(class A () [pass])");
}

#[test]
fn semicolons_and_one_line_bodies() {
    assert_eq!(module("a = 1; b = 2"), "(= a 1)\n(= b 2)");
    assert_eq!(module("pass;"), "pass");
    assert_eq!(module("if x: a; b\nc"), "(if x [a; b] else [])\nc");
    assert_eq!(module("while x: x -= 1; y()"), "(while x [(-= x 1); (call y)] else [])");
}

#[test]
fn layout_comments_continuations_and_blank_lines() {
    assert_eq!(module(""), "");
    assert_eq!(module("\n\n# only a comment\n   \n"), "");
    assert_eq!(module("a\n  # indented comment\nb"), "a\nb");
    assert_eq!(module("x = (1,\n  2)\ny = [\n3]"), "(= x (tuple 1 2))\n(= y (list 3))");
    assert_eq!(module("x = 1 + \\\n    2"), "(= x (+ 1 2))");
    assert_eq!(
        module("if a:\n    x = 1  # trailing\n\n\n    y = 2\n"),
        "(if a [(= x 1); (= y 2)] else [])"
    );
    assert_eq!(module("if a:\r\n    b\r\nc\r\n"), "(if a [b] else [])\nc");
    assert_eq!(module("if a:\n\tb\n\tc"), "(if a [b; c] else [])");
    assert_eq!(module("def f():\n    return 1\n# end"), "(def f () [(return 1)])");
    assert_eq!(
        module("if a:\n    b\n  # dedented comment\n    c"),
        "(if a [b; c] else [])"
    );
    assert_eq!(module("f(a,\n# comment inside brackets\n  b)"), "(call f a b)");
}

#[test]
fn layout_errors_match_python() {
    let cases = [
        ("  x", "unexpected indent", 0..2),
        ("a\n    b", "unexpected indent", 2..6),
        (
            "if x:\n    a\n  b",
            "unindent does not match any outer indentation level",
            12..14,
        ),
        (
            "if x:\n\tif y:\n        z",
            "inconsistent use of tabs and spaces in indentation",
            13..21,
        ),
        ("if x:\npass", "expected an indented block after 'if' statement", 6..10),
        (
            "def f():\nreturn",
            "expected an indented block after function definition",
            9..15,
        ),
        (
            "for x in y:",
            "expected an indented block after 'for' statement",
            11..11,
        ),
        ("try:\n  pass\nx = 1", "expected 'except' or 'finally' block", 12..13),
        (
            "try:\n  pass\nelse:\n  pass",
            "expected 'except' or 'finally' block",
            12..16,
        ),
        (
            "else: pass",
            "invalid syntax: 'else' without 'if', 'for', 'while' or 'try'",
            0..4,
        ),
        ("elif x: pass", "invalid syntax: 'elif' without 'if'", 0..4),
        ("except: pass", "invalid syntax: 'except' without 'try'", 0..6),
        (
            "if x: pass\nelse: pass\nelse: pass",
            "invalid syntax: 'else' without 'if', 'for', 'while' or 'try'",
            22..26,
        ),
        ("if x: if y: z", "unexpected keyword 'if', expected an expression", 6..8),
        (
            "x = 1 \\ 2",
            "unexpected character after line continuation character",
            6..8,
        ),
        (
            "x = 1 \\",
            "unexpected end of input after line continuation character",
            6..7,
        ),
        ("pass;;", "unexpected token ';', expected an expression", 5..6),
        ("if x\n    pass", "unexpected end of line, expected ':'", 4..5),
        ("x = (1,\n", "expected ')' to close '(', found end of line", 8..8),
        ("x)", "unmatched ')'", 1..2),
        ("print 'x'", "unexpected string literal, expected end of line", 6..9),
    ];
    for (text, message, span) in cases {
        let error = module_error(text);
        assert_eq!(error.message, message, "{text:?}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text:?}");
    }
}

#[test]
fn statement_errors_match_python() {
    let cases = [
        (
            "import os",
            "import is not supported: the modules are always available",
            0..6,
        ),
        (
            "from os import path",
            "import is not supported: the modules are always available",
            0..4,
        ),
        (
            "if x:\n    import os",
            "import is not supported: the modules are always available",
            10..16,
        ),
        ("f() = 1", "cannot assign to function call", 0..3),
        ("a = f() = 1", "cannot assign to function call", 4..7),
        ("a = yield = 1", "cannot assign to yield expression", 4..9),
        ("*a = 1", "starred assignment target must be in a list or tuple", 0..2),
        ("x = *a", "can't use starred expression here", 4..6),
        ("*a", "can't use starred expression here", 0..2),
        (
            "a, b += 1",
            "'tuple' is an illegal expression for augmented assignment",
            0..4,
        ),
        (
            "f() += 1",
            "'function call' is an illegal expression for augmented assignment",
            0..3,
        ),
        ("a, b: int = 1", "only single target (not tuple) can be annotated", 0..4),
        ("[a]: int", "only single target (not list) can be annotated", 0..3),
        ("f(): int", "illegal target for annotation", 0..3),
        ("del *a", "cannot delete starred", 4..6),
        ("del f()", "cannot delete function call", 4..7),
        ("del (a, *b)", "cannot delete starred", 8..10),
        ("for f() in x: pass", "cannot assign to function call", 4..7),
        ("for x in y pass", "unexpected keyword 'pass', expected ':'", 11..15),
        ("with a as f(): pass", "cannot assign to function call", 10..13),
        (
            "try: a\nexcept A, B: b",
            "multiple exception types must be parenthesized",
            14..15,
        ),
        (
            "try: a\nexcept: b\nexcept E: c",
            "default 'except:' must be last",
            7..16,
        ),
        ("raise from e", "unexpected keyword 'from', expected end of line", 6..10),
        (
            "async x",
            "unexpected name 'x', expected 'def', 'for' or 'with' after 'async'",
            6..7,
        ),
        (
            "@d\nx = 1",
            "unexpected name 'x', expected 'def' or 'class' after decorators",
            3..4,
        ),
        (
            "@d def f(): pass",
            "unexpected keyword 'def', expected end of line",
            3..6,
        ),
        (
            "async class A: pass",
            "unexpected keyword 'class', expected 'def', 'for' or 'with' after 'async'",
            6..11,
        ),
        ("class A(x=1): pass", "class keyword arguments are not supported", 8..9),
        (
            "def f(a=1, b): pass",
            "non-default argument follows default argument",
            11..12,
        ),
        ("global x.y", "unexpected token '.', expected end of line", 8..9),
        ("x := 1", "assignment expressions (':=') are not supported", 2..4),
        (
            "if (x := 1): pass",
            "assignment expressions (':=') are not supported",
            6..8,
        ),
    ];
    for (text, message, span) in cases {
        let error = module_error(text);
        assert_eq!(error.message, message, "{text:?}");
        assert_eq!(error.span.start as usize..error.span.end as usize, span, "{text:?}");
    }
}
