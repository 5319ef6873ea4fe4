//! TagResource, UntagResource and ListTagsOfResource.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types as sdk;

use super::error::from_sdk;
use super::table::built;
use crate::error::Result;
use crate::model::{
    ListTagsOfResourceInput, ListTagsOfResourceOutput, Tag, TagResourceInput, TagResourceOutput,
    UntagResourceInput, UntagResourceOutput,
};

pub(crate) async fn tag_resource(
    client: &Client,
    input: TagResourceInput,
) -> Result<TagResourceOutput> {
    let tags = input
        .tags
        .into_iter()
        .map(|tag| {
            built(
                "Tag",
                sdk::Tag::builder().key(tag.key).value(tag.value).build(),
            )
        })
        .collect::<Result<Vec<_>>>()?;
    client
        .tag_resource()
        .resource_arn(input.resource_arn)
        .set_tags(Some(tags))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(TagResourceOutput {})
}

pub(crate) async fn untag_resource(
    client: &Client,
    input: UntagResourceInput,
) -> Result<UntagResourceOutput> {
    client
        .untag_resource()
        .resource_arn(input.resource_arn)
        .set_tag_keys(Some(input.tag_keys))
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(UntagResourceOutput {})
}

pub(crate) async fn list_tags_of_resource(
    client: &Client,
    input: ListTagsOfResourceInput,
) -> Result<ListTagsOfResourceOutput> {
    let output = client
        .list_tags_of_resource()
        .resource_arn(input.resource_arn)
        .set_next_token(input.next_token)
        .send()
        .await
        .map_err(from_sdk)?;
    Ok(ListTagsOfResourceOutput {
        tags: output
            .tags
            .unwrap_or_default()
            .into_iter()
            .map(|tag| Tag {
                key: tag.key,
                value: tag.value,
            })
            .collect(),
        next_token: output.next_token,
    })
}
