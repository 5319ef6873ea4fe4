//! Key attributes are scalars: no expression may step into one (`pk.x`, `sk[0]`, `#k.x`). A
//! projection, a filter, a condition or an update's operand that does is rejected once the
//! table is known, whatever the item holds (DynamoDB Local 3.3.0; dynalite checks projections
//! the same way). The key attributes are tried in schema order, so `sk[0], pk.x` reports `pk`.
//!
//! The key attributes of every secondary index of the table count too, whichever index the
//! request reads (`IndexKey: g`), after the table's own, index by index in the table's order;
//! for them an update's written paths count as well (`SET g.x = :v`), as DynamoDB Local
//! rejects those with the same text.
//!
//! Paths that name a whole key attribute are other rules' business (a Query filter may not
//! read one, an update may not write one); a Query filter's nested paths are reported in
//! source order by `selection::reject_key_paths`, which runs first.

use dynamodel::Error;

use crate::expr::document::DocPath;
use crate::expr::update::{Action, Plan, Value};
use crate::expr::{Cond, Projection};
use crate::messages::{index as index_msg, read};
use crate::storage::Table;

/// The attributes some expression of a request steps into.
#[derive(Debug, Default)]
pub(crate) struct NestedHeads<'a> {
    heads: Vec<&'a str>,
    /// Nested heads of the paths an update writes (checked against index keys only: writing
    /// into a table key attribute is an error of its own).
    written: Vec<&'a str>,
}

impl<'a> NestedHeads<'a> {
    pub(crate) fn new() -> Self {
        NestedHeads::default()
    }

    /// The paths a condition or filter reads.
    pub(crate) fn condition(mut self, condition: Option<&'a Cond<'_>>) -> Self {
        let mut paths = Vec::new();
        if let Some(condition) = condition {
            condition.paths(&mut paths);
        }
        self.heads.extend(paths.into_iter().filter_map(nested_head));
        self
    }

    /// The paths a projection selects.
    pub(crate) fn projection(mut self, projection: Option<&'a Projection>) -> Self {
        self.heads
            .extend(projection.into_iter().flat_map(Projection::nested_heads));
        self
    }

    /// The paths an update reads its values from (not the paths it writes).
    pub(crate) fn update_operands(mut self, plan: &'a Plan<'_>) -> Self {
        for action in &plan.actions {
            if let Action::Set(_, value) = action {
                operand_heads(value, &mut self.heads);
            }
        }
        self
    }

    /// The paths an update writes.
    pub(crate) fn update_targets(mut self, plan: &'a Plan<'_>) -> Self {
        self.written.extend(
            plan.actions
                .iter()
                .filter_map(|action| nested_head(action.path())),
        );
        self
    }

    /// Fails for the first key attribute, in schema order, that some path steps into: the
    /// table's key, then the index keys. Takes the table's read lock briefly (the indexes can
    /// change with UpdateTable), so the caller must not hold it.
    pub(crate) fn reject_keys(&self, table: &Table) -> Result<(), Error> {
        let schema = &table.definition.key_schema;
        let keys = std::iter::once(&schema.hash).chain(schema.range.as_ref());
        if let Some(key) = keys
            .map(|key| key.name.as_str())
            .find(|key| self.heads.contains(key))
        {
            return Err(read::nested_key_path(key));
        }
        if self.heads.is_empty() && self.written.is_empty() {
            return Ok(());
        }
        let data = table.data.read();
        let stepped_into = |name: &str| self.heads.contains(&name) || self.written.contains(&name);
        match data
            .indexes
            .iter()
            .flat_map(|index| index.key.attributes())
            .find(|attribute| stepped_into(&attribute.name))
        {
            Some(attribute) => Err(index_msg::nested_index_key(&attribute.name)),
            None => Ok(()),
        }
    }
}

fn nested_head(path: &DocPath) -> Option<&str> {
    (path.steps.len() > 1).then(|| path.head())
}

fn operand_heads<'a>(value: &'a Value<'_>, out: &mut Vec<&'a str>) {
    match value {
        Value::Path(path) => out.extend(nested_head(path)),
        Value::Const(_) => {}
        Value::IfNotExists(path, default) => {
            out.extend(nested_head(path));
            operand_heads(default, out);
        }
        Value::ListAppend(a, b) | Value::Arith(_, a, b) => {
            operand_heads(a, out);
            operand_heads(b, out);
        }
    }
}
