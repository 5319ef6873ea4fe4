//! `Attribute` for scalar types: strings, booleans, numbers, bytes and raw values.

use super::{Attribute, BeginsWith, KeyAttribute, SetMember, type_mismatch};
use crate::error::{Error, Result};
use crate::model::{AttributeType, AttributeValue, Number, ScalarAttributeType};

impl Attribute for String {
    fn to_attribute(&self) -> Result<AttributeValue> {
        Ok(AttributeValue::S(self.clone()))
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        match value {
            AttributeValue::S(s) => Ok(s),
            other => Err(type_mismatch(AttributeType::S, &other)),
        }
    }
}

impl KeyAttribute for String {
    const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::S;
}

impl BeginsWith for String {}

impl SetMember for String {
    const SET_TYPE: AttributeType = AttributeType::Ss;

    fn set_to_attribute<'a>(members: impl Iterator<Item = &'a Self>) -> Result<AttributeValue> {
        Ok(AttributeValue::Ss(members.cloned().collect()))
    }

    fn set_from_attribute(value: AttributeValue) -> Result<Vec<Self>> {
        match value {
            AttributeValue::Ss(members) => Ok(members),
            other => Err(type_mismatch(AttributeType::Ss, &other)),
        }
    }
}

impl Attribute for bool {
    fn to_attribute(&self) -> Result<AttributeValue> {
        Ok(AttributeValue::Bool(*self))
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        match value {
            AttributeValue::Bool(b) => Ok(b),
            other => Err(type_mismatch(AttributeType::Bool, &other)),
        }
    }
}

impl Attribute for Number {
    fn to_attribute(&self) -> Result<AttributeValue> {
        Ok(AttributeValue::N(*self))
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        match value {
            AttributeValue::N(n) => Ok(n),
            other => Err(type_mismatch(AttributeType::N, &other)),
        }
    }
}

impl KeyAttribute for Number {
    const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::N;
}

impl SetMember for Number {
    const SET_TYPE: AttributeType = AttributeType::Ns;

    fn set_to_attribute<'a>(members: impl Iterator<Item = &'a Self>) -> Result<AttributeValue> {
        Ok(AttributeValue::Ns(members.copied().collect()))
    }

    fn set_from_attribute(value: AttributeValue) -> Result<Vec<Self>> {
        match value {
            AttributeValue::Ns(members) => Ok(members),
            other => Err(type_mismatch(AttributeType::Ns, &other)),
        }
    }
}

/// The number in an `N` attribute.
pub(super) fn number_of(value: AttributeValue) -> Result<Number> {
    match value {
        AttributeValue::N(n) => Ok(n),
        other => Err(type_mismatch(AttributeType::N, &other)),
    }
}

macro_rules! integer {
    // `ident`, not `ty`: a forwarded `ty` fragment never matches the literal `u8` below.
    ($($ty:ident),+) => {$(
        impl Attribute for $ty {
            fn to_attribute(&self) -> Result<AttributeValue> {
                Ok(AttributeValue::N(integer!(@number $ty, *self)?))
            }

            fn from_attribute(value: AttributeValue) -> Result<Self> {
                let number = number_of(value)?;
                number
                    .to_i128()
                    .and_then(|v| <$ty>::try_from(v).ok())
                    .or_else(|| number.to_u128().and_then(|v| <$ty>::try_from(v).ok()))
                    .ok_or_else(|| {
                        Error::conversion(format!(
                            "number {number} does not fit in `{}`",
                            stringify!($ty)
                        ))
                    })
            }

            integer!(@vec $ty);
        }

        impl KeyAttribute for $ty {
            const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::N;
        }

        impl SetMember for $ty {
            const SET_TYPE: AttributeType = AttributeType::Ns;

            fn set_to_attribute<'a>(members: impl Iterator<Item = &'a Self>) -> Result<AttributeValue> {
                members
                    .map(|m| integer!(@number $ty, *m))
                    .collect::<Result<Vec<_>>>()
                    .map(AttributeValue::Ns)
            }

            fn set_from_attribute(value: AttributeValue) -> Result<Vec<Self>> {
                match value {
                    AttributeValue::Ns(members) => members
                        .into_iter()
                        .map(|n| <$ty>::from_attribute(AttributeValue::N(n)))
                        .collect(),
                    other => Err(type_mismatch(AttributeType::Ns, &other)),
                }
            }
        }
    )+};
    (@vec u8) => {
        /// `Vec<u8>` is binary (`B`), not a list of numbers.
        fn vec_to_attribute(values: &[Self]) -> Result<AttributeValue> {
            Ok(AttributeValue::B(values.to_vec()))
        }

        fn vec_from_attribute(value: AttributeValue) -> Result<Vec<Self>> {
            match value {
                AttributeValue::B(bytes) => Ok(bytes),
                other => Err(type_mismatch(AttributeType::B, &other)),
            }
        }
    };
    (@vec $ty:ident) => {};
    // Up to 64 bits an integer has at most 20 digits: `Number::from` is exact and cannot
    // fail. Wider ones may exceed 38 significant digits.
    (@number i128, $value:expr) => { integer_to_number($value) };
    (@number u128, $value:expr) => { integer_to_number($value) };
    (@number $ty:ident, $value:expr) => { Result::<Number>::Ok(Number::from($value)) };
}

integer!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

/// Converts a 128-bit integer exactly; only values beyond 38 significant digits fail.
fn integer_to_number<T: TryInto<i128> + TryInto<u128> + Copy + std::fmt::Display>(
    value: T,
) -> Result<Number> {
    let converted = match TryInto::<i128>::try_into(value) {
        Ok(v) => Number::try_from(v),
        Err(_) => match TryInto::<u128>::try_into(value) {
            Ok(v) => Number::try_from(v),
            Err(_) => {
                return Err(Error::conversion(format!(
                    "integer {value} is out of range"
                )));
            }
        },
    };
    converted.map_err(|e| Error::conversion(format!("integer {value} cannot be stored: {e}")))
}

/// Binary keys and set members are `Vec<u8>`.
impl KeyAttribute for Vec<u8> {
    const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::B;
}

impl BeginsWith for Vec<u8> {}

impl SetMember for Vec<u8> {
    const SET_TYPE: AttributeType = AttributeType::Bs;

    fn set_to_attribute<'a>(members: impl Iterator<Item = &'a Self>) -> Result<AttributeValue> {
        Ok(AttributeValue::Bs(members.cloned().collect()))
    }

    fn set_from_attribute(value: AttributeValue) -> Result<Vec<Self>> {
        match value {
            AttributeValue::Bs(members) => Ok(members),
            other => Err(type_mismatch(AttributeType::Bs, &other)),
        }
    }
}

/// A raw attribute value is stored as itself.
impl Attribute for AttributeValue {
    fn to_attribute(&self) -> Result<AttributeValue> {
        Ok(self.clone())
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        Ok(value)
    }
}

#[cfg(feature = "chrono")]
mod chrono_impls {
    use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

    use super::{Attribute, BeginsWith, KeyAttribute, type_mismatch};
    use crate::error::{Error, Result};
    use crate::model::{AttributeType, AttributeValue, ScalarAttributeType};

    /// Stored as an RFC 3339 string in UTC with fixed-width fractions, so string order is
    /// time order (useful in sort keys).
    impl Attribute for DateTime<Utc> {
        fn to_attribute(&self) -> Result<AttributeValue> {
            Ok(AttributeValue::S(
                self.to_rfc3339_opts(SecondsFormat::Micros, true),
            ))
        }

        fn from_attribute(value: AttributeValue) -> Result<Self> {
            match value {
                AttributeValue::S(s) => DateTime::parse_from_rfc3339(&s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|e| Error::conversion(format!("`{s}` is not an RFC 3339 time: {e}"))),
                other => Err(type_mismatch(AttributeType::S, &other)),
            }
        }
    }

    impl KeyAttribute for DateTime<Utc> {
        const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::S;
    }

    impl BeginsWith for DateTime<Utc> {}

    /// Stored as `YYYY-MM-DD`.
    impl Attribute for NaiveDate {
        fn to_attribute(&self) -> Result<AttributeValue> {
            Ok(AttributeValue::S(self.format("%Y-%m-%d").to_string()))
        }

        fn from_attribute(value: AttributeValue) -> Result<Self> {
            match value {
                AttributeValue::S(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                    .map_err(|e| Error::conversion(format!("`{s}` is not a YYYY-MM-DD date: {e}"))),
                other => Err(type_mismatch(AttributeType::S, &other)),
            }
        }
    }

    impl KeyAttribute for NaiveDate {
        const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::S;
    }
}

#[cfg(feature = "uuid")]
mod uuid_impls {
    use uuid::Uuid;

    use super::{Attribute, KeyAttribute, type_mismatch};
    use crate::error::{Error, Result};
    use crate::model::{AttributeType, AttributeValue, ScalarAttributeType};

    /// Stored as a lowercase hyphenated string.
    impl Attribute for Uuid {
        fn to_attribute(&self) -> Result<AttributeValue> {
            Ok(AttributeValue::S(self.hyphenated().to_string()))
        }

        fn from_attribute(value: AttributeValue) -> Result<Self> {
            match value {
                AttributeValue::S(s) => Uuid::parse_str(&s)
                    .map_err(|e| Error::conversion(format!("`{s}` is not a UUID: {e}"))),
                other => Err(type_mismatch(AttributeType::S, &other)),
            }
        }
    }

    impl KeyAttribute for Uuid {
        const SCALAR_TYPE: ScalarAttributeType = ScalarAttributeType::S;
    }
}
