//! What DynamoDB checks after an expression parses, in DynamoDB's order (observed with
//! DynamoDB Local, which shares DynamoDB's expression front end):
//!
//! 1. [`shape`], in source order: literal names that are reserved words, unknown function
//!    names, functions used where they cannot be, list indexes out of range, paths deeper than
//!    32 levels;
//! 2. [`meaning`], in source order (operands before the operator that uses them): undefined
//!    `#name`/`:value` placeholders, function operand counts, operand types, operands that
//!    repeat the first one, `BETWEEN` bounds, `IN` lists over 100 operands; it produces the
//!    resolved [`Cond`];
//! 3. the operator count (at most 300).
//!
//! Unused placeholders are reported after every expression of the request was checked
//! ([`super::Placeholders::finish`]). Errors are the detail after `Invalid <Parameter>: `.

mod meaning;
pub(crate) mod shape;
mod update;

pub(crate) use update::update;

pub(crate) use meaning::doc_path;

use super::ast::Condition;
use super::condition::Cond;
use super::placeholders::Placeholders;

/// Checks a parsed condition and resolves its placeholders.
pub(crate) fn condition<'a>(
    condition: &Condition,
    placeholders: &mut Placeholders<'a>,
) -> Result<Cond<'a>, String> {
    shape::condition(condition)?;
    let resolved = meaning::condition(condition, placeholders)?;
    shape::operator_limit(shape::condition_operators(condition))?;
    Ok(resolved)
}

#[cfg(test)]
mod tests;
