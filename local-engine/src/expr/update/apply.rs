//! Running a [`Plan`] against an item (order and rules in the parent module).

use std::cmp::Reverse;

use dynamodel::model::NumberError;
use dynamodel::{AttributeValue, Error, Item};

use super::{Action, Dialect, Plan, Value};
use crate::expr::ast::ArithOp;
use crate::expr::document::{DocPath, Step};
use crate::messages::update as msg;

/// What one write does to a path.
enum Write {
    Put(AttributeValue),
    Remove,
}

/// The item after the update, made from `old`, the stored item (if any), in place; `key`
/// seeds a new item.
pub(crate) fn apply(plan: &Plan<'_>, old: Option<Item>, key: &Item) -> Result<Item, Error> {
    // Every value written is computed from the item as it was, before any is written.
    let mut writes = Vec::with_capacity(plan.actions.len());
    for action in &plan.actions {
        writes.push((action.path(), write(action, old.as_ref(), plan.dialect)?));
    }
    let mut item = old.unwrap_or_else(|| key.clone());
    let (mut puts, mut removes): (Vec<_>, Vec<_>) = writes
        .into_iter()
        .partition(|(_, write)| matches!(write, Write::Put(_)));
    puts.sort_by_key(|(path, _)| *path);
    for (path, write) in puts {
        if let Write::Put(value) = write {
            put(&mut item, path, value)?;
        }
    }
    removes.sort_by_key(|(path, _)| Reverse(*path));
    for (path, _) in removes {
        remove(&mut item, path)?;
    }
    Ok(item)
}

/// What an action writes, computed from the old item.
fn write(action: &Action<'_>, old: Option<&Item>, dialect: Dialect) -> Result<Write, Error> {
    let mismatch = || match dialect {
        Dialect::Expression => msg::incorrect_data_type(),
        Dialect::Legacy => msg::legacy_type_mismatch(),
    };
    let current = |path: &DocPath| old.and_then(|item| path.get(item));
    Ok(match action {
        Action::Set(_, value) => Write::Put(evaluate(value, old)?),
        Action::Remove(_) => Write::Remove,
        Action::Add(path, value) => Write::Put(match (current(path), value) {
            (None, value) => (*value).clone(),
            (Some(AttributeValue::N(a)), AttributeValue::N(b)) => {
                AttributeValue::N(a.checked_add(b).map_err(number_error)?)
            }
            (Some(existing), value) => union(existing, value).ok_or_else(mismatch)?,
        }),
        Action::Delete(path, value) => match current(path) {
            None => Write::Remove,
            Some(existing) => match difference(existing, value).ok_or_else(mismatch)? {
                Some(rest) => Write::Put(rest),
                None => Write::Remove,
            },
        },
        Action::Append(path, value) => Write::Put(match (current(path), value) {
            (None, value) => (*value).clone(),
            (Some(AttributeValue::L(a)), AttributeValue::L(b)) => {
                AttributeValue::L(a.iter().chain(b).cloned().collect())
            }
            _ => return Err(mismatch()),
        }),
    })
}

/// A `SET` value computed from the old item.
fn evaluate(value: &Value<'_>, old: Option<&Item>) -> Result<AttributeValue, Error> {
    match value {
        Value::Path(path) => old
            .and_then(|item| path.get(item))
            .cloned()
            .ok_or_else(msg::missing_attribute),
        Value::Const(value) => Ok((*value).clone()),
        Value::IfNotExists(path, default) => match old.and_then(|item| path.get(item)) {
            Some(value) => Ok(value.clone()),
            None => evaluate(default, old),
        },
        Value::ListAppend(a, b) => match (evaluate(a, old)?, evaluate(b, old)?) {
            (AttributeValue::L(mut a), AttributeValue::L(b)) => {
                a.extend(b);
                Ok(AttributeValue::L(a))
            }
            _ => Err(msg::incorrect_data_type()),
        },
        Value::Arith(op, a, b) => match (evaluate(a, old)?, evaluate(b, old)?) {
            (AttributeValue::N(a), AttributeValue::N(b)) => {
                let result = match op {
                    ArithOp::Plus => a.checked_add(&b),
                    ArithOp::Minus => a.checked_sub(&b),
                };
                result.map(AttributeValue::N).map_err(number_error)
            }
            _ => Err(msg::incorrect_data_type()),
        },
    }
}

fn number_error(error: NumberError) -> Error {
    match error {
        NumberError::Overflow => msg::overflow(),
        NumberError::Underflow => msg::underflow(),
        _ => msg::precision(),
    }
}

/// `ADD` of a set: the members of both, stored ones first (`None`: the types differ).
fn union(existing: &AttributeValue, added: &AttributeValue) -> Option<AttributeValue> {
    fn merged<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
        let mut out = a.to_vec();
        for member in b {
            if !out.contains(member) {
                out.push(member.clone());
            }
        }
        out
    }
    Some(match (existing, added) {
        (AttributeValue::Ss(a), AttributeValue::Ss(b)) => AttributeValue::Ss(merged(a, b)),
        (AttributeValue::Ns(a), AttributeValue::Ns(b)) => AttributeValue::Ns(merged(a, b)),
        (AttributeValue::Bs(a), AttributeValue::Bs(b)) => AttributeValue::Bs(merged(a, b)),
        _ => return None,
    })
}

/// `DELETE` of set members: the rest, `Some(None)` when nothing is left, `None` when the types
/// differ.
fn difference(
    existing: &AttributeValue,
    removed: &AttributeValue,
) -> Option<Option<AttributeValue>> {
    fn rest<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
        a.iter().filter(|m| !b.contains(m)).cloned().collect()
    }
    let (left, empty) = match (existing, removed) {
        (AttributeValue::Ss(a), AttributeValue::Ss(b)) => {
            let left = rest(a, b);
            let empty = left.is_empty();
            (AttributeValue::Ss(left), empty)
        }
        (AttributeValue::Ns(a), AttributeValue::Ns(b)) => {
            let left = rest(a, b);
            let empty = left.is_empty();
            (AttributeValue::Ns(left), empty)
        }
        (AttributeValue::Bs(a), AttributeValue::Bs(b)) => {
            let left = rest(a, b);
            let empty = left.is_empty();
            (AttributeValue::Bs(left), empty)
        }
        _ => return None,
    };
    Some((!empty).then_some(left))
}

/// The container holding the last step of `path`, which must exist with the right type.
fn parent<'i>(item: &'i mut Item, path: &DocPath) -> Result<Option<&'i mut AttributeValue>, Error> {
    let Some((Step::Key(head), rest)) = path.steps.split_first() else {
        return Err(msg::invalid_path());
    };
    let Some((_, between)) = rest.split_last() else {
        return Ok(None);
    };
    let mut value = item.get_mut(head).ok_or_else(msg::invalid_path)?;
    for step in between {
        value = step_into_mut(value, step).ok_or_else(msg::invalid_path)?;
    }
    Ok(Some(value))
}

fn step_into_mut<'v>(value: &'v mut AttributeValue, step: &Step) -> Option<&'v mut AttributeValue> {
    match (value, step) {
        (AttributeValue::M(map), Step::Key(key)) => map.get_mut(key),
        (AttributeValue::L(list), Step::Index(index)) => {
            list.get_mut(usize::try_from(*index).ok()?)
        }
        _ => None,
    }
}

/// Writes `value` at `path`; an index past the end of a list appends.
fn put(item: &mut Item, path: &DocPath, value: AttributeValue) -> Result<(), Error> {
    let last = path.steps.last();
    match (parent(item, path)?, last) {
        (None, Some(Step::Key(name))) => {
            item.insert(name.clone(), value);
        }
        (Some(AttributeValue::M(map)), Some(Step::Key(key))) => {
            map.insert(key.clone(), value);
        }
        (Some(AttributeValue::L(list)), Some(Step::Index(index))) => {
            match usize::try_from(*index).ok().and_then(|i| list.get_mut(i)) {
                Some(slot) => *slot = value,
                None => list.push(value),
            }
        }
        _ => return Err(msg::invalid_path()),
    }
    Ok(())
}

/// Removes the value at `path` if there is one; the parent must exist with the right type.
fn remove(item: &mut Item, path: &DocPath) -> Result<(), Error> {
    let last = path.steps.last();
    match (parent(item, path)?, last) {
        (None, Some(Step::Key(name))) => {
            item.remove(name);
        }
        (Some(AttributeValue::M(map)), Some(Step::Key(key))) => {
            map.remove(key);
        }
        (Some(AttributeValue::L(list)), Some(Step::Index(index))) => {
            if let Ok(index) = usize::try_from(*index) {
                if index < list.len() {
                    list.remove(index);
                }
            }
        }
        _ => return Err(msg::invalid_path()),
    }
    Ok(())
}
