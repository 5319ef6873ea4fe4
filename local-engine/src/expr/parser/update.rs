//! The update grammar.
//!
//! ```text
//! update     := clause+
//! clause     := SET set ( ',' set )*
//!             | REMOVE path ( ',' path )*
//!             | ADD path operand ( ',' path operand )*
//!             | DELETE path operand ( ',' path operand )*
//! set        := path '=' value
//! value      := term ( ( '+' | '-' ) term )?
//! term       := operand | '(' value ')'
//! ```
//!
//! `ADD` and `DELETE` take a `:value` placeholder only; clause keywords are never names.
//!
//! Clause keywords are case-insensitive. Whether clauses repeat, and what the operands may be,
//! is judged by the checks, as DynamoDB does after parsing.

use super::super::ast::{
    ArithOp, ClauseKind, SetAction, SetValue, Update, UpdateAction, UpdateClause, ValueRef,
};
use super::super::token::TokenKind;
use super::{ParseError, Parser};

/// Parses an `UpdateExpression`.
pub(crate) fn parse_update(source: &str) -> Result<Update, ParseError> {
    super::on_deep_stack(source, parse)
}

fn parse(source: &str) -> Result<Update, ParseError> {
    let mut parser = Parser::new(source)?;
    let mut clauses = Vec::new();
    loop {
        let kind = match parser.peek() {
            TokenKind::Name(word) => ClauseKind::from_keyword(word),
            _ => None,
        };
        let Some(kind) = kind else {
            return Err(parser.syntax_error());
        };
        clauses.push(parser.clause(kind)?);
        if matches!(parser.peek(), TokenKind::Eof) {
            return Ok(Update { clauses });
        }
    }
}

impl Parser<'_> {
    fn clause(&mut self, kind: ClauseKind) -> Result<UpdateClause, ParseError> {
        let start = self.advance();
        let mut actions = vec![self.action(kind)?];
        while matches!(self.peek(), TokenKind::Comma) {
            self.advance();
            actions.push(self.action(kind)?);
        }
        Ok(UpdateClause {
            kind,
            actions,
            span: start.to(self.previous_span()),
        })
    }

    fn action(&mut self, kind: ClauseKind) -> Result<UpdateAction, ParseError> {
        let path = self.path()?;
        Ok(match kind {
            ClauseKind::Set => {
                self.expect(&TokenKind::Eq)?;
                let value = self.set_value()?;
                UpdateAction::Set(SetAction { path, value })
            }
            ClauseKind::Remove => UpdateAction::Remove(path),
            ClauseKind::Add => UpdateAction::Add {
                path,
                value: self.value_placeholder()?,
            },
            ClauseKind::Delete => UpdateAction::Delete {
                path,
                value: self.value_placeholder()?,
            },
        })
    }

    fn value_placeholder(&mut self) -> Result<ValueRef, ParseError> {
        match self.peek().clone() {
            TokenKind::ValuePlaceholder(key) => Ok(ValueRef {
                key,
                span: self.advance(),
            }),
            _ => Err(self.syntax_error()),
        }
    }

    fn set_value(&mut self) -> Result<SetValue, ParseError> {
        let left = self.set_term()?;
        let op = match self.peek() {
            TokenKind::Plus => ArithOp::Plus,
            TokenKind::Minus => ArithOp::Minus,
            _ => return Ok(left),
        };
        self.advance();
        let right = self.set_term()?;
        Ok(SetValue::Arith {
            op,
            left: Box::new(left),
            right: Box::new(right),
        })
    }

    /// An operand, or a value in parentheses: `(a)` reads as an operand, `(a + :v)` as a
    /// parenthesized value.
    fn set_term(&mut self) -> Result<SetValue, ParseError> {
        if !matches!(self.peek(), TokenKind::LParen) {
            return Ok(SetValue::Operand(self.operand()?));
        }
        let (saved_pos, saved_depth) = (self.pos, self.depth);
        match self.operand() {
            Ok(operand) => return Ok(SetValue::Operand(operand)),
            Err(error) if !error.syntax => return Err(error),
            Err(_) => {}
        }
        self.pos = saved_pos;
        self.depth = saved_depth;
        self.enter()?;
        self.advance();
        let inner = self.set_value()?;
        self.expect(&TokenKind::RParen)?;
        self.leave();
        if matches!(inner, SetValue::Parens(_)) {
            return Err(Self::redundant_parentheses());
        }
        Ok(SetValue::Parens(Box::new(inner)))
    }
}
