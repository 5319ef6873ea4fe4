//! Projections: `ProjectionExpression` and the legacy `AttributesToGet`.
//!
//! The checked paths form a tree (no path is a prefix of another, and no two paths step into
//! one value both by key and by index); applying it copies the selected parts of an item.
//! Nested paths keep their structure: `a.b` yields `{a: {b: ...}}`, and list elements are
//! kept in index order with the gaps closed (`l[3], l[1]` yields `{l: [l[1], l[3]]}`). Parts
//! that are missing, or whose parent has another type, are left out, and so is a container
//! none of whose selected parts exist. Key attributes are returned only when selected.
//! (AWS, *Projection expressions*; checked against DynamoDB Local 3.3.0.)

use std::collections::BTreeMap;

use dynamodel::{AttributeValue, Item};

use super::ast::Path;
use super::check::doc_path;
use super::check::shape;
use super::document::{DocPath, Step, check_clashes};
use super::placeholders::Placeholders;

/// A checked projection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Projection {
    root: BTreeMap<String, Node>,
    /// The top-level attributes in the order DynamoDB meets them: those named whole first,
    /// then those stepped into, each in request order (see [`Projection::heads_in_order`]).
    order: Vec<String>,
}

/// What to keep of one value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    /// The whole value.
    All,
    /// Some entries of a map.
    Keys(BTreeMap<String, Node>),
    /// Some elements of a list.
    Indexes(BTreeMap<u32, Node>),
}

impl Projection {
    /// Checks a parsed `ProjectionExpression`: reserved words, index ranges and depth of every
    /// path in order, then the names, then overlapping and conflicting pairs.
    pub(crate) fn check(
        paths: &[Path],
        placeholders: &mut Placeholders<'_>,
    ) -> Result<Projection, String> {
        paths.iter().try_for_each(shape::path)?;
        let resolved = paths
            .iter()
            .map(|path| doc_path(path, placeholders))
            .collect::<Result<Vec<_>, _>>()?;
        Projection::from_paths(&resolved)
    }

    /// The projection of top-level attributes (`AttributesToGet`), already free of repeats.
    pub(crate) fn attributes<'n>(names: impl IntoIterator<Item = &'n String>) -> Projection {
        let order: Vec<String> = names.into_iter().cloned().collect();
        Projection {
            root: order.iter().map(|name| (name.clone(), Node::All)).collect(),
            order,
        }
    }

    fn from_paths(paths: &[DocPath]) -> Result<Projection, String> {
        check_clashes(paths)?;
        Ok(Projection::of_clash_free(paths))
    }

    /// The projection of paths already known not to clash (an update's action paths).
    pub(crate) fn of_clash_free<'p>(paths: impl IntoIterator<Item = &'p DocPath>) -> Projection {
        let mut root = BTreeMap::new();
        let (mut whole, mut nested) = (Vec::new(), Vec::new());
        for path in paths {
            insert(&mut root, &path.steps);
            let heads = if path.steps.len() > 1 {
                &mut nested
            } else {
                &mut whole
            };
            heads.push(path.head().to_owned());
        }
        let mut order: Vec<String> = Vec::with_capacity(whole.len() + nested.len());
        for head in whole.into_iter().chain(nested) {
            if !order.contains(&head) {
                order.push(head);
            }
        }
        Projection { root, order }
    }

    /// Every top-level attribute the projection names.
    pub(crate) fn heads(&self) -> impl Iterator<Item = &str> {
        self.root.keys().map(String::as_str)
    }

    /// Every top-level attribute the projection names, in the order DynamoDB meets them: the
    /// attributes named whole, then those stepped into, each in request order (observed
    /// through the order of DynamoDB Local's `does not project [...]` lists).
    pub(crate) fn heads_in_order(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(String::as_str)
    }

    /// The top-level attributes the projection steps into (`a` of `a.b` or `a[0]`).
    pub(crate) fn nested_heads(&self) -> impl Iterator<Item = &str> {
        self.root
            .iter()
            .filter(|(_, node)| !matches!(node, Node::All))
            .map(|(name, _)| name.as_str())
    }

    /// The projected copy of `item`.
    pub(crate) fn apply(&self, item: &Item) -> Item {
        self.root
            .iter()
            .filter_map(|(name, node)| {
                let value = project(node, item.get(name)?)?;
                Some((name.clone(), value))
            })
            .collect()
    }
}

/// Adds a path (checked free of clashes) below a map node.
fn insert(map: &mut BTreeMap<String, Node>, steps: &[Step]) {
    let Some((Step::Key(head), rest)) = steps.split_first() else {
        return;
    };
    let node = map.entry(head.clone()).or_insert(Node::All);
    insert_below(node, rest);
}

fn insert_below(node: &mut Node, steps: &[Step]) {
    let Some((step, rest)) = steps.split_first() else {
        return;
    };
    if matches!(node, Node::All) {
        *node = match step {
            Step::Key(_) => Node::Keys(BTreeMap::new()),
            Step::Index(_) => Node::Indexes(BTreeMap::new()),
        };
    }
    match (node, step) {
        (Node::Keys(keys), Step::Key(key)) => {
            insert_below(keys.entry(key.clone()).or_insert(Node::All), rest);
        }
        (Node::Indexes(indexes), Step::Index(index)) => {
            insert_below(indexes.entry(*index).or_insert(Node::All), rest);
        }
        _ => {}
    }
}

/// The selected part of `value`, if any of it exists.
fn project(node: &Node, value: &AttributeValue) -> Option<AttributeValue> {
    match (node, value) {
        (Node::All, value) => Some(value.clone()),
        (Node::Keys(keys), AttributeValue::M(map)) => {
            let kept: Item = keys
                .iter()
                .filter_map(|(key, node)| Some((key.clone(), project(node, map.get(key)?)?)))
                .collect();
            (!kept.is_empty()).then_some(AttributeValue::M(kept))
        }
        (Node::Indexes(indexes), AttributeValue::L(list)) => {
            let kept: Vec<AttributeValue> = indexes
                .iter()
                .filter_map(|(index, node)| project(node, list.get(usize::try_from(*index).ok()?)?))
                .collect();
            (!kept.is_empty()).then_some(AttributeValue::L(kept))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;
