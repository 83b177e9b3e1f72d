//! The parser's token cursor, shared by the grammar modules below it: looking at and consuming
//! tokens, spans in file offsets, error messages that say what was found and what was
//! expected, the nesting limit, and the entry points that parse one construct from a text.

mod atoms;
mod expressions;
mod fstring;
mod headers;
mod params;
mod targets;
mod trailers;

use std::ops::Range;

use super::ast::{Expr, FPart, WithItem};
use super::lexer::{self, PResult, Source, Tok, Token};
use super::{ClassHeader, Dialect, ExceptClause, Signature, Span, SyntaxError, TextOrigin};

pub(crate) use expressions::reject_star;
pub(crate) use targets::{TargetUse, check_annotated_target, check_augmented_target, check_target};

/// How deep expressions (and blocks) may nest; also bounds the depth of the tree.
pub(crate) const MAX_DEPTH: usize = 200;
pub(crate) const TOO_DEEP: &str = "expression nested too deeply";
const MAX_BLOCK_DEPTH: usize = 100;

const WALRUS: &str = "assignment expressions (':=') are not supported";
const ELLIPSIS: &str = "Ellipsis ('...') is not supported";

pub(super) fn parse_expr(text: &str, origin: TextOrigin, dialect: Dialect) -> PResult<Expr> {
    parse_whole(Source::new(text, origin, dialect), Parser::star_expressions_or_yield)
}

pub(super) fn parse_target(text: &str, origin: TextOrigin) -> PResult<Expr> {
    parse_whole(Source::python(text, origin), Parser::assignment_target)
}

/// The body is taken as already decoded (it comes out of a RON string): backslashes are
/// literal text, only `{{`, `}}` and fields are special.
pub(super) fn parse_fstring(text: &str, origin: TextOrigin) -> PResult<Vec<FPart>> {
    fstring::parse_body(Source::python(text, origin), 0..text.len(), false, 0)
}

pub(super) fn parse_signature(text: &str, origin: TextOrigin) -> PResult<Signature> {
    parse_whole(Source::python(text, origin), Parser::signature)
}

pub(super) fn parse_class_header(text: &str, origin: TextOrigin) -> PResult<ClassHeader> {
    parse_whole(Source::python(text, origin), Parser::class_head)
}

pub(super) fn parse_except_clause(text: &str, origin: TextOrigin) -> PResult<ExceptClause> {
    parse_whole(Source::python(text, origin), Parser::except_clause)
}

pub(super) fn parse_with_item(text: &str, origin: TextOrigin) -> PResult<WithItem> {
    parse_whole(Source::python(text, origin), Parser::with_item)
}

/// Parses all of `src.text` with `parse`, newlines being whitespace.
fn parse_whole<'a, T>(src: Source<'a>, parse: impl FnOnce(&mut Parser<'a>) -> PResult<T>) -> PResult<T> {
    Parser::new(src, 0..src.text.len(), false, 0)?.parse_all(parse)
}

pub(crate) struct Parser<'a> {
    src: Source<'a>,
    tokens: Vec<Token<'a>>,
    pos: usize,
    /// Fragment offset where the last consumed token with text ended.
    last_end: usize,
    /// Current nesting, checked against [`MAX_DEPTH`].
    depth: usize,
    /// Whether NEWLINE/INDENT/DEDENT tokens are produced (a module).
    layout: bool,
}

impl<'a> Parser<'a> {
    /// A parser for `src.text[range]`, starting at nesting `depth`.
    pub(crate) fn new(src: Source<'a>, range: Range<usize>, layout: bool, depth: usize) -> PResult<Parser<'a>> {
        let last_end = range.start;
        let tokens = lexer::tokenize(src, range, layout)?;
        Ok(Parser {
            src,
            tokens,
            pos: 0,
            last_end,
            depth,
            layout,
        })
    }

    /// Runs `parse`, which must consume every token.
    pub(crate) fn parse_all<T>(mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let result = parse(&mut self)?;
        if !self.at_end() {
            return Err(self.trailing("end of input"));
        }
        Ok(result)
    }

    pub(crate) fn src(&self) -> Source<'a> {
        self.src
    }

    pub(crate) fn in_layout(&self) -> bool {
        self.layout
    }

    pub(crate) fn depth(&self) -> usize {
        self.depth
    }

    // ---- looking at tokens

    /// The tokenizer always ends the list with `End`, and `advance` never moves past it.
    pub(crate) fn current(&self) -> Token<'a> {
        self.tokens[self.pos]
    }

    pub(crate) fn peek(&self) -> Tok<'a> {
        self.current().tok
    }

    pub(crate) fn peek_second(&self) -> Tok<'a> {
        self.tokens.get(self.pos + 1).map_or(Tok::End, |t| t.tok)
    }

    pub(crate) fn at_op(&self, op: &'static str) -> bool {
        self.peek() == Tok::Op(op)
    }

    pub(crate) fn at_keyword(&self, keyword: &'static str) -> bool {
        self.peek() == Tok::Keyword(keyword)
    }

    pub(crate) fn at_end(&self) -> bool {
        self.peek() == Tok::End
    }

    /// Whether the current token can begin an expression (or a starred item).
    pub(crate) fn starts_expression(&self) -> bool {
        match self.peek() {
            Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str(_) => true,
            Tok::Op(op) => matches!(op, "(" | "[" | "{" | "-" | "+" | "~" | "*"),
            Tok::Keyword(k) => matches!(
                k,
                "not" | "lambda" | "await" | "None" | "True" | "False" | "true" | "false"
            ),
            Tok::Newline | Tok::Indent | Tok::Dedent | Tok::End => false,
        }
    }

    // ---- consuming tokens

    pub(crate) fn advance(&mut self) -> Token<'a> {
        let token = self.current();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        if !token.is_layout() {
            self.last_end = token.end;
        }
        token
    }

    pub(crate) fn eat(&mut self, tok: Tok) -> bool {
        let found = self.peek() == tok;
        if found {
            self.advance();
        }
        found
    }

    pub(crate) fn eat_op(&mut self, op: &'static str) -> bool {
        self.eat(Tok::Op(op))
    }

    pub(crate) fn eat_keyword(&mut self, keyword: &'static str) -> bool {
        self.eat(Tok::Keyword(keyword))
    }

    pub(crate) fn expect_op(&mut self, op: &'static str) -> PResult<Token<'a>> {
        self.expect(Tok::Op(op), op)
    }

    pub(crate) fn expect_keyword(&mut self, keyword: &'static str) -> PResult<Token<'a>> {
        self.expect(Tok::Keyword(keyword), keyword)
    }

    /// `tok`, whose source text is `text`.
    fn expect(&mut self, tok: Tok, text: &str) -> PResult<Token<'a>> {
        if self.peek() == tok {
            Ok(self.advance())
        } else {
            Err(self.unexpected(&format!("'{text}'")))
        }
    }

    /// The bracket that closes `open`.
    pub(crate) fn expect_closing(&mut self, open: Token) -> PResult<Token<'a>> {
        let (open, close) = match open.tok {
            Tok::Op("[") => ("[", "]"),
            Tok::Op("{") => ("{", "}"),
            _ => ("(", ")"),
        };
        if self.at_op(close) {
            return Ok(self.advance());
        }
        let found = self.describe_current();
        Err(self.found_error(format!("expected '{close}' to close '{open}', found {found}")))
    }

    /// A name (not a keyword): `what` says what it names, for the error message.
    pub(crate) fn expect_name(&mut self, what: &str) -> PResult<(String, Span)> {
        match self.peek() {
            Tok::Name(name) => {
                let token = self.advance();
                Ok((name.to_string(), self.token_span(token)))
            }
            _ => Err(self.unexpected(what)),
        }
    }

    pub(crate) fn expect_newline(&mut self) -> PResult<()> {
        if self.eat(Tok::Newline) {
            Ok(())
        } else {
            Err(self.trailing("end of line"))
        }
    }

    /// `first (',' item)* [',']`, where another item follows a comma only if `more` says so.
    /// Also says whether there was a comma.
    pub(crate) fn comma_list<T>(
        &mut self,
        first: T,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
        more: fn(&Self) -> bool,
    ) -> PResult<(Vec<T>, bool)> {
        let mut items = vec![first];
        let mut comma = false;
        while self.eat_op(",") {
            comma = true;
            if !more(self) {
                break;
            }
            items.push(item(self)?);
        }
        Ok((items, comma))
    }

    /// Runs `parse`; if it fails, puts the cursor back and returns `None`.
    pub(crate) fn attempt<T>(&mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> Option<T> {
        let (pos, last_end) = (self.pos, self.last_end);
        let result = self.chained(parse);
        if result.is_err() {
            self.pos = pos;
            self.last_end = last_end;
        }
        result.ok()
    }

    // ---- spans

    /// File offset where the current token starts.
    pub(crate) fn start(&self) -> u32 {
        self.src.offset(self.current().start)
    }

    /// From `start` to the end of the last consumed token.
    pub(crate) fn span_from(&self, start: u32) -> Span {
        Span::new(start, self.src.offset(self.last_end).max(start))
    }

    pub(crate) fn token_span(&self, token: Token) -> Span {
        self.src.span(token.start, token.end)
    }

    // ---- errors

    pub(crate) fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        error(self.token_span(self.current()), message)
    }

    /// "unexpected X, expected `expected`".
    pub(crate) fn unexpected(&self, expected: &str) -> SyntaxError {
        let found = self.describe_current();
        self.found_error(format!("unexpected {found}, expected {expected}"))
    }

    /// An error at the current token; constructs that are out of scope get their own message.
    fn found_error(&self, message: String) -> SyntaxError {
        match self.peek() {
            Tok::Op(":=") => self.error_here(WALRUS),
            Tok::Op("...") => self.error_here(ELLIPSIS),
            _ => self.error_here(message),
        }
    }

    /// The current token where the construct should have ended.
    fn trailing(&self, expected: &str) -> SyntaxError {
        match self.peek() {
            Tok::Op(close @ (")" | "]" | "}")) => self.error_here(format!("unmatched '{close}'")),
            _ => self.unexpected(expected),
        }
    }

    fn describe_current(&self) -> String {
        let token = self.current();
        let text = truncated(&self.src.text[token.start..token.end]);
        match token.tok {
            Tok::End => "end of input".to_string(),
            Tok::Newline => "end of line".to_string(),
            Tok::Indent => "indent".to_string(),
            Tok::Dedent => "dedent".to_string(),
            Tok::Str(_) => "string literal".to_string(),
            Tok::Int(_) | Tok::Float(_) => format!("number '{text}'"),
            Tok::Name(_) => format!("name '{text}'"),
            Tok::Keyword(_) => format!("keyword '{text}'"),
            Tok::Op(_) => format!("token '{text}'"),
        }
    }

    // ---- nesting

    /// Runs `parse` one level deeper, failing if that is too deep.
    /// (Kept free of helper closures: it is on the recursion path of every bracket.)
    pub(crate) fn nested_expr<T>(&mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let saved = self.depth;
        self.deepen()?;
        let result = parse(self);
        self.depth = saved;
        result
    }

    /// Runs `parse` for an indented block, one level deeper; as in Python, at most
    /// [`MAX_BLOCK_DEPTH`] blocks nest.
    pub(crate) fn nested_block<T>(&mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_BLOCK_DEPTH {
            return Err(self.error_here("too many levels of indentation"));
        }
        self.nested_expr(parse)
    }

    /// Runs `parse`, then forgets the levels it added with [`Parser::deepen`].
    pub(crate) fn chained<T>(&mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let saved = self.depth;
        let result = parse(self);
        self.depth = saved;
        result
    }

    /// One more level, for a node that wraps the one built so far (`a + b + c`, `f()()`),
    /// until the enclosing [`Parser::chained`] returns.
    pub(crate) fn deepen(&mut self) -> PResult<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error_here(TOO_DEEP));
        }
        self.depth += 1;
        Ok(())
    }
}

pub(crate) fn error(span: Span, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        message: message.into(),
        span,
    }
}

/// At most 20 characters of a token's text, for a message.
fn truncated(text: &str) -> String {
    match text.char_indices().nth(20) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}
