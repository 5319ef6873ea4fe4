//! The condition grammar (key conditions, `ConditionExpression`, `FilterExpression`).
//!
//! ```text
//! condition  := or
//! or         := and ( OR and )*
//! and        := not ( AND not )*
//! not        := NOT* primary
//! primary    := '(' condition ')'
//!             | call                                      -- a function as a condition
//!             | operand comparator operand
//!             | operand BETWEEN operand AND operand
//!             | operand IN '(' operand ( ',' operand )* ')'
//! comparator := '=' | '<>' | '<' | '<=' | '>' | '>='
//! ```
//!
//! A `(` may open a parenthesized condition or a parenthesized operand (`(a) = :v`); the
//! parser reads an operand first and falls back to a condition when no comparison follows.

use super::super::ast::{CompareOp, Condition, Operand, Span};
use super::super::check::shape::MAX_OPERATORS;
use super::super::token::TokenKind;
use super::{ParseError, Parser};
use crate::messages::expression;

/// The span from the first condition to the last.
fn span_of(operands: &[Condition]) -> Span {
    match (operands.first(), operands.last()) {
        (Some(first), Some(last)) => first.span().to(last.span()),
        _ => Span::default(),
    }
}

/// Parses a condition expression (also used for key conditions).
pub(crate) fn parse_condition(source: &str) -> Result<Condition, ParseError> {
    super::on_deep_stack(source, parse)
}

fn parse(source: &str) -> Result<Condition, ParseError> {
    let mut parser = Parser::new(source)?;
    let condition = parser.or()?;
    parser.expect_end()?;
    Ok(condition)
}

impl Parser<'_> {
    fn or(&mut self) -> Result<Condition, ParseError> {
        let first = self.and()?;
        if !self.keyword("OR") {
            return Ok(first);
        }
        let mut operands = vec![first];
        while self.keyword("OR") {
            self.advance();
            operands.push(self.and()?);
        }
        let span = span_of(&operands);
        Ok(Condition::Or { operands, span })
    }

    fn and(&mut self) -> Result<Condition, ParseError> {
        let first = self.not()?;
        if !self.keyword("AND") {
            return Ok(first);
        }
        let mut operands = vec![first];
        while self.keyword("AND") {
            self.advance();
            operands.push(self.not()?);
        }
        let span = span_of(&operands);
        Ok(Condition::And { operands, span })
    }

    /// `NOT`s are collected in a loop, so a long chain of them costs no stack. A chain longer
    /// than the operator limit is refused here (DynamoDB would refuse it after its other
    /// checks; no valid expression has one).
    fn not(&mut self) -> Result<Condition, ParseError> {
        let mut nots = Vec::new();
        while self.keyword("NOT") {
            nots.push(self.advance());
            if nots.len() > MAX_OPERATORS {
                return Err(ParseError::new(expression::too_many_operators(
                    MAX_OPERATORS + 1,
                )));
            }
        }
        let mut condition = self.primary()?;
        for start in nots.into_iter().rev() {
            let span = start.to(condition.span());
            condition = Condition::Not {
                inner: Box::new(condition),
                span,
            };
        }
        Ok(condition)
    }

    fn primary(&mut self) -> Result<Condition, ParseError> {
        if matches!(self.peek(), TokenKind::LParen) {
            let (saved_pos, saved_depth) = (self.pos, self.depth);
            match self.operand() {
                Ok(operand) if self.at_comparison() => return self.comparison(operand),
                // `(a)` not followed by a comparator: the syntax error is at this token.
                Ok(operand) if !matches!(operand.unwrapped(), Operand::Call(_)) => {
                    return self.comparison(operand);
                }
                // `(attribute_exists(a))`: read again as a parenthesized condition.
                Ok(_) => {}
                Err(error) if error.syntax => {}
                Err(error) => return Err(error),
            }
            self.pos = saved_pos;
            self.depth = saved_depth;
            self.enter()?;
            let start = self.advance();
            let inner = self.or()?;
            let end = self.expect(&TokenKind::RParen)?;
            self.leave();
            if matches!(inner, Condition::Parens { .. }) {
                return Err(Self::redundant_parentheses());
            }
            return Ok(Condition::Parens {
                inner: Box::new(inner),
                span: start.to(end),
            });
        }
        let operand = self.operand()?;
        match operand {
            Operand::Call(call) if !self.at_comparison() => Ok(Condition::Call(call)),
            operand => self.comparison(operand),
        }
    }

    /// Whether a comparator, `BETWEEN` or `IN` follows.
    fn at_comparison(&self) -> bool {
        self.compare_op().is_some() || self.keyword("BETWEEN") || self.keyword("IN")
    }

    fn compare_op(&self) -> Option<CompareOp> {
        match self.peek() {
            TokenKind::Eq => Some(CompareOp::Eq),
            TokenKind::Ne => Some(CompareOp::Ne),
            TokenKind::Lt => Some(CompareOp::Lt),
            TokenKind::Le => Some(CompareOp::Le),
            TokenKind::Gt => Some(CompareOp::Gt),
            TokenKind::Ge => Some(CompareOp::Ge),
            _ => None,
        }
    }

    fn comparison(&mut self, left: Operand) -> Result<Condition, ParseError> {
        if let Some(op) = self.compare_op() {
            self.advance();
            let right = self.operand()?;
            let span = left.span().to(right.span());
            return Ok(Condition::Compare {
                op,
                left,
                right,
                span,
            });
        }
        if self.keyword("BETWEEN") {
            self.advance();
            let low = self.operand()?;
            if !self.keyword("AND") {
                return Err(self.syntax_error());
            }
            self.advance();
            let high = self.operand()?;
            let span = left.span().to(high.span());
            return Ok(Condition::Between {
                operand: left,
                low,
                high,
                span,
            });
        }
        if self.keyword("IN") {
            self.advance();
            self.expect(&TokenKind::LParen)?;
            let mut list = vec![self.operand()?];
            while matches!(self.peek(), TokenKind::Comma) {
                self.advance();
                list.push(self.operand()?);
            }
            let end = self.expect(&TokenKind::RParen)?;
            let span = left.span().to(end);
            return Ok(Condition::In {
                operand: left,
                list,
                span,
            });
        }
        Err(self.syntax_error())
    }
}
