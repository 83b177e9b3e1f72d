//! Exceptions: their native state (arguments, traceback, chaining), the
//! `BaseException` methods, and the report CPython prints for an uncaught one.

use super::classes;
use super::machine::Machine;
use super::natives::{Call, Effect, Flow, NativeDef, NativeResult};
use super::state::State;
use super::value::{ObjRef, Value};
use crate::compile::{ClassId, CodeId, SourceId};
use crate::syntax::Span;

/// An exception in flight: the exception instance.
#[derive(Clone, Copy, Debug)]
pub struct Raised(pub Value);

#[derive(Clone)]
pub struct ExcState {
    /// The `args` tuple.
    pub args: Value,
    /// Where it passed, innermost first: code and instruction.
    pub traceback: Vec<(CodeId, u32)>,
    pub cause: Value,
    pub context: Value,
    /// Set by `raise ... from ...`: a traceback shows the cause, not the context.
    pub suppress_context: bool,
    /// For a failed `assert`: which one and the values it shows.
    pub assertion: Option<Box<AssertionReport>>,
}

#[derive(Clone)]
pub struct AssertionReport {
    pub assert: u32,
    pub values: Vec<(String, String)>,
}

impl ExcState {
    pub fn new(args: Value) -> ExcState {
        ExcState {
            args,
            traceback: Vec::new(),
            cause: Value::None,
            context: Value::None,
            suppress_context: false,
            assertion: None,
        }
    }

    pub fn for_each_child(&self, f: &mut dyn FnMut(Value)) {
        f(self.args);
        f(self.cause);
        f(self.context);
    }
}

pub const METHODS: &[(ClassId, &[NativeDef])] = &[(
    classes::BASE_EXCEPTION,
    &[
        NativeDef::new("__init__", &[], Effect::Pure, init).varargs(),
        NativeDef::new(
            "with_traceback",
            &[super::natives::req("tb")],
            Effect::Pure,
            with_traceback,
        ),
    ],
)];

fn init(m: &mut Machine, call: &Call) -> NativeResult {
    let args = m.tuple_value(call.rest.to_vec());
    if let Some(State::Exception(e)) = call.recv.as_obj().and_then(|r| m.state_mut(r)) {
        e.args = args;
    }
    Ok(Flow::Return(Value::None))
}

fn with_traceback(_m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(call.recv))
}

impl Machine<'_> {
    /// `BaseExceptionGroup.__new__`: checks the message and the exceptions, and makes a
    /// `BaseExceptionGroup` of plain exceptions an `ExceptionGroup`.
    pub fn exception_group_class(&mut self, class: ClassId, args: &[Value]) -> Result<ClassId, Raised> {
        let name = self.class_name(class).to_string();
        if args.len() != 2 {
            return self.type_error(format!("{name} expected 2 arguments, got {}", args.len()));
        }
        if self.as_str(args[0]).is_none() {
            let t = self.type_name(args[0]).to_string();
            return self.type_error(format!("BaseExceptionGroup.__new__() argument 1 must be str, not {t}"));
        }
        let Some(items) = self.seq_items(args[1]).map(<[Value]>::to_vec) else {
            return self.type_error("second argument (exceptions) must be a sequence");
        };
        if items.is_empty() {
            return self.value_error("second argument (exceptions) must be a non-empty sequence");
        }
        let mut all_plain = true;
        for (i, e) in items.iter().enumerate() {
            if !self.is_instance(*e, classes::BASE_EXCEPTION) {
                return self.value_error(format!("Item {i} of second argument (exceptions) is not an exception"));
            }
            all_plain &= self.is_instance(*e, classes::EXCEPTION);
        }
        if class == classes::BASE_EXCEPTION_GROUP && all_plain {
            return Ok(classes::EXCEPTION_GROUP);
        }
        if self.program.is_subclass(class, classes::EXCEPTION) && !all_plain {
            return self.type_error("Cannot nest BaseExceptions in an ExceptionGroup");
        }
        Ok(class)
    }

    /// `eg.exceptions` and `eg.message` of an exception group.
    pub fn exception_group_property(&mut self, r: ObjRef, name: &str) -> Option<Value> {
        if !self.is_instance(Value::Obj(r), classes::BASE_EXCEPTION_GROUP) {
            return None;
        }
        let args = self.exc_state(r)?.args;
        let items = self.seq_items(args)?.to_vec();
        match name {
            "message" => items.first().copied(),
            "exceptions" => {
                let inner = self.seq_items(*items.get(1)?)?.to_vec();
                Some(self.tuple_value(inner))
            }
            _ => None,
        }
    }

    pub fn exc_state(&self, r: ObjRef) -> Option<&ExcState> {
        match self.state(r) {
            Some(State::Exception(e)) => Some(e),
            _ => None,
        }
    }

    pub fn exc_state_mut(&mut self, r: ObjRef) -> Option<&mut ExcState> {
        match self.state_mut(r) {
            Some(State::Exception(e)) => Some(e),
            _ => None,
        }
    }

    /// `ValueError: boom`, or just `ValueError` without a message.
    pub fn exception_line(&self, exc: Value) -> String {
        let class = self.type_of(exc);
        let info = self.program.class(class);
        let name = if info.module == "builtins" || info.module == "__main__" {
            info.name.clone()
        } else {
            format!("{}.{}", info.module, info.name)
        };
        let message = exc.as_obj().map(|r| self.exception_message(r)).unwrap_or_default();
        if message.is_empty() {
            name
        } else {
            format!("{name}: {message}")
        }
    }

    /// The traceback CPython prints for an uncaught exception, frames outermost first.
    pub fn traceback_text(&self, exc: Value) -> String {
        let mut text = String::from("Traceback (most recent call last):\n");
        if let Some(e) = exc.as_obj().and_then(|r| self.exc_state(r)) {
            for (code, pc) in e.traceback.iter().rev() {
                let code = self.program.code(*code);
                if self.program.sources[code.source.index()].name == crate::compile::BUILTINS {
                    continue;
                }
                let span = code.span_at(*pc);
                let (file, line, source_line) = self.source_position(code.source, span);
                text.push_str(&format!("  File \"{file}\", line {line}, in {}\n", code.name));
                if !source_line.is_empty() {
                    text.push_str(&format!("    {source_line}\n"));
                }
            }
        }
        text.push_str(&self.exception_line(exc));
        text.push('\n');
        text
    }

    /// File name, 1-based line and trimmed source line of a span.
    pub fn source_position(&self, source: SourceId, span: Span) -> (String, usize, String) {
        let src = &self.program.sources[source.index()];
        let line = self.line_number(source, span.start);
        let line_text = src.text.lines().nth(line - 1).unwrap_or("").trim().to_string();
        (src.name.clone(), line, line_text)
    }

    /// The 1-based line of byte `offset` of a source.
    pub fn line_number(&self, source: SourceId, offset: u32) -> usize {
        let text = self.program.sources[source.index()].text.as_bytes();
        let start = (offset as usize).min(text.len());
        text[..start].iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// Records that an exception passed through `code` at `pc`.
    pub fn add_traceback(&mut self, exc: Value, code: CodeId, pc: u32) {
        if let Some(e) = exc.as_obj().and_then(|r| self.exc_state_mut(r)) {
            e.traceback.push((code, pc));
        }
    }
}
