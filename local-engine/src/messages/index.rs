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

/// [engine] A global index key with more than four partition or sort attributes, or with its
/// attributes out of order (partition attributes first).
pub(crate) fn key_schema_shape(index: &str) -> Error {
    invalid(format_args!(
        "Invalid KeySchema for index: {index}. A global secondary index key has 1 to 4 HASH \
         attributes followed by 0 to 4 RANGE attributes"
    ))
}

/// [engine] One attribute twice in an index key schema.
pub(crate) fn key_attribute_repeated(index: &str, attribute: &str) -> Error {
    invalid(format_args!(
        "Invalid KeySchema for index: {index}. Attribute {attribute} appears more than once"
    ))
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
