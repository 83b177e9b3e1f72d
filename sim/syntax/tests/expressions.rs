//! Expression structure: precedence, associativity and every expression form, checked against
//! the shape Python's `ast.dump` gives.

use super::{py, py_error};

#[test]
fn arithmetic_precedence_and_left_associativity() {
    assert_eq!(py("a + b * c"), "(+ a (* b c))");
    assert_eq!(py("a * b + c"), "(+ (* a b) c)");
    assert_eq!(py("a - b - c"), "(- (- a b) c)");
    assert_eq!(py("a / b // c % d @ e"), "(@ (% (// (/ a b) c) d) e)");
    assert_eq!(py("(a + b) * c"), "(* (+ a b) c)");
}

#[test]
fn bitwise_and_shift_precedence() {
    assert_eq!(py("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
    assert_eq!(py("a << b >> c"), "(>> (<< a b) c)");
    assert_eq!(py("a & b | c & d"), "(| (& a b) (& c d))");
}

#[test]
fn power_is_right_associative_and_binds_tighter_than_unary_on_its_left() {
    assert_eq!(py("a ** b ** c"), "(** a (** b c))");
    assert_eq!(py("-2 ** 2"), "(- (** 2 2))");
    assert_eq!(py("2 ** -1"), "(** 2 (- 1))");
    assert_eq!(py("-2 ** -1"), "(- (** 2 (- 1)))");
    assert_eq!(py("a * b ** c"), "(* a (** b c))");
}

#[test]
fn unary_operators() {
    assert_eq!(py("-x"), "(- x)");
    assert_eq!(py("+x"), "(+ x)");
    assert_eq!(py("~x"), "(~ x)");
    assert_eq!(py("- - x"), "(- (- x))");
    assert_eq!(py("-a * b"), "(* (- a) b)");
}

#[test]
fn await_binds_tighter_than_power() {
    assert_eq!(py("await x"), "(await x)");
    assert_eq!(py("await x ** 2"), "(** (await x) 2)");
    assert_eq!(py("await f(x).y"), "(await (. (call f x) y))");
    assert_eq!(py("-await x"), "(- (await x))");
}

#[test]
fn comparisons_chain() {
    assert_eq!(py("a < b"), "(cmp a < b)");
    assert_eq!(py("a < b <= c == d"), "(cmp a < b <= c == d)");
    assert_eq!(py("a > b >= c != d"), "(cmp a > b >= c != d)");
    assert_eq!(py("a in b not in c"), "(cmp a in b not in c)");
    assert_eq!(py("a is b is not c"), "(cmp a is b is not c)");
    assert_eq!(py("a + 1 < b | c"), "(cmp (+ a 1) < (| b c))");
}

#[test]
fn boolean_operators() {
    assert_eq!(py("a or b or c"), "(or a b c)");
    assert_eq!(py("a and b and c"), "(and a b c)");
    assert_eq!(py("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(py("not a"), "(not a)");
    assert_eq!(py("not not a"), "(not (not a))");
    assert_eq!(py("not a == b"), "(not (cmp a == b))");
    assert_eq!(py("not a and b"), "(and (not a) b)");
    assert_eq!(py("a or not b"), "(or a (not b))");
}

#[test]
fn conditional_expressions() {
    assert_eq!(py("a if c else b"), "(if c a b)");
    assert_eq!(py("a if c else b if d else e"), "(if c a (if d b e))");
    assert_eq!(py("a or b if c or d else e"), "(if (or c d) (or a b) e)");
    assert_eq!(py("(a if b else c) if d else e"), "(if d (if b a c) e)");
}

#[test]
fn lambdas() {
    assert_eq!(py("lambda: 0"), "(lambda () 0)");
    assert_eq!(py("lambda x: x + 1"), "(lambda (x) (+ x 1))");
    assert_eq!(py("lambda x, y=1: x"), "(lambda (x y=1) x)");
    assert_eq!(py("lambda *args, **kw: args"), "(lambda (*args **kw) args)");
    assert_eq!(py("lambda a, /, b, *, c=2: c"), "(lambda (a / b * c=2) c)");
    assert_eq!(py("lambda x: lambda y: x + y"), "(lambda (x) (lambda (y) (+ x y)))");
    assert_eq!(py("lambda x: a if x else b"), "(lambda (x) (if x a b))");
    assert_eq!(py("lambda: (yield)"), "(lambda () (yield))");
}

#[test]
fn attributes_calls_and_subscripts_chain_left_to_right() {
    assert_eq!(py("a.b.c"), "(. (. a b) c)");
    assert_eq!(py("f(x)(y)"), "(call (call f x) y)");
    assert_eq!(py("a[0][1]"), "([] ([] a 0) 1)");
    assert_eq!(py("self.items[i].run()"), "(call (. ([] (. self items) i) run))");
    assert_eq!(py("'a'.join(xs)"), "(call (. \"a\" join) xs)");
}

#[test]
fn call_arguments_of_every_kind() {
    assert_eq!(py("f()"), "(call f)");
    assert_eq!(py("f(a, b,)"), "(call f a b)");
    assert_eq!(py("f(a, *args, k=1, **kw)"), "(call f a *args k=1 **kw)");
    assert_eq!(py("f(k=1, *args)"), "(call f k=1 *args)");
    assert_eq!(py("f(**a, k=1, **b)"), "(call f **a k=1 **b)");
    assert_eq!(py("f(x=a == b)"), "(call f x=(cmp a == b))");
    assert_eq!(
        py("f(lambda x: x, key=lambda y: -y)"),
        "(call f (lambda (x) x) key=(lambda (y) (- y)))"
    );
}

#[test]
fn sole_generator_argument_needs_no_parentheses() {
    assert_eq!(py("sum(x for x in xs)"), "(call sum (genexp x (for x xs)))");
    assert_eq!(py("f((x for x in xs), 1)"), "(call f (genexp x (for x xs)) 1)");
}

#[test]
fn subscripts_and_slices() {
    assert_eq!(py("a[1:2]"), "([] a (: 1 2 _))");
    assert_eq!(py("a[::2]"), "([] a (: _ _ 2))");
    assert_eq!(py("a[:]"), "([] a (: _ _ _))");
    assert_eq!(py("a[1:]"), "([] a (: 1 _ _))");
    assert_eq!(py("a[:-1]"), "([] a (: _ (- 1) _))");
    assert_eq!(py("a[i:j:k]"), "([] a (: i j k))");
    assert_eq!(py("a[1:2, 3]"), "([] a (tuple (: 1 2 _) 3))");
    assert_eq!(py("a[1, 2]"), "([] a (tuple 1 2))");
    assert_eq!(py("a[1,]"), "([] a (tuple 1))");
    assert_eq!(py("a[:, ::2]"), "([] a (tuple (: _ _ _) (: _ _ 2)))");
    assert_eq!(py("a[*b]"), "([] a (tuple *b))");
    assert_eq!(py("a[x if c else y]"), "([] a (if c x y))");
}

#[test]
fn tuples() {
    assert_eq!(py("()"), "(tuple)");
    assert_eq!(py("(x,)"), "(tuple x)");
    assert_eq!(py("(x)"), "x");
    assert_eq!(py("(a, b)"), "(tuple a b)");
    assert_eq!(py("a, b"), "(tuple a b)");
    assert_eq!(py("a,"), "(tuple a)");
    assert_eq!(py("*a, b"), "(tuple *a b)");
    assert_eq!(py("(*a, *b)"), "(tuple *a *b)");
    assert_eq!(py("((a, b), c)"), "(tuple (tuple a b) c)");
}

#[test]
fn lists_sets_and_dicts() {
    assert_eq!(py("[]"), "(list)");
    assert_eq!(py("[1, 2,]"), "(list 1 2)");
    assert_eq!(py("[*a, b]"), "(list *a b)");
    assert_eq!(py("{1, 2}"), "(set 1 2)");
    assert_eq!(py("{*a, b}"), "(set *a b)");
    assert_eq!(py("{}"), "(dict)");
    assert_eq!(py("{'a': 1, 'b': 2,}"), "(dict \"a\":1 \"b\":2)");
    assert_eq!(py("{**a, 'b': 2, **c}"), "(dict **a \"b\":2 **c)");
    assert_eq!(py("{a: b for a, b in xs}"), "(dictcomp a b (for (tuple a b) xs))");
}

#[test]
fn comprehensions() {
    assert_eq!(py("[x for x in xs]"), "(listcomp x (for x xs))");
    assert_eq!(py("{x for x in xs}"), "(setcomp x (for x xs))");
    assert_eq!(py("(x for x in xs)"), "(genexp x (for x xs))");
    assert_eq!(
        py("[x * y for x in xs if x if x > 1 for y in ys]"),
        "(listcomp (* x y) (for x xs (if x) (if (cmp x > 1))) (for y ys))"
    );
    assert_eq!(py("[a for a, in xs]"), "(listcomp a (for (tuple a) xs))");
    assert_eq!(py("[a for *a, b in xs]"), "(listcomp a (for (tuple *a b) xs))");
    assert_eq!(py("[x async for x in xs]"), "(listcomp x (async-for x xs))");
    assert_eq!(py("[x for x in a or b]"), "(listcomp x (for x (or a b)))");
    assert_eq!(py("[x if c else y for x in xs]"), "(listcomp (if c x y) (for x xs))");
    assert_eq!(py("[x for x in (a if c else b)]"), "(listcomp x (for x (if c a b)))");
    assert_eq!(
        py("[[y for y in x] for x in xs]"),
        "(listcomp (listcomp y (for y x)) (for x xs))"
    );
}

#[test]
fn yield_and_await_at_top_level_and_in_parentheses() {
    assert_eq!(py("yield"), "(yield)");
    assert_eq!(py("yield x"), "(yield x)");
    assert_eq!(py("yield a, b"), "(yield (tuple a b))");
    assert_eq!(py("yield from gen()"), "(yield-from (call gen))");
    assert_eq!(py("f((yield x))"), "(call f (yield x))");
    assert_eq!(py("(yield)"), "(yield)");
    assert_eq!(py("x + (yield)"), "(+ x (yield))");
    assert_eq!(
        py_error("f(yield x)").message,
        "unexpected keyword 'yield', expected an expression"
    );
    assert_eq!(
        py_error("x + yield").message,
        "unexpected keyword 'yield', expected an expression"
    );
}

#[test]
fn newlines_are_whitespace_in_expressions() {
    assert_eq!(py("f(\n  a,\n  b\n)"), "(call f a b)");
    assert_eq!(py("a\n+\nb"), "(+ a b)");
    assert_eq!(py("x # comment\n + 1"), "(+ x 1)");
}
