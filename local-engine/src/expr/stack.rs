//! Deeply nested expressions run on a thread with a large stack.
//!
//! Parsing, checking and resolving recurse once per level of parentheses; a debug build needs a
//! few kilobytes per level, so the deepest valid expressions (about 300 levels: every level
//! costs an operator and DynamoDB allows 300) would overflow a 2 MB thread. Texts nested deeper
//! than [`SHALLOW_NESTING`] are therefore handled on a scoped thread with a 64 MB stack
//! (address space; only the pages used are committed). Ordinary expressions never leave the
//! caller's thread.

use std::cell::Cell;
use std::thread;

/// Parentheses nested deeper than this move the work to a large stack.
pub(crate) const SHALLOW_NESTING: usize = 24;

/// The stack of that thread.
const DEEP_STACK_BYTES: usize = 64 << 20;

thread_local! {
    /// Whether this thread is already one with a large stack.
    static ON_DEEP_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work` for an expression `source`, on a large stack when the text nests deeply.
/// `None` only when no thread could be started.
pub(crate) fn for_source<T: Send>(source: &str, work: impl FnOnce() -> T + Send) -> Option<T> {
    if nesting(source) <= SHALLOW_NESTING || ON_DEEP_STACK.with(Cell::get) {
        return Some(work());
    }
    thread::scope(|scope| {
        thread::Builder::new()
            .name("dynamodel-local-expression".to_owned())
            .stack_size(DEEP_STACK_BYTES)
            .spawn_scoped(scope, || {
                ON_DEEP_STACK.with(|flag| flag.set(true));
                work()
            })
            .ok()
            .and_then(|handle| handle.join().ok())
    })
}

/// The deepest parenthesis nesting in `source` (expressions have no string literals).
pub(crate) fn nesting(source: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in source.chars() {
        match c {
            '(' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_the_deepest_parentheses() {
        assert_eq!(nesting("a = :v"), 0);
        assert_eq!(nesting("(a) AND ((b))"), 2);
        assert_eq!(nesting(")))(("), 2);
    }

    #[test]
    fn shallow_work_stays_on_this_thread() {
        let here = thread::current().id();
        assert_eq!(for_source("(a)", || thread::current().id()), Some(here));
        let deep = "(".repeat(SHALLOW_NESTING + 1);
        assert_ne!(for_source(&deep, || thread::current().id()), Some(here));
        // Nested use does not start a second thread.
        let inner = for_source(&deep, || {
            let outer = thread::current().id();
            for_source(&deep, || thread::current().id()) == Some(outer)
        });
        assert_eq!(inner, Some(true));
    }
}
