//! The second checks after parsing: placeholders, operand counts and types, repeated
//! operands, `BETWEEN` bounds and `IN` sizes, in source order with operands before the
//! operator that uses them. Produces the resolved condition.
//!
//! Order inside one node (DynamoDB Local): `BETWEEN` and `begins_with` check operand types
//! before repeated operands; `attribute_type` checks repeated operands before its type name.

use dynamodel::AttributeValue;
use dynamodel::model::AttributeType;

use super::super::ast::{self, Call, Condition, Function, PathElement};
use super::super::condition::{Cond, Operand};
use super::super::document::{DocPath, Step};
use super::super::placeholders::Placeholders;
use super::super::value;
use crate::messages::{expression, quoted_value};

/// The most operands `IN` accepts.
pub(crate) const MAX_IN_OPERANDS: usize = 100;

/// Resolves and checks a condition.
pub(crate) fn condition<'a>(
    condition: &Condition,
    placeholders: &mut Placeholders<'a>,
) -> Result<Cond<'a>, String> {
    match condition {
        Condition::Compare {
            op, left, right, ..
        } => {
            let left = operand(left, placeholders)?;
            let right = operand(right, placeholders)?;
            if op.is_ordering() {
                orderable(op.symbol(), [&left, &right])?;
            }
            distinct(op.symbol(), &left, [&right])?;
            Ok(Cond::Compare(*op, left, right))
        }
        Condition::Between {
            operand: subject,
            low,
            high,
            ..
        } => {
            let subject = operand(subject, placeholders)?;
            let low = operand(low, placeholders)?;
            let high = operand(high, placeholders)?;
            orderable("BETWEEN", [&subject, &low, &high])?;
            distinct("BETWEEN", &subject, [&low, &high])?;
            if let (Operand::Value(low), Operand::Value(high)) = (&low, &high) {
                between_bounds(low, high)?;
            }
            Ok(Cond::Between(subject, low, high))
        }
        Condition::In {
            operand: subject,
            list,
            ..
        } => {
            let subject = operand(subject, placeholders)?;
            let list = list
                .iter()
                .map(|o| operand(o, placeholders))
                .collect::<Result<Vec<_>, _>>()?;
            distinct("IN", &subject, list.iter())?;
            if list.len() > MAX_IN_OPERANDS {
                return Err(expression::in_too_many(list.len()));
            }
            Ok(Cond::In(subject, list))
        }
        Condition::Call(c) => call_condition(c, placeholders),
        Condition::Not { inner, .. } => {
            Ok(Cond::Not(Box::new(self::condition(inner, placeholders)?)))
        }
        Condition::Parens { inner, .. } => self::condition(inner, placeholders),
        Condition::And { operands, .. } => Ok(Cond::And(conditions(operands, placeholders)?)),
        Condition::Or { operands, .. } => Ok(Cond::Or(conditions(operands, placeholders)?)),
    }
}

fn conditions<'a>(
    operands: &[Condition],
    placeholders: &mut Placeholders<'a>,
) -> Result<Vec<Cond<'a>>, String> {
    operands
        .iter()
        .map(|c| condition(c, placeholders))
        .collect()
}

/// Resolves a path's names.
pub(crate) fn doc_path(
    path: &ast::Path,
    placeholders: &mut Placeholders<'_>,
) -> Result<DocPath, String> {
    let mut steps = Vec::with_capacity(path.elements.len());
    for element in &path.elements {
        steps.push(match element {
            PathElement::Attribute(name) => Step::Key(placeholders.resolve_name(name)?),
            PathElement::Index { index, .. } => Step::Index(index.unwrap_or(u32::MAX)),
        });
    }
    Ok(DocPath { steps })
}

/// Resolves an operand of a condition (`size` is the only function shape lets through).
pub(crate) fn operand<'a>(
    operand: &ast::Operand,
    placeholders: &mut Placeholders<'a>,
) -> Result<Operand<'a>, String> {
    match operand {
        ast::Operand::Path(path) => Ok(Operand::Path(doc_path(path, placeholders)?)),
        ast::Operand::Value(value) => Ok(Operand::Value(placeholders.resolve_value(value)?)),
        ast::Operand::Parens { inner, .. } => self::operand(inner, placeholders),
        ast::Operand::Call(call) => {
            let mut args = call_args(call, placeholders)?;
            let arg = args.pop().ok_or_else(|| arity_error(call, 0))?;
            if let Some(kind) = arg.static_type() {
                if matches!(
                    kind,
                    AttributeType::N | AttributeType::Bool | AttributeType::Null
                ) {
                    return Err(expression::operand_type("size", kind.as_str()));
                }
            }
            Ok(Operand::Size(Box::new(arg)))
        }
    }
}

/// Resolves a call's arguments and checks their number.
fn call_args<'a>(
    call: &Call,
    placeholders: &mut Placeholders<'a>,
) -> Result<Vec<Operand<'a>>, String> {
    let args = call
        .args
        .iter()
        .map(|arg| operand(arg, placeholders))
        .collect::<Result<Vec<_>, _>>()?;
    let arity = call.function.map_or(args.len(), Function::arity);
    if args.len() != arity {
        return Err(arity_error(call, args.len()));
    }
    Ok(args)
}

fn arity_error(call: &Call, count: usize) -> String {
    expression::operand_count(&call.name, count)
}

/// A function used as a condition.
fn call_condition<'a>(
    call: &Call,
    placeholders: &mut Placeholders<'a>,
) -> Result<Cond<'a>, String> {
    let mut args = call_args(call, placeholders)?.into_iter();
    let Some(first) = args.next() else {
        return Err(arity_error(call, 0));
    };
    // Two-operand functions have two operands here (`call_args` checked the count).
    let second = args.next();
    let name = call.name.as_str();
    let second = || second.ok_or_else(|| arity_error(call, 1));
    match call.function {
        Some(Function::AttributeExists | Function::AttributeNotExists) => {
            let Operand::Path(path) = first else {
                return Err(expression::requires_path(name));
            };
            if call.function == Some(Function::AttributeExists) {
                Ok(Cond::Exists(path))
            } else {
                Ok(Cond::NotExists(path))
            }
        }
        Some(Function::AttributeType) => {
            let second = second()?;
            distinct(name, &first, [&second])?;
            Ok(Cond::Type(first, type_name(name, &second)?))
        }
        Some(Function::BeginsWith) => {
            let second = second()?;
            for arg in [&first, &second] {
                if let Some(kind) = arg.static_type() {
                    if !matches!(kind, AttributeType::S | AttributeType::B) {
                        return Err(expression::operand_type(name, kind.as_str()));
                    }
                }
            }
            distinct(name, &first, [&second])?;
            Ok(Cond::BeginsWith(first, second))
        }
        Some(Function::Contains) => {
            let second = second()?;
            distinct(name, &first, [&second])?;
            Ok(Cond::Contains(first, second))
        }
        // `shape` lets only condition functions through.
        _ => Err(expression::misused_function(name)),
    }
}

/// The type `attribute_type` tests for: a string value naming one of the ten types.
fn type_name(function: &str, operand: &Operand<'_>) -> Result<AttributeType, String> {
    match operand {
        Operand::Value(AttributeValue::S(name)) => {
            AttributeType::from_wire(name).ok_or_else(|| expression::invalid_type_name(name))
        }
        Operand::Path(_) => Err(expression::operand_type(function, expression::ANY_TYPE)),
        other => {
            let kind = other.static_type().unwrap_or(AttributeType::N);
            Err(expression::operand_type(function, kind.as_str()))
        }
    }
}

/// Operands of ordering operators must be `S`, `N` or `B` where their type is known.
fn orderable<'o>(
    operator: &str,
    operands: impl IntoIterator<Item = &'o Operand<'o>>,
) -> Result<(), String> {
    for operand in operands {
        if let Some(kind) = operand.static_type() {
            if !matches!(kind, AttributeType::S | AttributeType::N | AttributeType::B) {
                return Err(expression::operand_type(operator, kind.as_str()));
            }
        }
    }
    Ok(())
}

/// The first operand, when a path, must not reappear among the others.
fn distinct<'o, 'a: 'o>(
    operator: &str,
    first: &Operand<'a>,
    rest: impl IntoIterator<Item = &'o Operand<'a>>,
) -> Result<(), String> {
    let Operand::Path(path) = first else {
        return Ok(());
    };
    if rest
        .into_iter()
        .any(|o| matches!(o, Operand::Path(other) if other == path))
    {
        return Err(expression::not_distinct(operator, &path.bracketed()));
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
    if value::order(low, high).is_some_and(|o| o.is_gt()) {
        return Err(expression::between_order(
            &quoted_value(low),
            &quoted_value(high),
        ));
    }
    Ok(())
}
