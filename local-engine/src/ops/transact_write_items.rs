//! `TransactWriteItems`: up to 100 Put, Update, Delete and ConditionCheck actions, applied all
//! or none.
//!
//! Order of checks: parameter constraints (1 to 100 actions); each action has exactly one
//! kind; each action as its single-item operation checks it (placeholders, key, expressions,
//! table, key against the schema); no two actions on one item; at most 4 MB of items; the
//! client request token. Then the transaction takes the write lock of every table it touches,
//! in ascending table-name order (every multi-table lock holder uses that order, single-item
//! operations hold one lock, so nothing deadlocks), evaluates every condition and computes
//! every new item against one unchanging state, and only if all pass writes them all before
//! releasing any lock: other operations see all of the transaction or none of it.
//!
//! A false condition is reason `ConditionalCheckFailed` (with the item when asked); a key
//! attribute of the wrong type, an update of a key attribute, an update that cannot apply or
//! grows an item past 400 KB are `ValidationError`; a write that would grow its item collection
//! past 10 GB is `ItemCollectionSizeLimitExceeded`; the others are `None`. Capacity is twice
//! the single-item cost of each action, index writes included (a `ConditionCheck` costs writes
//! too), per table, with the write units named.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use dynamodel::error::CancellationReason;
use dynamodel::model::{
    ReturnValuesOnConditionCheckFailure, TransactWriteItem, TransactWriteItemsInput,
    TransactWriteItemsOutput,
};
use dynamodel::{Error, Item};

use super::key_paths::NestedHeads;
use super::update_item;
use super::write_condition::{self, ConditionParams};
use crate::capacity::{self, Consumed, Kind};
use crate::engine::Shared;
use crate::expr::update::{Plan, apply};
use crate::expr::{Cond, Placeholders, Uses};
use crate::messages::{self, Layer, Violations, transaction as msg, update as update_msg};
use crate::size::{MAX_ITEM_BYTES, item_size};
use crate::storage::item_collections::{self, Change};
use crate::storage::{KeySchema, KeyValue, StorageKey, StoredItem, Table, TableData};
use crate::tokens::Claim;
use crate::validate::{self, key, value};

/// At most this many actions.
pub(crate) const MAX_ACTIONS: usize = 100;
/// At most this many bytes of items in one transaction.
pub(crate) const MAX_TRANSACTION_BYTES: usize = 4 * 1024 * 1024;

/// What an action does once its condition holds.
enum Write<'a> {
    Check,
    Put(&'a Item, usize),
    Delete,
    Update(Plan<'a>, &'a Item),
}

/// One checked action.
struct Action<'a> {
    table: Arc<Table>,
    key: StorageKey,
    condition: Option<Cond<'a>>,
    return_old: bool,
    write: Write<'a>,
}

/// An action as checked: ready to run, or invalid in a way DynamoDB reports as the action's
/// `ValidationError` cancellation reason, not as the request's error (a key attribute of the
/// wrong type, an update of a key attribute).
enum Prepared<'a> {
    Ready(Box<Action<'a>>),
    Invalid(Error),
}

impl<'a> Prepared<'a> {
    fn ready(&self) -> Option<&Action<'a>> {
        match self {
            Prepared::Ready(action) => Some(action.as_ref()),
            Prepared::Invalid(_) => None,
        }
    }
}

/// The outcome of one action under the locks.
enum Outcome {
    Keep,
    Store(StoredItem),
    Remove,
}

pub(crate) fn run(
    shared: &Shared,
    input: TransactWriteItemsInput,
) -> Result<TransactWriteItemsOutput, Error> {
    check_constraints(&input)?;
    let actions = input
        .transact_items
        .iter()
        .map(|item| prepare(shared, item))
        .collect::<Result<Vec<_>, Error>>()?;
    let mut seen = BTreeSet::new();
    let mut bytes = 0usize;
    for (prepared, item) in actions.iter().zip(&input.transact_items) {
        if let Some(action) = prepared.ready()
            && !seen.insert((action.table.definition.name.as_str(), &action.key))
        {
            return Err(msg::one_item_twice());
        }
        bytes = bytes.saturating_add(request_bytes(item));
    }
    if bytes > MAX_TRANSACTION_BYTES {
        return Err(msg::too_large());
    }
    let Some(token) = input.client_request_token.as_deref() else {
        return execute(&input, &actions);
    };
    let mut request = input.clone();
    request.client_request_token = None;
    match shared.tokens.claim(token, &request, shared.clock.now())? {
        Claim::Replay(output) => Ok(output),
        Claim::Run => {
            let result = execute(&input, &actions);
            shared
                .tokens
                .finish(token, result.as_ref().ok(), shared.clock.now());
            result
        }
    }
}

/// Runs checked actions under the write locks of their tables.
fn execute(
    input: &TransactWriteItemsInput,
    actions: &[Prepared<'_>],
) -> Result<TransactWriteItemsOutput, Error> {
    let tables: BTreeMap<&str, &Arc<Table>> = actions
        .iter()
        .filter_map(Prepared::ready)
        .map(|a| (a.table.definition.name.as_str(), &a.table))
        .collect();
    // Ascending name order: see the module comment.
    let mut guards: BTreeMap<&str, parking_lot::RwLockWriteGuard<'_, TableData>> = tables
        .iter()
        .map(|(name, table)| (*name, table.data.write()))
        .collect();
    let mut outcomes = Vec::with_capacity(actions.len());
    let mut reasons = Vec::with_capacity(actions.len());
    let mut failed = false;
    // The item collection changes so far, per table and partition.
    let mut growth: BTreeMap<(&str, &KeyValue), Change> = BTreeMap::new();
    for prepared in actions {
        let action = match prepared {
            Prepared::Ready(action) => action,
            Prepared::Invalid(error) => {
                failed = true;
                reasons.push(reason(msg::VALIDATION_ERROR, Some(error.message()), None));
                continue;
            }
        };
        let data = guards.get(action.table.definition.name.as_str());
        let old = data.and_then(|d| d.items.get(&action.key));
        let old_item = old.map(StoredItem::item).transpose()?;
        let mut evaluated = evaluate(action, old_item, data.map(|d| &**d));
        if let (Ok(outcome), Some(data)) = (&evaluated, data)
            && let Some(new) = stored_change(outcome)
        {
            let change = data.collection_change(&action.key, new)?;
            let partition = (action.table.definition.name.as_str(), &action.key.partition);
            let total = growth.entry(partition).or_default();
            *total = total.then(change);
            if let Err(error) = data.check_collection(&action.key.partition, *total) {
                evaluated = Err(reason(
                    msg::ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED,
                    Some(error.message()),
                    None,
                ));
            }
        }
        match evaluated {
            Ok(outcome) => {
                let units = capacity::write_units(write_size(old, &outcome));
                outcomes.push((outcome, units));
                reasons.push(reason(msg::NONE, None, None));
            }
            Err(reason) => {
                failed = true;
                reasons.push(reason);
            }
        }
    }
    if failed {
        return Err(msg::canceled(reasons));
    }
    let mut consumed_by_table: BTreeMap<&str, Consumed> = BTreeMap::new();
    let mut partitions_by_table: BTreeMap<&str, Vec<&KeyValue>> = BTreeMap::new();
    for (action, (outcome, units)) in actions.iter().filter_map(Prepared::ready).zip(outcomes) {
        let name = action.table.definition.name.as_str();
        let Some(data) = guards.get_mut(name) else {
            continue;
        };
        let new = match outcome {
            Outcome::Keep => None,
            Outcome::Store(stored) => Some(Some(stored)),
            Outcome::Remove => Some(None),
        };
        let consumed = match new {
            Some(new) => {
                let written = data.write(action.key.clone(), new)?;
                Consumed::write(units, &data.indexes, &written.entries)
            }
            None => Consumed::from(units),
        };
        consumed_by_table
            .entry(name)
            .or_default()
            .add(&consumed.times(2.0));
        if !matches!(action.write, Write::Check) {
            let partitions = partitions_by_table.entry(name).or_default();
            if !partitions.contains(&&action.key.partition) {
                partitions.push(&action.key.partition);
            }
        }
    }
    let metrics: BTreeMap<String, Vec<_>> = partitions_by_table
        .into_iter()
        .filter(|_| item_collections::requested(input.return_item_collection_metrics.as_ref()))
        .filter_map(|(name, partitions)| {
            let data = guards.get(name)?;
            let table = tables.get(name)?;
            let hash = &table.definition.key_schema.hash;
            let metrics: Vec<_> = partitions
                .into_iter()
                .filter_map(|partition| data.collection_metrics(hash, partition))
                .collect();
            (!metrics.is_empty()).then(|| (name.to_owned(), metrics))
        })
        .collect();
    drop(guards);
    let consumed: Option<Vec<_>> = consumed_by_table
        .into_iter()
        .map(|(name, consumed)| {
            capacity::report_transactional(
                input.return_consumed_capacity.as_ref(),
                name,
                consumed,
                Kind::Write,
            )
        })
        .collect();
    Ok(TransactWriteItemsOutput {
        consumed_capacity: consumed,
        item_collection_metrics: (!metrics.is_empty()).then_some(metrics),
    })
}

/// The item an outcome stores (`Some(None)` for a removal), or `None` when it writes nothing.
fn stored_change(outcome: &Outcome) -> Option<Option<&StoredItem>> {
    match outcome {
        Outcome::Keep => None,
        Outcome::Store(stored) => Some(Some(stored)),
        Outcome::Remove => Some(None),
    }
}

fn reason(code: &str, message: Option<&str>, item: Option<Item>) -> CancellationReason {
    CancellationReason {
        code: code.to_owned(),
        message: message.map(str::to_owned),
        item,
    }
}

/// The action against the item as it is (`old`, decoded), on a table whose data is `data`;
/// `Err` is its cancellation reason.
fn evaluate(
    action: &Action<'_>,
    old: Option<Item>,
    data: Option<&TableData>,
) -> Result<Outcome, CancellationReason> {
    if let Some(condition) = &action.condition
        && !condition.eval(old.as_ref())
    {
        let item = old.filter(|_| action.return_old);
        let message = match action.write {
            Write::Check => msg::CHECK_FAILED_MESSAGE,
            _ => messages::CONDITIONAL_REQUEST_FAILED,
        };
        return Err(reason(msg::CONDITIONAL_CHECK_FAILED, Some(message), item));
    }
    let invalid = |error: Error| reason(msg::VALIDATION_ERROR, Some(error.message()), None);
    let index_keys = |item: &Item| match data {
        Some(data) => data.check_index_keys(item).map_err(invalid),
        None => Ok(()),
    };
    match &action.write {
        Write::Check => Ok(Outcome::Keep),
        Write::Delete => Ok(Outcome::Remove),
        Write::Put(item, size) => {
            index_keys(item)?;
            Ok(Outcome::Store(StoredItem::new(item, *size)))
        }
        Write::Update(plan, key) => {
            if old.is_none() && plan.only_removes() {
                return Ok(Outcome::Keep);
            }
            // Applied to the decoded old item itself: nothing else needs it now.
            let item = apply::apply(plan, old, key).map_err(invalid)?;
            let size = item_size(&item);
            if size > MAX_ITEM_BYTES {
                return Err(invalid(update_msg::item_too_large()));
            }
            index_keys(&item)?;
            Ok(Outcome::Store(StoredItem::new(&item, size)))
        }
    }
}

fn write_size(old: Option<&StoredItem>, outcome: &Outcome) -> usize {
    let old = old.map_or(0, |o| o.size);
    match outcome {
        Outcome::Store(new) => old.max(new.size),
        Outcome::Keep | Outcome::Remove => old,
    }
}

/// The bytes an action contributes to the 4 MB limit: its item or key.
fn request_bytes(item: &TransactWriteItem) -> usize {
    let of = |item: &Item| item_size(item);
    if let Some(put) = &item.put {
        return of(&put.item);
    }
    if let Some(update) = &item.update {
        return of(&update.key);
    }
    if let Some(delete) = &item.delete {
        return of(&delete.key);
    }
    item.condition_check.as_ref().map_or(0, |c| of(&c.key))
}

/// The parts every action has, whatever its kind.
struct Common<'a> {
    table_name: &'a str,
    key_or_item: &'a Item,
    names: Option<&'a dynamodel::model::ExpressionAttributeNames>,
    values: Option<&'a dynamodel::model::ExpressionAttributeValues>,
    condition: Option<&'a str>,
    update: Option<&'a str>,
    on_failure: Option<&'a ReturnValuesOnConditionCheckFailure>,
}

/// Checks one action as its single-item operation would.
fn prepare<'a>(shared: &Shared, item: &'a TransactWriteItem) -> Result<Prepared<'a>, Error> {
    let kinds = [
        item.condition_check.is_some(),
        item.put.is_some(),
        item.delete.is_some(),
        item.update.is_some(),
    ];
    match kinds.iter().filter(|k| **k).count() {
        0 => return Err(msg::no_action()),
        1 => {}
        _ => return Err(msg::one_action_per_item()),
    }
    let common = if let Some(c) = &item.condition_check {
        Common {
            table_name: &c.table_name,
            key_or_item: &c.key,
            names: c.expression_attribute_names.as_ref(),
            values: c.expression_attribute_values.as_ref(),
            condition: Some(&c.condition_expression),
            update: None,
            on_failure: c.return_values_on_condition_check_failure.as_ref(),
        }
    } else if let Some(p) = &item.put {
        Common {
            table_name: &p.table_name,
            key_or_item: &p.item,
            names: p.expression_attribute_names.as_ref(),
            values: p.expression_attribute_values.as_ref(),
            condition: p.condition_expression.as_deref(),
            update: None,
            on_failure: p.return_values_on_condition_check_failure.as_ref(),
        }
    } else if let Some(d) = &item.delete {
        Common {
            table_name: &d.table_name,
            key_or_item: &d.key,
            names: d.expression_attribute_names.as_ref(),
            values: d.expression_attribute_values.as_ref(),
            condition: d.condition_expression.as_deref(),
            update: None,
            on_failure: d.return_values_on_condition_check_failure.as_ref(),
        }
    } else if let Some(u) = &item.update {
        Common {
            table_name: &u.table_name,
            key_or_item: &u.key,
            names: u.expression_attribute_names.as_ref(),
            values: u.expression_attribute_values.as_ref(),
            condition: u.condition_expression.as_deref(),
            update: Some(&u.update_expression),
            on_failure: u.return_values_on_condition_check_failure.as_ref(),
        }
    } else {
        return Err(msg::one_action_per_item());
    };
    check_action_constraints(&common)?;
    let any_expression = common.condition.is_some() || common.update.is_some();
    let mut placeholders = Placeholders::new(
        common.names,
        common.values,
        Uses {
            any_expression,
            value_expression: any_expression,
        },
        Layer::Current,
    )?;
    value::check_item(common.key_or_item, Layer::Current)?;
    let plan = common
        .update
        .map(|source| update_item::expression_plan(shared, source, &mut placeholders))
        .transpose()?;
    let params = ConditionParams {
        expression: common.condition,
        expected: None,
        operator: None,
    };
    let condition = write_condition::prepare(shared, params, &mut placeholders)?;
    placeholders.finish()?;
    let table = super::item_table(shared, common.table_name)?;
    let schema = &table.definition.key_schema;
    if let Some(error) = mistyped_key(schema, item.put.is_some(), common.key_or_item) {
        return Ok(Prepared::Invalid(error));
    }
    let storage_key = if item.put.is_some() {
        key::item_key(schema, common.key_or_item)?
    } else {
        key::key_map(schema, common.key_or_item)?
    };
    let mut heads = NestedHeads::new().condition(condition.as_ref());
    if let Some(plan) = &plan {
        if let Some(action) = plan.actions.iter().find(|a| schema.is_key(a.path().head())) {
            return Ok(Prepared::Invalid(update_msg::key_attribute(
                action.path().head(),
            )));
        }
        heads = heads.update_operands(plan).update_targets(plan);
    }
    heads.reject_keys(&table)?;
    let write = match (plan, &item.put, &item.delete) {
        (Some(plan), _, _) => Write::Update(plan, common.key_or_item),
        (None, Some(put), _) => {
            let size = item_size(&put.item);
            if size > MAX_ITEM_BYTES {
                return Err(messages::item_too_large());
            }
            Write::Put(&put.item, size)
        }
        (None, None, Some(_)) => Write::Delete,
        (None, None, None) => Write::Check,
    };
    Ok(Prepared::Ready(Box::new(Action {
        table,
        key: storage_key,
        condition,
        return_old: matches!(
            common.on_failure,
            Some(ReturnValuesOnConditionCheckFailure::AllOld)
        ),
        write,
    })))
}

/// A key attribute of the wrong type, as the action's `ValidationError` reason: DynamoDB
/// cancels the transaction for it (checked against DynamoDB in four regions:
/// paritysuite/dynamodb-conformance#46 and #60), where a key with missing or extra attributes
/// or an empty value rejects the request. A lookup key's reason is the schema mismatch, a Put's
/// the type mismatch PutItem reports.
fn mistyped_key(schema: &KeySchema, is_put: bool, key_or_item: &Item) -> Option<Error> {
    if !is_put && key_or_item.len() != schema.len() {
        return None;
    }
    let (attribute, value) = key::mistyped(schema, key_or_item)?;
    Some(if is_put {
        messages::key_type_mismatch(
            &attribute.name,
            attribute.kind.as_str(),
            value.attribute_type().as_str(),
        )
    } else {
        messages::key_schema_mismatch()
    })
}

fn check_action_constraints(common: &Common<'_>) -> Result<(), Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, common.table_name);
    if let Some(ReturnValuesOnConditionCheckFailure::Unknown(other)) = common.on_failure {
        let allowed = ReturnValuesOnConditionCheckFailure::VALUES;
        violations.enum_value(other, "returnValuesOnConditionCheckFailure", allowed);
    }
    violations.finish()
}

fn check_constraints(input: &TransactWriteItemsInput) -> Result<(), Error> {
    let mut violations = Violations::new();
    let count = input.transact_items.len();
    if count == 0 {
        violations.min_items("TransactItems", 1);
    } else if count > MAX_ACTIONS {
        violations.max_items("TransactItems", MAX_ACTIONS);
    }
    validate::return_consumed_capacity(&mut violations, input.return_consumed_capacity.as_ref());
    validate::return_item_collection_metrics(
        &mut violations,
        input.return_item_collection_metrics.as_ref(),
    );
    if let Some(token) = &input.client_request_token {
        if token.is_empty() {
            violations.min_length(token, "clientRequestToken", 1);
        } else if token.chars().count() > 36 {
            violations.max_length(token, "clientRequestToken", 36);
        }
    }
    violations.finish()
}
