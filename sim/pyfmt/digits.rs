//! Exact decimal digits of a finite double, as David Gay's `dtoa` (which CPython uses)
//! produces them: the shortest digits that read back as the same double (mode 0), or the
//! digits correctly rounded, half to even, to a number of significant digits (mode 2) or of
//! places after the point (mode 3). Digits are generated one at a time from the exact ratio
//! of big integers, so nothing is ever off by one ulp.

use super::bignum::Big;
use std::cmp::Ordering;

/// The value `0.d1d2d3... × 10^point`, with the digits as ASCII and no trailing zeros.
/// Zero is `"0"` with point 1; a value rounded away entirely has no digits.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Decimal {
    pub(super) digits: String,
    pub(super) point: i64,
}

#[derive(Clone, Copy, Debug)]
pub(super) enum Rounding {
    /// This many significant digits (at least one).
    Significant(i64),
    /// This many places after the decimal point (may be negative).
    Places(i64),
}

/// The shortest digits that round-trip to `x` (the sign is ignored), choosing, among
/// candidates of that length, as `dtoa` mode 0 does.
pub(super) fn shortest(x: f64) -> Decimal {
    if x == 0.0 {
        return Decimal::zero();
    }
    // Reading back rounds half to even, so the midpoints themselves read back as x when
    // its mantissa is even.
    let even = x.to_bits() & 1 == 0;
    let mut state = Ratio::new(x);
    let mut digits = String::new();
    loop {
        let digit = state.next_digit();
        state.low.mul_small(10);
        state.high.mul_small(10);
        digits.push(digit);
        if let Some(round_up) = state.shortest_ends(digit, even) {
            let mut decimal = Decimal {
                digits,
                point: state.point,
            };
            if round_up {
                decimal.round_up();
            }
            return decimal;
        }
    }
}

/// `x` (the sign is ignored) correctly rounded, half to even, as `dtoa` modes 2 and 3.
pub(super) fn rounded(x: f64, rounding: Rounding) -> Decimal {
    if x == 0.0 {
        return Decimal::zero();
    }
    let mut state = Ratio::new(x);
    let wanted = match rounding {
        Rounding::Significant(count) => count.max(1),
        Rounding::Places(places) => state.point.saturating_add(places),
    };
    let mut digits = String::new();
    while (digits.len() as i64) < wanted && !state.r.is_zero() {
        digits.push(state.next_digit());
    }
    let round_up = wanted >= 0 && state.remainder_rounds_up(digits.chars().last());
    let mut decimal = Decimal {
        digits,
        point: state.point,
    };
    if round_up {
        decimal.round_up();
    }
    decimal.digits.truncate(decimal.digits.trim_end_matches('0').len());
    if let Rounding::Places(places) = rounding
        && decimal.digits.is_empty()
    {
        decimal.point = -places;
    }
    decimal
}

impl Decimal {
    fn zero() -> Decimal {
        Decimal {
            digits: "0".to_string(),
            point: 1,
        }
    }

    /// Adds one unit in the last place, carrying through nines.
    fn round_up(&mut self) {
        while self.digits.ends_with('9') {
            self.digits.pop();
        }
        match self.digits.pop() {
            Some(last) => self.digits.push(char::from(last as u8 + 1)),
            None => {
                self.digits.push('1');
                self.point += 1;
            }
        }
    }
}

/// The part of the value still to be written as `r / s`, a fraction in `[0, 1)` of the
/// unit of the next digit (before the first digit, in `[0.1, 1)` of `10^point`); and the
/// distances `low` and `high` from the value to the midpoints with its neighbouring
/// doubles, in the same units.
struct Ratio {
    r: Big,
    s: Big,
    low: Big,
    high: Big,
    point: i64,
}

impl Ratio {
    fn new(x: f64) -> Ratio {
        let bits = x.to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, exponent) = match biased {
            0 => (fraction, -1074),
            _ => (fraction | 1 << 52, biased - 1075),
        };
        // |x| = mantissa × 2^exponent. The midpoints are half an ulp away, except the one
        // below a power of two, which is a quarter of the ulp above. Scaling r and s by 2
        // (or 4) keeps both distances whole.
        let narrow_below = u32::from(fraction == 0 && biased > 1);
        let up = exponent.max(0).unsigned_abs();
        let down = exponent.min(0).unsigned_abs();
        let mut r = Big::from_u64(mantissa);
        r.mul_pow2(up + 1 + narrow_below);
        let mut s = Big::from_u64(1);
        s.mul_pow2(down + 1 + narrow_below);
        let mut low = Big::from_u64(1);
        low.mul_pow2(up);
        let mut high = low.clone();
        high.mul_pow2(narrow_below);
        let mut ratio = Ratio {
            r,
            s,
            low,
            high,
            point: x.abs().log10().floor() as i64 + 1,
        };
        ratio.normalize();
        ratio
    }

    /// Scales by the estimated `10^point`, then corrects the estimate.
    fn normalize(&mut self) {
        let scale = self.point.unsigned_abs() as u32;
        if self.point >= 0 {
            self.s.mul_pow10(scale);
        } else {
            self.times_ten_pow(scale);
        }
        while self.r >= self.s {
            self.s.mul_small(10);
            self.point += 1;
        }
        loop {
            let mut tenfold = self.r.clone();
            tenfold.mul_small(10);
            if tenfold >= self.s {
                break;
            }
            self.times_ten_pow(1);
            self.point -= 1;
        }
    }

    fn times_ten_pow(&mut self, exponent: u32) {
        for big in [&mut self.r, &mut self.low, &mut self.high] {
            big.mul_pow10(exponent);
        }
    }

    /// The next digit, as ASCII.
    fn next_digit(&mut self) -> char {
        self.r.mul_small(10);
        let mut digit = b'0';
        while self.r >= self.s {
            self.r.sub(&self.s);
            digit += 1;
        }
        char::from(digit)
    }

    /// Whether the digits so far, or those plus one in the last place, already read back
    /// as x, decided as `dtoa` mode 0 does: `None` if neither, else whether to round up.
    fn shortest_ends(&self, digit: char, even: bool) -> Option<bool> {
        // Truncating here stays within the lower midpoint; rounding up, within the upper.
        let low = self.r.cmp(&self.low);
        let mut upper = self.r.clone();
        upper.add(&self.high);
        let high = upper.cmp(&self.s);
        if high == Ordering::Equal && even {
            Some(low == Ordering::Greater)
        } else if low == Ordering::Less || (low == Ordering::Equal && even) {
            Some(high == Ordering::Greater && self.remainder_rounds_up(Some(digit)))
        } else if high == Ordering::Greater {
            Some(true)
        } else {
            None
        }
    }

    /// Whether the rest rounds the last digit written up: above half, or exactly half and
    /// the digit is odd (no digit counts as even).
    fn remainder_rounds_up(&self, last: Option<char>) -> bool {
        let mut twice = self.r.clone();
        twice.mul_small(2);
        match twice.cmp(&self.s) {
            Ordering::Greater => true,
            Ordering::Equal => last.is_some_and(|digit| matches!(digit, '1' | '3' | '5' | '7' | '9')),
            Ordering::Less => false,
        }
    }
}
