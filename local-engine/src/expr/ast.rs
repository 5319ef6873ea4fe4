//! The syntax tree of DynamoDB's expression language.
//!
//! One tree serves every expression kind: key conditions and conditions/filters are
//! [`Condition`]s; projections are lists of [`Path`]s; update expressions (a later addition)
//! reuse [`Operand`] and [`Path`]. Names and values stay as written (`#n`, `:v`, literal names):
//! resolving placeholders is a separate step, so a parsed tree can be cached by its text.
//! Every node keeps its byte [`Span`]; `Display` prints the canonical form (single spaces,
//! upper-case keywords, parentheses kept as written).

use std::fmt;

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
    /// A list index: `[3]`.
    Index { index: u32, span: Span },
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

/// The functions of the condition language (names are case-sensitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Function {
    AttributeExists,
    AttributeNotExists,
    AttributeType,
    BeginsWith,
    Contains,
    Size,
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
            _ => return None,
        })
    }

    /// How many operands the function takes.
    pub(crate) fn arity(self) -> usize {
        match self {
            Function::AttributeExists | Function::AttributeNotExists | Function::Size => 1,
            Function::AttributeType | Function::BeginsWith | Function::Contains => 2,
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
        }
    }
}

/// A function call: `begins_with(a, :p)`, `size(a)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Call {
    pub(crate) function: Function,
    pub(crate) args: Vec<Operand>,
    pub(crate) span: Span,
}

/// Something that has a value: a path, a value placeholder or `size(path)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Operand {
    Path(Path),
    Value(ValueRef),
    Call(Call),
}

impl Operand {
    pub(crate) fn span(&self) -> Span {
        match self {
            Operand::Path(p) => p.span,
            Operand::Value(v) => v.span,
            Operand::Call(c) => c.span,
        }
    }
}

/// The comparators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "=",
            CompareOp::Ne => "<>",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The comparator with its operands swapped: `:v < a` is `a > :v`.
    pub(crate) fn flipped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            other => other,
        }
    }
}

/// A condition (key condition, condition or filter expression).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Condition {
    Compare {
        op: CompareOp,
        left: Operand,
        right: Operand,
        span: Span,
    },
    Between {
        operand: Operand,
        low: Operand,
        high: Operand,
        span: Span,
    },
    In {
        operand: Operand,
        list: Vec<Operand>,
        span: Span,
    },
    /// A function used as a condition (every function but `size`).
    Call(Call),
    Not {
        inner: Box<Condition>,
        span: Span,
    },
    And {
        left: Box<Condition>,
        right: Box<Condition>,
        span: Span,
    },
    Or {
        left: Box<Condition>,
        right: Box<Condition>,
        span: Span,
    },
    /// Parentheses as written (DynamoDB rejects some redundant ones, so they are kept).
    Parens {
        inner: Box<Condition>,
        span: Span,
    },
}

impl Condition {
    pub(crate) fn span(&self) -> Span {
        match self {
            Condition::Compare { span, .. }
            | Condition::Between { span, .. }
            | Condition::In { span, .. }
            | Condition::Not { span, .. }
            | Condition::And { span, .. }
            | Condition::Or { span, .. }
            | Condition::Parens { span, .. } => *span,
            Condition::Call(call) => call.span,
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
                PathElement::Index { index, .. } => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.function.name())?;
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
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, operands: &[Operand]) -> fmt::Result {
    for (i, operand) in operands.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{operand}")?;
    }
    Ok(())
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Compare {
                op, left, right, ..
            } => {
                write!(f, "{left} {} {right}", op.symbol())
            }
            Condition::Between {
                operand, low, high, ..
            } => {
                write!(f, "{operand} BETWEEN {low} AND {high}")
            }
            Condition::In { operand, list, .. } => {
                write!(f, "{operand} IN (")?;
                write_list(f, list)?;
                f.write_str(")")
            }
            Condition::Call(call) => write!(f, "{call}"),
            Condition::Not { inner, .. } => write!(f, "NOT {inner}"),
            Condition::And { left, right, .. } => write!(f, "{left} AND {right}"),
            Condition::Or { left, right, .. } => write!(f, "{left} OR {right}"),
            Condition::Parens { inner, .. } => write!(f, "({inner})"),
        }
    }
}
