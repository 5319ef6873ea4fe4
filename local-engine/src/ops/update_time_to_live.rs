//! `UpdateTimeToLive`: turns time to live on (naming the expiry attribute) or off.
//!
//! Order of checks: the table name and attribute name constraints; the table; then the
//! change must be one: naming another attribute than the enabled one (to enable or to
//! disable), enabling where it is on, or disabling where it is off, is rejected.
//! The change takes effect at once (DynamoDB passes through `ENABLING` for up to an hour).

use dynamodel::Error;
use dynamodel::model::{UpdateTimeToLiveInput, UpdateTimeToLiveOutput};

use crate::engine::Shared;
use crate::messages::{self, Violations, ttl as msg};

/// The longest attribute name.
const MAX_ATTRIBUTE_NAME: usize = 255;

pub(crate) fn run(
    shared: &Shared,
    input: UpdateTimeToLiveInput,
) -> Result<UpdateTimeToLiveOutput, Error> {
    let spec = &input.time_to_live_specification;
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    let member = "timeToLiveSpecification.attributeName";
    if spec.attribute_name.is_empty() {
        violations.min_length(&spec.attribute_name, member, 1);
    } else if spec.attribute_name.len() > MAX_ATTRIBUTE_NAME {
        violations.max_length(&spec.attribute_name, member, MAX_ATTRIBUTE_NAME);
    }
    violations.finish()?;
    let table = shared
        .tables
        .get(&input.table_name)
        .ok_or_else(|| messages::table_not_found(&input.table_name))?;
    let mut current = table.time_to_live.write();
    match (&*current, spec.enabled) {
        (Some(name), _) if *name != spec.attribute_name => {
            return Err(msg::other_attribute(name));
        }
        (Some(_), true) => return Err(msg::already_enabled()),
        (None, false) => return Err(msg::already_disabled()),
        (_, enabled) => {
            *current = enabled.then(|| spec.attribute_name.clone());
        }
    }
    Ok(UpdateTimeToLiveOutput {
        time_to_live_specification: Some(input.time_to_live_specification),
    })
}
