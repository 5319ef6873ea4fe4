//! Conditions: key conditions, `ConditionExpression` and `FilterExpression`.

use std::fmt;

use super::{Call, Operand, Span, write_list};

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

    /// Whether the comparator orders its operands (and so accepts only `S`, `N` and `B`).
    pub(crate) fn is_ordering(self) -> bool {
        !matches!(self, CompareOp::Eq | CompareOp::Ne)
    }
}

/// A condition (key condition, condition or filter expression).
///
/// Precedence, loosest first: `OR`, `AND`, `NOT`, then comparisons, `BETWEEN`, `IN` and
/// functions; parentheses override it.
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
    /// A function used as a condition (the checks reject `size` and unknown names here).
    Call(Call),
    Not {
        inner: Box<Condition>,
        span: Span,
    },
    /// Two or more conditions joined by `AND` at one level (chains are kept flat, so a long
    /// chain costs no depth).
    And {
        operands: Vec<Condition>,
        span: Span,
    },
    /// Two or more conditions joined by `OR` at one level.
    Or {
        operands: Vec<Condition>,
        span: Span,
    },
    /// Parentheses as written (DynamoDB rejects redundant ones, so they are kept).
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

fn write_joined(f: &mut fmt::Formatter<'_>, operands: &[Condition], joiner: &str) -> fmt::Result {
    for (i, operand) in operands.iter().enumerate() {
        if i > 0 {
            f.write_str(joiner)?;
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
            Condition::And { operands, .. } => write_joined(f, operands, " AND "),
            Condition::Or { operands, .. } => write_joined(f, operands, " OR "),
            Condition::Parens { inner, .. } => write!(f, "({inner})"),
        }
    }
}
