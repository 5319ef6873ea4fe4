//! Attributes that dynamodel maintains on writes: `created_at` and `updated_at` timestamps,
//! the time-to-live attribute, and the version of optimistic locking. The derive declares
//! them with field attributes (`#[dynamodel(created_at)]`, ...) and records them in
//! [`Table::LIFECYCLE`](crate::Table::LIFECYCLE); the typed client reads the time from the
//! client's [`Clock`].
//!
//! Timestamps are stored as the field's type stores itself: integers as epoch seconds,
//! [`SystemTime`] as epoch seconds (a number with up to nine decimals),
//! `chrono::DateTime<Utc>` as RFC 3339 text. A time-to-live field is always stored as whole
//! epoch seconds (a number), which is what DynamoDB's TTL reads, whatever its Rust type.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::convert::Attribute;
use crate::error::{Error, Result};
use crate::expr::{RawPath, SetValue, UpdateAction};
use crate::model::{AttributeType, AttributeValue, Item, Number};

/// Where the typed client reads the current time for `created_at` and `updated_at`
/// fields. The default is the system clock; tests inject their own with
/// [`Client::with_clock`](crate::Client::with_clock), for example the engine's,
///
/// `Client::new(engine).with_clock(move || engine_handle.now())`. Any
/// `Fn() -> SystemTime` is a clock:
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use std::time::{Duration, SystemTime, UNIX_EPOCH};
/// use dynamodel::{Backend, Client};
///
/// /// A client whose `created_at`/`updated_at` times the test sets through `now`.
/// fn with_test_clock<B: Backend>(backend: B) -> (Client<B>, Arc<Mutex<SystemTime>>) {
///     let now = Arc::new(Mutex::new(UNIX_EPOCH + Duration::from_secs(1_700_000_000)));
///     let clock = now.clone();
///     let db = Client::new(backend).with_clock(move || *clock.lock().unwrap());
///     (db, now)
/// }
/// ```
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;
}

impl<F: Fn() -> SystemTime + Send + Sync + 'static> Clock for F {
    fn now(&self) -> SystemTime {
        self()
    }
}

/// The operating system's clock, [`SystemTime::now`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A shared clock, printed without its contents.
#[derive(Clone)]
pub(crate) struct SharedClock(pub(crate) Arc<dyn Clock>);

impl Default for SharedClock {
    fn default() -> Self {
        SharedClock(Arc::new(SystemClock))
    }
}

impl fmt::Debug for SharedClock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// A timestamp attribute the client maintains: its name and how to store a point in time
/// in it.
#[derive(Clone, Copy)]
pub struct TimestampAttribute {
    /// The attribute's name.
    pub name: &'static str,
    /// The attribute value for a point in time, in the field's format.
    pub encode: fn(SystemTime) -> Result<AttributeValue>,
}

impl fmt::Debug for TimestampAttribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TimestampAttribute")
            .field(&self.name)
            .finish()
    }
}

/// The attributes of a table that dynamodel maintains, as `#[derive(Table)]` records them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lifecycle {
    /// The `#[dynamodel(version)]` attribute (see [`Versioned`](crate::Versioned)).
    pub version: Option<&'static str>,
    /// The `#[dynamodel(created_at)]` attribute: set to now when an item is written
    /// without it, never changed by updates.
    pub created_at: Option<TimestampAttribute>,
    /// The `#[dynamodel(updated_at)]` attribute: set to now by every put and update.
    pub updated_at: Option<TimestampAttribute>,
    /// The `#[dynamodel(ttl)]` attribute, which DynamoDB's time to live reads.
    pub ttl: Option<&'static str>,
}

impl Lifecycle {
    /// A table without maintained attributes.
    pub const NONE: Lifecycle = Lifecycle {
        version: None,
        created_at: None,
        updated_at: None,
        ttl: None,
    };

    /// Stamps an item about to be put: `updated_at` is now, `created_at` is now unless the
    /// item already has one.
    pub(crate) fn stamp_item(&self, item: &mut Item, now: SystemTime) -> Result<()> {
        if let Some(created) = self.created_at {
            if !item.contains_key(created.name) {
                item.insert(created.name.to_owned(), (created.encode)(now)?);
            }
        }
        if let Some(updated) = self.updated_at {
            item.insert(updated.name.to_owned(), (updated.encode)(now)?);
        }
        Ok(())
    }

    /// Adds the timestamp actions to an update: `SET updated_at = now` and
    /// `SET created_at = if_not_exists(created_at, now)`, each unless the update already
    /// writes that attribute itself; `ADD version 1` unless the update sets the version;
    /// a time set on the `ttl` attribute is truncated to whole epoch seconds.
    pub(crate) fn stamp_update(
        &self,
        actions: &mut Vec<UpdateAction>,
        now: SystemTime,
    ) -> Result<()> {
        let written = |actions: &[UpdateAction], name: &str| {
            actions.iter().any(|action| match action {
                UpdateAction::Set(path, _)
                | UpdateAction::Remove(path)
                | UpdateAction::Add(path, _)
                | UpdateAction::Delete(path, _) => path.head() == name,
            })
        };
        if let Some(ttl) = self.ttl {
            // A time set through a typed path may carry fractions of a second; time to
            // live reads whole epoch seconds.
            for action in actions.iter_mut() {
                if let UpdateAction::Set(path, SetValue::Value(value)) = action {
                    if path.head() == ttl && path.is_top_level() {
                        if let AttributeValue::N(_) = value {
                            let time = SystemTime::from_attribute(value.clone())?;
                            *value = AttributeValue::N(Number::from(epoch_seconds(time)?));
                        }
                    }
                }
            }
        }
        if let Some(created) = self.created_at {
            if !written(actions, created.name) {
                let path = RawPath::attribute(created.name);
                let value = SetValue::IfNotExists(path.clone(), (created.encode)(now)?);
                actions.push(UpdateAction::Set(path, value));
            }
        }
        if let Some(version) = self.version {
            // Any update moves the version on, so that writers holding the old version
            // conflict (`update_versioned` sets it itself, with its condition).
            if !written(actions, version) {
                let one = AttributeValue::N(Number::from(1u64));
                actions.push(UpdateAction::Add(RawPath::attribute(version), one));
            }
        }
        if let Some(updated) = self.updated_at {
            if !written(actions, updated.name) {
                let value = SetValue::Value((updated.encode)(now)?);
                actions.push(UpdateAction::Set(RawPath::attribute(updated.name), value));
            }
        }
        Ok(())
    }
}

/// A type that holds a point in time: the types of `created_at`, `updated_at` and `ttl`
/// fields.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a timestamp type",
    label = "a `created_at`, `updated_at` or `ttl` field needs a timestamp type",
    note = "use `std::time::SystemTime`, `chrono::DateTime<Utc>` (feature `chrono`), `i64` or `u64` epoch seconds, or an `Option` of one"
)]
pub trait Timestamp: Attribute {
    /// The value for a point in time.
    fn from_system_time(time: SystemTime) -> Result<Self>;
    /// The point in time this value holds; `None` for an absent value (`Option::None`).
    fn to_system_time(&self) -> Result<Option<SystemTime>>;
}

fn before_epoch() -> Error {
    Error::conversion("a timestamp before 1970-01-01 cannot be stored as epoch seconds")
}

fn epoch_seconds(time: SystemTime) -> Result<u64> {
    time.duration_since(UNIX_EPOCH)
        .map(|since| since.as_secs())
        .map_err(|_| before_epoch())
}

impl Timestamp for SystemTime {
    fn from_system_time(time: SystemTime) -> Result<Self> {
        Ok(time)
    }

    fn to_system_time(&self) -> Result<Option<SystemTime>> {
        Ok(Some(*self))
    }
}

impl Timestamp for u64 {
    fn from_system_time(time: SystemTime) -> Result<Self> {
        epoch_seconds(time)
    }

    fn to_system_time(&self) -> Result<Option<SystemTime>> {
        UNIX_EPOCH
            .checked_add(Duration::from_secs(*self))
            .map(Some)
            .ok_or_else(|| Error::conversion(format!("epoch seconds {self} are out of range")))
    }
}

impl Timestamp for i64 {
    fn from_system_time(time: SystemTime) -> Result<Self> {
        i64::try_from(epoch_seconds(time)?)
            .map_err(|_| Error::conversion("the time is past `i64::MAX` epoch seconds"))
    }

    fn to_system_time(&self) -> Result<Option<SystemTime>> {
        u64::try_from(*self)
            .map_err(|_| before_epoch())?
            .to_system_time()
    }
}

impl<T: Timestamp> Timestamp for Option<T> {
    fn from_system_time(time: SystemTime) -> Result<Self> {
        T::from_system_time(time).map(Some)
    }

    fn to_system_time(&self) -> Result<Option<SystemTime>> {
        match self {
            Some(value) => value.to_system_time(),
            None => Ok(None),
        }
    }
}

#[cfg(feature = "chrono")]
impl Timestamp for chrono::DateTime<chrono::Utc> {
    fn from_system_time(time: SystemTime) -> Result<Self> {
        Ok(time.into())
    }

    fn to_system_time(&self) -> Result<Option<SystemTime>> {
        Ok(Some((*self).into()))
    }
}

/// `SystemTime` as epoch seconds: a number with up to nine decimals (nanoseconds), exact
/// both ways. Times before 1970 are a conversion error.
impl Attribute for SystemTime {
    fn to_attribute(&self) -> Result<AttributeValue> {
        let since = self
            .duration_since(UNIX_EPOCH)
            .map_err(|_| before_epoch())?;
        let nanos = u128::from(since.as_secs()) * 1_000_000_000 + u128::from(since.subsec_nanos());
        Number::from_parts(false, nanos, -9)
            .map(AttributeValue::N)
            .map_err(|e| Error::conversion(format!("the time is out of range: {e}")))
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        let AttributeValue::N(number) = value else {
            return Err(crate::convert::type_mismatch(AttributeType::N, &value));
        };
        if number.is_negative() {
            return Err(before_epoch());
        }
        let (coefficient, exponent) = (number.coefficient(), number.exponent());
        // The value in nanoseconds, truncating anything finer.
        let shift = exponent.saturating_add(9);
        let nanos = if shift >= 0 {
            10u128
                .checked_pow(shift.unsigned_abs())
                .and_then(|scale| coefficient.checked_mul(scale))
        } else {
            Some(
                10u128
                    .checked_pow(shift.unsigned_abs())
                    .map_or(0, |scale| coefficient / scale),
            )
        };
        let out_of_range = || Error::conversion(format!("epoch seconds {number} are out of range"));
        let nanos = nanos.ok_or_else(out_of_range)?;
        let secs = u64::try_from(nanos / 1_000_000_000).map_err(|_| out_of_range())?;
        let subsec = u32::try_from(nanos % 1_000_000_000).map_err(|_| out_of_range())?;
        UNIX_EPOCH
            .checked_add(Duration::new(secs, subsec))
            .ok_or_else(out_of_range)
    }
}

/// The value of a timestamp field for `now`, for generated code.
#[doc(hidden)]
pub fn timestamp_value<V: Timestamp>(now: SystemTime) -> Result<AttributeValue> {
    V::from_system_time(now)?.to_attribute()
}

/// The attribute of a `ttl` field, whole epoch seconds, for generated code; `None` is left
/// out of the item.
#[doc(hidden)]
pub fn ttl_attribute<V: Timestamp>(value: &V, name: &str) -> Result<Option<AttributeValue>> {
    let seconds = value
        .to_system_time()
        .and_then(|time| time.map(epoch_seconds).transpose())
        .map_err(|e| e.in_attribute(name))?;
    Ok(seconds.map(|seconds| AttributeValue::N(Number::from(seconds))))
}

/// Reads a `ttl` field from its attribute in epoch seconds (`None` when the item has
/// none), for generated code.
#[doc(hidden)]
pub fn read_ttl<V: Timestamp>(value: Option<AttributeValue>, name: &str) -> Result<V> {
    let read = |value: AttributeValue| {
        let time = SystemTime::from_attribute(value)?;
        V::from_system_time(time)
    };
    match value {
        Some(value) => read(value).map_err(|e| e.in_attribute(name)),
        None => V::from_absent().map_err(|e| e.in_attribute(name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64, nanos: u32) -> SystemTime {
        UNIX_EPOCH + Duration::new(secs, nanos)
    }

    #[test]
    fn system_time_is_exact_epoch_seconds() {
        let time = at(1_700_000_000, 123_456_789);
        let value = time.to_attribute().unwrap();
        assert_eq!(
            value,
            AttributeValue::N("1700000000.123456789".parse().unwrap())
        );
        assert_eq!(SystemTime::from_attribute(value).unwrap(), time);
        let whole = AttributeValue::N(Number::from(1_700_000_000u64));
        assert_eq!(
            SystemTime::from_attribute(whole).unwrap(),
            at(1_700_000_000, 0)
        );
        let negative = AttributeValue::N(Number::from(-5i64));
        assert!(SystemTime::from_attribute(negative).is_err());
        assert!(SystemTime::from_attribute(AttributeValue::S("x".into())).is_err());
    }

    #[test]
    fn ttl_fields_are_whole_epoch_seconds() {
        let expires = ttl_attribute(&at(1_700_000_000, 999_000_000), "expires").unwrap();
        assert_eq!(
            expires,
            Some(AttributeValue::N(Number::from(1_700_000_000u64)))
        );
        assert_eq!(ttl_attribute(&None::<SystemTime>, "none").unwrap(), None);
        let read: Option<u64> = read_ttl(expires, "expires").unwrap();
        assert_eq!(read, Some(1_700_000_000));
        let absent: Option<SystemTime> = read_ttl(None, "expires").unwrap();
        assert_eq!(absent, None);
    }

    #[test]
    fn stamps_keep_created_and_refresh_updated() {
        let lifecycle = Lifecycle {
            created_at: Some(TimestampAttribute {
                name: "created",
                encode: timestamp_value::<u64>,
            }),
            updated_at: Some(TimestampAttribute {
                name: "updated",
                encode: timestamp_value::<u64>,
            }),
            ..Lifecycle::NONE
        };
        let mut item = Item::new();
        lifecycle.stamp_item(&mut item, at(10, 0)).unwrap();
        lifecycle.stamp_item(&mut item, at(20, 0)).unwrap();
        assert_eq!(item["created"], AttributeValue::N(Number::from(10u64)));
        assert_eq!(item["updated"], AttributeValue::N(Number::from(20u64)));

        let mut actions = vec![UpdateAction::Set(
            RawPath::attribute("updated"),
            SetValue::Value(AttributeValue::N(Number::from(1u64))),
        )];
        lifecycle.stamp_update(&mut actions, at(30, 0)).unwrap();
        assert_eq!(actions.len(), 2, "the caller's `updated` wins: {actions:?}");
        assert_eq!(
            actions[1],
            UpdateAction::Set(
                RawPath::attribute("created"),
                SetValue::IfNotExists(
                    RawPath::attribute("created"),
                    AttributeValue::N(Number::from(30u64))
                )
            )
        );
    }
}
