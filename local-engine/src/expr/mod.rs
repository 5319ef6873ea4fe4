//! DynamoDB's expression language, in layers.
//!
//! [`token`] splits text into spanned tokens; [`parser`] builds the [`ast`] with an explicit
//! recursion limit; [`check`] judges names, functions and operands in DynamoDB's order and
//! resolves `#name`/`:value` placeholders ([`placeholders`]) into a [`condition::Cond`] over
//! [`document::DocPath`]s, which [`condition`] evaluates with DynamoDB's value semantics
//! ([`value`]). [`key_condition`] reads a condition as a Query key condition; [`legacy`] turns
//! `Expected`, `QueryFilter` and `ScanFilter` into the same conditions. Parsed trees are cached
//! by text in [`cache`].

pub(crate) mod ast;
pub(crate) mod cache;
pub(crate) mod check;
pub(crate) mod condition;
pub(crate) mod document;
pub(crate) mod key_condition;
pub(crate) mod legacy;
pub(crate) mod parser;
pub(crate) mod placeholders;
pub(crate) mod projection;
pub(crate) mod reserved;
pub(crate) mod stack;
pub(crate) mod token;
pub(crate) mod update;
pub(crate) mod value;

pub(crate) use cache::ExprCache;
pub(crate) use condition::Cond;
pub(crate) use key_condition::{KeyOp, KeyTerm};
pub(crate) use placeholders::{Placeholders, Uses};
pub(crate) use projection::Projection;
