//! Byte spans into a source text, and the map from a fragment's own offsets to the file's.
//!
//! Expressions live inside RON strings, so the text a parser sees is a fragment of the file,
//! possibly with escapes decoded. A [`TextOrigin`] turns a byte offset in the fragment into
//! the byte offset in the file, so every span in the syntax tree points into the file.

/// A half-open byte range `start..end` in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// Where a fragment of text sits in its file.
#[derive(Clone, Copy, Debug)]
pub struct TextOrigin<'a> {
    /// File offset of the fragment's first byte.
    pub base: u32,
    /// When the fragment was unescaped: `map[i]` is the file offset of fragment byte `i`
    /// (`map.len() == text.len() + 1`, the last entry is the end).
    pub map: Option<&'a [u32]>,
}

impl<'a> TextOrigin<'a> {
    /// A fragment copied verbatim from the file at `base`.
    pub const fn at(base: u32) -> TextOrigin<'static> {
        TextOrigin { base, map: None }
    }

    /// File offset of fragment byte `i`.
    pub fn abs(&self, i: usize) -> u32 {
        match self.map {
            Some(map) => map.get(i).or(map.last()).copied().unwrap_or(self.base),
            None => self.base + i as u32,
        }
    }

    /// File span of fragment bytes `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.abs(start), self.abs(end))
    }
}
