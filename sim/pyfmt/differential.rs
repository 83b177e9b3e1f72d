//! Differential test against CPython 3.11: thousands of cases (fixed edge cases and
//! deterministic pseudo-random ones) go to `python3` in one batch (differential.py), and
//! every result and error message must match ours exactly. Fails, never skips, when
//! `python3` is missing.

use super::{float_repr, format_float, format_int, format_str, parse_format_spec, round_float, str_repr};
use std::process::Command;

#[test]
fn matches_cpython() {
    let cases = all_cases();
    let expected = run_cpython(&cases);
    assert_eq!(expected.len(), cases.len(), "python3 printed a wrong number of results");
    let mismatches: Vec<String> = cases
        .iter()
        .zip(&expected)
        .filter(|(case, python)| case.ours() != **python)
        .map(|(case, python)| format!("{case:?}\n  python: {python:?}\n  ours:   {:?}", case.ours()))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from CPython; the first ones:\n{}",
        mismatches.len(),
        cases.len(),
        mismatches[..mismatches.len().min(30)].join("\n")
    );
    assert!(cases.len() > 5000, "only {} cases", cases.len());
    eprintln!("pyfmt: {} cases agree with CPython", cases.len());
}

#[derive(Debug)]
enum Case {
    ReprFloat(f64),
    ReprStr(String),
    FormatInt(i64, String),
    FormatFloat(f64, String),
    FormatStr(String, String),
    Round(f64, i64),
}

impl Case {
    /// The case as differential.py reads it.
    fn line(&self) -> String {
        match self {
            Case::ReprFloat(x) => format!("repr_float {} -", x.to_bits()),
            Case::ReprStr(s) => format!("repr_str {} -", hex(s)),
            Case::FormatInt(i, spec) => format!("format_int {i} {}", hex(spec)),
            Case::FormatFloat(x, spec) => format!("format_float {} {}", x.to_bits(), hex(spec)),
            Case::FormatStr(s, spec) => format!("format_str {} {}", hex(s), hex(spec)),
            Case::Round(x, ndigits) => format!("round {} {ndigits}", x.to_bits()),
        }
    }

    fn ours(&self) -> Result<String, String> {
        match self {
            Case::ReprFloat(x) => Ok(float_repr(*x)),
            Case::ReprStr(s) => Ok(str_repr(s)),
            Case::FormatInt(i, spec) => parse_format_spec(spec).and_then(|s| format_int(*i, &s)),
            Case::FormatFloat(x, spec) => parse_format_spec(spec).and_then(|s| format_float(*x, &s)),
            Case::FormatStr(text, spec) => parse_format_spec(spec).and_then(|s| format_str(text, &s)),
            Case::Round(x, ndigits) => match round_float(*x, *ndigits) {
                rounded if rounded.is_infinite() && x.is_finite() => {
                    Err("rounded value too large to represent".to_string())
                }
                rounded => Ok(rounded.to_bits().to_string()),
            },
        }
    }
}

fn hex(text: &str) -> String {
    let digits: String = text.bytes().map(|byte| format!("{byte:02x}")).collect();
    format!("x{digits}")
}

fn unhex(digits: &str) -> String {
    let bytes = (0..digits.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&digits[i..i + 2], 16).expect("hex from python3"))
        .collect();
    String::from_utf8(bytes).expect("UTF-8 from python3")
}

/// Runs every case through CPython and returns its results.
fn run_cpython(cases: &[Case]) -> Vec<Result<String, String>> {
    let path = std::env::temp_dir().join(format!("pyfmt-differential-{}.txt", std::process::id()));
    let lines: Vec<String> = cases.iter().map(Case::line).collect();
    std::fs::write(&path, lines.join("\n") + "\n").expect("writing the cases file");
    let output = Command::new("python3")
        .arg("-c")
        .arg(include_str!("differential.py"))
        .arg(&path)
        .output();
    std::fs::remove_file(&path).expect("removing the cases file");
    let output = output.unwrap_or_else(|error| {
        panic!("the differential test needs CPython 3.11 as `python3`, which failed to start: {error}")
    });
    assert!(
        output.status.success(),
        "python3 failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("ASCII from python3");
    let mut lines = stdout.lines();
    let version = lines.next().unwrap_or_default();
    assert_eq!(
        version, "3.11",
        "the differential test needs `python3` to be CPython 3.11"
    );
    lines
        .map(|line| match line.split_once(':') {
            Some(("OK", digits)) => Ok(unhex(digits)),
            Some(("ERR", digits)) => Err(unhex(digits)),
            _ => panic!("unexpected line from python3: {line:?}"),
        })
        .collect()
}

fn all_cases() -> Vec<Case> {
    let mut rng = Rng(0x5EED_CAFE_F00D_D00D);
    let mut cases = Vec::new();
    float_cases(&mut rng, &mut cases);
    int_cases(&mut rng, &mut cases);
    str_cases(&mut rng, &mut cases);
    for spec in short_specs() {
        cases.push(Case::FormatInt(-1234, spec.clone()));
        cases.push(Case::FormatFloat(-1234.5678, spec.clone()));
        cases.push(Case::FormatFloat(-0.0, spec.clone()));
        cases.push(Case::FormatStr("ab".to_string(), spec));
    }
    cases
}

/// Every spec of up to three characters drawn from the spec grammar's characters.
fn short_specs() -> Vec<String> {
    let alphabet: Vec<String> = "<^=+ z#019,_.cdxXefg%s".chars().map(String::from).collect();
    let mut specs = vec![String::new()];
    let mut longest = specs.clone();
    for _ in 0..3 {
        longest = longest
            .iter()
            .flat_map(|spec| alphabet.iter().map(move |c| format!("{spec}{c}")))
            .collect();
        specs.extend(longest.iter().cloned());
    }
    specs
}

#[rustfmt::skip]
const FLOAT_SPECS: &[&str] = &[
    "", "f", ".2f", ".0f", ".1f", ".3f", ".10f", ".20f", ".60f", "e", ".0e", ".2e", ".16e",
    ".30e", "E", "g", ".0g", ".1g", ".2g", ".15g", ".17g", ".25g", "G", "#g", "#.3g", "#.0f",
    "#.0e", "#", "#.3", ".3", ".1", ".0", ".12", ".17", "%", ".1%", ".0%", "n", ".3n", "+", " ",
    "-", "z", "z.1f", "z.0e", "z.2g", "+.2e", "010.3f", "+010.2f", "-^12.3g", "*<12", "0=12",
    "012", ",", ",.2f", "_.3f", "_g", ",e", "0=+15,.2f", "015,", "015_.1f", "x>20.5e", "F",
    ".2F", "#.5G", ".330f", "#.20g", "=+14.3e", "^9", "한^9.2",
];

#[rustfmt::skip]
const INT_SPECS: &[&str] = &[
    "", "d", "n", "b", "o", "x", "X", "#b", "#o", "#x", "#X", "c", ",", "_", ",d", "_d", "_b",
    "_o", "_x", "_X", "#_x", "#_b", ",x", "_c", "10", "010", "+", " ", "-", "+d", " 10", "<10",
    "^10", "=10", "*^11", "0=+12,", "010,", "08,", "09,", "07_", "#010x", "#012_b", "+#x", "e",
    ".2e", "E", "f", ".2f", "F", "g", ".3g", "G", "%", ".1%", ",.2f", "z", "z.1f", ".2", "+c",
    "#c", "-c", "5c", "<3c", "0=5c", "s", "q", ",n", "x^+#15_X", "#_o", ".0f", "#.0e",
];

#[rustfmt::skip]
const STR_SPECS: &[&str] = &[
    "", "s", "10", "<10", ">10", "^10", "^11", "*^11", "한^7", ".2", ".0", "10.3", ".100", "+",
    "-", " ", "z", "#", "=10", "0=10", "010", "05", "x<05", ",", "_", "d", "x", "c", ",s", ">0",
    "\n>5", "{^6", ".2147483648", "<", "^", "0",
];

/// Malformed or extreme specs, tried on every type.
#[rustfmt::skip]
const BAD_SPECS: &[&str] = &[
    "abc", ".", "10.", ",_", "_,", ",,", "__", ",_d", "99999999999999999999",
    ".99999999999999999999", "٣", "0٣", "٣.٢f", "x<05", "<<", "<<<", "z#0", ", ", "\t>5",
    "10.2.3", "->", "+-", "#z", ".2147483648f", ".2147483648", "é", "ss", "0.5", ".5ss", "> 10",
    "\u{1f600}^5", "\u{1f600}",
];

fn float_cases(rng: &mut Rng, cases: &mut Vec<Case>) {
    let fixed = fixed_floats();
    for &x in &fixed {
        cases.push(Case::ReprFloat(x));
        for spec in FLOAT_SPECS {
            cases.push(Case::FormatFloat(x, spec.to_string()));
        }
        for ndigits in [-400, -309, -308, -300, -20, -2, -1, 0, 1, 2, 3, 5, 15, 17, 50, 323, 324] {
            cases.push(Case::Round(x, ndigits));
        }
    }
    for spec in BAD_SPECS {
        cases.push(Case::FormatFloat(1.5, spec.to_string()));
    }
    for _ in 0..4000 {
        let x = rng.float();
        cases.push(Case::ReprFloat(x));
        cases.push(Case::FormatFloat(
            x,
            rng.spec(&['e', 'E', 'f', 'F', 'g', 'G', 'n', '%', 'd']),
        ));
        cases.push(Case::FormatFloat(x, rng.pick(FLOAT_SPECS).to_string()));
        cases.push(Case::Round(x, rng.below(60) as i64 - 25));
    }
}

/// Edge cases, written as Python literals: halfway cases, powers of ten and two, the
/// boundaries of the subnormals, the switch to exponent notation, and ties between
/// shortest representations (2**50 + 0.25).
const FIXED_FLOATS: &str = "\
    0.0 -0.0 inf -inf nan -nan 1.0 -1.0 0.1 0.2 0.3 0.5 1.5 2.5 -2.5 0.125 0.375 2.675 \
    1.005 9.5 99.5 0.05 0.15 0.25 0.35 0.45 1e16 1e-5 1e-4 1.5e-5 123456789.123456789 \
    123456789012345.0 1e15 9999999999999998.0 1e22 1e23 1e300 5e-324 -5e-324 \
    2.2250738585072014e-308 2.225073858507201e-308 1.7976931348623157e308 \
    -1.7976931348623157e308 0.3333333333333333 0.6666666666666666 100.0 1234.5678 \
    -1234.5678 12345678901234567890.0 0.000123456 1e-7 5e-5 4.35 0.615 1e-320 3.25159 \
    2.5e-6 999999.5 0.9999999 9.999999999999999e22 1125899906842624.25 1125899906842624.75 \
    9007199254740992.0 9007199254740994.0 0.000099999 0.5e-4 -1e-300 5.992310449541053e307 \
    65536.0 1e100 123.456e-10 0.001 0.01";

fn fixed_floats() -> Vec<f64> {
    let mut floats: Vec<f64> = FIXED_FLOATS.split_whitespace().map(|x| x.parse().unwrap()).collect();
    floats.extend((-30..30).map(|k| f64::from(k) + 0.5));
    floats.extend((0..20).map(|k| f64::from(k) / 8.0 + 1.0));
    floats.extend(
        (-326..=309)
            .step_by(7)
            .map(|k| format!("1e{k}").parse::<f64>().unwrap()),
    );
    floats.extend((-1074..=1023).step_by(41).map(|k| 2f64.powi(k)));
    floats
}

/// Edge cases: signs, grouping lengths, code points for `c`, the i64 limits, and ints that
/// a float cannot hold exactly.
const FIXED_INTS: &str = "\
    0 1 -1 5 7 9 10 42 -42 65 97 255 -255 1000 1024 9999 65535 123456 1234567 \
    -1234567 1114111 1114112 9007199254740993 9223372036854775807 -9223372036854775808 \
    1000000000000000 9999999999999999 4294967296 3735928559 -3735928559 128512 127 173 160 \
    44032 65534 65536 999999999999999999";

fn int_cases(rng: &mut Rng, cases: &mut Vec<Case>) {
    for i in FIXED_INTS.split_whitespace().map(|i| i.parse().unwrap()) {
        for spec in INT_SPECS {
            cases.push(Case::FormatInt(i, spec.to_string()));
        }
    }
    for spec in BAD_SPECS {
        cases.push(Case::FormatInt(1234, spec.to_string()));
    }
    for _ in 0..3000 {
        let i = rng.int();
        if (0xD800..=0xDFFF).contains(&i) {
            continue; // a surrogate for type `c`: see the unit tests
        }
        let kinds = ['b', 'c', 'd', 'o', 'x', 'X', 'n', 'e', 'f', 'g', '%', 's'];
        cases.push(Case::FormatInt(i, rng.spec(&kinds)));
        cases.push(Case::FormatInt(i, rng.pick(INT_SPECS).to_string()));
    }
}

#[rustfmt::skip]
const FIXED_STRS: &[&str] = &[
    "", "a", "hello", "it's", "say \"hi\"", "both ' and \"", "back\\slash",
    "tab\tnew\nline\rcr", "\0", "\x07", "\x1b", "\x7f", "\u{80}", "\u{85}", "\u{9f}", "\u{a0}",
    "\u{a9}", "\u{ad}", "é", "e\u{301}", "한국어", "日本", "\u{200b}", "\u{2028}", "\u{2029}",
    "\u{3000}", "\u{e000}", "\u{fffd}", "\u{fffe}", "\u{ffff}", "\u{10000}", "\u{1f600}x",
    "\u{e0001}", "\u{10ffff}", "\u{feff}", "\u{378}", "\u{1680}", "'", "\"", "'\"", "\\'",
];

fn str_cases(rng: &mut Rng, cases: &mut Vec<Case>) {
    for s in FIXED_STRS {
        cases.push(Case::ReprStr(s.to_string()));
        for spec in STR_SPECS {
            cases.push(Case::FormatStr(s.to_string(), spec.to_string()));
        }
    }
    for spec in BAD_SPECS {
        cases.push(Case::FormatStr("text".to_string(), spec.to_string()));
    }
    // Every code point, a few thousand to a string, checks the whole printable table.
    let every: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
    for chunk in every.chunks(4096) {
        cases.push(Case::ReprStr(chunk.iter().collect()));
    }
    for _ in 0..1000 {
        let s = rng.text();
        cases.push(Case::ReprStr(s.clone()));
        cases.push(Case::FormatStr(s, rng.spec(&['s', 's', 's', 'd'])));
    }
}

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }

    fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    /// A number of up to `count` decimal digits.
    fn digits(&mut self, count: u64) -> u64 {
        let count = self.below(count + 1) as u32;
        self.below(10u64.pow(count))
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Floats of every kind: any bit pattern, short decimals, near-halfway decimals and
    /// integers.
    fn float(&mut self) -> f64 {
        match self.below(4) {
            0 => f64::from_bits(self.next()),
            1 => {
                let mantissa = self.digits(18);
                let exponent = self.below(80) as i64 - 40;
                format!("{mantissa}e{exponent}").parse().unwrap()
            }
            2 => {
                let fraction = self.digits(5);
                format!("{}.{fraction}5", self.below(100_000)).parse().unwrap()
            }
            _ => (self.next() >> self.below(64)) as f64,
        }
    }

    fn int(&mut self) -> i64 {
        let magnitude = match self.below(4) {
            0 => self.next(),
            1 => self.below(1000),
            2 => self.below(0x11_0000),
            _ => self.next() >> self.below(64),
        } as i64;
        if self.one_in(3) {
            magnitude.wrapping_neg()
        } else {
            magnitude
        }
    }

    /// A short string of code points from every range.
    fn text(&mut self) -> String {
        let len = self.below(8);
        (0..len)
            .filter_map(|_| {
                let (start, end) = self.pick(&[
                    (0, 0x80),
                    (0x20, 0x7F),
                    (0x80, 0x100),
                    (0x100, 0x3000),
                    (0xAC00, 0xD7A4),
                    (0xE000, 0x1_0000),
                    (0x1_0000, 0x11_0000),
                ]);
                char::from_u32(start + self.below(u64::from(end - start)) as u32)
            })
            .collect()
    }

    /// A random spec with each part present or not, ending in one of `kinds` or none.
    fn spec(&mut self, kinds: &[char]) -> String {
        let mut spec = String::new();
        if self.one_in(3) {
            if self.one_in(2) {
                spec.push(self.pick(&['*', '0', ' ', 'x', '한', '<', '=']));
            }
            spec.push(self.pick(&['<', '>', '^', '=']));
        }
        if self.one_in(3) {
            spec.push(self.pick(&['+', '-', ' ']));
        }
        if self.one_in(8) {
            spec.push('z');
        }
        if self.one_in(4) {
            spec.push('#');
        }
        if self.one_in(4) {
            spec.push('0');
        }
        if self.one_in(2) {
            spec += &self.below(25).to_string();
        }
        if self.one_in(4) {
            spec.push(self.pick(&[',', '_']));
        }
        if self.one_in(2) {
            let precision = if self.one_in(10) {
                self.below(400)
            } else {
                self.below(21)
            };
            spec += &format!(".{precision}");
        }
        if !self.one_in(4) {
            spec.push(self.pick(kinds));
        }
        spec
    }
}
