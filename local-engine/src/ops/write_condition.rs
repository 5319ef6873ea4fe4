//! The condition of a single-item write (PutItem, UpdateItem, DeleteItem): a
//! `ConditionExpression` or the legacy `Expected` with `ConditionalOperator`.
//!
//! The condition is parsed and checked before the table lookup, then evaluated against the
//! stored item while the caller holds the table's write lock, so nothing can change the item
//! between the check and the write. A false condition is a `ConditionalCheckFailedException`
//! carrying the old item when `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`.

use std::collections::BTreeMap;

use dynamodel::model::{
    ConditionalOperator, ExpectedAttributeValue, ReturnConsumedCapacity,
    ReturnItemCollectionMetrics, ReturnValue, ReturnValuesOnConditionCheckFailure,
};
use dynamodel::{Error, Item};

use crate::engine::Shared;
use crate::expr::{Cond, Placeholders, check, legacy};
use crate::messages::{self, Layer, Violations};
use crate::validate;

/// The condition parameters of a write request.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ConditionParams<'a> {
    pub(crate) expression: Option<&'a str>,
    pub(crate) expected: Option<&'a BTreeMap<String, ExpectedAttributeValue>>,
    pub(crate) operator: Option<&'a ConditionalOperator>,
}

impl ConditionParams<'_> {
    /// Rejects a request mixing `Expected`/`ConditionalOperator` with `ConditionExpression`
    /// (and, for UpdateItem, the other parameters in `legacy`/`expressions` after these).
    pub(crate) fn reject_mixed(
        &self,
        legacy: &[(bool, &str)],
        expressions: &[(bool, &str)],
    ) -> Result<(), Error> {
        let mut legacy_all = vec![
            (self.expected.is_some(), "Expected"),
            (self.operator.is_some(), "ConditionalOperator"),
        ];
        legacy_all.splice(0..0, legacy.iter().copied());
        let mut expressions_all = expressions.to_vec();
        expressions_all.push((self.expression.is_some(), "ConditionExpression"));
        super::reject_mixed(Layer::Enveloped, &legacy_all, &expressions_all)
    }
}

/// The checked condition, if the request has one.
pub(crate) fn prepare<'a>(
    shared: &Shared,
    params: ConditionParams<'a>,
    placeholders: &mut Placeholders<'a>,
) -> Result<Option<Cond<'a>>, Error> {
    let Some(source) = params.expression else {
        return legacy::expected(params.expected, params.operator, placeholders.layer());
    };
    super::expression("ConditionExpression", source, placeholders.layer(), || {
        let parsed = shared.expressions.condition(source);
        let condition = parsed.as_ref().as_ref().map_err(|e| e.detail.clone())?;
        check::condition(condition, placeholders)
    })
    .map(Some)
}

/// Evaluates `condition` against the stored item (`None`: no item).
pub(crate) fn enforce(
    condition: Option<&Cond<'_>>,
    old: Option<&Item>,
    on_failure: Option<&ReturnValuesOnConditionCheckFailure>,
) -> Result<(), Error> {
    match condition {
        Some(condition) if !condition.eval(old) => {
            let return_old = matches!(
                on_failure,
                Some(ReturnValuesOnConditionCheckFailure::AllOld)
            );
            Err(messages::conditional_check_failed(
                old.filter(|_| return_old).cloned(),
            ))
        }
        _ => Ok(()),
    }
}

/// The members every single-item write (PutItem, UpdateItem, DeleteItem) shares, for the
/// parameter-constraint checks DynamoDB runs before anything else.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WriteMembers<'a> {
    pub(crate) table_name: &'a str,
    pub(crate) return_values: Option<&'a ReturnValue>,
    pub(crate) return_consumed_capacity: Option<&'a ReturnConsumedCapacity>,
    pub(crate) return_item_collection_metrics: Option<&'a ReturnItemCollectionMetrics>,
    pub(crate) on_failure: Option<&'a ReturnValuesOnConditionCheckFailure>,
    pub(crate) conditional_operator: Option<&'a ConditionalOperator>,
    pub(crate) expected: Option<&'a BTreeMap<String, ExpectedAttributeValue>>,
}

impl WriteMembers<'_> {
    /// Records the shared constraint violations; the caller adds its own and finishes.
    pub(crate) fn check(&self, violations: &mut Violations) {
        super::check_table_name(violations, self.table_name);
        validate::return_values(violations, self.return_values);
        validate::return_consumed_capacity(violations, self.return_consumed_capacity);
        validate::return_item_collection_metrics(violations, self.return_item_collection_metrics);
        if let Some(ReturnValuesOnConditionCheckFailure::Unknown(other)) = self.on_failure {
            let allowed = ReturnValuesOnConditionCheckFailure::VALUES;
            violations.enum_value(other, "returnValuesOnConditionCheckFailure", allowed);
        }
        validate::conditional_operator(violations, self.conditional_operator);
        validate::comparison_operators(
            violations,
            "expected",
            self.expected
                .into_iter()
                .flatten()
                .map(|(name, e)| (name, e.comparison_operator.as_ref())),
        );
    }
}
