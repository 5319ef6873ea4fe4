//! Every message text the engine sends, in one table.
//!
//! Engine code never formats a DynamoDB message inline: it calls one of these functions, so a
//! change in DynamoDB's wording is a one-line change here. Each text names its source: `[AWS]`
//! for the DynamoDB API reference or developer guide, `[capture]` for a message captured from
//! DynamoDB in 2026 and published in a public conformance suite, `[dynalite]` / `[moto]` for
//! messages those emulators' test suites pin against DynamoDB, `[local]` for texts observed
//! from DynamoDB Local 3.3.0 where no capture from DynamoDB is known (DynamoDB Local shares
//! DynamoDB's request validation and expression front end; where a capture exists and differs,
//! the capture wins and `docs/compatibility.md` lists the difference), and `[engine]` for
//! texts of our own where DynamoDB's wording is not known (see `docs/design.md`).
//!
//! Parameter-constraint errors (`1 validation error detected: ...`) are built with
//! [`Violations`].

pub(crate) mod batch;
mod constraint;
pub(crate) mod expression;
pub(crate) mod index;
pub(crate) mod legacy;
pub(crate) mod read;
pub(crate) mod table_update;
pub(crate) mod tags;
pub(crate) mod transaction;
pub(crate) mod ttl;
pub(crate) mod update;
mod values;

pub(crate) use constraint::Violations;
pub(crate) use values::{Layer, duplicate_members, empty_set, quoted_value};

use dynamodel::Error;

/// Wraps one message in the constraint envelope: `1 validation error detected: <message>`.
/// [capture] PutItem/DeleteItem send their request-validation errors this way.
pub(crate) fn enveloped(message: &str) -> Error {
    Error::validation(format!("1 validation error detected: {message}"))
}

// ---- Tables ---------------------------------------------------------------------------------

/// [dynalite][moto] CreateTable of a name in use.
pub(crate) fn table_already_exists(name: &str) -> Error {
    Error::resource_in_use(format!("Table already exists: {name}"))
}

/// [moto][capture] DescribeTable / DeleteTable of a missing table.
pub(crate) fn table_not_found(name: &str) -> Error {
    Error::resource_not_found(format!(
        "Requested resource not found: Table: {name} not found"
    ))
}

/// [capture] Item operations, Query and Scan on a missing table.
pub(crate) fn resource_not_found() -> Error {
    Error::resource_not_found("Requested resource not found")
}

/// [engine] DeleteTable of a protected table (wording as other emulators report it; not
/// confirmed against DynamoDB).
pub(crate) fn deletion_protected() -> Error {
    Error::validation(
        "Resource cannot be deleted as it is currently protected against deletion. Disable \
         deletion protection first.",
    )
}

/// [capture] Key schema whose first element is not `HASH`.
pub(crate) fn first_key_not_hash() -> Error {
    Error::validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
}

/// [capture] Key schema whose second element is not `RANGE`.
pub(crate) fn second_key_not_range() -> Error {
    Error::validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
}

/// [dynalite] Both key elements name the same attribute.
pub(crate) fn key_names_equal() -> Error {
    Error::validation(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name",
    )
}

/// [capture] Fewer attribute definitions than key elements.
pub(crate) fn key_attribute_without_definition() -> Error {
    Error::validation("Invalid KeySchema: Some index key attribute have no definition")
}

/// [capture] A key attribute missing from the attribute definitions.
pub(crate) fn key_not_in_definitions(keys: &[&str], definitions: &[&str]) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: Some index key attributes are not defined in \
         AttributeDefinitions. Keys: [{}], AttributeDefinitions: [{}]",
        keys.join(", "),
        definitions.join(", ")
    ))
}

/// [capture] Attribute definitions the key schema does not use.
pub(crate) fn definitions_count_mismatch() -> Error {
    Error::validation(
        "One or more parameter values were invalid: Number of attributes in KeySchema does not \
         exactly match number of attributes defined in AttributeDefinitions",
    )
}

/// [capture] The same attribute defined twice.
pub(crate) fn duplicate_definition(name: &str) -> Error {
    Error::validation(format!("Attribute Name is duplicated: {name}"))
}

/// [dynalite][moto] PROVISIONED without throughput.
pub(crate) fn throughput_required() -> Error {
    Error::validation(
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits \
         must both be specified when BillingMode is PROVISIONED",
    )
}

/// [dynalite][moto] PAY_PER_REQUEST with throughput.
pub(crate) fn throughput_forbidden() -> Error {
    Error::validation(
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor \
         WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST",
    )
}

/// [dynalite] Throughput above DynamoDB's hard bound.
pub(crate) fn throughput_out_of_bounds(value: i64, member: &str) -> Error {
    Error::validation(format!("Given value {value} for {member} is out of bounds"))
}

// ---- Items and keys -------------------------------------------------------------------------

/// [dynalite][moto] PutItem without a key attribute.
pub(crate) fn missing_key(name: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: Missing the key {name} in the item"
    ))
}

/// [moto][dynalite] PutItem with a key attribute of the wrong type.
pub(crate) fn key_type_mismatch(name: &str, expected: &str, actual: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values were invalid: Type mismatch for key {name} expected: \
         {expected} actual: {actual}"
    ))
}

/// [capture] A `Key` map that is not exactly the table's key.
pub(crate) fn key_schema_mismatch() -> Error {
    Error::validation("The provided key element does not match the schema")
}

/// [capture] An empty string as a key value.
pub(crate) fn empty_string_key(name: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values are not valid. The AttributeValue for a key attribute \
         cannot contain an empty string value. Key: {name}"
    ))
}

/// [capture] An empty binary as a key value.
pub(crate) fn empty_binary_key(name: &str) -> Error {
    Error::validation(format!(
        "One or more parameter values are not valid. The AttributeValue for a key attribute \
         cannot contain an empty binary value. Key: {name}"
    ))
}

/// [moto] Partition key value over 2048 bytes (DynamoDB really has no space before `2048`).
pub(crate) fn hash_key_too_large() -> Error {
    Error::validation(
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum \
         size limit of2048 bytes",
    )
}

/// [moto] Sort key value over 1024 bytes.
pub(crate) fn range_key_too_large() -> Error {
    Error::validation(
        "One or more parameter values were invalid: Aggregated size of all range keys has \
         exceeded the size limit of 1024 bytes",
    )
}

/// [moto] Item over 400 KB.
pub(crate) fn item_too_large() -> Error {
    Error::validation("Item size has exceeded the maximum allowed size")
}

/// [AWS][local] A write that would grow an item collection of a table with local indexes past
/// 10 GB. The developer guide's *Error handling* page lists the message with a full stop, as it
/// does `The conditional request failed.`, which DynamoDB sends without one; DynamoDB Local
/// sends it without.
pub(crate) const COLLECTION_SIZE_EXCEEDED: &str = "Collection size exceeded";

/// `ItemCollectionSizeLimitExceededException` (see [`COLLECTION_SIZE_EXCEEDED`]).
pub(crate) fn item_collection_too_large() -> Error {
    Error::service(
        dynamodel::ErrorKind::ItemCollectionSizeLimitExceeded,
        COLLECTION_SIZE_EXCEEDED,
    )
}

/// [capture] ReturnValues other than NONE / ALL_OLD on PutItem and DeleteItem (enveloped).
pub(crate) fn return_values_put_delete() -> Error {
    enveloped("ReturnValues can only be ALL_OLD or NONE")
}

// ---- Expressions ----------------------------------------------------------------------------

/// [capture][local] Mixing legacy and expression parameters; each list in DynamoDB's order
/// (legacy: `AttributesToGet`, the filter or `Expected`, `ConditionalOperator`,
/// `KeyConditions`; expressions: projection, filter or condition, key condition).
pub(crate) fn mixed_parameters(layer: Layer, legacy: &[&str], expression: &[&str]) -> Error {
    layer.wrap(format!(
        "Can not use both expression and non-expression parameters in the same request: \
         Non-expression parameters: {{{}}} Expression parameters: {{{}}}",
        legacy.join(", "),
        expression.join(", ")
    ))
}

/// [engine] Query with neither key parameter (DynamoDB's text for this case is not known).
pub(crate) fn key_condition_missing() -> Error {
    Error::validation(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the \
         request.",
    )
}

/// [capture] `ExpressionAttributeNames` given to a request without expressions.
pub(crate) const NAMES_WITHOUT_EXPRESSION: &str =
    "ExpressionAttributeNames can only be specified when using expressions";
/// [capture] `ExpressionAttributeValues` given to a request without expressions.
pub(crate) const VALUES_WITHOUT_EXPRESSION: &str =
    "ExpressionAttributeValues can only be specified when using expressions";
/// [capture] An empty `ExpressionAttributeNames` map.
pub(crate) const NAMES_EMPTY: &str = "ExpressionAttributeNames must not be empty";
/// [capture] An empty `ExpressionAttributeValues` map.
pub(crate) const VALUES_EMPTY: &str = "ExpressionAttributeValues must not be empty";

/// [dynalite] A placeholder key that is not `#name` / `:name`.
pub(crate) fn invalid_placeholder_key(map: &str, key: &str) -> Error {
    Error::validation(format!(
        "{map} contains invalid key: Syntax error; key: \"{key}\""
    ))
}

/// [local] A placeholder key over 255 bytes; only the names map reports the size.
pub(crate) fn placeholder_key_too_long(map: &str, size: usize) -> Error {
    let size = if map == "ExpressionAttributeNames" {
        format!(" size of key: {size}")
    } else {
        String::new()
    };
    Error::validation(format!(
        "{map} contains invalid key: The expression attribute map contains a key that is too \
         long;{size}"
    ))
}

/// [capture][local] A `:value` that is not a valid attribute value: the value's own message
/// (without envelope or full stop), then the key.
pub(crate) fn invalid_placeholder_value(layer: Layer, key: &str, message: &str) -> Error {
    let inner = message
        .strip_prefix("1 validation error detected: ")
        .unwrap_or(message)
        .trim_end_matches('.');
    layer.wrap(format!(
        "ExpressionAttributeValues contains invalid value: {inner} for key {key}"
    ))
}

/// [local] A `#name` standing for the empty name.
pub(crate) fn empty_attribute_name(key: &str) -> Error {
    Error::validation(format!(
        "ExpressionAttributeNames contains invalid value: Empty attribute name for key {key}"
    ))
}

/// [local] A `#name` standing for a name of 64 KB or more.
pub(crate) fn attribute_name_too_large(key: &str) -> Error {
    Error::validation(format!(
        "ExpressionAttributeNames contains invalid value: Attribute name is too large, must be \
         less than 65536 bytes for key {key}"
    ))
}

/// [dynalite] Placeholders no expression used, listed in ascending order.
pub(crate) fn unused_placeholders(layer: Layer, map: &str, keys: &[&str]) -> Error {
    layer.wrap(format!(
        "Value provided in {map} unused in expressions: keys: {{{}}}",
        keys.join(", ")
    ))
}

/// Prefixes an expression error with the parameter it is in: `Invalid KeyConditionExpression: `.
pub(crate) fn invalid_expression(parameter: &str, detail: &str) -> Error {
    Error::validation(format!("Invalid {parameter}: {detail}"))
}

/// [capture] The same, inside the envelope when the operation's layer has one (write
/// operations: `1 validation error detected: Invalid ConditionExpression: ...`).
pub(crate) fn invalid_expression_in(layer: Layer, parameter: &str, detail: &str) -> Error {
    layer.wrap(format!("Invalid {parameter}: {detail}"))
}

/// [AWS][capture] A write whose condition is false.
pub(crate) const CONDITIONAL_REQUEST_FAILED: &str = "The conditional request failed";

/// The `ConditionalCheckFailedException` of a write, with the item when it was asked for.
pub(crate) fn conditional_check_failed(item: Option<dynamodel::Item>) -> Error {
    Error::conditional_check_failed(CONDITIONAL_REQUEST_FAILED, item)
}

// ---- Query key conditions -------------------------------------------------------------------

/// Texts about the shape of a key condition ([dynalite] unless marked).
pub(crate) mod key_condition {
    use dynamodel::Error;

    pub(crate) fn invalid_operator(operator: &str) -> Error {
        Error::validation(format!(
            "Invalid operator used in KeyConditionExpression: {operator}"
        ))
    }

    pub(crate) fn nested_operation() -> Error {
        Error::validation("KeyConditionExpressions cannot contain nested operations")
    }

    pub(crate) fn nested_attribute() -> Error {
        Error::validation("KeyConditionExpressions cannot have conditions on nested attributes")
    }

    pub(crate) fn key_not_first(operator: &str) -> Error {
        Error::validation(format!(
            "Invalid condition in KeyConditionExpression: {operator} operator must have the key \
             attribute as its first operand"
        ))
    }

    pub(crate) fn multiple_names() -> Error {
        Error::validation(
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one \
             condition",
        )
    }

    pub(crate) fn no_key_attribute() -> Error {
        Error::validation("Invalid condition in KeyConditionExpression: No key attribute specified")
    }

    pub(crate) fn one_condition_per_key() -> Error {
        Error::validation("KeyConditionExpressions must only contain one condition per key")
    }

    pub(crate) fn too_many_conditions() -> Error {
        Error::validation("Conditions can be of length 1 or 2 only")
    }

    /// [capture]
    pub(crate) fn missed_key(name: &str) -> Error {
        Error::validation(format!("Query condition missed key schema element: {name}"))
    }

    pub(crate) fn not_supported() -> Error {
        Error::validation("Query key condition not supported")
    }

    pub(crate) fn type_mismatch() -> Error {
        Error::validation(
            "One or more parameter values were invalid: Condition parameter type does not match \
             schema type",
        )
    }

    pub(crate) fn not_indexable() -> Error {
        Error::validation("Attempted conditional constraint is not an indexable operation")
    }

    pub(crate) fn argument_count(operator: &str) -> Error {
        Error::validation(format!(
            "One or more parameter values were invalid: Invalid number of argument(s) for the \
             {operator} ComparisonOperator"
        ))
    }

    pub(crate) fn mixed_list_types() -> Error {
        Error::validation(
            "One or more parameter values were invalid: AttributeValues inside \
             AttributeValueList must be of same type",
        )
    }

    pub(crate) fn operator_type(operator: &str, value_type: &str) -> Error {
        Error::validation(format!(
            "One or more parameter values were invalid: ComparisonOperator {operator} is not \
             valid for {value_type} AttributeValue type"
        ))
    }

    pub(crate) fn legacy_between_order() -> Error {
        Error::validation(
            "The BETWEEN condition was provided a range where the lower bound is greater than \
             the upper bound",
        )
    }
}

// ---- Paging ---------------------------------------------------------------------------------

/// Texts about `ExclusiveStartKey` ([dynalite], [capture] for the first).
pub(crate) mod start_key {
    use dynamodel::Error;

    pub(crate) fn invalid() -> Error {
        Error::validation("The provided starting key is invalid")
    }

    pub(crate) fn outside_partition() -> Error {
        Error::validation(
            "The provided starting key is outside query boundaries based on provided conditions",
        )
    }

    pub(crate) fn outside_range() -> Error {
        Error::validation("The provided starting key does not match the range key predicate")
    }

    pub(crate) fn single_row() -> Error {
        Error::validation("The query can return at most one row and cannot be restarted")
    }
}

/// [capture][dynalite] Segment without TotalSegments.
pub(crate) fn total_segments_required() -> Error {
    Error::validation(
        "The TotalSegments parameter is required but was not present in the request when \
         Segment parameter is present",
    )
}

/// [capture] TotalSegments without Segment.
pub(crate) fn segment_required() -> Error {
    Error::validation(
        "The Segment parameter is required but was not present in the request when parameter \
         TotalSegments is present",
    )
}

/// [dynalite] Segment not below TotalSegments (DynamoDB Local answers with a constraint
/// violation on `segment` instead).
pub(crate) fn segment_out_of_range(segment: i32, total: i32) -> Error {
    Error::validation(format!(
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: \
         Segment: {segment} is not less than TotalSegments: {total}"
    ))
}

/// [engine] A stored item whose bytes do not decode: the engine's own memory is corrupt (no
/// request can cause it). DynamoDB reports its own failures as `InternalServerError`.
pub(crate) fn stored_item_corrupt() -> Error {
    Error::service(
        dynamodel::ErrorKind::InternalServer,
        "Internal server error: a stored item could not be read",
    )
}
