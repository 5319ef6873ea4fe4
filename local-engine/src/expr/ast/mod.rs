//! The syntax tree of DynamoDB's expression language.
//!
//! One tree serves every expression kind: key conditions, condition and filter expressions are
//! [`Condition`]s; projections are lists of [`Path`]s; update expressions are [`Update`]s. All
//! of them share [`Operand`] and [`Path`]. Names and values stay as written (`#n`, `:v`, literal
//! names) and function names are kept even when no such function exists: resolving placeholders
//! and judging names is a separate step ([`super::check`]), so a parsed tree can be cached by
//! its text and the checks can report DynamoDB's errors in DynamoDB's order.
//!
//! Every node keeps its byte [`Span`]; `Display` prints the canonical form (single spaces,
//! upper-case keywords, parentheses kept as written).

mod condition;
mod update;

use std::fmt;

pub(crate) use condition::{CompareOp, Condition};
pub(crate) use update::{
    ArithOp, ClauseKind, SetAction, SetValue, Update, UpdateAction, UpdateClause,
};

/// A byte range `[start, end)` in the expression text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    /// The span covering both.
    pub(crate) fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// An attribute name as written: literally or as a `#placeholder`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum NameRef {
    Literal { name: String, span: Span },
    Placeholder { key: String, span: Span },
}

impl NameRef {
    pub(crate) fn span(&self) -> Span {
        match self {
            NameRef::Literal { span, .. } | NameRef::Placeholder { span, .. } => *span,
        }
    }
}

/// One step of a document path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathElement {
    /// A map key or top-level attribute.
    Attribute(NameRef),
    /// A list index as written: `[3]`. `index` is `None` when the digits exceed DynamoDB's
    /// range (`i32::MAX`), which the checks reject quoting `digits`.
    Index {
        digits: String,
        index: Option<u32>,
        span: Span,
    },
}

/// A document path: `a`, `#a.b[2].c`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Path {
    /// Never empty; the first element is always an [`PathElement::Attribute`].
    pub(crate) elements: Vec<PathElement>,
    pub(crate) span: Span,
}

/// A `:placeholder` for a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ValueRef {
    pub(crate) key: String,
    pub(crate) span: Span,
}

/// The functions of the expression language (names are case-sensitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    AttributeExists,
    AttributeNotExists,
    AttributeType,
    BeginsWith,
    Contains,
    Size,
    /// `if_not_exists(path, value)`: update expressions only.
    IfNotExists,
    /// `list_append(a, b)`: update expressions only.
    ListAppend,
}

impl Function {
    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "attribute_exists" => Function::AttributeExists,
            "attribute_not_exists" => Function::AttributeNotExists,
            "attribute_type" => Function::AttributeType,
            "begins_with" => Function::BeginsWith,
            "contains" => Function::Contains,
            "size" => Function::Size,
            "if_not_exists" => Function::IfNotExists,
            "list_append" => Function::ListAppend,
            _ => return None,
        })
    }

    /// How many operands the function takes.
    pub(crate) fn arity(self) -> usize {
        match self {
            Function::AttributeExists | Function::AttributeNotExists | Function::Size => 1,
            Function::AttributeType
            | Function::BeginsWith
            | Function::Contains
            | Function::IfNotExists
            | Function::ListAppend => 2,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Function::AttributeExists => "attribute_exists",
            Function::AttributeNotExists => "attribute_not_exists",
            Function::AttributeType => "attribute_type",
            Function::BeginsWith => "begins_with",
            Function::Contains => "contains",
            Function::Size => "size",
            Function::IfNotExists => "if_not_exists",
            Function::ListAppend => "list_append",
        }
    }

    /// Whether the function is a condition (true or false) rather than a value.
    pub(crate) fn is_condition(self) -> bool {
        !matches!(
            self,
            Function::Size | Function::IfNotExists | Function::ListAppend
        )
    }
}

/// A function call as written: `begins_with(a, :p)`, `size(a)`, `dog(a)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Call {
    /// The name as written.
    pub(crate) name: String,
    /// The function, or `None` for a name no function has.
    pub(crate) function: Option<Function>,
    pub(crate) args: Vec<Operand>,
    pub(crate) span: Span,
}

/// Something that has a value: a path, a value placeholder, a function call or one of them in
/// parentheses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    Path(Path),
    Value(ValueRef),
    Call(Call),
    Parens { inner: Box<Operand>, span: Span },
}

impl Operand {
    pub(crate) fn span(&self) -> Span {
        match self {
            Operand::Path(p) => p.span,
            Operand::Value(v) => v.span,
            Operand::Call(c) => c.span,
            Operand::Parens { span, .. } => *span,
        }
    }

    /// The operand without the parentheses around it.
    pub(crate) fn unwrapped(&self) -> &Operand {
        match self {
            Operand::Parens { inner, .. } => inner.unwrapped(),
            other => other,
        }
    }
}

impl fmt::Display for NameRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameRef::Literal { name, .. } => f.write_str(name),
            NameRef::Placeholder { key, .. } => f.write_str(key),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, element) in self.elements.iter().enumerate() {
            match element {
                PathElement::Attribute(name) if i == 0 => write!(f, "{name}")?,
                PathElement::Attribute(name) => write!(f, ".{name}")?,
                PathElement::Index { digits, .. } => write!(f, "[{digits}]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.name)?;
        write_list(f, &self.args)?;
        f.write_str(")")
    }
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Path(path) => write!(f, "{path}"),
            Operand::Value(value) => f.write_str(&value.key),
            Operand::Call(call) => write!(f, "{call}"),
            Operand::Parens { inner, .. } => write!(f, "({inner})"),
        }
    }
}

/// Operands separated by `, `.
pub(crate) fn write_list<T: fmt::Display>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}
