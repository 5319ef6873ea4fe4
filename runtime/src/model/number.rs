//! An exact decimal number with DynamoDB's precision and range.
//!
//! Encoding invariant: a `Number` is `(-1)^negative × coefficient × 10^exponent` where
//! `coefficient` has no trailing decimal zeros and at most 38 digits, and zero is always
//! `{ negative: false, coefficient: 0, exponent: 0 }`. Because the representation is unique,
//! the derived equality and hash are numeric equality (`1` == `1.0` == `1e0`).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// Most significant digits DynamoDB stores in a number.
pub const MAX_SIGNIFICANT_DIGITS: u32 = 38;

/// An exact decimal number as DynamoDB stores it: up to 38 significant digits, magnitude
/// between `1E-130` and below `1E+126` (or zero).
///
/// Parsing accepts DynamoDB's number syntax (`-12.50`, `1e3`, `+.5`); the text form is
/// normalized (`1.50` prints as `1.5`, `1e3` as `1000`). Equality, hashing and ordering are
/// numeric. No binary floating point is involved anywhere.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Number {
    negative: bool,
    coefficient: u128,
    exponent: i32,
}

/// Why a text or Rust value is not a valid DynamoDB number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// The text is not a decimal number.
    Invalid,
    /// More than 38 significant digits.
    Precision,
    /// Magnitude of `1E+126` or more.
    Overflow,
    /// Non-zero magnitude below `1E-130`.
    Underflow,
    /// A float that is NaN or infinite.
    NotFinite,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumberError::Invalid => "not a decimal number",
            NumberError::Precision => "more than 38 significant digits",
            NumberError::Overflow => "magnitude of 1E+126 or larger is out of range",
            NumberError::Underflow => "non-zero magnitude smaller than 1E-130 is out of range",
            NumberError::NotFinite => "NaN and infinite floats cannot be stored",
        })
    }
}

impl std::error::Error for NumberError {}

impl Number {
    /// The number zero.
    pub const ZERO: Number = Number { negative: false, coefficient: 0, exponent: 0 };

    /// Parses DynamoDB's number syntax, checking precision and range.
    pub fn parse(text: &str) -> Result<Number, NumberError> {
        todo!("{text}")
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.coefficient == 0
    }

    /// Whether this is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Count of significant digits (1 for zero).
    pub fn significant_digits(&self) -> u32 {
        todo!()
    }

    /// Exact sum, or an error when the result breaks precision or range.
    pub fn checked_add(&self, other: &Number) -> Result<Number, NumberError> {
        todo!("{other}")
    }

    /// Exact difference, or an error when the result breaks precision or range.
    pub fn checked_sub(&self, other: &Number) -> Result<Number, NumberError> {
        todo!("{other}")
    }

    /// Negation.
    #[must_use]
    pub fn neg(&self) -> Number {
        todo!()
    }
}

impl Ord for Number {
    fn cmp(&self, other: &Self) -> Ordering {
        todo!("{other}")
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let _ = f;
        todo!()
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({self})")
    }
}

impl FromStr for Number {
    type Err = NumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Number::parse(s)
    }
}

impl Number {
    /// The exact integer value, if this is an integer within `i128`.
    pub fn to_i128(&self) -> Option<i128> {
        todo!()
    }

    /// The exact integer value, if this is a non-negative integer within `u128`.
    pub fn to_u128(&self) -> Option<u128> {
        todo!()
    }

    /// The nearest `f64` (lossy for more than about 15 significant digits).
    pub fn to_f64(&self) -> f64 {
        todo!()
    }
}

macro_rules! from_small_integer {
    ($($ty:ty),+) => {$(
        impl From<$ty> for Number {
            fn from(value: $ty) -> Number {
                let _ = value;
                todo!()
            }
        }
    )+};
}

from_small_integer!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// Fails with [`NumberError::Precision`] beyond 38 significant digits.
impl TryFrom<i128> for Number {
    type Error = NumberError;
    fn try_from(value: i128) -> Result<Number, NumberError> {
        let _ = value;
        todo!()
    }
}

/// Fails with [`NumberError::Precision`] beyond 38 significant digits.
impl TryFrom<u128> for Number {
    type Error = NumberError;
    fn try_from(value: u128) -> Result<Number, NumberError> {
        let _ = value;
        todo!()
    }
}

/// The shortest decimal that round-trips to the same float; NaN and infinities fail.
impl TryFrom<f64> for Number {
    type Error = NumberError;
    fn try_from(value: f64) -> Result<Number, NumberError> {
        let _ = value;
        todo!()
    }
}

/// The shortest decimal that round-trips to the same float; NaN and infinities fail.
impl TryFrom<f32> for Number {
    type Error = NumberError;
    fn try_from(value: f32) -> Result<Number, NumberError> {
        let _ = value;
        todo!()
    }
}
