//! The projection grammar: `path ( ',' path )*`.

use super::super::ast::Path;
use super::super::token::TokenKind;
use super::{ParseError, Parser};

/// Parses a `ProjectionExpression` into its paths, in the order written.
pub(crate) fn parse_projection(source: &str) -> Result<Vec<Path>, ParseError> {
    let mut parser = Parser::new(source)?;
    let mut paths = vec![parser.path()?];
    while matches!(parser.peek(), TokenKind::Comma) {
        parser.advance();
        paths.push(parser.path()?);
    }
    parser.expect_end()?;
    Ok(paths)
}
