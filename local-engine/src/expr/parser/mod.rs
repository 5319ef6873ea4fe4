//! Recursive-descent parsers for every expression kind, with an explicit recursion limit.
//!
//! This module holds what the kinds share: the token cursor, DynamoDB's syntax error, paths,
//! operands and function calls. [`condition`], [`update`] and [`projection`] hold the grammars.
//! Parsing only judges syntax (plus redundant parentheses, which DynamoDB reports while
//! parsing); names, functions and values are judged afterwards by [`super::check`].
//!
//! Shared grammar (keywords `AND`, `OR`, `NOT`, `BETWEEN`, `IN` are case-insensitive and never
//! names; function names are case-sensitive and judged later):
//!
//! ```text
//! operand := path | ':value' | name '(' operand ( ',' operand )* ')' | '(' operand ')'
//! path    := name ( '.' name | '[' index ']' )*
//! name    := letter ( letter | digit | '_' )* | '#' ( letter | digit | '_' )+
//! index   := '0' | [1-9][0-9]*
//! ```

mod condition;
mod projection;
mod update;

pub(crate) use condition::parse_condition;
pub(crate) use projection::parse_projection;
pub(crate) use update::parse_update;

use super::ast::{Call, Function, NameRef, Operand, Path, PathElement, Span, ValueRef};
use super::stack;
use super::token::{Token, TokenKind, tokenize};
use crate::messages::expression;

/// How deeply parentheses and function calls may nest before parsing stops. DynamoDB's limit
/// of 300 operators bounds every valid expression well below this.
pub(crate) const MAX_DEPTH: usize = 320;

/// The longest expression DynamoDB accepts, in bytes.
pub(crate) const MAX_EXPRESSION_BYTES: usize = 4096;

/// The words that are never names, in any expression kind.
const KEYWORDS: [&str; 9] = [
    "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE",
];

/// Why an expression does not parse: the text after `Invalid <Parameter>: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) detail: String,
    /// Whether this is a plain syntax error (the parser may try another reading).
    syntax: bool,
}

impl ParseError {
    fn new(detail: impl Into<String>) -> Self {
        ParseError {
            detail: detail.into(),
            syntax: false,
        }
    }
}

/// Runs `parse` on `source`, on a large stack when the text nests deeply ([`super::stack`]).
fn on_deep_stack<T: Send>(
    source: &str,
    parse: fn(&str) -> Result<T, ParseError>,
) -> Result<T, ParseError> {
    stack::for_source(source, || parse(source))
        .unwrap_or_else(|| Err(ParseError::new(expression::too_deep(MAX_DEPTH))))
}

/// The token cursor shared by the grammars.
struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    /// A parser over `source`, or the error for an empty or oversized text.
    fn new(source: &'a str) -> Result<Self, ParseError> {
        if source.trim().is_empty() {
            return Err(ParseError::new(expression::EMPTY));
        }
        if source.len() > MAX_EXPRESSION_BYTES {
            return Err(ParseError::new(expression::too_long(source.len())));
        }
        Ok(Parser {
            source,
            tokens: tokenize(source),
            pos: 0,
            depth: 0,
        })
    }

    fn peek(&self) -> &TokenKind {
        self.tokens
            .get(self.pos)
            .map_or(&TokenKind::Eof, |t| &t.kind)
    }

    fn peek_at(&self, offset: usize) -> &TokenKind {
        self.tokens
            .get(self.pos + offset)
            .map_or(&TokenKind::Eof, |t| &t.kind)
    }

    fn span(&self) -> Span {
        self.tokens
            .get(self.pos)
            .map_or(Span::default(), |t| t.span)
    }

    /// The span of the token before the current one.
    fn previous_span(&self) -> Span {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(Span::default(), |t| t.span)
    }

    fn advance(&mut self) -> Span {
        let span = self.span();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        span
    }

    /// Whether the current token is `word` (case-insensitive).
    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), TokenKind::Name(name) if name.eq_ignore_ascii_case(word))
    }

    fn is_keyword(name: &str) -> bool {
        KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(name))
    }

    /// Whether a function call starts here: a name that is not a keyword, then `(`.
    fn at_call(&self) -> bool {
        matches!(
            (self.peek(), self.peek_at(1)),
            (TokenKind::Name(name), TokenKind::LParen) if !Self::is_keyword(name)
        )
    }

    /// DynamoDB's syntax error at the current token: the token's text (`<EOF>` at the end) and
    /// the source from the previous token to the next one.
    fn syntax_error(&self) -> ParseError {
        let current = self.span();
        let at_end = matches!(self.peek(), TokenKind::Eof);
        let token = if at_end {
            "<EOF>"
        } else {
            self.source.get(current.start..current.end).unwrap_or("")
        };
        let previous = self
            .pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map(|t| t.span);
        let start = previous.map_or(current.start, |p| p.start);
        // At the end, the text runs to the end of the source, trailing blanks included.
        let end = if at_end {
            self.source.len()
        } else {
            self.tokens
                .get(self.pos + 1)
                .map_or(current.end, |t| t.span.end)
        };
        let near = self.source.get(start..end).unwrap_or("");
        ParseError {
            detail: expression::syntax(token, near),
            syntax: true,
        }
    }

    fn expect(&mut self, kind: &TokenKind) -> Result<Span, ParseError> {
        if self.peek() == kind {
            Ok(self.advance())
        } else {
            Err(self.syntax_error())
        }
    }

    fn expect_end(&self) -> Result<(), ParseError> {
        if matches!(self.peek(), TokenKind::Eof) {
            Ok(())
        } else {
            Err(self.syntax_error())
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::new(expression::too_deep(MAX_DEPTH)));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// `( inner )` where `inner` is itself parenthesized is DynamoDB's redundant-parentheses
    /// error, reported when the outer group closes.
    fn redundant_parentheses() -> ParseError {
        ParseError::new(expression::REDUNDANT_PARENTHESES)
    }

    /// An operand: a path, a value, a function call, or an operand in parentheses.
    fn operand(&mut self) -> Result<Operand, ParseError> {
        match self.peek().clone() {
            TokenKind::ValuePlaceholder(key) => {
                let span = self.advance();
                Ok(Operand::Value(ValueRef { key, span }))
            }
            TokenKind::LParen => {
                self.enter()?;
                let start = self.advance();
                let inner = self.operand()?;
                let end = self.expect(&TokenKind::RParen)?;
                self.leave();
                if matches!(inner, Operand::Parens { .. }) {
                    // A path cannot continue after parentheses: DynamoDB reports that first, and
                    // no other reading of the text gets further.
                    if matches!(self.peek(), TokenKind::Dot | TokenKind::LBracket) {
                        return Err(ParseError::new(self.syntax_error().detail));
                    }
                    return Err(Self::redundant_parentheses());
                }
                Ok(Operand::Parens {
                    inner: Box::new(inner),
                    span: start.to(end),
                })
            }
            _ if self.at_call() => Ok(Operand::Call(self.call()?)),
            TokenKind::Name(_) | TokenKind::NamePlaceholder(_) => Ok(Operand::Path(self.path()?)),
            _ => Err(self.syntax_error()),
        }
    }

    /// `name ( operand, ... )`, for any name: unknown functions are judged later.
    fn call(&mut self) -> Result<Call, ParseError> {
        let TokenKind::Name(name) = self.peek().clone() else {
            return Err(self.syntax_error());
        };
        self.enter()?;
        let start = self.advance();
        self.expect(&TokenKind::LParen)?;
        let mut args = vec![self.operand()?];
        while matches!(self.peek(), TokenKind::Comma) {
            self.advance();
            args.push(self.operand()?);
        }
        let end = self.expect(&TokenKind::RParen)?;
        self.leave();
        Ok(Call {
            function: Function::from_name(&name),
            name,
            args,
            span: start.to(end),
        })
    }

    fn name(&mut self) -> Result<NameRef, ParseError> {
        match self.peek().clone() {
            TokenKind::Name(name) if !Self::is_keyword(&name) => Ok(NameRef::Literal {
                name,
                span: self.advance(),
            }),
            TokenKind::NamePlaceholder(key) => Ok(NameRef::Placeholder {
                key,
                span: self.advance(),
            }),
            _ => Err(self.syntax_error()),
        }
    }

    fn path(&mut self) -> Result<Path, ParseError> {
        let first = self.name()?;
        let mut span = first.span();
        let mut elements = vec![PathElement::Attribute(first)];
        loop {
            match self.peek() {
                TokenKind::Dot => {
                    self.advance();
                    let name = self.name()?;
                    span = span.to(name.span());
                    elements.push(PathElement::Attribute(name));
                }
                TokenKind::LBracket => {
                    let start = self.advance();
                    let TokenKind::Number(digits) = self.peek().clone() else {
                        return Err(self.syntax_error());
                    };
                    self.advance();
                    let end = self.expect(&TokenKind::RBracket)?;
                    span = span.to(end);
                    let index = digits
                        .parse::<u32>()
                        .ok()
                        .filter(|i| i32::try_from(*i).is_ok());
                    elements.push(PathElement::Index {
                        digits,
                        index,
                        span: start.to(end),
                    });
                }
                _ => return Ok(Path { elements, span }),
            }
        }
    }
}

#[cfg(test)]
mod tests;
