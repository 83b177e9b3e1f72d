//! The `time` module on the virtual clock: `sleep` is a step that waits until its deadline;
//! reading the clock is local (time cannot move while anything can run).

use super::super::machine::Machine;
use super::super::pending::Wait;
use super::super::value::Value;
use super::{Call, Effect, Flow, NativeDef, NativeResult, req};

pub const FUNCTIONS: &[NativeDef] = &[
    NativeDef::new("sleep", &[req("secs")], Effect::Step, sleep).waits(sleep_wait),
    NativeDef::new("monotonic", &[], Effect::Pure, now),
    NativeDef::new("time", &[], Effect::Pure, now),
    NativeDef::new("perf_counter", &[], Effect::Pure, now),
    NativeDef::new("monotonic_ns", &[], Effect::Pure, now_ns),
];

fn seconds(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Bool(b) => Some(b as i64 as f64),
        Value::Float(f) => Some(f),
        _ => None,
    }
}

fn sleep_wait(_m: &Machine, call: &Call) -> Option<(Wait, Option<f64>)> {
    let secs = seconds(call.args[0]).filter(|s| *s >= 0.0 && !s.is_nan())?;
    Some((Wait::Sleep, Some(secs)))
}

fn sleep(m: &mut Machine, call: &Call) -> NativeResult {
    match seconds(call.args[0]) {
        None => {
            let t = m.type_name(call.args[0]).to_string();
            m.type_error(format!("'{t}' object cannot be interpreted as an integer"))
        }
        Some(s) if s.is_nan() => m.value_error("Invalid value NaN (not a number)"),
        Some(s) if s < 0.0 => m.value_error("sleep length must be non-negative"),
        Some(_) => Ok(Flow::Return(Value::None)),
    }
}

fn now(m: &mut Machine, _call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Float(m.now.as_secs_f64())))
}

fn now_ns(m: &mut Machine, _call: &Call) -> NativeResult {
    Ok(Flow::Return(Value::Int(m.now.0 as i64)))
}
