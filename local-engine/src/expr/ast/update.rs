//! Update expressions: `SET`, `REMOVE`, `ADD` and `DELETE` clauses.

use std::fmt;

use super::{Operand, Path, Span, ValueRef, write_list};

/// A whole `UpdateExpression`: clauses in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Update {
    pub(crate) clauses: Vec<UpdateClause>,
}

/// Which clause an action belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum ClauseKind {
    Set,
    Remove,
    Add,
    Delete,
}

impl ClauseKind {
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            ClauseKind::Set => "SET",
            ClauseKind::Remove => "REMOVE",
            ClauseKind::Add => "ADD",
            ClauseKind::Delete => "DELETE",
        }
    }

    pub(crate) fn from_keyword(word: &str) -> Option<ClauseKind> {
        [
            ClauseKind::Set,
            ClauseKind::Remove,
            ClauseKind::Add,
            ClauseKind::Delete,
        ]
        .into_iter()
        .find(|kind| kind.keyword().eq_ignore_ascii_case(word))
    }
}

/// One clause: its keyword and its comma-separated actions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UpdateClause {
    pub(crate) kind: ClauseKind,
    pub(crate) actions: Vec<UpdateAction>,
    pub(crate) span: Span,
}

/// One action of a clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum UpdateAction {
    /// `SET path = value`.
    Set(SetAction),
    /// `REMOVE path`.
    Remove(Path),
    /// `ADD path :value`.
    Add { path: Path, value: ValueRef },
    /// `DELETE path :value`.
    Delete { path: Path, value: ValueRef },
}

impl UpdateAction {
    /// The path the action writes.
    pub(crate) fn path(&self) -> &Path {
        match self {
            UpdateAction::Set(set) => &set.path,
            UpdateAction::Remove(path)
            | UpdateAction::Add { path, .. }
            | UpdateAction::Delete { path, .. } => path,
        }
    }
}

/// `SET path = value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SetAction {
    pub(crate) path: Path,
    pub(crate) value: SetValue,
}

/// `+` or `-` in a `SET` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ArithOp {
    Plus,
    Minus,
}

impl ArithOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            ArithOp::Plus => "+",
            ArithOp::Minus => "-",
        }
    }
}

/// The right-hand side of `SET path = ...`: an operand, two values joined by `+` or `-`, or a
/// value in parentheses (`(a + :v)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SetValue {
    Operand(Operand),
    Arith {
        op: ArithOp,
        left: Box<SetValue>,
        right: Box<SetValue>,
    },
    Parens(Box<SetValue>),
}

impl fmt::Display for SetValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetValue::Operand(operand) => write!(f, "{operand}"),
            SetValue::Arith { op, left, right } => write!(f, "{left} {} {right}", op.symbol()),
            SetValue::Parens(inner) => write!(f, "({inner})"),
        }
    }
}

impl fmt::Display for UpdateAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpdateAction::Set(set) => write!(f, "{} = {}", set.path, set.value),
            UpdateAction::Remove(path) => write!(f, "{path}"),
            UpdateAction::Add { path, value } | UpdateAction::Delete { path, value } => {
                write!(f, "{path} {}", value.key)
            }
        }
    }
}

impl fmt::Display for Update {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, clause) in self.clauses.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{} ", clause.kind.keyword())?;
            write_list(f, &clause.actions)?;
        }
        Ok(())
    }
}
