//! The template language of `str.format` and `str.format_map`, parsed as CPython 3.11's
//! `MarkupIterator` and `FieldNameIterator` do (Objects/stringlib/unicode_format.h):
//! literal text with `{{` and `}}`, and replacement fields `{name!conversion:spec}` whose
//! name is an argument (an index, automatic, or a keyword) followed by `.attribute` and
//! `[key]` accesses.
//!
//! Parsing is lazy, as CPython's: the interpreter looks up each field before the next one
//! is parsed, so errors come in CPython's order. Every error here is a `ValueError` message.

use super::unicode::decimal_value;

/// The pieces of a template: each is literal text, then possibly a replacement field.
pub struct Markup<'a> {
    rest: &'a str,
}

/// A replacement field, `{name!conversion:spec}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    pub name: &'a str,
    pub conversion: Option<char>,
    pub spec: &'a str,
    /// The spec holds fields of its own (`{:{width}}`), to be formatted first.
    pub nested: bool,
}

impl<'a> Markup<'a> {
    pub fn new(template: &'a str) -> Markup<'a> {
        Markup { rest: template }
    }
}

impl<'a> Iterator for Markup<'a> {
    type Item = Result<(&'a str, Option<Field<'a>>), String>;

    /// `MarkupIterator_next`.
    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let text = self.rest;
        let Some(at) = text.find(['{', '}']) else {
            self.rest = "";
            return Some(Ok((text, None)));
        };
        let brace = text.as_bytes()[at];
        let after = &text[at + 1..];
        if after.as_bytes().first() == Some(&brace) {
            // `{{` or `}}`: the literal ends with one brace, and no field follows.
            self.rest = &after[1..];
            return Some(Ok((&text[..=at], None)));
        }
        if brace == b'}' {
            return Some(Err("Single '}' encountered in format string".to_string()));
        }
        if after.is_empty() {
            return Some(Err("Single '{' encountered in format string".to_string()));
        }
        self.rest = after;
        Some(self.field().map(|field| (&text[..at], Some(field))))
    }
}

impl<'a> Markup<'a> {
    /// `parse_field`: the field after a `{`, up to its `}`.
    fn field(&mut self) -> Result<Field<'a>, String> {
        let text = self.rest;
        let mut chars = text.char_indices();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            match c {
                '{' => return Err("unexpected '{' in field name".to_string()),
                '[' => {
                    // Anything up to `]` is part of the name.
                    for (_, c) in chars.by_ref() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                '}' | ':' | '!' => {
                    end = Some((i, c));
                    break;
                }
                _ => {}
            }
        }
        let Some((name_end, stop)) = end else {
            return Err("expected '}' before end of string".to_string());
        };
        let mut field = Field {
            name: &text[..name_end],
            conversion: None,
            spec: "",
            nested: false,
        };
        let mut rest = &text[name_end + 1..];
        if stop == '}' {
            self.rest = rest;
            return Ok(field);
        }
        if stop == '!' {
            let mut chars = rest.chars();
            let Some(conversion) = chars.next() else {
                return Err("end of string while looking for conversion specifier".to_string());
            };
            field.conversion = Some(conversion);
            rest = chars.as_str();
            let mut chars = rest.chars();
            match chars.next() {
                Some('}') => {
                    self.rest = chars.as_str();
                    return Ok(field);
                }
                Some(':') => rest = chars.as_str(),
                Some(_) => return Err("expected ':' after conversion specifier".to_string()),
                None => {}
            }
        }
        let mut depth = 1;
        for (i, c) in rest.char_indices() {
            match c {
                '{' => {
                    field.nested = true;
                    depth += 1;
                }
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        field.spec = &rest[..i];
                        self.rest = &rest[i + 1..];
                        return Ok(field);
                    }
                }
                _ => {}
            }
        }
        Err("unmatched '{' in format spec".to_string())
    }
}

/// The argument a field names first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg<'a> {
    /// A positional argument, numbered or automatic.
    Index(usize),
    /// A keyword argument (or, for `format_map`, a key of the mapping).
    Name(&'a str),
}

/// Automatic (`{}`) or manual (`{0}`) numbering: a template may not mix them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Numbering {
    #[default]
    Unknown,
    Automatic(usize),
    Manual,
}

/// `field_name_split`: a field name's first part (an argument) and its accesses, numbering
/// an automatic field.
pub fn split_field_name<'a>(name: &'a str, numbering: &mut Numbering) -> Result<(Arg<'a>, Accesses<'a>), String> {
    let end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, rest) = name.split_at(end);
    let index = integer(first)?;
    let arg = match (first.is_empty(), index) {
        (true, _) => {
            let n = match *numbering {
                Numbering::Unknown => 0,
                Numbering::Automatic(n) => n,
                Numbering::Manual => {
                    return Err(
                        "cannot switch from manual field specification to automatic field numbering".to_string(),
                    );
                }
            };
            *numbering = Numbering::Automatic(n + 1);
            Arg::Index(n)
        }
        (false, Some(index)) => {
            if let Numbering::Automatic(_) = numbering {
                return Err("cannot switch from automatic field numbering to manual field specification".to_string());
            }
            *numbering = Numbering::Manual;
            Arg::Index(index)
        }
        (false, None) => Arg::Name(first),
    };
    Ok((arg, Accesses { rest }))
}

/// One access after a field's argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access<'a> {
    /// `.name`
    Attribute(&'a str),
    /// `[123]`
    Index(usize),
    /// `[key]`: a string key.
    Key(&'a str),
}

/// The accesses of a field name (`FieldNameIterator`), parsed one at a time.
pub struct Accesses<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Accesses<'a> {
    type Item = Result<Access<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut chars = self.rest.chars();
        let access = match chars.next()? {
            '.' => {
                let text = chars.as_str();
                let end = text.find(['.', '[']).unwrap_or(text.len());
                self.rest = &text[end..];
                Ok(Access::Attribute(&text[..end]))
            }
            '[' => {
                let text = chars.as_str();
                let Some(end) = text.find(']') else {
                    self.rest = "";
                    return Some(Err("Missing ']' in format string".to_string()));
                };
                self.rest = &text[end + 1..];
                let key = &text[..end];
                match integer(key) {
                    Ok(Some(index)) => Ok(Access::Index(index)),
                    Ok(None) => Ok(Access::Key(key)),
                    Err(e) => Err(e),
                }
            }
            _ => {
                self.rest = "";
                return Some(Err(
                    "Only '.' or '[' may follow ']' in format field specifier".to_string()
                ));
            }
        };
        Some(access.and_then(|access| match access {
            Access::Attribute("") | Access::Key("") => Err("Empty attribute in format string".to_string()),
            access => Ok(access),
        }))
    }
}

/// `get_integer`: the value of a name made only of decimal digits (of any script).
fn integer(text: &str) -> Result<Option<usize>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut value: usize = 0;
    for c in text.chars() {
        let Some(digit) = decimal_value(c) else {
            return Ok(None);
        };
        let digit = digit as usize;
        if value > (isize::MAX as usize - digit) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        value = value * 10 + digit;
    }
    Ok(Some(value))
}
