//! DynamoDB's expression language, in layers.
//!
//! [`token`] splits text into spanned tokens; [`parser`] builds the [`ast`] with an explicit
//! recursion limit; [`check`] resolves `#name`/`:value` placeholders ([`placeholders`]) and
//! applies the checks every condition shares; [`key_condition`] reads a condition as a Query
//! key condition. Parsed trees are cached by text in [`cache`]. Only `KeyConditionExpression`
//! is served today; condition, filter, projection and update expressions will reuse the same
//! tokens and tree.

pub(crate) mod ast;
pub(crate) mod cache;
pub(crate) mod check;
pub(crate) mod key_condition;
pub(crate) mod parser;
pub(crate) mod placeholders;
pub(crate) mod reserved;
pub(crate) mod token;

pub(crate) use cache::ExprCache;
pub(crate) use key_condition::{KeyOp, KeyTerm};
pub(crate) use placeholders::{Placeholders, Uses};
