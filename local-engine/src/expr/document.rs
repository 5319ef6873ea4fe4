//! Resolved document paths and reading them out of items.
//!
//! A [`DocPath`] is a path whose `#name` placeholders have been replaced by the names they
//! stand for: a top-level attribute name followed by map keys and list indexes. Reading a path
//! never fails: a missing attribute, a key of something that is not a map or an index past the
//! end of a list all read as "no value", which is how DynamoDB's conditions see them.

use std::fmt;

use dynamodel::{AttributeValue, Item};

use crate::messages::expression;

/// One step of a resolved path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Step {
    /// A top-level attribute or a map key.
    Key(String),
    /// A list index.
    Index(u32),
}

/// A resolved document path; the first step is always a [`Step::Key`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct DocPath {
    pub(crate) steps: Vec<Step>,
}

impl DocPath {
    /// The path of a top-level attribute.
    pub(crate) fn attribute(name: &str) -> DocPath {
        DocPath {
            steps: vec![Step::Key(name.to_owned())],
        }
    }

    /// The top-level attribute the path starts at.
    pub(crate) fn head(&self) -> &str {
        match self.steps.first() {
            Some(Step::Key(name)) => name,
            _ => "",
        }
    }

    /// The value at this path in `item`, if there is one.
    pub(crate) fn get<'i>(&self, item: &'i Item) -> Option<&'i AttributeValue> {
        let mut steps = self.steps.iter();
        let Some(Step::Key(head)) = steps.next() else {
            return None;
        };
        let mut value = item.get(head)?;
        for step in steps {
            value = step_into(value, step)?;
        }
        Some(value)
    }

    /// How `self` and a path written after it clash, if they do.
    fn clash(&self, later: &DocPath) -> Option<Clash> {
        for (a, b) in self.steps.iter().zip(&later.steps) {
            match (a, b) {
                _ if a == b => {}
                (Step::Key(_), Step::Key(_)) | (Step::Index(_), Step::Index(_)) => return None,
                _ => return Some(Clash::Conflict),
            }
        }
        Some(Clash::Overlap)
    }

    /// The path as DynamoDB prints it in errors: `[a, b, [1]]`.
    pub(crate) fn bracketed(&self) -> String {
        let parts: Vec<String> = self
            .steps
            .iter()
            .map(|step| match step {
                Step::Key(name) => name.clone(),
                Step::Index(index) => format!("[{index}]"),
            })
            .collect();
        format!("[{}]", parts.join(", "))
    }
}

/// Two paths of one projection or update that DynamoDB refuses together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Clash {
    /// They step into one value both by key and by index (`a.b`, `a[0]`).
    Conflict,
    /// One is a prefix of, or equal to, the other (`a`, `a.b`).
    Overlap,
}

/// DynamoDB's check of the paths of one projection or update: the paths are taken from the
/// last to the first, each against those taken before it, and the first clash found is
/// reported, conflict or overlap, with the path being taken as path one. So the clash nearest
/// the end wins: `d[1], d.b, c[1].a, c` reports the overlap `[c, [1], a]`/`[c]`, not the
/// earlier conflict (dynalite pins this update against DynamoDB; DynamoDB Local 3.3.0 answers
/// the same for projections and updates). With three or more paths DynamoDB prints another
/// path than the clashing one as path two; this engine prints the clashing one
/// (`docs/compatibility.md`).
pub(crate) fn check_clashes(paths: &[DocPath]) -> Result<(), String> {
    for (i, taken) in paths.iter().enumerate().rev() {
        for before in paths.iter().skip(i + 1) {
            if let Some(clash) = taken.clash(before) {
                let (one, two) = (taken.bracketed(), before.bracketed());
                return Err(match clash {
                    Clash::Conflict => expression::paths_conflict(&one, &two),
                    Clash::Overlap => expression::paths_overlap(&one, &two),
                });
            }
        }
    }
    Ok(())
}

/// One step down from `value`.
pub(crate) fn step_into<'v>(value: &'v AttributeValue, step: &Step) -> Option<&'v AttributeValue> {
    match (value, step) {
        (AttributeValue::M(map), Step::Key(key)) => map.get(key),
        (AttributeValue::L(list), Step::Index(index)) => list.get(usize::try_from(*index).ok()?),
        _ => None,
    }
}

impl fmt::Display for DocPath {
    /// `a.b[1].c` (names unquoted, as DynamoDB prints paths in update errors).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Key(name) if i == 0 => f.write_str(name)?,
                Step::Key(name) => write!(f, ".{name}")?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(steps: &[Step]) -> DocPath {
        DocPath {
            steps: steps.to_vec(),
        }
    }

    #[test]
    fn reads_nested_values_and_misses_quietly() {
        let inner = AttributeValue::L(vec![AttributeValue::S("x".into())]);
        let mut map = Item::new();
        map.insert("b".into(), inner);
        let mut item = Item::new();
        item.insert("a".into(), AttributeValue::M(map));
        let key = |k: &str| Step::Key(k.to_owned());
        let found = path(&[key("a"), key("b"), Step::Index(0)]).get(&item);
        assert_eq!(found, Some(&AttributeValue::S("x".into())));
        assert_eq!(path(&[key("a"), key("b"), Step::Index(1)]).get(&item), None);
        assert_eq!(path(&[key("a"), Step::Index(0)]).get(&item), None);
        assert_eq!(path(&[key("a"), key("c")]).get(&item), None);
        assert_eq!(path(&[key("z")]).get(&item), None);
        assert_eq!(
            path(&[key("a"), key("b"), Step::Index(3)]).bracketed(),
            "[a, b, [3]]"
        );
        assert_eq!(
            path(&[key("a"), key("b"), Step::Index(3)]).to_string(),
            "a.b[3]"
        );
    }
}
