//! The scanner: splits a text into names, keywords, numbers, string literals and operators,
//! skipping whitespace and comments. In layout mode (a module) it also produces Python's
//! NEWLINE, INDENT and DEDENT tokens; otherwise newlines are plain whitespace.

mod layout;
mod numbers;
mod source;
mod strings;

use std::ops::Range;

use layout::{IndentChange, IndentStack};
pub(crate) use source::{PResult, Source};
pub(crate) use strings::{StrToken, string_value};

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Tok<'a> {
    Name(&'a str),
    Keyword(&'static str),
    Int(i64),
    Float(f64),
    Str(StrToken),
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    End,
}

/// A token and the fragment offsets of its text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Token<'a> {
    pub(crate) tok: Tok<'a>,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Token<'_> {
    /// NEWLINE, INDENT, DEDENT and the end: tokens without source text of their own.
    pub(crate) fn is_layout(&self) -> bool {
        matches!(self.tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::End)
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Keywords of the RON dialect only.
const RON_KEYWORDS: &[&str] = &["true", "false"];

/// Longest first, so that the first match is the longest.
const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", ":=", "+=", "-=", "*=",
    "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]",
    "{", "}", ",", ":", ".", ";", "=",
];

/// The tokens of `src.text[range]`, ending with [`Tok::End`].
pub(crate) fn tokenize<'a>(src: Source<'a>, range: Range<usize>, layout: bool) -> PResult<Vec<Token<'a>>> {
    let lexer = Lexer {
        src,
        pos: range.start,
        end: range.end,
        tokens: Vec::new(),
        brackets: 0,
        layout,
        indents: IndentStack::new(),
        line_start: layout,
    };
    lexer.run()
}

pub(crate) fn is_identifier_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

pub(crate) fn is_identifier_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn keyword(word: &str, src: &Source) -> Option<&'static str> {
    let ron_keywords = if src.is_ron() { RON_KEYWORDS } else { &[] };
    KEYWORDS.iter().chain(ron_keywords).find(|k| **k == word).copied()
}

struct Lexer<'a> {
    src: Source<'a>,
    pos: usize,
    end: usize,
    tokens: Vec<Token<'a>>,
    /// Open brackets: inside them newlines are whitespace even in layout mode.
    brackets: usize,
    layout: bool,
    indents: IndentStack,
    /// In layout mode, at the start of a logical line (its indentation comes next).
    line_start: bool,
}

impl<'a> Lexer<'a> {
    fn run(mut self) -> PResult<Vec<Token<'a>>> {
        loop {
            if self.line_start {
                self.indentation()?;
            }
            self.skip_trivia()?;
            match self.peek() {
                None => return Ok(self.finish()),
                Some('\n' | '\r') => self.newline(),
                Some(c) => self.token(c)?,
            }
        }
    }

    fn rest(&self) -> &'a str {
        &self.src.text[self.pos..self.end]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, tok: Tok<'a>, start: usize, end: usize) {
        self.tokens.push(Token { tok, start, end });
    }

    fn newline_is_token(&self) -> bool {
        self.layout && self.brackets == 0
    }

    fn skip_trivia(&mut self) -> PResult<()> {
        loop {
            let rest = self.rest();
            let ron = self.src.is_ron();
            if rest.starts_with([' ', '\t', '\x0c']) {
                self.pos += 1;
            } else if rest.starts_with('#') || (ron && rest.starts_with("//")) {
                self.skip_comment();
            } else if ron && rest.starts_with("/*") {
                self.skip_block_comment()?;
            } else if rest.starts_with('\\') {
                self.line_continuation()?;
            } else if rest.starts_with(['\n', '\r']) && !self.newline_is_token() {
                self.skip_newline();
            } else {
                return Ok(());
            }
        }
    }

    /// To the end of the line, leaving the newline.
    fn skip_comment(&mut self) {
        let rest = self.rest();
        self.pos += rest.find(['\n', '\r']).unwrap_or(rest.len());
    }

    /// RON's `/* ... */`, which nests.
    fn skip_block_comment(&mut self) -> PResult<()> {
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            let rest = self.rest();
            if rest.starts_with("/*") {
                depth += 1;
                self.pos += 2;
            } else if rest.starts_with("*/") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return Ok(());
                }
            } else if let Some(c) = rest.chars().next() {
                self.pos += c.len_utf8();
            } else {
                return Err(self.src.error(start, start + 2, "unterminated block comment"));
            }
        }
    }

    fn skip_newline(&mut self) {
        self.pos += if self.rest().starts_with("\r\n") { 2 } else { 1 };
    }

    /// A backslash must end its line, which then continues the current one.
    fn line_continuation(&mut self) -> PResult<()> {
        let backslash = self.pos;
        self.pos += 1;
        match self.peek() {
            Some('\n' | '\r') => {
                self.skip_newline();
                Ok(())
            }
            Some(c) => Err(self.src.error(
                backslash,
                self.pos + c.len_utf8(),
                "unexpected character after line continuation character",
            )),
            None => Err(self.src.error(
                backslash,
                self.pos,
                "unexpected end of input after line continuation character",
            )),
        }
    }

    /// At the start of a line in layout mode: skips blank and comment-only lines, then turns
    /// the indentation of the first line with tokens into INDENT or DEDENT tokens.
    fn indentation(&mut self) -> PResult<()> {
        self.line_start = false;
        loop {
            let line = self.pos;
            let rest = self.rest();
            self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
            if self.peek() == Some('#') {
                self.skip_comment();
            }
            match self.peek() {
                None => return Ok(()),
                Some('\n' | '\r') => self.skip_newline(),
                Some(_) => return self.indent_to(line),
            }
        }
    }

    fn indent_to(&mut self, line: usize) -> PResult<()> {
        let (start, end) = (line, self.pos);
        let change = self
            .indents
            .change_to(&self.src.text[start..end])
            .map_err(|message| self.src.error(start, end, message))?;
        match change {
            IndentChange::Same => {}
            IndentChange::Indent => self.push(Tok::Indent, start, end),
            IndentChange::Dedent(levels) => {
                for _ in 0..levels {
                    self.push(Tok::Dedent, end, end);
                }
            }
        }
        Ok(())
    }

    fn newline(&mut self) {
        let start = self.pos;
        self.skip_newline();
        if self.tokens.last().is_some_and(|t| t.tok != Tok::Newline) {
            self.push(Tok::Newline, start, self.pos);
        }
        self.line_start = true;
    }

    fn finish(mut self) -> Vec<Token<'a>> {
        let end = self.end;
        if self.layout {
            if self.tokens.last().is_some_and(|t| t.tok != Tok::Newline) {
                self.push(Tok::Newline, end, end);
            }
            for _ in 0..self.indents.open_levels() {
                self.push(Tok::Dedent, end, end);
            }
        }
        self.push(Tok::End, end, end);
        self.tokens
    }

    fn token(&mut self, c: char) -> PResult<()> {
        let start = self.pos;
        if c.is_ascii_digit() || (c == '.' && self.rest()[1..].starts_with(|d: char| d.is_ascii_digit())) {
            return self.number(start);
        }
        if is_identifier_start(c) {
            return self.word(start);
        }
        if c == '\'' || c == '"' {
            return self.quoted(start, strings::Prefix::default());
        }
        let Some(op) = OPERATORS.iter().find(|op| self.rest().starts_with(**op)) else {
            let message = format!("invalid character '{c}' (U+{:04X})", u32::from(c));
            return Err(self.src.error(start, start + c.len_utf8(), message));
        };
        self.pos += op.len();
        match *op {
            "(" | "[" | "{" => self.brackets += 1,
            ")" | "]" | "}" => self.brackets = self.brackets.saturating_sub(1),
            _ => {}
        }
        self.push(Tok::Op(op), start, self.pos);
        Ok(())
    }

    fn number(&mut self, start: usize) -> PResult<()> {
        let (tok, len) =
            numbers::scan(self.rest()).map_err(|e| self.src.error(start + e.start, start + e.end, e.message))?;
        self.pos += len;
        self.push(tok, start, self.pos);
        Ok(())
    }

    /// A name, a keyword, or the prefix of a string literal.
    fn word(&mut self, start: usize) -> PResult<()> {
        let rest = self.rest();
        self.pos += rest.find(|c| !is_identifier_continue(c)).unwrap_or(rest.len());
        let word = &self.src.text[start..self.pos];
        let next = self.peek();
        if self.src.is_ron() && word == "r" && matches!(next, Some('"' | '#')) {
            let (token, end) = strings::scan_ron_raw(&self.src, start, self.end)?;
            self.push_string(token, start, end);
            return Ok(());
        }
        if matches!(next, Some('\'' | '"'))
            && let Some(prefix) = strings::Prefix::parse(word)
        {
            return self.quoted(start, prefix);
        }
        let tok = keyword(word, &self.src).map_or(Tok::Name(word), Tok::Keyword);
        self.push(tok, start, self.pos);
        Ok(())
    }

    /// A Python string literal whose opening quote is at the current position.
    fn quoted(&mut self, start: usize, prefix: strings::Prefix) -> PResult<()> {
        let (token, end) = strings::scan_quoted(&self.src, start, self.pos, self.end, prefix)?;
        self.push_string(token, start, end);
        Ok(())
    }

    fn push_string(&mut self, token: StrToken, start: usize, end: usize) {
        self.pos = end;
        self.push(Tok::Str(token), start, end);
    }
}
