//! `Attribute` for `f32` and `f64`: numbers (`N`); NaN and infinities cannot be stored.
//!
//! A float is stored as the shortest decimal that reads back as the same float, and read as
//! the float nearest to the stored decimal. Both directions go through text in general;
//! each has an exact fast path for the common case, which gives the same result without
//! formatting or parsing:
//!
//! * Writing: a float equal to a decimal `m × 10^-k` of at most `DIGITS` significant digits
//!   (15 for `f64`, 6 for `f32`: any two such decimals are different floats) is stored as
//!   that decimal, the shortest one. `value × 10^k` is computed with one rounding, too
//!   small an error to miss such an `m`, and `m / 10^k == value` (a division of exact
//!   operands, rounded once, as parsing rounds) checks it.
//! * Reading: a coefficient of at most `MANTISSA_BITS` bits scaled by an exactly
//!   representable power of ten is one multiplication or division of exact operands,
//!   correctly rounded like the parser (Clinger's fast path).

use std::ops::{Div, Mul};

use super::scalars::number_of;
use super::{Attribute, KeyAttribute};
use crate::error::{Error, Result};
use crate::model::{AttributeValue, Number, ScalarAttributeType};

/// What the fast paths need of a float type.
trait Float: Copy + PartialOrd + Mul<Output = Self> + Div<Output = Self> + 'static {
    /// Significant decimal digits that always survive a round trip through the type.
    const DIGITS: u32;
    /// Bits of the significand: integers below `2^MANTISSA_BITS` are exact.
    const MANTISSA_BITS: u32;
    /// `10^0`, `10^1`, ...: the powers of ten the type holds exactly.
    const POW10: &'static [Self];

    fn from_integer(value: u64) -> Self;
    fn to_integer(self) -> u64;
    fn abs(self) -> Self;
    fn round(self) -> Self;
    fn is_sign_negative(self) -> bool;
    fn neg(self) -> Self;
}

impl Float for f64 {
    const DIGITS: u32 = 15;
    const MANTISSA_BITS: u32 = 53;
    const POW10: &'static [f64] = &[
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    fn from_integer(value: u64) -> f64 {
        // Exact: the fast paths only pass integers below 2^53.
        value as f64
    }

    fn to_integer(self) -> u64 {
        // Exact: a non-negative whole number below 10^15.
        self as u64
    }

    fn abs(self) -> f64 {
        f64::abs(self)
    }

    fn round(self) -> f64 {
        f64::round(self)
    }

    fn is_sign_negative(self) -> bool {
        f64::is_sign_negative(self)
    }

    fn neg(self) -> f64 {
        -self
    }
}

impl Float for f32 {
    const DIGITS: u32 = 6;
    const MANTISSA_BITS: u32 = 24;
    const POW10: &'static [f32] = &[1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

    fn from_integer(value: u64) -> f32 {
        // Exact: the fast paths only pass integers below 2^24.
        value as f32
    }

    fn to_integer(self) -> u64 {
        // Exact: a non-negative whole number below 10^6.
        self as u64
    }

    fn abs(self) -> f32 {
        f32::abs(self)
    }

    fn round(self) -> f32 {
        f32::round(self)
    }

    fn is_sign_negative(self) -> bool {
        f32::is_sign_negative(self)
    }

    fn neg(self) -> f32 {
        -self
    }
}

/// The shortest decimal equal to `value`, if it has at most `F::DIGITS` significant digits
/// and at most as many decimals as `F::POW10` has powers; `None` leaves it to the text path
/// (and so do NaN and the infinities, which no decimal equals).
fn short_decimal<F: Float>(value: F) -> Option<Number> {
    let magnitude = value.abs();
    let limit = F::POW10.get(usize::try_from(F::DIGITS).ok()?).copied()?;
    for (decimals, &scale) in F::POW10.iter().enumerate() {
        let scaled = magnitude * scale;
        if scaled >= limit {
            return None;
        }
        let coefficient = scaled.round();
        if coefficient / scale == magnitude {
            let exponent = i32::try_from(decimals).ok()?;
            let negative = value.is_sign_negative() && coefficient != F::from_integer(0);
            return Number::from_parts(negative, u128::from(coefficient.to_integer()), -exponent)
                .ok();
        }
    }
    None
}

/// The float nearest to `number` when it is one exact multiplication or division; `None`
/// leaves it to the text path.
fn exact_float<F: Float>(number: &Number) -> Option<F> {
    let coefficient = u64::try_from(number.coefficient()).ok()?;
    if coefficient >> F::MANTISSA_BITS != 0 {
        return None;
    }
    let exponent = number.exponent();
    let scale = *F::POW10.get(usize::try_from(exponent.unsigned_abs()).ok()?)?;
    let magnitude = if exponent >= 0 {
        F::from_integer(coefficient) * scale
    } else {
        F::from_integer(coefficient) / scale
    };
    Some(if number.is_negative() {
        magnitude.neg()
    } else {
        magnitude
    })
}

macro_rules! float {
    ($($ty:ident),+) => {$(
        impl Attribute for $ty {
            fn to_attribute(&self) -> Result<AttributeValue> {
                if let Some(number) = short_decimal(*self) {
                    return Ok(AttributeValue::N(number));
                }
                Number::try_from(*self)
                    .map(AttributeValue::N)
                    .map_err(|e| Error::conversion(format!("float {} cannot be stored: {e}", self)))
            }

            fn from_attribute(value: AttributeValue) -> Result<Self> {
                let number = number_of(value)?;
                if let Some(float) = exact_float::<$ty>(&number) {
                    return Ok(float);
                }
                match number.to_string().parse::<$ty>() {
                    Ok(v) if v.is_finite() => Ok(v),
                    _ => Err(Error::conversion(format!(
                        "number {number} does not fit in `{}`",
                        stringify!($ty)
                    ))),
                }
            }
        }

        impl KeyAttribute for $ty {
            const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::N;
        }
    )+};
}

float!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The text path alone, which the fast paths must agree with.
    fn via_text_f64(value: f64) -> Number {
        Number::try_from(value).unwrap()
    }

    fn via_text_f32(value: f32) -> Number {
        Number::try_from(value).unwrap()
    }

    #[test]
    fn short_decimals_are_stored_as_written() {
        for (value, text) in [
            (0.29, "0.29"),
            (-1999.5, "-1999.5"),
            (0.1, "0.1"),
            (1e14, "100000000000000"),
            (123_456_789.012_345, "123456789.012345"),
            (0.0, "0"),
            (-0.0, "0"),
        ] {
            let number = short_decimal(value).unwrap();
            assert_eq!(number.to_string(), text);
            assert_eq!(number, via_text_f64(value));
        }
        assert_eq!(short_decimal(0.25f32).unwrap().to_string(), "0.25");
    }

    #[test]
    fn long_or_tiny_floats_take_the_text_path() {
        assert_eq!(short_decimal(1.0 / 3.0), None);
        assert_eq!(short_decimal(0.1 + 0.2), None);
        assert_eq!(short_decimal(1e15), None);
        assert_eq!(short_decimal(1e-30), None);
        assert_eq!(short_decimal(1.0f32 / 3.0), None);
        // Both paths store the same numbers.
        for value in [1.0 / 3.0, 0.1 + 0.2, 1e15, 1e-30, 1.5e100, -2.5e-100] {
            let stored = value.to_attribute().unwrap();
            assert_eq!(stored, AttributeValue::N(via_text_f64(value)));
            assert_eq!(f64::from_attribute(stored).unwrap(), value);
        }
    }

    #[test]
    fn exact_reads_match_the_parser() {
        for text in ["0.29", "-1999.5", "9007199254740991", "1e22", "1e-22", "0"] {
            let number: Number = text.parse().unwrap();
            let fast = exact_float::<f64>(&number).unwrap();
            assert_eq!(fast, text.parse::<f64>().unwrap(), "{text}");
        }
        let beyond: Number = "9007199254740992".parse().unwrap();
        assert_eq!(exact_float::<f64>(&beyond), None);
        assert_eq!(exact_float::<f64>(&"1e23".parse().unwrap()), None);
        assert_eq!(exact_float::<f32>(&"16777217".parse().unwrap()), None);
        assert_eq!(
            f32::from_attribute(AttributeValue::N("0.1".parse().unwrap())).unwrap(),
            0.1f32
        );
    }

    #[test]
    fn non_finite_floats_are_rejected() {
        let err = f64::NAN.to_attribute().unwrap_err();
        assert!(
            err.message().starts_with("float NaN cannot be stored"),
            "{err}"
        );
        assert!(f32::INFINITY.to_attribute().is_err());
    }

    proptest! {
        #[test]
        fn f64_writes_match_the_text_path(value in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
            if let Some(number) = short_decimal(value) {
                prop_assert_eq!(number, via_text_f64(value));
            }
        }

        #[test]
        fn f64_decimals_round_trip(coefficient in 0u64..1_000_000_000_000_000, decimals in 0i32..25, negative: bool) {
            let number = Number::from_parts(negative, u128::from(coefficient), -decimals).unwrap();
            let text = number.to_string().parse::<f64>().unwrap();
            if let Some(fast) = exact_float::<f64>(&number) {
                prop_assert_eq!(fast, text);
            }
            if let Some(written) = short_decimal(text) {
                prop_assert_eq!(written, via_text_f64(text));
            }
        }

        #[test]
        fn f32_paths_match_the_text_paths(coefficient in 0u64..100_000_000, decimals in 0i32..12) {
            let number = Number::from_parts(false, u128::from(coefficient), -decimals).unwrap();
            let text = number.to_string().parse::<f32>().unwrap();
            if let Some(fast) = exact_float::<f32>(&number) {
                prop_assert_eq!(fast, text);
            }
            if let Some(written) = short_decimal(text) {
                prop_assert_eq!(written, via_text_f32(text));
            }
        }
    }
}
