//! `DescribeTimeToLive`: `ENABLED` with the attribute, or `DISABLED`.

use dynamodel::Error;
use dynamodel::model::{
    DescribeTimeToLiveInput, DescribeTimeToLiveOutput, TimeToLiveDescription, TimeToLiveStatus,
};

use crate::engine::Shared;
use crate::messages::{self, Violations};

pub(crate) fn run(
    shared: &Shared,
    input: DescribeTimeToLiveInput,
) -> Result<DescribeTimeToLiveOutput, Error> {
    let mut violations = Violations::new();
    super::check_table_name(&mut violations, &input.table_name);
    violations.finish()?;
    let table = shared
        .tables
        .get(&input.table_name)
        .ok_or_else(|| messages::table_not_found(&input.table_name))?;
    let attribute = table.time_to_live.read().clone();
    let status = if attribute.is_some() {
        TimeToLiveStatus::Enabled
    } else {
        TimeToLiveStatus::Disabled
    };
    Ok(DescribeTimeToLiveOutput {
        time_to_live_description: Some(TimeToLiveDescription {
            time_to_live_status: Some(status),
            attribute_name: attribute,
        }),
    })
}
