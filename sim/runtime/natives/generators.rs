//! The methods of generator objects, and `inspect`'s view of them. The interpreter
//! intercepts calls to the methods (they resume frames); these entries give them names,
//! signatures and a place in the class.

use super::super::classes;
use super::super::machine::Machine;
use super::super::object::{GenKind, GenState, Obj};
use super::{Call, Default, Effect, Flow, NativeDef, NativeResult, opt, req};
use crate::compile::ClassId;

/// `inspect`'s functions.
pub const INSPECT: &[NativeDef] = &[
    NativeDef::new("getgeneratorstate", &[req("generator")], Effect::Pure, generator_state),
    NativeDef::new("getcoroutinestate", &[req("coroutine")], Effect::Pure, coroutine_state),
];

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
