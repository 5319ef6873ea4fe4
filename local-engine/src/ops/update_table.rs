//! `UpdateTable`: billing mode and throughput, streams, table class, deletion protection, and
//! one global secondary index created, updated or deleted per call.
//!
//! Order of checks: parameter constraints; that something is asked for; the table; billing
//! mode against throughput; the index changes. Every change takes effect at once, except that
//! a new index reports `CREATING` (see [`super::index_updates`]).

use dynamodel::Error;
use dynamodel::model::{BillingMode, TableClass, TableStatus, UpdateTableInput, UpdateTableOutput};

use super::index_updates;
use crate::engine::Shared;
use crate::messages::{self, Violations, table_update as msg};
use crate::storage::TableSettings;
use crate::storage::describe;

pub(crate) fn run(shared: &Shared, input: UpdateTableInput) -> Result<UpdateTableOutput, Error> {
    check_constraints(&input)?;
    let asks_something = input.billing_mode.is_some()
        || input.provisioned_throughput.is_some()
        || input
            .global_secondary_index_updates
            .as_ref()
            .is_some_and(|updates| !updates.is_empty())
        || input.stream_specification.is_some()
        || input.deletion_protection_enabled.is_some()
        || input.table_class.is_some();
    if !asks_something {
        return Err(msg::nothing_to_update());
    }
    let table = shared
        .tables
        .get(&input.table_name)
        .ok_or_else(|| messages::table_not_found(&input.table_name))?;
    let deleted = {
        let mut data = table.data.write();
        let mut settings = data.settings.clone();
        billing(&mut settings, &input)?;
        let deleted =
            index_updates::apply(&table, &mut data, &mut settings, &input, shared.clock.now())?;
        if let Some(stream) = input.stream_specification {
            settings.stream = Some(stream);
        }
        if let Some(protection) = input.deletion_protection_enabled {
            settings.deletion_protection = protection;
        }
        if let Some(class) = input.table_class {
            settings.table_class = Some(class);
        }
        data.settings = settings;
        deleted
    };
    let mut description = table.describe(TableStatus::Active, shared.clock.now());
    if let Some(index) = &deleted {
        description
            .global_secondary_indexes
            .get_or_insert_with(Vec::new)
            .push(describe::deleting_index(index));
    }
    Ok(UpdateTableOutput {
        table_description: Some(description),
    })
}

fn check_constraints(input: &UpdateTableInput) -> Result<(), Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    if let Some(BillingMode::Unknown(other)) = &input.billing_mode {
        violations.enum_value(other, "billingMode", BillingMode::VALUES);
    }
    if let Some(throughput) = &input.provisioned_throughput {
        super::create_table::check_throughput(&mut violations, throughput, "provisionedThroughput");
    }
    if let Some(updates) = &input.global_secondary_index_updates {
        index_updates::check_constraints(&mut violations, updates);
    }
    if let Some(TableClass::Unknown(other)) = &input.table_class {
        violations.enum_value(other, "tableClass", TableClass::VALUES);
    }
    violations.finish()
}

/// Applies the billing mode and throughput of `input` to `settings`.
fn billing(settings: &mut TableSettings, input: &UpdateTableInput) -> Result<(), Error> {
    let mode = input
        .billing_mode
        .clone()
        .unwrap_or_else(|| settings.billing_mode.clone());
    match (&mode, &input.provisioned_throughput) {
        (BillingMode::PayPerRequest, Some(_)) => Err(messages::throughput_forbidden()),
        (BillingMode::PayPerRequest, None) => {
            if settings.billing_mode != BillingMode::PayPerRequest {
                settings.on_demand_since = Some(super::create_table::now());
            }
            settings.billing_mode = BillingMode::PayPerRequest;
            settings.read_capacity = 0;
            settings.write_capacity = 0;
            Ok(())
        }
        (_, None) if settings.billing_mode == BillingMode::PayPerRequest => {
            Err(messages::throughput_required())
        }
        (_, None) => Ok(()),
        (_, Some(throughput)) => {
            let (read, write) = super::create_table::capacity(throughput)?;
            let current = (settings.read_capacity, settings.write_capacity);
            if settings.billing_mode == BillingMode::Provisioned && current == (read, write) {
                return Err(msg::throughput_unchanged(current, (read, write)));
            }
            settings.billing_mode = BillingMode::Provisioned;
            settings.read_capacity = read;
            settings.write_capacity = write;
            Ok(())
        }
    }
}
