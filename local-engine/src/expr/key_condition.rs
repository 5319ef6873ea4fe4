//! A parsed condition read as a Query key condition: a list of at most two terms, each one
//! comparison of one top-level attribute with values. Which attributes are keys is decided
//! later against the table's schema (`ops::key_range`).
//!
//! The checks and their order follow dynalite's test suite, which pins DynamoDB's answers:
//! operators a key condition cannot use, then the shape of each comparison, then one condition
//! per attribute, then at most two conditions.

use dynamodel::{AttributeValue, Error};

use super::ast::{Call, CompareOp, Condition, Function, Operand};
use super::placeholders::Placeholders;
use crate::messages::key_condition as msg;

/// How a term constrains its attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyOp {
    Eq,
    Lt,
    Le,
    Gt,
    Ge,
    Between,
    BeginsWith,
}

/// One condition on one attribute: `values` holds one value, or two for `Between`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyTerm {
    pub(crate) attribute: String,
    pub(crate) op: KeyOp,
    pub(crate) values: Vec<AttributeValue>,
}

/// The terms of a key condition whose placeholders have been resolved.
pub(crate) fn terms(
    condition: &Condition,
    placeholders: &Placeholders<'_>,
    max_terms: usize,
) -> Result<Vec<KeyTerm>, Error> {
    let mut terms = Vec::new();
    collect(condition, placeholders, &mut terms)?;
    if terms.len() > max_terms {
        return Err(msg::too_many_conditions());
    }
    Ok(terms)
}

fn collect(
    condition: &Condition,
    placeholders: &Placeholders<'_>,
    out: &mut Vec<KeyTerm>,
) -> Result<(), Error> {
    let (op, operands, first_must_be_key): (KeyOp, Vec<&Operand>, Option<&str>) = match condition {
        Condition::Parens { inner, .. } => return collect(inner, placeholders, out),
        Condition::And { operands, .. } => {
            return operands
                .iter()
                .try_for_each(|c| collect(c, placeholders, out));
        }
        Condition::Or { .. } => return Err(msg::invalid_operator("OR")),
        Condition::Not { .. } => return Err(msg::invalid_operator("NOT")),
        Condition::In { .. } => return Err(msg::invalid_operator("IN")),
        Condition::Compare {
            op: CompareOp::Ne, ..
        } => return Err(msg::invalid_operator("<>")),
        Condition::Compare {
            op, left, right, ..
        } => (compare_op(*op), vec![left, right], None),
        Condition::Between {
            operand, low, high, ..
        } => (KeyOp::Between, vec![operand, low, high], Some("BETWEEN")),
        Condition::Call(Call {
            function: Some(Function::BeginsWith),
            args,
            ..
        }) => (
            KeyOp::BeginsWith,
            args.iter().collect(),
            Some("begins_with"),
        ),
        Condition::Call(Call {
            function: Some(Function::Size),
            ..
        }) => return Err(msg::nested_operation()),
        Condition::Call(call) => return Err(msg::invalid_operator(&call.name)),
    };
    let operands: Vec<&Operand> = operands.into_iter().map(Operand::unwrapped).collect();
    if let Some(operator) = first_must_be_key {
        if !matches!(operands.first(), Some(Operand::Path(_))) {
            return Err(msg::key_not_first(operator));
        }
    }
    let mut attribute: Option<(usize, String)> = None;
    let mut values = Vec::new();
    for (position, operand) in operands.iter().enumerate() {
        match operand {
            Operand::Path(path) => {
                if attribute.is_some() {
                    return Err(msg::multiple_names());
                }
                if path.elements.len() > 1 {
                    return Err(msg::nested_attribute());
                }
                let name = match path.elements.first() {
                    Some(super::ast::PathElement::Attribute(name)) => placeholders.name_of(name),
                    _ => None,
                };
                attribute = Some((position, name.unwrap_or_default()));
            }
            // `unwrapped` removed the parentheses.
            Operand::Call(_) | Operand::Parens { .. } => return Err(msg::nested_operation()),
            Operand::Value(value) => {
                if let Some(value) = placeholders.value_of(value) {
                    values.push(value.clone());
                }
            }
        }
    }
    let Some((position, attribute)) = attribute else {
        return Err(msg::no_key_attribute());
    };
    if out.iter().any(|term| term.attribute == attribute) {
        return Err(msg::one_condition_per_key());
    }
    let op = match (condition, position) {
        // `:v < a` reads as `a > :v`.
        (Condition::Compare { op, .. }, 1) => compare_op(op.flipped()),
        _ => op,
    };
    out.push(KeyTerm {
        attribute,
        op,
        values,
    });
    Ok(())
}

fn compare_op(op: CompareOp) -> KeyOp {
    match op {
        CompareOp::Lt => KeyOp::Lt,
        CompareOp::Le => KeyOp::Le,
        CompareOp::Gt => KeyOp::Gt,
        CompareOp::Ge => KeyOp::Ge,
        CompareOp::Eq | CompareOp::Ne => KeyOp::Eq,
    }
}
