//! Answers in one comparable shape.
//!
//! A success is `{"status": 200, "body": {...}}`; an error is `{"status": 400, "type":
//! "ValidationException", "message": "..."}` plus `"body"` for any other members (the old
//! `Item` of a failed condition). Normalized away, because they carry no behaviour:
//!
//! * the exception's namespace (`com.amazon.coral.validate#`, `com.amazonaws.dynamodb.
//!   v20120810#`, ...): DynamoDB Local puts some exceptions in another namespace, and SDKs
//!   read only the name after `#`;
//! * the message member's spelling: DynamoDB Local sends `Message`, DynamoDB `message`;
//! * the order of set members (`SS`, `NS`, `BS`) and of map keys;
//! * the order of Scan's items: Scan visits partitions in hash order, and the engine's hash
//!   is not DynamoDB Local's (cases that page a Scan keep every item in one partition, whose
//!   items both return in sort-key order);
//! * the order of BatchGetItem's items per table: DynamoDB does not return them in request
//!   order;
//! * clock readings, random ids and ARN regions of table descriptions (see `description`).

use serde_json::{Map, Value, json};

/// The normalized form of one HTTP answer to operation `op`.
pub(crate) fn normalize(op: &str, status: u16, body: &[u8]) -> Value {
    let Ok(Value::Object(mut members)) = serde_json::from_slice::<Value>(body) else {
        return json!({ "status": status, "raw": String::from_utf8_lossy(body) });
    };
    if status == 200 {
        let mut body = Value::Object(members);
        canonical(&mut body);
        crate::description::normalize(op, &mut body);
        if op == "Scan" {
            if let Some(Value::Array(items)) = body.get_mut("Items") {
                items.sort_by_cached_key(Value::to_string);
            }
        }
        if op == "BatchGetItem" {
            if let Some(Value::Object(tables)) = body.get_mut("Responses") {
                for items in tables.values_mut().filter_map(Value::as_array_mut) {
                    items.sort_by_cached_key(Value::to_string);
                }
            }
        }
        return json!({ "status": status, "body": body });
    }
    let mut reply = Map::new();
    reply.insert("status".into(), status.into());
    if let Some(Value::String(kind)) = members.remove("__type") {
        let name = kind.rsplit('#').next().unwrap_or_default().to_owned();
        reply.insert("type".into(), name.into());
    }
    let message = members
        .remove("message")
        .or_else(|| members.remove("Message"));
    if let Some(message) = message {
        reply.insert("message".into(), message);
    }
    if !members.is_empty() {
        let mut rest = Value::Object(members);
        canonical(&mut rest);
        reply.insert("body".into(), rest);
    }
    Value::Object(reply)
}

/// Sorts the members of every set value (map keys are unordered in `serde_json::Map`).
fn canonical(value: &mut Value) {
    match value {
        Value::Object(members) => {
            let is_set = members.len() == 1
                && members
                    .keys()
                    .next()
                    .is_some_and(|key| matches!(key.as_str(), "SS" | "NS" | "BS"));
            for member in members.values_mut() {
                match member {
                    Value::Array(elements) if is_set => {
                        elements.sort_by_cached_key(Value::to_string);
                    }
                    other => canonical(other),
                }
            }
        }
        Value::Array(elements) => elements.iter_mut().for_each(canonical),
        _ => {}
    }
}

/// `reply` with the members of `patch` replaced (`null` removes a member). A key that starts
/// with `/` is a JSON pointer into the answer (`/body/TableDescription/TableStatus`), for one
/// member deep inside a large answer; its parent must exist.
pub(crate) fn patched(reply: &Value, patch: &Map<String, Value>) -> Value {
    let mut patched = reply.clone();
    for (key, value) in patch {
        let (parent, name) = match key.rsplit_once('/') {
            Some((parent, name)) if key.starts_with('/') => (parent, name),
            _ => ("", key.as_str()),
        };
        let Some(Value::Object(members)) = patched.pointer_mut(parent) else {
            continue;
        };
        if value.is_null() {
            members.remove(name);
        } else {
            let mut value = value.clone();
            canonical(&mut value);
            members.insert(name.to_owned(), value);
        }
    }
    patched
}

/// The members of `patch` that `reply` does not have as written (after normalization). A
/// member written `{"starts_with": "..."}` matches a text with that beginning (for DynamoDB
/// Local texts that list a hash set in an order that changes from run to run).
pub(crate) fn unmatched(reply: &Value, patch: &Map<String, Value>) -> Vec<String> {
    let expected = patched(reply, patch);
    let at = |value: &Value, key: &str| {
        if key.starts_with('/') {
            value.pointer(key).cloned()
        } else {
            value.get(key).cloned()
        }
    };
    patch
        .iter()
        .filter(|(key, wanted)| {
            let found = at(reply, key);
            match (starts_with(wanted), found) {
                (Some(prefix), Some(Value::String(text))) => !text.starts_with(prefix),
                (Some(_), _) => true,
                (None, found) => found != at(&expected, key),
            }
        })
        .map(|(key, _)| key.clone())
        .collect()
}

/// The prefix of a `{"starts_with": "..."}` pattern.
fn starts_with(pattern: &Value) -> Option<&str> {
    match pattern.as_object() {
        Some(members) if members.len() == 1 => members.get("starts_with")?.as_str(),
        _ => None,
    }
}
