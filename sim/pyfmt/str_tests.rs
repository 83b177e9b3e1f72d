//! Unit tests of `%` formatting, the `str.format` template parser, `ascii()` escaping and the
//! character classes, against outputs and messages of CPython 3.11.

use super::chartype;
use super::percent::{Args, Kind, Operand, PercentError, percent_format};
use super::template::{Access, Arg, Field, Markup, Numbering, split_field_name};
use super::*;

/// A stand-in for the interpreter's values.
#[derive(Clone, Copy, Debug)]
enum V {
    I(i64),
    B(bool),
    F(f64),
    S(&'static str),
    None,
    /// `{'a': 1, 's': 'x'}`.
    Dict,
}

struct Mock;

impl Operand for Mock {
    type Value = V;
    type Error = String;

    fn kind(&self, v: V) -> Kind<'_> {
        match v {
            V::I(i) => Kind::Int(i),
            V::B(b) => Kind::Bool(b),
            V::F(x) => Kind::Float(x),
            V::S(s) => Kind::Str(s),
            V::None | V::Dict => Kind::Other,
        }
    }

    fn type_name(&self, v: V) -> String {
        match v {
            V::I(_) => "int",
            V::B(_) => "bool",
            V::F(_) => "float",
            V::S(_) => "str",
            V::None => "NoneType",
            V::Dict => "dict",
        }
        .to_string()
    }

    fn text(&mut self, v: V, conversion: char) -> Result<String, String> {
        Ok(match v {
            V::I(i) => i.to_string(),
            V::B(b) => if b { "True" } else { "False" }.to_string(),
            V::F(x) => float_repr(x),
            V::S(s) if conversion == 's' => s.to_string(),
            V::S(s) if conversion == 'r' => str_repr(s),
            V::S(s) => ascii_escape(&str_repr(s)),
            V::None => "None".to_string(),
            V::Dict => "{'a': 1, 's': 'x'}".to_string(),
        })
    }

    fn lookup(&mut self, _mapping: V, key: &str) -> Result<V, String> {
        match key {
            "a" => Ok(V::I(1)),
            "s" => Ok(V::S("x")),
            _ => Err(format!("KeyError: {key:?}")),
        }
    }

    fn error(&mut self, error: PercentError) -> String {
        format!("{:?}: {}", error.kind, error.message)
    }
}

fn pct(template: &str, args: &[V]) -> Result<String, String> {
    percent_format(template, Args::Tuple(args.to_vec()), &mut Mock)
}

fn pct1(template: &str, value: V) -> Result<String, String> {
    let mapping = matches!(value, V::Dict);
    percent_format(template, Args::Single { value, mapping }, &mut Mock)
}

#[test]
fn percent_formats_as_cpython() {
    use V::*;
    let cases: &[(&str, &[V], &str)] = &[
        (
            "%s=%d (%.2f) [%5s|%-5s] %%",
            &[S("k"), I(7), F(2.5), S("r"), S("l")],
            "k=7 (2.50) [    r|l    ] %",
        ),
        (
            "%r %x %05.1f %+d",
            &[S("q"), I(255), F(1.23456), I(4)],
            "'q' ff 001.2 +4",
        ),
        ("%-05d|%05s", &[I(3), S("ab")], "3    |   ab"),
        ("%#x %#X %#o", &[I(255), I(255), I(8)], "0xff 0XFF 0o10"),
        (
            "%+.3d|% 5.2f|%-+8.3e|",
            &[I(7), F(1.23456), F(12345.678)],
            "+007| 1.23|+1.235e+04|",
        ),
        (
            "%#.0f %g %G %.0g %#g",
            &[I(3), F(1e-10), F(1e20), F(1234.5), F(1.0)],
            "3. 1e-10 1E+20 1e+03 1.00000",
        ),
        ("%hd %ls %Lf", &[I(1), S("s"), F(2.0)], "1 s 2.000000"),
        (
            "%i %u %x %#08x %08.3f",
            &[B(true), I(-4), I(-255), I(-255), F(-2.5)],
            "1 -4 -ff -0x000ff -002.500",
        ),
        (
            "%a %5c|%-5c|%.2s|%10.2r",
            &[S("é"), I(65), S("é"), S("hello"), S("hello")],
            "'\\xe9'     A|é    |he|        'h",
        ),
        (
            "%*.*f|%-*d|%.*f",
            &[I(8), I(2), F(1.23456), I(-6), I(5), I(-3), F(1.5)],
            "    1.23|5     |2",
        ),
        ("%.3x %#.3o %+x % d", &[I(5), I(5), I(255), I(5)], "005 0o005 +ff  5"),
        (
            "%E %F %05.1f %+.1f",
            &[F(f64::INFINITY), F(f64::NAN), F(f64::NEG_INFINITY), F(-0.04)],
            "INF NAN -0inf -0.0",
        ),
        (
            "%d %d %i %d",
            &[F(3.7), F(1e20), F(-0.5), F(-1e20)],
            "3 100000000000000000000 0 -100000000000000000000",
        ),
        (
            "%#5x|%#-8o|%#05X|%-#10x|",
            &[I(10), I(8), I(255), I(255)],
            "  0xa|0o10    |0X0FF|0xff      |",
        ),
        ("%+s|%-+5s|%.0s|", &[S("x"), S("ab"), S("abc")], "x|ab   ||"),
        ("%c%c %s", &[B(true), I(0x4e2d), None], "\u{1}中 None"),
    ];
    for &(template, args, expected) in cases {
        assert_eq!(pct(template, args), Ok(expected.to_string()), "{template:?} % {args:?}");
    }
    assert_eq!(pct1("%(a)s %(s)r %(a)05d", V::Dict), Ok("1 'x' 00001".to_string()));
    assert_eq!(pct1("%s", V::Dict), Ok("{'a': 1, 's': 'x'}".to_string()));
    assert_eq!(pct1("no directive", V::Dict), Ok("no directive".to_string()));
    assert_eq!(pct1("%s alone", V::S("x")), Ok("x alone".to_string()));
}

#[test]
fn percent_errors_are_cpythons() {
    use V::*;
    let cases: &[(&str, &[V], &str)] = &[
        ("%5%", &[], "Type: not enough arguments for format string"),
        (
            "%5%",
            &[I(1)],
            "Value: unsupported format character '%' (0x25) at index 2",
        ),
        ("%z", &[], "Type: not enough arguments for format string"),
        (
            "ab%\u{e9}",
            &[I(1)],
            "Value: unsupported format character '?' (0xe9) at index 3",
        ),
        ("%c", &[S("ab")], "Type: %c requires int or char"),
        ("%c", &[F(1.5)], "Type: %c requires int or char"),
        ("%c", &[I(-1)], "Overflow: %c arg not in range(0x110000)"),
        ("%(a)s", &[], "Type: format requires a mapping"),
        ("%d", &[S("3")], "Type: %d format: a real number is required, not str"),
        ("%x", &[F(3.0)], "Type: %x format: an integer is required, not float"),
        ("%o", &[None], "Type: %o format: an integer is required, not NoneType"),
        (
            "%d",
            &[F(f64::INFINITY)],
            "Overflow: cannot convert float infinity to integer",
        ),
        ("%d", &[F(f64::NAN)], "Value: cannot convert float NaN to integer"),
        ("%f", &[S("x")], "Type: must be real number, not str"),
        ("%*d", &[S("a"), I(1)], "Type: * wants int"),
        (
            "%.*f",
            &[I(1 << 40), F(1.0)],
            "Overflow: Python int too large to convert to C int",
        ),
        ("%", &[], "Value: incomplete format"),
        ("abc %", &[I(1)], "Value: incomplete format"),
        ("%.", &[I(1)], "Value: incomplete format"),
        ("%5", &[I(1)], "Value: incomplete format"),
        ("%*", &[I(1)], "Value: incomplete format"),
        ("%*", &[], "Type: not enough arguments for format string"),
        (
            "%s",
            &[I(1), I(2)],
            "Type: not all arguments converted during string formatting",
        ),
        ("%d %d", &[I(1)], "Type: not enough arguments for format string"),
        ("%.1000000000000f", &[F(1.0)], "Value: precision too big"),
        ("%99999999999999999999d", &[I(1)], "Value: width too big"),
        ("%.2147483645d", &[I(1)], "Overflow: precision too large"),
    ];
    for &(template, args, expected) in cases {
        assert_eq!(
            pct(template, args),
            Err(expected.to_string()),
            "{template:?} % {args:?}"
        );
    }
    assert_eq!(pct1("%(a", V::Dict), Err("Value: incomplete format key".to_string()));
    assert_eq!(pct1("%(k)s", V::Dict), Err("KeyError: \"k\"".to_string()));
    assert_eq!(pct1("%(a", V::I(5)), Err("Type: format requires a mapping".to_string()));
    assert_eq!(
        pct1("%s %s", V::Dict),
        Err("Type: not enough arguments for format string".to_string())
    );
    assert_eq!(
        pct1("%(a)*d", V::Dict),
        Err("Type: not enough arguments for format string".to_string())
    );
    assert_eq!(
        pct1("hello", V::I(5)),
        Err("Type: not all arguments converted during string formatting".to_string())
    );
    let error = pct("%*s", &[V::I(1 << 60), V::S("x")]).unwrap_err();
    assert!(error.starts_with("Memory"), "{error}");
}

/// The pieces of a template, or the first error.
fn markup(template: &str) -> Result<Vec<(&str, Option<Field<'_>>)>, String> {
    Markup::new(template).collect()
}

fn field<'a>(name: &'a str, conversion: Option<char>, spec: &'a str, nested: bool) -> Option<Field<'a>> {
    Some(Field {
        name,
        conversion,
        spec,
        nested,
    })
}

#[test]
fn templates_parse_as_cpython() {
    assert_eq!(markup(""), Ok(vec![]));
    assert_eq!(markup("plain"), Ok(vec![("plain", None)]));
    assert_eq!(
        markup("a{{b}}c{0!r:>{w}}d{}"),
        Ok(vec![
            ("a{", None),
            ("b}", None),
            ("c", field("0", Some('r'), ">{w}", true)),
            ("d", field("", None, "", false)),
        ])
    );
    assert_eq!(markup("{a[}]:x}"), Ok(vec![("", field("a[}]", None, "x", false))]));
    assert_eq!(markup("{!r:}"), Ok(vec![("", field("", Some('r'), "", false))]));
    let errors = [
        ("x}", "Single '}' encountered in format string"),
        ("{", "Single '{' encountered in format string"),
        ("{0", "expected '}' before end of string"),
        ("{0[}", "expected '}' before end of string"),
        ("{a{b}", "unexpected '{' in field name"),
        ("{0!}", "unmatched '{' in format spec"),
        ("{0!", "end of string while looking for conversion specifier"),
        ("{0!rr}", "expected ':' after conversion specifier"),
        ("{:{}", "unmatched '{' in format spec"),
    ];
    for (template, expected) in errors {
        assert_eq!(markup(template), Err(expected.to_string()), "{template:?}");
    }
}

#[test]
fn field_names_split_as_cpython() {
    let mut numbering = Numbering::default();
    let (arg, accesses) = split_field_name("a.b[0][k].c", &mut numbering).unwrap();
    assert_eq!(arg, Arg::Name("a"));
    let accesses: Result<Vec<_>, _> = accesses.collect();
    assert_eq!(
        accesses,
        Ok(vec![
            Access::Attribute("b"),
            Access::Index(0),
            Access::Key("k"),
            Access::Attribute("c")
        ])
    );
    assert_eq!(numbering, Numbering::Unknown);
    assert_eq!(split_field_name("", &mut numbering).unwrap().0, Arg::Index(0));
    assert_eq!(split_field_name("[1]", &mut numbering).unwrap().0, Arg::Index(1));
    assert_eq!(
        split_field_name("0", &mut numbering).err(),
        Some("cannot switch from automatic field numbering to manual field specification".to_string())
    );
    let mut numbering = Numbering::default();
    assert_eq!(split_field_name("00", &mut numbering).unwrap().0, Arg::Index(0));
    assert_eq!(
        split_field_name("", &mut numbering).err(),
        Some("cannot switch from manual field specification to automatic field numbering".to_string())
    );
    let errors = [
        ("0.", "Empty attribute in format string"),
        ("0[]", "Empty attribute in format string"),
        ("0[0]x", "Only '.' or '[' may follow ']' in format field specifier"),
        ("0[0", "Missing ']' in format string"),
    ];
    for (name, expected) in errors {
        let (_, accesses) = split_field_name(name, &mut Numbering::default()).unwrap();
        let accesses: Result<Vec<_>, _> = accesses.collect();
        assert_eq!(accesses, Err(expected.to_string()), "{name:?}");
    }
    assert_eq!(
        split_field_name("99999999999999999999", &mut Numbering::default()).err(),
        Some("Too many decimal digits in format string".to_string())
    );
}

#[test]
fn ascii_escapes_non_ascii() {
    assert_eq!(ascii_escape("'naïve'"), "'na\\xefve'");
    assert_eq!(ascii_escape("'中\u{1f600}'"), "'\\u4e2d\\U0001f600'");
    assert_eq!(ascii_escape("plain"), "plain");
}

#[test]
fn character_classes_are_cpythons() {
    assert!(chartype::is_space('\u{1c}') && chartype::is_space('\u{3000}') && !chartype::is_space('\u{200b}'));
    assert!(chartype::is_alpha('é') && !chartype::is_alpha('\u{93e}') && !chartype::is_alpha('Ⅻ'));
    assert!(chartype::is_digit('²') && !chartype::is_decimal('²') && chartype::is_decimal('٣'));
    assert!(chartype::is_numeric('½') && chartype::is_numeric('三') && !chartype::is_digit('½'));
    assert!(chartype::is_titlecase('ǅ') && !chartype::is_titlecase('Ǆ'));
    let mut folded = String::new();
    for c in "Straße ﬁ Ꭰ".chars() {
        chartype::push_casefold(&mut folded, c);
    }
    assert_eq!(folded, "strasse fi Ꭰ");
    let mut title = String::new();
    for c in ['ß', 'ǆ', 'ﬁ', 'a'] {
        chartype::push_titlecase(&mut title, c);
    }
    assert_eq!(title, "SsǅFiA");
}
