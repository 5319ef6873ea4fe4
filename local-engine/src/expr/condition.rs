//! Conditions with their placeholders resolved, and their evaluation against an item.
//!
//! Condition and filter expressions, `Expected`, `QueryFilter` and `ScanFilter` all become a
//! [`Cond`]; the checks in [`super::check`] and the legacy readers in [`super::legacy`] build
//! them. Evaluation is total: a missing attribute, a missing item or a type mismatch makes a
//! comparison false (and `<>` true), never an error. Semantics of the operators are in
//! [`super::value`].

use std::borrow::Cow;
use std::cmp::Ordering;

use dynamodel::model::AttributeType;
use dynamodel::{AttributeValue, Item};

use super::ast::CompareOp;
use super::document::DocPath;
use super::value;

/// A resolved operand: borrowed request values, paths into the item, or `size(...)`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Operand<'a> {
    Path(DocPath),
    Value(&'a AttributeValue),
    Size(Box<Operand<'a>>),
}

impl<'a> Operand<'a> {
    /// The operand's value for `item` (`None` when it has none).
    pub(crate) fn value<'s>(&'s self, item: Option<&'s Item>) -> Option<Cow<'s, AttributeValue>> {
        match self {
            Operand::Path(path) => path.get(item?).map(Cow::Borrowed),
            Operand::Value(value) => Some(Cow::Borrowed(*value)),
            Operand::Size(inner) => {
                let inner = inner.value(item)?;
                value::size(&inner).map(|n| Cow::Owned(AttributeValue::N(n)))
            }
        }
    }

    /// The type the operand is known to have before any item is read: a value's type, `N`
    /// for `size(...)`, nothing for a path.
    pub(crate) fn static_type(&self) -> Option<AttributeType> {
        match self {
            Operand::Path(_) => None,
            Operand::Value(value) => Some(value.attribute_type()),
            Operand::Size(_) => Some(AttributeType::N),
        }
    }
}

/// A resolved condition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cond<'a> {
    Compare(CompareOp, Operand<'a>, Operand<'a>),
    Between(Operand<'a>, Operand<'a>, Operand<'a>),
    In(Operand<'a>, Vec<Operand<'a>>),
    Exists(DocPath),
    NotExists(DocPath),
    Type(Operand<'a>, AttributeType),
    BeginsWith(Operand<'a>, Operand<'a>),
    Contains(Operand<'a>, Operand<'a>),
    Not(Box<Cond<'a>>),
    And(Vec<Cond<'a>>),
    Or(Vec<Cond<'a>>),
}

impl Cond<'_> {
    /// Whether `item` (or no item at all) satisfies the condition.
    pub(crate) fn eval(&self, item: Option<&Item>) -> bool {
        match self {
            Cond::Compare(op, left, right) => {
                let (Some(left), Some(right)) = (left.value(item), right.value(item)) else {
                    return *op == CompareOp::Ne;
                };
                compare(*op, &left, &right)
            }
            Cond::Between(subject, low, high) => {
                match (subject.value(item), low.value(item), high.value(item)) {
                    (Some(subject), Some(low), Some(high)) => {
                        value::order(&low, &subject).is_some_and(Ordering::is_le)
                            && value::order(&subject, &high).is_some_and(Ordering::is_le)
                    }
                    _ => false,
                }
            }
            Cond::In(subject, list) => subject.value(item).is_some_and(|subject| {
                list.iter()
                    .any(|o| o.value(item).is_some_and(|v| value::equal(&subject, &v)))
            }),
            Cond::Exists(path) => item.and_then(|i| path.get(i)).is_some(),
            Cond::NotExists(path) => item.and_then(|i| path.get(i)).is_none(),
            Cond::Type(subject, kind) => subject
                .value(item)
                .is_some_and(|v| v.attribute_type() == *kind),
            Cond::BeginsWith(subject, prefix) => match (subject.value(item), prefix.value(item)) {
                (Some(subject), Some(prefix)) => value::begins_with(&subject, &prefix),
                _ => false,
            },
            Cond::Contains(subject, needle) => match (subject.value(item), needle.value(item)) {
                (Some(subject), Some(needle)) => value::contains(&subject, &needle),
                _ => false,
            },
            Cond::Not(inner) => !inner.eval(item),
            Cond::And(operands) => operands.iter().all(|c| c.eval(item)),
            Cond::Or(operands) => operands.iter().any(|c| c.eval(item)),
        }
    }
}

#[cfg(test)]
mod tests;

impl Cond<'_> {
    /// The document paths the condition reads, in source order.
    pub(crate) fn paths<'s>(&'s self, out: &mut Vec<&'s DocPath>) {
        let operand = |o: &'s Operand<'_>, out: &mut Vec<&'s DocPath>| {
            let mut o = o;
            while let Operand::Size(inner) = o {
                o = inner;
            }
            if let Operand::Path(path) = o {
                out.push(path);
            }
        };
        match self {
            Cond::Compare(_, a, b) | Cond::BeginsWith(a, b) | Cond::Contains(a, b) => {
                operand(a, out);
                operand(b, out);
            }
            Cond::Between(a, b, c) => [a, b, c].into_iter().for_each(|o| operand(o, out)),
            Cond::In(a, list) => {
                operand(a, out);
                list.iter().for_each(|o| operand(o, out));
            }
            Cond::Exists(path) | Cond::NotExists(path) => out.push(path),
            Cond::Type(a, _) => operand(a, out),
            Cond::Not(inner) => inner.paths(out),
            Cond::And(operands) | Cond::Or(operands) => {
                operands.iter().for_each(|c| c.paths(out));
            }
        }
    }
}

/// `left op right` for two present values.
pub(crate) fn compare(op: CompareOp, left: &AttributeValue, right: &AttributeValue) -> bool {
    match op {
        CompareOp::Eq => value::equal(left, right),
        CompareOp::Ne => !value::equal(left, right),
        CompareOp::Lt => value::order(left, right).is_some_and(Ordering::is_lt),
        CompareOp::Le => value::order(left, right).is_some_and(Ordering::is_le),
        CompareOp::Gt => value::order(left, right).is_some_and(Ordering::is_gt),
        CompareOp::Ge => value::order(left, right).is_some_and(Ordering::is_ge),
    }
}
