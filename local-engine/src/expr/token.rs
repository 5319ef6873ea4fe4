//! The tokenizer shared by every DynamoDB expression kind.
//!
//! Tokens carry byte spans into the source so errors can quote the text around them. Keywords
//! (`AND`, `OR`, `NOT`, `BETWEEN`, `IN`, `SET`, `REMOVE`, `ADD`, `DELETE`) are ordinary
//! [`TokenKind::Name`]s, recognised case-insensitively by whole token in the parser. A character
//! no expression can contain becomes a [`TokenKind::Illegal`] token, which no grammar rule
//! accepts, so it surfaces as DynamoDB's syntax error at that character.

use super::ast::Span;

/// One token's kind and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// An attribute name, function name or keyword: `[A-Za-z_][A-Za-z0-9_]*`.
    Name(String),
    /// `#name`: an expression attribute name placeholder (the text includes `#`).
    NamePlaceholder(String),
    /// `:value`: an expression attribute value placeholder (the text includes `:`).
    ValuePlaceholder(String),
    /// A list index: `0`, or a run of decimal digits without a leading zero.
    Number(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Plus,
    Minus,
    /// A character that starts no token.
    Illegal(char),
    /// The end of the input.
    Eof,
}

/// A token and where it is in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    pub(crate) span: Span,
}

/// Names start with a letter (`_a` is a syntax error at `_`); placeholders may start with `_`.
fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Splits `source` into tokens, ending with [`TokenKind::Eof`]. Never fails.
pub(crate) fn tokenize(source: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = source.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut take_while = |pred: fn(char) -> bool, end: &mut usize| {
            while let Some(&(i, next)) = chars.peek() {
                if !pred(next) {
                    break;
                }
                *end = i + next.len_utf8();
                chars.next();
            }
        };
        let kind = match c {
            '(' => TokenKind::LParen,
            ')' => TokenKind::RParen,
            '[' => TokenKind::LBracket,
            ']' => TokenKind::RBracket,
            ',' => TokenKind::Comma,
            '.' => TokenKind::Dot,
            '+' => TokenKind::Plus,
            '-' => TokenKind::Minus,
            '=' => TokenKind::Eq,
            '<' | '>' => {
                let second = chars.peek().map(|&(_, next)| next);
                let kind = match (c, second) {
                    ('<', Some('=')) => Some(TokenKind::Le),
                    ('<', Some('>')) => Some(TokenKind::Ne),
                    ('>', Some('=')) => Some(TokenKind::Ge),
                    _ => None,
                };
                match kind {
                    Some(kind) => {
                        chars.next();
                        end += 1;
                        kind
                    }
                    None if c == '<' => TokenKind::Lt,
                    None => TokenKind::Gt,
                }
            }
            '#' | ':' => {
                take_while(is_name_char, &mut end);
                if end == start + 1 {
                    TokenKind::Illegal(c)
                } else if c == '#' {
                    TokenKind::NamePlaceholder(source.get(start..end).unwrap_or("").to_owned())
                } else {
                    TokenKind::ValuePlaceholder(source.get(start..end).unwrap_or("").to_owned())
                }
            }
            // `0` is a number on its own: `[007]` reads as `[`, `0`, `0`, `7`.
            '0' => TokenKind::Number("0".to_owned()),
            c if c.is_ascii_digit() => {
                take_while(|c| c.is_ascii_digit(), &mut end);
                TokenKind::Number(source.get(start..end).unwrap_or("").to_owned())
            }
            c if is_name_start(c) => {
                take_while(is_name_char, &mut end);
                TokenKind::Name(source.get(start..end).unwrap_or("").to_owned())
            }
            other => TokenKind::Illegal(other),
        };
        tokens.push(Token {
            kind,
            span: Span { start, end },
        });
    }
    tokens.push(Token {
        kind: TokenKind::Eof,
        span: Span {
            start: source.len(),
            end: source.len(),
        },
    });
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<TokenKind> {
        tokenize(source).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn operators_and_placeholders() {
        use TokenKind::*;
        assert_eq!(
            kinds("#a<=:v AND b<>c>=d[10].e"),
            vec![
                NamePlaceholder("#a".into()),
                Le,
                ValuePlaceholder(":v".into()),
                Name("AND".into()),
                Name("b".into()),
                Ne,
                Name("c".into()),
                Ge,
                Name("d".into()),
                LBracket,
                Number("10".into()),
                RBracket,
                Dot,
                Name("e".into()),
                Eof,
            ]
        );
    }

    #[test]
    fn illegal_characters_become_tokens_with_spans() {
        let tokens = tokenize("c!=:c é");
        assert_eq!(tokens[1].kind, TokenKind::Illegal('!'));
        assert_eq!(tokens[1].span, Span { start: 1, end: 2 });
        assert_eq!(tokens[4].kind, TokenKind::Illegal('é'));
        assert_eq!(tokens[4].span, Span { start: 6, end: 8 });
        assert_eq!(
            kinds("# :")[..2],
            [TokenKind::Illegal('#'), TokenKind::Illegal(':')]
        );
    }

    #[test]
    fn names_start_with_a_letter_and_zero_stands_alone() {
        use TokenKind::*;
        assert_eq!(
            kinds("_a a_ #_b :_c"),
            vec![
                Illegal('_'),
                Name("a".into()),
                Name("a_".into()),
                NamePlaceholder("#_b".into()),
                ValuePlaceholder(":_c".into()),
                Eof,
            ]
        );
        assert_eq!(
            kinds("007 10"),
            vec![
                Number("0".into()),
                Number("0".into()),
                Number("7".into()),
                Number("10".into()),
                Eof
            ]
        );
    }
}
