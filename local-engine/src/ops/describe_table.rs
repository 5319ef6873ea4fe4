//! `DescribeTable`: tables are `ACTIVE` from the moment CreateTable returns.

use dynamodel::Error;
use dynamodel::model::{DescribeTableInput, DescribeTableOutput, TableStatus};

use crate::engine::Shared;
use crate::messages::{self, Violations};

pub(crate) fn run(
    shared: &Shared,
    input: DescribeTableInput,
) -> Result<DescribeTableOutput, Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    violations.finish()?;
    let table = shared
        .tables
        .get(&input.table_name)
        .ok_or_else(|| messages::table_not_found(&input.table_name))?;
    Ok(DescribeTableOutput {
        table: Some(table.describe(TableStatus::Active, shared.clock.now())),
    })
}
