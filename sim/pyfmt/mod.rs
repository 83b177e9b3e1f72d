//! Python's text formatting of numbers and strings, byte for byte as CPython 3.11 writes
//! them: `repr` of floats and strings, `format(value, spec)` for ints, floats and strings,
//! and `round(x, ndigits)` for floats.
//!
//! Each part follows CPython's own algorithm (Python/formatter_unicode.c, Python/pystrtod.c
//! over David Gay's dtoa, Objects/unicodeobject.c), and errors carry Python's messages.
//! Floats are converted exactly, with big integers, so every rounding is correct. Nothing
//! here panics: a width or precision too large to allocate is an error, where Python raises
//! `MemoryError`.

mod bignum;
#[cfg(test)]
mod differential;
mod digits;
mod float;
mod int;
mod layout;
mod spec;
#[cfg(test)]
mod tests;
mod text;
mod unicode;

pub use float::{float_repr, format_float, round_float};
pub use int::format_int;
pub use spec::{FormatSpec, parse_format_spec};
pub use text::{format_str, str_repr};
