//! A live table's tags: read with ListTagsOfResource, changed with TagResource and
//! UntagResource.
//!
//! Only the tags a migration names are managed: a step sets the tags of its `to` and removes
//! the keys of its `from` that `to` drops; tags added by hand are left alone (and `plan` shows
//! them as drift). Keys starting with `aws:` belong to AWS (CloudFormation sets some) and are
//! never read or changed.

use std::collections::BTreeMap;
use std::time::Instant;

use dynamodel::Backend;
use dynamodel::model::{ListTagsOfResourceInput, Tag, TagResourceInput, UntagResourceInput};

use super::error::{Error, Result};
use super::live::{self, Waiting};

/// Tag keys AWS reserves for itself.
const AWS_PREFIX: &str = "aws:";

/// Tags by key.
pub type Tags = BTreeMap<String, String>;

/// The tags of the table whose ARN is `arn` (`aws:` keys left out), or `None` when the target
/// does not implement tagging (DynamoDB Local answers `UnknownOperationException`).
pub async fn read<B: Backend>(backend: &B, table: &str, arn: &str) -> Result<Option<Tags>> {
    let mut tags = Tags::new();
    let mut next_token = None;
    loop {
        let input = ListTagsOfResourceInput {
            resource_arn: arn.to_owned(),
            next_token: next_token.take(),
        };
        let page = match backend.list_tags_of_resource(input).await {
            Ok(page) => page,
            Err(error) if error.kind() == dynamodel::ErrorKind::UnknownOperation => {
                return Ok(None);
            }
            Err(error) => {
                return Err(Error::backend(format!("listing the tags of `{table}`"))(
                    error,
                ));
            }
        };
        tags.extend(
            page.tags
                .into_iter()
                .filter(|tag| !tag.key.starts_with(AWS_PREFIX))
                .map(|tag| (tag.key, tag.value)),
        );
        match page.next_token {
            Some(token) => next_token = Some(token),
            None => return Ok(Some(tags)),
        }
    }
}

/// Takes the tags of `table` from `from` to `to`: removes the keys of `from` that `to` drops,
/// then sets each tag of `to` the table does not have with that value. Does nothing that is
/// already done, so a step cut short can run again.
pub async fn apply<B: Backend>(
    backend: &B,
    table: &str,
    from: &Tags,
    to: &Tags,
    waiting: Waiting,
) -> Result<()> {
    let arn = live::describe(backend, table)
        .await?
        .and_then(|description| description.table_arn)
        .ok_or_else(|| {
            Error::Refused(format!(
                "table `{table}` does not exist on this target (or has no ARN); run `plan` to \
                 see the drift"
            ))
        })?;
    let live = read(backend, table, &arn).await?.ok_or_else(|| {
        Error::Refused(format!(
            "this target does not implement tagging (DynamoDB Local refuses TagResource), so \
             the tags of `{table}` cannot be changed here; apply this migration to DynamoDB or \
             to `dynamodel local serve`"
        ))
    })?;
    let remove: Vec<String> = from
        .keys()
        .filter(|key| !to.contains_key(*key) && live.contains_key(*key))
        .cloned()
        .collect();
    let set: Vec<Tag> = to
        .iter()
        .filter(|(key, value)| live.get(*key) != Some(*value))
        .map(|(key, value)| Tag {
            key: key.clone(),
            value: value.clone(),
        })
        .collect();
    if !remove.is_empty() {
        let input = UntagResourceInput {
            resource_arn: arn.clone(),
            tag_keys: remove,
        };
        retrying(waiting, table, "removing tags", || {
            backend.untag_resource(input.clone())
        })
        .await?;
    }
    if !set.is_empty() {
        let input = TagResourceInput {
            resource_arn: arn,
            tags: set,
        };
        retrying(waiting, table, "setting tags", || {
            backend.tag_resource(input.clone())
        })
        .await?;
    }
    Ok(())
}

/// Sends a tagging request until it is accepted: DynamoDB refuses a tag change while the
/// previous one on the table is still being applied (`LimitExceededException`, "Table tags
/// are being updated", about two seconds).
async fn retrying<T, F>(
    waiting: Waiting,
    table: &str,
    what: &str,
    mut send: impl FnMut() -> F,
) -> Result<T>
where
    F: Future<Output = dynamodel::Result<T>>,
{
    let started = Instant::now();
    loop {
        match send().await {
            Ok(output) => return Ok(output),
            Err(error)
                if error.kind() == dynamodel::ErrorKind::LimitExceeded
                    && started.elapsed() < waiting.timeout =>
            {
                tokio::time::sleep(waiting.poll_interval).await;
            }
            Err(error) => return Err(Error::backend(format!("{what} on `{table}`"))(error)),
        }
    }
}
