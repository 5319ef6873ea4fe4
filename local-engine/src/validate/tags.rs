//! Tags and the table ARNs the tagging operations take.
//!
//! A tag key is 1 to 128 characters, a value 0 to 256, both drawn from AWS's tag character
//! set: letters, digits and space separators of any script, and `_ . : / = + - @` ([capture]:
//! emoji, `%`, `,`, quotes, `&`, `*`, `;`, `?`, `|`, `\`, `<>` and `~` are rejected). Keys
//! starting with `aws:` are reserved. A table has at most 50 tags.

use std::collections::BTreeSet;

use dynamodel::Error;
use dynamodel::model::Tag;

use crate::engine::EngineConfig;
use crate::messages::Violations;
use crate::messages::tags as msg;

/// The most tags a table can have.
pub(crate) const MAX_TAGS: usize = 50;
/// The longest tag key, in characters.
const MAX_KEY: usize = 128;
/// The longest tag value, in characters.
const MAX_VALUE: usize = 256;
/// The longest `ResourceArn` (API reference).
const MAX_ARN: usize = 1283;
/// The prefix AWS reserves for its own tag keys.
const RESERVED_PREFIX: &str = "aws:";

/// The `ResourceArn` parameter constraint.
pub(crate) fn check_arn_length(violations: &mut Violations, arn: &str) {
    let length = arn.chars().count();
    if length == 0 {
        violations.min_length(arn, "resourceArn", 1);
    } else if length > MAX_ARN {
        violations.max_length(arn, "resourceArn", MAX_ARN);
    }
}

/// The table name of `arn`, which must be a table ARN of this engine's region and account:
/// `arn:<partition>:dynamodb:<region>:<account>:table/<name>`.
pub(crate) fn table_name<'a>(config: &EngineConfig, arn: &'a str) -> Result<&'a str, Error> {
    let rest = arn
        .strip_prefix("arn:")
        .ok_or_else(|| msg::not_an_arn(arn))?;
    let mut parts = rest.splitn(5, ':');
    let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Err(msg::invalid_table_arn(arn));
    };
    if service != "dynamodb" {
        return Err(msg::not_a_dynamodb_arn(arn));
    }
    let name = resource
        .strip_prefix("table/")
        .filter(|name| !name.contains('/'))
        .ok_or_else(|| msg::not_a_table_arn(arn))?;
    let ours = partition.starts_with("aws")
        && region == config.region
        && account == config.account_id
        && is_table_name(name);
    if ours {
        Ok(name)
    } else {
        Err(msg::invalid_table_arn(arn))
    }
}

fn is_table_name(name: &str) -> bool {
    (3..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

/// Checks the tags of a TagResource or CreateTable request, each in order (key, reserved
/// prefix, value), then that no key comes twice.
pub(crate) fn check_tags(tags: &[Tag]) -> Result<(), Error> {
    for tag in tags {
        check_key(&tag.key)?;
        if tag.key.starts_with(RESERVED_PREFIX) {
            return Err(msg::reserved_prefix(&tag.key));
        }
        if tag.value.chars().count() > MAX_VALUE || !tag.value.chars().all(is_tag_char) {
            return Err(msg::invalid_value(&tag.value));
        }
    }
    let mut seen = BTreeSet::new();
    match tags.iter().find(|tag| !seen.insert(tag.key.as_str())) {
        Some(duplicate) => Err(msg::duplicate_key(&duplicate.key)),
        None => Ok(()),
    }
}

/// Checks the keys of an UntagResource request: at most [`MAX_TAGS`], each a valid key.
pub(crate) fn check_keys(keys: &[String]) -> Result<(), Error> {
    keys.iter().try_for_each(|key| check_key(key))?;
    if keys.len() > MAX_TAGS {
        return Err(msg::too_many());
    }
    Ok(())
}

fn check_key(key: &str) -> Result<(), Error> {
    let length = key.chars().count();
    if length == 0 || length > MAX_KEY || !key.chars().all(is_tag_char) {
        return Err(msg::invalid_key(key));
    }
    Ok(())
}

/// Whether `c` may appear in a tag key or value.
fn is_tag_char(c: char) -> bool {
    c.is_alphabetic()
        || c.is_numeric()
        || is_space_separator(c)
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

/// Unicode's space separators (category `Zs`) and the line and paragraph separators.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}
