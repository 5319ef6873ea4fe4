//! `UntagResource`: removes tags from a table by key; keys it does not have are ignored.
//!
//! Order ([dynalite], [capture]): the `ResourceArn` constraint; the ARN's form; `TagKeys` not
//! empty; each key valid and at most 50 of them; then the table.

use dynamodel::Error;
use dynamodel::model::{UntagResourceInput, UntagResourceOutput};

use crate::engine::Shared;
use crate::messages::{Violations, tags as msg};
use crate::validate::tags;

pub(crate) fn run(
    shared: &Shared,
    input: UntagResourceInput,
) -> Result<UntagResourceOutput, Error> {
    let mut violations = Violations::new();
    tags::check_arn_length(&mut violations, &input.resource_arn);
    violations.finish()?;
    let name = tags::table_name(&shared.config, &input.resource_arn)?;
    if input.tag_keys.is_empty() {
        return Err(msg::no_tag_keys());
    }
    tags::check_keys(&input.tag_keys)?;
    let table = super::tagged_table(shared, name, &input.resource_arn)?;
    let mut current = table.tags.write();
    for key in &input.tag_keys {
        current.remove(key);
    }
    Ok(UntagResourceOutput {})
}
