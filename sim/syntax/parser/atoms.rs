//! Atoms: names, constants, (concatenated) string literals, and the bracketed displays —
//! parenthesised expressions and tuples, lists, sets, dicts and their comprehensions.

use super::super::ast::{CompFor, CompKind, Expr, ExprKind, FPart};
use super::super::lexer::{PResult, Tok, Token, string_value};
use super::expressions::reject_star;
use super::{Parser, error, fstring};

const UNPACKING_IN_COMPREHENSION: &str = "iterable unpacking cannot be used in comprehension";

/// `key: value`, or `**mapping` with no key.
type DictItem = (Option<Expr>, Expr);

/// What followed the first item of a list, set or tuple display.
enum Display {
    Comprehension(Expr),
    /// The items, and whether there was a comma.
    Items(Vec<Expr>, bool),
}

impl Parser<'_> {
    pub(crate) fn atom(&mut self) -> PResult<Expr> {
        let token = self.current();
        let kind = match token.tok {
            Tok::Name(name) => ExprKind::Name(name.to_string()),
            Tok::Int(value) => ExprKind::Int(value),
            Tok::Float(value) => ExprKind::Float(value),
            Tok::Keyword("None") => ExprKind::None,
            // `true` and `false` are keywords in RON only.
            Tok::Keyword("True" | "true") => ExprKind::Bool(true),
            Tok::Keyword("False" | "false") => ExprKind::Bool(false),
            Tok::Str(_) => return self.strings(),
            Tok::Op("(") => return self.nested_expr(Self::parenthesized),
            Tok::Op("[") => return self.nested_expr(Self::list_display),
            Tok::Op("{") => return self.nested_expr(Self::brace_display),
            _ => return Err(self.unexpected("an expression")),
        };
        self.advance();
        Ok(Expr::new(kind, self.token_span(token)))
    }

    /// Adjacent string literals, concatenated; an f-string among them makes an f-string.
    fn strings(&mut self) -> PResult<Expr> {
        let start = self.start();
        let mut parts = Vec::new();
        let mut formatted = false;
        while let Tok::Str(literal) = self.peek() {
            self.advance();
            let body = literal.body_start..literal.body_end;
            if literal.format {
                formatted = true;
                let fields = fstring::parse_body(self.src(), body, !literal.raw, self.depth())?;
                fields.into_iter().for_each(|part| fstring::push_part(&mut parts, part));
            } else {
                let value = string_value(&self.src(), body.start, body.end, literal.raw)?;
                fstring::push_literal(&mut parts, value);
            }
        }
        let kind = if formatted {
            ExprKind::FString(parts)
        } else {
            ExprKind::Str(match parts.pop() {
                Some(FPart::Literal(text)) => text,
                _ => String::new(),
            })
        };
        Ok(Expr::new(kind, self.span_from(start)))
    }

    /// `()`, `(x)`, `(x,)`, `(yield x)`, `(x for x in xs)`.
    fn parenthesized(&mut self) -> PResult<Expr> {
        let open = self.advance();
        if self.at_op(")") || self.at_keyword("yield") {
            return self.empty_or_yield(open);
        }
        let first = self.star_expression()?;
        self.parenthesized_rest(open, first)
    }

    fn empty_or_yield(&mut self, open: Token) -> PResult<Expr> {
        if self.at_op(")") {
            return self.close_display(open, ExprKind::Tuple(Vec::new()));
        }
        let value = self.yield_expr()?;
        self.expect_closing(open)?;
        Ok(value)
    }

    /// A group, tuple or generator expression after its first item.
    fn parenthesized_rest(&mut self, open: Token, first: Expr) -> PResult<Expr> {
        match self.display_rest(open, first, CompKind::Generator)? {
            Display::Comprehension(comprehension) => Ok(comprehension),
            Display::Items(mut items, false) if items.len() == 1 => {
                self.expect_closing(open)?;
                reject_star(items.remove(0))
            }
            Display::Items(items, _) => self.close_display(open, ExprKind::Tuple(items)),
        }
    }

    /// `[]`, `[a, *b]`, `[x for x in xs]`.
    fn list_display(&mut self) -> PResult<Expr> {
        let open = self.advance();
        if self.at_op("]") {
            return self.close_display(open, ExprKind::List(Vec::new()));
        }
        let first = self.star_expression()?;
        match self.display_rest(open, first, CompKind::List)? {
            Display::Comprehension(comprehension) => Ok(comprehension),
            Display::Items(items, _) => self.close_display(open, ExprKind::List(items)),
        }
    }

    /// `{}` (a dict), `{a: 1, **b}`, `{k: v for ...}`, `{a, *b}`, `{x for ...}`.
    fn brace_display(&mut self) -> PResult<Expr> {
        let open = self.advance();
        if self.at_op("}") {
            return self.close_display(open, ExprKind::Dict(Vec::new()));
        }
        if self.at_op("**") {
            return self.dict_display(open, None);
        }
        let first = self.star_expression()?;
        if self.at_op(":") && !matches!(first.kind, ExprKind::Starred(_)) {
            return self.dict_display(open, Some(first));
        }
        match self.display_rest(open, first, CompKind::Set)? {
            Display::Comprehension(comprehension) => Ok(comprehension),
            Display::Items(items, _) => self.close_display(open, ExprKind::Set(items)),
        }
    }

    /// After the first item of a list, set or tuple display: the other items, or the clauses
    /// of a comprehension (then the closing bracket is consumed too).
    fn display_rest(&mut self, open: Token, first: Expr, kind: CompKind) -> PResult<Display> {
        if self.starts_comprehension() {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(error(first.span, UNPACKING_IN_COMPREHENSION));
            }
            let generators = self.comprehension_clauses()?;
            let kind = ExprKind::Comprehension {
                kind,
                elt: Box::new(first),
                value: None,
                generators,
            };
            return self.close_display(open, kind).map(Display::Comprehension);
        }
        let (items, comma) = self.comma_list(first, Self::star_expression, Self::starts_expression)?;
        Ok(Display::Items(items, comma))
    }

    /// The rest of a dict display after `{`; `first_key` if it was already parsed.
    fn dict_display(&mut self, open: Token, first_key: Option<Expr>) -> PResult<Expr> {
        let first = self.dict_item(first_key)?;
        if self.starts_comprehension() {
            self.dict_comprehension(open, first)
        } else {
            self.dict_items(open, first)
        }
    }

    fn dict_comprehension(&mut self, open: Token, (key, value): DictItem) -> PResult<Expr> {
        let Some(key) = key else {
            return Err(error(value.span, "dict unpacking cannot be used in dict comprehension"));
        };
        let generators = self.comprehension_clauses()?;
        let kind = ExprKind::Comprehension {
            kind: CompKind::Dict,
            elt: Box::new(key),
            value: Some(Box::new(value)),
            generators,
        };
        self.close_display(open, kind)
    }

    fn dict_items(&mut self, open: Token, first: DictItem) -> PResult<Expr> {
        let (items, _) = self.comma_list(first, |p| p.dict_item(None), |p| !p.at_op("}"))?;
        self.close_display(open, ExprKind::Dict(items))
    }

    /// `key: value` or `**mapping` (a `None` key); `key` if it was already parsed.
    fn dict_item(&mut self, key: Option<Expr>) -> PResult<DictItem> {
        match key {
            Some(key) => self.dict_value(key),
            None if self.eat_op("**") => self.bitwise_or().map(|mapping| (None, mapping)),
            None => {
                let key = self.expression()?;
                self.dict_value(key)
            }
        }
    }

    /// `: value` after `key`.
    fn dict_value(&mut self, key: Expr) -> PResult<DictItem> {
        self.expect_op(":")?;
        let value = self.expression()?;
        Ok((Some(key), value))
    }

    /// Consumes the bracket closing `open` and spans `kind` over both brackets.
    fn close_display(&mut self, open: Token, kind: ExprKind) -> PResult<Expr> {
        self.expect_closing(open)?;
        let start = self.src().offset(open.start);
        Ok(Expr::new(kind, self.span_from(start)))
    }

    pub(crate) fn starts_comprehension(&self) -> bool {
        self.at_keyword("for") || (self.at_keyword("async") && self.peek_second() == Tok::Keyword("for"))
    }

    /// `[async] for target in iter [if cond]...`, one or more.
    /// Each clause nests a level in the tree (and on the stack).
    pub(crate) fn comprehension_clauses(&mut self) -> PResult<Vec<CompFor>> {
        let mut generators = Vec::new();
        while self.starts_comprehension() {
            generators.push(self.nested_expr(Self::comprehension_clause)?);
        }
        Ok(generators)
    }

    fn comprehension_clause(&mut self) -> PResult<CompFor> {
        let is_async = self.eat_keyword("async");
        self.expect_keyword("for")?;
        let target = self.target_list()?;
        self.expect_keyword("in")?;
        let iter = self.disjunction()?;
        let mut ifs = Vec::new();
        while self.eat_keyword("if") {
            ifs.push(self.disjunction()?);
        }
        Ok(CompFor {
            target,
            iter,
            ifs,
            is_async,
        })
    }
}
