//! Support code for dynamodel's benchmarks: the model every benchmark converts and stores,
//! and the same few operations on the in-process engine and on the embedded peer.
//!
//! Every figure these benchmarks print is meant to be read against its peer measured in the
//! same run; `BENCHMARKS.md` at the repository root says how to run them and what they
//! showed.

pub mod load;
pub mod local;
pub mod model;
pub mod peer;
pub mod sizes;
