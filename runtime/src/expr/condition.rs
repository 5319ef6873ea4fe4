//! Typed conditions: `ConditionExpression` and `FilterExpression`.

use std::marker::PhantomData;
use std::ops::Not;

use super::path::{Path, RawPath};
use super::value::{AsValue, Container, HasSize, Ordered, Prefixed};
use crate::error::{Error, Result};
use crate::model::{AttributeType, AttributeValue};

/// DynamoDB's limit on the operands of `IN`.
pub const MAX_IN_OPERANDS: usize = 100;

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Comparator {
    /// The operator as written in an expression.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ne => "<>",
            Comparator::Lt => "<",
            Comparator::Le => "<=",
            Comparator::Gt => ">",
            Comparator::Ge => ">=",
        }
    }
}

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// The value at a path.
    Path(RawPath),
    /// `size(path)`.
    Size(RawPath),
    /// A value.
    Value(AttributeValue),
}

/// The untyped tree of a condition, rendered by [`Renderer`](super::Renderer).
#[derive(Clone, Debug, PartialEq)]
pub enum ConditionNode {
    /// `a <op> b`
    Compare(Operand, Comparator, Operand),
    /// `a BETWEEN low AND high`
    Between(Operand, Operand, Operand),
    /// `a IN (v1, v2, ...)`
    In(Operand, Vec<Operand>),
    /// `attribute_exists(path)`
    Exists(RawPath),
    /// `attribute_not_exists(path)`
    NotExists(RawPath),
    /// `attribute_type(path, :t)`
    IsType(RawPath, AttributeType),
    /// `begins_with(path, :v)`
    BeginsWith(RawPath, AttributeValue),
    /// `contains(path, :v)`
    Contains(RawPath, AttributeValue),
    /// `a AND b`
    And(Box<ConditionNode>, Box<ConditionNode>),
    /// `a OR b`
    Or(Box<ConditionNode>, Box<ConditionNode>),
    /// `NOT a`
    Not(Box<ConditionNode>),
    /// A hand-written expression (see [`Condition::raw_unchecked`]).
    Raw(RawExpression),
}

/// A hand-written expression with its own placeholders, for what the typed builders cannot
/// say. Its names and values are checked by DynamoDB, not by the compiler.
#[derive(Clone, Debug, PartialEq)]
pub struct RawExpression {
    /// The expression text, e.g. `size(#tags) > :n`.
    pub expression: String,
    /// Its `#name` placeholders.
    pub names: Vec<(String, String)>,
    /// Its `:value` placeholders.
    pub values: Vec<(String, AttributeValue)>,
}

impl RawExpression {
    /// A raw expression with no placeholders yet.
    pub fn new(expression: impl Into<String>) -> Self {
        RawExpression {
            expression: expression.into(),
            names: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Adds a `#name` placeholder (`placeholder` includes the `#`).
    #[must_use]
    pub fn name(mut self, placeholder: impl Into<String>, attribute: impl Into<String>) -> Self {
        self.names.push((placeholder.into(), attribute.into()));
        self
    }

    /// Adds a `:value` placeholder (`placeholder` includes the `:`).
    #[must_use]
    pub fn value(mut self, placeholder: impl Into<String>, value: AttributeValue) -> Self {
        self.values.push((placeholder.into(), value));
        self
    }
}

/// A typed condition on items of table `T`, built from `T`'s paths:
///
/// ```
/// # use dynamodel::{Table, expr::Condition};
/// # #[derive(Table)] #[dynamodel(table = "games")]
/// # struct Game { #[dynamodel(partition_key)] id: String, turn: u32, winner: Option<String> }
/// let g = Game::paths();
/// let open: Condition<Game> = g.winner.not_exists().and(g.turn.lt(9));
/// ```
pub struct Condition<T> {
    node: std::result::Result<ConditionNode, ErrorCell>,
    table: PhantomData<fn() -> T>,
}

/// A conversion error raised while building, reported when the request is sent.
struct ErrorCell(Error);

impl<T> Condition<T> {
    fn new(node: ConditionNode) -> Self {
        Condition {
            node: Ok(node),
            table: PhantomData,
        }
    }

    fn failed(error: Error) -> Self {
        Condition {
            node: Err(ErrorCell(error)),
            table: PhantomData,
        }
    }

    fn build(build: impl FnOnce() -> Result<ConditionNode>) -> Self {
        match build() {
            Ok(node) => Condition::new(node),
            Err(error) => Condition::failed(error),
        }
    }

    /// A hand-written condition (escape hatch): its names and values are not type-checked.
    pub fn raw_unchecked(expression: RawExpression) -> Self {
        Condition::new(ConditionNode::Raw(expression))
    }

    /// Both conditions.
    #[must_use]
    pub fn and(self, other: Condition<T>) -> Self {
        self.combine(other, |a, b| ConditionNode::And(Box::new(a), Box::new(b)))
    }

    /// Either condition.
    #[must_use]
    pub fn or(self, other: Condition<T>) -> Self {
        self.combine(other, |a, b| ConditionNode::Or(Box::new(a), Box::new(b)))
    }

    fn combine(
        self,
        other: Condition<T>,
        join: impl FnOnce(ConditionNode, ConditionNode) -> ConditionNode,
    ) -> Self {
        match (self.node, other.node) {
            (Ok(a), Ok(b)) => Condition::new(join(a, b)),
            (Err(error), _) | (_, Err(error)) => Condition {
                node: Err(error),
                table: PhantomData,
            },
        }
    }

    /// The untyped tree, or the error raised while building it.
    pub fn into_node(self) -> Result<ConditionNode> {
        self.node.map_err(|cell| cell.0)
    }
}

impl<T> Not for Condition<T> {
    type Output = Condition<T>;

    fn not(self) -> Condition<T> {
        match self.node {
            Ok(node) => Condition::new(ConditionNode::Not(Box::new(node))),
            Err(error) => Condition {
                node: Err(error),
                table: PhantomData,
            },
        }
    }
}

impl<T> std::fmt::Debug for Condition<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.node {
            Ok(node) => f.debug_tuple("Condition").field(node).finish(),
            Err(error) => f.debug_tuple("Condition").field(&error.0).finish(),
        }
    }
}

fn value<V>(value: impl AsValue<V>) -> Result<Operand> {
    value.to_value().map(Operand::Value)
}

impl<T, V, K> Path<T, V, K> {
    fn compare(&self, comparator: Comparator, operand: Result<Operand>) -> Condition<T> {
        let path = Operand::Path(self.raw().clone());
        Condition::build(|| Ok(ConditionNode::Compare(path, comparator, operand?)))
    }

    /// `path = value`.
    pub fn eq(&self, v: impl AsValue<V>) -> Condition<T> {
        self.compare(Comparator::Eq, value(v))
    }

    /// `path <> value` (also true when the attribute is missing).
    pub fn ne(&self, v: impl AsValue<V>) -> Condition<T> {
        self.compare(Comparator::Ne, value(v))
    }

    /// `path = other path` (both paths of the same type).
    pub fn eq_path<K2>(&self, other: &Path<T, V, K2>) -> Condition<T> {
        self.compare(Comparator::Eq, Ok(Operand::Path(other.raw().clone())))
    }

    /// `path IN (values)`; at most 100 values.
    pub fn is_in<A: AsValue<V>>(&self, values: impl IntoIterator<Item = A>) -> Condition<T> {
        let path = Operand::Path(self.raw().clone());
        Condition::build(|| {
            let values = values
                .into_iter()
                .map(|v| value(v))
                .collect::<Result<Vec<_>>>()?;
            if values.is_empty() || values.len() > MAX_IN_OPERANDS {
                return Err(Error::conversion(format!(
                    "`IN` takes 1 to {MAX_IN_OPERANDS} values, not {}",
                    values.len()
                )));
            }
            Ok(ConditionNode::In(path, values))
        })
    }

    /// `attribute_exists(path)`.
    pub fn exists(&self) -> Condition<T> {
        Condition::new(ConditionNode::Exists(self.raw().clone()))
    }

    /// `attribute_not_exists(path)`.
    pub fn not_exists(&self) -> Condition<T> {
        Condition::new(ConditionNode::NotExists(self.raw().clone()))
    }

    /// `attribute_type(path, type)`.
    pub fn is_type(&self, attribute_type: AttributeType) -> Condition<T> {
        Condition::new(ConditionNode::IsType(self.raw().clone(), attribute_type))
    }
}

// The capability bounds are on the methods, not on the impls, so that a method the type
// does not allow is reported with the capability trait's message ("`bool` has no order in
// DynamoDB") instead of "the method exists but its trait bounds were not satisfied". For
// the same reason `contains` names the member type `M` rather than `V::Member`.
impl<T, V, K> Path<T, V, K> {
    /// `path < value`.
    pub fn lt(&self, v: impl AsValue<V>) -> Condition<T>
    where
        V: Ordered,
    {
        self.compare(Comparator::Lt, value(v))
    }

    /// `path <= value`.
    pub fn le(&self, v: impl AsValue<V>) -> Condition<T>
    where
        V: Ordered,
    {
        self.compare(Comparator::Le, value(v))
    }

    /// `path > value`.
    pub fn gt(&self, v: impl AsValue<V>) -> Condition<T>
    where
        V: Ordered,
    {
        self.compare(Comparator::Gt, value(v))
    }

    /// `path >= value`.
    pub fn ge(&self, v: impl AsValue<V>) -> Condition<T>
    where
        V: Ordered,
    {
        self.compare(Comparator::Ge, value(v))
    }

    /// `path BETWEEN low AND high` (both included).
    pub fn between(&self, low: impl AsValue<V>, high: impl AsValue<V>) -> Condition<T>
    where
        V: Ordered,
    {
        let path = Operand::Path(self.raw().clone());
        let (low, high) = (value(low), value(high));
        Condition::build(|| Ok(ConditionNode::Between(path, low?, high?)))
    }
}

impl<T, V, K> Path<T, V, K> {
    /// `begins_with(path, prefix)`.
    pub fn begins_with(&self, prefix: impl AsValue<V>) -> Condition<T>
    where
        V: Prefixed,
    {
        let path = self.raw().clone();
        let prefix = prefix.to_value();
        Condition::build(|| Ok(ConditionNode::BeginsWith(path, prefix?)))
    }
}

impl<T, V, K> Path<T, V, K> {
    /// `contains(path, member)`: a substring of a string, a member of a set, an element of a
    /// list.
    pub fn contains<M>(&self, member: impl AsValue<M>) -> Condition<T>
    where
        V: Container<Member = M>,
    {
        let path = self.raw().clone();
        let member = member.to_value();
        Condition::build(|| Ok(ConditionNode::Contains(path, member?)))
    }
}

/// `size(path)` of a string, binary, set, list or map, to compare with a number.
#[derive(Debug)]
pub struct Size<T> {
    path: RawPath,
    table: PhantomData<fn() -> T>,
}

impl<T, V, K> Path<T, V, K> {
    /// `size(path)`.
    pub fn size(&self) -> Size<T>
    where
        V: HasSize,
    {
        Size {
            path: self.raw().clone(),
            table: PhantomData,
        }
    }
}

impl<T> Size<T> {
    fn compare(&self, comparator: Comparator, n: u64) -> Condition<T> {
        let operand = value::<u64>(n);
        let size = Operand::Size(self.path.clone());
        Condition::build(|| Ok(ConditionNode::Compare(size, comparator, operand?)))
    }

    /// `size(path) = n`.
    pub fn eq(&self, n: u64) -> Condition<T> {
        self.compare(Comparator::Eq, n)
    }

    /// `size(path) <> n`.
    pub fn ne(&self, n: u64) -> Condition<T> {
        self.compare(Comparator::Ne, n)
    }

    /// `size(path) < n`.
    pub fn lt(&self, n: u64) -> Condition<T> {
        self.compare(Comparator::Lt, n)
    }

    /// `size(path) <= n`.
    pub fn le(&self, n: u64) -> Condition<T> {
        self.compare(Comparator::Le, n)
    }

    /// `size(path) > n`.
    pub fn gt(&self, n: u64) -> Condition<T> {
        self.compare(Comparator::Gt, n)
    }

    /// `size(path) >= n`.
    pub fn ge(&self, n: u64) -> Condition<T> {
        self.compare(Comparator::Ge, n)
    }

    /// `size(path) BETWEEN low AND high`.
    pub fn between(&self, low: u64, high: u64) -> Condition<T> {
        let size = Operand::Size(self.path.clone());
        let (low, high) = (value::<u64>(low), value::<u64>(high));
        Condition::build(|| Ok(ConditionNode::Between(size, low?, high?)))
    }
}
