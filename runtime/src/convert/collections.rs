//! `Attribute` for containers: lists, sets, maps, options and boxes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};

use super::{Attribute, SetMember, type_mismatch};
use crate::error::{Error, Result};
use crate::model::{AttributeType, AttributeValue, Item};

/// A list (`L`), except `Vec<u8>`, which is binary (`B`).
impl<T: Attribute> Attribute for Vec<T> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        T::vec_to_attribute(self)
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        T::vec_from_attribute(value)
    }
}

/// Absent when `None`. Reading accepts an absent attribute or `NULL` as `None`.
impl<T: Attribute> Attribute for Option<T> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        match self {
            Some(value) => value.to_attribute(),
            None => Ok(AttributeValue::Null),
        }
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        match value {
            AttributeValue::Null => Ok(None),
            other => T::from_attribute(other).map(Some),
        }
    }

    fn is_absent(&self) -> bool {
        self.is_none()
    }

    fn from_absent() -> Result<Self> {
        Ok(None)
    }
}

impl<T: Attribute> Attribute for Box<T> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        (**self).to_attribute()
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        T::from_attribute(value).map(Box::new)
    }

    fn is_absent(&self) -> bool {
        (**self).is_absent()
    }

    fn from_absent() -> Result<Self> {
        T::from_absent().map(Box::new)
    }
}

fn empty_set_error() -> Error {
    Error::conversion(
        "an empty set cannot be stored in DynamoDB (an empty set field is left out of the item)",
    )
}

/// DynamoDB rejects sets with duplicate members; a Rust set would silently drop them.
fn check_duplicates(count: usize, distinct: usize) -> Result<()> {
    if count == distinct {
        Ok(())
    } else {
        Err(Error::conversion("the set holds duplicate members"))
    }
}

/// A string, number or binary set; an empty set is an absent attribute.
impl<T: SetMember + Eq + Hash, S: BuildHasher + Default> Attribute for HashSet<T, S> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        if self.is_empty() {
            return Err(empty_set_error());
        }
        T::set_to_attribute(self.iter())
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        let members = T::set_from_attribute(value)?;
        let count = members.len();
        let set: HashSet<T, S> = members.into_iter().collect();
        check_duplicates(count, set.len())?;
        Ok(set)
    }

    fn is_absent(&self) -> bool {
        self.is_empty()
    }

    fn from_absent() -> Result<Self> {
        Ok(HashSet::default())
    }
}

/// A string, number or binary set; an empty set is an absent attribute.
impl<T: SetMember + Ord> Attribute for BTreeSet<T> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        if self.is_empty() {
            return Err(empty_set_error());
        }
        T::set_to_attribute(self.iter())
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        let members = T::set_from_attribute(value)?;
        let count = members.len();
        let set: BTreeSet<T> = members.into_iter().collect();
        check_duplicates(count, set.len())?;
        Ok(set)
    }

    fn is_absent(&self) -> bool {
        self.is_empty()
    }

    fn from_absent() -> Result<Self> {
        Ok(BTreeSet::new())
    }
}

fn map_to_attribute<'a, V: Attribute + 'a>(
    entries: impl Iterator<Item = (&'a String, &'a V)>,
) -> Result<AttributeValue> {
    let mut map = Item::new();
    for (key, value) in entries {
        map.insert(
            key.clone(),
            value.to_attribute().map_err(|e| e.in_attribute(key))?,
        );
    }
    Ok(AttributeValue::M(map))
}

fn map_entries(value: AttributeValue) -> Result<Item> {
    match value {
        AttributeValue::M(map) => Ok(map),
        other => Err(type_mismatch(AttributeType::M, &other)),
    }
}

/// A map (`M`) with string keys.
impl<V: Attribute, S: BuildHasher + Default> Attribute for HashMap<String, V, S> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        map_to_attribute(self.iter())
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        let entries = map_entries(value)?;
        let mut map = HashMap::with_capacity_and_hasher(entries.len(), S::default());
        for (key, value) in entries {
            let value = V::from_attribute(value).map_err(|e| e.in_attribute(&key))?;
            map.insert(key, value);
        }
        Ok(map)
    }
}

/// A map (`M`) with string keys.
impl<V: Attribute> Attribute for BTreeMap<String, V> {
    fn to_attribute(&self) -> Result<AttributeValue> {
        map_to_attribute(self.iter())
    }

    fn from_attribute(value: AttributeValue) -> Result<Self> {
        map_entries(value)?
            .into_iter()
            .map(|(k, v)| match V::from_attribute(v) {
                Ok(v) => Ok((k, v)),
                Err(e) => Err(e.in_attribute(&k)),
            })
            .collect()
    }
}
