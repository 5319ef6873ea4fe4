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
    /// The coefficient's high and low 64 bits. Two `u64`s instead of a `u128` keep the
    /// alignment at 8, so a `Number` is 24 bytes instead of 32 (and `AttributeValue` 32
    /// instead of 48): every stored attribute value pays for this field's padding.
    coefficient: [u64; 2],
    exponent: i32,
    negative: bool,
    /// The coefficient's digit count (1 for zero), kept because ordering needs it on every
    /// comparison and counting the digits of a `u128` is slow. It lives in what would
    /// otherwise be padding, and is a function of `coefficient`, so the derived equality and
    /// hash stay numeric.
    digits: u8,
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

/// Largest adjusted exponent (the power of ten of the leading digit): magnitudes stay below
/// `1E+126`.
const MAX_ADJUSTED_EXPONENT: i128 = 125;

/// Smallest adjusted exponent of a non-zero number: magnitudes are at least `1E-130`.
const MIN_ADJUSTED_EXPONENT: i128 = -130;

/// Largest exponent magnitude accepted after `e` in a number text. DynamoDB rejects
/// `1e2147483648` and `1e-2147483648` as not a number while `1e2147483647` is an overflow
/// and `1e-2147483647` an underflow: the written exponent must fit in an `i32`.
const MAX_TEXT_EXPONENT: u64 = i32::MAX.unsigned_abs() as u64;

/// Longest text form: sign, `0.`, 129 zeros and 38 digits (`-1.2…E-130`) is 170 bytes.
const MAX_TEXT_LEN: usize = 176;

impl Number {
    /// The number zero.
    pub const ZERO: Number = Number::from_normalized(false, 0, 0);

    /// A number from parts that already satisfy the encoding invariant.
    const fn from_normalized(negative: bool, coefficient: u128, exponent: i32) -> Number {
        Number::from_counted(negative, coefficient, exponent, digit_count(coefficient))
    }

    /// [`Number::from_normalized`] when the coefficient's digit count is already known.
    const fn from_counted(negative: bool, coefficient: u128, exponent: i32, digits: u32) -> Number {
        // Splitting a u128 into its halves: the truncating casts are the point; a digit
        // count is at most 39.
        Number {
            coefficient: [(coefficient >> 64) as u64, coefficient as u64],
            exponent,
            negative,
            digits: digits as u8,
        }
    }

    /// Parses DynamoDB's number syntax, checking precision and range.
    ///
    /// Accepted: an optional `+` or `-`, ASCII digits with at most one `.` (at least one
    /// digit: `.5` and `5.` are numbers), then optionally `e` or `E`, an optional sign and
    /// digits. Anything else, including surrounding whitespace, `NaN`, `Infinity`, hex and
    /// `_` separators, is [`NumberError::Invalid`], as is an exponent written beyond the
    /// `i32` range. Otherwise the checks run in DynamoDB's order: more than 38 significant
    /// digits is [`NumberError::Precision`], then the range gives
    /// [`NumberError::Overflow`] or [`NumberError::Underflow`]. Runs in time linear in the
    /// text's length and never panics.
    pub fn parse(text: &str) -> Result<Number, NumberError> {
        Scanned::scan(text.as_bytes())
            .ok_or(NumberError::Invalid)?
            .into_number()
    }

    /// The number `(-1)^negative × coefficient × 10^exponent`, checked like a parsed text:
    /// trailing zeros of `coefficient` are fine, more than 38 significant digits is
    /// [`NumberError::Precision`], then the range is checked.
    pub fn from_parts(
        negative: bool,
        coefficient: u128,
        exponent: i32,
    ) -> Result<Number, NumberError> {
        Number::normalize(negative, coefficient, i128::from(exponent))
    }

    /// The significant digits as an integer: no trailing zeros, at most 38 digits, 0 for zero.
    pub fn coefficient(&self) -> u128 {
        let [high, low] = self.coefficient;
        (u128::from(high) << 64) | u128::from(low)
    }

    /// The power of ten that scales [`coefficient`](Number::coefficient) (0 for zero).
    pub fn exponent(&self) -> i32 {
        self.exponent
    }

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.coefficient() == 0
    }

    /// Whether this is below zero.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// Count of significant digits (1 for zero).
    pub fn significant_digits(&self) -> u32 {
        u32::from(self.digits)
    }

    /// Exact sum, or an error when the result breaks precision or range.
    ///
    /// Like DynamoDB (`ADD`, `SET a = b + c`), the sum is never rounded: a result that needs
    /// more than 38 significant digits is [`NumberError::Precision`] (`1E+37 + 0.1` fails,
    /// `99999999999999999999999999999999999999 + 1` is `1E+38`).
    pub fn checked_add(&self, other: &Number) -> Result<Number, NumberError> {
        if other.is_zero() {
            return Ok(*self);
        }
        if self.is_zero() {
            return Ok(*other);
        }
        // Both are non-zero and end in a non-zero digit. `high` has the larger exponent.
        let (high, low) = if self.exponent >= other.exponent {
            (self, other)
        } else {
            (other, self)
        };
        let shift = high.exponent.abs_diff(low.exponent);
        // Digits of `high`'s coefficient once aligned to `low`'s exponent.
        let width = digit_count(high.coefficient()).saturating_add(shift);
        let exponent = i128::from(low.exponent);
        if width <= MAX_SIGNIFICANT_DIGITS {
            let aligned = pow10(shift)
                .and_then(|scale| high.coefficient().checked_mul(scale))
                .ok_or(NumberError::Precision)?;
            if high.negative == low.negative {
                // Two values below 10^38 sum below 2 × 10^38 < u128::MAX.
                let sum = aligned
                    .checked_add(low.coefficient())
                    .ok_or(NumberError::Precision)?;
                return Number::normalize(high.negative, sum, exponent);
            }
            return match aligned.cmp(&low.coefficient()) {
                Ordering::Equal => Ok(Number::ZERO),
                Ordering::Greater => {
                    Number::normalize(high.negative, aligned - low.coefficient(), exponent)
                }
                Ordering::Less => {
                    Number::normalize(low.negative, low.coefficient() - aligned, exponent)
                }
            };
        }
        // Here shift >= 1, so the exact result ends in `low`'s last digit, which is not zero:
        // its digit count is that of `aligned ± low` with nothing to strip. `aligned` has
        // `width` >= 39 digits and `low` at most 38, so a sum has at least 39 digits and a
        // difference at least `width - 1`: only a difference with `width == 39` can fit.
        if width > MAX_SIGNIFICANT_DIGITS + 1 || high.negative == low.negative {
            return Err(NumberError::Precision);
        }
        // aligned - low = 10 × (head - q - 1) + (10 - r) with head = aligned / 10 (38 digits,
        // so it fits in u128 where `aligned` may not) and low = 10q + r, r in 1..=9.
        let head = pow10(shift - 1)
            .and_then(|scale| high.coefficient().checked_mul(scale))
            .ok_or(NumberError::Precision)?;
        let (q, r) = (low.coefficient() / 10, low.coefficient() % 10);
        let rest = head
            .checked_sub(q)
            .and_then(|v| v.checked_sub(1))
            .ok_or(NumberError::Precision)?;
        if digit_count(rest) >= MAX_SIGNIFICANT_DIGITS {
            return Err(NumberError::Precision);
        }
        let difference = rest
            .checked_mul(10)
            .and_then(|v| v.checked_add(10 - r))
            .ok_or(NumberError::Precision)?;
        Number::normalize(high.negative, difference, exponent)
    }

    /// Exact difference, or an error when the result breaks precision or range.
    pub fn checked_sub(&self, other: &Number) -> Result<Number, NumberError> {
        self.checked_add(&other.neg())
    }

    /// Negation.
    #[must_use]
    pub fn neg(&self) -> Number {
        Number {
            negative: !self.negative && !self.is_zero(),
            ..*self
        }
    }

    /// The power of ten of the leading digit (`exponent + digits - 1`).
    fn adjusted_exponent(&self) -> i64 {
        i64::from(self.exponent) + i64::from(self.digits) - 1
    }

    /// Builds a number from any sign, coefficient and exponent: strips trailing zeros, then
    /// checks precision and range in DynamoDB's order.
    fn normalize(
        negative: bool,
        mut coefficient: u128,
        mut exponent: i128,
    ) -> Result<Number, NumberError> {
        if coefficient == 0 {
            return Ok(Number::ZERO);
        }
        let zeros = trailing_zeros(coefficient);
        coefficient /= POW10[zeros as usize];
        exponent += i128::from(zeros);
        let digits = digit_count(coefficient);
        if digits > MAX_SIGNIFICANT_DIGITS {
            return Err(NumberError::Precision);
        }
        let adjusted = exponent + i128::from(digits) - 1;
        if adjusted > MAX_ADJUSTED_EXPONENT {
            return Err(NumberError::Overflow);
        }
        if adjusted < MIN_ADJUSTED_EXPONENT {
            return Err(NumberError::Underflow);
        }
        let exponent = i32::try_from(exponent).map_err(|_| NumberError::Overflow)?;
        Ok(Number::from_counted(
            negative,
            coefficient,
            exponent,
            digits,
        ))
    }

    /// An integer of at most 38 digits (every integer type up to 64 bits): cannot fail.
    fn from_small_integer(negative: bool, mut magnitude: u128) -> Number {
        if magnitude == 0 {
            return Number::ZERO;
        }
        let zeros = trailing_zeros(magnitude);
        magnitude /= POW10[zeros as usize];
        // At most 38 trailing zeros.
        Number::from_normalized(negative, magnitude, zeros as i32)
    }

    /// The exact magnitude as an integer, if this is an integer within `u128`.
    fn integer_magnitude(&self) -> Option<u128> {
        let exponent = u32::try_from(self.exponent).ok()?;
        self.coefficient().checked_mul(pow10(exponent)?)
    }

    /// Writes the plain (never exponential) digits without the sign, as DynamoDB returns
    /// them: `1E+2` is `100`, `-1.5E-7` is `0.00000015` after the sign.
    fn write_unsigned(&self, out: &mut TextBuf) -> fmt::Result {
        let mut digit_buf = [0u8; 40];
        let digits = coefficient_digits(self.coefficient(), &mut digit_buf);
        match usize::try_from(self.exponent) {
            Ok(zeros) => {
                out.push(digits)?;
                out.push_zeros(zeros)
            }
            Err(_) => {
                let fraction_len =
                    usize::try_from(self.exponent.unsigned_abs()).map_err(|_| fmt::Error)?;
                match digits.len().checked_sub(fraction_len) {
                    Some(integer_len) if integer_len > 0 => {
                        let (integer, fraction) =
                            digits.split_at_checked(integer_len).ok_or(fmt::Error)?;
                        out.push(integer)?;
                        out.push(b".")?;
                        out.push(fraction)
                    }
                    _ => {
                        out.push(b"0.")?;
                        out.push_zeros(fraction_len - digits.len())?;
                        out.push(digits)
                    }
                }
            }
        }
    }
}

impl Default for Number {
    fn default() -> Number {
        Number::ZERO
    }
}

/// The syntactic parts of a number text, gathered in one pass.
struct Scanned {
    negative: bool,
    /// The digits from the first to the last non-zero digit, when there are at most 38.
    coefficient: u128,
    /// Count of digits from the first to the last non-zero digit (0 when all are zero).
    significant: u64,
    /// Digits after the decimal point.
    fraction_digits: u64,
    /// Zeros after the last non-zero digit, in the integer or fraction part.
    trailing_zeros: u64,
    /// The written exponent, within `±i32::MAX`.
    exponent: i64,
}

impl Scanned {
    /// `None` when the text is not a number.
    fn scan(mut rest: &[u8]) -> Option<Scanned> {
        let mut scanned = Scanned {
            negative: false,
            coefficient: 0,
            significant: 0,
            fraction_digits: 0,
            trailing_zeros: 0,
            exponent: 0,
        };
        if let Some((&sign @ (b'+' | b'-'), tail)) = rest.split_first() {
            scanned.negative = sign == b'-';
            rest = tail;
        }
        let mut any_digit = false;
        let mut seen_point = false;
        while let Some((&byte, tail)) = rest.split_first() {
            match byte {
                b'0'..=b'9' => {
                    any_digit = true;
                    if seen_point {
                        scanned.fraction_digits = scanned.fraction_digits.saturating_add(1);
                    }
                    scanned.push_digit(byte - b'0')?;
                }
                b'.' if !seen_point => seen_point = true,
                _ => break,
            }
            rest = tail;
        }
        if !any_digit {
            return None;
        }
        if let Some((b'e' | b'E', tail)) = rest.split_first() {
            rest = tail;
            let mut exponent_negative = false;
            if let Some((&sign @ (b'+' | b'-'), tail)) = rest.split_first() {
                exponent_negative = sign == b'-';
                rest = tail;
            }
            let mut magnitude: u64 = 0;
            let mut any_exponent_digit = false;
            while let Some((&byte, tail)) = rest.split_first() {
                if !byte.is_ascii_digit() {
                    break;
                }
                any_exponent_digit = true;
                // Stops growing once out of range, so it cannot overflow however long it is.
                if magnitude <= MAX_TEXT_EXPONENT {
                    magnitude = magnitude * 10 + u64::from(byte - b'0');
                }
                rest = tail;
            }
            if !any_exponent_digit || magnitude > MAX_TEXT_EXPONENT {
                return None;
            }
            let magnitude = i64::try_from(magnitude).ok()?;
            scanned.exponent = if exponent_negative {
                -magnitude
            } else {
                magnitude
            };
        }
        rest.is_empty().then_some(scanned)
    }

    /// Appends one mantissa digit. Leading zeros are skipped and zeros after a non-zero digit
    /// wait in `trailing_zeros` until a later non-zero digit makes them significant.
    fn push_digit(&mut self, digit: u8) -> Option<()> {
        if digit == 0 {
            if self.significant > 0 {
                self.trailing_zeros = self.trailing_zeros.saturating_add(1);
            }
            return Some(());
        }
        let significant = self
            .significant
            .saturating_add(self.trailing_zeros)
            .saturating_add(1);
        if significant <= u64::from(MAX_SIGNIFICANT_DIGITS) {
            // At most 38 digits in all, so this stays below 10^38.
            for _ in 0..self.trailing_zeros {
                self.coefficient = self.coefficient.checked_mul(10)?;
            }
            self.coefficient = self
                .coefficient
                .checked_mul(10)?
                .checked_add(u128::from(digit))?;
        }
        self.significant = significant;
        self.trailing_zeros = 0;
        Some(())
    }

    fn into_number(self) -> Result<Number, NumberError> {
        if self.significant == 0 {
            return Ok(Number::ZERO);
        }
        if self.significant > u64::from(MAX_SIGNIFICANT_DIGITS) {
            return Err(NumberError::Precision);
        }
        // Each term is bounded by the text length or `i32::MAX`: no overflow in i128.
        let exponent = i128::from(self.exponent) - i128::from(self.fraction_digits)
            + i128::from(self.trailing_zeros);
        Number::normalize(self.negative, self.coefficient, exponent)
    }
}

/// Decimal digits of `value` (1 for zero).
const fn digit_count(value: u128) -> u32 {
    // Most coefficients fit in 64 bits, where the logarithm is several times cheaper.
    let log = if value <= u64::MAX as u128 {
        (value as u64).checked_ilog10()
    } else {
        value.checked_ilog10()
    };
    match log {
        Some(log) => log + 1,
        None => 1,
    }
}

/// `10^0` to `10^38`: every power of ten a `u128` holds.
const POW10: [u128; 39] = {
    let mut powers = [1u128; 39];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// `10^exponent`, if it fits in u128 (exponent <= 38).
fn pow10(exponent: u32) -> Option<u128> {
    POW10.get(exponent as usize).copied()
}

/// How many times 10 divides `value` (non-zero), in at most two `u128` divisions: one
/// 64-bit loop handles what fits.
fn trailing_zeros(value: u128) -> u32 {
    let mut zeros = 0;
    let mut value = value;
    // 10^19 is the largest power of ten below 2^64; peel it off while the value is wide.
    while value > u128::from(u64::MAX) && value % POW10[19] == 0 {
        value /= POW10[19];
        zeros += 19;
    }
    if value <= u128::from(u64::MAX) {
        let mut narrow = value as u64;
        while narrow != 0 && narrow % 10 == 0 {
            narrow /= 10;
            zeros += 1;
        }
    } else {
        while value % 10 == 0 {
            value /= 10;
            zeros += 1;
        }
    }
    zeros
}

/// The ASCII digits of `value`, written at the end of `buf`.
fn coefficient_digits(mut value: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut start = buf.len();
    while let Some(slot) = start.checked_sub(1).and_then(|i| buf.get_mut(i)) {
        // `value % 10` is below 10, so the cast is exact.
        *slot = b'0' + (value % 10) as u8;
        start -= 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    buf.get(start..).unwrap_or_default()
}

/// A fixed-capacity text buffer, so `Display` neither allocates nor can panic.
struct TextBuf {
    bytes: [u8; MAX_TEXT_LEN],
    len: usize,
}

impl TextBuf {
    fn new() -> TextBuf {
        TextBuf {
            bytes: [0; MAX_TEXT_LEN],
            len: 0,
        }
    }

    fn push(&mut self, text: &[u8]) -> fmt::Result {
        let end = self.len.checked_add(text.len()).ok_or(fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(text);
        self.len = end;
        Ok(())
    }

    fn push_zeros(&mut self, count: usize) -> fmt::Result {
        let end = self.len.checked_add(count).ok_or(fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .fill(b'0');
        self.len = end;
        Ok(())
    }

    fn as_str(&self) -> Result<&str, fmt::Error> {
        let bytes = self.bytes.get(..self.len).ok_or(fmt::Error)?;
        std::str::from_utf8(bytes).map_err(|_| fmt::Error)
    }
}

/// Numeric order: sign, then the leading digit's power of ten, then the aligned digits.
impl Ord for Number {
    fn cmp(&self, other: &Self) -> Ordering {
        fn signum(n: &Number) -> i8 {
            if n.is_zero() {
                0
            } else if n.negative {
                -1
            } else {
                1
            }
        }
        let by_sign = signum(self).cmp(&signum(other));
        if by_sign != Ordering::Equal || self.is_zero() {
            return by_sign;
        }
        let magnitude = self
            .adjusted_exponent()
            .cmp(&other.adjusted_exponent())
            .then_with(|| {
                // Same leading power of ten: pad the shorter coefficient with zeros to the
                // other's length. Both have at most 38 digits, so the padded one stays below
                // 10^38 and the product cannot overflow; equal lengths need no product.
                let (a, b) = (self.digits, other.digits);
                let (x, y) = (self.coefficient(), other.coefficient());
                match a.cmp(&b) {
                    Ordering::Equal => x.cmp(&y),
                    Ordering::Less => (x * POW10[usize::from(b - a)]).cmp(&y),
                    Ordering::Greater => x.cmp(&(y * POW10[usize::from(a - b)])),
                }
            });
        if self.negative {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// DynamoDB's normalized text: plain decimal notation without exponent, leading or trailing
/// zeros, and no sign on zero (`1E+2` prints as `100`, `-1.5e-7` as `-0.00000015`, `-0.0`
/// as `0`). Honors width, fill, alignment, `+` and `0` flags like an integer.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = TextBuf::new();
        self.write_unsigned(&mut out)?;
        f.pad_integral(!self.negative, "", out.as_str()?)
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
        let magnitude = self.integer_magnitude()?;
        if self.negative {
            0i128.checked_sub_unsigned(magnitude)
        } else {
            i128::try_from(magnitude).ok()
        }
    }

    /// The exact integer value, if this is a non-negative integer within `u128`.
    pub fn to_u128(&self) -> Option<u128> {
        if self.negative {
            return None;
        }
        self.integer_magnitude()
    }

    /// The nearest `f64` (lossy for more than about 15 significant digits).
    pub fn to_f64(&self) -> f64 {
        // Rust's float parser rounds decimal text correctly; every valid number is within
        // f64's normal range, so the result is finite and non-zero for non-zero numbers.
        let sign = if self.negative { "-" } else { "" };
        format!("{sign}{}e{}", self.coefficient(), self.exponent)
            .parse()
            .unwrap_or(f64::NAN)
    }
}

macro_rules! from_small_integer {
    ($($ty:ty),+) => {$(
        impl From<$ty> for Number {
            fn from(value: $ty) -> Number {
                // Every type here is at most 64 bits wide: the cast is exact and the value
                // has at most 20 digits.
                let value = value as i128;
                Number::from_small_integer(value < 0, value.unsigned_abs())
            }
        }
    )+};
}

from_small_integer!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

/// Fails with [`NumberError::Precision`] beyond 38 significant digits.
impl TryFrom<i128> for Number {
    type Error = NumberError;
    fn try_from(value: i128) -> Result<Number, NumberError> {
        Number::normalize(value < 0, value.unsigned_abs(), 0)
    }
}

/// Fails with [`NumberError::Precision`] beyond 38 significant digits.
impl TryFrom<u128> for Number {
    type Error = NumberError;
    fn try_from(value: u128) -> Result<Number, NumberError> {
        Number::normalize(false, value, 0)
    }
}

/// The shortest decimal that round-trips to the same float; NaN and infinities fail.
impl TryFrom<f64> for Number {
    type Error = NumberError;
    fn try_from(value: f64) -> Result<Number, NumberError> {
        if !value.is_finite() {
            return Err(NumberError::NotFinite);
        }
        // `{:e}` prints the shortest digits that read back as the same float (`1e-1`).
        Number::parse(&format!("{value:e}"))
    }
}

/// The shortest decimal that round-trips to the same float; NaN and infinities fail.
impl TryFrom<f32> for Number {
    type Error = NumberError;
    fn try_from(value: f32) -> Result<Number, NumberError> {
        if !value.is_finite() {
            return Err(NumberError::NotFinite);
        }
        Number::parse(&format!("{value:e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    use NumberError::{Invalid, NotFinite, Overflow, Precision, Underflow};

    fn n(text: &str) -> Number {
        Number::parse(text).unwrap_or_else(|e| panic!("`{text}` should parse: {e}"))
    }

    fn zeros(count: usize) -> String {
        "0".repeat(count)
    }

    const MAX_38: &str = "99999999999999999999999999999999999999";

    #[test]
    fn a_number_is_24_bytes_with_8_byte_alignment() {
        // Pinned: every stored attribute value carries a Number's size (see the field's doc).
        assert_eq!(std::mem::size_of::<Number>(), 24);
        assert_eq!(std::mem::align_of::<Number>(), 8);
        assert_eq!(std::mem::size_of::<Option<Number>>(), 24);
    }

    #[test]
    fn the_coefficient_survives_the_split_into_halves() {
        let big = n(MAX_38);
        assert_eq!(big.coefficient(), 10u128.pow(38) - 1);
        assert!(big.coefficient() > u128::from(u64::MAX));
        let small = n("-12.5");
        assert_eq!((small.coefficient(), small.exponent()), (125, -1));
        assert_eq!(
            n("18446744073709551616").coefficient(),
            18446744073709551616
        );
    }

    /// Inputs put into DynamoDB Local 3.3.0 and the `N` text it returned (GetItem).
    #[test]
    fn display_matches_dynamodb_local() {
        let cases: Vec<(String, String)> = vec![
            ("1.0".into(), "1".into()),
            ("1e2".into(), "100".into()),
            ("1E+100".into(), format!("1{}", zeros(100))),
            ("-0.000".into(), "0".into()),
            ("0.00001".into(), "0.00001".into()),
            ("1e-130".into(), format!("0.{}1", zeros(129))),
            ("-1e-130".into(), format!("-0.{}1", zeros(129))),
            (
                "9.9999999999999999999999999999999999999E+125".into(),
                format!("{MAX_38}{}", zeros(88)),
            ),
            (
                "99999999999999999999999999999999999999e88".into(),
                format!("{MAX_38}{}", zeros(88)),
            ),
            ("123.4500".into(), "123.45".into()),
            ("-1.5e-7".into(), "-0.00000015".into()),
            ("100".into(), "100".into()),
            ("0".into(), "0".into()),
            ("-0".into(), "0".into()),
            ("+0".into(), "0".into()),
            ("-00".into(), "0".into()),
            ("+5".into(), "5".into()),
            (".5".into(), "0.5".into()),
            ("5.".into(), "5".into()),
            ("0.".into(), "0".into()),
            (".0".into(), "0".into()),
            ("-.0".into(), "0".into()),
            ("1e25".into(), format!("1{}", zeros(25))),
            ("1e38".into(), format!("1{}", zeros(38))),
            ("1e39".into(), format!("1{}", zeros(39))),
            ("1e50".into(), format!("1{}", zeros(50))),
            ("-1e125".into(), format!("-1{}", zeros(125))),
            ("9.99e125".into(), format!("999{}", zeros(123))),
            ("0.1".into(), "0.1".into()),
            ("1e-7".into(), "0.0000001".into()),
            ("0.0000001".into(), "0.0000001".into()),
            ("1.23e-20".into(), "0.0000000000000000000123".into()),
            ("1.5E-129".into(), format!("0.{}15", zeros(128))),
            ("1.5e-130".into(), format!("0.{}15", zeros(129))),
            (
                "12345678901234567890123456789012345678".into(),
                "12345678901234567890123456789012345678".into(),
            ),
            ("0e999999".into(), "0".into()),
            ("0.0e-999999".into(), "0".into()),
            ("1e+0002".into(), "100".into()),
            ("1e-0".into(), "1".into()),
            ("1E5".into(), "100000".into()),
            ("1e+1".into(), "10".into()),
            ("00012.3400".into(), "12.34".into()),
            (format!("1.{}", zeros(45)), "1".into()),
            (format!("1{}", zeros(50)), format!("1{}", zeros(50))),
            (format!("{}1", zeros(49)), "1".into()),
            (format!("0.{}1", zeros(94)), format!("0.{}1", zeros(94))),
        ];
        for (input, expected) in cases {
            assert_eq!(n(&input).to_string(), expected, "display of `{input}`");
        }
    }

    /// Rejections, with DynamoDB Local's verdict for each (its messages are in the engine).
    #[test]
    fn parse_rejects() {
        let cases: Vec<(String, NumberError)> = vec![
            ("123456789012345678901234567890123456789".into(), Precision),
            (format!("1.{}1", zeros(42)), Precision),
            (format!("1{}1", zeros(37)), Precision),
            (format!("0.1{}1", zeros(37)), Precision),
            // Precision is checked before range, as DynamoDB does.
            (
                "123456789012345678901234567890123456789e100".into(),
                Precision,
            ),
            (
                "123456789012345678901234567890123456789e-200".into(),
                Precision,
            ),
            (
                "1.23456789012345678901234567890123456789e-130".into(),
                Precision,
            ),
            ("1e126".into(), Overflow),
            ("-1e126".into(), Overflow),
            ("99999999999999999999999999999999999999e89".into(), Overflow),
            ("1e2147483647".into(), Overflow),
            (format!("1{}", zeros(126)), Overflow),
            ("1e-131".into(), Underflow),
            ("0.99e-130".into(), Underflow),
            ("1e-999999999".into(), Underflow),
            ("1e-2147483647".into(), Underflow),
            (format!("0.{}1", zeros(130)), Underflow),
            // DynamoDB Local says Underflow here (its scale wraps around); Overflow is right.
            ("10e2147483647".into(), Overflow),
            // An exponent beyond the i32 range is not a number, as in DynamoDB Local.
            ("1e2147483648".into(), Invalid),
            ("1e-2147483648".into(), Invalid),
            ("0e2147483648".into(), Invalid),
            ("1e999999999999".into(), Invalid),
            (format!("1e{}", "9".repeat(1000)), Invalid),
            (
                "123456789012345678901234567890123456789e9999999999".into(),
                Invalid,
            ),
            ("".into(), Invalid),
            ("abc".into(), Invalid),
            ("abc1e999".into(), Invalid),
            ("-".into(), Invalid),
            ("+".into(), Invalid),
            (".".into(), Invalid),
            ("-.".into(), Invalid),
            ("+.e1".into(), Invalid),
            ("e5".into(), Invalid),
            ("e".into(), Invalid),
            ("1e".into(), Invalid),
            ("1.5e".into(), Invalid),
            ("1e+".into(), Invalid),
            ("1e-".into(), Invalid),
            ("1e+-5".into(), Invalid),
            ("1e--1".into(), Invalid),
            ("+-1".into(), Invalid),
            ("--1".into(), Invalid),
            ("1.2.3".into(), Invalid),
            ("1.5.".into(), Invalid),
            ("..5".into(), Invalid),
            ("1e1.5".into(), Invalid),
            ("1,5".into(), Invalid),
            ("NaN".into(), Invalid),
            ("nan".into(), Invalid),
            ("Infinity".into(), Invalid),
            ("-Infinity".into(), Invalid),
            ("inf".into(), Invalid),
            ("0x10".into(), Invalid),
            ("1_000".into(), Invalid),
            (" 1".into(), Invalid),
            ("1 ".into(), Invalid),
            ("1\n".into(), Invalid),
            ("- 1".into(), Invalid),
            ("１".into(), Invalid),
            // DynamoDB Local (Java) reads Arabic-Indic digits as digits; only ASCII here.
            ("١".into(), Invalid),
        ];
        for (input, expected) in cases {
            assert_eq!(Number::parse(&input), Err(expected), "parse of `{input}`");
        }
    }

    #[test]
    fn parse_is_linear_on_huge_texts() {
        let long_zeros = zeros(1_000_000);
        assert_eq!(Number::parse(&format!("1{long_zeros}")), Err(Overflow));
        assert_eq!(Number::parse(&format!("0.{long_zeros}1")), Err(Underflow));
        assert_eq!(n(&format!("0.{long_zeros}1e1000005")).to_string(), "10000");
        assert_eq!(n(&format!("1{long_zeros}e-1000000")).to_string(), "1");
        assert_eq!(n(&format!("-{long_zeros}.{long_zeros}")), Number::ZERO);
        assert_eq!(Number::parse(&format!("1{long_zeros}1")), Err(Precision));
        assert_eq!(Number::parse(&format!("1e{long_zeros}1")), Ok(n("10")));
    }

    fn hash_of(number: &Number) -> u64 {
        let mut hasher = DefaultHasher::new();
        number.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn equal_values_are_equal_and_hash_alike() {
        let one = Number::from(1);
        for text in [
            "1", "1.0", "1e0", "10e-1", "0.1e1", "+1", "1.000", "100E-2", "0001",
        ] {
            assert_eq!(n(text), one, "`{text}`");
            assert_eq!(hash_of(&n(text)), hash_of(&one), "`{text}`");
        }
        for text in ["0", "-0", "+0.000", "0e5", "-0e-5"] {
            assert_eq!(n(text), Number::ZERO, "`{text}`");
            assert!(!n(text).is_negative(), "`{text}`");
            assert!(n(text).is_zero(), "`{text}`");
        }
        assert_ne!(n("1"), n("-1"));
        assert_ne!(n("1"), n("1.0000000000000000000000000000000000001"));
    }

    #[test]
    fn parts_and_digits() {
        let x = n("-123.4500");
        assert_eq!(
            (x.is_negative(), x.coefficient(), x.exponent()),
            (true, 12345, -2)
        );
        assert_eq!(x.significant_digits(), 5);
        assert_eq!(Number::ZERO.significant_digits(), 1);
        assert_eq!(n("1e100").significant_digits(), 1);
        assert_eq!(n(MAX_38).significant_digits(), 38);
        assert_eq!(Number::from_parts(false, 1500, -3), Ok(n("1.5")));
        assert_eq!(Number::from_parts(true, 0, 99), Ok(Number::ZERO));
        assert_eq!(Number::from_parts(false, u128::MAX, 0), Err(Precision));
        assert_eq!(Number::from_parts(false, 10u128.pow(38), 88), Err(Overflow));
        assert_eq!(
            Number::from_parts(false, 10u128.pow(38), 87),
            Ok(n("1e125"))
        );
        assert_eq!(Number::from_parts(false, 1, i32::MIN), Err(Underflow));
        assert_eq!(Number::from_parts(false, 1, i32::MAX), Err(Overflow));
        assert_eq!(Number::default(), Number::ZERO);
        assert_eq!(n("2.5").neg(), n("-2.5"));
        assert_eq!(n("-2.5").neg(), n("2.5"));
        assert_eq!(Number::ZERO.neg(), Number::ZERO);
        assert!(!Number::ZERO.neg().is_negative());
    }

    #[test]
    fn formatting_flags_and_debug() {
        assert_eq!(format!("{:>6}", n("1.5")), "   1.5");
        assert_eq!(format!("{:<6}|", n("-1.5")), "-1.5  |");
        assert_eq!(format!("{:07}", n("-1.5")), "-0001.5");
        assert_eq!(format!("{:+}", n("2")), "+2");
        assert_eq!(format!("{:?}", n("1.50")), "Number(1.5)");
        assert_eq!(format!("{}", Number::ZERO), "0");
        assert_eq!("12e-1".parse::<Number>(), Ok(n("1.2")));
    }

    #[test]
    fn ordering_is_numeric() {
        let ascending = [
            "-9.9999999999999999999999999999999999999E+125",
            "-1e125",
            "-100",
            "-99.5",
            "-1.5",
            "-1.01",
            "-1",
            "-0.999",
            "-1e-129",
            "-1e-130",
            "0",
            "1e-130",
            "1.5e-130",
            "1e-129",
            "0.5",
            "0.999",
            "1",
            "1.0000000000000000000000000000000000001",
            "1.01",
            "1.1",
            "2",
            "10",
            "99",
            "99.5",
            "100",
            "12345678901234567890123456789012345678",
            "1e38",
            "1e125",
            "9.9999999999999999999999999999999999999E+125",
        ];
        for (i, a) in ascending.iter().enumerate() {
            for (j, b) in ascending.iter().enumerate() {
                assert_eq!(n(a).cmp(&n(b)), i.cmp(&j), "`{a}` vs `{b}`");
            }
        }
        assert_eq!(n("123").cmp(&n("1.23e2")), Ordering::Equal);
        assert_eq!(n("-0").partial_cmp(&n("0")), Some(Ordering::Equal));
        assert!(n("9e-1") < n("1e0"));
    }

    #[test]
    fn add_and_sub_match_dynamodb_local() {
        type Case = (
            &'static str,
            char,
            &'static str,
            Result<&'static str, NumberError>,
        );
        let cases: Vec<Case> = vec![
            ("1", '+', "1", Ok("2")),
            ("0.1", '+', "0.2", Ok("0.3")),
            // DynamoDB Local returns "0.0" here (it keeps BigDecimal's scale); DynamoDB
            // normalizes, and so do we.
            ("1.5", '+', "-1.5", Ok("0")),
            ("1e-130", '+', "-1e-130", Ok("0")),
            ("1e125", '+', "-1e125", Ok("0")),
            ("5", '+', "0", Ok("5")),
            ("0", '+', "-5", Ok("-5")),
            ("0", '-', "5", Ok("-5")),
            ("0", '-', "0", Ok("0")),
            ("1e37", '+', "0.1", Err(Precision)),
            (
                MAX_38,
                '+',
                "1",
                Ok("100000000000000000000000000000000000000"),
            ),
            (MAX_38, '+', "0.5", Err(Precision)),
            (MAX_38, '+', "0.4", Err(Precision)),
            (
                "12345678901234567890123456789012345678",
                '+',
                "1",
                Ok("12345678901234567890123456789012345679"),
            ),
            (
                "12345678901234567890123456789012345678",
                '+',
                "0.1",
                Err(Precision),
            ),
            ("1", '+', "1e-130", Err(Precision)),
            ("1e125", '+', "1e-130", Err(Precision)),
            ("1e-130", '+', "1e125", Err(Precision)),
            ("9.9e125", '+', "9.9e125", Err(Overflow)),
            ("-9.9e125", '-', "9.9e125", Err(Overflow)),
            (
                "9.9999999999999999999999999999999999999E+125",
                '+',
                "1e88",
                Err(Overflow),
            ),
            ("1.5e-130", '+', "-1e-130", Err(Underflow)),
            ("2e-130", '+', "-1.5e-130", Err(Underflow)),
            ("1e30", '+', "-1e-10", Err(Precision)),
            (
                "1e20",
                '+',
                "-1e-17",
                Ok("99999999999999999999.99999999999999999"),
            ),
            (
                "1e20",
                '+',
                "-1e-18",
                Ok("99999999999999999999.999999999999999999"),
            ),
            (
                "1e20",
                '-',
                "1e-18",
                Ok("99999999999999999999.999999999999999999"),
            ),
            (
                "1",
                '-',
                "0.00000000000000000000000000000000000001",
                Ok("0.99999999999999999999999999999999999999"),
            ),
            (
                "1",
                '-',
                "0.000000000000000000000000000000000000001",
                Err(Precision),
            ),
            ("1e38", '-', "1", Ok(MAX_38)),
            (
                "-1e38",
                '+',
                "1",
                Ok("-99999999999999999999999999999999999999"),
            ),
            ("1e38", '-', "0.5", Err(Precision)),
            (
                "-1",
                '+',
                "0.00000000000000000000000000000000000001",
                Ok("-0.99999999999999999999999999999999999999"),
            ),
            (
                "1e37",
                '-',
                "0.1",
                Ok("9999999999999999999999999999999999999.9"),
            ),
            ("2e38", '-', "1", Err(Precision)),
            ("1.1e38", '-', "1", Err(Precision)),
        ];
        for (a, op, b, expected) in cases {
            let actual = match op {
                '+' => n(a).checked_add(&n(b)),
                _ => n(a).checked_sub(&n(b)),
            };
            assert_eq!(actual, expected.map(n), "{a} {op} {b}");
            // Addition commutes, and a - b == -(b - a).
            if op == '+' {
                assert_eq!(n(b).checked_add(&n(a)), expected.map(n), "{b} + {a}");
            } else {
                assert_eq!(
                    n(b).checked_sub(&n(a)).map(|x| x.neg()),
                    expected.map(n),
                    "-({b} - {a})"
                );
            }
        }
    }

    #[test]
    fn integer_conversions() {
        assert_eq!(Number::from(u64::MAX).to_string(), "18446744073709551615");
        assert_eq!(Number::from(i64::MIN).to_string(), "-9223372036854775808");
        assert_eq!(Number::from(i64::MAX).to_i128(), Some(i128::from(i64::MAX)));
        assert_eq!(Number::from(i8::MIN).to_string(), "-128");
        assert_eq!(Number::from(0u8), Number::ZERO);
        assert_eq!(Number::from(-1000i32), n("-1e3"));
        assert_eq!(Number::from(usize::MAX).to_u128(), Some(usize::MAX as u128));
        assert_eq!(Number::from(isize::MIN).to_i128(), Some(isize::MIN as i128));
        assert_eq!(Number::from(u16::MAX), n("65535"));

        // i128::MAX and MIN have 39 digits; powers of ten do not.
        assert_eq!(Number::try_from(i128::MAX), Err(Precision));
        assert_eq!(Number::try_from(i128::MIN), Err(Precision));
        assert_eq!(Number::try_from(u128::MAX), Err(Precision));
        assert_eq!(Number::try_from(10i128.pow(38)), Ok(n("1e38")));
        assert_eq!(Number::try_from(-(10i128.pow(38))), Ok(n("-1e38")));
        assert_eq!(Number::try_from(10i128.pow(38) - 1), Ok(n(MAX_38)));
        assert_eq!(Number::try_from(3 * 10u128.pow(38)), Ok(n("3e38")));
        assert_eq!(Number::try_from(0i128), Ok(Number::ZERO));

        assert_eq!(n("1e38").to_i128(), Some(10i128.pow(38)));
        assert_eq!(n("-1.7e38").to_i128(), Some(-17 * 10i128.pow(37)));
        assert_eq!(n("1.7e38").to_i128(), Some(17 * 10i128.pow(37)));
        assert_eq!(n("1.8e38").to_i128(), None);
        assert_eq!(n("1.8e38").to_u128(), Some(18 * 10u128.pow(37)));
        assert_eq!(n("3.4e38").to_u128(), Some(34 * 10u128.pow(37)));
        assert_eq!(n("3.5e38").to_u128(), None);
        assert_eq!(n("1e39").to_u128(), None);
        assert_eq!(n("1e125").to_i128(), None);
        assert_eq!(n("1.5").to_i128(), None);
        assert_eq!(n("1e-130").to_u128(), None);
        assert_eq!(n("-1").to_u128(), None);
        assert_eq!(n("-1").to_i128(), Some(-1));
        assert_eq!(n("-0").to_u128(), Some(0));
        assert_eq!(Number::ZERO.to_i128(), Some(0));
    }

    #[test]
    fn float_conversions() {
        let cases: Vec<(f64, Result<String, NumberError>)> = vec![
            (0.1, Ok("0.1".into())),
            (1.5, Ok("1.5".into())),
            (-0.0, Ok("0".into())),
            (0.1 + 0.2, Ok("0.30000000000000004".into())),
            (123456789.0, Ok("123456789".into())),
            (1e125, Ok(format!("1{}", zeros(125)))),
            (-2.5e-7, Ok("-0.00000025".into())),
            (1e-130, Ok(format!("0.{}1", zeros(129)))),
            (1e300, Err(Overflow)),
            (f64::MAX, Err(Overflow)),
            (1e-300, Err(Underflow)),
            (5e-324, Err(Underflow)),
            (f64::NAN, Err(NotFinite)),
            (f64::INFINITY, Err(NotFinite)),
            (f64::NEG_INFINITY, Err(NotFinite)),
        ];
        for (float, expected) in cases {
            assert_eq!(
                Number::try_from(float).map(|x| x.to_string()),
                expected,
                "{float:e}"
            );
        }
        assert_eq!(Number::try_from(0.1f32), Ok(n("0.1")));
        assert_eq!(Number::try_from(16777217.0f32), Ok(n("16777216")));
        assert_eq!(
            Number::try_from(f32::MAX),
            Ok(n("340282350000000000000000000000000000000"))
        );
        assert_eq!(Number::try_from(f32::NAN), Err(NotFinite));

        assert_eq!(n("0.1").to_f64(), 0.1);
        assert_eq!(n("-1.5e-7").to_f64(), -1.5e-7);
        assert_eq!(n("1e-130").to_f64(), 1e-130);
        assert_eq!(
            n("9.9999999999999999999999999999999999999E+125").to_f64(),
            1e126
        );
        assert_eq!(n("0.30000000000000004").to_f64(), 0.1 + 0.2);
        assert_eq!(Number::ZERO.to_f64(), 0.0);
    }

    // ---- property tests ----

    /// A coefficient with 1 to 38 digits.
    fn coefficient() -> impl Strategy<Value = u128> {
        (1u32..=38).prop_flat_map(|digits| 10u128.pow(digits - 1)..10u128.pow(digits))
    }

    /// Any valid number, zero included, across the whole range.
    fn number() -> impl Strategy<Value = Number> {
        prop_oneof![
            1 => Just(Number::ZERO),
            20 => (any::<bool>(), coefficient(), -167i32..=125)
                .prop_filter_map("out of range", |(neg, c, e)| Number::from_parts(neg, c, e).ok()),
        ]
    }

    /// Numbers near each other in magnitude, so sums exercise every alignment path.
    fn nearby_pair() -> impl Strategy<Value = (Number, Number)> {
        (number(), any::<bool>(), coefficient(), -45i32..=45).prop_filter_map(
            "out of range",
            |(a, neg, c, delta)| {
                let b = Number::from_parts(neg, c, a.exponent().saturating_add(delta)).ok()?;
                Some((a, b))
            },
        )
    }

    /// Pairs where the larger exponent's coefficient, aligned to the smaller exponent, is
    /// 37 to 40 digits wide: the borrow and precision edges of checked_add.
    fn edge_pair() -> impl Strategy<Value = (Number, Number)> {
        let high = prop_oneof![coefficient(), (0u32..38).prop_map(|k| 10u128.pow(k))];
        (
            any::<bool>(),
            high,
            -120i32..=80,
            any::<bool>(),
            coefficient(),
            37u32..=40,
        )
            .prop_filter_map("out of range", |(neg_a, ca, ea, neg_b, cb, width)| {
                let a = Number::from_parts(neg_a, ca, ea).ok()?;
                let shift = width.checked_sub(a.significant_digits())?;
                let b = Number::from_parts(neg_b, cb, a.exponent() - shift as i32).ok()?;
                Some((a, b))
            })
    }

    /// Exact sum by schoolbook digit arithmetic: an independent reference for checked_add.
    fn reference_sum(a: &Number, b: &Number) -> Result<Number, NumberError> {
        let low = a.exponent().min(b.exponent());
        // Little-endian digits of |x| aligned at exponent `low`, 320 places (enough for any
        // valid number: exponents span -167..=125 plus 38 digits).
        let spread = |x: &Number| {
            let mut digits = vec![0i32; 320];
            let mut c = x.coefficient();
            let mut at = (x.exponent() - low) as usize;
            while c > 0 {
                digits[at] = (c % 10) as i32;
                c /= 10;
                at += 1;
            }
            digits
        };
        let (da, db) = (spread(a), spread(b));
        let a_bigger = da.iter().rev().cmp(db.iter().rev()) != Ordering::Less;
        let (big, small, negative) = if a_bigger {
            (da, db, a.is_negative())
        } else {
            (db, da, b.is_negative())
        };
        let subtract = a.is_negative() != b.is_negative();
        let mut out = vec![0i32; 321];
        let mut carry = 0;
        for i in 0..320 {
            let v = if subtract {
                big[i] - small[i] + carry
            } else {
                big[i] + small[i] + carry
            };
            out[i] = v.rem_euclid(10);
            carry = v.div_euclid(10);
        }
        out[320] = carry;
        let Some(first) = out.iter().position(|&d| d != 0) else {
            return Ok(Number::ZERO);
        };
        let last = out.iter().rposition(|&d| d != 0).unwrap_or(first);
        if last - first + 1 > 38 {
            return Err(Precision);
        }
        let c = out[first..=last]
            .iter()
            .rev()
            .fold(0u128, |acc, &d| acc * 10 + d as u128);
        Number::from_parts(negative, c, low + first as i32)
    }

    /// Plain digits of |x| split into integer and fraction parts, built directly from the
    /// parts (independent of Display), for a reference comparison.
    fn plain_parts(x: &Number) -> (String, String) {
        let digits = x.coefficient().to_string();
        let e = x.exponent();
        if e >= 0 {
            return (format!("{digits}{}", zeros(e as usize)), String::new());
        }
        let fraction_len = (-e) as usize;
        let padded = format!(
            "{}{digits}",
            zeros(fraction_len.saturating_sub(digits.len()))
        );
        let (integer, fraction) = padded.split_at(padded.len() - fraction_len);
        (
            integer.trim_start_matches('0').to_owned(),
            fraction.to_owned(),
        )
    }

    fn reference_cmp(a: &Number, b: &Number) -> Ordering {
        let sign = |x: &Number| {
            if x.is_zero() {
                0
            } else if x.is_negative() {
                -1
            } else {
                1
            }
        };
        let by_sign = sign(a).cmp(&sign(b));
        if by_sign != Ordering::Equal {
            return by_sign;
        }
        let ((ai, af), (bi, bf)) = (plain_parts(a), plain_parts(b));
        let width = af.len().max(bf.len());
        let magnitude = ai
            .len()
            .cmp(&bi.len())
            .then_with(|| ai.cmp(&bi))
            .then_with(|| format!("{af:0<width$}").cmp(&format!("{bf:0<width$}")));
        if sign(a) < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }

    const I128_HALF: i128 = 85 * 10i128.pow(36);

    proptest! {
        #[test]
        fn display_round_trips(x in number()) {
            let text = x.to_string();
            prop_assert_eq!(Number::parse(&text), Ok(x), "text {}", text);
            prop_assert!(!text.contains(['e', 'E', '+']));
        }

        #[test]
        fn display_is_canonical(x in number(), extra in 0usize..6) {
            let sign = if x.is_negative() { "-" } else { "" };
            let (c, e) = (x.coefficient(), x.exponent());
            let digits = x.significant_digits() as i32;
            let pad = zeros(extra);
            let spellings = [
                x.to_string(),
                format!("{sign}{c}e{e}"),
                format!("{sign}{c}{pad}E{}", e - extra as i32),
                format!("{sign}0.{pad}{c}e{:+}", e + digits + extra as i32),
                format!("{}{pad}{c}.{pad}e{e}", if x.is_negative() { "-" } else { "+" }),
                format!("{sign}{c}{pad}.{pad}e{}", e - extra as i32),
            ];
            for spelling in &spellings {
                let parsed = Number::parse(spelling);
                prop_assert_eq!(parsed, Ok(x), "spelling {}", spelling);
                prop_assert_eq!(parsed.map(|p| p.to_string()), Ok(x.to_string()));
            }
        }

        #[test]
        fn ordering_matches_integers(a in any::<i64>(), b in any::<i64>()) {
            prop_assert_eq!(Number::from(a).cmp(&Number::from(b)), a.cmp(&b));
        }

        #[test]
        fn ordering_matches_wide_integers(a in -I128_HALF..I128_HALF, b in -I128_HALF..I128_HALF) {
            let (x, y) = (Number::try_from(a), Number::try_from(b));
            if let (Ok(x), Ok(y)) = (x, y) {
                prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            }
        }

        #[test]
        fn ordering_matches_digit_reference(a in number(), b in number()) {
            prop_assert_eq!(a.cmp(&b), reference_cmp(&a, &b));
            prop_assert_eq!(a == b, reference_cmp(&a, &b) == Ordering::Equal);
        }

        #[test]
        fn ordering_matches_digit_reference_nearby((a, b) in nearby_pair()) {
            prop_assert_eq!(a.cmp(&b), reference_cmp(&a, &b));
        }

        #[test]
        fn add_matches_integers(a in -I128_HALF..I128_HALF, b in -I128_HALF..I128_HALF) {
            // Inputs with 38+ digits may fail to convert; the exact results are checked by
            // converting the i128 result the same way.
            if let (Ok(x), Ok(y)) = (Number::try_from(a), Number::try_from(b)) {
                let sum = x.checked_add(&y);
                prop_assert_eq!(sum, Number::try_from(a + b));
                if let Ok(sum) = sum {
                    prop_assert_eq!(sum.to_i128(), Some(a + b));
                }
                prop_assert_eq!(x.checked_sub(&y), Number::try_from(a - b));
            }
        }

        #[test]
        fn add_matches_i64(a in any::<i64>(), b in any::<i64>()) {
            let sum = Number::from(a).checked_add(&Number::from(b));
            prop_assert_eq!(sum.map(|s| s.to_i128()), Ok(Some(i128::from(a) + i128::from(b))));
        }

        #[test]
        fn add_matches_reference((a, b) in nearby_pair()) {
            prop_assert_eq!(a.checked_add(&b), reference_sum(&a, &b), "{} + {}", a, b);
            prop_assert_eq!(a.checked_sub(&b), reference_sum(&a, &b.neg()), "{} - {}", a, b);
        }

        #[test]
        fn add_matches_reference_at_alignment_edges((a, b) in edge_pair()) {
            prop_assert_eq!(a.checked_add(&b), reference_sum(&a, &b), "{} + {}", a, b);
            prop_assert_eq!(b.checked_add(&a), reference_sum(&a, &b), "{} + {}", b, a);
        }

        #[test]
        fn add_matches_reference_anywhere(a in number(), b in number()) {
            prop_assert_eq!(a.checked_add(&b), reference_sum(&a, &b), "{} + {}", a, b);
        }

        #[test]
        fn add_undoes_sub((a, b) in nearby_pair()) {
            if let Ok(difference) = a.checked_sub(&b) {
                prop_assert_eq!(difference.checked_add(&b), Ok(a));
            }
        }

        #[test]
        fn parse_never_panics(text in "[-+0-9.eE]{0,48}") {
            if let Ok(x) = Number::parse(&text) {
                prop_assert_eq!(Number::parse(&x.to_string()), Ok(x));
            }
        }

        #[test]
        fn parse_never_panics_on_any_text(text in any::<String>()) {
            let _ = Number::parse(&text);
        }

        #[test]
        fn floats_round_trip(float in any::<f64>()) {
            match Number::try_from(float) {
                Ok(x) => prop_assert_eq!(x.to_f64(), if float == 0.0 { 0.0 } else { float }),
                Err(e) => prop_assert!(
                    matches!(e, NotFinite | Overflow | Underflow),
                    "{:e}: {:?}", float, e
                ),
            }
        }
    }
}
