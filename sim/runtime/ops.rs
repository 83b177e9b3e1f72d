//! Python's operators on values: truth, equality, ordering, arithmetic, with CPython's
//! results and error messages. Integers are 64-bit: a result that does not fit raises
//! `OverflowError` instead of growing.

use super::classes;
use super::dict::Dict;
use super::exceptions::Raised;
use super::machine::Machine;
use super::object::{ListItems, Obj};
use super::pyset::Set;
use super::value::Value;
use crate::pyfmt;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

/// Numbers as Python's numeric tower sees them (bools are ints).
#[derive(Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

fn num(v: Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(b as i64)),
        Value::Int(i) => Some(Num::Int(i)),
        Value::Float(f) => Some(Num::Float(f)),
        _ => None,
    }
}

/// The code `_rich_compare` in the library takes for `op`, if it is a rich comparison.
pub fn rich_comparison(op: CmpOp) -> Option<i64> {
    Some(match op {
        CmpOp::Lt => 0,
        CmpOp::LtE => 1,
        CmpOp::Eq => 2,
        CmpOp::NotEq => 3,
        CmpOp::Gt => 4,
        CmpOp::GtE => 5,
        _ => return None,
    })
}

impl Machine<'_> {
    /// Whether looking for `x` in `container` by equality (`in`, `list.index`, ...) runs
    /// Python: it is a list or tuple, and `x` or one of its items compares in Python.
    pub fn equality_in_python(&self, container: Value, x: Value) -> bool {
        let items: &[Value] = match container.as_obj().map(|r| self.heap.get(r)) {
            Some(Obj::List(items)) => items,
            Some(Obj::Tuple(items)) => items,
            _ => return false,
        };
        self.compares_in_python(x) || items.iter().any(|v| self.compares_in_python(*v))
    }
}

impl Num {
    fn float(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

impl Machine<'_> {
    pub fn truthy(&mut self, v: Value) -> Result<bool, Raised> {
        Ok(match v {
            Value::Unset | Value::None => false,
            Value::Bool(b) => b,
            Value::Int(i) => i != 0,
            Value::Float(f) => f != 0.0,
            Value::Obj(r) => match self.heap.get(r) {
                Obj::Str(s) => !s.is_empty(),
                Obj::List(items) => !items.is_empty(),
                Obj::Tuple(items) => !items.is_empty(),
                Obj::Dict(d) => !d.is_empty(),
                Obj::Set(s) => !s.is_empty(),
                Obj::Range(range) => range.len() != 0,
                _ => true,
            },
            _ => true,
        })
    }

    fn overflow<T>(&mut self) -> Result<T, Raised> {
        self.raise(classes::OVERFLOW_ERROR, "integer overflow: sim's integers are 64-bit")
    }

    /// `a == b`.
    pub fn eq(&mut self, a: Value, b: Value) -> Result<bool, Raised> {
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return Ok(match (x, y) {
                (Num::Int(x), Num::Int(y)) => x == y,
                (x, y) => x.float() == y.float(),
            });
        }
        let (Value::Obj(ra), Value::Obj(rb)) = (a, b) else {
            return Ok(a.is(b));
        };
        if ra == rb {
            return Ok(true);
        }
        match (self.heap.get(ra), self.heap.get(rb)) {
            (Obj::Str(x), Obj::Str(y)) => Ok(x == y),
            (Obj::List(x), Obj::List(y)) => {
                let (x, y) = (x.clone(), y.clone());
                self.seq_eq(&x, &y)
            }
            (Obj::Tuple(x), Obj::Tuple(y)) => {
                let (x, y) = (x.to_vec(), y.to_vec());
                self.seq_eq(&x, &y)
            }
            (Obj::Dict(x), Obj::Dict(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                let pairs: Vec<(Option<Value>, Value)> = x.hashed_entries().map(|(h, _, v)| (y.get(h), v)).collect();
                for (other, v) in pairs {
                    match other {
                        Some(o) if self.eq(v, o)? => {}
                        _ => return Ok(false),
                    }
                }
                Ok(true)
            }
            (Obj::Set(x), Obj::Set(y)) => Ok(x.len() == y.len() && x.is_subset(y)),
            (Obj::Range(x), Obj::Range(y)) => {
                let (x, y) = (*x, *y);
                Ok(x.len() == y.len() && (x.len() == 0 || x.start == y.start && (x.len() == 1 || x.step == y.step)))
            }
            _ => Ok(false),
        }
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> Result<bool, Raised> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (a, b) in x.iter().zip(y) {
            if !self.eq(*a, *b)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a < b`.
    pub fn less(&mut self, a: Value, b: Value) -> Result<bool, Raised> {
        self.order(a, b, CmpOp::Lt)
    }

    /// Ordering comparisons (`<`, `<=`, `>`, `>=`).
    fn order(&mut self, a: Value, b: Value, op: CmpOp) -> Result<bool, Raised> {
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            let ord = match (x, y) {
                (Num::Int(x), Num::Int(y)) => x.partial_cmp(&y),
                (x, y) => x.float().partial_cmp(&y.float()),
            };
            return Ok(ord.is_some_and(|o| cmp_holds(op, o)));
        }
        if let (Value::Obj(ra), Value::Obj(rb)) = (a, b) {
            match (self.heap.get(ra), self.heap.get(rb)) {
                (Obj::Str(x), Obj::Str(y)) => return Ok(cmp_holds(op, x.as_ref().cmp(y.as_ref()))),
                (Obj::List(x), Obj::List(y)) => {
                    let (x, y) = (x.clone(), y.clone());
                    return self.seq_order(&x, &y, op);
                }
                (Obj::Tuple(x), Obj::Tuple(y)) => {
                    let (x, y) = (x.to_vec(), y.to_vec());
                    return self.seq_order(&x, &y, op);
                }
                (Obj::Set(x), Obj::Set(y)) => {
                    return Ok(match op {
                        CmpOp::Lt => x.len() < y.len() && x.is_subset(y),
                        CmpOp::LtE => x.is_subset(y),
                        CmpOp::Gt => x.len() > y.len() && y.is_subset(x),
                        _ => y.is_subset(x),
                    });
                }
                _ => {}
            }
        }
        let (ta, tb) = (self.type_name(a).to_string(), self.type_name(b).to_string());
        self.type_error(format!(
            "'{}' not supported between instances of '{ta}' and '{tb}'",
            op.symbol()
        ))
    }

    fn seq_order(&mut self, x: &[Value], y: &[Value], op: CmpOp) -> Result<bool, Raised> {
        for (a, b) in x.iter().zip(y) {
            if !self.eq(*a, *b)? {
                return self.order(*a, *b, op);
            }
        }
        Ok(cmp_holds(op, x.len().cmp(&y.len())))
    }

    pub fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> Result<Value, Raised> {
        Ok(Value::Bool(match op {
            CmpOp::Eq => self.eq(a, b)?,
            CmpOp::NotEq => !self.eq(a, b)?,
            CmpOp::Is => a.is(b),
            CmpOp::IsNot => !a.is(b),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            _ => self.order(a, b, op)?,
        }))
    }

    pub fn unary(&mut self, op: UnaryOp, v: Value) -> Result<Value, Raised> {
        match (op, num(v)) {
            (UnaryOp::Not, _) => Ok(Value::Bool(!self.truthy(v)?)),
            (UnaryOp::Neg, Some(Num::Int(i))) => i.checked_neg().map(Value::Int).map_or_else(|| self.overflow(), Ok),
            (UnaryOp::Neg, Some(Num::Float(f))) => Ok(Value::Float(-f)),
            (UnaryOp::Pos, Some(Num::Int(i))) => Ok(Value::Int(i)),
            (UnaryOp::Pos, Some(Num::Float(f))) => Ok(Value::Float(f)),
            (UnaryOp::Invert, Some(Num::Int(i))) => Ok(Value::Int(!i)),
            _ => {
                let symbol = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Pos => "+",
                    _ => "~",
                };
                let t = self.type_name(v).to_string();
                self.type_error(format!("bad operand type for unary {symbol}: '{t}'"))
            }
        }
    }

    /// `a op b` (also for augmented assignment on immutable values).
    pub fn binary(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value, Raised> {
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            return match (x, y) {
                (Num::Int(x), Num::Int(y)) => self.int_op(op, x, y),
                (x, y) => self.float_op(op, x.float(), y.float()),
            };
        }
        if op == BinOp::Mod
            && let Some(template) = self.as_str(a)
        {
            let template = template.to_string();
            return self.percent_format(&template, b);
        }
        if let Some(v) = self.sequence_op(op, a, b)? {
            return Ok(v);
        }
        let (ta, tb) = (self.type_name(a).to_string(), self.type_name(b).to_string());
        if op == BinOp::Add && (ta == "str" || ta == "list" || ta == "tuple") {
            return self.type_error(format!("can only concatenate {ta} (not \"{tb}\") to {ta}"));
        }
        let symbol = if op == BinOp::Pow { "** or pow()" } else { op.symbol() };
        self.type_error(format!("unsupported operand type(s) for {symbol}: '{ta}' and '{tb}'"))
    }

    fn int_op(&mut self, op: BinOp, x: i64, y: i64) -> Result<Value, Raised> {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::Div => {
                if y == 0 {
                    return self.raise(classes::ZERO_DIVISION_ERROR, "division by zero");
                }
                return Ok(Value::Float(x as f64 / y as f64));
            }
            BinOp::FloorDiv | BinOp::Mod => {
                if y == 0 {
                    let msg = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return self.raise(classes::ZERO_DIVISION_ERROR, msg);
                }
                let (q, r) = (x.checked_div_euclid(y), x.checked_rem_euclid(y));
                let (Some(mut q), Some(mut r)) = (q, r) else {
                    return self.overflow();
                };
                // Euclidean division keeps the remainder non-negative; Python's takes
                // the divisor's sign, one step further down.
                if r != 0 && y < 0 {
                    r += y;
                    q -= 1;
                }
                Some(if op == BinOp::Mod { r } else { q })
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return self.raise(classes::ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
                    }
                    return Ok(Value::Float((x as f64).powf(y as f64)));
                }
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
            }
            BinOp::LShift | BinOp::RShift => {
                if y < 0 {
                    return self.value_error("negative shift count");
                }
                if op == BinOp::RShift {
                    Some(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y })
                } else if x == 0 {
                    Some(0)
                } else {
                    u32::try_from(y)
                        .ok()
                        .filter(|s| *s < 64)
                        .and_then(|s| x.checked_mul(1i64 << s))
                }
            }
            BinOp::BitAnd => Some(x & y),
            BinOp::BitOr => Some(x | y),
            BinOp::BitXor => Some(x ^ y),
            BinOp::MatMul => return self.type_error("unsupported operand type(s) for @: 'int' and 'int'"),
        };
        r.map(Value::Int).map_or_else(|| self.overflow(), Ok)
    }

    fn float_op(&mut self, op: BinOp, x: f64, y: f64) -> Result<Value, Raised> {
        let zero = |m: &mut Self, msg: &str| m.raise(classes::ZERO_DIVISION_ERROR, msg);
        Ok(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div if y == 0.0 => return zero(self, "float division by zero"),
            BinOp::Div => x / y,
            BinOp::FloorDiv if y == 0.0 => return zero(self, "float floor division by zero"),
            BinOp::FloorDiv => py_floordiv(x, y),
            BinOp::Mod if y == 0.0 => return zero(self, "float modulo"),
            BinOp::Mod => py_mod(x, y),
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return zero(self, "0.0 cannot be raised to a negative power");
                }
                if x < 0.0 && y.fract() != 0.0 {
                    return self
                        .value_error("sim does not support complex numbers (negative number to a fractional power)");
                }
                x.powf(y)
            }
            _ => {
                let symbol = op.symbol();
                return self.type_error(format!("unsupported operand type(s) for {symbol}: 'float' and 'float'"));
            }
        }))
    }

    /// `+` and `*` on str, list and tuple; set operators; dict `|`.
    fn sequence_op(&mut self, op: BinOp, a: Value, b: Value) -> Result<Option<Value>, Raised> {
        let (Some(ra), rb) = (a.as_obj(), b.as_obj()) else {
            return match (op, a, b.as_obj()) {
                (BinOp::Mul, Value::Int(_) | Value::Bool(_), Some(_)) => self.sequence_op(op, b, a),
                _ => Ok(None),
            };
        };
        let count = match b {
            Value::Int(n) => Some(n),
            Value::Bool(n) => Some(n as i64),
            _ => None,
        };
        let result = match (op, self.heap.get(ra), rb.map(|r| self.heap.get(r)), count) {
            (BinOp::Add, Obj::Str(x), Some(Obj::Str(y)), _) => Obj::Str(format!("{x}{y}").into()),
            (BinOp::Add, Obj::List(x), Some(Obj::List(y)), _) => Obj::List(x.iter().chain(y).copied().collect()),
            (BinOp::Add, Obj::Tuple(x), Some(Obj::Tuple(y)), _) => {
                Obj::Tuple(x.iter().chain(y.iter()).copied().collect())
            }
            (BinOp::Mul, Obj::Str(x), _, Some(n)) => {
                let x = x.clone();
                let times = self.repeat_count(x.len(), n)?;
                Obj::Str(x.repeat(times).into())
            }
            (BinOp::Mul, Obj::List(x), _, Some(n)) => {
                let x = x.clone();
                let times = self.repeat_count(x.len(), n)?;
                Obj::List(ListItems::from_vec(x.repeat(times)))
            }
            (BinOp::Mul, Obj::Tuple(x), _, Some(n)) => {
                let x = x.to_vec();
                let times = self.repeat_count(x.len(), n)?;
                Obj::Tuple(x.repeat(times).into())
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Obj::Set(x), Some(Obj::Set(y)), _) => {
                Obj::Set(set_op(op, x, y, rb == Some(ra)))
            }
            (BinOp::BitOr, Obj::Dict(x), Some(Obj::Dict(y)), _) => {
                let mut d = Dict::new();
                for (h, k, v) in x.hashed_entries().chain(y.hashed_entries()) {
                    d.insert(h.clone(), k, v);
                }
                Obj::Dict(d)
            }
            _ => return Ok(None),
        };
        Ok(Some(Value::Obj(self.heap.alloc(result))))
    }

    /// `a op= b` for sets `a` and `b` (`|=`, `&=`, `-=`, `^=`): updates `a` in place, as
    /// CPython does, and returns it; `None` when `a` and `b` are not both sets (then `op=` is
    /// the plain operator).
    pub fn inplace_set_op(&mut self, op: BinOp, a: Value, b: Value) -> Result<Option<Value>, Raised> {
        let (Some(ra), Some(rb)) = (a.as_obj(), b.as_obj()) else {
            return Ok(None);
        };
        let (Obj::Set(x), Obj::Set(y)) = (self.heap.get(ra), self.heap.get(rb)) else {
            return Ok(None);
        };
        if !matches!(op, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) {
            return Ok(None);
        }
        let same = ra == rb;
        let (mut x, y) = (x.clone(), if same { Set::new() } else { y.clone() });
        self.check_mutable(ra)?;
        match (op, same) {
            (BinOp::BitOr, true) => {}
            (BinOp::BitOr, false) => x.merge(&y),
            (BinOp::BitAnd, true) => x = x.copy(),
            (BinOp::BitAnd, false) => x = x.intersection(&y),
            (BinOp::Sub | BinOp::BitXor, true) => x.clear(),
            (BinOp::Sub, false) => x.difference_update(&y),
            _ => x.symmetric_difference_update(&y),
        }
        self.store_set(ra, x);
        Ok(Some(a))
    }

    fn repeat_count(&mut self, len: usize, n: i64) -> Result<usize, Raised> {
        let n = n.max(0) as usize;
        self.check_len(len.saturating_mul(n))?;
        Ok(n)
    }

    /// `MemoryError` when a text or sequence of `len` characters or items would be longer
    /// than sim builds ([`pyfmt::MAX_LEN`]).
    pub fn check_len(&mut self, len: usize) -> Result<(), Raised> {
        if len > pyfmt::MAX_LEN {
            let limit = pyfmt::MAX_LEN;
            return self.raise(
                classes::MEMORY_ERROR,
                format!("sim builds at most {limit} items or characters in one object; this needs {len}"),
            );
        }
        Ok(())
    }
}

/// `x op y` for sets (`same`: `x` and `y` are one object), built as CPython builds it.
fn set_op(op: BinOp, x: &Set, y: &Set, same: bool) -> Set {
    match op {
        BinOp::BitOr => {
            let mut out = x.copy();
            if !same {
                out.merge(y);
            }
            out
        }
        BinOp::BitAnd if same => x.copy(),
        BinOp::BitAnd => x.intersection(y),
        BinOp::Sub => x.difference(y),
        _ => {
            let mut out = Set::new();
            out.merge(y);
            out.symmetric_difference_update(x);
            out
        }
    }
}

fn cmp_holds(op: CmpOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CmpOp::Lt => o == Less,
        CmpOp::LtE => o != Greater,
        CmpOp::Gt => o == Greater,
        CmpOp::GtE => o != Less,
        CmpOp::Eq => o == Equal,
        _ => o != Equal,
    }
}

/// Python's float `%`: the result has the sign of the divisor.
pub fn py_mod(x: f64, y: f64) -> f64 {
    let r = x % y;
    if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
        r + y
    } else if r == 0.0 {
        0.0f64.copysign(y)
    } else {
        r
    }
}

/// Python's float `//`.
pub fn py_floordiv(x: f64, y: f64) -> f64 {
    let m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div == 0.0 {
        return 0.0f64.copysign(x / y);
    }
    let floor = div.floor();
    if div - floor > 0.5 { floor + 1.0 } else { floor }
}
