//! `str.format`, `str.format_map` and `template % args`: the interpreter's side of
//! [`crate::pyfmt::template`] and [`crate::pyfmt::percent`], which parse and lay out; here
//! arguments are looked up and converted with `str()`, `repr()`, `ascii()` and `format()`.

use super::super::classes;
use super::super::machine::Machine;
use super::super::object::Obj;
use super::super::value::Value;
use super::strings::{text, this};
use super::{Call, Effect, NativeDef, NativeResult, Raised, req};
use crate::pyfmt::percent::{self, Args, ErrorKind, Kind, Operand, PercentError};
use crate::pyfmt::template::{Access, Arg, Markup, Numbering, split_field_name};

pub(super) const METHODS: &[NativeDef] = &[
    NativeDef::new("format", &[], Effect::Pure, format).varargs().kwargs(),
    NativeDef::new("format_map", &[req("mapping")], Effect::Pure, format_map),
];

/// Where the fields of a template find their arguments.
enum Source<'a> {
    /// `str.format(*args, **kwargs)`.
    Call {
        args: &'a [Value],
        kwargs: &'a [(Value, Value)],
    },
    /// `str.format_map(mapping)`: keys only.
    Mapping(Value),
}

/// How deep fields may nest in format specs (`{:{width}}` is one level), as CPython.
const MAX_DEPTH: u32 = 2;

fn format(m: &mut Machine, call: &Call) -> NativeResult {
    let template = this(m, call)?;
    let source = Source::Call {
        args: call.rest,
        kwargs: call.kwargs,
    };
    let out = render(m, &template, &source, &mut Numbering::default(), MAX_DEPTH)?;
    text(m, out)
}

fn format_map(m: &mut Machine, call: &Call) -> NativeResult {
    let template = this(m, call)?;
    let source = Source::Mapping(call.args[0]);
    let out = render(m, &template, &source, &mut Numbering::default(), MAX_DEPTH)?;
    text(m, out)
}

/// `build_string`: the template with each field replaced by its formatted argument.
fn render(
    m: &mut Machine,
    template: &str,
    source: &Source,
    numbering: &mut Numbering,
    depth: u32,
) -> Result<String, Raised> {
    if depth == 0 {
        return m.value_error("Max string recursion exceeded");
    }
    let mut out = String::with_capacity(template.len());
    for piece in Markup::new(template) {
        let (literal, field) = match piece {
            Ok(piece) => piece,
            Err(message) => return m.format_error(message),
        };
        out.push_str(literal);
        let Some(field) = field else {
            continue;
        };
        let value = field_value(m, field.name, source, numbering)?;
        let value = match field.conversion {
            None => value,
            Some(conversion) => {
                let converted = match conversion {
                    's' => m.display(value)?,
                    'r' => m.repr(value)?,
                    'a' => m.ascii(value)?,
                    c if (33..127).contains(&u32::from(c)) => {
                        return m.value_error(format!("Unknown conversion specifier {c}"));
                    }
                    c => return m.value_error(format!("Unknown conversion specifier \\x{:x}", u32::from(c))),
                };
                m.string_value(converted)
            }
        };
        let formatted = if field.nested {
            let spec = render(m, field.spec, source, numbering, depth - 1)?;
            m.format_value(value, &spec)?
        } else {
            m.format_value(value, field.spec)?
        };
        out.push_str(&formatted);
    }
    Ok(out)
}

/// `get_field_object`: the argument a field names, then its attributes and items.
fn field_value(m: &mut Machine, name: &str, source: &Source, numbering: &mut Numbering) -> Result<Value, Raised> {
    let (arg, accesses) = match split_field_name(name, numbering) {
        Ok(split) => split,
        Err(message) => return m.format_error(message),
    };
    let mut value = match (arg, source) {
        (Arg::Name(key), Source::Call { kwargs, .. }) => match kwargs.iter().find(|(k, _)| m.as_str(*k) == Some(key)) {
            Some((_, v)) => *v,
            None => {
                let key = m.str_value(key);
                return Err(Raised(m.new_exception(classes::KEY_ERROR, vec![key])));
            }
        },
        (Arg::Name(key), Source::Mapping(mapping)) => {
            let key = m.str_value(key);
            m.get_item(*mapping, key)?
        }
        (Arg::Index(i), Source::Call { args, .. }) => match args.get(i) {
            Some(v) => *v,
            None => {
                return m.raise(
                    classes::INDEX_ERROR,
                    format!("Replacement index {i} out of range for positional args tuple"),
                );
            }
        },
        (Arg::Index(_), Source::Mapping(_)) => return m.value_error("Format string contains positional fields"),
    };
    for access in accesses {
        let access = match access {
            Ok(access) => access,
            Err(message) => return m.format_error(message),
        };
        value = match access {
            Access::Attribute(attr) => m.get_attr_by_name(value, attr)?,
            Access::Index(i) => m.get_item(value, Value::Int(i as i64))?,
            Access::Key(key) => {
                let key = m.str_value(key);
                m.get_item(value, key)?
            }
        };
    }
    Ok(value)
}

impl Machine<'_> {
    /// `template % args`: printf-style formatting.
    pub fn percent_format(&mut self, template: &str, args: Value) -> Result<Value, Raised> {
        let args = match args.as_obj().map(|r| self.heap.get(r)) {
            Some(Obj::Tuple(items)) => Args::Tuple(items.to_vec()),
            // Types with `[]` (CPython's `PyMapping_Check`), str aside.
            Some(Obj::Dict(_) | Obj::List(_) | Obj::Range(_)) => Args::Single {
                value: args,
                mapping: true,
            },
            _ => Args::Single {
                value: args,
                mapping: false,
            },
        };
        let out = percent::percent_format(template, args, &mut Percent(self))?;
        Ok(self.string_value(out))
    }
}

/// The machine as the operand of `%` formatting.
struct Percent<'m, 'p>(&'m mut Machine<'p>);

impl Operand for Percent<'_, '_> {
    type Value = Value;
    type Error = Raised;

    fn kind(&self, v: Value) -> Kind<'_> {
        match v {
            Value::Int(i) => Kind::Int(i),
            Value::Bool(b) => Kind::Bool(b),
            Value::Float(x) => Kind::Float(x),
            v => self.0.as_str(v).map_or(Kind::Other, Kind::Str),
        }
    }

    fn type_name(&self, v: Value) -> String {
        self.0.type_name(v).to_string()
    }

    fn text(&mut self, v: Value, conversion: char) -> Result<String, Raised> {
        match conversion {
            's' => self.0.display(v),
            'r' => self.0.repr(v),
            _ => self.0.ascii(v),
        }
    }

    fn lookup(&mut self, mapping: Value, key: &str) -> Result<Value, Raised> {
        let key = self.0.str_value(key);
        self.0.get_item(mapping, key)
    }

    fn error(&mut self, error: PercentError) -> Raised {
        let (class, message) = match error.kind {
            ErrorKind::Type => (classes::TYPE_ERROR, error.message),
            ErrorKind::Value => (classes::VALUE_ERROR, error.message),
            ErrorKind::Overflow => (classes::OVERFLOW_ERROR, error.message),
            ErrorKind::Memory => (
                classes::MEMORY_ERROR,
                error.message.trim_start_matches("MemoryError: ").to_string(),
            ),
        };
        self.0.exception(class, message)
    }
}
