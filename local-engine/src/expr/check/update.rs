//! The checks of an `UpdateExpression`, in DynamoDB's order (DynamoDB Local 3.3.0):
//!
//! 1. each clause keyword at most once;
//! 2. in source order: reserved words, list index range and depth of every path; function
//!    names, where functions may appear (`size` and condition functions never; `list_append`
//!    not inside another function);
//! 3. every `#name`, in source order;
//! 4. clashing action paths: the clash nearest the end, conflict or overlap
//!    (`document::check_clashes`);
//! 5. every `:value`, in source order;
//! 6. in source order: function operand counts, `if_not_exists` on a path, and the
//!    operand types DynamoDB can judge before reading the item (numbers for `+`/`-`, lists for
//!    `list_append`, numbers or sets for `ADD`, sets for `DELETE`).
//!
//! Key attributes are judged later, against the table (`ops::update_item`).

use dynamodel::model::AttributeType;

use super::super::ast::{
    Call, ClauseKind, Function, Operand, SetValue, Update, UpdateAction, ValueRef,
};
use super::super::document::check_clashes;
use super::super::placeholders::Placeholders;
use super::super::update::{Action, Dialect, Plan, Value};
use super::meaning::doc_path;
use super::shape;
use crate::messages::{expression, update as msg};

/// Checks an update expression and resolves it into a plan.
pub(crate) fn update<'a>(
    update: &Update,
    placeholders: &mut Placeholders<'a>,
) -> Result<Plan<'a>, String> {
    clauses_once(update)?;
    let actions: Vec<&UpdateAction> = update.clauses.iter().flat_map(|c| &c.actions).collect();
    for action in &actions {
        shape::path(action.path())?;
        if let UpdateAction::Set(set) = action {
            value_shape(&set.value)?;
        }
    }
    let mut paths = Vec::with_capacity(actions.len());
    for action in &actions {
        paths.push(doc_path(action.path(), placeholders)?);
        if let UpdateAction::Set(set) = action {
            value_names(&set.value, placeholders)?;
        }
    }
    check_clashes(&paths)?;
    for action in &actions {
        match action {
            UpdateAction::Set(set) => value_placeholders(&set.value, placeholders)?,
            UpdateAction::Remove(_) => {}
            UpdateAction::Add { value, .. } | UpdateAction::Delete { value, .. } => {
                placeholders.resolve_value(value).map(drop)?;
            }
        }
    }
    let mut resolved = Vec::with_capacity(actions.len());
    for (action, path) in actions.into_iter().zip(paths) {
        resolved.push(match action {
            UpdateAction::Set(set) => Action::Set(path, value(&set.value, placeholders)?),
            UpdateAction::Remove(_) => Action::Remove(path),
            UpdateAction::Add { value, .. } => {
                Action::Add(path, operand_value("ADD", value, placeholders, is_addable)?)
            }
            UpdateAction::Delete { value, .. } => {
                Action::Delete(path, operand_value("DELETE", value, placeholders, is_set)?)
            }
        });
    }
    Ok(Plan {
        actions: resolved,
        dialect: Dialect::Expression,
    })
}

fn clauses_once(update: &Update) -> Result<(), String> {
    let mut seen: Vec<ClauseKind> = Vec::new();
    for clause in &update.clauses {
        if seen.contains(&clause.kind) {
            return Err(msg::clause_repeated(clause.kind.keyword()));
        }
        seen.push(clause.kind);
    }
    Ok(())
}

fn value_shape(value: &SetValue) -> Result<(), String> {
    match value {
        SetValue::Operand(operand) => operand_shape(operand, false),
        SetValue::Arith { left, right, .. } => {
            value_shape(left)?;
            value_shape(right)
        }
        SetValue::Parens(inner) => value_shape(inner),
    }
}

/// Names, functions and paths of an operand of a `SET` value; `nested` inside a function.
fn operand_shape(operand: &Operand, nested: bool) -> Result<(), String> {
    match operand {
        Operand::Path(path) => shape::path(path),
        Operand::Value(_) => Ok(()),
        Operand::Parens { inner, .. } => operand_shape(inner, nested),
        Operand::Call(call) => {
            let function = call
                .function
                .ok_or_else(|| expression::invalid_function(&call.name))?;
            match function {
                Function::IfNotExists => {}
                Function::ListAppend if !nested => {}
                Function::ListAppend => return Err(expression::misused_function(&call.name)),
                _ => return Err(msg::function_not_in_update(&call.name)),
            }
            call.args
                .iter()
                .try_for_each(|arg| operand_shape(arg, true))
        }
    }
}

/// Resolves every `:value` of a `SET` value (all of them come before any operand check).
fn value_placeholders(value: &SetValue, placeholders: &mut Placeholders<'_>) -> Result<(), String> {
    fn values_of(operand: &Operand, placeholders: &mut Placeholders<'_>) -> Result<(), String> {
        match operand {
            Operand::Path(_) => Ok(()),
            Operand::Value(value) => placeholders.resolve_value(value).map(drop),
            Operand::Parens { inner, .. } => values_of(inner, placeholders),
            Operand::Call(call) => call
                .args
                .iter()
                .try_for_each(|a| values_of(a, placeholders)),
        }
    }
    match value {
        SetValue::Operand(o) => values_of(o, placeholders),
        SetValue::Arith { left, right, .. } => {
            value_placeholders(left, placeholders)?;
            value_placeholders(right, placeholders)
        }
        SetValue::Parens(inner) => value_placeholders(inner, placeholders),
    }
}

fn value_names(value: &SetValue, placeholders: &mut Placeholders<'_>) -> Result<(), String> {
    match value {
        SetValue::Operand(operand) => operand_names(operand, placeholders),
        SetValue::Arith { left, right, .. } => {
            value_names(left, placeholders)?;
            value_names(right, placeholders)
        }
        SetValue::Parens(inner) => value_names(inner, placeholders),
    }
}

fn operand_names(operand: &Operand, placeholders: &mut Placeholders<'_>) -> Result<(), String> {
    match operand {
        Operand::Path(path) => doc_path(path, placeholders).map(drop),
        Operand::Value(_) => Ok(()),
        Operand::Parens { inner, .. } => operand_names(inner, placeholders),
        Operand::Call(call) => call
            .args
            .iter()
            .try_for_each(|arg| operand_names(arg, placeholders)),
    }
}

/// Resolves a `SET` value.
fn value<'a>(value: &SetValue, placeholders: &mut Placeholders<'a>) -> Result<Value<'a>, String> {
    match value {
        SetValue::Operand(operand) => operand_value_of(operand, placeholders),
        SetValue::Parens(inner) => self::value(inner, placeholders),
        SetValue::Arith { op, left, right } => {
            let left = self::value(left, placeholders)?;
            let right = self::value(right, placeholders)?;
            for side in [&left, &right] {
                if let Some(kind) = static_type(side) {
                    if kind != AttributeType::N {
                        return Err(expression::operand_type(op.symbol(), kind.as_str()));
                    }
                }
            }
            Ok(Value::Arith(*op, Box::new(left), Box::new(right)))
        }
    }
}

fn operand_value_of<'a>(
    operand: &Operand,
    placeholders: &mut Placeholders<'a>,
) -> Result<Value<'a>, String> {
    match operand {
        Operand::Path(path) => Ok(Value::Path(doc_path(path, placeholders)?)),
        Operand::Value(value) => Ok(Value::Const(placeholders.resolve_value(value)?)),
        Operand::Parens { inner, .. } => operand_value_of(inner, placeholders),
        Operand::Call(call) => call_value(call, placeholders),
    }
}

fn call_value<'a>(call: &Call, placeholders: &mut Placeholders<'a>) -> Result<Value<'a>, String> {
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        args.push(operand_value_of(arg, placeholders)?);
    }
    // Only `if_not_exists` and `list_append` get here; both take two operands.
    let arity = call.function.map_or(0, Function::arity);
    if args.len() != arity {
        return Err(expression::operand_count(&call.name, args.len()));
    }
    let mut args = args.into_iter();
    let (Some(first), Some(second)) = (args.next(), args.next()) else {
        return Err(expression::operand_count(&call.name, call.args.len()));
    };
    match call.function {
        Some(Function::IfNotExists) => {
            let Value::Path(path) = first else {
                return Err(expression::requires_path(&call.name));
            };
            Ok(Value::IfNotExists(path, Box::new(second)))
        }
        _ => {
            for side in [&first, &second] {
                if let Some(kind) = static_type(side) {
                    if kind != AttributeType::L {
                        return Err(expression::operand_type(&call.name, kind.as_str()));
                    }
                }
            }
            Ok(Value::ListAppend(Box::new(first), Box::new(second)))
        }
    }
}

/// The type a value is known to have before the item is read.
fn static_type(value: &Value<'_>) -> Option<AttributeType> {
    match value {
        Value::Const(value) => Some(value.attribute_type()),
        Value::ListAppend(..) => Some(AttributeType::L),
        Value::Arith(..) => Some(AttributeType::N),
        Value::Path(_) | Value::IfNotExists(..) => None,
    }
}

/// The value of an `ADD` or `DELETE`, which must have a type `allowed` accepts.
fn operand_value<'a>(
    operator: &str,
    value: &ValueRef,
    placeholders: &mut Placeholders<'a>,
    allowed: fn(AttributeType) -> bool,
) -> Result<&'a dynamodel::AttributeValue, String> {
    let value = placeholders.resolve_value(value)?;
    let kind = value.attribute_type();
    if !allowed(kind) {
        return Err(msg::action_operand_type(operator, kind));
    }
    Ok(value)
}

fn is_set(kind: AttributeType) -> bool {
    matches!(
        kind,
        AttributeType::Ss | AttributeType::Ns | AttributeType::Bs
    )
}

fn is_addable(kind: AttributeType) -> bool {
    kind == AttributeType::N || is_set(kind)
}
