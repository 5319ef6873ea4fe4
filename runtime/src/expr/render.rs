//! Rendering typed expressions into DynamoDB's expression text with generated placeholders.
//!
//! Every attribute name becomes `#n<i>` and every value `:v<i>`, numbered in order of first
//! appearance; a name used twice gets one placeholder. User text is never pasted into an
//! expression (only into the placeholder maps), and the same builder always renders the
//! same text, so parse caches on both sides work.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::condition::{ConditionNode, Operand};
use super::path::{PathElement, RawPath};
use super::update::{SetValue, UpdateAction};
use crate::error::{Error, Result};
use crate::model::{AttributeValue, ExpressionAttributeNames, ExpressionAttributeValues};

/// Collects placeholders while rendering one request's expressions.
#[derive(Debug, Default)]
pub struct Renderer {
    names: Vec<String>,
    values: Vec<AttributeValue>,
    raw_names: BTreeMap<String, String>,
    raw_values: BTreeMap<String, AttributeValue>,
}

impl Renderer {
    /// A renderer with no placeholders yet.
    pub fn new() -> Self {
        Renderer::default()
    }

    fn name(&mut self, name: &str) -> String {
        let index = match self.names.iter().position(|n| n == name) {
            Some(index) => index,
            None => {
                self.names.push(name.to_owned());
                self.names.len() - 1
            }
        };
        format!("#n{index}")
    }

    fn value(&mut self, value: &AttributeValue) -> String {
        self.values.push(value.clone());
        format!(":v{}", self.values.len() - 1)
    }

    /// Renders a path (`#n0.#n1[2]`).
    pub fn path(&mut self, path: &RawPath) -> String {
        let mut text = self.name(path.head());
        for element in path.rest() {
            match element {
                PathElement::Name(name) => {
                    let placeholder = self.name(name);
                    text.push('.');
                    text.push_str(&placeholder);
                }
                PathElement::Index(index) => {
                    let _ = write!(text, "[{index}]");
                }
            }
        }
        text
    }

    fn operand(&mut self, operand: &Operand) -> String {
        match operand {
            Operand::Path(path) => self.path(path),
            Operand::Size(path) => format!("size({})", self.path(path)),
            Operand::Value(value) => self.value(value),
        }
    }

    /// Renders a condition.
    pub fn condition(&mut self, node: &ConditionNode) -> Result<String> {
        Ok(match node {
            ConditionNode::Compare(a, comparator, b) => {
                format!(
                    "{} {} {}",
                    self.operand(a),
                    comparator.as_str(),
                    self.operand(b)
                )
            }
            ConditionNode::Between(a, low, high) => {
                format!(
                    "{} BETWEEN {} AND {}",
                    self.operand(a),
                    self.operand(low),
                    self.operand(high)
                )
            }
            ConditionNode::In(a, values) => {
                let a = self.operand(a);
                let values: Vec<String> = values.iter().map(|v| self.operand(v)).collect();
                format!("{a} IN ({})", values.join(", "))
            }
            ConditionNode::Exists(path) => format!("attribute_exists({})", self.path(path)),
            ConditionNode::NotExists(path) => format!("attribute_not_exists({})", self.path(path)),
            ConditionNode::IsType(path, attribute_type) => {
                let path = self.path(path);
                let t = self.value(&AttributeValue::S(attribute_type.as_str().to_owned()));
                format!("attribute_type({path}, {t})")
            }
            ConditionNode::BeginsWith(path, prefix) => {
                format!("begins_with({}, {})", self.path(path), self.value(prefix))
            }
            ConditionNode::Contains(path, member) => {
                format!("contains({}, {})", self.path(path), self.value(member))
            }
            ConditionNode::And(a, b) => {
                format!("({}) AND ({})", self.condition(a)?, self.condition(b)?)
            }
            ConditionNode::Or(a, b) => {
                format!("({}) OR ({})", self.condition(a)?, self.condition(b)?)
            }
            ConditionNode::Not(a) => format!("NOT ({})", self.condition(a)?),
            ConditionNode::Raw(raw) => {
                for (placeholder, name) in &raw.names {
                    if placeholder.starts_with("#n") {
                        return Err(reserved_placeholder(placeholder));
                    }
                    self.raw_names.insert(placeholder.clone(), name.clone());
                }
                for (placeholder, value) in &raw.values {
                    if placeholder.starts_with(":v") {
                        return Err(reserved_placeholder(placeholder));
                    }
                    self.raw_values.insert(placeholder.clone(), value.clone());
                }
                format!("({})", raw.expression)
            }
        })
    }

    /// Renders an update's actions, grouped into `SET`, `REMOVE`, `ADD` and `DELETE`
    /// clauses in the order the actions were added.
    pub fn update(&mut self, actions: &[UpdateAction]) -> Result<String> {
        if actions.is_empty() {
            return Err(Error::conversion("an update needs at least one action"));
        }
        let (mut set, mut remove, mut add, mut delete) = (vec![], vec![], vec![], vec![]);
        for action in actions {
            match action {
                UpdateAction::Set(path, value) => {
                    let target = self.path(path);
                    let value = match value {
                        SetValue::Value(v) => self.value(v),
                        SetValue::IfNotExists(p, v) => {
                            format!("if_not_exists({}, {})", self.path(p), self.value(v))
                        }
                        SetValue::Plus(p, v) => format!("{} + {}", self.path(p), self.value(v)),
                        SetValue::Minus(p, v) => format!("{} - {}", self.path(p), self.value(v)),
                        SetValue::Append(p, v) => {
                            format!("list_append({}, {})", self.path(p), self.value(v))
                        }
                        SetValue::Prepend(p, v) => {
                            let v = self.value(v);
                            format!("list_append({v}, {})", self.path(p))
                        }
                    };
                    set.push(format!("{target} = {value}"));
                }
                UpdateAction::Remove(path) => remove.push(self.path(path)),
                UpdateAction::Add(path, v) => {
                    add.push(format!("{} {}", self.path(path), self.value(v)))
                }
                UpdateAction::Delete(path, v) => {
                    delete.push(format!("{} {}", self.path(path), self.value(v)));
                }
            }
        }
        let mut clauses = Vec::new();
        for (keyword, items) in [
            ("SET", set),
            ("REMOVE", remove),
            ("ADD", add),
            ("DELETE", delete),
        ] {
            if !items.is_empty() {
                clauses.push(format!("{keyword} {}", items.join(", ")));
            }
        }
        Ok(clauses.join(" "))
    }

    /// Renders a projection of paths (`#n0, #n1.#n2`).
    pub fn projection(&mut self, paths: &[RawPath]) -> String {
        let rendered: Vec<String> = paths.iter().map(|p| self.path(p)).collect();
        rendered.join(", ")
    }

    /// The `ExpressionAttributeNames` of everything rendered, or `None` if empty.
    pub fn names(&self) -> Option<ExpressionAttributeNames> {
        let mut names: ExpressionAttributeNames = self.raw_names.clone();
        for (index, name) in self.names.iter().enumerate() {
            names.insert(format!("#n{index}"), name.clone());
        }
        (!names.is_empty()).then_some(names)
    }

    /// The `ExpressionAttributeValues` of everything rendered, or `None` if empty.
    pub fn values(&self) -> Option<ExpressionAttributeValues> {
        let mut values: ExpressionAttributeValues = self.raw_values.clone();
        for (index, value) in self.values.iter().enumerate() {
            values.insert(format!(":v{index}"), value.clone());
        }
        (!values.is_empty()).then_some(values)
    }
}

fn reserved_placeholder(placeholder: &str) -> Error {
    Error::conversion(format!(
        "raw expression placeholder `{placeholder}` collides with generated placeholders; \
         use names that do not start with `#n` or `:v`"
    ))
}
