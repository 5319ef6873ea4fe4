//! Parsed expressions, cached by their text so a hot loop parses each expression once.
//!
//! Parsing is a pure function of the text, so both trees and syntax errors are cached, one
//! cache per expression kind. Each cache is bounded: when full it is emptied and refilled (no
//! order of its entries ever reaches a response).

use std::collections::HashMap;
use std::sync::Arc;

use parking_lot::RwLock;

use super::ast::{Condition, Path, Update};
use super::parser::{ParseError, parse_condition, parse_projection, parse_update};

/// How many distinct expression texts each cache keeps.
const CAPACITY: usize = 4096;

/// A parse result shared between requests.
pub(crate) type Parsed<T> = Arc<Result<T, ParseError>>;

/// The parse caches of one engine.
#[derive(Debug, Default)]
pub(crate) struct ExprCache {
    conditions: Cache<Condition>,
    updates: Cache<Update>,
    projections: Cache<Vec<Path>>,
}

impl ExprCache {
    /// The parse of a condition (key condition, condition or filter expression).
    pub(crate) fn condition(&self, source: &str) -> Parsed<Condition> {
        self.conditions.get(source, parse_condition)
    }

    /// The parse of an update expression.
    pub(crate) fn update(&self, source: &str) -> Parsed<Update> {
        self.updates.get(source, parse_update)
    }

    /// The parse of a projection expression.
    pub(crate) fn projection(&self, source: &str) -> Parsed<Vec<Path>> {
        self.projections.get(source, parse_projection)
    }

    /// How many condition texts are cached.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.conditions.map.read().len()
    }
}

#[derive(Debug)]
struct Cache<T> {
    map: RwLock<HashMap<String, Parsed<T>>>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache {
            map: RwLock::new(HashMap::new()),
        }
    }
}

impl<T> Cache<T> {
    fn get(&self, source: &str, parse: fn(&str) -> Result<T, ParseError>) -> Parsed<T> {
        if let Some(parsed) = self.map.read().get(source) {
            return Arc::clone(parsed);
        }
        let parsed = Arc::new(parse(source));
        let mut map = self.map.write();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(source.to_owned(), Arc::clone(&parsed));
        parsed
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
        let update = cache.update("SET a = :a");
        assert!(Arc::ptr_eq(&update, &cache.update("SET a = :a")));
        let projection = cache.projection("a, b");
        assert!(Arc::ptr_eq(&projection, &cache.projection("a, b")));
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
