//! Pieces of the scenario file: RON text captured by `ron`'s `RawValue` with its place in
//! the file, and the readers that turn a piece into a string, a list, a map or an
//! operation call, with every error located in the file.
//!
//! `ron` parses and validates the RON syntax; this module only adds positions, which
//! `ron` does not give for values.

use std::fmt;

use ron::value::RawValue;
use serde::Deserialize;
use serde::de::{self, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use super::ron_string;
use crate::diagnostic::Diagnostic;
use crate::syntax::{Span, TextOrigin};

/// A RON value's text and the file offset where it starts.
#[derive(Clone, Copy, Debug)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub offset: u32,
}

/// The shape of an operation: `Name`, `Name(a, b)` or `Name(x: a, y: b)`.
pub enum Args<'a> {
    Unit,
    Positional(Vec<Piece<'a>>),
    Named(Vec<(Piece<'a>, Piece<'a>)>),
}

pub struct Call<'a> {
    pub name: Piece<'a>,
    pub args: Args<'a>,
}

/// A decoded string piece, with the map from its bytes to file offsets.
pub struct StringPiece {
    pub text: String,
    pub map: Vec<u32>,
    pub span: Span,
}

impl StringPiece {
    pub fn origin(&self) -> TextOrigin<'_> {
        TextOrigin {
            base: self.span.start,
            map: Some(&self.map),
        }
    }
}

impl<'a> Piece<'a> {
    pub fn span(&self) -> Span {
        Span::new(self.offset, self.offset + self.text.len() as u32)
    }

    pub fn origin(&self) -> TextOrigin<'static> {
        TextOrigin::at(self.offset)
    }

    /// The piece of `raw`, which must borrow from `file`, without leading comments.
    pub fn of(file: &'a str, raw: &'a RawValue) -> Piece<'a> {
        let text = raw.get_ron();
        let offset = text.as_ptr() as usize - file.as_ptr() as usize;
        let skipped = skip_trivia(text, 0);
        Piece {
            text: &text[skipped..],
            offset: (offset + skipped) as u32,
        }
    }

    /// Parses the piece with `ron` as a `T`, mapping `ron`'s error position into the file.
    pub fn parse<T: Deserialize<'a>>(&self, what: &str) -> Result<T, Diagnostic> {
        let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let mut de =
            ron::Deserializer::from_str_with_options(self.text, &options).map_err(|e| self.ron_error(e, what))?;
        let value = T::deserialize(&mut de).map_err(|e| self.ron_error(de.span_error(e), what))?;
        de.end().map_err(|e| self.ron_error(de.span_error(e), what))?;
        Ok(value)
    }

    /// A `ron` error inside this piece as a diagnostic located in the file.
    pub fn ron_error(&self, e: ron::error::SpannedError, what: &str) -> Diagnostic {
        let start = self.offset + offset_of(self.text, e.span.start.line, e.span.start.col);
        let end = self.offset + offset_of(self.text, e.span.end.line, e.span.end.col);
        let span = Span::new(start, end.max(start));
        Diagnostic::new(describe_ron_error(&e.code), span).with_label(format!("expected {what}"))
    }

    pub fn is_string(&self) -> bool {
        self.text.starts_with('"') || self.text.starts_with("r\"") || self.text.starts_with("r#")
    }

    /// The piece as a RON string, decoded.
    pub fn string(&self, what: &str) -> Result<StringPiece, Diagnostic> {
        if !self.is_string() {
            return Err(
                Diagnostic::new(format!("expected {what}, found `{}`", self.preview()), self.span())
                    .with_label(format!("expected {what} as a string")),
            );
        }
        let value: String = self.parse(what)?;
        let (text, map) = match ron_string::decode(self.text) {
            Some(d) if d.text == value => (d.text, d.map.iter().map(|o| self.offset + o).collect()),
            _ => {
                let map = vec![self.offset; value.len() + 1];
                (value, map)
            }
        };
        Ok(StringPiece {
            text,
            map,
            span: self.span(),
        })
    }

    /// The piece as a RON list of pieces.
    pub fn list(&self, file: &'a str, what: &str) -> Result<Vec<Piece<'a>>, Diagnostic> {
        if !self.text.starts_with('[') {
            return Err(
                Diagnostic::new(format!("expected {what}, found `{}`", self.preview()), self.span())
                    .with_label(format!("expected {what} in [ ... ]")),
            );
        }
        let raws: Vec<&'a RawValue> = self.parse(what)?;
        Ok(raws.into_iter().map(|r| Piece::of(file, r)).collect())
    }

    /// The piece as a RON map of pieces, in file order.
    pub fn map(&self, file: &'a str, what: &str) -> Result<Vec<(Piece<'a>, Piece<'a>)>, Diagnostic> {
        if !self.text.starts_with('{') {
            return Err(
                Diagnostic::new(format!("expected {what}, found `{}`", self.preview()), self.span())
                    .with_label(format!("expected {what} in {{ ... }}")),
            );
        }
        let Entries(entries) = self.parse(what)?;
        Ok(entries
            .into_iter()
            .map(|(k, v)| (Piece::of(file, k), Piece::of(file, v)))
            .collect())
    }

    /// The piece as an operation call: `Name`, `Name(a, ...)` or `Name(x: a, ...)`.
    pub fn call(&self, file: &'a str, what: &str) -> Result<Call<'a>, Diagnostic> {
        let name_len = self
            .text
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.text.len());
        if name_len == 0 || !self.text.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return Err(
                Diagnostic::new(format!("expected {what}, found `{}`", self.preview()), self.span())
                    .with_label(format!("expected {what}")),
            );
        }
        let name = Piece {
            text: &self.text[..name_len],
            offset: self.offset,
        };
        let shape = shape_after(self.text, name_len);
        let raw: RawCall<'a> = {
            let options = ron::Options::default();
            let mut de =
                ron::Deserializer::from_str_with_options(self.text, &options).map_err(|e| self.ron_error(e, what))?;
            let value = de::Deserializer::deserialize_enum(&mut de, "operation", &[], CallVisitor(shape))
                .map_err(|e| self.ron_error(de.span_error(e), what))?;
            de.end().map_err(|e| self.ron_error(de.span_error(e), what))?;
            value
        };
        let args = match raw {
            RawCall::Unit => Args::Unit,
            RawCall::Positional(items) => Args::Positional(items.into_iter().map(|r| Piece::of(file, r)).collect()),
            RawCall::Named(items) => Args::Named(
                items
                    .into_iter()
                    .map(|(k, v)| {
                        let key = Piece {
                            text: k,
                            offset: (k.as_ptr() as usize - file.as_ptr() as usize) as u32,
                        };
                        (key, Piece::of(file, v))
                    })
                    .collect(),
            ),
        };
        Ok(Call { name, args })
    }

    /// The first line of the piece, shortened, for messages.
    pub fn preview(&self) -> String {
        let line = self.text.lines().next().unwrap_or("");
        if line.chars().count() > 40 {
            format!("{}...", line.chars().take(40).collect::<String>())
        } else {
            line.to_string()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Unit,
    Positional,
    Named,
}

/// Looks past the operation name: no parenthesis, `(name:` or anything else.
fn shape_after(text: &str, name_end: usize) -> Shape {
    let at = skip_trivia(text, name_end);
    if !text[at..].starts_with('(') {
        return Shape::Unit;
    }
    let inner = skip_trivia(text, at + 1);
    let rest = &text[inner..];
    let ident = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if ident == 0 || !rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        return Shape::Positional;
    }
    let after = skip_trivia(text, inner + ident);
    if text[after..].starts_with(':') && !text[after..].starts_with("::") {
        Shape::Named
    } else {
        Shape::Positional
    }
}

/// Skips whitespace and RON comments (`// ...` and nestable `/* ... */`) from `at`.
pub fn skip_trivia(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && (bytes[at] as char).is_ascii_whitespace() {
            at += 1;
        }
        if text[at..].starts_with("//") {
            at = text[at..].find('\n').map_or(text.len(), |n| at + n);
        } else if text[at..].starts_with("/*") {
            let mut depth = 0usize;
            while at < bytes.len() {
                if text[at..].starts_with("/*") {
                    depth += 1;
                    at += 2;
                } else if text[at..].starts_with("*/") {
                    depth -= 1;
                    at += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    at += text[at..].chars().next().map_or(1, char::len_utf8);
                }
            }
        } else {
            return at;
        }
    }
}

/// Byte offset of 1-based (line, column in characters) in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> u32 {
    let mut offset = 0usize;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let within: usize = l.chars().take(col.saturating_sub(1)).map(char::len_utf8).sum();
            return (offset + within) as u32;
        }
        offset += l.len();
    }
    text.len() as u32
}

fn describe_ron_error(code: &ron::Error) -> String {
    let text = code.to_string();
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "invalid RON".to_string(),
    }
}

struct Entries<'a>(Vec<(&'a RawValue, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Entries<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        d.deserialize_map(EntriesVisitor)
    }
}

struct Ident<'a>(&'a str);

impl<'de: 'a, 'a> Deserialize<'de> for Ident<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct IdentVisitor;
        impl<'de> Visitor<'de> for IdentVisitor {
            type Value = Ident<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Ident<'de>, E> {
                Ok(Ident(v))
            }
        }
        d.deserialize_identifier(IdentVisitor)
    }
}

enum RawCall<'a> {
    Unit,
    Positional(Vec<&'a RawValue>),
    Named(Vec<(&'a str, &'a RawValue)>),
}

struct CallVisitor(Shape);

impl<'de> Visitor<'de> for CallVisitor {
    type Value = RawCall<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an operation")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<RawCall<'de>, A::Error> {
        let (Ident(_), variant): (Ident<'de>, _) = data.variant()?;
        match self.0 {
            Shape::Unit => variant.unit_variant().map(|()| RawCall::Unit),
            Shape::Positional => variant.tuple_variant(0, PositionalVisitor).map(RawCall::Positional),
            Shape::Named => variant.struct_variant(&[], NamedVisitor).map(RawCall::Named),
        }
    }
}

struct PositionalVisitor;

impl<'de> Visitor<'de> for PositionalVisitor {
    type Value = Vec<&'de RawValue>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("arguments")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }
}

struct NamedVisitor;

impl<'de> Visitor<'de> for NamedVisitor {
    type Value = Vec<(&'de str, &'de RawValue)>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("named arguments")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some((Ident(k), v)) = map.next_entry::<Ident<'de>, &'de RawValue>()? {
            items.push((k, v));
        }
        Ok(items)
    }
}
