//! Parameter lists of `def` (and signatures) and of `lambda`: defaults, annotations (def only),
//! `/`, `*`, `*args`, keyword-only parameters and `**kwargs`, with Python's ordering errors.

use std::collections::HashSet;
use std::mem;

use super::super::ast::{Param, Params};
use super::super::lexer::{PResult, Tok};
use super::{Parser, Span, error};

/// Which kind of parameter a name introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ParamKind {
    /// Positional-or-keyword, or keyword-only after `*`.
    Plain,
    /// `*args`
    VarPositional,
    /// `**kwargs`
    VarKeyword,
}

impl Parser<'_> {
    /// The parameters between `def name(` and `)`, which is left for the caller.
    pub(crate) fn def_parameters(&mut self) -> PResult<Box<Params>> {
        self.parameters(true, |p| p.at_op(")"))
    }

    /// The parameters between `lambda` and `:`, which is left for the caller.
    pub(crate) fn lambda_parameters(&mut self) -> PResult<Box<Params>> {
        self.parameters(false, |p| p.at_op(":"))
    }

    /// (The list is boxed, as parameter lists are large and defaults may nest lambdas.)
    fn parameters(&mut self, annotated: bool, at_end: fn(&Self) -> bool) -> PResult<Box<Params>> {
        let mut list = Box::<ParamList>::default();
        while !at_end(self) {
            self.parameter(annotated, &mut list)?;
            if !self.eat_op(",") {
                break;
            }
        }
        list.finish()
    }

    fn parameter(&mut self, annotated: bool, list: &mut ParamList) -> PResult<()> {
        let token = self.current();
        let marker = self.token_span(token);
        let kind = match token.tok {
            Tok::Op("/") => {
                self.advance();
                return list.slash(marker);
            }
            Tok::Op("*") if matches!(self.peek_second(), Tok::Op("," | ")" | ":")) => {
                self.advance();
                return list.bare_star(marker);
            }
            Tok::Op("*") => ParamKind::VarPositional,
            Tok::Op("**") => ParamKind::VarKeyword,
            _ => ParamKind::Plain,
        };
        if kind != ParamKind::Plain {
            self.advance();
        }
        let param = self.param(annotated, kind)?;
        list.add(kind, param)
    }

    /// `name [: annotation] [= default]`; a `*` or `**` parameter may not have a default.
    fn param(&mut self, annotated: bool, kind: ParamKind) -> PResult<Param> {
        let (name, span) = self.expect_name("a parameter name")?;
        let annotation = if annotated && self.eat_op(":") {
            Some(self.expression()?)
        } else {
            None
        };
        let default = if self.eat_op("=") {
            Some(self.expression()?)
        } else {
            None
        };
        let variadic = match kind {
            ParamKind::Plain => None,
            ParamKind::VarPositional => Some("var-positional"),
            ParamKind::VarKeyword => Some("var-keyword"),
        };
        if let (Some(variadic), Some(default)) = (variadic, &default) {
            return Err(error(
                default.span,
                format!("{variadic} argument cannot have default value"),
            ));
        }
        Ok(Param {
            name,
            span,
            default,
            annotation,
        })
    }
}

/// A parameter list being collected, checking Python's rules as parameters arrive.
#[derive(Default)]
struct ParamList {
    params: Params,
    names: HashSet<String>,
    slash: bool,
    /// Where a bare `*` was, until a keyword-only parameter follows it.
    bare_star: Option<Span>,
    star: bool,
    default_seen: bool,
}

impl ParamList {
    fn slash(&mut self, at: Span) -> PResult<()> {
        self.check_not_after_kwarg(at)?;
        let problem = if self.star {
            "/ must be ahead of *"
        } else if self.slash {
            "/ may appear only once"
        } else if self.params.args.is_empty() {
            "at least one argument must precede /"
        } else {
            self.slash = true;
            self.params.posonly = mem::take(&mut self.params.args);
            return Ok(());
        };
        Err(error(at, problem))
    }

    fn bare_star(&mut self, at: Span) -> PResult<()> {
        self.star(at)?;
        self.bare_star = Some(at);
        Ok(())
    }

    fn add(&mut self, kind: ParamKind, param: Param) -> PResult<()> {
        match kind {
            ParamKind::Plain => self.plain(param),
            ParamKind::VarPositional => self.vararg(param),
            ParamKind::VarKeyword => self.kwarg(param),
        }
    }

    fn vararg(&mut self, param: Param) -> PResult<()> {
        self.star(param.span)?;
        self.add_name(&param)?;
        self.params.vararg = Some(param);
        Ok(())
    }

    fn star(&mut self, at: Span) -> PResult<()> {
        self.check_not_after_kwarg(at)?;
        if self.star {
            return Err(error(at, "* argument may appear only once"));
        }
        self.star = true;
        Ok(())
    }

    fn kwarg(&mut self, param: Param) -> PResult<()> {
        self.check_not_after_kwarg(param.span)?;
        self.add_name(&param)?;
        self.params.kwarg = Some(param);
        Ok(())
    }

    fn plain(&mut self, param: Param) -> PResult<()> {
        self.check_not_after_kwarg(param.span)?;
        self.add_name(&param)?;
        if self.star {
            self.bare_star = None;
            self.params.kwonly.push(param);
            return Ok(());
        }
        if param.default.is_some() {
            self.default_seen = true;
        } else if self.default_seen {
            return Err(error(param.span, "non-default argument follows default argument"));
        }
        self.params.args.push(param);
        Ok(())
    }

    fn check_not_after_kwarg(&self, at: Span) -> PResult<()> {
        match self.params.kwarg {
            Some(_) => Err(error(at, "arguments cannot follow var-keyword argument")),
            None => Ok(()),
        }
    }

    fn add_name(&mut self, param: &Param) -> PResult<()> {
        if self.names.insert(param.name.clone()) {
            return Ok(());
        }
        let message = format!("duplicate argument '{}' in function definition", param.name);
        Err(error(param.span, message))
    }

    fn finish(self: Box<Self>) -> PResult<Box<Params>> {
        match self.bare_star {
            Some(at) => Err(error(at, "named arguments must follow bare *")),
            None => Ok(Box::new(self.params)),
        }
    }
}
