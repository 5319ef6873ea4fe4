//! A recursive-descent parser for conditions, with an explicit recursion limit.
//!
//! Grammar (keywords case-insensitive, function names case-sensitive):
//!
//! ```text
//! condition  := or
//! or         := and ( OR and )*
//! and        := not ( AND not )*
//! not        := NOT not | primary
//! primary    := '(' condition ')'
//!             | function '(' operands ')'                 -- any function but size
//!             | operand comparator operand
//!             | operand BETWEEN operand AND operand
//!             | operand IN '(' operand ( ',' operand )* ')'
//! operand    := path | ':value' | size '(' operand ')'
//! path       := name ( '.' name | '[' digits ']' )*
//! name       := identifier | '#name'
//! ```

use super::ast::{
    Call, CompareOp, Condition, Function, NameRef, Operand, Path, PathElement, Span, ValueRef,
};
use super::token::{Token, TokenKind, tokenize};
use crate::messages::expression;

/// How deeply conditions may nest (parentheses and `NOT`) before parsing stops.
pub(crate) const MAX_DEPTH: usize = 256;

/// The longest expression DynamoDB accepts, in bytes.
pub(crate) const MAX_EXPRESSION_BYTES: usize = 4096;

/// Why an expression does not parse: the text after `Invalid <Parameter>: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) detail: String,
}

impl ParseError {
    fn new(detail: impl Into<String>) -> Self {
        ParseError {
            detail: detail.into(),
        }
    }
}

/// Parses a condition expression (also used for key conditions).
pub(crate) fn parse_condition(source: &str) -> Result<Condition, ParseError> {
    if source.trim().is_empty() {
        return Err(ParseError::new(expression::EMPTY));
    }
    if source.len() > MAX_EXPRESSION_BYTES {
        return Err(ParseError::new(expression::too_long(source.len())));
    }
    let mut parser = Parser {
        source,
        tokens: tokenize(source),
        pos: 0,
        depth: 0,
    };
    let condition = parser.or()?;
    parser.expect_end()?;
    Ok(condition)
}

struct Parser<'a> {
    source: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
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

    fn advance(&mut self) -> Span {
        let span = self.span();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        span
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), TokenKind::Name(name) if name.eq_ignore_ascii_case(word))
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
        let end = if at_end {
            previous.map_or(current.end, |p| p.end)
        } else {
            self.tokens
                .get(self.pos + 1)
                .map_or(current.end, |t| t.span.end)
        };
        let near = self.source.get(start..end).unwrap_or("");
        ParseError::new(expression::syntax(token, near))
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

    fn or(&mut self) -> Result<Condition, ParseError> {
        let mut left = self.and()?;
        while self.keyword("OR") {
            self.advance();
            let right = self.and()?;
            let span = left.span().to(right.span());
            left = Condition::Or {
                left: Box::new(left),
                right: Box::new(right),
                span,
            };
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Condition, ParseError> {
        let mut left = self.not()?;
        while self.keyword("AND") {
            self.advance();
            let right = self.not()?;
            let span = left.span().to(right.span());
            left = Condition::And {
                left: Box::new(left),
                right: Box::new(right),
                span,
            };
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Condition, ParseError> {
        if self.keyword("NOT") {
            self.enter()?;
            let start = self.advance();
            let inner = self.not()?;
            self.depth -= 1;
            let span = start.to(inner.span());
            return Ok(Condition::Not {
                inner: Box::new(inner),
                span,
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Condition, ParseError> {
        if matches!(self.peek(), TokenKind::LParen) {
            self.enter()?;
            let start = self.advance();
            let inner = self.or()?;
            let end = self.expect(&TokenKind::RParen)?;
            self.depth -= 1;
            return Ok(Condition::Parens {
                inner: Box::new(inner),
                span: start.to(end),
            });
        }
        if let (TokenKind::Name(name), TokenKind::LParen) = (self.peek(), self.peek_at(1)) {
            if name != "size" {
                return Ok(Condition::Call(self.call()?));
            }
        }
        let operand = self.operand()?;
        self.comparison(operand)
    }

    fn comparison(&mut self, left: Operand) -> Result<Condition, ParseError> {
        let op = match self.peek() {
            TokenKind::Eq => Some(CompareOp::Eq),
            TokenKind::Ne => Some(CompareOp::Ne),
            TokenKind::Lt => Some(CompareOp::Lt),
            TokenKind::Le => Some(CompareOp::Le),
            TokenKind::Gt => Some(CompareOp::Gt),
            TokenKind::Ge => Some(CompareOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
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

    fn call(&mut self) -> Result<Call, ParseError> {
        let name = match self.peek() {
            TokenKind::Name(name) => name.clone(),
            _ => return Err(self.syntax_error()),
        };
        let function = Function::from_name(&name)
            .ok_or_else(|| ParseError::new(expression::invalid_function(&name)))?;
        self.enter()?;
        let start = self.advance();
        self.expect(&TokenKind::LParen)?;
        let mut args = vec![self.operand()?];
        while matches!(self.peek(), TokenKind::Comma) {
            self.advance();
            args.push(self.operand()?);
        }
        let end = self.expect(&TokenKind::RParen)?;
        self.depth -= 1;
        Ok(Call {
            function,
            args,
            span: start.to(end),
        })
    }

    fn operand(&mut self) -> Result<Operand, ParseError> {
        match self.peek().clone() {
            TokenKind::ValuePlaceholder(key) => {
                let span = self.advance();
                Ok(Operand::Value(ValueRef { key, span }))
            }
            TokenKind::Name(name) if matches!(self.peek_at(1), TokenKind::LParen) => {
                match Function::from_name(&name) {
                    Some(Function::Size) => Ok(Operand::Call(self.call()?)),
                    // A condition function where a value is needed.
                    Some(_) => Err(self.syntax_error()),
                    None => Err(ParseError::new(expression::invalid_function(&name))),
                }
            }
            TokenKind::Name(_) | TokenKind::NamePlaceholder(_) => Ok(Operand::Path(self.path()?)),
            _ => Err(self.syntax_error()),
        }
    }

    fn name(&mut self) -> Result<NameRef, ParseError> {
        match self.peek().clone() {
            TokenKind::Name(name) => Ok(NameRef::Literal {
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
                    let index = match self.peek() {
                        TokenKind::Number(digits) => digits.parse::<u32>().ok(),
                        _ => None,
                    };
                    let Some(index) = index else {
                        return Err(self.syntax_error());
                    };
                    self.advance();
                    let end = self.expect(&TokenKind::RBracket)?;
                    span = span.to(end);
                    elements.push(PathElement::Index {
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
mod tests {
    use super::*;

    fn canonical(source: &str) -> String {
        parse_condition(source)
            .map(|c| c.to_string())
            .unwrap_or_else(|e| e.detail)
    }

    #[test]
    fn display_prints_canonical_form() {
        assert_eq!(canonical("p=:p"), "p = :p");
        assert_eq!(canonical(" p  =   :p "), "p = :p");
        assert_eq!(
            canonical("p=:p aNd c bEtWeEn :a AnD :b"),
            "p = :p AND c BETWEEN :a AND :b"
        );
        assert_eq!(
            canonical("((c=:c) AND (#p=:p))"),
            "((c = :c) AND (#p = :p))"
        );
        assert_eq!(
            canonical("begins_with(#s,:x) and :p=p"),
            "begins_with(#s, :x) AND :p = p"
        );
        assert_eq!(
            canonical("a.b[2].#c <> :v or not a in (:x,:y)"),
            "a.b[2].#c <> :v OR NOT a IN (:x, :y)"
        );
        assert_eq!(canonical("size(a) >= :n"), "size(a) >= :n");
    }

    #[test]
    fn precedence_and_binds_tighter_than_or() {
        let parsed = parse_condition("a = :a OR b = :b AND c = :c").unwrap();
        assert!(matches!(parsed, Condition::Or { .. }));
    }

    #[test]
    fn syntax_errors_quote_the_token_and_its_neighbours() {
        assert_eq!(
            canonical("p=:p AND c!=:c"),
            "Syntax error; token: \"!\", near: \"c!=\""
        );
        assert_eq!(
            canonical("p = "),
            "Syntax error; token: \"<EOF>\", near: \"=\""
        );
        assert_eq!(
            canonical("p"),
            "Syntax error; token: \"<EOF>\", near: \"p\""
        );
        assert_eq!(
            canonical("a > 4"),
            "Syntax error; token: \"4\", near: \"> 4\""
        );
        assert_eq!(
            canonical("a = :a )"),
            "Syntax error; token: \")\", near: \":a )\""
        );
    }

    #[test]
    fn functions_are_case_sensitive() {
        assert_eq!(
            canonical("BEGINS_WITH(c, :c)"),
            "Invalid function name; function: BEGINS_WITH"
        );
        assert_eq!(
            canonical("dog(c, :c)"),
            "Invalid function name; function: dog"
        );
    }

    #[test]
    fn empty_and_oversized_expressions() {
        assert_eq!(canonical(""), "The expression can not be empty;");
        assert_eq!(canonical("   "), "The expression can not be empty;");
        let long = format!("a = :v{}", " ".repeat(4100));
        assert!(canonical(&long).starts_with("Expression size has exceeded"));
    }

    #[test]
    fn recursion_limit_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}a = :a{}", "(".repeat(5000), ")".repeat(5000));
        // Longer than 4 KB is refused first; build one under the size limit but over the depth.
        assert!(canonical(&deep).starts_with("Expression size"));
        let nested = format!("{}a = :a{}", "(".repeat(300), ")".repeat(300));
        assert_eq!(canonical(&nested), expression::too_deep(MAX_DEPTH));
        let nots = format!("{}a = :a", "NOT ".repeat(300));
        assert_eq!(canonical(&nots), expression::too_deep(MAX_DEPTH));
    }
}
