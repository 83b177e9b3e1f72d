//! The methods of generator objects, and `inspect`'s view of them. The interpreter
//! intercepts calls to the methods (they resume frames); these entries give them names,
//! signatures and a place in the class.

use super::super::classes;
use super::super::machine::Machine;
use super::super::object::{GenKind, GenState, Obj};
use super::super::value::Value;
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, opt, req};
use crate::compile::{ClassId, CodeKind};

/// `inspect`'s functions.
pub const INSPECT: &[NativeDef] = &[
    NativeDef::new("getgeneratorstate", &[req("generator")], Effect::Pure, generator_state),
    NativeDef::new("getcoroutinestate", &[req("coroutine")], Effect::Pure, coroutine_state),
    NativeDef::new(
        "isgeneratorfunction",
        &[req("obj")],
        Effect::Pure,
        is_generator_function,
    ),
    NativeDef::new(
        "iscoroutinefunction",
        &[req("obj")],
        Effect::Pure,
        is_coroutine_function,
    ),
    NativeDef::new("isgenerator", &[req("object")], Effect::Pure, is_generator),
    NativeDef::new("iscoroutine", &[req("object")], Effect::Pure, is_coroutine),
];

/// The kind of code a function (or a method bound to an object) runs.
fn code_kind(m: &Machine, v: Value) -> Option<CodeKind> {
    match m.heap.get(v.as_obj()?) {
        Obj::Function(f) => Some(m.program.code(f.code).kind),
        Obj::BoundMethod { func, .. } => code_kind(m, *func),
        _ => None,
    }
}

fn is_generator_function(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(
        code_kind(m, call.arg(0)) == Some(CodeKind::Generator),
    )))
}

fn is_coroutine_function(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(
        code_kind(m, call.arg(0)) == Some(CodeKind::Coroutine),
    )))
}

fn generator_kind(m: &Machine, v: Value) -> Option<GenKind> {
    match m.heap.get(v.as_obj()?) {
        Obj::Generator(g) => Some(g.kind),
        _ => None,
    }
}

fn is_generator(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(
        generator_kind(m, call.arg(0)) == Some(GenKind::Generator),
    )))
}

fn is_coroutine(m: &mut Machine, call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Bool(
        generator_kind(m, call.arg(0)) == Some(GenKind::Coroutine),
    )))
}

fn generator_state(m: &mut Machine, call: &Call) -> NativeResult {
    state_name(m, call, GenKind::Generator, "GEN", "gi_running")
}

fn coroutine_state(m: &mut Machine, call: &Call) -> NativeResult {
    state_name(m, call, GenKind::Coroutine, "CORO", "cr_running")
}

/// `GEN_CREATED`, `CORO_SUSPENDED`, ...: the state of a generator (or coroutine) as
/// `inspect` names it. Anything else lacks the attribute `inspect` reads first, as in
/// CPython.
fn state_name(m: &mut Machine, call: &Call, kind: GenKind, prefix: &str, attr: &str) -> NativeResult {
    let g = call.arg(0);
    let state = match g.as_obj().map(|r| m.heap.get(r)) {
        Some(Obj::Generator(g)) if g.kind == kind => g.state,
        _ => {
            let t = m.type_name(g).to_string();
            return m.raise(
                classes::ATTRIBUTE_ERROR,
                format!("'{t}' object has no attribute '{attr}'"),
            );
        }
    };
    let name = match state {
        GenState::Created => "CREATED",
        GenState::Running => "RUNNING",
        GenState::Suspended => "SUSPENDED",
        GenState::Closed => "CLOSED",
    };
    Ok(Flow::Return(m.string_value(format!("{prefix}_{name}"))))
}

pub const METHODS: &[(ClassId, &[NativeDef])] = &[
    (
        classes::GENERATOR,
        &[
            NativeDef::new("__next__", &[], Effect::Pure, resumed_by_interpreter),
            NativeDef::new(
                "send",
                &[opt("value", Default::None)],
                Effect::Pure,
                resumed_by_interpreter,
            ),
            NativeDef::new(
                "throw",
                &[
                    opt("typ", Default::None),
                    opt("val", Default::None),
                    opt("tb", Default::None),
                ],
                Effect::Pure,
                resumed_by_interpreter,
            ),
            NativeDef::new("close", &[], Effect::Pure, resumed_by_interpreter),
        ],
    ),
    (
        classes::COROUTINE,
        &[
            NativeDef::new(
                "send",
                &[opt("value", Default::None)],
                Effect::Pure,
                resumed_by_interpreter,
            ),
            NativeDef::new(
                "throw",
                &[
                    opt("typ", Default::None),
                    opt("val", Default::None),
                    opt("tb", Default::None),
                ],
                Effect::Pure,
                resumed_by_interpreter,
            ),
            NativeDef::new("close", &[], Effect::Pure, resumed_by_interpreter),
        ],
    ),
];

fn resumed_by_interpreter(m: &mut Machine, call: &Call) -> NativeResult {
    let t = m.type_name(call.recv).to_string();
    m.type_error(format!("descriptor requires a 'generator' object but received a '{t}'"))
}
