//! `ListTables`: names in ascending order, `Limit` 1..=100 (default 100).

use dynamodel::Error;
use dynamodel::model::{ListTablesInput, ListTablesOutput};

use crate::engine::Shared;
use crate::messages::Violations;
use crate::validate;

const MAX_LIMIT: i32 = 100;

pub(crate) fn run(shared: &Shared, input: ListTablesInput) -> Result<ListTablesOutput, Error> {
    let mut violations = Violations::new();
    if let Some(start) = &input.exclusive_start_table_name {
        let member = "exclusiveStartTableName";
        validate::table_name(&mut violations, start, member, validate::CREATE_MIN_NAME);
    }
    if let Some(limit) = input.limit {
        if limit < 1 {
            violations.min_value(i64::from(limit), "limit", 1);
        }
        if limit > MAX_LIMIT {
            violations.max_value(i64::from(limit), "limit", i64::from(MAX_LIMIT));
        }
    }
    violations.finish()?;
    let limit = usize::try_from(input.limit.unwrap_or(MAX_LIMIT)).unwrap_or(0);
    let (table_names, more) = shared
        .tables
        .names(input.exclusive_start_table_name.as_deref(), limit);
    let last_evaluated_table_name = if more {
        table_names.last().cloned()
    } else {
        None
    };
    Ok(ListTablesOutput {
        table_names,
        last_evaluated_table_name,
    })
}
