//! Repeats one in-process engine operation in a loop, for a profiler to watch: the same
//! operations and inputs as the `engine` bench, without criterion around them.
//!
//! ```sh
//! cargo build --profile bench -p dynamodel-benches --bin profile
//! valgrind --tool=callgrind target/release/profile get 1000 20000
//! perf record -g target/release/profile query_100 100000 2000
//! ```
//!
//! Arguments: the operation (`put`, `get`, `query_1`, `query_100`, `update`, `transaction_4`,
//! `scan`), the number of orders in the table, and how many times to run it. The table is
//! filled before the loop; a profiler sees the fill too, so compare loops of equal fills.

use std::process::ExitCode;

use dynamodel::Backend;

use dynamodel_benches::local;
use dynamodel_benches::model::PARTITION_SIZE;
use dynamodel_benches::sizes::{Scattered, spread};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [operation, size, times] = args.as_slice() else {
        eprintln!(
            "usage: profile <put|get|query_1|query_100|update|transaction_4|scan> <orders> <times>"
        );
        return ExitCode::from(2);
    };
    let (Ok(size), Ok(times)) = (size.parse::<u64>(), times.parse::<u64>()) else {
        eprintln!("profile: <orders> and <times> are whole numbers");
        return ExitCode::from(2);
    };
    let engine = local::filled(size.max(1));
    let mut keys = Scattered::new(size.max(1));
    let partitions = size.div_ceil(PARTITION_SIZE).max(1);
    let mut read = 0usize;
    for _ in 0..times {
        let index = keys.next_index();
        let outcome = match operation.as_str() {
            "put" => local::now(engine.put_item(local::put_input(local::item(index)))).map(|_| ()),
            "get" => local::now(engine.get_item(local::get_input(index)))
                .map(|out| read += usize::from(out.item.is_some())),
            "query_1" | "query_100" => {
                let limit = if operation == "query_1" { 1 } else { 100 };
                local::now(engine.query(local::query_input(index % partitions, limit)))
                    .map(|out| read += out.items.map_or(0, |items| items.len()))
            }
            "update" => local::now(engine.update_item(local::update_input(index))).map(|_| ()),
            "transaction_4" => {
                let indexes = spread::<4>(index, size.max(4));
                local::now(engine.transact_write_items(local::transaction_input(&indexes)))
                    .map(|_| ())
            }
            "scan" => {
                read += local::scan(&engine, 10_000);
                Ok(())
            }
            other => {
                eprintln!("profile: unknown operation `{other}`");
                return ExitCode::from(2);
            }
        };
        if let Err(error) = outcome {
            eprintln!("profile: {operation} failed: {error}");
            return ExitCode::FAILURE;
        }
    }
    println!("{operation}: {times} runs on {size} orders, {read} items read");
    ExitCode::SUCCESS
}
