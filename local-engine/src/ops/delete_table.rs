//! `DeleteTable`: the table disappears at once; the response describes it as `DELETING`.

use dynamodel::Error;
use dynamodel::model::{DeleteTableInput, DeleteTableOutput, TableStatus};

use crate::engine::Shared;
use crate::messages::{self, Violations};

pub(crate) fn run(shared: &Shared, input: DeleteTableInput) -> Result<DeleteTableOutput, Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    violations.finish()?;
    let table = shared
        .tables
        .get(&input.table_name)
        .ok_or_else(|| messages::table_not_found(&input.table_name))?;
    if table.data.read().settings.deletion_protection {
        return Err(messages::deletion_protected());
    }
    let table = shared
        .tables
        .remove(&input.table_name)
        .ok_or_else(|| messages::table_not_found(&input.table_name))?;
    Ok(DeleteTableOutput {
        table_description: Some(table.describe(TableStatus::Deleting, shared.clock.now())),
    })
}
