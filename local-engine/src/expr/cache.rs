//! Parsed expressions, cached by their text so a hot loop parses each expression once.
//!
//! Parsing is a pure function of the text, so both trees and syntax errors are cached. The
//! cache is bounded: when full it is emptied and refilled (no order of its entries ever reaches
//! a response).

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::RwLock;

use super::ast::Condition;
use super::parser::{ParseError, parse_condition};

/// How many distinct expression texts are kept.
const CAPACITY: usize = 4096;

type Parsed = Arc<Result<Condition, ParseError>>;

/// A cache of parsed conditions.
#[derive(Debug, Default)]
pub(crate) struct ExprCache {
    conditions: RwLock<HashMap<String, Parsed>>,
}

impl ExprCache {
    /// The parse of `source`, from the cache or parsed now.
    pub(crate) fn condition(&self, source: &str) -> Parsed {
        if let Some(parsed) = self.conditions.read().get(source) {
            return Arc::clone(parsed);
        }
        let parsed = Arc::new(parse_condition(source));
        let mut conditions = self.conditions.write();
        if conditions.len() >= CAPACITY {
            conditions.clear();
        }
        conditions.insert(source.to_owned(), Arc::clone(&parsed));
        parsed
    }

    /// How many texts are cached.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.conditions.read().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lookup_returns_the_same_parse() {
        let cache = ExprCache::default();
        let first = cache.condition("a = :a");
        let second = cache.condition("a = :a");
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(cache.len(), 1);
        let error = cache.condition("a = ");
        assert!(error.is_err());
        assert!(Arc::ptr_eq(&error, &cache.condition("a = ")));
    }

    #[test]
    fn cache_stays_bounded() {
        let cache = ExprCache::default();
        for i in 0..(CAPACITY + 10) {
            cache.condition(&format!("a{i} = :v"));
        }
        assert!(cache.len() <= CAPACITY);
    }
}
