//! Unit tests: known CPython 3.11 outputs for each function, the errors, and the behaviour
//! that the differential test cannot compare (surrogates, allocation failures).

use super::*;

fn float(x: f64, spec: &str) -> Result<String, String> {
    parse_format_spec(spec).and_then(|spec| format_float(x, &spec))
}

fn int(i: i64, spec: &str) -> Result<String, String> {
    parse_format_spec(spec).and_then(|spec| format_int(i, &spec))
}

fn string(s: &str, spec: &str) -> Result<String, String> {
    parse_format_spec(spec).and_then(|spec| format_str(s, &spec))
}

fn check<T: Copy + std::fmt::Debug>(format: fn(T, &str) -> Result<String, String>, cases: &[(T, &str, &str)]) {
    for &(value, spec, expected) in cases {
        assert_eq!(
            format(value, spec),
            Ok(expected.to_string()),
            "format({value:?}, {spec:?})"
        );
    }
}

fn check_errors<T: Copy + std::fmt::Debug>(format: fn(T, &str) -> Result<String, String>, cases: &[(T, &str, &str)]) {
    for &(value, spec, expected) in cases {
        assert_eq!(
            format(value, spec),
            Err(expected.to_string()),
            "format({value:?}, {spec:?})"
        );
    }
}

#[test]
fn float_repr_is_shortest_round_trip() {
    let cases = [
        (1.0, "1.0"),
        (0.1, "0.1"),
        (0.3, "0.3"),
        (2.0 / 3.0, "0.6666666666666666"),
        (0.0001, "0.0001"),
        (1.5e-5, "1.5e-05"),
        (123456789012345.0, "123456789012345.0"),
        (9999999999999998.0, "9999999999999998.0"),
        (1e16, "1e+16"),
        (1e22, "1e+22"),
        (-0.0, "-0.0"),
        (0.0, "0.0"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (-f64::NAN, "nan"),
        // Two shortest candidates equally close: dtoa keeps the even digit.
        (2f64.powi(50) + 0.25, "1125899906842624.2"),
        (2f64.powi(50) + 0.75, "1125899906842624.8"),
    ];
    for (x, expected) in cases {
        assert_eq!(float_repr(x), expected, "repr({x:?})");
    }
}

#[test]
fn str_repr_quotes_and_escapes() {
    let cases = [
        ("", "''"),
        ("abc", "'abc'"),
        ("it's", "\"it's\""),
        ("say \"hi\"", "'say \"hi\"'"),
        ("both ' and \"", "'both \\' and \"'"),
        ("back\\slash", "'back\\\\slash'"),
        ("\t\n\r", "'\\t\\n\\r'"),
        ("\0\x1b\x7f", "'\\x00\\x1b\\x7f'"),
        ("\u{a0}\u{ad}é", "'\\xa0\\xadé'"),
        ("한국어", "'한국어'"),
        ("\u{200b}\u{2028}\u{fffe}", "'\\u200b\\u2028\\ufffe'"),
        ("\u{1f600}\u{e0001}\u{10ffff}", "'\u{1f600}\\U000e0001\\U0010ffff'"),
    ];
    for (s, expected) in cases {
        assert_eq!(str_repr(s), expected, "repr({s:?})");
    }
}

#[test]
fn float_formats() {
    check(
        float,
        &[
            (1.0, "", "1.0"),
            (1e20, "", "1e+20"),
            (1.5, ".3", "1.5"),
            (10.0, ".3", "10.0"),
            (100.0, ".3", "1e+02"),
            (2.675, ".2f", "2.67"),
            (0.125, ".2f", "0.12"),
            (0.375, ".2f", "0.38"),
            (0.5, ".0f", "0"),
            (1.5, ".0f", "2"),
            (2.5, ".0f", "2"),
            (0.0005, ".3f", "0.001"),
            (1e-10, ".3f", "0.000"),
            (1234567.891, ",.2f", "1,234,567.89"),
            (1234567.891, "_.1f", "1_234_567.9"),
            (-3.25159, "010.2f", "-000003.25"),
            (3.25159, "+.3e", "+3.252e+00"),
            (12345.678, "E", "1.234568E+04"),
            (0.00001234, "g", "1.234e-05"),
            (123456789.0, "g", "1.23457e+08"),
            (1e-5, "G", "1E-05"),
            (0.25, "%", "25.000000%"),
            (0.255, ".1%", "25.5%"),
            (1e20, "#", "1.e+20"),
            (1.0, "#.0f", "1."),
            (1.0, "#g", "1.00000"),
            (-0.0001, "z.2f", "0.00"),
            (-0.0, "z", "0.0"),
            (-0.0, "", "-0.0"),
            (f64::INFINITY, "010", "0000000inf"),
            (f64::NEG_INFINITY, "F", "-INF"),
            (f64::NAN, "+", "+nan"),
            (1234.5, "*^12,.1f", "**1,234.5***"),
            (-1234.5, "0=+12,.1f", "-0,001,234.5"),
            (1234.5, "n", "1234.5"),
            (1e300, ".3g", "1e+300"),
            (5e-324, ".3e", "4.941e-324"),
        ],
    );
}

#[test]
fn float_huge_precision_is_exact() {
    let text = float(0.1, ".500f").unwrap();
    assert_eq!(text.len(), 502);
    assert!(text.starts_with("0.1000000000000000055511151231257827021181583404541015625000"));
    assert!(text[57..].bytes().all(|b| b == b'0'));
    assert_eq!(float(5e-324, ".1100e").unwrap().len(), 1107);
}

#[test]
fn float_errors() {
    check_errors(
        float,
        &[
            (1.5, "d", "Unknown format code 'd' for object of type 'float'"),
            (1.5, "s", "Unknown format code 's' for object of type 'float'"),
            (1.5, ",n", "Cannot specify ',' with 'n'."),
            (1.5, ",x", "Cannot specify ',' with 'x'."),
            (1.5, "_x", "Unknown format code 'x' for object of type 'float'"),
            (1.5, ".2147483648f", "precision too big"),
            (1.5, "abc", "Invalid format specifier 'abc' for object of type 'float'"),
        ],
    );
}

#[test]
fn int_formats() {
    check(
        int,
        &[
            (42, "", "42"),
            (-42, "d", "-42"),
            (255, "b", "11111111"),
            (255, "#o", "0o377"),
            (255, "#x", "0xff"),
            (-255, "#X", "-0XFF"),
            (65, "c", "A"),
            (0xAC00, "^5c", "  가  "),
            (65, "05c", "0000A"),
            (1234567, ",", "1,234,567"),
            (1234567, "_", "1_234_567"),
            (0xFFFFFF, "_x", "ff_ffff"),
            (1234, "08,", "0,001,234"),
            (1234, "010,", "00,001,234"),
            (-5, "0=+8", "-0000005"),
            (5, " ", " 5"),
            (255, "#012_b", "0b0_1111_1111"),
            (1, "x<05", "1xxxx"),
            (1234567, "n", "1234567"),
            (i64::MIN, "", "-9223372036854775808"),
            (i64::MIN, "#x", "-0x8000000000000000"),
            (i64::MAX, ",", "9,223,372,036,854,775,807"),
            (i64::MAX, "e", "9.223372e+18"),
            ((1 << 53) + 1, ".0f", "9007199254740992"),
            (3, "%", "300.000000%"),
            (1, ".2f", "1.00"),
            (7, "\u{663}", "  7"),
        ],
    );
}

#[test]
fn int_errors() {
    check_errors(
        int,
        &[
            (1, ".2", "Precision not allowed in integer format specifier"),
            (
                1,
                "z",
                "Negative zero coercion (z) not allowed in integer format specifier",
            ),
            (65, "+c", "Sign not allowed with integer format specifier 'c'"),
            (
                65,
                "#c",
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ),
            (-1, "c", "%c arg not in range(0x110000)"),
            (0x110000, "c", "%c arg not in range(0x110000)"),
            (
                0xD800,
                "c",
                "%c arg 0xd800 is a surrogate, which has no text of its own",
            ),
            (1, "s", "Unknown format code 's' for object of type 'int'"),
            (1, "é", "Unknown format code '\\xe9' for object of type 'int'"),
            (1, ",s", "Cannot specify ',' with 's'."),
            (1, ",b", "Cannot specify ',' with 'b'."),
            (1, ", ", "Cannot specify ',' with '\\x20'."),
            (1, ",,", "Cannot specify ',' with ','."),
            (1, "abc", "Invalid format specifier 'abc' for object of type 'int'"),
        ],
    );
}

#[test]
fn str_formats() {
    check(
        string,
        &[
            ("ab", "", "ab"),
            ("ab", "5", "ab   "),
            ("ab", ">5", "   ab"),
            ("ab", "^5", " ab  "),
            ("ab", "*^6", "**ab**"),
            ("ab", "05", "ab000"),
            ("한국어", "^7", "  한국어  "),
            ("한국어", "한>5", "한한한국어"),
            ("hello", ".2", "he"),
            ("hello", "6.3s", "hel   "),
            ("hello", ".2147483648", "hello"),
        ],
    );
}

#[test]
fn str_errors() {
    check_errors(
        string,
        &[
            ("s", "+", "Sign not allowed in string format specifier"),
            ("s", "-", "Sign not allowed in string format specifier"),
            ("s", " ", "Space not allowed in string format specifier"),
            (
                "s",
                "z",
                "Negative zero coercion (z) not allowed in string format specifier",
            ),
            ("s", "#", "Alternate form (#) not allowed in string format specifier"),
            ("s", "=5", "'=' alignment not allowed in string format specifier"),
            ("s", ",", "Cannot specify ',' with 's'."),
            ("s", "d", "Unknown format code 'd' for object of type 'str'"),
            ("s", "abc", "Invalid format specifier 'abc' for object of type 'str'"),
        ],
    );
}

#[test]
fn parse_errors() {
    let cases = [
        (".", "Format specifier missing precision"),
        ("10.f", "Format specifier missing precision"),
        (",_", "Cannot specify both ',' and '_'."),
        ("_,", "Cannot specify both ',' and '_'."),
        ("99999999999999999999", "Too many decimal digits in format string"),
        (".99999999999999999999", "Too many decimal digits in format string"),
    ];
    for (spec, expected) in cases {
        assert_eq!(parse_format_spec(spec), Err(expected.to_string()), "{spec:?}");
    }
}

#[test]
fn widths_too_large_to_allocate_are_errors() {
    let error = int(1, "9223372036854775807").unwrap_err();
    assert!(error.starts_with("MemoryError"), "{error}");
    let error = float(1.0, "09223372036854775807,").unwrap_err();
    assert!(error.starts_with("MemoryError"), "{error}");
    let error = string("s", "9223372036854775807").unwrap_err();
    assert!(error.starts_with("MemoryError"), "{error}");
}

#[test]
fn round_float_is_correctly_rounded() {
    let cases = [
        (2.675, 2, 2.67),
        (0.125, 2, 0.12),
        (0.375, 2, 0.38),
        (0.5, 0, 0.0),
        (1.5, 0, 2.0),
        (2.5, 0, 2.0),
        (1234.5, -2, 1200.0),
        (1250.0, -2, 1200.0),
        (1350.0, -2, 1400.0),
        (5e-324, 323, 0.0),
        (5e-324, 324, 5e-324),
        (1e300, -300, 1e300),
        (123.456, 400, 123.456),
        (5.0, -400, 0.0),
    ];
    for (x, ndigits, expected) in cases {
        assert_eq!(round_float(x, ndigits), expected, "round({x:?}, {ndigits})");
    }
    assert!(round_float(-0.001, 2).is_sign_negative());
    assert!(round_float(-5.0, -400).is_sign_negative());
    assert!(round_float(f64::NAN, 2).is_nan());
    assert_eq!(round_float(f64::NEG_INFINITY, 2), f64::NEG_INFINITY);
    // Python raises OverflowError here.
    assert_eq!(round_float(f64::MAX, -308), f64::INFINITY);
}
