//! No input makes the parser panic, overflow its stack or take long: deep nesting is refused
//! with an error, and a fuzz-style run feeds many random and mutated texts to every entry point.

use super::super::{Dialect, Span, SyntaxError, TextOrigin};
use super::{module, py};

const TOO_DEEP: &str = "expression nested too deeply";

fn expr_error(text: &str) -> SyntaxError {
    super::super::parse_expr(text, TextOrigin::at(0), Dialect::Python).expect_err("should be too deep")
}

#[test]
fn nesting_up_to_the_limit_parses() {
    let depth = 150;
    let text = format!("{}x{}", "(".repeat(depth), ")".repeat(depth));
    assert_eq!(py(&text), "x");
    let text = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
    assert!(py(&text).starts_with("(list (list"));
    let text = format!("{}x{}", "f(".repeat(depth), ")".repeat(depth));
    assert!(py(&text).starts_with("(call f (call f"));
}

#[test]
fn deep_nesting_of_each_kind_is_an_error_not_a_crash() {
    let n = 10_000;
    let cases = [
        format!("{}x{}", "(".repeat(n), ")".repeat(n)),
        format!("{}x", "(".repeat(n)),
        format!("{}x", "[".repeat(n)),
        format!("{}x", "{".repeat(n)),
        format!("{}x", "-".repeat(n)),
        format!("{}x", "not ".repeat(n)),
        format!("{}x", "lambda: ".repeat(n)),
        format!("{}x", "a if b else ".repeat(n)),
        format!("x{}", "**x".repeat(n)),
        format!("x{}", "+x".repeat(n)),
        format!("x{}", ".a".repeat(n)),
        format!("f{}", "()".repeat(n)),
        format!("x{}", "[0]".repeat(n)),
        format!("{}x", "a[".repeat(n)),
        format!("{}x", "f(".repeat(n)),
        format!("{}x", "*(".repeat(n)),
        format!("{}x", "{**".repeat(n)),
        format!("{}x", "{a: ".repeat(n)),
        format!("{}x", "f(a=".repeat(n)),
        format!("{}x", "x[1:".repeat(n)),
        format!("{}x", "lambda x=".repeat(n)),
        format!("{}x", "(x for x in ".repeat(n)),
        format!("{}x", "f(x for x in ".repeat(n)),
        format!("{}x", "{x: x for x in ".repeat(n)),
    ];
    for text in &cases {
        let error = expr_error(text);
        assert_eq!(error.message, TOO_DEEP, "{}", &text[..20]);
    }
}

#[test]
fn deeply_nested_fstrings_are_an_error() {
    let n = 1000;
    let text = format!("{}x{}", "{f'".repeat(n), "'}".repeat(n));
    let error = super::super::parse_fstring(&text, TextOrigin::at(0)).expect_err("too deep");
    assert!(!error.message.is_empty());
}

#[test]
fn deeply_nested_blocks_are_an_error() {
    let text: String = (0..1000).map(|i| format!("{}if x:\n", " ".repeat(i))).collect();
    let text = format!("{text}{}pass\n", " ".repeat(1000));
    let error = super::super::parse_module(&text, TextOrigin::at(0)).expect_err("too deep");
    assert_eq!(error.message, "too many levels of indentation");
}

#[test]
fn long_flat_sequences_are_fine() {
    let text = (0..20_000).map(|i| format!("x{i} = {i}\n")).collect::<String>();
    assert_eq!(module(&text).lines().count(), 20_000);
    let items = vec!["1"; 20_000].join(", ");
    assert!(py(&format!("[{items}]")).starts_with("(list 1 1"));
    let values = vec!["a"; 20_000].join(" and ");
    assert!(py(&values).starts_with("(and a a"));
    let comparisons = vec!["a"; 20_000].join(" < ");
    assert!(py(&comparisons).starts_with("(cmp a < a"));
    let strings = vec!["'a'"; 20_000].join(" ");
    assert_eq!(py(&strings).len(), 20_002);
}

/// A small deterministic generator (xorshift), so that failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Pieces that random texts are made of: tokens, partial tokens and awkward characters.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ";",
    ".",
    "=",
    "==",
    "*",
    "**",
    "/",
    "//",
    "-",
    "+",
    "~",
    "<",
    ">",
    "!",
    "!=",
    ":=",
    "...",
    "@",
    "->",
    "|",
    "&",
    "^",
    "%",
    "x",
    "y",
    "self",
    "f",
    "_",
    "é",
    "😀",
    "\u{0}",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\\",
    "\\\n",
    "#",
    "# c\n",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "f'",
    "f\"",
    "rf'",
    "b'",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "0",
    "1",
    "0x",
    "0o7",
    "0b1",
    "1_0",
    "1.",
    ".5",
    "1e",
    "1e5",
    "9999999999999999999",
    "j",
    "\\x",
    "\\u{",
    "\\N{",
    "{x",
    "x}",
    "{x!r}",
    "{x=}",
    "{x:{y}}",
    "if",
    "else",
    "elif",
    "for",
    "in",
    "not",
    "is",
    "and",
    "or",
    "lambda",
    "yield",
    "from",
    "await",
    "async",
    "def",
    "class",
    "try",
    "except",
    "finally",
    "with",
    "as",
    "while",
    "return",
    "raise",
    "del",
    "global",
    "pass",
    "import",
    "True",
    "None",
    "true",
    "false",
    "    ",
    "\x0c",
];

const SAMPLES: &[&str] = &[
    "f(a, *b, k=1, **c)[1:2, ::3].d",
    "lambda x, /, y=2, *a, z, **k: x if y else [i for i in a if i]",
    "{**a, 'b': f'{c!r:>{w}} {d=}'}",
    "def f(a: int = 1, *args, b, **kw) -> None:\n    \"\"\"doc\"\"\"\n    return a\n",
    "class A(B):\n    def m(self):\n        with x as (a, b), y:\n            pass\n",
    "try:\n\tx = 1\nexcept (E, F) as e:\n\traise G from e\nelse:\n\tpass\nfinally:\n\tdel x\n",
    "async def g():\n    async for i in a:\n        await b\n    yield from c\n",
    "x: int = 1; y += 2; a = b = *c, d\nif a: b\nelif c: d\nelse: e\n",
    "Foo(a: 1, b: true, /* c */ d: r#\"raw\"#) // comment",
    "@set_interval(2) i_wanna_interval(msg: str, e: threading.Event)",
];

fn parse_everything(text: &str) {
    let origin = TextOrigin::at(7);
    let results: Vec<Option<SyntaxError>> = vec![
        super::super::parse_expr(text, origin, Dialect::Python).err(),
        super::super::parse_expr(text, origin, Dialect::Ron).err(),
        super::super::parse_target(text, origin).err(),
        super::super::parse_fstring(text, origin).err(),
        super::super::parse_signature(text, origin).err(),
        super::super::parse_class_header(text, origin).err(),
        super::super::parse_except_clause(text, origin).err(),
        super::super::parse_with_item(text, origin).err(),
        super::super::parse_module(text, origin).err(),
    ];
    let file = Span::new(7, 7 + text.len() as u32);
    for error in results.into_iter().flatten() {
        assert!(
            error.span.start >= file.start && error.span.end <= file.end && error.span.start <= error.span.end,
            "span {:?} outside the text for {text:?}: {}",
            error.span,
            error.message
        );
        assert!(
            text.is_char_boundary((error.span.start - 7) as usize),
            "{text:?}: {error:?}"
        );
        assert!(
            text.is_char_boundary((error.span.end - 7) as usize),
            "{text:?}: {error:?}"
        );
        assert!(!error.message.is_empty());
    }
}

/// `text` with a few pieces inserted and a few characters removed, at random places.
fn mutate(random: &mut Random, text: &str) -> String {
    let mut chars: Vec<String> = text.chars().map(String::from).collect();
    for _ in 0..1 + random.below(4) {
        let at = random.below(chars.len() + 1);
        if random.below(2) == 0 || chars.is_empty() {
            chars.insert(at, random.pick(PIECES).to_string());
        } else {
            chars.remove(at.min(chars.len() - 1));
        }
    }
    chars.concat()
}

#[test]
fn random_texts_never_panic() {
    let mut random = Random(0x2545_f491_4f6c_dd1d);
    for _ in 0..3000 {
        let len = random.below(24);
        let text: String = (0..len).map(|_| random.pick(PIECES)).collect();
        parse_everything(&text);
    }
}

#[test]
fn mutated_samples_never_panic() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let sample = SAMPLES[random.below(SAMPLES.len())];
        let text = mutate(&mut random, sample);
        parse_everything(&text);
    }
}

#[test]
fn samples_parse_in_their_own_form() {
    for sample in &SAMPLES[..3] {
        py(sample);
    }
    for sample in &SAMPLES[3..8] {
        module(sample);
    }
    super::ron(SAMPLES[8]);
    super::super::parse_signature(SAMPLES[9], TextOrigin::at(0)).expect("signature");
}
