//! How a step's native call reads in a trace: `acquire lock`, `put q(1)`,
//! `wait event2(1) -> False`.

use super::events::{Op, OpKind};
use super::machine::Machine;
use super::natives::Call;
use super::value::Value;
use crate::compile::NativeId;

/// Describes a call of native `id` (its result is filled in when it returns).
pub fn native_call(m: &mut Machine, id: NativeId, call: &Call) -> Op {
    let def = m.registry.def(id);
    let mut op = Op::named(def.name.trim_start_matches('_').trim_end_matches('_'));
    op.name = match def.name {
        "__enter__" => "acquire".into(),
        "__exit__" => "release".into(),
        "_enter" => "enter".into(),
        "_drain" => "release all".into(),
        "_wait" => "wait".into(),
        "_exit" => "leave".into(),
        "_break" => "break".into(),
        name => name.into(),
    };
    // A function working on its first argument (`len(items)`) reads like a method.
    let on_first = call.recv.is_none() && def.effect == super::natives::Effect::Data;
    let object = if on_first {
        call.args.first().copied().unwrap_or(Value::None)
    } else {
        call.recv
    };
    if let Some(r) = object.as_obj() {
        op.object = Some(value_label(m, r));
    }
    op.kind = kind_of(m, def, object);
    if def.name == "print" {
        return op;
    }
    let shown: Vec<Value> = call
        .args
        .iter()
        .zip(def.params)
        .skip(on_first as usize)
        .filter(|(v, p)| !matches!(v, Value::Unset) && !is_default(m, **v, p.default))
        .map(|(v, _)| *v)
        .chain(call.rest.iter().copied())
        .collect();
    op.args = shown.into_iter().map(|v| m.repr(v).unwrap_or_default()).collect();
    if def.name == "__exit__" {
        op.args.clear();
    }
    op
}

/// What kind of thing a native call works on: its receiver's, else the function's.
fn kind_of(m: &Machine, def: &super::natives::NativeDef, object: Value) -> OpKind {
    if def.effect == super::natives::Effect::Data {
        return OpKind::Memory;
    }
    if let Some(state) = object.as_obj().and_then(|r| m.state(r)) {
        return super::sync::op_kind(state);
    }
    match def.name {
        "print" => OpKind::Print,
        "sleep" => OpKind::Timer,
        _ => OpKind::Other,
    }
}

/// What kind of thing a `with` on a built-in manager works on (`with lock:`).
pub fn manager_kind(m: &Machine, manager: Value) -> OpKind {
    manager
        .as_obj()
        .and_then(|r| m.state(r))
        .map_or(OpKind::Other, super::sync::op_kind)
}

/// How a trace names an object: an instance's label, else the global holding it.
fn value_label(m: &Machine, r: super::value::ObjRef) -> String {
    match m.instance(r) {
        Some(_) => super::sync::object_label(m, r),
        None => m
            .globals
            .iter()
            .position(|g| *g == Value::Obj(r))
            .map_or_else(|| m.anonymous_label(r), |i| m.program.globals[i].name.clone()),
    }
}

fn is_default(m: &Machine, v: Value, d: super::natives::Default) -> bool {
    use super::natives::Default as D;
    match (d, v) {
        (D::None, Value::None) => true,
        (D::Bool(a), Value::Bool(b)) => a == b,
        (D::Int(a), Value::Int(b)) => a == b,
        (D::Float(a), Value::Float(b)) => a == b,
        (D::Str(a), v) => m.as_str(v) == Some(a),
        _ => false,
    }
}

/// Describes the end of a wait that blocked inside a native call.
pub fn finished_wait(m: &Machine, wait: super::pending::Wait, result: Value, timed_out: bool) -> Op {
    let kind = match wait {
        super::pending::Wait::Condition(..) => OpKind::Condition,
        _ => OpKind::Event,
    };
    let mut op = Op::of(kind, "wait");
    op.object = wait.object().map(|r| super::sync::object_label(m, r));
    op.result = Some(match result {
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        _ => "None".into(),
    });
    if timed_out {
        op.note = Some("timed out".into());
    }
    op
}

/// Whether a trace shows what a call returned: always for calls that fetch a value
/// (`get`, `pop`), otherwise when it is not `None`; never for `with`'s acquire.
pub fn shows_result(name: &str, v: Value) -> bool {
    match name {
        "__enter__" | "_run_once_step" => false,
        "get" | "get_nowait" | "pop" => true,
        _ => !v.is_none(),
    }
}
