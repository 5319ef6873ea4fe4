//! Checks every condition kind shares, run in source order after parsing: placeholders resolve,
//! literal names are not reserved words, function operands have usable types, and `BETWEEN`
//! bounds have one type and ascend.

use std::cmp::Ordering;

use dynamodel::AttributeValue;

use super::ast::{Call, Condition, Function, Operand, PathElement};
use super::placeholders::Placeholders;
use crate::messages::{expression, quoted_value};
use crate::storage::KeyValue;

/// Walks `condition`; the error is the detail after `Invalid <Parameter>: `.
pub(crate) fn condition(
    condition: &Condition,
    placeholders: &mut Placeholders<'_>,
) -> Result<(), String> {
    match condition {
        Condition::Compare { left, right, .. } => {
            operand(left, placeholders)?;
            operand(right, placeholders).map(drop)
        }
        Condition::Between {
            operand: subject,
            low,
            high,
            ..
        } => {
            operand(subject, placeholders)?;
            let low_value = operand(low, placeholders)?;
            let high_value = operand(high, placeholders)?;
            match (low_value, high_value) {
                (Some(low), Some(high)) => between_bounds(low, high),
                _ => Ok(()),
            }
        }
        Condition::In {
            operand: subject,
            list,
            ..
        } => {
            operand(subject, placeholders)?;
            list.iter()
                .try_for_each(|o| operand(o, placeholders).map(drop))
        }
        Condition::Call(c) => call(c, placeholders).map(drop),
        Condition::Not { inner, .. } | Condition::Parens { inner, .. } => {
            self::condition(inner, placeholders)
        }
        Condition::And { left, right, .. } | Condition::Or { left, right, .. } => {
            self::condition(left, placeholders)?;
            self::condition(right, placeholders)
        }
    }
}

/// Resolves an operand; returns the value when it is a value placeholder.
fn operand<'a>(
    operand: &Operand,
    placeholders: &mut Placeholders<'a>,
) -> Result<Option<&'a AttributeValue>, String> {
    match operand {
        Operand::Path(path) => {
            for element in &path.elements {
                if let PathElement::Attribute(name) = element {
                    placeholders.resolve_name(name)?;
                }
            }
            Ok(None)
        }
        Operand::Value(value) => placeholders.resolve_value(value).map(Some),
        Operand::Call(c) => call(c, placeholders).map(|()| None),
    }
}

fn call(call: &Call, placeholders: &mut Placeholders<'_>) -> Result<(), String> {
    if call.args.len() != call.function.arity() {
        return Err(expression::operand_count(
            call.function.name(),
            call.args.len(),
        ));
    }
    let mut values = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        values.push(operand(arg, placeholders)?);
    }
    if call.function == Function::BeginsWith {
        if let Some(Some(prefix)) = values.get(1) {
            if !matches!(prefix, AttributeValue::S(_) | AttributeValue::B(_)) {
                let kind = prefix.attribute_type();
                return Err(expression::operand_type(
                    call.function.name(),
                    kind.as_str(),
                ));
            }
        }
    }
    Ok(())
}

fn between_bounds(low: &AttributeValue, high: &AttributeValue) -> Result<(), String> {
    if low.attribute_type() != high.attribute_type() {
        return Err(expression::between_types(
            &quoted_value(low),
            &quoted_value(high),
        ));
    }
    let ordering = match (
        KeyValue::from_attribute(low),
        KeyValue::from_attribute(high),
    ) {
        (Some(low), Some(high)) => low.cmp(&high),
        _ => Ordering::Equal,
    };
    if ordering == Ordering::Greater {
        return Err(expression::between_order(
            &quoted_value(low),
            &quoted_value(high),
        ));
    }
    Ok(())
}
