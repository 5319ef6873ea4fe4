//! `ListTagsOfResource`: a table's tags, in key order.
//!
//! Order: the `ResourceArn` constraint; the ARN's form; the table. DynamoDB returns up to 50
//! tags (the most a table can have) in one page without a `NextToken` ([capture]); so does
//! the engine, and it never issues a `NextToken`. A `NextToken` it did not issue is ignored
//! (DynamoDB's answer to one is not known; see `docs/compatibility.md`).

use dynamodel::Error;
use dynamodel::model::{ListTagsOfResourceInput, ListTagsOfResourceOutput, Tag};

use crate::engine::Shared;
use crate::messages::Violations;
use crate::validate::tags;

pub(crate) fn run(
    shared: &Shared,
    input: ListTagsOfResourceInput,
) -> Result<ListTagsOfResourceOutput, Error> {
    let mut violations = Violations::new();
    tags::check_arn_length(&mut violations, &input.resource_arn);
    violations.finish()?;
    let name = tags::table_name(&shared.config, &input.resource_arn)?;
    let table = super::tagged_table(shared, name, &input.resource_arn)?;
    let tags = table
        .tags
        .read()
        .iter()
        .map(|(key, value)| Tag {
            key: key.clone(),
            value: value.clone(),
        })
        .collect();
    Ok(ListTagsOfResourceOutput {
        tags,
        next_token: None,
    })
}
