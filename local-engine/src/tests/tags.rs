//! TagResource, UntagResource, ListTagsOfResource and CreateTable's `Tags`: the merge, the
//! limits, the ARN checks and DynamoDB's texts.

use dynamodel::model::{
    DeleteTableInput, ListTagsOfResourceInput, ScalarAttributeType as T, Tag, TagResourceInput,
    UntagResourceInput,
};
use dynamodel::{Backend, ErrorKind};

use super::support::*;
use crate::Engine;

const ARN: &str = "arn:aws:dynamodb:us-east-1:000000000000:table/tbl";

fn tag(key: &str, value: &str) -> Tag {
    Tag {
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

fn tag_resource(engine: &Engine, arn: &str, tags: Vec<Tag>) -> Result<(), dynamodel::Error> {
    run(engine.tag_resource(TagResourceInput {
        resource_arn: arn.to_owned(),
        tags,
    }))
    .map(drop)
}

fn untag(engine: &Engine, keys: &[&str]) -> Result<(), dynamodel::Error> {
    run(engine.untag_resource(UntagResourceInput {
        resource_arn: ARN.to_owned(),
        tag_keys: keys.iter().map(|k| (*k).to_owned()).collect(),
    }))
    .map(drop)
}

fn list(engine: &Engine, arn: &str) -> Result<Vec<(String, String)>, dynamodel::Error> {
    let output = run(engine.list_tags_of_resource(ListTagsOfResourceInput {
        resource_arn: arn.to_owned(),
        next_token: None,
    }))?;
    assert_eq!(output.next_token, None, "a table's tags fit in one page");
    Ok(output.tags.into_iter().map(|t| (t.key, t.value)).collect())
}

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn a_new_table_has_no_tags_and_tags_merge_by_key() {
    let engine = engine_with(T::S, None);
    assert_eq!(list(&engine, ARN).unwrap(), pairs(&[]));
    tag_resource(&engine, ARN, vec![tag("team", "a"), tag("env", "")]).unwrap();
    tag_resource(&engine, ARN, vec![tag("team", "b"), tag("cost", "7")]).unwrap();
    assert_eq!(
        list(&engine, ARN).unwrap(),
        pairs(&[("cost", "7"), ("env", ""), ("team", "b")])
    );
    // Unknown keys are ignored.
    untag(&engine, &["team", "missing"]).unwrap();
    assert_eq!(
        list(&engine, ARN).unwrap(),
        pairs(&[("cost", "7"), ("env", "")])
    );
}

#[test]
fn create_table_stores_its_tags_and_delete_table_drops_them() {
    let engine = Engine::new();
    let mut input = table_input(TABLE, ("pk", T::S), None);
    input.tags = Some(vec![tag("owner", "ops"), tag("tier", "1")]);
    run(engine.create_table(input.clone())).unwrap();
    assert_eq!(
        list(&engine, ARN).unwrap(),
        pairs(&[("owner", "ops"), ("tier", "1")])
    );
    run(engine.delete_table(DeleteTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap();
    input.tags = None;
    run(engine.create_table(input)).unwrap();
    assert_eq!(list(&engine, ARN).unwrap(), pairs(&[]));
}

#[test]
fn create_table_rejects_invalid_tags_and_creates_nothing() {
    let engine = Engine::new();
    let mut input = table_input(TABLE, ("pk", T::S), None);
    input.tags = Some(vec![tag("aws:owner", "x")]);
    assert_validation(
        run(engine.create_table(input.clone())),
        "Tag Key cannot be prefixed with aws:, Key: aws:owner",
    );
    input.tags = Some((0..51).map(|i| tag(&format!("k{i:02}"), "v")).collect());
    assert_validation(
        run(engine.create_table(input)),
        "Number of Tags exceed the current limit for the provided ResourceArn",
    );
    let (kind, _) = failure(list(&engine, ARN));
    assert_eq!(kind, ErrorKind::ResourceNotFound);
}

#[test]
fn fifty_tags_are_the_limit_counted_after_the_merge() {
    let engine = engine_with(T::S, None);
    let fifty: Vec<Tag> = (0..50).map(|i| tag(&format!("k{i:02}"), "v")).collect();
    tag_resource(&engine, ARN, fifty.clone()).unwrap();
    // Changing existing keys keeps 50: allowed.
    let changed: Vec<Tag> = fifty.iter().map(|t| tag(&t.key, "w")).collect();
    tag_resource(&engine, ARN, changed).unwrap();
    // One new key makes 51: rejected, and nothing of the request is applied.
    let limit = "Number of Tags exceed the current limit for the provided ResourceArn";
    assert_validation(
        tag_resource(&engine, ARN, vec![tag("k00", "x"), tag("k50", "v")]),
        limit,
    );
    let tags = list(&engine, ARN).unwrap();
    assert_eq!(tags.len(), 50);
    assert!(tags.iter().all(|(_, value)| value == "w"), "{tags:?}");
    let keys: Vec<String> = (0..51).map(|i| format!("k{i:02}")).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    assert_validation(untag(&engine, &keys), limit);
}

#[test]
fn tags_are_validated_before_the_table_is_looked_up() {
    let engine = Engine::new();
    let missing = "arn:aws:dynamodb:us-east-1:000000000000:table/missing";
    let long_key = "k".repeat(129);
    let long_value = "v".repeat(257);
    let cases: Vec<(Vec<Tag>, String)> = vec![
        (
            vec![],
            "Atleast one Tag needs to be provided as Input.".into(),
        ),
        (
            vec![tag("", "v")],
            "The Tag Key provided is invalid, Key: ".into(),
        ),
        (
            vec![tag("ok", "v"), tag(&long_key, "v")],
            format!("The Tag Key provided is invalid, Key: {long_key}"),
        ),
        (
            vec![tag("a,b", "v")],
            "The Tag Key provided is invalid, Key: a,b".into(),
        ),
        (
            vec![tag("k", &long_value)],
            format!("The Tag Value provided is invalid, Value: {long_value}"),
        ),
        (
            vec![tag("k", "100%")],
            "The Tag Value provided is invalid, Value: 100%".into(),
        ),
        (
            vec![tag("aws:zzz", "v")],
            "Tag Key cannot be prefixed with aws:, Key: aws:zzz".into(),
        ),
        (
            vec![tag("dup", "1"), tag("dup", "2")],
            "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup".into(),
        ),
    ];
    for (tags, message) in cases {
        assert_validation(tag_resource(&engine, missing, tags), &message);
    }
    // Letters of any script, separators and `_ . : / = + - @` are fine; only then is the
    // table looked up.
    let (kind, message) = failure(tag_resource(
        &engine,
        missing,
        vec![tag("ключ café 表", "a+b-c=d.e_f:g/h@i\u{3000}")],
    ));
    assert_eq!(kind, ErrorKind::ResourceNotFound);
    assert_eq!(
        message,
        format!("Requested resource not found: ResourceArn: {missing} not found")
    );
    assert_validation(
        untag(&engine, &[]),
        "Atleast one Tag Key needs to be provided as Input.",
    );
    assert_validation(
        untag(&engine, &[""]),
        "The Tag Key provided is invalid, Key: ",
    );
}

#[test]
fn the_arn_must_name_a_table_of_this_engine() {
    let engine = engine_with(T::S, None);
    let cases = [
        (
            "tbl",
            "One or more parameter values were invalid: ARNs must start with 'arn:': tbl",
        ),
        (
            "arn:aws:s3:::bucket",
            "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource \
             arn: arn:aws:s3:::bucket",
        ),
        (
            "arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/by_x",
            "One or more parameter values were invalid: Invalid resource arn provided, only \
             table or stream is accepted. Provided resource arn: \
             arn:aws:dynamodb:us-east-1:000000000000:table/tbl/index/by_x",
        ),
        (
            "arn:aws:dynamodb:eu-west-1:000000000000:table/tbl",
            "Invalid TableArn: Invalid ResourceArn provided as input \
             arn:aws:dynamodb:eu-west-1:000000000000:table/tbl",
        ),
        (
            "arn:aws:dynamodb:us-east-1:000000000000:table/ab",
            "Invalid TableArn: Invalid ResourceArn provided as input \
             arn:aws:dynamodb:us-east-1:000000000000:table/ab",
        ),
    ];
    for (arn, message) in cases {
        assert_validation(list(&engine, arn), message);
    }
    assert_validation(
        list(&engine, ""),
        "1 validation error detected: Value '' at 'resourceArn' failed to satisfy constraint: \
         Member must have length greater than or equal to 1",
    );
    // The table's own ARN, as DescribeTable reports it, works.
    let described = run(engine.describe_table(dynamodel::model::DescribeTableInput {
        table_name: TABLE.into(),
    }))
    .unwrap();
    let arn = described.table.unwrap().table_arn.unwrap();
    assert_eq!(arn, ARN);
    assert_eq!(list(&engine, &arn).unwrap(), pairs(&[]));
}
