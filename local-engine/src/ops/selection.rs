//! What Query, Scan and GetItem return, and which items Query and Scan keep: `Select`, the
//! projection (`ProjectionExpression` or `AttributesToGet`) and the filter (`FilterExpression`
//! or `QueryFilter`/`ScanFilter`).
//!
//! Expressions are checked one after the other, each completely (DynamoDB Local): the filter,
//! then the projection, then (Query) the key condition.

use std::collections::BTreeMap;

use dynamodel::Error;
use dynamodel::model::{Condition, Select};

use crate::engine::Shared;
use crate::expr::{Cond, Placeholders, Projection, check};
use crate::messages::read;
use crate::storage::KeySchema;

/// Whether a Query or Scan answers with a count only; checks `Select` against the projection
/// parameter present, if any, and against whether an index is read.
pub(crate) fn count_only(
    select: Option<&Select>,
    projection: Option<&str>,
    on_index: bool,
) -> Result<bool, Error> {
    match (select, projection) {
        (Some(Select::Count), Some(parameter)) => Err(read::projection_with_count(parameter)),
        (Some(Select::Count), None) => Ok(true),
        (Some(Select::AllAttributes), Some(parameter)) => {
            Err(read::projection_with_all_attributes(parameter))
        }
        (Some(Select::SpecificAttributes), None) => {
            Err(read::specific_attributes_without_projection())
        }
        (Some(Select::AllProjectedAttributes), _) if !on_index => {
            Err(read::all_projected_on_table())
        }
        (Some(Select::AllProjectedAttributes), Some(parameter)) => {
            Err(read::projection_with_all_projected(parameter))
        }
        _ => Ok(false),
    }
}

/// Which projection parameter a request has, by its name.
pub(crate) fn projection_parameter(
    expression: Option<&str>,
    attributes_to_get: Option<&[String]>,
) -> Option<&'static str> {
    if expression.is_some() {
        Some("ProjectionExpression")
    } else if attributes_to_get.is_some() {
        Some("AttributesToGet")
    } else {
        None
    }
}

/// The projection of a request: `ProjectionExpression` (checked) or `AttributesToGet`.
pub(crate) fn projection(
    shared: &Shared,
    expression: Option<&str>,
    attributes_to_get: Option<&[String]>,
    placeholders: &mut Placeholders<'_>,
) -> Result<Option<Projection>, Error> {
    if let Some(names) = attributes_to_get {
        if names.iter().any(String::is_empty) {
            return Err(read::empty_attribute_to_get());
        }
        let mut seen = std::collections::BTreeSet::new();
        if names.iter().any(|name| !seen.insert(name)) {
            return Err(read::duplicate_attribute_to_get());
        }
        return Ok(Some(Projection::attributes(names)));
    }
    let Some(source) = expression else {
        return Ok(None);
    };
    super::expression("ProjectionExpression", source, placeholders.layer(), || {
        let parsed = shared.expressions.projection(source);
        let paths = parsed.as_ref().as_ref().map_err(|e| e.detail.clone())?;
        Projection::check(paths, placeholders)
    })
    .map(Some)
}

/// The checked `FilterExpression`, if any.
pub(crate) fn filter<'a>(
    shared: &Shared,
    expression: Option<&'a str>,
    placeholders: &mut Placeholders<'a>,
) -> Result<Option<Cond<'a>>, Error> {
    let Some(source) = expression else {
        return Ok(None);
    };
    super::expression("FilterExpression", source, placeholders.layer(), || {
        let parsed = shared.expressions.condition(source);
        let condition = parsed.as_ref().as_ref().map_err(|e| e.detail.clone())?;
        check::condition(condition, placeholders)
    })
    .map(Some)
}

/// A Query filter may not read the key: the first path (in source order) that names a key
/// attribute is an error.
pub(crate) fn reject_key_paths(filter: Option<&Cond<'_>>, schema: &KeySchema) -> Result<(), Error> {
    let mut paths = Vec::new();
    if let Some(filter) = filter {
        filter.paths(&mut paths);
    }
    for path in paths {
        if schema.is_key(path.head()) {
            return Err(if path.steps.len() > 1 {
                read::nested_key_path(path.head())
            } else {
                read::filter_on_key(path.head())
            });
        }
    }
    Ok(())
}

/// A `QueryFilter` may not name a key attribute.
pub(crate) fn reject_key_conditions(
    filter: Option<&BTreeMap<String, Condition>>,
    schema: &KeySchema,
) -> Result<(), Error> {
    match filter
        .into_iter()
        .flat_map(|f| f.keys())
        .find(|name| schema.is_key(name))
    {
        Some(name) => Err(read::query_filter_on_key(name)),
        None => Ok(()),
    }
}
