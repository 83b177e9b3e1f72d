//! Python's text formatting of numbers and strings, byte for byte as CPython 3.11 writes
//! them: `repr` of floats and strings, `ascii()`, `format(value, spec)` for ints, floats and
//! strings, `round(x, ndigits)` for floats, printf-style `template % args`, the template
//! language of `str.format`, and the Unicode character classes and case mappings of the
//! `str` methods.
//!
//! Each part follows CPython's own algorithm (Python/formatter_unicode.c, Python/pystrtod.c
//! over David Gay's dtoa, Objects/unicodeobject.c, Objects/stringlib/unicode_format.h), and
//! errors carry Python's messages. Floats are converted exactly, with big integers, so every
//! rounding is correct. Nothing here panics: a width or precision too large to allocate is
//! an error, where Python raises `MemoryError`.

mod bignum;
pub mod chartype;
#[cfg(test)]
mod differential;
mod digits;
mod float;
mod int;
mod layout;
pub mod percent;
mod spec;
#[cfg(test)]
mod str_tests;
pub mod template;
#[cfg(test)]
mod tests;
mod text;
mod unicode;

/// The longest text, and the most items in one list or tuple, that sim builds. Asking for
/// more raises `MemoryError` (as CPython does when the host runs out) instead of letting one
/// expression exhaust the machine that runs the simulation.
pub const MAX_LEN: usize = 1 << 26;

pub use float::{float_repr, format_float, round_float};
pub use int::format_int;
pub use spec::{FormatSpec, parse_format_spec};
pub use text::{ascii_escape, format_str, str_repr};
pub use unicode::is_printable;
