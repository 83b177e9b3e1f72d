//! Virtual time: exact integer nanoseconds since the start of a run.
//!
//! Python passes seconds as floats; they are converted once, rounding to the nearest
//! nanosecond, so sums of deadlines never drift. Time only moves when no actor can run.

use std::fmt;

/// A point on the virtual clock, in nanoseconds since the run began.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub u64);

/// The longest duration a timeout may have (about 292 years); longer ones are clamped,
/// which no run can tell apart from waiting forever.
pub const MAX_DURATION: u64 = i64::MAX as u64;

impl Time {
    pub const ZERO: Time = Time(0);

    /// Seconds as Python's `time.monotonic()` returns them.
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1e9
    }

    /// `self + seconds`, saturating; `seconds` must be finite and non-negative.
    pub fn after(self, seconds: f64) -> Time {
        Time(self.0.saturating_add(duration_ns(seconds)))
    }
}

/// A non-negative duration in seconds as nanoseconds, rounded to nearest, clamped.
pub fn duration_ns(seconds: f64) -> u64 {
    if seconds.is_nan() || seconds <= 0.0 {
        return 0;
    }
    let ns = (seconds * 1e9).round();
    if ns >= MAX_DURATION as f64 {
        MAX_DURATION
    } else {
        ns as u64
    }
}

/// Seconds of any sign (a deadline, possibly in the past) as nanoseconds, rounded to
/// nearest, clamped to what a run can reach.
pub fn signed_ns(seconds: f64) -> i128 {
    let limit = MAX_DURATION as i128;
    ((seconds * 1e9).round() as i128).clamp(-limit, limit)
}

impl fmt::Display for Time {
    /// `5.000`: seconds with milliseconds; finer digits only when the time has them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0 / 1_000_000_000;
        let nanos = self.0 % 1_000_000_000;
        let text = if nanos.is_multiple_of(1_000_000) {
            format!("{secs}.{:03}", nanos / 1_000_000)
        } else if nanos.is_multiple_of(1_000) {
            format!("{secs}.{:06}", nanos / 1_000)
        } else {
            format!("{secs}.{nanos:09}")
        };
        f.pad(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_seconds_exactly() {
        assert_eq!(duration_ns(0.1), 100_000_000);
        assert_eq!(duration_ns(5.0), 5_000_000_000);
        assert_eq!(duration_ns(-1.0), 0);
        assert_eq!(duration_ns(f64::INFINITY), MAX_DURATION);
        assert_eq!(signed_ns(-0.5), -500_000_000);
        assert_eq!(signed_ns(0.25), 250_000_000);
        assert_eq!(signed_ns(f64::NEG_INFINITY), -(MAX_DURATION as i128));
        assert_eq!(signed_ns(f64::INFINITY), MAX_DURATION as i128);
        let mut t = Time::ZERO;
        for _ in 0..10 {
            t = t.after(0.1);
        }
        assert_eq!(t, Time(1_000_000_000));
    }

    #[test]
    fn displays_with_milliseconds() {
        assert_eq!(format!("{:>8}", Time(5_000_000_000)), "   5.000");
        assert_eq!(Time(1_500_000).to_string(), "0.001500");
        assert_eq!(Time(1).to_string(), "0.000000001");
    }
}
