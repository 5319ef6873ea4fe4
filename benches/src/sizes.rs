//! Table sizes the benchmarks fill: 10^3 and 10^5 items, plus 10^6 when
//! `DYNAMODEL_BENCH_LARGE=1` (it takes several GB of memory and minutes to fill).

/// The environment variable that adds the 10^6-item runs.
pub const LARGE_VAR: &str = "DYNAMODEL_BENCH_LARGE";

/// The table sizes to measure, smallest first.
pub fn table_sizes() -> Vec<u64> {
    let mut sizes = vec![1_000, 100_000];
    if large() {
        sizes.push(1_000_000);
    }
    sizes
}

/// Whether the 10^6-item runs were asked for.
pub fn large() -> bool {
    std::env::var(LARGE_VAR).is_ok_and(|value| !value.is_empty() && value != "0")
}

/// A deterministic walk over `0..n` that visits indexes in a scattered order, so that
/// successive operations do not hit neighbouring keys (and warm caches) by construction.
#[derive(Clone, Debug)]
pub struct Scattered {
    n: u64,
    next: u64,
}

impl Scattered {
    /// A walk over `0..n` (`n` > 0).
    pub fn new(n: u64) -> Self {
        Scattered {
            n: n.max(1),
            next: 0,
        }
    }

    /// The next index.
    pub fn next_index(&mut self) -> u64 {
        self.next = self.next.wrapping_add(1);
        crate::model::mix(self.next) % self.n
    }
}

/// `K` indexes spread evenly over `0..n`, starting at `first`: distinct when `n >= K`,
/// and far apart (in different partitions once `n` is large), like the items of a
/// transaction that touches several records.
pub fn spread<const K: usize>(first: u64, n: u64) -> [u64; K] {
    let n = n.max(1);
    let step = n / u64::try_from(K).unwrap_or(1).max(1);
    let mut index = first % n;
    std::array::from_fn(|_| {
        let this = index;
        index = (index + step) % n;
        this
    })
}
