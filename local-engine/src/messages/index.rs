//! Secondary index texts: CreateTable and UpdateTable index rules, index key values on writes,
//! and reads of an index.

use dynamodel::Error;

const INVALID: &str = "One or more parameter values were invalid";

fn invalid(detail: impl std::fmt::Display) -> Error {
    Error::validation(format!("{INVALID}: {detail}"))
}

// ---- Writes ---------------------------------------------------------------------------------

/// [capture] An index key attribute of the wrong type in a written item (DynamoDB Local says
/// only `Type mismatch for Index Key`).
pub(crate) fn type_mismatch(attribute: &str, expected: &str, actual: &str, index: &str) -> Error {
    invalid(format_args!(
        "Type mismatch for Index Key {attribute} Expected: {expected} Actual: {actual} \
         IndexName: {index}"
    ))
}

/// [local] An index key value over 2048 bytes (partition) or 1024 bytes (sort); the table
/// key's texts are DynamoDB's for table keys only.
pub(crate) fn key_too_large() -> Error {
    invalid("Size limit exceeded")
}

/// [local][AWS] An empty string as an index key value.
pub(crate) fn empty_string(index: &str, attribute: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values are not valid. A value specified for a secondary index key \
         is not supported. The AttributeValue for a key attribute cannot contain an empty string \
         value. IndexName: {index}, IndexKey: {attribute}"
    ))
}

/// [local][AWS] An empty binary as an index key value.
pub(crate) fn empty_binary(index: &str, attribute: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values are not valid. A value specified for a secondary index key \
         is not supported. The AttributeValue for a key attribute cannot contain an empty binary \
         value. IndexName: {index}, IndexKey: {attribute}"
    ))
}

/// [local] An update expression that sets an index key attribute to an empty string or
/// binary (`kind`).
pub(crate) fn update_to_empty(kind: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values are not valid. The update expression attempted to update a \
         secondary index key to a value that is not supported. The AttributeValue for a key \
         attribute cannot contain an empty {kind} value."
    ))
}

// ---- CreateTable and UpdateTable ------------------------------------------------------------

/// [capture] An empty `GlobalSecondaryIndexes` or `LocalSecondaryIndexes` list.
pub(crate) fn empty_list(parameter: &str) -> Error {
    invalid(format_args!("List of {parameter} is empty"))
}

/// [capture] Two indexes with one name.
pub(crate) fn duplicate_name(name: &str) -> Error {
    invalid(format_args!("Duplicate index name: {name}"))
}

/// [capture] More than 20 global indexes.
pub(crate) fn too_many_global() -> Error {
    invalid("GlobalSecondaryIndex count exceeds the per-table limit of 20")
}

/// [capture] More than 5 local indexes.
pub(crate) fn too_many_local() -> Error {
    invalid("Number of LocalSecondaryIndexes exceeds per-table limit of 5")
}

/// [capture] A local index on a table without a sort key.
pub(crate) fn local_needs_table_range() -> Error {
    invalid(
        "Table KeySchema does not have a range key, which is required when specifying a \
         LocalSecondaryIndex",
    )
}

/// [capture] A local index whose partition key is not the table's.
pub(crate) fn local_hash_mismatch(index: &str, index_hash: &str, table_hash: &str) -> Error {
    invalid(format_args!(
        "Index KeySchema does not have the same leading hash key as table KeySchema for index: \
         {index}. index hash key: {index_hash}, table hash key: {table_hash}"
    ))
}

/// [capture] A local index without a sort key.
pub(crate) fn local_needs_range(index: &str) -> Error {
    invalid(format_args!(
        "Index KeySchema does not have a range key for index: {index}"
    ))
}

/// [dynalite] INCLUDE without `NonKeyAttributes`.
pub(crate) fn include_without_attributes() -> Error {
    invalid("ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
}

/// [dynalite] `NonKeyAttributes` with `ALL` or `KEYS_ONLY`.
pub(crate) fn attributes_without_include(projection_type: &str) -> Error {
    invalid(format_args!(
        "ProjectionType is {projection_type}, but NonKeyAttributes is specified"
    ))
}

/// [dynalite] A projection without a type.
pub(crate) fn projection_type_missing() -> Error {
    invalid("Unknown ProjectionType: null")
}

/// [dynalite] More than 100 projected non-key attributes over all indexes.
pub(crate) fn too_many_projected() -> Error {
    invalid("Number of projected attributes in all indexes exceeds limit of 100")
}

/// [dynalite] A global index of a provisioned table without throughput (CreateTable).
pub(crate) fn throughput_required(index: &str) -> Error {
    invalid(format_args!(
        "ProvisionedThroughput must be specified for index: {index}"
    ))
}

/// [capture] A global index created by UpdateTable on a provisioned table without throughput.
pub(crate) fn create_throughput_required(index: &str) -> Error {
    invalid(format_args!(
        "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: {index}"
    ))
}

/// [moto] Throughput on a global index of an on-demand table.
pub(crate) fn throughput_forbidden(index: &str) -> Error {
    invalid(format_args!(
        "ProvisionedThroughput should not be specified for index: {index} when BillingMode is \
         PAY_PER_REQUEST"
    ))
}

/// [dynalite] Attribute definitions that no key uses.
pub(crate) fn unused_definitions(definitions: &[&str], used: &[&str]) -> Error {
    invalid(format_args!(
        "Some AttributeDefinitions are not used. AttributeDefinitions: [{}], keys used: [{}]",
        definitions.join(", "),
        used.join(", ")
    ))
}

/// [local] A global index with an empty key schema.
pub(crate) fn key_schema_empty() -> Error {
    Error::validation(
        "No defined key schema.  A key schema containing at least a hash key must be defined for \
         all tables",
    )
}

/// [local] A global index key without a `HASH` attribute.
pub(crate) fn no_hash_key() -> Error {
    Error::validation(
        "No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key",
    )
}

/// [local] A global index key with a `HASH` attribute after a `RANGE` one (DynamoDB Local's
/// spelling of "specified" kept).
pub(crate) fn key_order() -> Error {
    Error::validation(
        "Invalid key order. Hash Key must be specified first in key schema, Range Key must be \
         specifed second",
    )
}

/// [local] More than four `HASH` attributes in a global index key.
pub(crate) fn too_many_partition_keys() -> Error {
    Error::validation("Too many partition keys. GSI can have at most 4 partition keys")
}

/// [local] More than four `RANGE` attributes in a global index key.
pub(crate) fn too_many_sort_keys() -> Error {
    Error::validation("Too many sort keys. GSI can have at most 4 sort keys")
}

/// [local] One attribute twice in a global index key.
pub(crate) fn key_attribute_repeated() -> Error {
    Error::validation("Two keys can not have the same name")
}

/// [local] A local index key of more than two attributes.
pub(crate) fn local_key_too_big() -> Error {
    Error::validation(
        "Key Schema too big.  Key Schema must at most consist of the hash and range key of a \
         table",
    )
}

/// [local] `NonKeyAttributes` naming one attribute twice.
pub(crate) fn projected_attribute_repeated() -> Error {
    Error::validation("Cannot have two attributes with the same name")
}

// ---- UpdateTable ----------------------------------------------------------------------------

/// [capture] An index update entry with more than one action.
pub(crate) fn one_action_per_update() -> Error {
    invalid(
        "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object",
    )
}

/// [capture] An index update entry with no action.
pub(crate) fn no_action() -> Error {
    invalid(
        "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, \
         GlobalSecondaryIndexUpdate.Delete must not be null",
    )
}

/// [capture] Two updates of one index in one call.
pub(crate) fn one_update_per_index(index: &str) -> Error {
    invalid(format_args!(
        "Only one global secondary index update per index is allowed simultaneously. Index: \
         {index}"
    ))
}

/// [capture] A created index's key attributes without definitions in the request.
pub(crate) fn definitions_missing(index: &str) -> Error {
    invalid(format_args!(
        "AttributeDefinitions is not specified for index: {index}"
    ))
}

/// [capture] A throughput update of a global index of an on-demand table.
pub(crate) fn update_on_demand(index: &str) -> Error {
    invalid(format_args!(
        "The only Updates for index: {index} when TableThroughputMode is PAY_PER_REQUEST can be \
         to OnDemandThroughput, WarmThroughput"
    ))
}

/// [local] Deleting a local index with UpdateTable.
pub(crate) fn delete_not_global() -> Error {
    Error::validation("Cannot delete an index that is not a GlobalSecondaryIndex")
}

/// [local] UpdateTable's `AttributeDefinitions` giving an attribute the table defines another
/// type.
pub(crate) fn definition_redefined() -> Error {
    Error::validation(
        "invalid attribute, SchemaElement redefined should be of same type as previously defined",
    )
}

/// [dynalite] Creating an index whose name is taken.
pub(crate) fn already_exists(index: &str) -> Error {
    invalid(format_args!("Index already exists: {index}"))
}

/// [dynalite] Updating or deleting an index the table does not have.
pub(crate) fn not_found(table: &str, index: &str) -> Error {
    Error::resource_not_found(format!(
        "Requested resource not found: Table: {table} Index: {index} not found"
    ))
}

// ---- Query and Scan -------------------------------------------------------------------------

/// [capture] Query or Scan of an index the table does not have.
pub(crate) fn no_such_index(index: &str) -> Error {
    Error::validation(format!(
        "The table does not have the specified index: {index}"
    ))
}

/// [capture] `ConsistentRead` on a global index.
pub(crate) fn consistent_read_on_global() -> Error {
    Error::validation("Consistent reads are not supported on global secondary indexes")
}

/// [dynalite] `ALL_ATTRIBUTES` on a global index that does not project every attribute.
pub(crate) fn all_attributes_not_projected(index: &str) -> Error {
    Error::validation(format!(
        "{INVALID}: Select type ALL_ATTRIBUTES is not supported for global secondary index \
         {index} because its projection type is not ALL"
    ))
}

/// [engine] Query or Scan of a global index still being created (DynamoDB's wording is not
/// known; the exception is the one DynamoDB documents for an index that is not active).
pub(crate) fn index_not_active(table: &str, index: &str) -> Error {
    Error::validation(format!(
        "Cannot read from backfilling global secondary index: {index} of table: {table}"
    ))
}

/// [local] A `ProjectionExpression` or `AttributesToGet` naming attributes a global index does
/// not project (Query and Scan; `names` in DynamoDB's order, see `ops::index_selection`).
pub(crate) fn not_projected(index: &str, names: &[&str]) -> Error {
    invalid(format_args!(
        "Global secondary index {index} does not project [{}]",
        names.join(", ")
    ))
}

/// [local] A Query filter reading attributes the index does not project (`names` ascending).
pub(crate) fn filter_not_projected(index: &str, names: &[&str]) -> Error {
    invalid(format_args!(
        "Secondary index {index} does not project one or more filter attributes: [{}]",
        names.join(", ")
    ))
}

/// [local] An expression stepping into an index key attribute (`g.x`, `g[0]`) of any index of
/// the table, whichever index (if any) the request reads.
pub(crate) fn nested_index_key(name: &str) -> Error {
    Error::validation(format!(
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not \
         allowed: IndexKey: {name}"
    ))
}
