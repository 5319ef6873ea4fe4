//! The first checks after parsing: names and functions as written, list indexes and path
//! depth, in source order; and the operator count.

use super::super::ast::{Call, Condition, Function, NameRef, Operand, Path, PathElement};
use super::super::reserved::is_reserved;
use crate::messages::expression;

/// The deepest document path DynamoDB accepts.
pub(crate) const MAX_PATH_LEVELS: usize = 32;

/// The most operators and functions one expression may have.
pub(crate) const MAX_OPERATORS: usize = 300;

/// Checks a condition.
pub(crate) fn condition(condition: &Condition) -> Result<(), String> {
    match condition {
        Condition::Compare { left, right, .. } => {
            operand(left)?;
            operand(right)
        }
        Condition::Between {
            operand: subject,
            low,
            high,
            ..
        } => [subject, low, high].into_iter().try_for_each(operand),
        Condition::In {
            operand: subject,
            list,
            ..
        } => {
            operand(subject)?;
            list.iter().try_for_each(operand)
        }
        Condition::Call(call) => {
            let function = function(call)?;
            if !function.is_condition() {
                return Err(expression::misused_function(call.name.as_str()));
            }
            args(call)
        }
        Condition::Not { inner, .. } | Condition::Parens { inner, .. } => self::condition(inner),
        Condition::And { operands, .. } | Condition::Or { operands, .. } => {
            operands.iter().try_for_each(self::condition)
        }
    }
}

/// Checks an operand (a value, not a condition).
pub(crate) fn operand(operand: &Operand) -> Result<(), String> {
    match operand {
        Operand::Path(p) => path(p),
        Operand::Value(_) => Ok(()),
        Operand::Parens { inner, .. } => self::operand(inner),
        Operand::Call(call) => {
            let function = function(call)?;
            if function.is_condition() {
                return Err(expression::misused_function(call.name.as_str()));
            }
            args(call)
        }
    }
}

/// The function a call names, if it exists and may appear in a condition.
fn function(call: &Call) -> Result<Function, String> {
    let function = call
        .function
        .ok_or_else(|| expression::invalid_function(&call.name))?;
    if matches!(function, Function::IfNotExists | Function::ListAppend) {
        return Err(expression::not_in_condition(function.name()));
    }
    Ok(function)
}

fn args(call: &Call) -> Result<(), String> {
    call.args.iter().try_for_each(operand)
}

/// Checks a document path: reserved words, list index range, depth.
pub(crate) fn path(path: &Path) -> Result<(), String> {
    for element in &path.elements {
        match element {
            PathElement::Attribute(NameRef::Literal { name, .. }) if is_reserved(name) => {
                return Err(expression::reserved_keyword(name));
            }
            PathElement::Index {
                digits,
                index: None,
                ..
            } => return Err(expression::index_out_of_range(digits)),
            _ => {}
        }
    }
    if path.elements.len() > MAX_PATH_LEVELS {
        return Err(expression::path_too_deep(path.elements.len()));
    }
    Ok(())
}

/// How many operators and functions a condition has.
pub(crate) fn condition_operators(condition: &Condition) -> usize {
    let operands =
        |list: &mut dyn Iterator<Item = &Operand>| -> usize { list.map(operand_operators).sum() };
    match condition {
        Condition::Compare { left, right, .. } => 1 + operands(&mut [left, right].into_iter()),
        Condition::Between {
            operand, low, high, ..
        } => 1 + operands(&mut [operand, low, high].into_iter()),
        Condition::In { operand, list, .. } => {
            1 + operand_operators(operand) + operands(&mut list.iter())
        }
        Condition::Call(call) => 1 + operands(&mut call.args.iter()),
        Condition::Not { inner, .. } => 1 + condition_operators(inner),
        Condition::Parens { inner, .. } => condition_operators(inner),
        Condition::And { operands, .. } | Condition::Or { operands, .. } => {
            operands.len().saturating_sub(1)
                + operands.iter().map(condition_operators).sum::<usize>()
        }
    }
}

/// How many functions an operand has.
pub(crate) fn operand_operators(operand: &Operand) -> usize {
    match operand {
        Operand::Path(_) | Operand::Value(_) => 0,
        Operand::Parens { inner, .. } => operand_operators(inner),
        Operand::Call(call) => 1 + call.args.iter().map(operand_operators).sum::<usize>(),
    }
}

/// Fails when `count` exceeds the limit; DynamoDB reports the count it stopped at.
pub(crate) fn operator_limit(count: usize) -> Result<(), String> {
    if count > MAX_OPERATORS {
        return Err(expression::too_many_operators(MAX_OPERATORS + 1));
    }
    Ok(())
}
