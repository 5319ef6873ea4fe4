//! UpdateTimeToLive and DescribeTimeToLive.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types as sdk;

use super::error::from_sdk;
use super::table::built;
use crate::error::Result;
use crate::model::{
    DescribeTimeToLiveInput, DescribeTimeToLiveOutput, TimeToLiveDescription,
    TimeToLiveSpecification, TimeToLiveStatus, UpdateTimeToLiveInput, UpdateTimeToLiveOutput,
};

pub(crate) async fn update_time_to_live(
    client: &Client,
    input: UpdateTimeToLiveInput,
) -> Result<UpdateTimeToLiveOutput> {
    let spec = input.time_to_live_specification;
    let spec = built(
        "TimeToLiveSpecification",
        sdk::TimeToLiveSpecification::builder()
            .enabled(spec.enabled)
            .attribute_name(spec.attribute_name)
            .build(),
    )?;
    let output = client
        .update_time_to_live()
        .table_name(input.table_name)
        .time_to_live_specification(spec)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(UpdateTimeToLiveOutput {
        time_to_live_specification: output.time_to_live_specification.map(|spec| {
            TimeToLiveSpecification {
                enabled: spec.enabled,
                attribute_name: spec.attribute_name,
            }
        }),
    })
}

pub(crate) async fn describe_time_to_live(
    client: &Client,
    input: DescribeTimeToLiveInput,
) -> Result<DescribeTimeToLiveOutput> {
    let output = client
        .describe_time_to_live()
        .table_name(input.table_name)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(DescribeTimeToLiveOutput {
        time_to_live_description: output
            .time_to_live_description
            .map(|d| TimeToLiveDescription {
                time_to_live_status: d
                    .time_to_live_status
                    .map(|s| TimeToLiveStatus::from_wire(s.as_str())),
                attribute_name: d.attribute_name,
            }),
    })
}
