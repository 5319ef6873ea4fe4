//! `TagResource`: adds tags to a table; a key it already has gets the new value.
//!
//! Order ([dynalite], [capture]): the `ResourceArn` constraint; the ARN's form; `Tags` not
//! empty; each tag (key, reserved prefix, value) and no key twice; the table; then the limit
//! of 50 tags, counted on the merged set. All or nothing: a rejected request changes no tag.
//! The change is visible at once (DynamoDB takes about two seconds).

use dynamodel::Error;
use dynamodel::model::{TagResourceInput, TagResourceOutput};

use crate::engine::Shared;
use crate::messages::{Violations, tags as msg};
use crate::validate::tags;

pub(crate) fn run(shared: &Shared, input: TagResourceInput) -> Result<TagResourceOutput, Error> {
    let mut violations = Violations::new();
    tags::check_arn_length(&mut violations, &input.resource_arn);
    violations.finish()?;
    let name = tags::table_name(&shared.config, &input.resource_arn)?;
    if input.tags.is_empty() {
        return Err(msg::no_tags());
    }
    tags::check_tags(&input.tags)?;
    let table = super::tagged_table(shared, name, &input.resource_arn)?;
    let mut current = table.tags.write();
    let added = input
        .tags
        .iter()
        .filter(|tag| !current.contains_key(&tag.key))
        .count();
    if current.len() + added > tags::MAX_TAGS {
        return Err(msg::too_many());
    }
    for tag in input.tags {
        current.insert(tag.key, tag.value);
    }
    Ok(TagResourceOutput {})
}
