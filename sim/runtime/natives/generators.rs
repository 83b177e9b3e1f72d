//! The methods of generator objects. The interpreter intercepts calls to them (they resume
//! frames); these entries give them names, signatures and a place in the class.

use super::super::classes;
use super::super::machine::Machine;
use super::{Call, Default, Effect, NativeDef, NativeResult, opt};
use crate::compile::ClassId;

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
