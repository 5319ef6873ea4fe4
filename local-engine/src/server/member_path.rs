//! Where in a request a required member is missing, in DynamoDB's words.
//!
//! serde reports a missing member by its own name only (`missing field `Enabled``); DynamoDB
//! names it by its path from the request's top: each structure member with its first letter
//! lowered, a list element as its 1-based position followed by `member`, a map entry as its
//! key followed by `member` (`transactItems.1.member.conditionCheck.conditionExpression`,
//! `timeToLiveSpecification.enabled`, `scanFilter.n.member.comparisonOperator`; [dynalite]
//! pins these, and the AWS SDKs quote them from DynamoDB).
//!
//! serde_json stops at the closing brace of the object that lacks the member, and says where
//! that is; [`missing_member_path`] walks the body to that brace to learn the object's path.

/// Request members whose values are maps (keyed by a table or attribute name) of structures.
const MAP_MEMBERS: [&str; 6] = [
    "RequestItems",
    "KeyConditions",
    "QueryFilter",
    "ScanFilter",
    "Expected",
    "AttributeUpdates",
];

/// One step from a container to the value being read.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// An open object or array while walking the body, with where its current value is.
#[derive(Debug)]
enum Open {
    /// The key of the value being read, once read.
    Object(Option<String>),
    Array(usize),
}

/// DynamoDB's path of `member`, missing from the object that closes at `line`/`column` (as
/// serde_json counts them: 1-based lines, the column of the brace) of `body`; `None` when no
/// object closes there.
pub(crate) fn missing_member_path(
    body: &[u8],
    line: usize,
    column: usize,
    member: &str,
) -> Option<String> {
    let close = byte_offset(body, line, column)?;
    let steps = object_steps(body, close)?;
    let mut parts = Vec::with_capacity(steps.len() + 1);
    let mut in_map = false;
    for step in steps {
        match step {
            Step::Key(key) if in_map => {
                parts.push(key);
                parts.push("member".to_owned());
                in_map = false;
            }
            Step::Key(key) => {
                in_map = MAP_MEMBERS.contains(&key.as_str());
                parts.push(lower_first(&key));
            }
            Step::Index(index) => {
                parts.push((index + 1).to_string());
                parts.push("member".to_owned());
                in_map = false;
            }
        }
    }
    parts.push(lower_first(member));
    Some(parts.join("."))
}

/// `name` with its first letter lowered, as DynamoDB names members in its messages.
pub(crate) fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The byte at `column` (1-based) of line `line` (1-based).
fn byte_offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        body.iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map(|(at, _)| at + 1)?
    };
    (line_start + column).checked_sub(1)
}

/// The steps from the top of `body` to the object whose closing brace is at `close`.
fn object_steps(body: &[u8], close: usize) -> Option<Vec<Step>> {
    let mut open: Vec<Open> = Vec::new();
    let mut at = 0;
    while let Some(&byte) = body.get(at) {
        match byte {
            b'{' => open.push(Open::Object(None)),
            b'[' => open.push(Open::Array(0)),
            b'}' if at == close => return Some(steps_to_top(&open)),
            b'}' | b']' => {
                open.pop();
            }
            b',' => match open.last_mut() {
                Some(Open::Object(key)) => *key = None,
                Some(Open::Array(index)) => *index += 1,
                None => {}
            },
            b'"' => {
                let end = string_end(body, at)?;
                if let Some(Open::Object(key @ None)) = open.last_mut() {
                    *key = serde_json::from_slice(body.get(at..=end)?).ok();
                }
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The steps from the outermost container to the innermost open one.
fn steps_to_top(open: &[Open]) -> Vec<Step> {
    let parents = open.len().saturating_sub(1);
    open.iter()
        .take(parents)
        .filter_map(|container| match container {
            Open::Object(key) => key.clone().map(Step::Key),
            Open::Array(index) => Some(Step::Index(*index)),
        })
        .collect()
}

/// The offset of the quote that closes the string opening at `start`.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    let mut at = start + 1;
    loop {
        match body.get(at)? {
            b'\\' => at += 2,
            b'"' => return Some(at),
            _ => at += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde::de::IgnoredAny;

    use super::missing_member_path;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)] // Read only for their required members.
    struct Request {
        time_to_live_specification: Option<Specification>,
        transact_items: Option<Vec<Action>>,
        scan_filter: Option<std::collections::BTreeMap<String, Condition>>,
        table_name: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Specification {
        enabled: bool,
        attribute_name: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Action {
        put: Option<IgnoredAny>,
        condition_check: Option<Check>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Check {
        key: IgnoredAny,
        condition_expression: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    #[allow(dead_code)]
    struct Condition {
        comparison_operator: String,
    }

    /// The path serde's missing-member error in `body` leads to.
    fn path_of_missing(body: &str) -> Option<String> {
        let error = serde_json::from_str::<Request>(body).expect_err("a member is missing");
        let text = error.to_string();
        let member = text.split('`').nth(1).expect("a missing field error");
        missing_member_path(body.as_bytes(), error.line(), error.column(), member)
    }

    #[test]
    fn names_structure_members_lists_and_maps_as_dynamodb_does() {
        assert_eq!(
            path_of_missing(r#"{"TableName":"t","TimeToLiveSpecification":{"Enabled":true}}"#)
                .as_deref(),
            Some("timeToLiveSpecification.attributeName")
        );
        assert_eq!(
            path_of_missing(r#"{"TableName":"t","ScanFilter":{"n":{"AttributeValueList":[]}}}"#)
                .as_deref(),
            Some("scanFilter.n.member.comparisonOperator")
        );
        assert_eq!(
            path_of_missing(r#"{"TimeToLiveSpecification":{"Enabled":true,"AttributeName":"a"}}"#)
                .as_deref(),
            Some("tableName")
        );
    }

    #[test]
    fn counts_list_elements_from_one_across_lines_and_escapes() {
        let body = "{\"TableName\":\"t\",\"TransactItems\":[{\"Put\":{\"TableName\":\"}\"}},\n  \
                    {\"ConditionCheck\":{\"Key\":{\"k\\\",\":{\"S\":\"x,}]\"}}}}]}";
        assert_eq!(
            path_of_missing(body).as_deref(),
            Some("transactItems.2.member.conditionCheck.conditionExpression")
        );
    }

    #[test]
    fn no_path_where_no_object_closes() {
        assert_eq!(
            missing_member_path(br#"{"Key":{}}"#, 1, 2, "TableName"),
            None
        );
        assert_eq!(
            missing_member_path(br#"{"Key":{}}"#, 3, 1, "TableName"),
            None
        );
    }
}
